/**
 * availabilityDuringFaults: of the client operations invoked while some fault was in force, how many
 * succeeded. Pure.
 */
import type { HistoryEvent } from '../core/event.js';
import { buildFaultWindows } from '../report/fault-windows.js';

/** FaultAvailability: ok and attempted ops invoked inside a fault window; fraction null when none. */
export interface FaultAvailability {
  ok: number;
  attempted: number;
  fraction: number | null;
  /** Total time (ns) covered by fault windows (overlaps merged). */
  faultNs: number;
}

/**
 * availabilityDuringFaults pairs each client invoke with its completion (by process) and counts the
 * ops whose invoke lies inside a fault window (from a fault's start to its stop or the final heal,
 * as the report shades them): attempted = all of them, ok = those completed ok. An invoke with no
 * completion counts as attempted, not ok.
 */
export function availabilityDuringFaults(events: readonly HistoryEvent[]): FaultAvailability {
  const endNs = events.length === 0 ? 0 : (events[events.length - 1] as HistoryEvent).time;
  const spans = buildFaultWindows(events, endNs)
    .filter((w) => w.toNs > w.fromNs)
    .map((w) => [w.fromNs, w.toNs] as const)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  const inFault = (t: number): boolean => merged.some(([from, to]) => t >= from && t <= to);
  const open = new Map<number, boolean>();
  let ok = 0;
  let attempted = 0;
  for (const e of events) {
    if (typeof e.process !== 'number') continue;
    if (e.type === 'invoke') {
      const inside = inFault(e.time);
      open.set(e.process, inside);
      if (inside) attempted++;
      continue;
    }
    if (open.get(e.process) === true && e.type === 'ok') ok++;
    open.delete(e.process);
  }
  return { ok, attempted, fraction: attempted === 0 ? null : ok / attempted, faultNs: merged.reduce((s, [a, b]) => s + (b - a), 0) };
}
