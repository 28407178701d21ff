/**
 * Sentence parts the chapters share: how a row's verdicts and numbers read inside a sentence. Pure.
 */
import { formatDurationNs } from '../../../checkers/eventual/format-eventual.js';
import type { DemoRow } from '../demo-row.js';
import type { Translate } from '../messages/catalog.js';

/** linText: "stayed linearizable" / "was not linearizable" / "could not be judged …". */
export function linText(r: DemoRow, t: Translate): string {
  return t(r.linearizable === true ? 'lin.stayed' : r.linearizable === false ? 'lin.not' : 'lin.unknown');
}

/** pctText: availability during faults as "74%", or "n/a". */
export function pctText(r: DemoRow, t: Translate): string {
  return r.availability.fraction === null ? t('cell.na') : `${Math.round(r.availability.fraction * 100)}%`;
}

/** staleText: "reads were stale (worst 1.50 s, 48 of 300)" or "no stale read was seen". */
export function staleText(r: DemoRow, t: Translate): string {
  return r.staleReads > 0 ? t('stale.some', { worst: formatDurationNs(r.worstStalenessNs), n: r.staleReads, reads: r.reads }) : t('stale.none');
}

/** convText: whether (and how fast) the nodes converged after the heal. */
export function convText(r: DemoRow, t: Translate): string {
  if (r.converged !== true) return t('conv.no');
  if (r.convergenceNs === null) return t('conv.yes');
  const d = formatDurationNs(r.convergenceNs);
  return t(r.convergenceMeasure === 'at-most' ? 'conv.yesWithin' : 'conv.yesIn', { d });
}

/** seconds: a time in ms as a short number of seconds ("20", "2.5"). */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}
