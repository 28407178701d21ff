/**
 * judgeConvergence: did the nodes' final reads end in agreement, and when? Shared by the eventual,
 * set and counter checkers. Pure.
 *
 * A view is one node's final reads of one key in call order (reads that name no node form their
 * process's view). The nodes converged when every view's last read returned the same value (its
 * `vkey`, a canonical text of the value). Then a node settled at the return of the first read of its
 * trailing run of reads of that value, and convergence took from `refNs` (the final heal, or the
 * final-phase start) to the latest settle. Otherwise the nodes were watched, without agreeing, from
 * `refNs` to the return of the last final read: "not converged within" that long.
 */

/** FinalRead is one ok final read as convergence needs it. */
export interface FinalRead {
  vkey: string;
  callNs: number;
  returnNs: number;
}

/** FinalView is one node's (or one process's) final reads of a key, ascending by call time. */
export interface FinalView {
  id: string;
  reads: readonly FinalRead[];
}

/**
 * Convergence is the answer for one key, or (convergenceOverall) for all keys together.
 * `converged` null means there was no final read. `ns`: converged → how long after refNs the last
 * node settled; not converged → how long after refNs the last final read returned (how long the
 * nodes were watched); null without final reads. `summary`: "converged after 1.2 s", "not converged
 * within 10.0 s" or "no final read".
 */
export interface Convergence {
  converged: boolean | null;
  ns: number | null;
  summary: string;
}

/** KeyConvergence adds what the checkers need per key: the agreed value's vkey, and whether disagreement was seen first. */
export interface KeyConvergence extends Convergence {
  agreedKey?: string;
  /** Some view read another value before settling (convergence was watched happening). */
  observed: boolean;
}

/** judgeConvergence judges one key's views (see the file header); views with no read are ignored. */
export function judgeConvergence(views: readonly FinalView[], refNs: number): KeyConvergence {
  const live = views.filter((v) => v.reads.length > 0);
  if (live.length === 0) return { converged: null, ns: null, summary: convergenceSummary(null, null), observed: false };
  const last = (v: FinalView): FinalRead => v.reads[v.reads.length - 1] as FinalRead;
  const lastKeys = new Set(live.map((v) => last(v).vkey));
  if (lastKeys.size > 1) {
    const endNs = Math.max(...live.map((v) => last(v).returnNs));
    const ns = Math.max(0, endNs - refNs);
    return { converged: false, ns, summary: convergenceSummary(false, ns), observed: false };
  }
  const agreedKey = [...lastKeys][0] as string;
  let settleNs = -Infinity;
  let observed = false;
  for (const v of live) {
    let i = v.reads.length - 1;
    while (i > 0 && (v.reads[i - 1] as FinalRead).vkey === agreedKey) i--;
    if (i > 0) observed = true;
    settleNs = Math.max(settleNs, (v.reads[i] as FinalRead).returnNs);
  }
  const ns = Math.max(0, settleNs - refNs);
  return { converged: true, ns, summary: convergenceSummary(true, ns), agreedKey, observed };
}

/**
 * convergenceOverall combines keys: not converged if any key did not (ns = the longest watch),
 * else converged if any key had final reads (ns = the slowest key), else no final read.
 */
export function convergenceOverall(keys: readonly Convergence[]): Convergence {
  const judged = keys.filter((k) => k.converged !== null);
  if (judged.length === 0) return { converged: null, ns: null, summary: convergenceSummary(null, null) };
  const failed = judged.filter((k) => k.converged === false);
  const pool = failed.length > 0 ? failed : judged;
  const ns = Math.max(...pool.map((k) => k.ns ?? 0));
  const converged = failed.length === 0;
  return { converged, ns, summary: convergenceSummary(converged, ns) };
}

/** convergenceSummary is the one-line text: "converged after X s", "not converged within N s", "no final read". */
export function convergenceSummary(converged: boolean | null, ns: number | null): string {
  if (converged === null || ns === null) return 'no final read';
  const s = (ns / 1e9).toFixed(1);
  return converged ? `converged after ${s} s` : `not converged within ${s} s`;
}

/**
 * groupFinalViews groups reads by `viewOf` (a node name, or a process label when the read names no
 * node) and sorts each view by call time; views are sorted by id (numeric-aware: n2 before n10).
 */
export function groupFinalViews<R extends FinalRead>(reads: readonly R[], viewOf: (r: R) => string): { id: string; reads: R[] }[] {
  const views = new Map<string, R[]>();
  for (const r of reads) {
    const id = viewOf(r);
    const list = views.get(id);
    if (list === undefined) views.set(id, [r]);
    else list.push(r);
  }
  return [...views.entries()]
    .map(([id, rs]) => ({ id, reads: rs.slice().sort((a, b) => a.callNs - b.callNs) }))
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}
