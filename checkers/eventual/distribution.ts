/**
 * distribution and tVisibility: summaries of staleness durations. Pure.
 */
import type { Distribution, TVisibilityPoint } from './eventual-result.js';

/** quantile is the nearest-rank q-quantile of ascending `sorted` (0 when empty); q in [0, 1]. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

/** distribution summarises durations (ns): count, p50, p95, p99 (nearest rank) and max; zeros when empty. */
export function distribution(values: readonly number[]): Distribution {
  const s = values.slice().sort((a, b) => a - b);
  return { count: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s.length === 0 ? 0 : (s[s.length - 1] as number) };
}

/** T_VISIBILITY_NS are the t values of the t-visibility curve: 0, 1 ms, 10 ms, 100 ms, 1 s, 10 s. */
export const T_VISIBILITY_NS: readonly number[] = [0, 1e6, 1e7, 1e8, 1e9, 1e10];

/**
 * tVisibility is Bailis et al.'s PBS t-visibility estimated from a history: for each t, the fraction
 * of `reads` reads that saw every write acknowledged at least t before they began. A read that missed
 * writes is inconsistent for every t up to how long its value had been out of date (its
 * `outdatedFor`: start minus the oldest missed ack), so P(t) = 1 − #{outdatedFor ≥ t} / reads. With
 * t = 0 it is the fraction of reads that were not stale at all. No reads → probability 1 everywhere.
 */
export function tVisibility(reads: number, outdatedForNs: readonly number[], ts: readonly number[] = T_VISIBILITY_NS): TVisibilityPoint[] {
  return ts.map((tNs) => {
    if (reads === 0) return { tNs, probability: 1 };
    const bad = outdatedForNs.filter((d) => d >= tNs).length;
    return { tNs, probability: 1 - bad / reads };
  });
}
