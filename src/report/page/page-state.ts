/**
 * PageState: the page's one mutable state (the visible time range, the lane scroll, the failure and
 * op selected, the marks drawn for the selected failure) with the data and layout it is read with,
 * and the functions that move the view within bounds.
 */
import type { EncodedOps, ReportData } from '../build-report-data.js';
import { indexOps } from './op-index.js';
import type { OpIndex } from './op-index.js';
import { GUTTER, RIGHT, TOP } from './palette.js';

/** View: the visible time range, ns from the start of the history. */
export interface View {
  from: number;
  to: number;
}

/** Mark codes of PageState.mark: what an op is for the selected failure. */
export const MARK_NONE = 0;
export const MARK_PREFIX = 1;
export const MARK_CONCURRENT = 2;
export const MARK_STUCK = 3;

/** PageState is shared by every drawing and panel function (see the module comment). */
export interface PageState {
  readonly data: ReportData;
  readonly ops: EncodedOps;
  readonly index: OpIndex;
  /** Number of ops and of lanes. */
  readonly n: number;
  readonly lanes: number;
  /** Length of the history (≥ 1 ns): "fit all" shows [0, span]. */
  readonly span: number;
  /** Lane height and the height of the visible lanes (CSS px); the timeline canvas's height. */
  readonly rowH: number;
  readonly lanesH: number;
  readonly timelineH: number;
  view: View;
  scrollY: number;
  /** Selected failure (index in data.failures, -1 for none) and its key's index in ops.keys (-1: none). */
  sel: number;
  selKey: number;
  /** Op selected by a click (-1: none). */
  selectedOp: number;
  /** Whether ops of other keys than the failure's are dimmed. */
  focusKey: boolean;
  /** Per op, its MARK_* code for the selected failure; prefixPos: an op's position in the linearized prefix. */
  readonly mark: Int8Array;
  readonly prefixPos: Map<number, number>;
}

/** createPageState: the initial state for `data` (whole history in view, nothing selected). */
export function createPageState(data: ReportData): PageState {
  const ops = data.ops;
  const lanes = ops.lanes.length;
  const span = Math.max(data.spanNs, 1);
  const rowH = Math.max(6, Math.min(30, Math.floor(560 / Math.max(1, lanes))));
  const lanesH = Math.min(lanes * rowH, 560);
  return {
    data,
    ops,
    index: indexOps(ops, span),
    n: ops.count,
    lanes,
    span,
    rowH,
    lanesH,
    timelineH: TOP + lanesH + 8,
    view: { from: 0, to: span },
    scrollY: 0,
    sel: -1,
    selKey: -1,
    selectedOp: -1,
    focusKey: true,
    mark: new Int8Array(ops.count),
    prefixPos: new Map(),
  };
}

/** xOf: the canvas x (CSS px) of time `tns` on a canvas `w` px wide. */
export function xOf(view: View, tns: number, w: number): number {
  return GUTTER + ((tns - view.from) / (view.to - view.from)) * (w - GUTTER - RIGHT);
}

/** timeAt: the time at canvas x `x` (the inverse of xOf). */
export function timeAt(view: View, x: number, w: number): number {
  return view.from + ((x - GUTTER) / (w - GUTTER - RIGHT)) * (view.to - view.from);
}

/** setView shows [from, to], its width kept within [1 µs, 1.2 × span] and the range within 10% of the history's ends. */
export function setView(s: PageState, from: number, to: number): void {
  const span = Math.max(1000, Math.min(to - from, s.span * 1.2));
  const mid = (from + to) / 2;
  from = mid - span / 2;
  to = mid + span / 2;
  const margin = s.span * 0.1;
  if (from < -margin) {
    to += -margin - from;
    from = -margin;
  }
  if (to > s.span + margin) {
    from -= to - s.span - margin;
    to = s.span + margin;
  }
  s.view.from = from;
  s.view.to = to;
}

/** setScroll scrolls the lanes to `y` px, within bounds. */
export function setScroll(s: PageState, y: number): void {
  s.scrollY = Math.max(0, Math.min(y, s.lanes * s.rowH - s.lanesH));
}

/** laneY: the canvas y of lane `l`'s top (after scrolling). */
export function laneY(s: PageState, l: number): number {
  return TOP + l * s.rowH - s.scrollY;
}

/** visibleLanes: the first and last lane (partly) in view. */
export function visibleLanes(s: PageState): [number, number] {
  return [Math.floor(s.scrollY / s.rowH), Math.min(s.lanes - 1, Math.floor((s.scrollY + s.lanesH - 1) / s.rowH))];
}

/** revealLane scrolls lane `l` to the middle when it is not wholly in view. */
export function revealLane(s: PageState, l: number): void {
  if (laneY(s, l) < TOP || laneY(s, l) + s.rowH > TOP + s.lanesH) setScroll(s, l * s.rowH - s.lanesH / 2);
}
