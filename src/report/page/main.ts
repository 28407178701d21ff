/**
 * The report page's script (bundled into one classic script and inlined in report.html at build
 * time: see ../report-script.ts). It reads the ReportData embedded in <script id="report-data">,
 * decodes the op columns and draws the timeline (timeline.ts), the latency and throughput charts
 * (charts.ts) and the side panel (panel.ts); navigation.ts moves between failures and ops,
 * interaction.ts binds the input. Drawing happens at most once per animation frame. When the first
 * frame is drawn, <body data-ready="true"> tells tests the page is ready.
 * No framework, no network: the DOM and canvas only.
 */
import type { ReportData } from '../build-report-data.js';
import { drawLatency, drawThroughput } from './charts.js';
import { byId } from './dom.js';
import { bindInput } from './interaction.js';
import { createNavigator } from './navigation.js';
import { createPageState } from './page-state.js';
import { drawTimeline } from './timeline.js';

const data = JSON.parse(byId('report-data').textContent ?? '') as ReportData;
const s = createPageState(data);
const timeline = byId('timeline', HTMLCanvasElement);
const latency = byId('latency', HTMLCanvasElement);
const throughput = byId('throughput', HTMLCanvasElement);

function drawAll(): void {
  drawTimeline(s, timeline);
  drawLatency(s, latency);
  drawThroughput(s, throughput);
}

let pending = false;
function redraw(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    drawAll();
  });
}

const nav = createNavigator(s, redraw);
bindInput(s, nav, redraw);
const panel = document.querySelector<HTMLElement>('aside.panel');
if (panel) panel.style.maxHeight = `${Math.max(360, s.timelineH + 420)}px`;
if (data.failures.length > 0) {
  nav.selectFailure(0);
  nav.focusFailure();
} else {
  nav.selectFailure(-1);
}
drawAll();
document.body.dataset.ready = 'true';
