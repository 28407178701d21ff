import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { mergeVerdicts, verdictExitCode, verdictLabel } from '../core/verdict.js';
import type { Conventions } from '../core/operation.js';
import { HISTORY_FORMATS, type HistoryFormat } from '../history/index.js';
import { checkHistoryFile, parseDurationMs, type CheckFileOptions, type FileCheck } from '../check/check-history-file.js';
import { formatFileCheck } from '../check/format-file-check.js';
import { FaultlineError } from '../core/errors.js';

function parseJsonFlag(text: string, flag: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FaultlineError('usage', `${flag} must be JSON (e.g. 0, "", {"x":0}), got ${text}`);
  }
}

/** Check runs the linearizability checker on history files and exits 0 valid, 1 invalid, 2 unknown. */
export default class Check extends BaseCommand {
  static override summary = 'Check histories for linearizability (faultline JSONL, Jepsen/Knossos EDN, Jepsen logs, Porcupine kv logs).';
  static override description = `The format is detected from the content (--format overrides) and the model inferred from the
operations (--model overrides: a built-in name or a path to a model module). Histories are split by
key and every part is checked on worker threads; every failing key is reported with a
counterexample. Parts that run out of time (--timeout) or memory (--memory) are "unknown", and so
is a history in which nothing was observed ("no evidence"); an empty history is an input error.
Every verdict shows the ok/fail/info counts and the availability.
Exit code: 0 valid, 1 invalid, 2 unknown (the worst over all files); 3+ for usage and input errors.`;
  static override examples = [
    '<%= config.bin %> check fixtures/histories/porcupine-etcd/etcd_000.log',
    '<%= config.bin %> check store/latest/history.jsonl --json',
    '<%= config.bin %> check fixtures/histories/knossos/cas-register/bad/cas-failure.edn --model cas-register --nil-read strict',
    '<%= config.bin %> check big.jsonl --timeout 60s --memory 2048 --workers 2',
  ];
  static override strict = false;
  static override args = {
    file: Args.string({ required: true, description: 'history file(s) to check' }),
  };
  static override flags = {
    model: Flags.string({ char: 'm', description: `model: ${'register, cas-register, kv, multi-register, mutex, set, counter, fifo-queue, unordered-queue'}, or ./module.js` }),
    init: Flags.string({ description: 'initial state of a built-in model, as JSON (e.g. \'{"x":0,"y":0}\' or 0) [default: null / ""]' }),
    format: Flags.string({ options: [...HISTORY_FORMATS], description: 'input format [default: detected]' }),
    timeout: Flags.string({ default: '60s', description: 'time budget for each file (e.g. 500ms, 30s, 2m)' }),
    memory: Flags.integer({ min: 64, default: 2048, description: 'memory cap for the search, MB' }),
    workers: Flags.integer({ min: 1, description: 'worker threads [default: number of cores]' }),
    json: Flags.boolean({ description: 'print results as JSON' }),
    'failed-cas': Flags.string({ options: ['dropped', 'compare-failed'], description: 'a failed cas did not happen, or happened with a failed compare [default: per format]' }),
    'failed-read': Flags.string({ options: ['dropped', 'unknown'], description: 'a failed read did not happen, or timed out [default: per format]' }),
    'nil-read': Flags.string({ options: ['strict', 'unconstrained'], description: 'a read of null means never written, or says nothing [default: per format]' }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Check);
    const files = argv as string[];
    const conventions: Partial<Conventions> = {};
    if (flags['failed-cas']) conventions.failedCas = flags['failed-cas'] as Conventions['failedCas'];
    if (flags['failed-read']) conventions.failedRead = flags['failed-read'] as Conventions['failedRead'];
    if (flags['nil-read']) conventions.nilRead = flags['nil-read'] as Conventions['nilRead'];
    const options: CheckFileOptions = {
      timeoutMs: parseDurationMs(flags.timeout, '--timeout'),
      memoryCapMb: flags.memory,
      conventions,
    };
    if (flags.model !== undefined) options.model = flags.model;
    if (flags.init !== undefined) options.init = parseJsonFlag(flags.init, '--init');
    if (flags.format !== undefined) options.format = flags.format as HistoryFormat;
    if (flags.workers !== undefined) options.workers = flags.workers;
    const checks: FileCheck[] = [];
    for (const file of files) {
      const c = await checkHistoryFile(file, options);
      checks.push(c);
      if (!flags.json) for (const line of formatFileCheck(c)) this.log(line);
    }
    const valid = mergeVerdicts(checks.map((c) => c.result.valid));
    if (flags.json) {
      this.log(JSON.stringify({ valid, files: checks }, null, 2));
    } else if (checks.length > 1) {
      const count = (v: unknown): number => checks.filter((c) => c.result.valid === v).length;
      this.log(`${checks.length} files: ${count(true)} valid, ${count(false)} invalid, ${count('unknown')} unknown → ${verdictLabel(valid)}`);
    }
    this.exit(verdictExitCode(valid));
  }
}
