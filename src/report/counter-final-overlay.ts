/**
 * counterFinalOverlays: a counter key whose final reads disagree (checkers/counter.ts `diverged`)
 * as a failure: each node's last final read highlighted, the final values as its state. Final reads
 * are found as the checker finds them (ok reads invoked at or after finalPhaseStart; a read with no
 * node stands for its process). Pure.
 */
import type { HistoryEvent } from '../core/event.js';
import { finalPhaseStart } from '../../checkers/set.js';
import { clientOps } from './client-ops.js';
import type { FailureOverlay, OpLocator, OverlayOp } from './counterexample-overlay.js';
import { describeOp } from './op-text.js';
import type { TimelineOps } from './timeline-ops.js';

/** CounterKeyLike is the part of checkers/counter.ts's CounterKeyResult the report uses. */
export interface CounterKeyLike {
  key: string;
  acknowledged?: number;
  attempted?: number;
  finalValues?: Record<string, unknown>;
  diverged?: boolean;
}

/** formatFinalValues: `n1=10, n2=12` in node order; "none" when there is no final read. */
export function formatFinalValues(values: Record<string, unknown> | undefined): string {
  const entries = Object.entries(values ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? 'none' : entries.map(([n, v]) => `${n}=${JSON.stringify(v) ?? String(v)}`).join(', ');
}

/** counterFinalOverlays turns every diverged counter key into a failure. */
export function counterFinalOverlays(keys: readonly CounterKeyLike[], events: readonly HistoryEvent[], ops: TimelineOps, locate: OpLocator): FailureOverlay[] {
  const diverged = keys.filter((k) => k.diverged === true);
  if (diverged.length === 0) return [];
  const all = clientOps(events);
  const finalFromNs = finalPhaseStart(events);
  return diverged.map((k) => {
    const last = new Map<string, (typeof all)[number]>();
    for (const o of all) {
      if (o.key !== k.key || o.f !== 'read' || o.status !== 'ok' || o.callNs < finalFromNs) continue;
      const view = o.node ?? `process ${o.process}`;
      const prev = last.get(view);
      if (prev === undefined || prev.callNs <= o.callNs) last.set(view, o);
    }
    const stuck: (OverlayOp & { reason: string })[] = [...last.entries()]
      .map(([view, o]) => {
        const op = locate(o.invokeIndex, o.process, o.callNs);
        const text = op >= 0 ? ops.text[op]! : describeOp(o.f, o.input, o.output, o.status);
        return { op, invokeIndex: o.invokeIndex, text, process: o.process, callNs: o.callNs, returnNs: o.returnNs, reason: `final value on ${view}: ${JSON.stringify(o.output) ?? String(o.output)}` };
      })
      .sort((a, b) => a.callNs - b.callNs);
    const fromNs = stuck.length === 0 ? finalFromNs : Math.min(...stuck.map((s) => s.callNs));
    const toNs = stuck.length === 0 ? finalFromNs : Math.max(...stuck.map((s) => s.returnNs ?? s.callNs));
    const sums = k.acknowledged === undefined ? '' : ` (acknowledged sum ${k.acknowledged}, attempted sum ${k.attempted ?? '?'})`;
    return {
      checker: 'counter',
      part: k.key,
      title: `${k.key === '' ? 'counter' : `key ${k.key}`}: final reads disagree`,
      note: `after the heal the nodes' final reads differ${sums}`,
      stuckTitle: 'Final reads',
      stuck,
      prefix: [],
      prefixTail: [],
      prefixMore: 0,
      concurrent: [],
      stateTitle: 'Final values',
      legend: { stuck: 'final read' },
      state: formatFinalValues(k.finalValues),
      window: { fromNs, toNs, ops: stuck.length },
      focusNs: fromNs,
    };
  });
}
