/**
 * REPORT_CSS: the report's inline stylesheet (no web fonts, no network). Light theme, system fonts,
 * one accent per meaning: green ok, rose fail, amber info, violet prefix, red the failing op.
 */
export const REPORT_CSS = `
:root{--bg:#f6f7f9;--card:#fff;--ink:#1c2330;--muted:#5d6778;--line:#e2e6ec;--ok:#2f9e62;--fail:#d9485f;--info:#e0a019;
--unknown:#7a6ff0;--prefix:#6d4fd8;--stuck:#d92d20;--accent:#2563eb;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header{background:#141a24;color:#eef2f7;padding:16px 28px;display:flex;align-items:center;gap:18px;flex-wrap:wrap}
header h1{font-size:19px;margin:0;font-weight:600}
header .src{color:#9aa6b8;font-family:var(--mono);font-size:12px;word-break:break-all}
header .gen{margin-left:auto;color:#9aa6b8;font-size:12px}
.badge{display:inline-block;padding:3px 10px;border-radius:999px;font-weight:600;font-size:12px;letter-spacing:.02em;text-transform:uppercase}
.badge.valid{background:#dcf5e7;color:#17613c}.badge.invalid{background:#fde1e4;color:#a3182e}.badge.unknown{background:#ebe8ff;color:#4a3fb5}
header .badge{font-size:14px;padding:5px 14px}
main{padding:20px 28px 40px;max-width:1680px;margin:0 auto}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin-bottom:18px}
h2{font-size:15px;margin:0 0 12px;font-weight:600}
h3{font-size:13px;margin:14px 0 6px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.notes{margin:0 0 12px;padding-left:18px;color:var(--muted)}
.stats{display:flex;gap:10px;flex-wrap:wrap;margin-bottom:14px}
.stat{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:110px}
.stat b{display:block;font-size:19px;font-weight:600}.stat span{color:var(--muted);font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:5px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600;font-size:12px;background:#fafbfc}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
details{margin-top:6px}summary{cursor:pointer;color:var(--accent)}
pre{font-family:var(--mono);font-size:12px;background:#f3f5f8;border-radius:6px;padding:10px;overflow:auto;max-height:360px}
.grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:18px}
.tl-grid{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:16px}
.toolbar{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:10px}
button{font:inherit;font-size:13px;border:1px solid var(--line);background:#fff;border-radius:6px;padding:4px 10px;cursor:pointer;color:var(--ink)}
button:hover{background:#f0f3f7}button:disabled{opacity:.45;cursor:default}
.legend{display:flex;gap:12px;flex-wrap:wrap;color:var(--muted);font-size:12px;margin-left:auto}
.legend i{display:inline-block;width:12px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.canvas-wrap{position:relative;border:1px solid var(--line);border-radius:8px;overflow:hidden;background:#fff}
canvas{display:block;width:100%}
#timeline{cursor:grab}#timeline.dragging{cursor:grabbing}
.tip{position:absolute;pointer-events:none;background:#141a24;color:#eef2f7;font-size:12px;padding:6px 9px;border-radius:6px;
white-space:pre;font-family:var(--mono);display:none;z-index:5;max-width:460px;overflow:hidden;box-shadow:0 4px 14px rgba(0,0,0,.2)}
.hint{color:var(--muted);font-size:12px;margin-top:6px}
aside.panel{border:1px solid var(--line);border-radius:8px;padding:12px 14px;font-size:13px;max-height:620px;overflow:auto}
aside.panel h3:first-child{margin-top:0}
.cx-title{font-weight:600;color:var(--stuck);margin-bottom:4px}
.state{font-family:var(--mono);font-size:12px;background:#f5f2ff;border:1px solid #e2dbff;border-radius:6px;padding:6px 8px;word-break:break-all}
ol.ops,ul.ops{margin:0;padding-left:20px;font-family:var(--mono);font-size:12px}
ol.ops li,ul.ops li{cursor:pointer;padding:1px 0}ol.ops li:hover,ul.ops li:hover{background:#f0f3f7}
.stuck{border-left:3px solid var(--stuck);padding:4px 8px;background:#fff4f3;border-radius:0 6px 6px 0;margin:4px 0}
.stuck code{font-family:var(--mono);font-weight:600}.stuck div{color:var(--muted);font-size:12px}
.pill{display:inline-block;font-size:11px;border-radius:4px;padding:0 5px;background:#eef1f5;color:var(--muted);margin-left:4px}
.v-valid{color:var(--ok);font-weight:600}.v-invalid{color:var(--fail);font-weight:600}.v-unknown{color:var(--unknown);font-weight:600}
.bar{display:inline-block;height:8px;border-radius:4px;background:#e8ebf0;width:80px;overflow:hidden;vertical-align:middle;margin-right:6px}
.bar>i{display:block;height:100%;background:var(--ok)}
.muted{color:var(--muted)}
#availability td{white-space:nowrap}
@media (max-width:1100px){.tl-grid,.grid2{grid-template-columns:1fr}}
`;
