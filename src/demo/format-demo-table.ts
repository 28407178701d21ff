/**
 * formatDemoTable: a demo's table as aligned plain text — the heading, a rule, one line per row —
 * padded by terminal columns (Chinese characters are two wide). Pure.
 */
import { displayWidth, padEndDisplay } from './display-width.js';

/** formatDemoTable renders `headings` and `rows` (cell texts, same length as headings). */
export function formatDemoTable(headings: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const table = [headings, ...rows];
  const widths = headings.map((_, i) => Math.max(...table.map((cells) => displayWidth(cells[i] ?? ''))));
  const line = (cells: readonly string[]): string => cells.map((c, i) => padEndDisplay(c, widths[i] as number)).join(' | ').trimEnd();
  return [line(headings), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)];
}
