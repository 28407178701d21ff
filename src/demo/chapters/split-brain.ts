/**
 * The split-brain chapter (`faultline demo split-brain`): primary (failover by heartbeat timeout, no
 * fencing) against raft (terms and majorities), under one scripted fault: at a quarter of the time
 * limit the primary/leader is cut off from the others until the final heal. The cut-off primary
 * keeps acknowledging writes while the majority promotes another: two primaries at once. At the heal
 * the old one replaces its state by the new one's and its acknowledged writes are gone. raft's
 * cut-off leader cannot commit (no majority) and steps down; nothing acknowledged is lost. Pure.
 */
import type { Chapter, Variant } from '../chapter.js';
import type { DemoRow } from '../demo-row.js';
import type { FaultStep } from '../fault-script.js';
import type { Translate } from '../messages/catalog.js';
import { linText, pctText, seconds } from './shared-text.js';

/** splitBrainFaults: isolate the primary/leader at a quarter of the time limit, until the final heal. */
export function splitBrainFaults(timeLimitMs: number): FaultStep[] {
  return [{ atMs: Math.round(timeLimitMs / 4), f: 'start-partition', value: { kind: 'leader' } }];
}

/** explainSplitBrainRow: what `r` shows about split brain (mode-specific, from its numbers). */
export function explainSplitBrainRow(r: DemoRow, t: Translate): string {
  const lin = linText(r, t);
  const pct = pctText(r, t);
  switch (r.mode) {
    case 'primary':
      if (r.lostWrites === 0) return t('split.primary.none', { pct, lin });
      return t('split.primary.lost', { n: r.lostWrites, pct, linNote: r.linearizable === false ? t('split.primary.linBroken') : r.linearizable === true ? t('split.primary.linHeld') : t('split.primary.linUnknown') });
    case 'raft':
      return r.lostWrites === 0 && r.linearizable === true ? t('split.raft.ok', { pct, lin }) : t('split.raft.unexpected', { n: r.lostWrites, lin });
    default:
      return t('cap.other', { mode: r.mode, pct, lin });
  }
}

const variant = (mode: string): Variant => ({ id: mode, label: mode, mode, writeOrder: 'real-time' });

/** SPLIT_BRAIN_CHAPTER: see the file header. */
export const SPLIT_BRAIN_CHAPTER: Chapter = {
  name: 'split-brain',
  variants: ['primary', 'raft'].map(variant),
  defaults: { timeLimitMs: 16_000, nodes: 3 },
  nodeCounts: [3, 5],
  minTimeLimitMs: 4_000,
  nemesis: ['partition'],
  partition: ['leader'],
  faults: splitBrainFaults,
  columns: ['available', 'lostWrites', 'eventual', 'linearizable', 'staleness'],
  variantHeading: 'col.mode',
  tableHeading: 'split.tableHeading',
  describeFaults: (o, t) => t('split.faults', { at: seconds(o.timeLimitMs / 4), rate: o.rate }),
  explain: (rows, t) => [...rows.map((r) => explainSplitBrainRow(r, t)), t('split.lesson')],
};
