/**
 * Moving between failures and ops: selecting a failure marks its ops (prefix, concurrent, failing),
 * renames the legend for its checker and updates <output id="highlighted-op"> (data-op,
 * data-invoke-index, data-process, data-text…: the failing op, for tests); focusing centres the
 * timeline on it; jumping selects one op and brings it into view.
 */
import type { FailureOverlay } from '../counterexample-overlay.js';
import { byId } from './dom.js';
import type { Navigator } from './panel.js';
import { renderPanel, showSelected } from './panel.js';
import type { PageState } from './page-state.js';
import { MARK_CONCURRENT, MARK_NONE, MARK_PREFIX, MARK_STUCK, revealLane, setView } from './page-state.js';

/** PageNavigator: the Navigator of the panel plus selecting and focusing a failure without redrawing. */
export interface PageNavigator extends Navigator {
  /** Select failure `k` (-1: none): marks, panel, legend, highlighted-op. */
  selectFailure(k: number): void;
  /** Centre the timeline on the selected failure's failing and concurrent ops (no redraw). */
  focusFailure(): void;
}

/** createNavigator: the navigation of page state `s`; `redraw` schedules a frame. */
export function createNavigator(s: PageState, redraw: () => void): PageNavigator {
  const nav: PageNavigator = {
    selectFailure(k) {
      s.mark.fill(MARK_NONE);
      s.prefixPos.clear();
      s.sel = k;
      const f = s.data.failures[k];
      s.selKey = -1;
      if (f) {
        const key = f.part.replace(/#\d+$/, '');
        s.selKey = s.ops.keys.indexOf(key);
        f.prefix.forEach((op, pos) => {
          s.mark[op] = MARK_PREFIX;
          s.prefixPos.set(op, pos);
        });
        for (const o of f.concurrent) if (o.op >= 0 && s.mark[o.op] === MARK_NONE) s.mark[o.op] = MARK_CONCURRENT;
        for (const o of f.stuck) if (o.op >= 0) s.mark[o.op] = MARK_STUCK;
      }
      renderPanel(s, nav);
      updateHighlighted(s);
      updateLegend(f);
    },
    focusFailure() {
      const f = s.data.failures[s.sel];
      if (!f) return;
      // Centre on the ops that cannot follow and the ops concurrent with them; the whole failing
      // window (which can be long) stays marked by its dashed box.
      let a = Infinity;
      let b = -Infinity;
      for (const o of [...f.stuck, ...f.concurrent]) {
        a = Math.min(a, o.callNs);
        b = Math.max(b, o.returnNs ?? o.callNs);
      }
      if (!isFinite(a)) {
        a = f.window ? f.window.fromNs : f.focusNs;
        b = f.window ? f.window.toNs : f.focusNs;
      }
      const span = Math.max(b - a, 1000);
      const pad = span * 0.6;
      setView(s, a - pad, b + pad);
      const first = f.stuck.length > 0 ? f.stuck[0]!.op : -1;
      if (first >= 0) revealLane(s, s.ops.lane[first]!);
    },
    showFailure(k) {
      nav.selectFailure(k);
      nav.focusFailure();
      redraw();
    },
    jumpTo(op) {
      if (op < 0) return;
      s.selectedOp = op;
      const { call, end } = s.index;
      const span = Math.min(s.view.to - s.view.from, Math.max((end[op]! - call[op]!) * 12, 5000));
      setView(s, call[op]! - span / 2, call[op]! + span / 2);
      revealLane(s, s.ops.lane[op]!);
      showSelected(s);
      redraw();
    },
  };
  return nav;
}

function updateLegend(f: FailureOverlay | undefined): void {
  const lin = !f || f.checker === 'linearizable';
  const lg = f?.legend ?? null;
  const stuck = byId('legend-stuck');
  const context = byId('legend-context');
  byId('legend-prefix').style.display = lin ? '' : 'none';
  setText(stuck.querySelector('span'), lin ? 'cannot linearize' : lg ? lg.stuck : 'failing op');
  setText(context.querySelector('span'), lin ? 'concurrent' : lg?.context ? lg.context : 'context');
  context.style.display = lin || lg?.context ? '' : 'none';
}

function setText(e: Element | null, text: string): void {
  if (e) e.textContent = text;
}

function updateHighlighted(s: PageState): void {
  const out = byId('highlighted-op');
  const f = s.data.failures[s.sel];
  const so = f && f.stuck.length > 0 ? f.stuck[0] : undefined;
  out.dataset.failure = String(s.sel);
  out.dataset.op = so ? String(so.op) : '-1';
  out.dataset.invokeIndex = so ? String(so.invokeIndex) : '-1';
  out.dataset.process = so ? String(so.process) : '';
  out.dataset.part = f ? f.part : '';
  out.dataset.text = so ? so.text : '';
  out.dataset.prefixOps = f ? String(f.prefix.length) : '0';
  out.dataset.invokeIndexes = f ? f.stuck.map((o) => o.invokeIndex).join(',') : '';
  out.textContent = so ? `highlighted: p${so.process} ${so.text}` : 'no failure highlighted';
}
