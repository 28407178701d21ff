/**
 * summaryLines: the human summary `faultline test` prints after a run. Pure.
 *
 * Contract: the verdict is followed by the ok/fail/info counts and the availability; every checker
 * that is not valid, and every part or key of it that is not valid, says why on the terminal (a
 * checker that gave no reason at all says so, rather than printing nothing); element and value lists
 * are short and readable ("lost 206: 1, 5, 9 … and 186 more"), never raw JSON dumps.
 */
import { join } from 'node:path';
import type { PartResult } from '../core/check-result.js';
import { verdictLabel, type Verdict } from '../core/verdict.js';
import { availability, formatFailReasons, type OutcomeTally } from '../history/outcome-counts.js';
import { formatCounterexample } from '../../checkers/linearizable/counterexample.js';
import { formatDurationNs } from '../../checkers/eventual/format-eventual.js';
import type { RunResult } from '../runner/index.js';

/** LIST_SHOWN is how many elements of a list a line shows before "… and N more". */
export const LIST_SHOWN = 20;
/** KEYS_SHOWN is how many not-valid keys or parts a checker lists before "… and N more". */
export const KEYS_SHOWN = 10;

type Outcome = RunResult['checkers'][number];

/**
 * summaryLines is the human summary printed after a run: the verdict, right under it the client
 * outcome counts (the line `ops: ok N · fail N · info N; nemesis ops N …` that scripts match) and
 * the availability, the fails by reason (`fails by reason: compare-failed 311 · not-leader 258`:
 * a refused cas is the workload's doing, a not-leader the store's), then each checker.
 */
export function summaryLines(r: RunResult, seed: number): string[] {
  const out = [`verdict: ${verdictLabel(r.valid)} (seed ${seed})`];
  const runReason = (r as { reason?: unknown }).reason;
  if (r.valid !== true && typeof runReason === 'string' && runReason !== '') out.push(`  why: ${runReason}`);
  const late = r.nemesisLatenessMs;
  out.push(`  ops: ok ${r.counts.ok} · fail ${r.counts.fail} · info ${r.counts.info}; nemesis ops ${late.count} (lateness p50 ${late.p50.toFixed(1)} ms, max ${late.max.toFixed(1)} ms)`);
  const skips = r.nemesisSkips;
  if (skips !== undefined && skips.skipped + skips.partlySkipped + skips.notStarted > 0) {
    const parts = [
      skips.skipped > 0 ? `${skips.skipped} skipped (node restarting or paused, leader unknown, or too late)` : '',
      skips.partlySkipped > 0 ? `${skips.partlySkipped} acted on some of their nodes only` : '',
      skips.notStarted > 0 ? `${skips.notStarted} not started (their turn came after the time limit)` : '',
    ].filter((p) => p !== '');
    out.push(`  faults that did not act: ${parts.join(', ')} (the history records why)`);
  }
  out.push(`  availability: ${availabilityText(r.counts)}`);
  const reasons = formatFailReasons(r.failReasons ?? {});
  if (reasons !== '') out.push(`  fails by reason: ${reasons}`);
  for (const c of r.checkers) out.push(...checkerLines(c));
  out.push(`  results: ${join(r.dir, 'results.json')}`);
  if (r.report !== undefined) out.push('path' in r.report ? `  report: ${r.report.path}${r.report.truncated === undefined ? '' : ` (${r.report.truncated})`}` : `  report not written: ${r.report.error}`);
  return out;
}

/** checkerLines: one checker's verdict and, for what is not valid, why. */
export function checkerLines(c: Outcome): string[] {
  const out = [`  ${c.checker}: ${verdictLabel(c.valid)}${c.reason ? ` — ${c.reason}` : ''}`];
  const detail =
    c.checker === 'linearizable' && Array.isArray(c['parts'])
      ? partLines(c['parts'] as PartResult[])
      : c.checker === 'set' && Array.isArray(c['keys'])
        ? keyLines(c['keys'] as Record<string, unknown>[], setKeyLines)
        : c.checker === 'counter' && Array.isArray(c['keys'])
          ? keyLines(c['keys'] as Record<string, unknown>[], counterKeyLines)
          : Array.isArray(c['keys'])
            ? keyLines(c['keys'] as Record<string, unknown>[], plainKeyLines)
            : [];
  out.push(...detail);
  const convergence = c['convergence'];
  if (convergence !== null && typeof convergence === 'object' && typeof (convergence as { summary?: unknown }).summary === 'string') {
    out.push(`    final reads on every node: ${(convergence as { summary: string }).summary}`);
  }
  if (c.valid === 'unknown' && !c.reason && !detail.some((l) => l.includes('unknown'))) {
    out.push(`    unknown: the ${c.checker} checker gave no reason (see results.json)`);
  }
  return out;
}

