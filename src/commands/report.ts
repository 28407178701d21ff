import { Args, Flags } from '@oclif/core';
import { execa } from 'execa';
import { BaseCommand } from '../cli/base-command.js';
import { HISTORY_FORMATS, type HistoryFormat } from '../history/index.js';
import { parseDurationMs } from '../check/check-history-file.js';
import { writeReport } from '../report/write-report.js';
import { writtenReportLine } from '../report/written-report-line.js';

/** Report renders the self-contained HTML report of a run directory or a history file. */
export default class Report extends BaseCommand {
  static override summary = 'Render the self-contained HTML report of a run directory or a history file.';
  static override description = `For a run directory (store/<test>/<timestamp>/) the report shows its history.jsonl, test.json and
results.json and is written to report.html inside it. For a bare history file (any supported format)
the linearizability checker runs first (model inferred, or --model) and the report goes next to the
file (<name>.report.html; report.html for a history.jsonl). The page works offline: one file, no network.`;
  static override examples = [
    '<%= config.bin %> report store/latest',
    '<%= config.bin %> report fixtures/histories/porcupine-etcd/etcd_000.log --out /tmp/etcd.html',
    '<%= config.bin %> report history.edn --model cas-register --open',
  ];
  static override args = {
    target: Args.string({ required: true, description: 'a run directory or a history file' }),
  };
  static override flags = {
    out: Flags.string({ char: 'o', description: 'file to write [default: report.html in the run dir, or next to the history]' }),
    model: Flags.string({ char: 'm', description: 'model for checking a history without results (built-in name or module path) [default: inferred]' }),
    format: Flags.string({ options: [...HISTORY_FORMATS], description: 'history format [default: detected]' }),
    timeout: Flags.string({ default: '60s', description: 'time budget of the check, when one is needed (e.g. 30s, 2m)' }),
    open: Flags.boolean({ default: false, description: 'open the report in the default browser' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Report);
    const options: Parameters<typeof writeReport>[1] = { timeoutMs: parseDurationMs(flags.timeout, '--timeout') };
    if (flags.out !== undefined) options.out = flags.out;
    if (flags.model !== undefined) options.model = flags.model;
    if (flags.format !== undefined) options.format = flags.format as HistoryFormat;
    const r = await writeReport(args.target, options);
    this.log(writtenReportLine(r));
    if (flags.open) {
      const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
      const child = await execa(opener, [r.out], { reject: false, detached: true, stdio: 'ignore' });
      if (child.failed) this.logToStderr(`faultline: could not open a browser (${opener}); open ${r.out} yourself`);
    }
  }
}
