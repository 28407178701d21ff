/**
 * The page's input: on the timeline the wheel zooms around the pointer (shift+wheel scrolls lanes),
 * dragging pans (vertically too when lanes overflow), a click selects an op, a double click zooms
 * in, hovering shows the op's tooltip; a click on a chart centres the timeline there; the toolbar
 * and keys n / p (next / previous failure) and 0 (fit all).
 */
import { byId } from './dom.js';
import type { PageNavigator } from './navigation.js';
import { opDescription, showSelected } from './panel.js';
import { GUTTER, RIGHT } from './palette.js';
import type { PageState } from './page-state.js';
import { setScroll, setView, timeAt } from './page-state.js';
import { opAt } from './timeline.js';

interface Drag {
  x: number;
  y: number;
  from: number;
  to: number;
  scroll: number;
  moved: boolean;
}

/** bindInput attaches every listener; `redraw` schedules a frame. */
export function bindInput(s: PageState, nav: PageNavigator, redraw: () => void): void {
  const tl = byId('timeline', HTMLCanvasElement);
  const tip = byId('tip');
  const view = s.view;
  let drag: Drag | null = null;
  tl.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      if (e.shiftKey) {
        setScroll(s, s.scrollY + e.deltaY);
        redraw();
        return;
      }
      const w = tl.clientWidth;
      const r = tl.getBoundingClientRect();
      const at = timeAt(view, e.clientX - r.left, w);
      const k = Math.exp(e.deltaY * 0.0015);
      const from = at - (at - view.from) * k;
      const to = at + (view.to - at) * k;
      if (to - from < 1000 || to - from > s.span * 1.2) return;
      view.from = from;
      view.to = to;
      redraw();
    },
    { passive: false },
  );
  tl.addEventListener('mousedown', (e) => {
    drag = { x: e.clientX, y: e.clientY, from: view.from, to: view.to, scroll: s.scrollY, moved: false };
    tl.classList.add('dragging');
    e.preventDefault();
  });
  window.addEventListener('mousemove', (e) => {
    const r = tl.getBoundingClientRect();
    if (drag) {
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      const per = (drag.to - drag.from) / (tl.clientWidth - GUTTER - RIGHT);
      view.from = drag.from - dx * per;
      view.to = drag.to - dx * per;
      setScroll(s, drag.scroll - dy);
      tip.style.display = 'none';
      redraw();
      return;
    }
    const mx = e.clientX - r.left;
    const my = e.clientY - r.top;
    if (mx < 0 || my < 0 || mx > r.width || my > r.height) {
      tip.style.display = 'none';
      return;
    }
    const op = opAt(s, tl, mx, my);
    if (op < 0) {
      tip.style.display = 'none';
      return;
    }
    tip.textContent = opDescription(s, op);
    tip.style.display = 'block';
    tip.style.left = `${Math.min(mx + 14, r.width - 300)}px`;
    tip.style.top = `${my + 16}px`;
  });
  window.addEventListener('mouseup', (e) => {
    if (!drag) return;
    const moved = drag.moved;
    drag = null;
    tl.classList.remove('dragging');
    if (!moved) {
      const r = tl.getBoundingClientRect();
      s.selectedOp = opAt(s, tl, e.clientX - r.left, e.clientY - r.top);
      showSelected(s);
      redraw();
    }
  });
  tl.addEventListener('dblclick', (e) => {
    const r = tl.getBoundingClientRect();
    const at = timeAt(view, e.clientX - r.left, tl.clientWidth);
    const half = (view.to - view.from) / 4;
    setView(s, at - half, at + half);
    redraw();
  });
  for (const id of ['latency', 'throughput']) {
    const chart = byId(id, HTMLCanvasElement);
    chart.addEventListener('click', (e) => {
      const r = chart.getBoundingClientRect();
      const at = timeAt(view, e.clientX - r.left, r.width);
      const half = (view.to - view.from) / 2;
      setView(s, at - half, at + half);
      redraw();
    });
  }
  const next = byId('next-fail');
  const prev = byId('prev-fail');
  const fit = byId('fit-all');
  fit.addEventListener('click', () => {
    view.from = 0;
    view.to = s.span;
    setScroll(s, 0);
    redraw();
  });
  byId('zoom-fail').addEventListener('click', () => {
    nav.focusFailure();
    redraw();
  });
  prev.addEventListener('click', () => {
    if (s.sel > 0) nav.showFailure(s.sel - 1);
  });
  next.addEventListener('click', () => {
    if (s.sel < s.data.failures.length - 1) nav.showFailure(s.sel + 1);
  });
  const focusKey = byId('focus-key', HTMLInputElement);
  focusKey.addEventListener('change', () => {
    s.focusKey = focusKey.checked;
    redraw();
  });
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (t instanceof Element && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
    if (e.key === 'n') next.click();
    else if (e.key === 'p') prev.click();
    else if (e.key === '0') fit.click();
  });
  window.addEventListener('resize', redraw);
}