/** partLines: counterexamples of invalid parts, the reason of each unknown part, parts without evidence. */
function partLines(parts: readonly PartResult[]): string[] {
  const out: string[] = [];
  const unknown = parts.filter((p) => p.valid === 'unknown' && p.noEvidence !== true);
  const blind = parts.filter((p) => p.noEvidence === true);
  for (const p of parts) if (p.valid === false) out.push(...formatCounterexample(p).split('\n').map((l) => `    ${l}`));
  for (const p of unknown.slice(0, KEYS_SHOWN)) out.push(`    ${partName(p.part)}: unknown — ${p.reason ?? 'undecided (no reason given)'}`);
  if (unknown.length > KEYS_SHOWN) out.push(`    … and ${unknown.length - KEYS_SHOWN} more unknown parts (see results.json)`);
  if (blind.length === 1) out.push(`    ${partName(blind[0]!.part)}: unknown — ${blind[0]!.reason ?? 'no evidence'}`);
  else if (blind.length > 1) {
    out.push(`    unknown, no evidence (no ok read or similar, or nothing that could change the state): ${listText(blind.map((p) => partName(p.part)))}`);
  }
  return out;
}

/** keyLines: every key that is not valid, with `detail`, at most KEYS_SHOWN of them. */
function keyLines(keys: readonly Record<string, unknown>[], detail: (k: Record<string, unknown>) => string[]): string[] {
  const bad = keys.filter((k) => k['valid'] !== true);
  const out: string[] = [];
  for (const k of bad.slice(0, KEYS_SHOWN)) {
    const reason = typeof k['reason'] === 'string' ? ` — ${k['reason']}` : '';
    out.push(`    key ${keyName(k['key'])}: ${verdictLabel(k['valid'] as Verdict)}${reason}`);
    out.push(...detail(k).map((l) => `      ${l}`));
  }
  if (bad.length > KEYS_SHOWN) out.push(`    … and ${bad.length - KEYS_SHOWN} more keys not valid (see results.json)`);
  return out;
}

function setKeyLines(k: Record<string, unknown>): string[] {
  const n = (f: string): number => (typeof k[f] === 'number' ? (k[f] as number) : 0);
  const out = [
    `attempted ${n('attempted')} · acknowledged ${n('acknowledged')} · final reads ${n('finalReads')} · ok ${n('ok')} · recovered ${n('recovered')} · stale ${n('stale')}` +
      (n('worstStaleNs') > 0 ? ` (worst ${formatDurationNs(n('worstStaleNs'))})` : ''),
  ];
  for (const [label, list, count] of [
    ['lost', 'lost', 'lostCount'],
    ['divergent', 'divergent', 'divergentCount'],
    ['unexpected', 'unexpected', 'unexpectedCount'],
  ] as const) {
    if (n(count) > 0) out.push(`${label} ${n(count)}: ${listText(asList(k[list]), n(count))}`);
  }
  return out;
}

function counterKeyLines(k: Record<string, unknown>): string[] {
  const n = (f: string): number => (typeof k[f] === 'number' ? (k[f] as number) : 0);
  const out = [`reads ${n('reads')} · acknowledged sum ${n('acknowledged')} · attempted sum ${n('attempted')}`];
  const finals = k['finalValues'];
  if (finals !== null && typeof finals === 'object' && Object.keys(finals).length > 0) {
    out.push(`final values: ${Object.entries(finals as Record<string, unknown>).map(([node, v]) => `${node}=${valueText(v)}`).join(', ')}`);
  }
  const errors = asList(k['errors']) as Record<string, unknown>[];
  if (n('errorCount') > 0) {
    const shown = errors.slice(0, 3).map((e) => `${valueText(e['value'])} not in [${valueText(e['lower'])}, ${valueText(e['upper'])}] (process ${valueText(e['process'])})`);
    const more = n('errorCount') - shown.length;
    out.push(`reads out of bounds ${n('errorCount')}: ${shown.join('; ')}${more > 0 ? ` … and ${more} more` : ''}`);
  }
  return out;
}

function plainKeyLines(): string[] {
  return [];
}

/**
 * listText renders values briefly: at most LIST_SHOWN, then "… and N more", where N counts from
 * `total` (the full count, when the list itself was capped). Pure.
 */
export function listText(values: readonly unknown[], total = values.length): string {
  const shown = values.slice(0, LIST_SHOWN).map(valueText);
  const more = total - shown.length;
  return more > 0 ? `${shown.join(', ')} … and ${more} more` : shown.join(', ');
}

function availabilityText(t: OutcomeTally): string {
  const a = availability(t);
  return a === null ? 'n/a (no client operation)' : `${(a * 100).toFixed(1)}% (ok / (ok + fail + info))`;
}

function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function partName(part: string): string {
  return part === '' ? 'history' : `key ${part}`;
}

function keyName(key: unknown): string {
  return key === '' || key === undefined ? '(none)' : String(key);
}
