// Compact history rows for the eventual checker's tests: [type, process, f, value, time, node?, key?].
import type { HistoryEvent } from '../../src/core/event.js';

/** Row is one event: type, process, f, value, time (ns), serving node, key (default "r"). */
export type Row = [type: HistoryEvent['type'], process: number | 'nemesis', f: string, value: unknown, time: number, node?: string | undefined, key?: string];

/** events builds a history from rows; nemesis rows get no key. */
export function events(rows: readonly Row[]): HistoryEvent[] {
  return rows.map(([type, process, f, value, time, node, key], index) => {
    const e: HistoryEvent = { index, type, process, f, value, time };
    if (process !== 'nemesis') e.key = key ?? 'r';
    if (node !== undefined) e.node = node;
    return e;
  });
}

/** op is an invoke/completion pair as two rows (completion type `type`, completion value `out`). */
export function op(process: number, f: string, value: unknown, from: number, to: number, type: 'ok' | 'fail' | 'info' = 'ok', out: unknown = value, node = 'n1', key = 'r'): Row[] {
  return [
    ['invoke', process, f, f === 'read' ? null : value, from, undefined, key],
    [type, process, f, out, to, node, key],
  ];
}

/** read is an ok read of `value` served by `node`. */
export function read(process: number, value: unknown, from: number, to: number, node = 'n1', key = 'r'): Row[] {
  return op(process, 'read', null, from, to, 'ok', value, node, key);
}

/** heal is the runner's final heal at `t` (invoke, then info completion at t + 1). */
export function heal(t: number): Row[] {
  return [
    ['invoke', 'nemesis', 'heal', null, t],
    ['info', 'nemesis', 'heal', 'healed', t + 1],
  ];
}

/** sortRows orders rows by time, keeping each invoke before its own completion (stable). */
export function sortRows(rows: readonly Row[]): Row[] {
  return rows.map((r, i) => [r, i] as const).sort((a, b) => a[0][4] - b[0][4] || a[1] - b[1]).map(([r]) => r);
}
