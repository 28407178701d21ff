/**
 * buildFailureOverlays: what the report draws over the timeline for each failure — for an invalid
 * linearizability part, the prefix that linearizes, the op(s) that cannot follow with why, the model
 * state, the concurrent ops; for a counter checker error, the read out of bounds (set and counter
 * final-read failures: set-overlays.ts, counter-final-overlay.ts). Ops are given as
 * timeline op indices (found by the invoke event index, else by process and call time), -1 when the
 * op is not in the history shown. The list is sorted by time: it is the "next failure" order. Pure.
 */
import type { Counterexample, LinearizabilityResult, OpSummary } from '../core/check-result.js';
import type { TimelineOps } from './timeline-ops.js';

/** PREFIX_TEXTS_SHOWN: how many of the prefix's last ops the side panel lists by name. */
export const PREFIX_TEXTS_SHOWN = 20;

/** OverlayOp is an op of a failure: its timeline index (-1 if absent) and its text for people. */
export interface OverlayOp {
  op: number;
  /** The invoke event's index in the history (-1 when unknown). */
  invokeIndex: number;
  text: string;
  process: number;
  callNs: number;
  returnNs: number | null;
}

/** FailureOverlay is one failure to show; `focusNs` is where the timeline centres on it. */
export interface FailureOverlay {
  checker: string;
  /** The part (key, `key#n`) or counter key; "" for a keyless history. */
  part: string;
  title: string;
  stuck: (OverlayOp & { reason: string })[];
  /** Timeline indices of the linearized prefix, in linearization order (the tail the checker kept). */
  prefix: number[];
  /** The last PREFIX_TEXTS_SHOWN prefix ops, for the side panel. */
  prefixTail: OverlayOp[];
  /** How many ops of the (kept) prefix come before the tail (≥ 0). */
  prefixMore: number;
  concurrent: OverlayOp[];
  /** Model state after the prefix (linearizable), or a short statement (other checkers). */
  state: string;
  window: { fromNs: number; toNs: number; ops: number } | null;
  focusNs: number;
  /** Headings of the side panel for checkers other than linearizable (defaults: "Failing operation", "Bounds"). */
  stuckTitle?: string;
  stateTitle?: string;
  /** Heading of `concurrent` when it holds context ops of another checker (e.g. the set's final reads). */
  contextTitle?: string;
  /** Failing ops (or elements) beyond `stuck` that the checker counted but did not list, for "and N more". */
  more?: number;
  /** One line under the title (replaces "fails within N ops …" for checkers other than linearizable). */
  note?: string;
  /** Legend names of the highlighted ops (`stuck`) and the outlined ones (`concurrent`), when not linearizable's. */
  legend?: { stuck: string; context?: string };
}

/** OpLocator finds a timeline op by invoke event index, or by process and call time. */
export type OpLocator = (invokeIndex: number, process: number, callNs: number) => number;

/** makeOpLocator builds an OpLocator over `ops` (O(n) once, O(1) per lookup). */
export function makeOpLocator(ops: TimelineOps): OpLocator {
  const byIndex = new Map<number, number>();
  const byProcTime = new Map<string, number>();
  for (let i = 0; i < ops.count; i++) {
    byIndex.set(ops.invokeIndex[i]!, i);
    byProcTime.set(`${ops.process[i]!}@${ops.callNs[i]!}`, i);
  }
  return (invokeIndex, process, callNs) => {
    const i = byIndex.get(invokeIndex);
    if (i !== undefined && ops.process[i] === process) return i;
    return byProcTime.get(`${process}@${callNs}`) ?? -1;
  };
}

function overlayOp(s: OpSummary, locate: OpLocator): OverlayOp {
  return { op: locate(s.invokeIndex, s.process, s.callNs), invokeIndex: s.invokeIndex, text: s.text, process: s.process, callNs: s.callNs, returnNs: s.returnNs };
}

/** linearizableOverlays turns every invalid part with a counterexample into a FailureOverlay. */
export function linearizableOverlays(result: LinearizabilityResult, locate: OpLocator): FailureOverlay[] {
  const out: FailureOverlay[] = [];
  for (const part of result.parts) {
    if (part.valid !== false || part.counterexample === undefined) continue;
    out.push(counterexampleOverlay(part.part, part.counterexample, locate));
  }
  return out;
}

