/**
 * REPORT_SCRIPT: the report page's script (vanilla JS, no framework, no network), kept as a string.
 *
 * It reads the ReportData embedded in <script id="report-data">, decodes the op columns, and draws on
 * canvases only what is visible: per lane, a binary search finds the first op in view, so a frame
 * costs O(lanes · log n + visible ops), and zoomed-out bars closer than a pixel are merged. The
 * timeline zooms with the wheel (around the pointer), pans by dragging (vertical too when lanes
 * overflow; shift+wheel scrolls lanes), a click selects an op, a double click zooms in. The latency
 * and throughput charts share the timeline's time axis. The counterexample side panel, the "next
 * failure" navigation (buttons, keys n/p, 0 = fit) and <output id="highlighted-op"> (data-op,
 * data-invoke-index, data-process, data-text: the failing op, for tests) are kept in step.
 * It must contain no backtick and no dollar-brace (it lives in a String.raw template).
 */
export const REPORT_SCRIPT = String.raw`(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var O = D.ops, N = O.count, L = O.lanes.length;
  var SPAN = Math.max(D.spanNs, 1);
  var call = new Float64Array(N), end = new Float64Array(N);
  var t = 0, i, l;
  for (i = 0; i < N; i++) {
    t += O.callDeltaNs[i];
    call[i] = t;
    end[i] = O.durNs[i] >= 0 ? t + O.durNs[i] : SPAN;
  }
  var laneCount = new Int32Array(L);
  for (i = 0; i < N; i++) laneCount[O.lane[i]]++;
  var laneOps = [];
  for (l = 0; l < L; l++) laneOps.push(new Int32Array(laneCount[l]));
  var fill = new Int32Array(L);
  for (i = 0; i < N; i++) { l = O.lane[i]; laneOps[l][fill[l]++] = i; }

  var STATUS = ['ok', 'fail', 'info'];
  var COLOR = ['#5bb67f', '#ea8596', '#f0b53d'];
  var COLOR_DIM = ['#cfe9da', '#f7d3d9', '#f8e3b6'];
  var FAMILY = { partition: '#3b82f6', kill: '#dc2626', pause: '#9333ea', clock: '#0d9488', packet: '#ea580c' };
  var PREFIX = '#6d4fd8', STUCK = '#d92d20', CONC = '#b7791f';
  // The side panel lists this many failing ops and context ops, then "and N more" (all are drawn).
  var STUCK_LISTED = 10, CONTEXT_LISTED = 20;
  var GUTTER = 86, AXIS = 24, BAND = 18, TOP = AXIS + BAND, RIGHT = 10;
  var rowH = Math.max(6, Math.min(30, Math.floor(560 / Math.max(1, L))));
  var lanesH = Math.min(L * rowH, 560);
  var view = { from: 0, to: SPAN }, scrollY = 0;
  var sel = -1, selKey = -1, selectedOp = -1, focusKey = true;
  var mark = new Int8Array(N);
  var prefixPos = new Map();

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function sig(x) { return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2); }
  function fmt(ns) {
    if (!isFinite(ns)) return '\u221e';
    var a = Math.abs(ns), s = ns < 0 ? '-' : '';
    if (a < 1e3) return s + Math.round(a) + ' ns';
    if (a < 1e6) return s + sig(a / 1e3) + ' \u00b5s';
    if (a < 1e9) return s + sig(a / 1e6) + ' ms';
    return s + sig(a / 1e9) + ' s';
  }
  function niceStep(raw) {
    var p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
    var m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }
  function tickLabel(ns, step) {
    var mag = Math.max(Math.abs(view.from), Math.abs(view.to), step);
    var unit = mag >= 1e9 ? 1e9 : mag >= 1e6 ? 1e6 : mag >= 1e3 ? 1e3 : 1;
    var name = unit === 1e9 ? ' s' : unit === 1e6 ? ' ms' : unit === 1e3 ? ' \u00b5s' : ' ns';
    var dec = Math.max(0, Math.min(6, -Math.floor(Math.log10(step / unit) + 1e-9)));
    return (ns / unit).toFixed(dec) + name;
  }
  function setup(canvas, cssH) {
    var dpr = window.devicePixelRatio || 1;
    var w = canvas.parentElement.clientWidth;
    canvas.style.height = cssH + 'px';
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(cssH * dpr);
    var ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return { ctx: ctx, w: w, h: cssH };
  }
  function X(tns, w) { return GUTTER + (tns - view.from) / (view.to - view.from) * (w - GUTTER - RIGHT); }
  function T(x, w) { return view.from + (x - GUTTER) / (w - GUTTER - RIGHT) * (view.to - view.from); }
  // First index in a lane whose op may reach into [from, ...]: the last op called at or before from.
  function laneStart(ops, from) {
    var lo = 0, hi = ops.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (call[ops[mid]] <= from) lo = mid + 1; else hi = mid; }
    return Math.max(0, lo - 1);
  }
  function globalStart(from) {
    var lo = 0, hi = N;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (call[mid] < from) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function familyColor(f) { return FAMILY[f] || '#64748b'; }

  function drawFaults(ctx, w, y0, y1, withLabels) {
    for (var k = 0; k < D.faults.length; k++) {
      var f = D.faults[k];
      var x0 = Math.max(GUTTER, X(f.fromNs, w)), x1 = Math.min(w - RIGHT, X(f.toNs, w));
      if (x1 < GUTTER || x0 > w - RIGHT) continue;
      var c = familyColor(f.family);
      if (x1 - x0 < 1.5) {
        ctx.fillStyle = c; ctx.globalAlpha = 0.6; ctx.fillRect(x0, y0, 1.5, y1 - y0); ctx.globalAlpha = 1;
      } else {
        ctx.fillStyle = c; ctx.globalAlpha = 0.09; ctx.fillRect(x0, y0, x1 - x0, y1 - y0); ctx.globalAlpha = 1;
      }
      if (withLabels) {
        ctx.fillStyle = c; ctx.globalAlpha = 0.85;
        ctx.fillRect(x0, AXIS + 2, Math.max(2, x1 - x0), BAND - 5);
        ctx.globalAlpha = 1;
        if (x1 - x0 > 30) {
          ctx.save(); ctx.beginPath(); ctx.rect(x0, AXIS, x1 - x0 - 2, BAND); ctx.clip();
          ctx.fillStyle = '#fff'; ctx.font = '600 10px system-ui,sans-serif'; ctx.textBaseline = 'middle';
          ctx.fillText(f.label + (f.open ? ' (never healed)' : ''), x0 + 4, AXIS + BAND / 2);
          ctx.restore();
        }
      }
    }
  }
  function drawAxis(ctx, w, y, h) {
    var span = view.to - view.from;
    var step = niceStep(span / Math.max(1, (w - GUTTER) / 110));
    var first = Math.ceil(view.from / step) * step;
    ctx.font = '11px system-ui,sans-serif'; ctx.textBaseline = 'middle'; ctx.fillStyle = '#5d6778';
    for (var v = first; v <= view.to; v += step) {
      var x = X(v, w);
      ctx.fillStyle = '#eef0f3'; ctx.fillRect(Math.round(x), y + AXIS, 1, h - AXIS);
      ctx.fillStyle = '#5d6778'; ctx.fillText(tickLabel(v, step), x + 3, y + AXIS / 2);
    }
  }

  var tl = $('timeline');
  var TLH = TOP + lanesH + 8;
  function visibleLanes() { return [Math.floor(scrollY / rowH), Math.min(L - 1, Math.floor((scrollY + lanesH - 1) / rowH))]; }
  function laneY(l) { return TOP + l * rowH - scrollY; }
  function opAlpha(op) {
    if (sel < 0) return 0;
    if (focusKey && selKey >= 0 && O.key[op] !== selKey) return 2;
    return 1;
  }
  function drawTimeline() {
    var g = setup(tl, TLH), ctx = g.ctx, w = g.w;
    ctx.clearRect(0, 0, w, g.h);
    var vl = visibleLanes();
    for (l = vl[0]; l <= vl[1]; l++) {
      if (l % 2 === 1) { ctx.fillStyle = '#fafbfc'; ctx.fillRect(GUTTER, laneY(l), w - GUTTER, rowH); }
    }
    drawAxis(ctx, w, 0, TOP + lanesH);
    drawFaults(ctx, w, TOP, TOP + lanesH, true);
    var f = sel >= 0 ? D.failures[sel] : null;
    if (f && f.window) {
      var wx0 = X(f.window.fromNs, w), wx1 = X(f.window.toNs, w);
      ctx.fillStyle = 'rgba(217,45,32,0.05)'; ctx.fillRect(wx0, TOP, Math.max(1, wx1 - wx0), lanesH);
      ctx.strokeStyle = 'rgba(217,45,32,0.45)'; ctx.setLineDash([4, 3]); ctx.lineWidth = 1;
      ctx.strokeRect(wx0 + 0.5, TOP + 0.5, Math.max(1, wx1 - wx0), lanesH - 1); ctx.setLineDash([]);
    }
    ctx.save(); ctx.beginPath(); ctx.rect(GUTTER, TOP, w - GUTTER, lanesH); ctx.clip();
    var paths = [[], [], [], [], [], [], [], [], []], labels = [], marked = [], visible = 0;
    var barH = Math.max(2, rowH - (rowH > 10 ? 4 : 1)), pad = (rowH - barH) / 2;
    for (l = vl[0]; l <= vl[1]; l++) {
      var ops = laneOps[l], y = laneY(l) + pad, lastX = -1, lastS = -1;
      for (var j = laneStart(ops, view.from); j < ops.length; j++) {
        var op = ops[j];
        if (call[op] > view.to) break;
        if (end[op] < view.from) continue;
        visible++;
        if (mark[op] > 0 || op === selectedOp) { marked.push(op); continue; }
        var x0 = X(call[op], w), x1 = X(end[op], w);
        if (x1 - x0 < 1) x1 = x0 + 1;
        var s = O.status[op], style = s + 3 * opAlpha(op);
        if (x1 <= lastX + 0.6 && style === lastS) continue;
        lastX = x1; lastS = style;
        paths[style].push(x0, y, x1 - x0);
        if (rowH >= 14 && x1 - x0 > 42 && labels.length < 3000) labels.push(op, x0, x1, y);
      }
    }
    for (var st = 0; st < 9; st++) {
      var p = paths[st];
      if (p.length === 0) continue;
      ctx.fillStyle = st < 3 ? COLOR[st] : st < 6 ? COLOR[st - 3] : COLOR_DIM[st - 6];
      ctx.globalAlpha = st >= 3 && st < 6 ? 0.55 : 1;
      ctx.beginPath();
      for (var q = 0; q < p.length; q += 3) ctx.rect(p[q], p[q + 1], p[q + 2], barH);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    ctx.font = '11px ui-monospace,Menlo,Consolas,monospace'; ctx.textBaseline = 'middle'; ctx.fillStyle = '#1c2330';
    for (var k = 0; k < labels.length; k += 4) drawLabel(ctx, labels[k], labels[k + 1], labels[k + 2], labels[k + 3] + barH / 2, '#1c2330');
    for (k = 0; k < marked.length; k++) drawMarked(ctx, marked[k], w, barH, pad);
    if (f && f.stuck.length <= 4) {
      for (k = 0; k < f.stuck.length; k++) {
        var so = f.stuck[k];
        var sx = X(so.callNs, w);
        ctx.strokeStyle = STUCK; ctx.lineWidth = 1.5; ctx.setLineDash([5, 4]);
        ctx.beginPath(); ctx.moveTo(sx, TOP); ctx.lineTo(sx, TOP + lanesH); ctx.stroke(); ctx.setLineDash([]);
      }
    }
    ctx.restore();
    ctx.fillStyle = '#fff'; ctx.fillRect(0, TOP, GUTTER - 1, lanesH);
    ctx.font = '11px ui-monospace,Menlo,Consolas,monospace'; ctx.textBaseline = 'middle';
    for (l = vl[0]; l <= vl[1]; l++) {
      if (rowH < 9 && l % Math.ceil(11 / rowH) !== 0) continue;
      ctx.fillStyle = '#5d6778'; ctx.fillText(O.lanes[l].label, 8, laneY(l) + rowH / 2);
    }
    ctx.fillStyle = '#e2e6ec'; ctx.fillRect(GUTTER - 1, TOP, 1, lanesH); ctx.fillRect(0, TOP - 1, w, 1);
    if (L * rowH > lanesH) {
      var bh = Math.max(20, lanesH * lanesH / (L * rowH)), by = TOP + (lanesH - bh) * scrollY / (L * rowH - lanesH);
      ctx.fillStyle = 'rgba(0,0,0,0.18)'; ctx.fillRect(w - 6, by, 4, bh);
    }
    $('tl-status').textContent = fmt(view.from) + ' \u2013 ' + fmt(view.to) + '  \u00b7  ' + visible.toLocaleString('en-US') + ' of ' + N.toLocaleString('en-US') + ' ops visible  \u00b7  ' + L + ' lanes';
  }
  function drawLabel(ctx, op, x0, x1, ym, color, prefix) {
    var text = (prefix || '') + O.text[op], maxW = x1 - x0 - 6;
    if (maxW < 12) return;
    ctx.save(); ctx.beginPath(); ctx.rect(Math.max(GUTTER, x0), ym - 8, x1 - Math.max(GUTTER, x0), 16); ctx.clip();
    ctx.fillStyle = color; ctx.fillText(text, Math.max(GUTTER, x0) + 3, ym);
    ctx.restore();
  }
  function drawMarked(ctx, op, w, barH, pad) {
    var x0 = X(call[op], w), x1 = Math.max(x0 + 3, X(end[op], w)), y = laneY(O.lane[op]) + pad;
    var m = mark[op];
    if (m === 3) {
      ctx.fillStyle = STUCK; ctx.fillRect(x0, y, x1 - x0, barH);
      ctx.strokeStyle = '#5c0b05'; ctx.lineWidth = 2; ctx.strokeRect(x0 - 1, y - 1, x1 - x0 + 2, barH + 2);
      if (barH >= 10) drawLabel(ctx, op, x0, x1, y + barH / 2, '#fff');
    } else if (m === 1) {
      ctx.fillStyle = PREFIX; ctx.fillRect(x0, y, x1 - x0, barH);
      if (barH >= 10) {
        var pos = prefixPos.get(op);
        drawLabel(ctx, op, x0, x1, y + barH / 2, '#fff', pos === undefined ? '' : (pos + 1) + '. ');
      }
    } else if (m === 2) {
      ctx.fillStyle = COLOR[O.status[op]]; ctx.fillRect(x0, y, x1 - x0, barH);
      ctx.strokeStyle = CONC; ctx.lineWidth = 2; ctx.strokeRect(x0, y, x1 - x0, barH);
      if (barH >= 10) drawLabel(ctx, op, x0, x1, y + barH / 2, '#1c2330');
    } else {
      ctx.fillStyle = COLOR[O.status[op]]; ctx.fillRect(x0, y, x1 - x0, barH);
      if (barH >= 10) drawLabel(ctx, op, x0, x1, y + barH / 2, '#1c2330');
    }
    if (op === selectedOp) { ctx.strokeStyle = '#111'; ctx.lineWidth = 2; ctx.strokeRect(x0 - 2, y - 2, x1 - x0 + 4, barH + 4); }
  }

  // Charts share the timeline's time axis (same gutter, same view).
  var S = D.series, NB = S.ok.length;
  function bucketRange() {
    var b0 = Math.max(0, Math.floor((view.from - S.startNs) / S.bucketNs) - 1);
    var b1 = Math.min(NB - 1, Math.ceil((view.to - S.startNs) / S.bucketNs) + 1);
    return [b0, b1];
  }
  function drawFocus(ctx, w, y0, y1) {
    var f = sel >= 0 ? D.failures[sel] : null;
    if (!f) return;
    var x = X(f.focusNs, w);
    ctx.strokeStyle = STUCK; ctx.lineWidth = 1; ctx.setLineDash([4, 3]);
    ctx.beginPath(); ctx.moveTo(x, y0); ctx.lineTo(x, y1); ctx.stroke(); ctx.setLineDash([]);
  }
  function drawLatency() {
    var g = setup($('latency'), 190), ctx = g.ctx, w = g.w, h = g.h, top = 22, bottom = h - 6;
    ctx.clearRect(0, 0, w, h);
    var br = bucketRange(), lo = Infinity, hi = 0, b;
    for (b = br[0]; b <= br[1]; b++) {
      if (S.max[b] > 0) { hi = Math.max(hi, S.max[b]); lo = Math.min(lo, S.p50[b]); }
    }
    var i0 = globalStart(view.from), i1 = globalStart(view.to), scatter = i1 - i0 <= 20000;
    if (scatter) for (i = i0; i < i1; i++) if (O.durNs[i] > 0) { lo = Math.min(lo, O.durNs[i]); hi = Math.max(hi, O.durNs[i]); }
    drawAxis(ctx, w, 0, h);
    drawFaults(ctx, w, top, bottom, false);
    ctx.save(); ctx.beginPath(); ctx.rect(GUTTER, top, w - GUTTER - RIGHT, bottom - top); ctx.clip();
    if (hi > 0) {
      lo = Math.max(1, lo);
      var l0 = Math.log10(lo) - 0.1, l1 = Math.log10(hi) + 0.1;
      var Y = function (v) { return bottom - (Math.log10(Math.max(v, 1)) - l0) / (l1 - l0) * (bottom - top); };
      ctx.restore(); ctx.save();
      ctx.font = '10px system-ui,sans-serif'; ctx.textBaseline = 'middle';
      for (var d = Math.floor(l0); d <= Math.ceil(l1); d++) {
        [1, 2, 5].forEach(function (m) {
          var v = m * Math.pow(10, d), yy = Y(v);
          if (yy < top || yy > bottom) return;
          ctx.fillStyle = '#eef0f3'; ctx.fillRect(GUTTER, Math.round(yy), w - GUTTER - RIGHT, 1);
          ctx.fillStyle = '#5d6778'; ctx.fillText(fmt(v), 6, yy);
        });
      }
      ctx.beginPath(); ctx.rect(GUTTER, top, w - GUTTER - RIGHT, bottom - top); ctx.clip();
      if (scatter) {
        for (var s = 0; s < 3; s++) {
          ctx.fillStyle = COLOR[s]; ctx.globalAlpha = 0.55; ctx.beginPath();
          for (i = i0; i < i1; i++) if (O.status[i] === s && O.durNs[i] >= 0) ctx.rect(X(call[i], w) - 1, Y(O.durNs[i]) - 1, 2.5, 2.5);
          ctx.fill();
        }
        ctx.globalAlpha = 1;
      }
      var line = function (arr, color, width) {
        ctx.strokeStyle = color; ctx.lineWidth = width; ctx.beginPath();
        var started = false;
        for (b = br[0]; b <= br[1]; b++) {
          if (arr[b] < 0) { started = false; continue; }
          var x = X(S.startNs + (b + 0.5) * S.bucketNs, w), yv = Y(arr[b]);
          if (started) ctx.lineTo(x, yv); else { ctx.moveTo(x, yv); started = true; }
        }
        ctx.stroke();
      };
      if (scatter) ctx.globalAlpha = 0.6; else line(S.max, '#9aa4b2', 1);
      line(S.p95, '#e07b1a', 1.5);
      line(S.p50, '#2563eb', 2);
      ctx.globalAlpha = 1;
    }
    drawFocus(ctx, w, top, bottom);
    ctx.restore();
  }
  function drawThroughput() {
    var g = setup($('throughput'), 150), ctx = g.ctx, w = g.w, h = g.h, top = 22, bottom = h - 6;
    ctx.clearRect(0, 0, w, h);
    var br = bucketRange(), hi = 0, b, sec = S.bucketNs / 1e9;
    for (b = br[0]; b <= br[1]; b++) hi = Math.max(hi, (S.ok[b] + S.fail[b] + S.info[b]) / sec);
    drawAxis(ctx, w, 0, h);
    drawFaults(ctx, w, top, bottom, false);
    if (hi > 0) {
      var step = niceStep(hi / 3);
      ctx.font = '10px system-ui,sans-serif'; ctx.textBaseline = 'middle';
      var Y = function (v) { return bottom - v / (hi * 1.08) * (bottom - top); };
      for (var v = step; v <= hi * 1.08; v += step) {
        ctx.fillStyle = '#eef0f3'; ctx.fillRect(GUTTER, Math.round(Y(v)), w - GUTTER - RIGHT, 1);
        ctx.fillStyle = '#5d6778'; ctx.fillText(Math.round(v).toLocaleString('en-US') + '/s', 6, Y(v));
      }
      ctx.save(); ctx.beginPath(); ctx.rect(GUTTER, top, w - GUTTER - RIGHT, bottom - top); ctx.clip();
      for (b = br[0]; b <= br[1]; b++) {
        var x0 = X(S.startNs + b * S.bucketNs, w), x1 = X(S.startNs + (b + 1) * S.bucketNs, w), bw = Math.max(1, x1 - x0 - (x1 - x0 > 4 ? 1 : 0));
        var base = 0, parts = [S.ok[b], S.fail[b], S.info[b]];
        for (var s = 0; s < 3; s++) {
          if (parts[s] === 0) continue;
          var y0 = Y((base + parts[s]) / sec), y1 = Y(base / sec);
          ctx.fillStyle = COLOR[s]; ctx.fillRect(x0, y0, bw, y1 - y0);
          base += parts[s];
        }
      }
      ctx.restore();
    }
    drawFocus(ctx, w, top, bottom);
  }

  var pending = false;
  function redraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; drawAll(); });
  }
  function drawAll() { drawTimeline(); drawLatency(); drawThroughput(); }

  function setView(from, to) {
    var span = Math.max(1000, Math.min(to - from, SPAN * 1.2));
    var mid = (from + to) / 2;
    from = mid - span / 2; to = mid + span / 2;
    var margin = SPAN * 0.1;
    if (from < -margin) { to += -margin - from; from = -margin; }
    if (to > SPAN + margin) { from -= to - SPAN - margin; to = SPAN + margin; }
    view.from = from; view.to = to;
  }
  function setScroll(y) { scrollY = Math.max(0, Math.min(y, L * rowH - lanesH)); }
  function revealLane(l) { if (laneY(l) < TOP || laneY(l) + rowH > TOP + lanesH) setScroll(l * rowH - lanesH / 2); }

  function focusFailure() {
    var f = D.failures[sel];
    if (!f) return;
    // Centre on the ops that cannot follow and the ops concurrent with them; the whole failing
    // window (which can be long) stays marked by its dashed box.
    var a = Infinity, b = -Infinity;
    f.stuck.concat(f.concurrent).forEach(function (s) { a = Math.min(a, s.callNs); b = Math.max(b, s.returnNs === null ? s.callNs : s.returnNs); });
    if (!isFinite(a)) { a = f.window ? f.window.fromNs : f.focusNs; b = f.window ? f.window.toNs : f.focusNs; }
    var span = Math.max(b - a, 1000), padv = span * 0.6;
    setView(a - padv, b + padv);
    var first = f.stuck.length > 0 ? f.stuck[0].op : -1;
    if (first >= 0) revealLane(O.lane[first]);
  }
  function selectFailure(k) {
    mark.fill(0); prefixPos.clear();
    sel = k;
    var f = D.failures[k];
    selKey = -1;
    if (f) {
      var key = f.part.replace(/#\d+$/, '');
      selKey = O.keys.indexOf(key);
      f.prefix.forEach(function (op, pos) { mark[op] = 1; prefixPos.set(op, pos); });
      f.concurrent.forEach(function (o) { if (o.op >= 0 && mark[o.op] === 0) mark[o.op] = 2; });
      f.stuck.forEach(function (o) { if (o.op >= 0) mark[o.op] = 3; });
    }
    renderPanel();
    updateHighlighted();
    updateLegend(f);
  }
  function updateLegend(f) {
    var lin = !f || f.checker === 'linearizable', lg = f && f.legend ? f.legend : null;
    $('legend-prefix').style.display = lin ? '' : 'none';
    $('legend-stuck').querySelector('span').textContent = lin ? 'cannot linearize' : (lg ? lg.stuck : 'failing op');
    $('legend-context').querySelector('span').textContent = lin ? 'concurrent' : (lg && lg.context ? lg.context : 'context');
    $('legend-context').style.display = lin || (lg && lg.context) ? '' : 'none';
  }
  function updateHighlighted() {
    var out = $('highlighted-op'), f = D.failures[sel];
    var s = f && f.stuck.length > 0 ? f.stuck[0] : null;
    out.dataset.failure = String(sel);
    out.dataset.op = s ? String(s.op) : '-1';
    out.dataset.invokeIndex = s ? String(s.invokeIndex) : '-1';
    out.dataset.process = s ? String(s.process) : '';
    out.dataset.part = f ? f.part : '';
    out.dataset.text = s ? s.text : '';
    out.dataset.prefixOps = f ? String(f.prefix.length) : '0';
    out.dataset.invokeIndexes = f ? f.stuck.map(function (o) { return o.invokeIndex; }).join(',') : '';
    out.textContent = s ? 'highlighted: p' + s.process + ' ' + s.text : 'no failure highlighted';
  }
  function jumpTo(op) {
    if (op < 0) return;
    selectedOp = op;
    var span = Math.min(view.to - view.from, Math.max((end[op] - call[op]) * 12, 5000));
    setView(call[op] - span / 2, call[op] + span / 2);
    revealLane(O.lane[op]);
    showSelected();
    redraw();
  }
  function opLine(o, withLane) {
    var li = el('li');
    li.textContent = (withLane ? 'p' + o.process + '  ' : '') + o.text + '   @' + fmt(o.callNs);
    li.title = 'show on the timeline';
    li.addEventListener('click', function () { jumpTo(o.op); });
    return li;
  }
  function renderPanel() {
    var p = $('cx-panel');
    p.textContent = '';
    var n = D.failures.length;
    $('fail-pos').textContent = n === 0 ? 'no failures' : 'failure ' + (sel + 1) + ' of ' + n;
    $('prev-fail').disabled = n === 0 || sel <= 0;
    $('next-fail').disabled = n === 0 || sel >= n - 1;
    $('zoom-fail').disabled = n === 0;
    if (n === 0) {
      p.appendChild(el('h3', '', 'Counterexample'));
      p.appendChild(el('p', 'muted', 'No failures to show: no checker produced a counterexample.'));
    } else {
      var f = D.failures[sel];
      var lin = f.checker === 'linearizable';
      p.appendChild(el('div', 'cx-title', f.title));
      if (f.note) p.appendChild(el('div', 'muted', f.note));
      else if (f.window) p.appendChild(el('div', 'muted', 'fails within ' + f.window.ops + ' ops between ' + fmt(f.window.fromNs) + ' and ' + fmt(f.window.toNs)));
      var stateBlock = function () {
        p.appendChild(el('h3', '', f.stateTitle || (lin ? 'State after the prefix' : 'Bounds')));
        var st = el('div', 'state', f.state);
        st.id = 'cx-state';
        p.appendChild(st);
      };
      // Other checkers' failures can name many ops (the lost adds of a set): their state (the
      // elements) comes first and the ops are listed one line each, the reason as a tooltip.
      if (!lin) stateBlock();
      var total = f.stuck.length + (f.more || 0);
      p.appendChild(el('h3', '', (f.stuckTitle || (lin ? 'Cannot be linearized next' : 'Failing operation')) + (total > STUCK_LISTED ? ' (first ' + STUCK_LISTED + ' of ' + total.toLocaleString('en-US') + ')' : '')));
      var moreStuck = Math.max(0, total - STUCK_LISTED);
      var compact = !lin && f.stuck.length > 3, sl = el('ul', 'ops');
      sl.id = 'stuck-list';
      f.stuck.slice(0, STUCK_LISTED).forEach(function (s) {
        if (compact) {
          var li = opLine(s, true);
          li.title = s.reason;
          sl.appendChild(li);
          return;
        }
        var box = el('div', 'stuck');
        var c = el('code', '', 'p' + s.process + ' ' + s.text);
        c.style.cursor = 'pointer'; c.addEventListener('click', function () { jumpTo(s.op); });
        box.appendChild(c);
        box.appendChild(el('div', '', s.reason));
        box.appendChild(el('div', '', 'called ' + fmt(s.callNs) + ', returned ' + (s.returnNs === null ? 'never' : fmt(s.returnNs))));
        p.appendChild(box);
      });
      if (compact) p.appendChild(sl);
      if (moreStuck > 0) {
        var drawn = f.stuck.filter(function (s) { return s.op >= 0; }).length;
        var more = el('p', 'muted', 'and ' + moreStuck.toLocaleString('en-US') + ' more' + (drawn < total ? ' (' + drawn + ' of ' + total.toLocaleString('en-US') + ' drawn on the timeline; the checker lists ' + f.stuck.length + ')' : ', all drawn on the timeline'));
        more.id = 'stuck-more';
        p.appendChild(more);
      }
      if (lin) stateBlock();
      if (!lin && f.contextTitle && f.concurrent.length > 0) {
        p.appendChild(el('h3', '', f.contextTitle));
        var cl = el('ul', 'ops');
        f.concurrent.slice(0, CONTEXT_LISTED).forEach(function (o) { cl.appendChild(opLine(o, true)); });
        p.appendChild(cl);
        if (f.concurrent.length > CONTEXT_LISTED) p.appendChild(el('p', 'muted', 'and ' + (f.concurrent.length - CONTEXT_LISTED) + ' more'));
      }
      if (f.checker === 'linearizable') {
        var ptotal = f.prefixMore + f.prefixTail.length;
        p.appendChild(el('h3', '', 'Linearized prefix' + (f.prefixMore > 0 ? ' (last ' + f.prefixTail.length + ' of ' + ptotal + ')' : ' (' + ptotal + ')')));
        if (ptotal === 0) p.appendChild(el('p', 'muted', 'empty: the op fails from the initial state'));
        var ol = el('ol', 'ops');
        ol.start = f.prefixMore + 1;
        f.prefixTail.forEach(function (o) { ol.appendChild(opLine(o, true)); });
        p.appendChild(ol);
        if (f.concurrent.length > 0) {
          p.appendChild(el('h3', '', 'Concurrent operations (' + f.concurrent.length + ')'));
          var ul = el('ul', 'ops');
          f.concurrent.forEach(function (o) { ul.appendChild(opLine(o, true)); });
          p.appendChild(ul);
        }
      }
    }
    var det = el('div'); det.id = 'op-details'; p.appendChild(det);
    showSelected();
    var list = $('fail-list');
    list.textContent = '';
    D.failures.forEach(function (f2, k) {
      var li = el('li', '', f2.title + ' @ ' + fmt(f2.focusNs));
      if (k === sel) li.style.fontWeight = '600';
      li.addEventListener('click', function () { selectFailure(k); focusFailure(); redraw(); });
      list.appendChild(li);
    });
  }
  function opDescription(op) {
    var lines = ['p' + O.process[op] + '  ' + O.text[op], 'status  ' + STATUS[O.status[op]] + (O.durNs[op] < 0 ? ' (never completed)' : '')];
    if (O.key[op] >= 0) lines.push('key     ' + O.keys[O.key[op]]);
    if (O.node[op] >= 0) lines.push('node    ' + O.nodes[O.node[op]]);
    lines.push('called  ' + fmt(call[op]));
    if (O.durNs[op] >= 0) lines.push('latency ' + fmt(O.durNs[op]));
    var m = mark[op];
    if (m === 1) lines.push('in the linearized prefix (#' + (prefixPos.get(op) + 1) + ')');
    var f = sel >= 0 ? D.failures[sel] : null, lin = !f || f.checker === 'linearizable';
    if (m === 2) lines.push(lin ? 'concurrent with the failing op' : (f.contextTitle || 'context of the failure'));
    if (m === 3) lines.push(lin ? 'cannot be linearized' : (f.stuckTitle || 'failing operation') + ' (' + f.title + ')');
    return lines.join('\n');
  }
  function showSelected() {
    var det = $('op-details');
    if (!det) return;
    det.textContent = '';
    if (selectedOp < 0) return;
    det.appendChild(el('h3', '', 'Selected operation'));
    det.appendChild(el('pre', '', opDescription(selectedOp)));
  }

  function opAt(mx, my) {
    var w = tl.clientWidth;
    if (mx < GUTTER || my < TOP || my > TOP + lanesH) return -1;
    var ln = Math.floor((my - TOP + scrollY) / rowH);
    if (ln < 0 || ln >= L) return -1;
    var tm = T(mx, w), tol = 3 * (view.to - view.from) / (w - GUTTER);
    var ops = laneOps[ln], j = laneStart(ops, tm + tol);
    for (var k = j; k >= Math.max(0, j - 2); k--) {
      var op = ops[k];
      if (op !== undefined && call[op] - tol <= tm && tm <= end[op] + tol) return op;
    }
    return -1;
  }
  var tip = $('tip'), drag = null;
  tl.addEventListener('wheel', function (e) {
    e.preventDefault();
    if (e.shiftKey) { setScroll(scrollY + e.deltaY); redraw(); return; }
    var w = tl.clientWidth, r = tl.getBoundingClientRect(), at = T(e.clientX - r.left, w);
    var k = Math.exp(e.deltaY * 0.0015);
    var from = at - (at - view.from) * k, to = at + (view.to - at) * k;
    if (to - from < 1000 || to - from > SPAN * 1.2) return;
    view.from = from; view.to = to;
    redraw();
  }, { passive: false });
  tl.addEventListener('mousedown', function (e) {
    drag = { x: e.clientX, y: e.clientY, from: view.from, to: view.to, scroll: scrollY, moved: false };
    tl.classList.add('dragging');
    e.preventDefault();
  });
  window.addEventListener('mousemove', function (e) {
    var r = tl.getBoundingClientRect();
    if (drag) {
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      var per = (drag.to - drag.from) / (tl.clientWidth - GUTTER - RIGHT);
      view.from = drag.from - dx * per; view.to = drag.to - dx * per;
      setScroll(drag.scroll - dy);
      tip.style.display = 'none';
      redraw();
      return;
    }
    var mx = e.clientX - r.left, my = e.clientY - r.top;
    if (mx < 0 || my < 0 || mx > r.width || my > r.height) { tip.style.display = 'none'; return; }
    var op = opAt(mx, my);
    if (op < 0) { tip.style.display = 'none'; return; }
    tip.textContent = opDescription(op);
    tip.style.display = 'block';
    tip.style.left = Math.min(mx + 14, r.width - 300) + 'px';
    tip.style.top = (my + 16) + 'px';
  });
  window.addEventListener('mouseup', function (e) {
    if (!drag) return;
    var moved = drag.moved;
    drag = null;
    tl.classList.remove('dragging');
    if (!moved) {
      var r = tl.getBoundingClientRect();
      selectedOp = opAt(e.clientX - r.left, e.clientY - r.top);
      showSelected();
      redraw();
    }
  });
  tl.addEventListener('dblclick', function (e) {
    var r = tl.getBoundingClientRect(), at = T(e.clientX - r.left, tl.clientWidth), half = (view.to - view.from) / 4;
    setView(at - half, at + half);
    redraw();
  });
  ['latency', 'throughput'].forEach(function (id) {
    $(id).addEventListener('click', function (e) {
      var r = e.target.getBoundingClientRect(), at = T(e.clientX - r.left, r.width), half = (view.to - view.from) / 2;
      setView(at - half, at + half);
      redraw();
    });
  });
  $('fit-all').addEventListener('click', function () { view.from = 0; view.to = SPAN; setScroll(0); redraw(); });
  $('zoom-fail').addEventListener('click', function () { focusFailure(); redraw(); });
  $('prev-fail').addEventListener('click', function () { if (sel > 0) { selectFailure(sel - 1); focusFailure(); redraw(); } });
  $('next-fail').addEventListener('click', function () { if (sel < D.failures.length - 1) { selectFailure(sel + 1); focusFailure(); redraw(); } });
  $('focus-key').addEventListener('change', function (e) { focusKey = e.target.checked; redraw(); });
  document.addEventListener('keydown', function (e) {
    if (e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA')) return;
    if (e.key === 'n') $('next-fail').click();
    else if (e.key === 'p') $('prev-fail').click();
    else if (e.key === '0') $('fit-all').click();
  });
  window.addEventListener('resize', redraw);

  document.querySelector('aside.panel').style.maxHeight = Math.max(360, TLH + 420) + 'px';
  if (D.failures.length > 0) { selectFailure(0); focusFailure(); } else { selectFailure(-1); }
  drawAll();
  document.body.dataset.ready = 'true';
})();
`;
