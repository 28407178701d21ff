/** What the timeline and the two charts draw alike: the canvas set-up, the time axis, the fault windows, the failure's focus line. */
import { niceStep, tickLabel } from './format.js';
import { AXIS, BAND, familyColor, GUTTER, RIGHT, STUCK } from './palette.js';
import type { PageState } from './page-state.js';
import { xOf } from './page-state.js';

/** Canvas2D: a canvas's context, scaled to CSS px, and its size in CSS px. */
export interface Canvas2D {
  ctx: CanvasRenderingContext2D;
  w: number;
  h: number;
}

/** setupCanvas sizes `canvas` to its parent's width and `cssH` px at the device's pixel ratio, and returns its context in CSS px. */
export function setupCanvas(canvas: HTMLCanvasElement, cssH: number): Canvas2D {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.parentElement?.clientWidth ?? 0;
  canvas.style.height = `${cssH}px`;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(cssH * dpr);
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('report page: no 2d canvas context');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, w, h: cssH };
}

/** drawFaults shades each fault window between y0 and y1; `withLabels` adds the labelled band under the axis (the timeline's). */
export function drawFaults(s: PageState, ctx: CanvasRenderingContext2D, w: number, y0: number, y1: number, withLabels: boolean): void {
  for (const f of s.data.faults) {
    const x0 = Math.max(GUTTER, xOf(s.view, f.fromNs, w));
    const x1 = Math.min(w - RIGHT, xOf(s.view, f.toNs, w));
    if (x1 < GUTTER || x0 > w - RIGHT) continue;
    const c = familyColor(f.family);
    if (x1 - x0 < 1.5) {
      ctx.fillStyle = c;
      ctx.globalAlpha = 0.6;
      ctx.fillRect(x0, y0, 1.5, y1 - y0);
      ctx.globalAlpha = 1;
    } else {
      ctx.fillStyle = c;
      ctx.globalAlpha = 0.09;
      ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
      ctx.globalAlpha = 1;
    }
    if (withLabels) {
      ctx.fillStyle = c;
      ctx.globalAlpha = 0.85;
      ctx.fillRect(x0, AXIS + 2, Math.max(2, x1 - x0), BAND - 5);
      ctx.globalAlpha = 1;
      if (x1 - x0 > 30) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(x0, AXIS, x1 - x0 - 2, BAND);
        ctx.clip();
        ctx.fillStyle = '#fff';
        ctx.font = '600 10px system-ui,sans-serif';
        ctx.textBaseline = 'middle';
        ctx.fillText(f.label + (f.open ? ' (never healed)' : ''), x0 + 4, AXIS + BAND / 2);
        ctx.restore();
      }
    }
  }
}

/** drawAxis draws the time ticks (labels in the top AXIS px from y, grid lines down to y + h). */
export function drawAxis(s: PageState, ctx: CanvasRenderingContext2D, w: number, y: number, h: number): void {
  const view = s.view;
  const span = view.to - view.from;
  const step = niceStep(span / Math.max(1, (w - GUTTER) / 110));
  const first = Math.ceil(view.from / step) * step;
  ctx.font = '11px system-ui,sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#5d6778';
  for (let v = first; v <= view.to; v += step) {
    const x = xOf(view, v, w);
    ctx.fillStyle = '#eef0f3';
    ctx.fillRect(Math.round(x), y + AXIS, 1, h - AXIS);
    ctx.fillStyle = '#5d6778';
    ctx.fillText(tickLabel(v, step, view.from, view.to), x + 3, y + AXIS / 2);
  }
}

/** drawFocus draws the selected failure's focus time as a dashed line from y0 to y1 (nothing when none is selected). */
export function drawFocus(s: PageState, ctx: CanvasRenderingContext2D, w: number, y0: number, y1: number): void {
  const f = s.sel >= 0 ? s.data.failures[s.sel] : undefined;
  if (!f) return;
  const x = xOf(s.view, f.focusNs, w);
  ctx.strokeStyle = STUCK;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(x, y0);
  ctx.lineTo(x, y1);
  ctx.stroke();
  ctx.setLineDash([]);
}
