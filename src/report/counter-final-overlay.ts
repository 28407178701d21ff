/**
 * counterFinalOverlays: a counter key whose final reads disagree (checkers/counter.ts `diverged`) or
 * whose final value lies outside [acknowledged sum, attempted sum] (increments lost, or counted
 * twice) as a failure: each node's last final read highlighted, the final values as its state. The
 * final reads start after every increment completed, so those sums are their exact bounds. Final reads
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

/** outOfBounds: the final values outside [acknowledged, attempted] (not numbers included); none when the sums are unknown. */
function outOfBounds(k: CounterKeyLike): string[] {
  if (typeof k.acknowledged !== 'number' || typeof k.attempted !== 'number') return [];
  const lo = k.acknowledged;
  const hi = k.attempted;
  return Object.entries(k.finalValues ?? {})
    .filter(([, v]) => typeof v !== 'number' || v < lo || v > hi)
    .map(([n]) => n);
}

/** counterFinalOverlays turns every counter key whose final values diverged or are out of bounds into a failure. */
export function counterFinalOverlays(keys: readonly CounterKeyLike[], events: readonly HistoryEvent[], ops: TimelineOps, locate: OpLocator): FailureOverlay[] {
  const diverged = keys.filter((k) => k.diverged === true || outOfBounds(k).length > 0);
  if (diverged.length === 0) return [];
  const all = clientOps(events);
  const finalFromNs = finalPhaseStart(events);
  return diverged.map((k) => {
    const last = new Map<string, (typeof all)[number]>();
    const finals = all.filter((o) => o.key === k.key && o.f === 'read' && o.status === 'ok' && o.callNs >= finalFromNs);
    for (const o of finals) {
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
    const lastOnes = new Set(last.values());
    const others: OverlayOp[] = finals
      .filter((o) => !lastOnes.has(o))
      .map((o) => {
        const op = locate(o.invokeIndex, o.process, o.callNs);
        return { op, invokeIndex: o.invokeIndex, text: op >= 0 ? ops.text[op]! : describeOp(o.f, o.input, o.output, o.status), process: o.process, callNs: o.callNs, returnNs: o.returnNs };
      });
    const shown = [...stuck, ...others];
    const fromNs = shown.length === 0 ? finalFromNs : Math.min(...shown.map((s) => s.callNs));
    const toNs = shown.length === 0 ? finalFromNs : Math.max(...shown.map((s) => s.returnNs ?? s.callNs));
    const bounds = k.acknowledged === undefined ? '' : `[acknowledged sum ${k.acknowledged}, attempted sum ${k.attempted ?? '?'}]`;
    const outside = outOfBounds(k);
    const what = k.diverged === true ? 'final reads disagree' : `final value outside ${bounds}`;
    const notes: string[] = [];
    if (k.diverged === true) notes.push("after the heal the nodes' final reads differ");
    if (outside.length > 0) notes.push(`the final value on ${outside.join(', ')} lies outside ${bounds}: increments were lost or counted twice`);
    return {
      checker: 'counter',
      part: k.key,
      title: `${k.key === '' ? 'counter' : `key ${k.key}`}: ${what}`,
      note: notes.join('; '),
      stuckTitle: "Each node's last final read",
      stuck,
      prefix: [],
      prefixTail: [],
      prefixMore: 0,
      concurrent: others,
      contextTitle: `Earlier final reads (${others.length})`,
      stateTitle: 'Final values',
      legend: { stuck: "a node's last final read", context: 'earlier final read' },
      state: formatFinalValues(k.finalValues),
      window: { fromNs, toNs, ops: shown.length },
      focusNs: stuck[0]?.callNs ?? fromNs,
    };
  });
}
