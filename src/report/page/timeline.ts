/**
 * The timeline: one lane per row of processes, one bar per op, drawn only where visible — per lane a
 * binary search finds the first op in view, so a frame costs O(lanes · log n + visible ops) — with
 * bars closer than a pixel merged when zoomed out. The selected failure's ops are drawn on top
 * (prefix, failing ops, concurrent ops), other keys' ops dimmed. Also the hit test of a pointer.
 */
import { byId } from './dom.js';
import { count, formatNs } from './format.js';
import { laneStart } from './op-index.js';
import { COLOR, COLOR_DIM, CONC, GUTTER, PREFIX, STUCK, TOP } from './palette.js';
import type { PageState } from './page-state.js';
import { laneY, MARK_CONCURRENT, MARK_PREFIX, MARK_STUCK, timeAt, visibleLanes, xOf } from './page-state.js';
import { drawAxis, drawFaults, setupCanvas } from './canvas.js';

// Bar styles: status (0 ok, 1 fail, 2 info) + 3 × emphasis (0 nothing selected, 1 the failure's key, 2 another key).
const STYLES = 9;

function opEmphasis(s: PageState, op: number): number {
  if (s.sel < 0) return 0;
  if (s.focusKey && s.selKey >= 0 && s.ops.key[op] !== s.selKey) return 2;
  return 1;
}

