/**
 * renderDemoPage: a demo's combined page (index.html next to summary.json) — the table, the
 * sentences, and a link to each run's own report, in the summary's language. Self-contained (no
 * network, no script). Pure.
 */
import { escapeHtml as h } from '../report/html-escape.js';
import { REPORT_CSS } from '../report/report-style.js';
import type { Chapter } from './chapter.js';
import type { DemoSummary } from './demo-summary.js';
import { translator } from './messages/catalog.js';

/**
 * renderDemoPage renders `s` (a summary of `chapter`); `linkOf(path)` turns a run's report or
 * directory into an href relative to where the page is written.
 */
export function renderDemoPage(chapter: Chapter, s: DemoSummary, linkOf: (path: string) => string): string {
  const t = translator(s.lang);
  const head = `<tr>${s.headings.map((c) => `<th>${h(c)}</th>`).join('')}<th>${h(t('page.run'))}</th></tr>`;
  const rows = s.rows
    .map((r, i) => {
      const cells = (s.cells[i] ?? []).map((c, j) => (j === 0 ? `<td><b>${h(c)}</b></td>` : `<td>${h(c)}</td>`)).join('');
      const link = r.report === undefined ? `<a href="${h(linkOf(r.dir))}">${h(t('page.runDir'))}</a>` : `<a href="${h(linkOf(r.report))}">${h(t('page.report'))}</a>`;
      return `<tr data-variant="${h(r.variant)}" data-mode="${h(r.mode)}">${cells}<td>${link}</td></tr>`;
    })
    .join('');
  const sentences = s.sentences.map((p) => `<p>${h(p)}</p>`).join('');
  const title = `faultline demo ${s.demo}`;
  const meta = t('page.meta', { seed: s.seed, nodes: s.nodes, seconds: s.timeLimitMs / 1000, faults: s.schedule.description });
  return `<!doctype html><html lang="${s.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${h(title)}</title><style>${REPORT_CSS}</style></head>
<body><header><h1>${h(title)}</h1><span class="gen">${h(meta)}</span></header>
<main><section><h2>${h(t(chapter.tableHeading))}</h2><table id="demo">${head}${rows}</table></section>
<section><h2>${h(t('page.rowsHeading'))}</h2>${sentences}</section></main></body></html>
`;
}
