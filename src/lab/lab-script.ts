/**
 * LAB_SCRIPT: the lab page's script (vanilla JS, no framework), kept as a string. It listens to the
 * server's `/events` stream (hello: everything; op, state, verdict: one change each), draws the
 * cluster as SVG (links and nodes are the controls), lists the person's own ops, and draws every op
 * on a canvas timeline in the report's colours, following the present (the last 30 s) unless the
 * person unticks "follow live" or asks to see the failure. Nemesis ops become shaded fault windows;
 * the counterexample's ops are drawn in the report's prefix and "cannot linearize" colours.
 * Test hooks: body[data-ready][data-mode][data-cluster], #verdict[data-verdict],
 * g.node[data-node][data-state][data-role], g.link-g[data-link][data-cut], #op-log li[data-type][data-node],
 * #tl-status[data-ops] (completed client ops), #cx[data-key].
 * It must contain no backtick and no dollar-brace (it lives in a String.raw template).
 */
export const LAB_SCRIPT = String.raw`(function () {
  'use strict';
  function $(id) { return document.getElementById(id); }
  var SVGNS = 'http://www.w3.org/2000/svg';
  var COLOR = { ok: '#5bb67f', fail: '#ea8596', info: '#f0b53d', pending: '#cbd5e1' };
  var FAMILY = { partition: '#3b82f6', kill: '#dc2626', pause: '#9333ea', clock: '#0d9488' };
  var PREFIX = '#6d4fd8', STUCK = '#d92d20', CONC = '#b7791f';
  var WINDOW_NS = 30e9, GUTTER = 96, AXIS = 22, BAND = 18, ROW = 24, RIGHT = 10;

  var state = null, selected = null, verdict = null;
  var ops = [], byInvoke = new Map(), pending = new Map(), lanes = [], laneIndex = new Map(), laneNames = {};
  var faults = [], openFaults = new Map();
  var lastNs = 0, lastAt = performance.now(), follow = true, view = { from: 0, to: WINDOW_NS };
  var marks = new Map(), completed = 0, myOps = 0;

  function nowNs() { return lastNs + (performance.now() - lastAt) * 1e6; }
  function toast(text) {
    var t = $('toast'); t.textContent = text; t.className = 'show';
    clearTimeout(toast.timer); toast.timer = setTimeout(function () { t.className = ''; }, 4000);
  }
  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (r) { return r.json(); })
      .then(function (j) { if (j && j.error && !j.type) { toast(j.error); } return j; })
      .catch(function (e) { toast('the lab did not answer: ' + e.message); return { error: String(e) }; });
  }
  function val(v) {
    if (v === null || v === undefined) return 'nil';
    if (Array.isArray(v) && v.length === 2) return val(v[0]) + '\u2192' + val(v[1]);
    return typeof v === 'string' ? v : JSON.stringify(v);
  }
  function opText(o) {
    var t = o.key + ': ' + o.f;
    if (o.f === 'read') { if (o.status === 'ok') t += ' \u2192 ' + val(o.out); }
    else t += ' ' + val(o.input);
    if (o.status === 'fail') t += ' \u2717'; else if (o.status === 'info') t += ' ?';
    return t;
  }

  // ---- history events -> ops and fault windows ----
  function reset(m) {
    ops = []; byInvoke = new Map(); pending = new Map(); lanes = []; laneIndex = new Map(); laneNames = m.lanes || {};
    faults = []; openFaults = new Map(); marks = new Map(); completed = 0; verdict = null;
    $('op-log').textContent = ''; myOps = 0;
    for (var i = 0; i < m.events.length; i++) addEvent(m.events[i], laneNames[m.events[i].process]);
    follow = true; $('follow').checked = true;
    setVerdict(m.verdict);
  }
  function laneOf(name) {
    var l = laneIndex.get(name);
    if (l === undefined) { l = lanes.length; lanes.push(name); laneIndex.set(name, l); }
    return l;
  }
  function addEvent(e, lane) {
    if (e.time > lastNs) { lastNs = e.time; lastAt = performance.now(); }
    if (e.process === 'nemesis') { if (e.type === 'invoke') addFault(e); return; }
    if (e.type === 'invoke') {
      var name = lane || laneNames[e.process] || ('p' + e.process);
      laneNames[e.process] = name;
      var o = { lane: laneOf(name), process: e.process, f: e.f, key: e.key, input: e.value, out: null, call: e.time, end: -1, status: 'pending', node: null, invokeIndex: e.index, error: null };
      ops.push(o); byInvoke.set(e.index, o); pending.set(e.process, o);
      return;
    }
    var op = pending.get(e.process);
    if (!op) return;
    pending.delete(e.process);
    op.end = e.time; op.status = e.type; op.out = e.value; op.node = e.node || null; op.error = e.error === undefined ? null : e.error;
    completed++;
  }
  function faultKey(f, v) {
    var nodes = v && (Array.isArray(v) ? v : v.nodes);
    var who = nodes ? nodes.join(',') : '';
    if (f === 'start-partition' || f === 'stop-partition') return ['partition', 'partition', f === 'start-partition'];
    if (f === 'kill' || f === 'start') return ['kill:' + who, 'kill', f === 'kill', 'kill ' + who];
    if (f === 'pause' || f === 'resume') return ['pause:' + who, 'pause', f === 'pause', 'pause ' + who];
    if (f === 'bump-clock' || f === 'reset-clock') return ['clock:' + who, 'clock', f === 'bump-clock', 'clock ' + who + (v && v.offsetMs ? ' ' + (v.offsetMs > 0 ? '+' : '') + v.offsetMs / 1000 + ' s' : '')];
    return null;
  }
  function partitionLabel(v) {
    var g = v && v.grudge, parts = [];
    if (!g) return 'partition';
    var seen = {};
    Object.keys(g).sort().forEach(function (a) { g[a].forEach(function (b) { var id = a < b ? a + '\u2215' + b : b + '\u2215' + a; if (!seen[id]) { seen[id] = 1; parts.push(id); } }); });
    return 'cut ' + parts.join(' ');
  }
  function addFault(e) {
    if (e.f === 'heal') { openFaults.forEach(function (w) { w.to = e.time; }); openFaults.clear(); return; }
    var k = faultKey(e.f, e.value);
    if (!k) return;
    var prev = openFaults.get(k[0]);
    if (prev) { prev.to = e.time; openFaults.delete(k[0]); }
    if (k[2]) {
      var w = { family: k[1], label: k[1] === 'partition' ? partitionLabel(e.value) : k[3], from: e.time, to: -1 };
      faults.push(w); openFaults.set(k[0], w);
    }
  }

  // ---- the cluster drawing ----
  function svg(tag, attrs, parent) {
    var n = document.createElementNS(SVGNS, tag);
    for (var a in attrs) n.setAttribute(a, attrs[a]);
    if (parent) parent.appendChild(n);
    return n;
  }
  function positions(nodes) {
    var p = {}, n = nodes.length, cx = 210, cy = 150, r = n <= 1 ? 0 : 105;
    var lo = Infinity, hi = -Infinity;
    nodes.forEach(function (node, i) {
      var a = -Math.PI / 2 + 2 * Math.PI * i / n;
      p[node.name] = { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
      lo = Math.min(lo, p[node.name].y); hi = Math.max(hi, p[node.name].y);
    });
    // Centre the drawing vertically (a triangle's circle is not).
    var shift = cy - (lo + hi) / 2;
    nodes.forEach(function (node) { p[node.name].y += shift; });
    return p;
  }
  function drawCluster() {
    var root = $('cluster');
    root.textContent = '';
    if (!state) return;
    var pos = positions(state.nodes), cut = {};
    state.cut.forEach(function (c) { cut[c[0] + '-' + c[1]] = true; });
    for (var i = 0; i < state.nodes.length; i++) {
      for (var j = i + 1; j < state.nodes.length; j++) {
        var a = state.nodes[i].name, b = state.nodes[j].name, id = a < b ? a + '-' + b : b + '-' + a, isCut = !!cut[id];
        var g = svg('g', { 'class': 'link-g', 'data-link': id, 'data-cut': String(isCut) }, root);
        svg('title', {}, g).textContent = (isCut ? 'mend ' : 'cut ') + a + ' \u2194 ' + b;
        svg('line', { 'class': 'link' + (isCut ? ' cut' : ''), x1: pos[a].x, y1: pos[a].y, x2: pos[b].x, y2: pos[b].y }, g);
        svg('line', { 'class': 'hit', x1: pos[a].x, y1: pos[a].y, x2: pos[b].x, y2: pos[b].y }, g);
        if (isCut) { var s = svg('text', { 'class': 'scissors', x: (pos[a].x + pos[b].x) / 2, y: (pos[a].y + pos[b].y) / 2 + 5 }, g); s.textContent = '\u2702'; }
        g.addEventListener('click', linkClick(a, b, isCut));
      }
    }
    state.nodes.forEach(function (n) {
      var p = pos[n.name];
      var g = svg('g', { 'class': 'node' + (selected === n.name ? ' selected' : ''), 'data-node': n.name, 'data-state': n.state, 'data-role': n.role || 'unknown' }, root);
      svg('title', {}, g).textContent = n.name + ': ' + n.state + (n.role ? ', ' + n.role : '');
      svg('circle', { cx: p.x, cy: p.y, r: 30 }, g);
      svg('text', { x: p.x, y: p.y + 1 }, g).textContent = n.name;
      svg('text', { 'class': 'role', x: p.x, y: p.y + 15 }, g).textContent = n.state !== 'running' ? n.state : (n.role || '?');
      if (n.clockOffsetMs) svg('text', { 'class': 'skew', x: p.x, y: p.y - 36 }, g).textContent = 'clock ' + (n.clockOffsetMs > 0 ? '+' : '') + n.clockOffsetMs / 1000 + ' s';
      g.addEventListener('click', function () { selected = selected === n.name ? null : n.name; drawCluster(); drawMenu(); });
    });
  }
  function linkClick(a, b, isCut) {
    return function () { post('/api/fault', { kind: isCut ? 'mend' : 'cut', a: a, b: b }); };
  }
  function nodeView(name) { return state && state.nodes.filter(function (n) { return n.name === name; })[0]; }
  function drawMenu() {
    var menu = $('node-menu'), n = selected && nodeView(selected);
    if (!n) { menu.hidden = true; return; }
    menu.hidden = false;
    $('menu-title').textContent = n.name + ' \u00b7 ' + n.state + (n.role ? ' \u00b7 ' + n.role : '') + (n.clockOffsetMs ? ' \u00b7 clock ' + n.clockOffsetMs + ' ms' : '');
    var buttons = menu.querySelectorAll('button[data-action]');
    for (var i = 0; i < buttons.length; i++) {
      var act = buttons[i].getAttribute('data-action'), off = false;
      if (act === 'kill') off = n.state === 'down';
      if (act === 'restart') off = n.state !== 'down';
      if (act === 'pause') off = n.state !== 'running';
      if (act === 'resume') off = n.state !== 'paused';
      if (act === 'clock-reset') off = !n.clockOffsetMs;
      if (act === 'reconnect') off = !state.cut.some(function (c) { return c[0] === n.name || c[1] === n.name; });
      buttons[i].disabled = off;
    }
  }
  $('node-menu').addEventListener('click', function (ev) {
    var b = ev.target.closest && ev.target.closest('button[data-action]');
    if (!b || !selected) return;
    var act = b.getAttribute('data-action'), node = selected;
    if (act === 'target') { $('op-node').value = node; return; }
    if (act === 'clock') { post('/api/fault', { kind: 'clock', node: node, offsetMs: Math.round(Number($('clock-ms').value) || 0) }); return; }
    if (act === 'clock-reset') { post('/api/fault', { kind: 'clock', node: node, offsetMs: 0 }); return; }
    if (act === 'reconnect') {
      var links = state.cut.filter(function (c) { return c[0] === node || c[1] === node; });
      links.reduce(function (p, c) { return p.then(function () { return post('/api/fault', { kind: 'mend', a: c[0], b: c[1] }); }); }, Promise.resolve());
      return;
    }
    post('/api/fault', { kind: act, node: node });
  });
  $('heal-all').addEventListener('click', function () { post('/api/fault', { kind: 'heal' }); });

  // ---- header, client panel ----
  function applyState(s) {
    var first = !state || state.mode !== s.mode || state.nodes.length !== s.nodes.length;
    state = s;
    document.body.setAttribute('data-mode', s.mode);
    document.body.setAttribute('data-cluster', s.status);
    $('cluster-status').textContent = '\u00b7 ' + s.mode + (s.quorum ? ' ' + s.quorum.text : '') + ' \u00b7 ' + s.nodes.length + ' nodes \u00b7 ' + s.status;
    if (first) {
      var sel = $('mode'); sel.textContent = '';
      s.modes.forEach(function (m) { var o = document.createElement('option'); o.value = m; o.textContent = m; sel.appendChild(o); });
      sel.value = s.mode;
      if (s.quorum) { $('q-n').value = s.quorum.replicas; $('q-r').value = s.quorum.r; $('q-w').value = s.quorum.w; $('q-sloppy').checked = s.quorum.sloppy; }
      showKnobs();
      var on = $('op-node'), keep = on.value; on.textContent = '';
      s.nodes.forEach(function (n) { var o = document.createElement('option'); o.value = n.name; o.textContent = n.name; on.appendChild(o); });
      if (keep && nodeView(keep)) on.value = keep;
    }
    $('workload-toggle').textContent = s.workload ? 'Stop workload' : 'Start workload';
    $('workload-toggle').setAttribute('data-on', String(s.workload));
    $('switch-mode').disabled = s.status !== 'running' && s.status !== 'down';
    drawCluster(); drawMenu();
  }
  function showKnobs() { $('quorum-knobs').hidden = $('mode').value !== 'quorum'; }
  $('mode').addEventListener('change', showKnobs);
  function knob(id) { var v = $(id).value; return v === '' ? undefined : Number(v); }
  $('switch-mode').addEventListener('click', function () {
    selected = null;
    var body = { mode: $('mode').value };
    if (body.mode === 'quorum') { body.replicas = knob('q-n'); body.r = knob('q-r'); body.w = knob('q-w'); body.sloppy = $('q-sloppy').checked; }
    post('/api/mode', body);
  });
  $('workload-toggle').addEventListener('click', function () { post('/api/workload', { on: !(state && state.workload) }); });
  function showKind() {
    var f = $('op-f').value;
    var w = document.querySelectorAll('.v-write'), c = document.querySelectorAll('.v-cas'), i;
    for (i = 0; i < w.length; i++) w[i].style.display = f === 'write' ? '' : 'none';
    for (i = 0; i < c.length; i++) c[i].style.display = f === 'cas' ? '' : 'none';
  }
  $('op-f').addEventListener('change', showKind); showKind();
  $('op-run').addEventListener('click', function () {
    var body = { node: $('op-node').value, f: $('op-f').value, key: $('op-key').value, value: $('op-value').value, from: $('op-from').value, to: $('op-to').value };
    var li = document.createElement('li');
    li.setAttribute('data-type', 'pending'); li.setAttribute('data-node', body.node); li.setAttribute('data-f', body.f);
    li.textContent = body.node + ' \u00b7 ' + body.key + ': ' + body.f + (body.f === 'write' ? ' ' + body.value : body.f === 'cas' ? ' ' + body.from + '\u2192' + body.to : '') + ' \u2026';
    $('op-log').insertBefore(li, $('op-log').firstChild);
    myOps++;
    post('/api/op', body).then(function (e) {
      if (!e || e.error && !e.type) { li.setAttribute('data-type', 'fail'); li.textContent += ' not run: ' + (e && e.error); return; }
      li.setAttribute('data-type', e.type);
      var what = e.type === 'ok' ? (body.f === 'read' ? 'ok \u2192 ' + val(e.value) : 'ok') : e.type + (e.error !== undefined ? ': ' + (typeof e.error === 'string' ? e.error : JSON.stringify(e.error)) : '');
      li.textContent = li.textContent.replace(/ \u2026$/, '') + '  ' + what + (e.node && e.node !== body.node ? ' (answered by ' + e.node + ')' : '');
    });
  });
  $('save').addEventListener('click', function () {
    $('saved').textContent = 'saving\u2026';
    post('/api/save', {}).then(function (r) {
      if (r.error) { $('saved').textContent = ''; return; }
      $('saved').textContent = 'saved ' + r.history + (r.report ? ' and ' + r.report : '') + ' (faultline serve lists it)';
    });
  });

  // ---- verdict ----
  function setVerdict(v) {
    verdict = v || null;
    marks = new Map();
    var badge = $('verdict'), text = $('verdict-text'), cx = $('cx');
    cx.textContent = ''; cx.removeAttribute('data-key');
    var word = !v || v.valid === null ? 'pending' : v.valid === true ? 'valid' : v.valid === false ? 'invalid' : 'unknown';
    badge.setAttribute('data-verdict', word);
    badge.className = 'badge ' + (word === 'pending' ? 'unknown' : word);
    badge.textContent = word === 'pending' ? 'no ops yet' : word === 'valid' ? 'linearizable so far' : word === 'invalid' ? 'not linearizable' : 'unknown';
    $('show-failure').disabled = !(v && v.failure);
    if (!v || v.valid === null) { text.className = 'muted'; text.textContent = 'Waiting for operations\u2026 run one by hand or start the workload.'; draw(); return; }
    text.className = '';
    text.textContent = '';
    var big = document.createElement('div'); big.className = 'big ' + word;
    big.textContent = word === 'valid' ? 'Linearizable so far' : word === 'invalid' ? 'Not linearizable' : 'Unknown';
    text.appendChild(big);
    var p = document.createElement('div'); p.className = 'muted';
    p.textContent = v.ops + ' ops checked in ' + Math.round(v.elapsedMs) + ' ms \u00b7 ' + v.keys.map(function (k) { return k.key + ' ' + (k.valid === true ? '\u2713' : k.valid === false ? '\u2717' : '?'); }).join(' \u00b7 ') + (v.reason ? ' \u00b7 ' + v.reason : '');
    text.appendChild(p);
    if (v.valid === false) {
      var fin = document.createElement('div'); fin.className = 'muted';
      fin.textContent = 'Final: a history that is not linearizable stays so, whatever happens next.';
      text.appendChild(fin);
    }
    var f = v.failure;
    if (f) {
      cx.setAttribute('data-key', f.key);
      f.prefix.forEach(function (o) { marks.set(o.invokeIndex, 1); });
      f.concurrent.forEach(function (i) { if (!marks.has(i)) marks.set(i, 2); });
      f.stuck.forEach(function (o) { marks.set(o.invokeIndex, 3); });
      add(cx, 'div', 'cx-title', 'Key ' + f.key + ': no order of the ops explains what was read');
      add(cx, 'h3', '', f.prefixLength === 0 ? 'Linearized so far: nothing' : 'Linearized so far (' + f.prefixLength + ' ops' + (f.prefixLength > f.prefix.length ? ', the last ' + f.prefix.length : '') + ')');
      var ol = add(cx, 'ol', 'ops', '');
      f.prefix.forEach(function (o) { add(ol, 'li', '', o.text); });
      add(cx, 'h3', '', 'State after them');
      add(cx, 'div', 'state', f.state);
      add(cx, 'h3', '', 'Cannot come next');
      f.stuck.forEach(function (o) {
        var d = add(cx, 'div', 'stuck', '');
        add(d, 'code', '', o.text); add(d, 'div', '', o.reason);
      });
      if (follow) showFailure();
    }
    draw();
  }
  function add(parent, tag, cls, text) {
    var e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; parent.appendChild(e); return e;
  }
  function showFailure() {
    if (!verdict || !verdict.failure) return;
    var from = Infinity, to = -Infinity;
    marks.forEach(function (m, idx) {
      var o = byInvoke.get(idx); if (!o) return;
      from = Math.min(from, o.call); to = Math.max(to, o.end >= 0 ? o.end : nowNs());
    });
    if (!isFinite(from)) return;
    var pad = Math.max((to - from) * 0.15, 2e8);
    view = { from: Math.max(0, from - pad), to: to + pad };
    follow = false; $('follow').checked = false;
    draw();
  }
  $('show-failure').addEventListener('click', showFailure);
  $('follow').addEventListener('change', function () { follow = $('follow').checked; draw(); });

  // ---- the timeline ----
  var tl = $('timeline');
  function fmt(ns, step) {
    var d = step ? Math.max(0, Math.min(3, -Math.floor(Math.log10(step / 1e9) + 1e-9))) : (Math.abs(ns) >= 1e10 ? 0 : 1);
    return (ns / 1e9).toFixed(d) + ' s';
  }
  function draw() {
    if (follow) { var n = nowNs(); view = { from: Math.max(0, n - WINDOW_NS), to: Math.max(n, WINDOW_NS) }; }
    faultRows = layoutFaults();
    var h = TOPH() + Math.max(1, lanes.length) * ROW + 8;
    var dpr = window.devicePixelRatio || 1, w = tl.parentElement.clientWidth;
    tl.style.height = h + 'px'; tl.width = Math.round(w * dpr); tl.height = Math.round(h * dpr);
    var ctx = tl.getContext('2d'); ctx.setTransform(dpr, 0, 0, dpr, 0, 0); ctx.clearRect(0, 0, w, h);
    var span = view.to - view.from;
    function X(t) { return GUTTER + (t - view.from) / span * (w - GUTTER - RIGHT); }
    var y0 = TOPH(), y1 = h - 8;
    geom = { w: w, y0: y0 };
    // axis
    var step = Math.pow(10, Math.floor(Math.log10(span / 8))); if (span / step > 16) step *= 5; else if (span / step > 8) step *= 2;
    ctx.font = '11px system-ui,sans-serif'; ctx.textBaseline = 'middle';
    for (var t = Math.ceil(view.from / step) * step; t <= view.to; t += step) {
      var x = X(t); ctx.fillStyle = '#eef0f3'; ctx.fillRect(Math.round(x), AXIS, 1, y1 - AXIS);
      ctx.fillStyle = '#5d6778'; ctx.fillText(fmt(t, step), x + 3, AXIS / 2);
    }
    // faults
    var now = nowNs();
    faults.forEach(function (f) {
      var x0 = Math.max(GUTTER, X(f.from)), x1 = Math.min(w - RIGHT, X(f.to >= 0 ? f.to : now));
      if (x1 < GUTTER || x0 > w - RIGHT) return;
      var c = FAMILY[f.family] || '#64748b', by = AXIS + f.row * BAND;
      ctx.fillStyle = c; ctx.globalAlpha = 0.09; ctx.fillRect(x0, y0, Math.max(1.5, x1 - x0), y1 - y0);
      ctx.globalAlpha = 0.85; ctx.fillRect(x0, by + 2, Math.max(2, x1 - x0), BAND - 5); ctx.globalAlpha = 1;
      if (x1 - x0 > 30) {
        ctx.save(); ctx.beginPath(); ctx.rect(x0, by, x1 - x0 - 2, BAND); ctx.clip();
        ctx.fillStyle = '#fff'; ctx.font = '600 10px system-ui,sans-serif'; ctx.fillText(f.label + (f.to < 0 ? ' (now)' : ''), x0 + 4, by + BAND / 2);
        ctx.restore();
      }
    });
    // ops
    ctx.save(); ctx.beginPath(); ctx.rect(GUTTER, y0, w - GUTTER, y1 - y0); ctx.clip();
    var barH = ROW - 6, visible = 0;
    for (var i = 0; i < ops.length; i++) {
      var o = ops[i], end = o.end >= 0 ? o.end : now;
      if (end < view.from || o.call > view.to) continue;
      visible++;
      var bx0 = X(o.call), bx1 = Math.max(bx0 + 2, X(end)), by = y0 + o.lane * ROW + 3, m = marks.get(o.invokeIndex);
      ctx.fillStyle = m === 3 ? STUCK : m === 1 ? PREFIX : COLOR[o.status];
      ctx.fillRect(bx0, by, bx1 - bx0, barH);
      if (m === 3) { ctx.strokeStyle = '#5c0b05'; ctx.lineWidth = 2; ctx.strokeRect(bx0 - 1, by - 1, bx1 - bx0 + 2, barH + 2); }
      if (m === 2) { ctx.strokeStyle = CONC; ctx.lineWidth = 2; ctx.strokeRect(bx0, by, bx1 - bx0, barH); }
      if (bx1 - bx0 > 40) {
        ctx.save(); ctx.beginPath(); ctx.rect(bx0, by, bx1 - bx0 - 2, barH); ctx.clip();
        ctx.fillStyle = m === 3 || m === 1 ? '#fff' : '#1c2330'; ctx.font = '11px ui-monospace,Menlo,Consolas,monospace';
        ctx.fillText(opText(o), Math.max(bx0, GUTTER) + 3, by + barH / 2); ctx.restore();
      }
    }
    ctx.restore();
    ctx.fillStyle = '#fff'; ctx.fillRect(0, y0, GUTTER - 1, y1 - y0);
    ctx.font = '11px ui-monospace,Menlo,Consolas,monospace'; ctx.fillStyle = '#5d6778';
    lanes.forEach(function (name, l) { ctx.fillText(name, 6, y0 + l * ROW + ROW / 2); });
    ctx.fillStyle = '#e2e6ec'; ctx.fillRect(GUTTER - 1, y0, 1, y1 - y0); ctx.fillRect(0, y0 - 1, w, 1);
    var st = $('tl-status');
    st.setAttribute('data-ops', String(completed));
    st.textContent = completed + ' ops completed \u00b7 ' + visible + ' in view (' + fmt(view.from) + ' \u2013 ' + fmt(view.to) + ') \u00b7 ' + lanes.length + ' lanes \u00b7 ' + faults.length + ' fault windows';
  }
  // Fault windows that overlap in time get rows of their own (at most MAX_ROWS; then they share the last).
  var MAX_ROWS = 4;
  function layoutFaults() {
    var ends = [], now = nowNs();
    faults.forEach(function (f) {
      var r = 0;
      while (r < ends.length && ends[r] > f.from) r++;
      if (r >= MAX_ROWS) r = MAX_ROWS - 1;
      f.row = r; ends[r] = f.to >= 0 ? f.to : now + 1e18;
    });
    return Math.max(1, ends.length);
  }
  function TOPH() { return AXIS + BAND * faultRows; }
  // Hovering an op shows what it was, who answered and how long it took.
  var geom = { w: 1, y0: 0 };
  function opAt(x, y) {
    var lane = Math.floor((y - geom.y0) / ROW), t = view.from + (x - GUTTER) / (geom.w - GUTTER - RIGHT) * (view.to - view.from);
    var slack = 3 / (geom.w - GUTTER - RIGHT) * (view.to - view.from), now = nowNs(), best = null;
    for (var i = ops.length - 1; i >= 0; i--) {
      var o = ops[i];
      if (o.lane !== lane) continue;
      if (o.call - slack <= t && t <= (o.end >= 0 ? o.end : now) + slack) { best = o; break; }
    }
    return best;
  }
  tl.addEventListener('mousemove', function (ev) {
    var r = tl.getBoundingClientRect(), x = ev.clientX - r.left, y = ev.clientY - r.top, tip = $('tip');
    var o = x > GUTTER && y > geom.y0 ? opAt(x, y) : null;
    if (!o) { tip.style.display = 'none'; return; }
    var err = o.error === null ? '' : '\n' + (typeof o.error === 'string' ? o.error : JSON.stringify(o.error));
    tip.textContent = opText(o) + '\n' + lanes[o.lane] + ' · p' + o.process + (o.node ? ' · answered by ' + o.node : '') + '\n' +
      o.status + (o.end >= 0 ? ' after ' + ((o.end - o.call) / 1e6).toFixed(1) + ' ms' : ' (in flight)') + ' · event ' + o.invokeIndex + err;
    tip.style.display = 'block';
    tip.style.left = Math.min(x + 14, r.width - 260) + 'px'; tip.style.top = (y + 72 > r.height ? y - 66 : y + 14) + 'px';
  });
  tl.addEventListener('mouseleave', function () { $('tip').style.display = 'none'; });
  // Wheel zooms around the pointer, dragging pans; either stops following the present.
  function stopFollowing() { follow = false; $('follow').checked = false; }
  tl.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var r = tl.getBoundingClientRect(), x = ev.clientX - r.left;
    var at = view.from + Math.max(0, x - GUTTER) / (geom.w - GUTTER - RIGHT) * (view.to - view.from);
    var k = Math.exp(ev.deltaY * 0.0015), span = Math.max(1e6, (view.to - view.from) * k);
    var from = at - (at - view.from) * span / (view.to - view.from);
    stopFollowing(); view = { from: from, to: from + span }; schedule();
  }, { passive: false });
  var drag = null;
  tl.addEventListener('mousedown', function (ev) { drag = { x: ev.clientX, from: view.from, to: view.to }; });
  window.addEventListener('mouseup', function () { drag = null; });
  window.addEventListener('mousemove', function (ev) {
    if (!drag || ev.buttons !== 1) return;
    var dt = (ev.clientX - drag.x) / (geom.w - GUTTER - RIGHT) * (drag.to - drag.from);
    if (Math.abs(ev.clientX - drag.x) < 2) return;
    stopFollowing(); view = { from: drag.from - dt, to: drag.to - dt }; schedule();
  });
  var faultRows = 1;
  var frame = 0;
  function schedule() { if (!frame) frame = requestAnimationFrame(function () { frame = 0; draw(); }); }
  setInterval(function () { if (follow) schedule(); }, 250);
  window.addEventListener('resize', schedule);

  // ---- the stream ----
  var es = new EventSource('/events');
  es.addEventListener('hello', function (ev) {
    var m = JSON.parse(ev.data);
    applyState(m.state); reset(m); schedule();
    $('conn').textContent = 'live \u00b7 127.0.0.1';
    document.body.setAttribute('data-ready', 'true');
  });
  es.addEventListener('op', function (ev) { var m = JSON.parse(ev.data); addEvent(m.event, m.lane); schedule(); });
  es.addEventListener('state', function (ev) { applyState(JSON.parse(ev.data).state); });
  es.addEventListener('verdict', function (ev) { setVerdict(JSON.parse(ev.data).verdict); });
  es.addEventListener('error', function () { $('conn').textContent = 'disconnected (is faultline lab still running?)'; });
})();
`;