/** counterexampleOverlay maps one Counterexample onto the timeline. */
export function counterexampleOverlay(part: string, c: Counterexample, locate: OpLocator): FailureOverlay {
  const prefixOps = c.linearized.map((s) => overlayOp(s, locate));
  const stuck = c.stuck.map((s) => ({ ...overlayOp(s.op, locate), reason: s.reason }));
  const focusNs = stuck.length > 0 ? Math.min(...stuck.map((s) => s.callNs)) : (c.window?.fromNs ?? 0);
  const tail = prefixOps.slice(-PREFIX_TEXTS_SHOWN);
  return {
    checker: 'linearizable',
    part,
    title: `${part === '' ? 'history' : `key ${part}`}: not linearizable`,
    stuck,
    prefix: prefixOps.map((o) => o.op).filter((i) => i >= 0),
    prefixTail: tail,
    prefixMore: prefixOps.length - tail.length,
    concurrent: c.concurrent.map((s) => overlayOp(s, locate)),
    state: c.stateAfterPrefix,
    window: c.window ?? null,
    focusNs,
  };
}

/** CounterErrorLike is the part of checkers/counter.ts's CounterError the report uses. */
export interface CounterErrorLike {
  key: string;
  process: number;
  value: number;
  lower: number;
  upper: number;
  callNs: number;
  returnNs: number;
}

/** COUNTER_ERRORS_SHOWN bounds the counter errors turned into failures, per key. */
export const COUNTER_ERRORS_SHOWN = 20;

/**
 * counterOverlays turns counter checker errors (reads out of bounds) into failures, the first
 * COUNTER_ERRORS_SHOWN per key; `errorCounts` (per key, the checker's errorCount) says how many there
 * were in all, for the note "N of M shown".
 */
export function counterOverlays(errors: readonly CounterErrorLike[], locate: OpLocator, ops: TimelineOps, errorCounts: ReadonlyMap<string, number> = new Map()): FailureOverlay[] {
  const perKey = new Map<string, number>();
  const out: FailureOverlay[] = [];
  for (const e of errors) {
    const n = perKey.get(e.key) ?? 0;
    if (n >= COUNTER_ERRORS_SHOWN) continue;
    perKey.set(e.key, n + 1);
    const op = locate(-1, e.process, e.callNs);
    const stuck = {
      op,
      invokeIndex: op >= 0 ? ops.invokeIndex[op]! : -1,
      text: op >= 0 ? ops.text[op]! : `read → ${e.value}`,
      process: e.process,
      callNs: e.callNs,
      returnNs: e.returnNs,
      reason: `read ${e.value} outside [${e.lower}, ${e.upper}]`,
    };
    const all = Math.max(errorCounts.get(e.key) ?? 0, errors.filter((x) => x.key === e.key).length);
    out.push({
      checker: 'counter',
      part: e.key,
      title: `${e.key === '' ? 'counter' : `key ${e.key}`}: read out of bounds`,
      note: `read ${n + 1} of ${all} out of bounds${all > COUNTER_ERRORS_SHOWN ? `; the first ${COUNTER_ERRORS_SHOWN} are shown, and ${all - COUNTER_ERRORS_SHOWN} more` : ''}`,
      stuck: [stuck],
      prefix: [],
      prefixTail: [],
      prefixMore: 0,
      concurrent: [],
      state: `acknowledged sum ${e.lower}, attempted sum ${e.upper}`,
      legend: { stuck: 'read out of bounds' },
      window: { fromNs: e.callNs, toNs: e.returnNs, ops: 1 },
      focusNs: e.callNs,
    });
  }
  return out;
}

/** sortFailures orders failures by focus time, then part (the "next failure" order); returns a new array. */
export function sortFailures(failures: readonly FailureOverlay[]): FailureOverlay[] {
  return [...failures].sort((a, b) => a.focusNs - b.focusNs || (a.part < b.part ? -1 : a.part > b.part ? 1 : 0));
}
