/**
 * The side panel: the selected failure (title, failing ops with why, the model state or bounds, the
 * linearized prefix's tail, the concurrent or context ops), the list of all failures, and the
 * description of the op selected on the timeline (also the timeline's tooltip).
 */
import type { OverlayOp } from '../counterexample-overlay.js';
import { byId, el } from './dom.js';
import { count, formatNs } from './format.js';
import { CONTEXT_LISTED, STATUS, STUCK_LISTED } from './palette.js';
import type { PageState } from './page-state.js';
import { MARK_CONCURRENT, MARK_PREFIX, MARK_STUCK } from './page-state.js';

/** Navigator: what a click in the panel does (navigation.ts). */
export interface Navigator {
  /** Select and show op `op` on the timeline (nothing for -1). */
  jumpTo(op: number): void;
  /** Select failure `k`, centre the timeline on it and redraw. */
  showFailure(k: number): void;
}

function opLine(o: OverlayOp, withLane: boolean, nav: Navigator): HTMLLIElement {
  const li = el('li');
  li.textContent = `${withLane ? `p${o.process}  ` : ''}${o.text}   @${formatNs(o.callNs)}`;
  li.title = 'show on the timeline';
  li.addEventListener('click', () => nav.jumpTo(o.op));
  return li;
}

/** renderPanel fills the side panel and the failure list for the selected failure (s.sel) and the selected op. */
export function renderPanel(s: PageState, nav: Navigator): void {
  const p = byId('cx-panel');
  p.textContent = '';
  const failures = s.data.failures;
  const n = failures.length;
  byId('fail-pos').textContent = n === 0 ? 'no failures' : `failure ${s.sel + 1} of ${n}`;
  byId('prev-fail', HTMLButtonElement).disabled = n === 0 || s.sel <= 0;
  byId('next-fail', HTMLButtonElement).disabled = n === 0 || s.sel >= n - 1;
  byId('zoom-fail', HTMLButtonElement).disabled = n === 0;
  const f = failures[s.sel];
  if (n === 0) {
    p.appendChild(el('h3', '', 'Counterexample'));
    p.appendChild(el('p', 'muted', 'No failures to show: no checker produced a counterexample.'));
  } else if (f !== undefined) {
    const lin = f.checker === 'linearizable';
    p.appendChild(el('div', 'cx-title', f.title));
    if (f.note) p.appendChild(el('div', 'muted', f.note));
    else if (f.window) p.appendChild(el('div', 'muted', `fails within ${f.window.ops} ops between ${formatNs(f.window.fromNs)} and ${formatNs(f.window.toNs)}`));
    const stateBlock = (): void => {
      p.appendChild(el('h3', '', f.stateTitle || (lin ? 'State after the prefix' : 'Bounds')));
      const st = el('div', 'state', f.state);
      st.id = 'cx-state';
      p.appendChild(st);
    };
    // Other checkers' failures can name many ops (the lost adds of a set): their state (the
    // elements) comes first and the ops are listed one line each, the reason as a tooltip.
    if (!lin) stateBlock();
    const total = f.stuck.length + (f.more ?? 0);
    const stuckTitle = f.stuckTitle || (lin ? 'Cannot be linearized next' : 'Failing operation');
    p.appendChild(el('h3', '', stuckTitle + (total > STUCK_LISTED ? ` (first ${STUCK_LISTED} of ${count(total)})` : '')));
    const moreStuck = Math.max(0, total - STUCK_LISTED);
    const compact = !lin && f.stuck.length > 3;
    const sl = el('ul', 'ops');
    sl.id = 'stuck-list';
    for (const so of f.stuck.slice(0, STUCK_LISTED)) {
      if (compact) {
        const li = opLine(so, true, nav);
        li.title = so.reason;
        sl.appendChild(li);
        continue;
      }
      const box = el('div', 'stuck');
      const c = el('code', '', `p${so.process} ${so.text}`);
      c.style.cursor = 'pointer';
      c.addEventListener('click', () => nav.jumpTo(so.op));
      box.appendChild(c);
      box.appendChild(el('div', '', so.reason));
      box.appendChild(el('div', '', `called ${formatNs(so.callNs)}, returned ${so.returnNs === null ? 'never' : formatNs(so.returnNs)}`));
      p.appendChild(box);
    }
    if (compact) p.appendChild(sl);
    if (moreStuck > 0) {
      const drawn = f.stuck.filter((so) => so.op >= 0).length;
      const where = drawn < total ? ` (${drawn} of ${count(total)} drawn on the timeline; the checker lists ${f.stuck.length})` : ', all drawn on the timeline';
      const more = el('p', 'muted', `and ${count(moreStuck)} more${where}`);
      more.id = 'stuck-more';
      p.appendChild(more);
    }
    if (lin) stateBlock();
    if (!lin && f.contextTitle && f.concurrent.length > 0) {
      p.appendChild(el('h3', '', f.contextTitle));
      const cl = el('ul', 'ops');
      for (const o of f.concurrent.slice(0, CONTEXT_LISTED)) cl.appendChild(opLine(o, true, nav));
      p.appendChild(cl);
      if (f.concurrent.length > CONTEXT_LISTED) p.appendChild(el('p', 'muted', `and ${f.concurrent.length - CONTEXT_LISTED} more`));
    }
    if (lin) {
      const ptotal = f.prefixMore + f.prefixTail.length;
      p.appendChild(el('h3', '', `Linearized prefix${f.prefixMore > 0 ? ` (last ${f.prefixTail.length} of ${ptotal})` : ` (${ptotal})`}`));
      if (ptotal === 0) p.appendChild(el('p', 'muted', 'empty: the op fails from the initial state'));
      const ol = el('ol', 'ops');
      ol.start = f.prefixMore + 1;
      for (const o of f.prefixTail) ol.appendChild(opLine(o, true, nav));
      p.appendChild(ol);
      if (f.concurrent.length > 0) {
        p.appendChild(el('h3', '', `Concurrent operations (${f.concurrent.length})`));
        const ul = el('ul', 'ops');
        for (const o of f.concurrent) ul.appendChild(opLine(o, true, nav));
        p.appendChild(ul);
      }
    }
  }
  const det = el('div');
  det.id = 'op-details';
  p.appendChild(det);
  showSelected(s);
  const list = byId('fail-list');
  list.textContent = '';
  failures.forEach((f2, k) => {
    const li = el('li', '', `${f2.title} @ ${formatNs(f2.focusNs)}`);
    if (k === s.sel) li.style.fontWeight = '600';
    li.addEventListener('click', () => nav.showFailure(k));
    list.appendChild(li);
  });
}

