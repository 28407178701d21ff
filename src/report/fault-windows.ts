/**
 * buildFaultWindows: pair the nemesis's start and stop events into shaded intervals for the report.
 *
 * A nemesis op is its invoke and its completion (or a lone completion: Jepsen logs often record only
 * `info`). A window opens at the start op's first event and closes at the matching stop op's last
 * event, so it covers every instant the fault may have been in force. Pairs known to faultline's
 * nemeses and to Jepsen: start-partition/stop-partition, kill/start|restart,
 * pause/resume, bump-clock|strobe-clock/reset-clock, start-packet/stop-packet, start-X/stop-X,
 * start/stop; `heal` (HEAL_ALL) closes every open window. A window never stopped lasts to the end of the history (`open: true`); a nemesis op of
 * no known kind, or one recorded as skipped (`{skipped: why}`: it did nothing), is an instant marker
 * (`fromNs === toNs`). Pure.
 */
import type { HistoryEvent } from '../core/event.js';
import { compactValue } from './op-text.js';

/** FaultWindow is one shaded interval; `family` groups windows of one fault kind (colour). */
export interface FaultWindow {
  family: string;
  /** Short label, e.g. `partition halves` or `kill n1,n2`. */
  label: string;
  fromNs: number;
  toNs: number;
  /** True when no stop was recorded: the window runs to the end of the history. */
  open: boolean;
  /** The nemesis f's of the start and stop ops. */
  startF: string;
  stopF: string | null;
}

/** FAMILIES lists the known fault kinds with the f's that start and stop their windows. */
const FAMILIES: { family: string; starts: string[]; stops: string[] }[] = [
  { family: 'partition', starts: ['start-partition', 'partition'], stops: ['stop-partition'] },
  { family: 'kill', starts: ['kill'], stops: ['start', 'restart'] },
  { family: 'pause', starts: ['pause'], stops: ['resume'] },
  { family: 'clock', starts: ['bump-clock', 'strobe-clock', 'bump', 'strobe'], stops: ['reset-clock', 'reset'] },
  { family: 'packet', starts: ['start-packet'], stops: ['stop-packet'] },
];

/** HEAL_ALL: nemesis f's that end every open fault (faultline's final heal, Jepsen's heal). */
export const HEAL_ALL: ReadonlySet<string> = new Set(['heal', 'heal-all', 'stop-all']);

interface NemesisOp {
  f: string;
  value: unknown;
  fromNs: number;
  toNs: number;
}

/**
 * groupNemesisOps folds nemesis events into ops, in the order of each op's first event. Fault kinds
 * run side by side, so their events interleave: an invoke joins the next completion of the same f,
 * not merely the next completion. A completion with no pending invoke of its f is an op on its own;
 * an invoke whose f is invoked again before completing stays an op without completion (as is one
 * never completed).
 */
export function groupNemesisOps(events: readonly HistoryEvent[]): NemesisOp[] {
  const ops: NemesisOp[] = [];
  const pending = new Map<string, NemesisOp>();
  for (const e of events) {
    if (e.process !== 'nemesis') continue;
    if (e.type === 'invoke') {
      const op: NemesisOp = { f: e.f, value: e.value, fromNs: e.time, toNs: e.time };
      ops.push(op);
      pending.set(e.f, op);
      continue;
    }
    const op = pending.get(e.f);
    if (op === undefined) {
      ops.push({ f: e.f, value: e.value, fromNs: e.time, toNs: e.time });
      continue;
    }
    pending.delete(e.f);
    op.toNs = e.time;
    // The completion's value says what was done (the grudge, the nodes killed): prefer it.
    if (e.value !== null && e.value !== undefined) op.value = e.value;
  }
  return ops;
}

