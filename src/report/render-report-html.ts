/**
 * renderReportHtml: the whole report as ONE self-contained HTML document — inline CSS, inline
 * script, the data as JSON in <script type="application/json" id="report-data">; no CDN, no fonts,
 * no network. Pure: the same data gives the same bytes.
 */
import type { ReportData } from './build-report-data.js';
import { embedJson, escapeHtml as h } from './html-escape.js';
import { renderAvailability, renderCheckerPanels, renderHeader, renderSummary } from './render-sections.js';
import { REPORT_SCRIPT } from './report-script.js';
import { REPORT_CSS } from './report-style.js';

// The last three items are renamed by the page script for the failure shown (e.g. "lost add").
const LEGEND = [
  ['#5bb67f', 'ok', ''],
  ['#ea8596', 'fail', ''],
  ['#f0b53d', 'info', ''],
  ['#6d4fd8', 'linearized prefix', 'legend-prefix'],
  ['#d92d20', 'cannot linearize', 'legend-stuck'],
  ['#fff;border:2px solid #b7791f', 'concurrent', 'legend-context'],
]
  .map(([c, label, id]) => `<span${id === '' ? '' : ` id="${id}"`}><i style="background:${c}"></i><span>${label}</span></span>`)
  .join('');

/** renderReportHtml renders `data` as a complete HTML document (a string, UTF-8 when written). */
export function renderReportHtml(data: ReportData): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="generator" content="faultline"><title>${h(data.title)} · faultline report</title>
<style>${REPORT_CSS}</style></head>
<body>
${renderHeader(data)}
<main>
${renderSummary(data)}
<section id="timeline-section"><h2>Timeline, latency and throughput</h2>
<div class="toolbar"><button id="fit-all" title="show the whole history (key 0)">Fit all</button><button id="zoom-fail">Zoom to failure</button>
<button id="prev-fail" title="previous failure (key p)">‹ Prev</button><span id="fail-pos" class="muted"></span><button id="next-fail" title="next failure (key n)">Next ›</button>
<label class="muted"><input type="checkbox" id="focus-key" checked> dim other keys</label><div class="legend">${LEGEND}</div></div>
<div class="tl-grid"><div><div class="canvas-wrap"><canvas id="timeline"></canvas><div class="tip" id="tip"></div></div>
<div class="hint"><span id="tl-status"></span> · wheel: zoom · drag: pan · shift+wheel: scroll lanes · click: select · double-click: zoom in</div>
<h3>Latency (log scale): <span style="color:#2563eb">median</span> · <span style="color:#e07b1a">p95</span> · <span style="color:#9aa4b2">max</span> per bucket; a dot per op when zoomed in</h3>
<div class="canvas-wrap"><canvas id="latency"></canvas></div>
<h3>Throughput (completed ops per second: ok / fail / info)</h3>
<div class="canvas-wrap"><canvas id="throughput"></canvas></div>
<div class="hint">Fault windows are shaded; the charts follow the timeline's zoom; click a chart to centre the timeline there.</div></div>
<aside class="panel"><div id="cx-panel"></div><h3>All failures</h3><ol class="ops" id="fail-list"></ol></aside></div>
<output id="highlighted-op" class="muted" data-op="-1"></output>
</section>
${renderAvailability(data)}
${renderCheckerPanels(data)}
</main>
<script type="application/json" id="report-data">${embedJson(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body></html>
`;
}
