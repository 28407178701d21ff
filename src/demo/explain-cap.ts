/**
 * explainCap: a few plain sentences on what each row of the CAP table shows — which modes chose
 * consistency, which chose availability, and why — written from the numbers measured. Pure.
 */
import { formatDurationNs } from '../../checkers/eventual/format-eventual.js';
import type { CapRow } from './cap-row.js';

const pct = (r: CapRow): string => (r.availability.fraction === null ? 'n/a' : `${Math.round(r.availability.fraction * 100)}%`);

/** explainRow says, in one or two sentences, what `r` shows (mode-specific, from its numbers). */
export function explainRow(r: CapRow): string {
  const lin = r.linearizable === true ? 'stayed linearizable' : r.linearizable === false ? 'was not linearizable' : 'could not be judged for linearizability';
  switch (r.mode) {
    case 'raft':
      return r.linearizable === true
        ? `raft chose consistency (CP): it ${lin}, but only ${pct(r)} of the operations tried during faults succeeded — a leader cut off from the majority stops answering, and nothing is served until a new leader is elected.`
        : `raft should be linearizable, yet it ${lin} in this run: look at the counterexample in its report.`;
    case 'lease':
      return r.linearizable === false
        ? `lease is raft whose leader answers reads alone while its lease lasts on its own clock: the clock nemesis kept a deposed leader's lease alive, so it ${lin} (${pct(r)} available during faults). Consistency that rests on clocks is only as good as the clocks.`
        : `lease is raft whose leader answers reads alone while its lease lasts on its own clock; in this run it ${lin} (${pct(r)} available during faults) — the clock faults did not happen to hit a deposed leader's lease (try another --seed).`;
    case 'primary':
      return r.lostWrites > 0
        ? `primary chose availability on the wrong side: the cut-off primary kept acknowledging writes the others never saw, and after the failover ${r.lostWrites} acknowledged write(s) vanished — available (${pct(r)}), but it ${lin} and lost data.`
        : `primary kept ${pct(r)} of operations going during faults and ${lin}; no acknowledged write was lost this time (the failover found nothing unreplicated) — try another --seed.`;
    case 'lww': {
      const stale = r.staleReads > 0 ? `reads were stale (worst ${formatDurationNs(r.worstStalenessNs)}, ${r.staleReads} of ${r.reads})` : 'no stale read was seen';
      const conv = r.converged === true ? `every node converged to the same value after the heal${r.convergenceNs === null ? '' : ` (${r.convergenceMeasure === 'at-most' ? 'within ' : 'in '}${formatDurationNs(r.convergenceNs)})`}` : 'the nodes did NOT converge after the heal';
      const lost =
        r.lostWrites > 0
          ? ` But last-writer-wins trusts clocks: a skewed clock stamped some writes "later" than writes that really came after them, so ${r.lostWrites} acknowledged write(s) were silently overwritten by writes that had finished before they began${r.writeOrder === 'store-order' ? ' — by its own rule (latest timestamp wins) that is allowed, which is why it still counts as eventually consistent' : ''}.`
          : '';
      return `lww chose availability (AP): ${pct(r)} of operations succeeded during faults; ${stale}, so it ${lin}; ${conv}.${lost}`;
    }
    default:
      return `${r.mode}: ${pct(r)} available during faults; it ${lin}.`;
  }
}

/** explainCap returns one sentence per row, then what CAP says about the contrast. */
export function explainCap(rows: readonly CapRow[]): string[] {
  return [
    ...rows.map(explainRow),
    'CAP: while the network is partitioned a store must either refuse some requests to stay consistent (raft) or keep answering and let replicas disagree for a while (lww, and primary, which also loses acknowledged writes). No mode gets both.',
  ];
}
