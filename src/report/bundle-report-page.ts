/**
 * bundleReportPage: the report page's script — the TypeScript modules of src/report/page/, entry
 * main.ts — bundled by esbuild into one classic script (an IIFE: no import, no export), to be inlined
 * in report.html. esbuild is a devDependency: `npm run build` calls this (scripts/bundle-report-page.mjs)
 * and writes REPORT_PAGE_BUILT into dist, which an installed faultline reads; only faultline run from
 * its TypeScript sources (vitest, tsx) bundles on the fly. esbuild strips types without checking
 * them: `tsc -p src/report/page/tsconfig.json` (in `npm run build` and `npm run typecheck`) does.
 * Deterministic: the same sources give the same bytes.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** REPORT_PAGE_ENTRY: the page script's entry module, relative to the package root. */
export const REPORT_PAGE_ENTRY = 'src/report/page/main.ts';
/** REPORT_PAGE_BUILT: where the build writes the bundled script, relative to the package root. */
export const REPORT_PAGE_BUILT = 'dist/src/report/page/report-page.js';

/** bundleReportPage returns the bundled page script of the package at `root` (throws esbuild's error on a syntax error). */
export function bundleReportPage(root: string): string {
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    absWorkingDir: root,
    entryPoints: [join(root, REPORT_PAGE_ENTRY)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Browsers of the last few years; non-ASCII characters escaped, so the script is plain ASCII.
    target: 'es2020',
    charset: 'ascii',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const out = result.outputFiles[0];
  if (out === undefined) throw new Error(`esbuild wrote nothing for ${REPORT_PAGE_ENTRY}`);
  return out.text;
}