/** drawTimeline draws the timeline canvas and updates the status line under it. */
export function drawTimeline(s: PageState, canvas: HTMLCanvasElement): void {
  const { ctx, w, h } = setupCanvas(canvas, s.timelineH);
  const { call, end, laneOps } = s.index;
  const O = s.ops;
  const view = s.view;
  const lanesH = s.lanesH;
  const rowH = s.rowH;
  ctx.clearRect(0, 0, w, h);
  const [firstLane, lastLane] = visibleLanes(s);
  for (let l = firstLane; l <= lastLane; l++) {
    if (l % 2 === 1) {
      ctx.fillStyle = '#fafbfc';
      ctx.fillRect(GUTTER, laneY(s, l), w - GUTTER, rowH);
    }
  }
  drawAxis(s, ctx, w, 0, TOP + lanesH);
  drawFaults(s, ctx, w, TOP, TOP + lanesH, true);
  const f = s.sel >= 0 ? s.data.failures[s.sel] : undefined;
  if (f?.window) {
    const wx0 = xOf(view, f.window.fromNs, w);
    const wx1 = xOf(view, f.window.toNs, w);
    ctx.fillStyle = 'rgba(217,45,32,0.05)';
    ctx.fillRect(wx0, TOP, Math.max(1, wx1 - wx0), lanesH);
    ctx.strokeStyle = 'rgba(217,45,32,0.45)';
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    ctx.strokeRect(wx0 + 0.5, TOP + 0.5, Math.max(1, wx1 - wx0), lanesH - 1);
    ctx.setLineDash([]);
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(GUTTER, TOP, w - GUTTER, lanesH);
  ctx.clip();
  // Per style, rectangles as (x, y, width) triples; labels as (op, x0, x1, y); marked ops drawn last.
  const paths: number[][] = [];
  for (let st = 0; st < STYLES; st++) paths.push([]);
  const labels: number[] = [];
  const marked: number[] = [];
  let visible = 0;
  const barH = Math.max(2, rowH - (rowH > 10 ? 4 : 1));
  const pad = (rowH - barH) / 2;
  for (let l = firstLane; l <= lastLane; l++) {
    const ops = laneOps[l]!;
    const y = laneY(s, l) + pad;
    let lastX = -1;
    let lastStyle = -1;
    for (let j = laneStart(call, ops, view.from); j < ops.length; j++) {
      const op = ops[j]!;
      if (call[op]! > view.to) break;
      if (end[op]! < view.from) continue;
      visible++;
      if (s.mark[op]! > 0 || op === s.selectedOp) {
        marked.push(op);
        continue;
      }
      const x0 = xOf(view, call[op]!, w);
      let x1 = xOf(view, end[op]!, w);
      if (x1 - x0 < 1) x1 = x0 + 1;
      const style = O.status[op]! + 3 * opEmphasis(s, op);
      if (x1 <= lastX + 0.6 && style === lastStyle) continue;
      lastX = x1;
      lastStyle = style;
      paths[style]!.push(x0, y, x1 - x0);
      if (rowH >= 14 && x1 - x0 > 42 && labels.length < 3000) labels.push(op, x0, x1, y);
    }
  }
  for (let st = 0; st < STYLES; st++) {
    const p = paths[st]!;
    if (p.length === 0) continue;
    ctx.fillStyle = st < 3 ? COLOR[st]! : st < 6 ? COLOR[st - 3]! : COLOR_DIM[st - 6]!;
    ctx.globalAlpha = st >= 3 && st < 6 ? 0.55 : 1;
    ctx.beginPath();
    for (let q = 0; q < p.length; q += 3) ctx.rect(p[q]!, p[q + 1]!, p[q + 2]!, barH);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  ctx.font = '11px ui-monospace,Menlo,Consolas,monospace';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#1c2330';
  for (let k = 0; k < labels.length; k += 4) drawLabel(s, ctx, labels[k]!, labels[k + 1]!, labels[k + 2]!, labels[k + 3]! + barH / 2, '#1c2330');
  for (const op of marked) drawMarked(s, ctx, op, w, barH, pad);
  if (f && f.stuck.length <= 4) {
    for (const so of f.stuck) {
      const sx = xOf(view, so.callNs, w);
      ctx.strokeStyle = STUCK;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(sx, TOP);
      ctx.lineTo(sx, TOP + lanesH);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  ctx.restore();
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, TOP, GUTTER - 1, lanesH);
  ctx.font = '11px ui-monospace,Menlo,Consolas,monospace';
  ctx.textBaseline = 'middle';
  for (let l = firstLane; l <= lastLane; l++) {
    if (rowH < 9 && l % Math.ceil(11 / rowH) !== 0) continue;
    ctx.fillStyle = '#5d6778';
    ctx.fillText(O.lanes[l]!.label, 8, laneY(s, l) + rowH / 2);
  }
  ctx.fillStyle = '#e2e6ec';
  ctx.fillRect(GUTTER - 1, TOP, 1, lanesH);
  ctx.fillRect(0, TOP - 1, w, 1);
  const lanesTotalH = s.lanes * rowH;
  if (lanesTotalH > lanesH) {
    const bh = Math.max(20, (lanesH * lanesH) / lanesTotalH);
    const by = TOP + ((lanesH - bh) * s.scrollY) / (lanesTotalH - lanesH);
    ctx.fillStyle = 'rgba(0,0,0,0.18)';
    ctx.fillRect(w - 6, by, 4, bh);
  }
  byId('tl-status').textContent = `${formatNs(view.from)} \u2013 ${formatNs(view.to)}  \u00b7  ${count(visible)} of ${count(s.n)} ops visible  \u00b7  ${s.lanes} lanes`;
}

function drawLabel(s: PageState, ctx: CanvasRenderingContext2D, op: number, x0: number, x1: number, ym: number, color: string, prefix = ''): void {
  const text = prefix + s.ops.text[op]!;
  const maxW = x1 - x0 - 6;
  if (maxW < 12) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(Math.max(GUTTER, x0), ym - 8, x1 - Math.max(GUTTER, x0), 16);
  ctx.clip();
  ctx.fillStyle = color;
  ctx.fillText(text, Math.max(GUTTER, x0) + 3, ym);
  ctx.restore();
}

function drawMarked(s: PageState, ctx: CanvasRenderingContext2D, op: number, w: number, barH: number, pad: number): void {
  const { call, end } = s.index;
  const x0 = xOf(s.view, call[op]!, w);
  const x1 = Math.max(x0 + 3, xOf(s.view, end[op]!, w));
  const y = laneY(s, s.ops.lane[op]!) + pad;
  const m = s.mark[op]!;
  if (m === MARK_STUCK) {
    ctx.fillStyle = STUCK;
    ctx.fillRect(x0, y, x1 - x0, barH);
    ctx.strokeStyle = '#5c0b05';
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 - 1, y - 1, x1 - x0 + 2, barH + 2);
    if (barH >= 10) drawLabel(s, ctx, op, x0, x1, y + barH / 2, '#fff');
  } else if (m === MARK_PREFIX) {
    ctx.fillStyle = PREFIX;
    ctx.fillRect(x0, y, x1 - x0, barH);
    if (barH >= 10) {
      const pos = s.prefixPos.get(op);
      drawLabel(s, ctx, op, x0, x1, y + barH / 2, '#fff', pos === undefined ? '' : `${pos + 1}. `);
    }
  } else if (m === MARK_CONCURRENT) {
    ctx.fillStyle = COLOR[s.ops.status[op]!]!;
    ctx.fillRect(x0, y, x1 - x0, barH);
    ctx.strokeStyle = CONC;
    ctx.lineWidth = 2;
    ctx.strokeRect(x0, y, x1 - x0, barH);
    if (barH >= 10) drawLabel(s, ctx, op, x0, x1, y + barH / 2, '#1c2330');
  } else {
    ctx.fillStyle = COLOR[s.ops.status[op]!]!;
    ctx.fillRect(x0, y, x1 - x0, barH);
    if (barH >= 10) drawLabel(s, ctx, op, x0, x1, y + barH / 2, '#1c2330');
  }
  if (op === s.selectedOp) {
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 - 2, y - 2, x1 - x0 + 4, barH + 4);
  }
}

/** opAt: the op under the pointer at (mx, my) on the timeline canvas (CSS px; 3 px of tolerance), -1 for none. */
export function opAt(s: PageState, canvas: HTMLCanvasElement, mx: number, my: number): number {
  const w = canvas.clientWidth;
  const view = s.view;
  if (mx < GUTTER || my < TOP || my > TOP + s.lanesH) return -1;
  const ln = Math.floor((my - TOP + s.scrollY) / s.rowH);
  if (ln < 0 || ln >= s.lanes) return -1;
  const { call, end, laneOps } = s.index;
  const tm = timeAt(view, mx, w);
  const tol = (3 * (view.to - view.from)) / (w - GUTTER);
  const ops = laneOps[ln]!;
  const j = laneStart(call, ops, tm + tol);
  for (let k = j; k >= Math.max(0, j - 2); k--) {
    const op = ops[k];
    if (op !== undefined && call[op]! - tol <= tm && tm <= end[op]! + tol) return op;
  }
  return -1;
}
