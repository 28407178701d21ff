/**
 * setOverlays: the set checker's failures drawn on the timeline — per key, one failure for the lost
 * elements (their adds highlighted, the final reads that all miss them outlined), one for the
 * divergent elements (in some final reads only) and one for the unexpected elements (the reads that
 * returned them). Elements are the ones the checker listed (results.json caps the list; the rest are
 * counted in "and N more"); an element's add is its earliest acknowledged add, else its first add
 * that did not fail. Final reads are found as the checker finds them (finalPhaseStart). Pure.
 */
import type { HistoryEvent } from '../core/event.js';
import { finalPhaseStart } from '../../checkers/set.js';
import { valueKey } from '../../checkers/linearizable/models/value.js';
import type { ClientOp } from './client-ops.js';
import { clientOps } from './client-ops.js';
import type { FailureOverlay, OpLocator, OverlayOp } from './counterexample-overlay.js';
import { formatElements } from './format-elements.js';
import { formatNs } from './format-time.js';
import { describeOp } from './op-text.js';
import type { TimelineOps } from './timeline-ops.js';

/** SetKeyLike is the part of checkers/set.ts's SetKeyResult the report uses (as read from results.json). */
export interface SetKeyLike {
  key: string;
  acknowledged?: number;
  finalReads?: number;
  lost?: unknown[];
  lostCount?: number;
  divergent?: unknown[];
  divergentCount?: number;
  unexpected?: unknown[];
  unexpectedCount?: number;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const count = (n: unknown, l: unknown[]): number => (typeof n === 'number' && Number.isFinite(n) ? n : l.length);
const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** setOverlays turns every set key with lost, divergent or unexpected elements into failures. */
export function setOverlays(keys: readonly SetKeyLike[], events: readonly HistoryEvent[], ops: TimelineOps, locate: OpLocator): FailureOverlay[] {
  const failing = keys.filter((k) => count(k.lostCount, list(k.lost)) + count(k.divergentCount, list(k.divergent)) + count(k.unexpectedCount, list(k.unexpected)) > 0);
  if (failing.length === 0) return [];
  const all = clientOps(events);
  const finalFromNs = finalPhaseStart(events);
  const out: FailureOverlay[] = [];
  for (const k of failing) {
    const keyOps = all.filter((o) => o.key === k.key);
    const finals = lastFinalReadPerView(keyOps.filter((o) => o.f === 'read' && o.status === 'ok' && o.callNs >= finalFromNs));
    const finalOps = finals.map((o) => ({ ...overlayOp(o, ops, locate), text: readSummary(o) }));
    const ctx: KeyContext = { key: k.key, ops, locate, finals, finalOps, addOf: addsByElement(keyOps) };
    const lost = list(k.lost);
    if (count(k.lostCount, lost) > 0) out.push(lostOverlay(ctx, lost, count(k.lostCount, lost), k.acknowledged));
    const divergent = list(k.divergent);
    if (count(k.divergentCount, divergent) > 0) out.push(divergentOverlay(ctx, divergent, count(k.divergentCount, divergent)));
    const unexpected = list(k.unexpected);
    if (count(k.unexpectedCount, unexpected) > 0) out.push(unexpectedOverlay(ctx, keyOps, unexpected, count(k.unexpectedCount, unexpected)));
  }
  return out;
}

/**
 * lastFinalReadPerView: the final reads the set checker judges — each view's (node's, or process's
 * when no node is named) last one — in call order, so the report and the checker count the same reads.
 */
function lastFinalReadPerView(finals: readonly ClientOp[]): ClientOp[] {
  const last = new Map<string, ClientOp>();
  for (const o of finals) {
    const view = o.node ?? `process ${String(o.process)}`;
    const prev = last.get(view);
    if (prev === undefined || o.callNs >= prev.callNs) last.set(view, o);
  }
  return [...last.values()].sort((a, b) => a.callNs - b.callNs);
}

interface KeyContext {
  key: string;
  ops: TimelineOps;
  locate: OpLocator;
  finals: ClientOp[];
  finalOps: OverlayOp[];
  addOf: Map<string, ClientOp>;
}

/** addsByElement: for each element, its earliest acknowledged add, else its first add that did not fail. */
function addsByElement(keyOps: readonly ClientOp[]): Map<string, ClientOp> {
  const out = new Map<string, ClientOp>();
  for (const o of keyOps) {
    if (o.f !== 'add' || o.status === 'fail') continue;
    const k = valueKey(o.input);
    const prev = out.get(k);
    const better = prev === undefined || (o.status === 'ok' && (prev.status !== 'ok' || (o.returnNs ?? Infinity) < (prev.returnNs ?? Infinity)));
    if (better) out.set(k, o);
  }
  return out;
}

function overlayOp(o: ClientOp, ops: TimelineOps, locate: OpLocator): OverlayOp {
  const op = locate(o.invokeIndex, o.process, o.callNs);
  const text = op >= 0 ? ops.text[op]! : describeOp(o.f, o.input, o.output, o.status);
  return { op, invokeIndex: o.invokeIndex, text, process: o.process, callNs: o.callNs, returnNs: o.returnNs };
}

/** readSummary: a final read in a few words, e.g. `read → 979 elements (n2)`. */
function readSummary(o: ClientOp): string {
  const n = Array.isArray(o.output) ? o.output.length : 0;
  return `read → ${plural(n, 'element', 'elements')}${o.node === undefined ? '' : ` (${o.node})`}`;
}

const keyName = (key: string): string => (key === '' ? 'set' : `key ${key}`);

function window(stuck: readonly OverlayOp[], context: readonly OverlayOp[]): FailureOverlay['window'] {
  const all = [...stuck, ...context];
  if (all.length === 0) return null;
  const fromNs = Math.min(...all.map((o) => o.callNs));
  const toNs = Math.max(...all.map((o) => o.returnNs ?? o.callNs));
  return { fromNs, toNs, ops: all.length };
}

function failure(ctx: KeyContext, fields: Omit<FailureOverlay, 'checker' | 'part' | 'prefix' | 'prefixTail' | 'prefixMore' | 'window' | 'focusNs'>): FailureOverlay {
  const stuck = [...fields.stuck].sort((a, b) => a.callNs - b.callNs);
  return {
    checker: 'set',
    part: ctx.key,
    ...fields,
    stuck,
    prefix: [],
    prefixTail: [],
    prefixMore: 0,
    window: window(stuck, fields.concurrent),
    focusNs: stuck[0]?.callNs ?? fields.concurrent[0]?.callNs ?? 0,
  };
}

function lostOverlay(ctx: KeyContext, lost: readonly unknown[], total: number, acknowledged: number | undefined): FailureOverlay {
  const n = ctx.finals.length;
  const stuck: (OverlayOp & { reason: string })[] = [];
  for (const v of lost) {
    const add = ctx.addOf.get(valueKey(v));
    if (add === undefined) continue;
    const known = add.status === 'ok' ? `acknowledged at ${formatNs(add.returnNs ?? add.callNs)}` : 'its outcome was unknown, but a read saw it';
    stuck.push({ ...overlayOp(add, ctx.ops, ctx.locate), reason: `${known}; ${n === 1 ? 'absent from the final read' : `absent from all ${n} final reads`}` });
  }
  const of = acknowledged === undefined ? '' : ` of ${plural(acknowledged, 'acknowledged add', 'acknowledged adds')}`;
  return failure(ctx, {
    title: `${keyName(ctx.key)}: ${plural(total, 'element', 'elements')} lost`,
    note: `${plural(total, 'element', 'elements')}${of} known to be in the set and absent from every final read`,
    stuckTitle: 'Lost adds',
    stuck,
    more: Math.max(0, total - stuck.length),
    stateTitle: 'Lost elements',
    state: formatElements(lost, total),
    contextTitle: `Final reads (${n}), none of which contains them`,
    legend: { stuck: 'lost add', context: 'final read' },
    concurrent: ctx.finalOps,
  });
}

function divergentOverlay(ctx: KeyContext, divergent: readonly unknown[], total: number): FailureOverlay {
  const seenBy = ctx.finals.map((r) => new Set((Array.isArray(r.output) ? r.output : []).map(valueKey)));
  const stuck: (OverlayOp & { reason: string })[] = [];
  for (const v of divergent) {
    const add = ctx.addOf.get(valueKey(v));
    if (add === undefined) continue;
    const inReads = ctx.finals.filter((_, i) => seenBy[i]!.has(valueKey(v)));
    const nodes = [...new Set(inReads.map((r) => r.node ?? `p${r.process}`))].join(', ');
    stuck.push({ ...overlayOp(add, ctx.ops, ctx.locate), reason: `in ${inReads.length} of ${ctx.finals.length} final reads (${nodes}), absent from the others` });
  }
  return failure(ctx, {
    title: `${keyName(ctx.key)}: ${plural(total, 'element', 'elements')} divergent`,
    note: `${plural(total, 'element', 'elements')} present in some final reads and absent from others: the replicas did not converge`,
    stuckTitle: 'Adds of divergent elements',
    stuck,
    more: Math.max(0, total - stuck.length),
    stateTitle: 'Divergent elements',
    state: formatElements(divergent, total),
    contextTitle: `Final reads (${ctx.finals.length})`,
    legend: { stuck: 'add of a divergent element', context: 'final read' },
    concurrent: ctx.finalOps,
  });
}

function unexpectedOverlay(ctx: KeyContext, keyOps: readonly ClientOp[], unexpected: readonly unknown[], total: number): FailureOverlay {
  const wanted = new Map(unexpected.map((v) => [valueKey(v), v] as const));
  const stuck: (OverlayOp & { reason: string })[] = [];
  for (const o of keyOps) {
    if (wanted.size === 0) break;
    if (o.f !== 'read' || o.status !== 'ok' || !Array.isArray(o.output)) continue;
    const firsts: unknown[] = [];
    for (const v of o.output) {
      const k = valueKey(v);
      if (!wanted.has(k)) continue;
      wanted.delete(k);
      firsts.push(v);
    }
    if (firsts.length > 0) {
      const which = firsts.length === 1 ? 'which no client added' : 'which no client added (first read of each)';
      stuck.push({ ...overlayOp(o, ctx.ops, ctx.locate), reason: `returned ${formatElements(firsts, firsts.length, 10)}, ${which}` });
    }
  }
  return failure(ctx, {
    title: `${keyName(ctx.key)}: ${plural(total, 'element', 'elements')} unexpected`,
    note: `${plural(total, 'element', 'elements')} read but never added (first read of each shown)`,
    stuckTitle: 'Reads of unexpected elements',
    stuck,
    more: Math.max(0, total - (unexpected.length - wanted.size)),
    stateTitle: 'Unexpected elements',
    legend: { stuck: 'read of an unexpected element' },
    state: formatElements(unexpected, total),
    concurrent: [],
  });
}