/** opDescription: op `op` in a few lines for people (process and text, status, key, node, times, its part in the selected failure). */
export function opDescription(s: PageState, op: number): string {
  const O = s.ops;
  const lines = [`p${O.process[op]}  ${O.text[op]}`, `status  ${STATUS[O.status[op]!]}${O.durNs[op]! < 0 ? ' (never completed)' : ''}`];
  if (O.key[op]! >= 0) lines.push(`key     ${O.keys[O.key[op]!]}`);
  if (O.node[op]! >= 0) lines.push(`node    ${O.nodes[O.node[op]!]}`);
  lines.push(`called  ${formatNs(s.index.call[op]!)}`);
  if (O.durNs[op]! >= 0) lines.push(`latency ${formatNs(O.durNs[op]!)}`);
  const m = s.mark[op];
  if (m === MARK_PREFIX) lines.push(`in the linearized prefix (#${(s.prefixPos.get(op) ?? NaN) + 1})`);
  const f = s.sel >= 0 ? s.data.failures[s.sel] : undefined;
  const other = f !== undefined && f.checker !== 'linearizable' ? f : undefined;
  if (m === MARK_CONCURRENT) lines.push(other ? other.contextTitle || 'context of the failure' : 'concurrent with the failing op');
  if (m === MARK_STUCK) lines.push(other ? `${other.stuckTitle || 'failing operation'} (${other.title})` : 'cannot be linearized');
  return lines.join('\n');
}

/** showSelected writes the selected op's description under the panel (nothing when no op is selected). */
export function showSelected(s: PageState): void {
  const det = document.getElementById('op-details');
  if (!det) return;
  det.textContent = '';
  if (s.selectedOp < 0) return;
  det.appendChild(el('h3', '', 'Selected operation'));
  det.appendChild(el('pre', '', opDescription(s, s.selectedOp)));
}
