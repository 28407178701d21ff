/**
 * The report's static sections as HTML strings: header, summary (counts, test options, verdict per
 * checker and key), availability tables and per-checker panels. Pure; every piece of data is escaped.
 * The interactive parts (timeline, charts, counterexample panel) are drawn by the page script.
 */
import { verdictLabel } from '../core/verdict.js';
import type { Verdict } from '../core/verdict.js';
import type { Tally } from './availability.js';
import type { ReportData } from './build-report-data.js';
import { formatNs } from './format-time.js';
import { escapeHtml as h } from './html-escape.js';

const badge = (v: Verdict): string => `<span class="badge ${verdictLabel(v)}">${verdictLabel(v)}</span>`;
const vtext = (v: Verdict): string => `<span class="v-${verdictLabel(v)}">${verdictLabel(v)}</span>`;

/** renderHeader: title, overall verdict, source and generation time. */
export function renderHeader(d: ReportData): string {
  return `<header><h1>${h(d.title)}</h1>${badge(d.summary.valid)}<span class="src">${h(d.source)}</span><span class="gen">faultline report · ${h(d.generatedAt)}</span></header>`;
}

/** renderSummary: counts, notes, test options and the verdict table. */
export function renderSummary(d: ReportData): string {
  const c = d.counts;
  const stat = (value: string, label: string, title = ''): string =>
    `<div class="stat"${title === '' ? '' : ` title="${h(title)}"`}><b>${h(value)}</b><span>${h(label)}</span></div>`;
  const stats = [
    stat(
      c.checked === null ? '—' : c.checked.toLocaleString('en-US'),
      'ops checked',
      'operations the checkers reason about, as `faultline check` counts them: failed ops did not happen and are not checked',
    ),
    ...(d.ops.count < c.ops
      ? [
          stat(c.ops.toLocaleString('en-US'), 'client ops', 'every client operation of the history: ok + fail + info'),
          stat(d.ops.count.toLocaleString('en-US'), 'client ops drawn', 'the operations kept on the timeline (see the note above)'),
        ]
      : [stat(c.ops.toLocaleString('en-US'), 'client ops drawn', 'every client operation on the timeline: ok + fail + info')]),
    stat(c.ok.toLocaleString('en-US'), 'ok'),
    stat(c.fail.toLocaleString('en-US'), 'fail'),
    stat(c.info.toLocaleString('en-US'), 'info (unknown)'),
    stat(String(c.processes), 'processes'),
    stat(String(c.keys), 'keys'),
    stat(formatNs(d.spanNs), 'duration'),
    stat(String(d.faults.length), 'fault windows'),
    stat(String(d.failures.length), 'failures shown'),
  ].join('');
  const notes = d.notes.length === 0 ? '' : `<ul class="notes">${d.notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>`;
  const test =
    d.test.length === 0
      ? ''
      : `<details><summary>Test options (test.json)</summary><table>${d.test.map(([k, v]) => `<tr><th>${h(k)}</th><td>${h(v)}</td></tr>`).join('')}</table></details>`;
  return `<section id="summary"><h2>Summary</h2>${notes}<div class="stats">${stats}</div>${renderVerdictTable(d)}${test}</section>`;
}

/** renderVerdictTable: one row per checker, its keys (non-valid first) in a fold below. */
export function renderVerdictTable(d: ReportData): string {
  if (d.summary.checkers.length === 0) return '<p class="muted">No checker results.</p>';
  const rows = d.summary.checkers.map((c) => {
    const n = c.counts;
    const keyCounts = n.valid + n.invalid + n.unknown === 0 ? '' : `${n.valid} valid · ${n.invalid} invalid · ${n.unknown} unknown`;
    const keys =
      c.keys.length === 0
        ? ''
        : `<details${n.invalid + n.unknown > 0 && c.keys.length <= 12 ? ' open' : ''}><summary>per key</summary><table><tr><th>key</th><th>verdict</th><th>detail</th></tr>${c.keys
            .map((k) => `<tr><td>${h(k.key === '' ? '(all)' : k.key)}</td><td>${vtext(k.valid)}</td><td>${h(k.detail)}</td></tr>`)
            .join('')}</table>${c.keysHidden > 0 ? `<p class="muted">${c.keysHidden} more valid keys not listed.</p>` : ''}</details>`;
    return `<tr data-checker="${h(c.checker)}"><td><b>${h(c.checker)}</b></td><td>${vtext(c.valid)}</td><td>${h(keyCounts)}</td><td>${h(c.reason)}${keys}</td></tr>`;
  });
  return `<table id="verdicts"><tr><th>checker</th><th>verdict</th><th>keys</th><th>detail</th></tr>${rows.join('')}</table>`;
}

