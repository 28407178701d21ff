/**
 * renderLabPage: the lab's single page — inline CSS (the report's stylesheet plus the lab's own) and
 * inline script, no CDN, no fonts, no network but its own server (the event stream and the API).
 * The page fills itself from the `/events` stream. Pure.
 */
import { REPORT_CSS } from '../report/report-style.js';
import { LAB_CSS } from './lab-style.js';
import { LAB_SCRIPT } from './lab-script.js';

const LEGEND = [
  ['#5bb67f', 'ok'],
  ['#ea8596', 'fail'],
  ['#f0b53d', 'info (unknown)'],
  ['#cbd5e1', 'in flight'],
  ['#6d4fd8', 'linearized prefix'],
  ['#d92d20', 'cannot linearize'],
]
  .map(([c, label]) => `<span><i style="background:${c}"></i>${label}</span>`)
  .join('');

/** renderLabPage renders the page (the same bytes every time; the data comes over the stream). */
export function renderLabPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,"><title>faultline lab</title>
<style>${REPORT_CSS}${LAB_CSS}</style></head>
<body>
<header><h1>faultline lab</h1>
<label class="mode">mode <select id="mode"></select></label>
<span id="quorum-knobs" hidden><label>N <input id="q-n" type="number" min="1" placeholder="3"></label><label>R <input id="q-r" type="number" min="1" placeholder="maj"></label><label>W <input id="q-w" type="number" min="1" placeholder="maj"></label><label><input id="q-sloppy" type="checkbox"> sloppy</label></span>
<button id="switch-mode" class="dark">Restart in this mode</button>
<span id="verdict" class="badge unknown" data-verdict="pending">starting…</span>
<span class="gen" id="conn">connecting…</span></header>
<div id="toast" role="status"></div>
<main>
<div class="lab-grid">
<section id="cluster-section"><h2>Cluster <span class="muted" id="cluster-status"></span></h2>
<svg id="cluster" viewBox="0 0 420 300" role="img" aria-label="the cluster's nodes and links"></svg>
<div class="hint">Click a link to cut it (both ways) or mend it. Click a node for its faults.</div>
<div id="node-menu" hidden><div class="menu-title" id="menu-title"></div>
<div class="toolbar"><button data-action="isolate">Isolate</button><button data-action="reconnect">Reconnect</button>
<button data-action="kill">Kill</button><button data-action="restart">Restart</button>
<button data-action="pause">Pause</button><button data-action="resume">Resume</button></div>
<div class="toolbar"><label>clock skew <input id="clock-ms" type="number" value="10000" step="1000"> ms</label>
<button data-action="clock">Skew clock</button><button data-action="clock-reset">Reset clock</button>
<button data-action="target">Send my ops here</button></div></div>
<div class="toolbar"><button id="heal-all">Heal everything</button></div>
</section>
<section id="client-section"><h2>Client</h2>
<div class="op-form">
<label>node <select id="op-node"></select></label>
<label>op <select id="op-f"><option value="read">read</option><option value="write">write</option><option value="cas">cas</option></select></label>
<label>key <input id="op-key" value="k" size="6"></label>
<label class="v-write">value <input id="op-value" value="1" size="6"></label>
<label class="v-cas">from <input id="op-from" value="1" size="4"></label><label class="v-cas">to <input id="op-to" value="2" size="4"></label>
<button id="op-run" class="primary">Run</button></div>
<ol id="op-log" class="ops"></ol>
<h3>Workload</h3>
<div class="toolbar"><button id="workload-toggle">Start workload</button><span class="muted" id="workload-status">one client per node, reads, writes and cas on x, y, z</span></div>
<h3>Keep this history</h3>
<div class="toolbar"><button id="save">Save history + report</button><a href="/history.jsonl" download>history.jsonl</a></div>
<div id="saved" class="muted"></div>
</section>
<section id="verdict-section"><h2>Linearizability</h2>
<div id="verdict-text" class="muted">Waiting for operations…</div>
<div id="cx"></div>
</section>
</div>
<section id="timeline-section"><h2>Timeline</h2>
<div class="toolbar"><label class="muted"><input type="checkbox" id="follow" checked> follow live</label>
<button id="show-failure" disabled>Show the failure</button><div class="legend">${LEGEND}</div></div>
<div class="canvas-wrap"><canvas id="timeline"></canvas><div class="tip" id="tip"></div></div>
<div class="hint"><span id="tl-status" data-ops="0"></span> · wheel: zoom · drag: pan · hover: details</div>
</section>
</main>
<script>${LAB_SCRIPT}</script>
</body></html>
`;
}
