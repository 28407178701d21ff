/**
 * The cap chapter (`faultline demo cap`): raft, lease, primary and lww through the same seeded
 * faults — partitions that isolate the leader/primary and clock skews, both cycling every quarter of
 * the time limit, so the run ends inside a fault window that the final heal closes. Isolating the
 * leader is what makes every mode show its trade-off in a short run: raft's isolated leader stops
 * answering; primary's isolated primary keeps acknowledging writes that the majority never sees and
 * that the failover then throws away (with random halves the primary often lands in the majority and
 * nothing is lost); lww's isolated node keeps serving its own, stale view. Pure.
 */
import type { WriteOrder } from '../../../checkers/eventual/index.js';
import type { Chapter, Variant } from '../chapter.js';
import type { DemoRow } from '../demo-row.js';
import type { Translate } from '../messages/catalog.js';
import { convText, linText, pctText, staleText } from './shared-text.js';

/** CAP_MODES: the modes compared, in the order the table shows them. */
export const CAP_MODES = ['raft', 'lease', 'primary', 'lww'] as const;

/**
 * capWriteOrder: how the eventual checker judges a mode's lost writes. lww promises only that the
 * write with the latest timestamp wins (DESIGN: "for LWW stores, by timestamp"), so a write
 * overwritten by one that finished before it — possible when clocks are skewed — breaks no promise
 * of lww and is listed, not held against it (store-order); every other mode promises real-time order.
 */
export function capWriteOrder(mode: string): WriteOrder {
  return mode === 'lww' ? 'store-order' : 'real-time';
}

/** explainCapRow says, in one or two sentences, what `r` shows (mode-specific, from its numbers). */
export function explainCapRow(r: DemoRow, t: Translate): string {
  const lin = linText(r, t);
  const pct = pctText(r, t);
  switch (r.mode) {
    case 'raft':
      return r.linearizable === true ? t('cap.raft.cp', { lin, pct }) : t('cap.raft.unexpected', { lin });
    case 'lease':
      return t(r.linearizable === false ? 'cap.lease.broken' : 'cap.lease.held', { lin, pct });
    case 'primary':
      if (r.lostWrites === 0) return t('cap.primary.none', { pct, lin });
      return r.linearizable === true ? t('cap.primary.lostQuiet', { n: r.lostWrites, pct }) : t('cap.primary.lost', { n: r.lostWrites, pct, lin });
    case 'lww': {
      const lost =
        r.lostWrites > 0 ? t('cap.lww.lost', { n: r.lostWrites, rule: r.writeOrder === 'store-order' ? t('cap.lww.lostRule') : '' }) : '';
      return t('cap.lww', { pct, stale: staleText(r, t), lin, conv: convText(r, t), lost });
    }
    default:
      return t('cap.other', { mode: r.mode, pct, lin });
  }
}

const variant = (mode: string): Variant => ({ id: mode, label: mode, mode, writeOrder: capWriteOrder(mode) });

/** CAP_CHAPTER: see the file header. */
export const CAP_CHAPTER: Chapter = {
  name: 'cap',
  variants: CAP_MODES.map(variant),
  defaults: { timeLimitMs: 20_000, nodes: 3 },
  nodeCounts: [3, 5],
  minTimeLimitMs: 4_000,
  nemesis: ['partition', 'clock'],
  partition: ['leader'],
  columns: ['available', 'linearizable', 'eventual', 'lostWrites', 'staleness', 'convergence'],
  variantHeading: 'col.mode',
  tableHeading: 'cap.tableHeading',
  describeFaults: (o, t) => t('cap.faults', { interval: o.intervalMs / 1000, rate: o.rate }),
  explain: (rows, t) => [...rows.map((r) => explainCapRow(r, t)), t('cap.lesson')],
};