function ratio(t: Tally): string {
  if (t.total === 0) return '<span class="muted">—</span>';
  const pct = (100 * t.ok) / t.total;
  return `<span class="bar"><i style="width:${pct.toFixed(1)}%"></i></span>${t.ok}/${t.total} <span class="muted">(${pct.toFixed(pct === 100 ? 0 : 1)}%)</span>`;
}

/** renderAvailability: ok/total per node (all, during faults, outside faults) and per fault window. */
export function renderAvailability(d: ReportData): string {
  const a = d.availability;
  const nodeRows = a.nodes
    .map((n) => `<tr><td>${h(n.node === '?' ? '? (no node recorded)' : n.node)}</td><td>${ratio(n.all)}</td><td>${ratio(n.inFault)}</td><td>${ratio(n.outsideFault)}</td></tr>`)
    .join('');
  const total = `<tr><th>all nodes</th><th>${ratio(a.overall.all)}</th><th>${ratio(a.overall.inFault)}</th><th>${ratio(a.overall.outsideFault)}</th></tr>`;
  const nodes = `<table id="availability-nodes"><tr><th>node</th><th>all ops ok</th><th>during faults</th><th>outside faults</th></tr>${nodeRows}${total}</table>`;
  const winRows = a.windows
    .map((w) => {
      const f = d.faults[w.window]!;
      const t = w.tally;
      return `<tr><td>${h(f.label)}${f.open ? '<span class="pill">never healed</span>' : ''}</td><td class="num">${h(formatNs(f.fromNs))}</td><td class="num">${h(formatNs(f.toNs - f.fromNs))}</td><td>${ratio(t)}</td><td class="num">${t.fail}</td><td class="num">${t.info}</td></tr>`;
    })
    .join('');
  const windows =
    a.windows.length === 0
      ? '<p class="muted">No fault windows in this history.</p>'
      : `<table id="availability-windows"><tr><th>fault</th><th class="num">at</th><th class="num">lasted</th><th>ops ok</th><th class="num">fail</th><th class="num">info</th></tr>${winRows}</table>`;
  return `<section id="availability"><h2>Availability</h2><div class="grid2"><div><h3>Per node</h3>${nodes}</div><div><h3>Per fault window</h3>${windows}</div></div></section>`;
}

/**
 * renderCheckerPanels: one panel per checker that has fields beyond its verdict and keys, e.g. the
 * eventual checker's convergence and staleness, shown as a table of its scalar fields and the JSON.
 */
export function renderCheckerPanels(d: ReportData): string {
  const panels = d.summary.checkers
    .filter((c) => c.extra !== '')
    .map((c) => {
      let scalars = '';
      try {
        const obj = JSON.parse(c.extra) as Record<string, unknown>;
        const rows = Object.entries(obj).filter(([, v]) => v === null || typeof v !== 'object');
        if (rows.length > 0) scalars = `<table>${rows.map(([k, v]) => `<tr><th>${h(k)}</th><td>${h(formatField(k, v))}</td></tr>`).join('')}</table>`;
      } catch {
        // truncated JSON: the raw text below is all we show
      }
      const title = c.checker === 'eventual' ? 'Eventual consistency (convergence, staleness)' : `Checker: ${c.checker}`;
      return `<section class="checker-panel" data-checker="${h(c.checker)}"><h2>${h(title)} ${vtext(c.valid)}</h2>${scalars}<details><summary>all fields</summary><pre>${h(c.extra)}</pre></details></section>`;
    });
  return panels.join('');
}

/** formatField shows `…Ns` fields as durations and everything else as is. */
function formatField(k: string, v: unknown): string {
  if (typeof v === 'number' && /Ns$/.test(k)) return `${formatNs(v)} (${v} ns)`;
  if (typeof v === 'number' && /Ms$/.test(k)) return `${formatNs(v * 1e6)}`;
  return String(v);
}
