/**
 * The quorum chapter (`faultline demo quorum`): the built-in store's Dynamo-style quorum mode
 * (`--mode quorum --replicas N --r R --w W [--sloppy]`) with N = 3 replicas per key and four
 * settings side by side, through the same seeded faults (partitions and clock skews, like cap):
 * R=1 W=1 (R + W ≤ N: stale reads), R=2 W=2 and R=3 W=1 (R + W > N: overlapping quorums, still not
 * linearizable), and R=2 W=2 with a sloppy quorum and hinted handoff (available, but the quorums no
 * longer overlap: stale reads, and lost writes when skewed clocks pick the wrong side at the heal).
 * Every setting is judged by real time (what a client expects). Pure.
 */
import type { Chapter, Variant } from '../chapter.js';
import type { DemoRow } from '../demo-row.js';
import type { Translate } from '../messages/catalog.js';
import { linText, pctText, staleText } from './shared-text.js';

/** QUORUM_REPLICAS: N, the replicas of every key. */
export const QUORUM_REPLICAS = 3;

/** QuorumSetting: R, W and whether the quorum is sloppy. */
export interface QuorumSetting {
  r: number;
  w: number;
  sloppy: boolean;
}

/** QUORUM_SETTINGS: the four settings, in the table's order. */
export const QUORUM_SETTINGS: readonly QuorumSetting[] = [
  { r: 1, w: 1, sloppy: false },
  { r: 2, w: 2, sloppy: false },
  { r: 3, w: 1, sloppy: false },
  { r: 2, w: 2, sloppy: true },
];

/** quorumVariant: the run of one setting, labelled "R=2 W=2 sloppy". */
export function quorumVariant(s: QuorumSetting): Variant {
  return {
    id: `r${s.r}w${s.w}${s.sloppy ? '-sloppy' : ''}`,
    label: `R=${s.r} W=${s.w}${s.sloppy ? ' sloppy' : ''}`,
    mode: 'quorum',
    quorum: { replicas: QUORUM_REPLICAS, r: s.r, w: s.w, sloppy: s.sloppy },
    writeOrder: 'real-time',
  };
}

/** settingOf reads R, W and sloppy back from a row's label. */
function settingOf(label: string): QuorumSetting | undefined {
  const m = /^R=(\d+) W=(\d+)( sloppy)?$/.exec(label);
  return m === null ? undefined : { r: Number(m[1]), w: Number(m[2]), sloppy: m[3] !== undefined };
}

/** explainQuorumRow: what the row of one setting shows, from its numbers. */
export function explainQuorumRow(r: DemoRow, t: Translate): string {
  const s = settingOf(r.variant);
  const params = { setting: r.variant, stale: staleText(r, t), lin: linText(r, t), pct: pctText(r, t), n: r.lostWrites };
  if (s === undefined) return t('cap.other', { mode: r.variant, pct: params.pct, lin: params.lin });
  if (s.sloppy) return t(r.lostWrites > 0 ? 'quorum.sloppy' : 'quorum.sloppyNone', params);
  if (s.r + s.w <= QUORUM_REPLICAS) return t('quorum.weak', params);
  const readAll = s.r === QUORUM_REPLICAS ? t('quorum.readAll') : '';
  return `${t(r.linearizable === false ? 'quorum.strict' : 'quorum.strictHeld', params)}${readAll}`;
}

/** QUORUM_CHAPTER: see the file header. */
export const QUORUM_CHAPTER: Chapter = {
  name: 'quorum',
  variants: QUORUM_SETTINGS.map(quorumVariant),
  defaults: { timeLimitMs: 16_000, nodes: 5 },
  // Five nodes, three replicas per key: the sloppy quorum needs nodes outside a key's replicas to stand in.
  nodeCounts: [5],
  minTimeLimitMs: 4_000,
  nemesis: ['partition', 'clock'],
  partition: ['random-halves'],
  columns: ['available', 'linearizable', 'staleness', 'lostWrites', 'eventual'],
  variantHeading: 'col.setting',
  tableHeading: 'quorum.tableHeading',
  describeFaults: (o, t) => t('quorum.faults', { interval: o.intervalMs / 1000, rate: o.rate, n: QUORUM_REPLICAS }),
  explain: (rows, t) => [...rows.map((r) => explainQuorumRow(r, t)), t('quorum.lesson')],
};
