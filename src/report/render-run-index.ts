/**
 * renderRunIndex: the page `faultline serve` shows at `/` — every run of the store with its name,
 * time and verdict, linking to its report and raw files. Pure; all data escaped; no script.
 */
import { verdictLabel } from '../core/verdict.js';
import { escapeHtml as h } from './html-escape.js';
import type { RunEntry } from './list-runs.js';
import { REPORT_CSS } from './report-style.js';

/** runTime renders a run timestamp like 20261126T063100123Z as `2026-11-26 06:31:00 UTC` (as is when not that shape). */
export function runTime(stamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\d*Z(-\d+)?$/.exec(stamp);
  return m === null ? stamp : `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]} UTC${m[7] ?? ''}`;
}

/** renderRunIndex renders the list page for `runs` found in `store` (shown as given). */
export function renderRunIndex(store: string, runs: readonly RunEntry[]): string {
  const counts = { valid: 0, invalid: 0, unknown: 0, unchecked: 0 };
  for (const r of runs) r.valid === null ? counts.unchecked++ : counts[verdictLabel(r.valid)]++;
  const rows = runs
    .map((r) => {
      const v = r.valid === null ? '<span class="badge unknown">not checked</span>' : `<span class="badge ${verdictLabel(r.valid)}">${verdictLabel(r.valid)}</span>`;
      const base = `/run/${encodeURIComponent(r.name)}/${encodeURIComponent(r.timestamp)}`;
      const files = ['history.jsonl', 'results.json', 'test.json'].map((f) => `<a href="${base}/${f}">${f}</a>`).join(' · ');
      return `<tr data-run="${h(r.path)}"><td><b>${h(r.name)}</b></td><td>${h(runTime(r.timestamp))}</td><td>${v} <span class="muted">${h(r.note)}</span></td><td><a href="${base}/report.html">report</a>${r.hasReport ? '' : ' <span class="pill">rendered on open</span>'}</td><td class="muted">${files}</td></tr>`;
    })
    .join('');
  const body =
    runs.length === 0
      ? '<p class="muted">No runs yet: run <code>faultline test</code>, then reload.</p>'
      : `<table id="runs"><tr><th>test</th><th>started</th><th>verdict</th><th>report</th><th>files</th></tr>${rows}</table>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>faultline runs</title><style>${REPORT_CSS}</style></head>
<body><header><h1>faultline runs</h1><span class="src">${h(store)}</span><span class="gen">${runs.length} runs · ${counts.valid} valid · ${counts.invalid} invalid · ${counts.unknown} unknown · ${counts.unchecked} not checked</span></header>
<main><section>${body}</section></main></body></html>
`;
}
