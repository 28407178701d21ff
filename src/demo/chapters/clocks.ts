/**
 * The clocks chapter (`faultline demo clocks`): raft, lease and lww under one scripted clock fault.
 * At a quarter of the time limit the leader's clock jumps ahead by CLOCK_JUMP (at least 10 s, and at
 * least the time limit, so its effect lasts to the end); at half time the clock is set right and that
 * node is cut off from the others until the final heal.
 *
 * - lease: rounds the leader sent while its clock was ahead extended its lease by the jump, so after
 *   the clock is set right the lease seems to last that much longer; cut off, it keeps answering
 *   reads alone while the majority elects a new leader that accepts writes: stale reads.
 * - lww (no leader: the first node takes the fault): its writes during the jump carry timestamps in
 *   the future, so every write made after the clock is set right — on any node — loses to them:
 *   acknowledged writes silently overwritten. Judged here by real time (what a user expects), not by
 *   lww's own timestamp rule.
 * - raft: commits and reads through a majority and times elections on the monotonic clock: the jump
 *   changes nothing; the partition costs it availability only.
 * Pure.
 */
import { formatDurationNs } from '../../../checkers/eventual/format-eventual.js';
import type { Chapter, Variant } from '../chapter.js';
import type { DemoRow } from '../demo-row.js';
import type { FaultStep } from '../fault-script.js';
import type { Translate } from '../messages/catalog.js';
import { linText, pctText, seconds } from './shared-text.js';

/** clockJumpMs: how far ahead the leader's clock jumps for a time limit: max(10 s, the time limit). */
export function clockJumpMs(timeLimitMs: number): number {
  return Math.max(10_000, timeLimitMs);
}

/** clocksFaults: the script (see the file header). */
export function clocksFaults(timeLimitMs: number): FaultStep[] {
  const quarter = Math.round(timeLimitMs / 4);
  return [
    { atMs: quarter, f: 'bump-clock', value: { nodes: 'leader', offsetMs: clockJumpMs(timeLimitMs) } },
    { atMs: 2 * quarter, f: 'reset-clock', value: null },
    { atMs: 2 * quarter, f: 'start-partition', value: { kind: 'leader' } },
  ];
}

/** explainClocksRow: what `r` shows about clocks (mode-specific, from its numbers). */
export function explainClocksRow(r: DemoRow, t: Translate, timeLimitMs: number): string {
  const lin = linText(r, t);
  const jump = seconds(clockJumpMs(timeLimitMs));
  switch (r.mode) {
    case 'raft':
      return r.linearizable === true && r.lostWrites === 0 ? t('clocks.raft.ok', { lin, pct: pctText(r, t) }) : t('clocks.raft.unexpected', { lin, n: r.lostWrites });
    case 'lease':
      return r.linearizable === false ? t('clocks.lease.broken', { jump, lin, n: r.staleReads, outdated: formatDurationNs(r.worstOutdatedNs) }) : t('clocks.lease.held', { jump, lin });
    case 'lww':
      return r.lostWrites > 0 ? t('clocks.lww.lost', { jump, n: r.lostWrites, lin }) : t('clocks.lww.none', { jump, lin });
    default:
      return t('cap.other', { mode: r.mode, pct: pctText(r, t), lin });
  }
}

const variant = (mode: string): Variant => ({ id: mode, label: mode, mode, writeOrder: 'real-time' });

/** CLOCKS_CHAPTER: see the file header. */
export const CLOCKS_CHAPTER: Chapter = {
  name: 'clocks',
  variants: ['raft', 'lease', 'lww'].map(variant),
  defaults: { timeLimitMs: 16_000, nodes: 3 },
  nodeCounts: [3, 5],
  minTimeLimitMs: 4_000,
  nemesis: ['clock', 'partition'],
  partition: ['leader'],
  faults: clocksFaults,
  columns: ['available', 'linearizable', 'staleness', 'lostWrites', 'eventual'],
  variantHeading: 'col.mode',
  tableHeading: 'clocks.tableHeading',
  describeFaults: (o, t) =>
    t('clocks.faults', { at: seconds(o.timeLimitMs / 4), jump: seconds(clockJumpMs(o.timeLimitMs)), half: seconds((2 * Math.round(o.timeLimitMs / 4))), rate: o.rate }),
  explain: (rows, t, o) => [...rows.map((r) => explainClocksRow(r, t, o.timeLimitMs)), t('clocks.lesson')],
};
