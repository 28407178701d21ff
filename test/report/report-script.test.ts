// The report page's script as real code (issue 12 item 6): src/report/page/*.ts is type-checked
// against ReportData by its own tsconfig (a wrong field name on either side fails), bundled into one
// classic script that the built CLI inlines in report.html (no import/export, no external script),
// and shipped in the package.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleReportPage, REPORT_PAGE_BUILT } from '../../src/report/bundle-report-page.js';
import { REPORT_SCRIPT } from '../../src/report/report-script.js';
import { ROOT, runCli } from '../cli/run-cli.js';

const ETCD = join(ROOT, 'fixtures/histories/porcupine-etcd/etcd_000.log');

/** classicScriptProblems: why `code` cannot be inlined as a classic <script> ([] when it can). */
function classicScriptProblems(code: string): string[] {
  const problems: string[] = [];
  try {
    new Script(code); // an import or export statement is a syntax error in a classic script
  } catch (err) {
    problems.push(`not a classic script: ${(err as Error).message}`);
  }
  if (/^\s*(import|export)\b/m.test(code)) problems.push('an import/export line');
  if (/\bimport\s*\(/.test(code)) problems.push('a dynamic import');
  if (/<\/script/i.test(code)) problems.push('a </script in the text');
  return problems;
}

describe('the report page script', () => {
  it('is one classic script (the bundle of the current sources, as faultline run from source uses it)', () => {
    expect(REPORT_SCRIPT).toBe(bundleReportPage(ROOT));
    expect(classicScriptProblems(REPORT_SCRIPT)).toEqual([]);
    // The modules are in it (esbuild notes each one), and it reads the embedded data.
    for (const m of ['main', 'timeline', 'charts', 'panel', 'navigation', 'interaction']) expect(REPORT_SCRIPT).toContain(`// src/report/page/${m}.ts`);
    expect(REPORT_SCRIPT).toContain('report-data');
  });

  describe('through the built CLI', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'faultline-report-script-'));
    });
    afterAll(async () => {
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    });

    it('`faultline report` inlines the bundle the build wrote: no import/export, no external script or stylesheet', async () => {
      const out = join(dir, 'etcd.html');
      const r = await runCli(['report', ETCD, '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const html = await readFile(out, 'utf8');
      const built = await readFile(join(ROOT, REPORT_PAGE_BUILT), 'utf8');
      // The build is current: dist holds the bundle of the sources.
      expect(built).toBe(bundleReportPage(ROOT));
      const tags = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
      expect(tags).toEqual([' type="application/json" id="report-data"', '']);
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|\bsrc="(?!data:)/);
      const inline = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
      expect(inline).toBe(built);
      expect(classicScriptProblems(inline)).toEqual([]);
    });
  });

  it('is in the package: `npm pack` ships the bundle the renderer reads', async () => {
    const { execa } = await import('execa');
    const r = await execa('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], { cwd: ROOT, env: { npm_config_update_notifier: 'false' } });
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain(REPORT_PAGE_BUILT);
    expect(files).toContain('dist/src/report/report-script.js');
  });
});

describe('the page type-check (src/report/page/tsconfig.json)', () => {
  // One program over the page's tsconfig; an edit replaces one file's text in memory.
  let config: ts.ParsedCommandLine | undefined;
  let previous: ts.Program | undefined;
  beforeAll(() => {
    config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'src/report/page/tsconfig.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
  });
  function diagnostics(edit?: { file: string; from: string; to: string }): string[] {
    if (config === undefined) throw new Error('no page tsconfig');
    const host = ts.createCompilerHost(config.options);
    const read = host.getSourceFile.bind(host);
    const target = edit === undefined ? '' : join(ROOT, edit.file);
    host.getSourceFile = (fileName, language, onError, fresh) => {
      if (edit === undefined || fileName !== target) return read(fileName, language, onError, fresh);
      const text = ts.sys.readFile(fileName)!;
      if (!text.includes(edit.from)) throw new Error(`${edit.file} no longer contains ${edit.from}`);
      return ts.createSourceFile(fileName, text.replace(edit.from, edit.to), language);
    };
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host, ...(previous === undefined ? {} : { oldProgram: previous }) });
    previous = program;
    return ts.getPreEmitDiagnostics(program).map((d) => `${d.file === undefined ? '' : d.file.fileName.slice(ROOT.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }

  it('checks the page modules with the DOM library and no Node types, and they are clean', () => {
    expect(config?.options.lib).toEqual(expect.arrayContaining(['lib.dom.d.ts']));
    expect(config?.options.types).toEqual([]);
    expect(config?.fileNames.map((f) => f.slice(ROOT.length + 1))).toContain('src/report/page/main.ts');
    expect(diagnostics()).toEqual([]);
  });

  it('fails on a wrong ReportData field used by the page', () => {
    const found = diagnostics({ file: 'src/report/page/main.ts', from: 'data.failures.length', to: 'data.failure.length' });
    expect(found).toEqual([expect.stringMatching(/^src\/report\/page\/main\.ts: Property 'failure' does not exist on type 'ReportData'/)]);
  });

  it('fails when the producer renames a field the page reads', () => {
    const found = diagnostics({ file: 'src/report/build-report-data.ts', from: '  spanNs: number;', to: '  spanNanos: number;' });
    expect(found.some((d) => /^src\/report\/page\/page-state\.ts: Property 'spanNs' does not exist on type 'ReportData'/.test(d))).toBe(true);
  });
});
