/**
 * formatCapTable: the CAP table as aligned plain text, one line per mode, and the cell texts it (and
 * the HTML page) show. Pure.
 */
import { formatDurationNs } from '../../checkers/eventual/format-eventual.js';
import type { CapRow } from './cap-row.js';

/** CAP_COLUMNS are the table's headings, in order. */
export const CAP_COLUMNS = [
  'mode',
  'available during faults',
  'linearizable?',
  'eventually consistent?',
  'lost writes',
  'worst staleness',
  'convergence',
] as const;

const yesNo = (v: boolean | 'unknown'): string => (v === true ? 'yes' : v === false ? 'no' : 'unknown');

/** capCells renders one row's cells, in CAP_COLUMNS order. */
export function capCells(r: CapRow): string[] {
  const a = r.availability;
  const availability = a.fraction === null ? 'n/a (no faults)' : `${Math.round(a.fraction * 100)}% (${a.ok}/${a.attempted})`;
  let eventual = yesNo(r.eventual);
  if (r.eventual === false) eventual = r.converged === false ? 'no (diverged)' : r.lostWrites > 0 ? 'no (lost writes)' : 'no (phantom)';
  const staleness = r.staleReads === 0 ? 'none' : `${formatDurationNs(r.worstStalenessNs)} (${r.staleReads} stale)`;
  const convergence =
    r.converged === false
      ? 'never'
      : r.convergenceNs === null
        ? 'n/a'
        : r.convergenceMeasure === 'at-most'
          ? `≤ ${formatDurationNs(r.convergenceNs)}`
          : formatDurationNs(r.convergenceNs);
  const lost = r.lostWrites > 0 && r.writeOrder === 'store-order' ? `${r.lostWrites} (by timestamp)` : String(r.lostWrites);
  return [r.mode, availability, yesNo(r.linearizable), eventual, lost, staleness, convergence];
}

/** formatCapTable renders the heading, a rule and one line per row, columns padded to fit. */
export function formatCapTable(rows: readonly CapRow[]): string[] {
  const table = [CAP_COLUMNS.slice() as string[], ...rows.map(capCells)];
  const widths = CAP_COLUMNS.map((_, i) => Math.max(...table.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ').trimEnd();
  const [head, ...body] = table;
  return [line(head as string[]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)];
}
