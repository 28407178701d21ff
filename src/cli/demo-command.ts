/**
 * The shared shell of every `faultline demo <chapter>` command: the flags they all take, their
 * parsing (usage errors before anything starts or is printed), progress on stderr, and the table,
 * sentences and links on stdout — every text from the chosen language's catalog.
 */
import { randomInt } from 'node:crypto';
import { Flags } from '@oclif/core';
import { FaultlineError } from '../core/errors.js';
import { parseDurationMs } from '../config/parse-duration.js';
import { formatDurationNs } from '../../checkers/eventual/format-eventual.js';
import { type Chapter, type DemoOptions, checkDemoOptions } from '../demo/chapter.js';
import { type Lang, type Translate, parseLang, translator } from '../demo/messages/catalog.js';
import { type DemoProgress, type DemoResult, runDemo } from '../demo/run-demo.js';

/** DEMO_STORE: the default results directory. */
const DEMO_STORE = 'store';

/** demoFlags: the flags every demo takes, with `chapter`'s defaults in their help. */
export function demoFlags(chapter: Chapter) {
  return {
    'time-limit': Flags.string({
      description: `how long each run's workload lasts, e.g. 20s (at least ${chapter.minTimeLimitMs / 1000}s) [default: ${chapter.defaults.timeLimitMs / 1000}s]`,
    }),
    seed: Flags.string({ description: 'seed for operations and faults [default: random, printed]' }),
    nodes: Flags.integer({ description: `nodes per cluster: ${chapter.nodeCounts.join(' or ')} [default: ${chapter.defaults.nodes}]` }),
    store: Flags.string({ description: `results directory [default: ${DEMO_STORE}]` }),
    lang: Flags.string({ description: 'language of the output: en or zh (中文) [default: en]' }),
    json: Flags.boolean({ description: 'print summary.json to stdout instead of the table' }),
  };
}

/** DemoFlagValues: the parsed flags. */
export interface DemoFlagValues {
  'time-limit'?: string | undefined;
  seed?: string | undefined;
  nodes?: number | undefined;
  store?: string | undefined;
  lang?: string | undefined;
  json: boolean;
}

/** demoOptions resolves the flags against `chapter`'s defaults; throws usage FaultlineErrors. */
export function demoOptions(chapter: Chapter, flags: DemoFlagValues): DemoOptions {
  const lang: Lang = flags.lang === undefined ? 'en' : parseLang(flags.lang);
  const options: DemoOptions = {
    timeLimitMs: flags['time-limit'] === undefined ? chapter.defaults.timeLimitMs : parseDurationMs(flags['time-limit'], '--time-limit'),
    seed: flags.seed === undefined ? randomInt(0, 2 ** 32) : seedFlag(flags.seed),
    nodes: flags.nodes ?? chapter.defaults.nodes,
    store: flags.store ?? DEMO_STORE,
    lang,
  };
  checkDemoOptions(chapter, options);
  return options;
}

/**
 * runDemoCommand runs `chapter` for a parsed command: progress to stderr (unless --json), then the
 * table, the sentences and where everything is (`log` writes a stdout line). Ctrl-C and SIGTERM stop
 * the run in progress (its teardown heals and stops the cluster) and end with exit 130.
 */
export async function runDemoCommand(chapter: Chapter, flags: DemoFlagValues, log: (line: string) => void): Promise<void> {
  const options = demoOptions(chapter, flags);
  const t = translator(options.lang);
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const say = (line: string): void => {
    if (!flags.json) process.stderr.write(`${line}\n`);
  };
  const variants = chapter.variants.map((v) => v.label).join(', ');
  say(t('cli.header', { chapter: chapter.name, variants, nodes: options.nodes, seconds: options.timeLimitMs / 1000, seed: options.seed }));
  let result: DemoResult;
  try {
    result = await runDemo(chapter, options, { signal: abort.signal, onProgress: (p) => progress(p, say, t) });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (flags.json) {
    log(JSON.stringify({ ...result.summary, summaryPath: result.summaryPath, page: result.pagePath }, null, 2));
    return;
  }
  log('');
  for (const line of result.summary.table) log(line);
  log('');
  for (const s of result.summary.sentences) log(s);
  log('');
  log(t('cli.summary', { path: result.summaryPath }));
  log(t('cli.page', { path: result.pagePath }));
  const width = Math.max(...result.summary.rows.map((r) => r.variant.length));
  for (const r of result.summary.rows) log(`${r.variant.padEnd(width)} ${r.report ?? r.dir}`);
}

function progress(p: DemoProgress, say: (line: string) => void, t: Translate): void {
  if (p.kind === 'variant-start') say(t('cli.start', { i: p.index + 1, n: p.of, variant: p.variant }));
  else if (p.kind === 'variant-done') say(t('cli.done', { variant: p.variant, elapsed: formatDurationNs(p.elapsedMs * 1e6) }));
  else if (p.event.kind === 'fault') say(p.event.current === null ? t('cli.noFault', { variant: p.variant }) : t('cli.fault', { variant: p.variant, f: p.event.current.f }));
}

function seedFlag(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n)) throw new FaultlineError('usage', `--seed must be an integer, not "${text}"`);
  return n;
}
