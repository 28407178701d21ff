/**
 * The latency chart (log scale: median, p95 and max per bucket, and a dot per op when at most 20,000
 * ops are in view) and the throughput chart (completed ops per second, stacked ok / fail / info).
 * Both share the timeline's time axis: same gutter, same view.
 */
import { count, formatNs, niceStep } from './format.js';
import { globalStart } from './op-index.js';
import { COLOR, GUTTER, RIGHT } from './palette.js';
import type { PageState } from './page-state.js';
import { xOf } from './page-state.js';
import { drawAxis, drawFaults, drawFocus, setupCanvas } from './canvas.js';

// Most ops drawn one dot each on the latency chart.
const SCATTER_MAX = 20000;

/** bucketRange: the series buckets in view, one more on each side. */
function bucketRange(s: PageState): [number, number] {
  const S = s.data.series;
  const b0 = Math.max(0, Math.floor((s.view.from - S.startNs) / S.bucketNs) - 1);
  const b1 = Math.min(S.ok.length - 1, Math.ceil((s.view.to - S.startNs) / S.bucketNs) + 1);
  return [b0, b1];
}

/** drawLatency draws the latency chart on `canvas` (190 CSS px high). */
export function drawLatency(s: PageState, canvas: HTMLCanvasElement): void {
  const { ctx, w, h } = setupCanvas(canvas, 190);
  const top = 22;
  const bottom = h - 6;
  const S = s.data.series;
  const O = s.ops;
  const call = s.index.call;
  ctx.clearRect(0, 0, w, h);
  const [b0, b1] = bucketRange(s);
  let lo = Infinity;
  let hi = 0;
  for (let b = b0; b <= b1; b++) {
    if (S.max[b]! > 0) {
      hi = Math.max(hi, S.max[b]!);
      lo = Math.min(lo, S.p50[b]!);
    }
  }
  const i0 = globalStart(call, s.view.from);
  const i1 = globalStart(call, s.view.to);
  const scatter = i1 - i0 <= SCATTER_MAX;
  if (scatter) {
    for (let i = i0; i < i1; i++) {
      if (O.durNs[i]! > 0) {
        lo = Math.min(lo, O.durNs[i]!);
        hi = Math.max(hi, O.durNs[i]!);
      }
    }
  }
  drawAxis(s, ctx, w, 0, h);
  drawFaults(s, ctx, w, top, bottom, false);
  ctx.save();
  ctx.beginPath();
  ctx.rect(GUTTER, top, w - GUTTER - RIGHT, bottom - top);
  ctx.clip();
  if (hi > 0) {
    lo = Math.max(1, lo);
    const l0 = Math.log10(lo) - 0.1;
    const l1 = Math.log10(hi) + 0.1;
    const Y = (v: number): number => bottom - ((Math.log10(Math.max(v, 1)) - l0) / (l1 - l0)) * (bottom - top);
    ctx.restore();
    ctx.save();
    ctx.font = '10px system-ui,sans-serif';
    ctx.textBaseline = 'middle';
    for (let d = Math.floor(l0); d <= Math.ceil(l1); d++) {
      for (const m of [1, 2, 5]) {
        const v = m * Math.pow(10, d);
        const yy = Y(v);
        if (yy < top || yy > bottom) continue;
        ctx.fillStyle = '#eef0f3';
        ctx.fillRect(GUTTER, Math.round(yy), w - GUTTER - RIGHT, 1);
        ctx.fillStyle = '#5d6778';
        ctx.fillText(formatNs(v), 6, yy);
      }
    }
    ctx.beginPath();
    ctx.rect(GUTTER, top, w - GUTTER - RIGHT, bottom - top);
    ctx.clip();
    if (scatter) {
      for (let st = 0; st < 3; st++) {
        ctx.fillStyle = COLOR[st]!;
        ctx.globalAlpha = 0.55;
        ctx.beginPath();
        for (let i = i0; i < i1; i++) if (O.status[i] === st && O.durNs[i]! >= 0) ctx.rect(xOf(s.view, call[i]!, w) - 1, Y(O.durNs[i]!) - 1, 2.5, 2.5);
        ctx.fill();
      }
      ctx.globalAlpha = 1;
    }
    const line = (values: readonly number[], color: string, width: number): void => {
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.beginPath();
      let started = false;
      for (let b = b0; b <= b1; b++) {
        const v = values[b]!;
        if (v < 0) {
          started = false;
          continue;
        }
        const x = xOf(s.view, S.startNs + (b + 0.5) * S.bucketNs, w);
        const yv = Y(v);
        if (started) ctx.lineTo(x, yv);
        else {
          ctx.moveTo(x, yv);
          started = true;
        }
      }
      ctx.stroke();
    };
    if (scatter) ctx.globalAlpha = 0.6;
    else line(S.max, '#9aa4b2', 1);
    line(S.p95, '#e07b1a', 1.5);
    line(S.p50, '#2563eb', 2);
    ctx.globalAlpha = 1;
  }
  drawFocus(s, ctx, w, top, bottom);
  ctx.restore();
}

/** drawThroughput draws the throughput chart on `canvas` (150 CSS px high). */
export function drawThroughput(s: PageState, canvas: HTMLCanvasElement): void {
  const { ctx, w, h } = setupCanvas(canvas, 150);
  const top = 22;
  const bottom = h - 6;
  const S = s.data.series;
  ctx.clearRect(0, 0, w, h);
  const [b0, b1] = bucketRange(s);
  const sec = S.bucketNs / 1e9;
  let hi = 0;
  for (let b = b0; b <= b1; b++) hi = Math.max(hi, (S.ok[b]! + S.fail[b]! + S.info[b]!) / sec);
  drawAxis(s, ctx, w, 0, h);
  drawFaults(s, ctx, w, top, bottom, false);
  if (hi > 0) {
    const step = niceStep(hi / 3);
    ctx.font = '10px system-ui,sans-serif';
    ctx.textBaseline = 'middle';
    const Y = (v: number): number => bottom - (v / (hi * 1.08)) * (bottom - top);
    for (let v = step; v <= hi * 1.08; v += step) {
      ctx.fillStyle = '#eef0f3';
      ctx.fillRect(GUTTER, Math.round(Y(v)), w - GUTTER - RIGHT, 1);
      ctx.fillStyle = '#5d6778';
      ctx.fillText(`${count(Math.round(v))}/s`, 6, Y(v));
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(GUTTER, top, w - GUTTER - RIGHT, bottom - top);
    ctx.clip();
    for (let b = b0; b <= b1; b++) {
      const x0 = xOf(s.view, S.startNs + b * S.bucketNs, w);
      const x1 = xOf(s.view, S.startNs + (b + 1) * S.bucketNs, w);
      const bw = Math.max(1, x1 - x0 - (x1 - x0 > 4 ? 1 : 0));
      let base = 0;
      const parts = [S.ok[b]!, S.fail[b]!, S.info[b]!];
      for (let st = 0; st < 3; st++) {
        const part = parts[st]!;
        if (part === 0) continue;
        const y0 = Y((base + part) / sec);
        const y1 = Y(base / sec);
        ctx.fillStyle = COLOR[st]!;
        ctx.fillRect(x0, y0, bw, y1 - y0);
        base += part;
      }
    }
    ctx.restore();
  }
  drawFocus(s, ctx, w, top, bottom);
}