/** familyOf classifies a nemesis f: a start or a stop of a family, or unknown. */
export function familyOf(f: string, openFamilies: ReadonlySet<string>): { family: string; role: 'start' | 'stop' } | undefined {
  // `start` is Jepsen's generic start, but closes a kill window when one is open.
  for (const fam of FAMILIES) {
    if (fam.stops.includes(f) && (f !== 'start' || openFamilies.has(fam.family))) return { family: fam.family, role: 'stop' };
  }
  for (const fam of FAMILIES) if (fam.starts.includes(f)) return { family: fam.family, role: 'start' };
  if (f === 'start') return { family: 'fault', role: 'start' };
  if (f === 'stop') return { family: 'fault', role: 'stop' };
  const m = /^(start|stop)-(.+)$/.exec(f);
  if (m !== null) return { family: m[2]!, role: m[1] === 'start' ? 'start' : 'stop' };
  return undefined;
}

/**
 * buildFaultWindows pairs nemesis ops into windows sorted by start time; `endNs` closes windows
 * still open at the end. A second start of a family while one is open (a new grudge replacing the
 * old) closes the first window and opens a new one. A stop with no open window is ignored.
 */
export function buildFaultWindows(events: readonly HistoryEvent[], endNs: number): FaultWindow[] {
  const windows: FaultWindow[] = [];
  const open = new Map<string, FaultWindow>();
  // Families whose last start was skipped: their next stop closes nothing (and opens nothing).
  const skipped = new Set<string>();
  for (const op of groupNemesisOps(events)) {
    if (HEAL_ALL.has(op.f)) {
      // The final heal undoes every fault at once: it closes every open window.
      for (const w of open.values()) Object.assign(w, { toNs: Math.max(w.fromNs, op.toNs), open: false, stopF: op.f });
      open.clear();
      continue;
    }
    const kind = familyOf(op.f, new Set([...open.keys(), ...skipped]));
    if (kind !== undefined && kind.role === 'stop' && skipped.delete(kind.family) && !open.has(kind.family)) continue;
    if (kind === undefined || wasSkipped(op.value)) {
      // A fault recorded as skipped ({skipped: why}) did nothing: an instant marker, never a window.
      if (kind?.role === 'start' && !open.has(kind.family)) skipped.add(kind.family);
      const label = wasSkipped(op.value) ? `${op.f} skipped` : labelFor(op.f, op.value);
      windows.push({ family: op.f, label, fromNs: op.fromNs, toNs: op.toNs, open: false, startF: op.f, stopF: null });
      continue;
    }
    const current = open.get(kind.family);
    if (kind.role === 'stop') {
      if (current === undefined) continue;
      current.toNs = Math.max(current.fromNs, op.toNs);
      current.open = false;
      current.stopF = op.f;
      open.delete(kind.family);
      continue;
    }
    if (current !== undefined) {
      current.toNs = Math.max(current.fromNs, op.fromNs);
      current.open = false;
      current.stopF = op.f;
    }
    const w: FaultWindow = { family: kind.family, label: labelFor(kind.family, op.value), fromNs: op.fromNs, toNs: endNs, open: true, startF: op.f, stopF: null };
    windows.push(w);
    open.set(kind.family, w);
  }
  for (const w of open.values()) w.toNs = Math.max(w.fromNs, endNs);
  return windows.sort((a, b) => a.fromNs - b.fromNs);
}

function wasSkipped(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { skipped?: unknown }).skipped === 'string';
}

/** labelFor renders a fault for people: the family and the gist of the value (kind, nodes, offset). */
export function labelFor(family: string, value: unknown): string {
  if (value === null || value === undefined) return family;
  if (Array.isArray(value)) return `${family} ${value.map((v) => compactValue(v)).join(',')}`;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v['kind'] === 'string') return `${family} ${v['kind']}`;
    const keys = Object.keys(v);
    if (keys.length > 0 && keys.every((k) => Array.isArray(v[k]))) return `${family} ${describeGrudge(v as Record<string, unknown[]>)}`;
  }
  const text = compactValue(value);
  return text.length > 40 ? `${family} ${text.slice(0, 39)}…` : `${family} ${text}`;
}

/** describeGrudge renders a grudge as `n1|n2,n3`-style components when it is a clean split. */
function describeGrudge(g: Record<string, unknown[]>): string {
  const nodes = Object.keys(g).sort();
  const cut = nodes.map((n) => `${n}✗${g[n]!.map(String).join(',')}`);
  const text = cut.join(' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
