/**
 * The demo tables' columns: each column's heading (a catalog key) and how a row's cell reads, in
 * the chosen language. A chapter lists the columns it shows; the cells mean the same in every
 * chapter. Pure.
 */
import { formatDurationNs } from '../../checkers/eventual/format-eventual.js';
import type { DemoRow } from './demo-row.js';
import type { MessageKey, Translate } from './messages/catalog.js';

/** DemoColumn names a column (after the row's name, which every table starts with). */
export type DemoColumn = 'available' | 'linearizable' | 'eventual' | 'lostWrites' | 'staleness' | 'convergence';

/** COLUMN_HEADINGS: each column's heading key. */
export const COLUMN_HEADINGS: Readonly<Record<DemoColumn, MessageKey>> = {
  available: 'col.available',
  linearizable: 'col.linearizable',
  eventual: 'col.eventual',
  lostWrites: 'col.lostWrites',
  staleness: 'col.staleness',
  convergence: 'col.convergence',
};

/** verdictText: yes, no or unknown. */
export function verdictText(v: boolean | 'unknown', t: Translate): string {
  return t(v === true ? 'cell.yes' : v === false ? 'cell.no' : 'cell.unknown');
}

/** percentText: the availability during faults as a whole percentage, or n/a. */
export function percentText(r: DemoRow, t: Translate): string {
  return r.availability.fraction === null ? t('cell.na') : `${Math.round(r.availability.fraction * 100)}%`;
}

/** demoCell renders one cell of `r`. */
export function demoCell(column: DemoColumn, r: DemoRow, t: Translate): string {
  switch (column) {
    case 'available': {
      const a = r.availability;
      return a.fraction === null ? t('cell.noFaults') : t('cell.availability', { pct: Math.round(a.fraction * 100), ok: a.ok, attempted: a.attempted });
    }
    case 'linearizable':
      return verdictText(r.linearizable, t);
    case 'eventual':
      if (r.eventual !== false) return verdictText(r.eventual, t);
      return t(r.converged === false ? 'cell.eventual.diverged' : r.lostWrites > 0 ? 'cell.eventual.lost' : 'cell.eventual.phantom');
    case 'lostWrites':
      return r.lostWrites > 0 && r.writeOrder === 'store-order' ? t('cell.lostByTimestamp', { n: r.lostWrites }) : String(r.lostWrites);
    case 'staleness':
      return r.staleReads === 0 ? t('cell.none') : t('cell.stale', { worst: formatDurationNs(r.worstStalenessNs), n: r.staleReads });
    case 'convergence':
      if (r.converged === false) return t('cell.never');
      if (r.convergenceNs === null) return t('cell.na');
      return r.convergenceMeasure === 'at-most' ? `≤ ${formatDurationNs(r.convergenceNs)}` : formatDurationNs(r.convergenceNs);
  }
}

/** demoCells: the row's name, then its cells in `columns` order. */
export function demoCells(columns: readonly DemoColumn[], r: DemoRow, t: Translate): string[] {
  return [r.variant, ...columns.map((c) => demoCell(c, r, t))];
}

/** demoHeadings: the name column's heading, then the columns' headings. */
export function demoHeadings(variantHeading: MessageKey, columns: readonly DemoColumn[], t: Translate): string[] {
  return [t(variantHeading), ...columns.map((c) => t(COLUMN_HEADINGS[c]))];
}
