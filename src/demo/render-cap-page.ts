/**
 * renderCapPage: the demo's combined page (index.html next to summary.json) — the CAP table, the
 * sentences, and a link to each mode's own report. Self-contained (no network, no script). Pure.
 */
import { escapeHtml as h } from '../report/html-escape.js';
import { REPORT_CSS } from '../report/report-style.js';
import type { CapSummary } from './cap-summary.js';
import { CAP_COLUMNS, capCells } from './format-cap-table.js';

/**
 * renderCapPage renders `s`; `linkOf(path)` turns a mode's report or run directory into an href
 * relative to where the page is written.
 */
export function renderCapPage(s: CapSummary, linkOf: (path: string) => string): string {
  const head = `<tr>${CAP_COLUMNS.map((c) => `<th>${h(c)}</th>`).join('')}<th>run</th></tr>`;
  const rows = s.rows
    .map((r) => {
      const cells = capCells(r).map((c, i) => (i === 0 ? `<td><b>${h(c)}</b></td>` : `<td>${h(c)}</td>`)).join('');
      const link = r.report === undefined ? `<a href="${h(linkOf(r.dir))}">run directory</a>` : `<a href="${h(linkOf(r.report))}">report</a>`;
      return `<tr data-mode="${h(r.mode)}">${cells}<td>${link}</td></tr>`;
    })
    .join('');
  const sentences = s.sentences.map((p) => `<p>${h(p)}</p>`).join('');
  const sched = `${s.schedule.nemesis.join(' + ')} (partition: ${s.schedule.partition.join(', ')}), a fault change every ${s.schedule.intervalMs / 1000} s, ${s.schedule.rate} ops/s`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>faultline demo cap</title><style>${REPORT_CSS}</style></head>
<body><header><h1>faultline demo cap</h1><span class="gen">seed ${s.seed} · ${s.nodes} nodes · ${s.timeLimitMs / 1000} s per mode · ${h(sched)}</span></header>
<main><section><h2>Same faults, four ways to replicate</h2><table id="cap">${head}${rows}</table></section>
<section><h2>What the rows show</h2>${sentences}</section></main></body></html>
`;
}
