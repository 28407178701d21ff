/**
 * formatEventual: the eventual checker's result as lines of text for people (the CLI and the demo).
 * Pure.
 */
import { verdictLabel } from '../../src/core/verdict.js';
import type { EventualResult } from './eventual-result.js';

/** formatDurationNs renders ns as `0 ms`, `12.3 ms`, `1.25 s` (ms below one second). */
export function formatDurationNs(ns: number): string {
  if (!Number.isFinite(ns)) return String(ns);
  if (Math.abs(ns) >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  const ms = ns / 1e6;
  return `${ms === 0 ? '0' : Math.abs(ms) >= 100 ? ms.toFixed(0) : ms.toFixed(1)} ms`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(x === 0 || x === 1 ? 0 : 1)}%`;
}

/**
 * convergenceText: "converged after X s" or "not converged within N s", counted from the heal (or
 * the final-phase start), saying when the time is only an upper bound; "no final read" otherwise.
 */
export function convergenceText(r: Pick<EventualResult, 'convergence' | 'convergenceMeasure' | 'healNs'>): string {
  const c = r.convergence;
  if (c.converged === null) return c.summary;
  const from = r.healNs === null ? 'from the start of the final phase' : 'from the heal';
  if (c.converged && r.convergenceMeasure === 'at-most') return `${c.summary} at most (${from}; all final reads already agreed)`;
  return `${c.summary} (${from})`;
}

/**
 * formatEventual renders `r` as lines: the verdict, the totals, staleness and t-visibility,
 * convergence, then each key that is not valid (at most `maxKeys`) with its reason, node values and
 * first lost writes.
 */
export function formatEventual(r: EventualResult, maxKeys = 10): string[] {
  const out = [`eventual: ${verdictLabel(r.valid)} (write order: ${r.writeOrder})${r.reason === undefined ? '' : ` — ${r.reason}`}`];
  out.push(
    `  keys ${r.keyCount} · converged ${r.converged ? 'yes' : `no (${r.divergentKeys} divergent)`} · lost writes ${r.lostWriteCount} · phantom values ${r.phantomKeys} · phantom reads ${r.phantomReads}`,
  );
  const s = r.staleness;
  out.push(
    r.staleReads === 0
      ? `  stale reads: 0 of ${r.reads}`
      : `  stale reads: ${r.staleReads} of ${r.reads} (${pct(r.staleFraction)}); staleness p50 ${formatDurationNs(s.p50)} · p95 ${formatDurationNs(s.p95)} · p99 ${formatDurationNs(s.p99)} · max ${formatDurationNs(s.max)}; out of date for up to ${formatDurationNs(r.outdatedFor.max)}`,
  );
  out.push(`  t-visibility: ${r.tVisibility.map((p) => `${formatDurationNs(p.tNs)} ${pct(p.probability)}`).join(' · ')}`);
  out.push(`  convergence: ${convergenceText(r)}`);
  const bad = r.keys.filter((k) => k.valid !== true);
  for (const k of bad.slice(0, maxKeys)) {
    out.push(`  key ${k.key || '(none)'}: ${verdictLabel(k.valid)}${k.reason === undefined ? '' : ` — ${k.reason}`}`);
    if (k.finals.length > 0) out.push(`    final values: ${k.finals.map((f) => `${f.node}=${JSON.stringify(f.value)}`).join(' ')}`);
    if (k.lostWriteCount > 0) {
      const shown = k.lostWrites.slice(0, 5).map((w) => `${JSON.stringify(w.value)} (process ${w.process}, acknowledged at ${formatDurationNs(w.returnNs ?? 0)})`);
      out.push(`    lost: ${shown.join(', ')}${k.lostWriteCount > shown.length ? `, … ${k.lostWriteCount - shown.length} more` : ''}`);
    }
  }
  if (bad.length > maxKeys) out.push(`  … ${bad.length - maxKeys} more keys not valid`);
  return out;
}
