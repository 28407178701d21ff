/** LAB_CSS: the lab page's own styles, added after the report's stylesheet (same colours and fonts). */
export const LAB_CSS = `
header label.mode{color:#c9d2de;font-size:13px}
header select{font:inherit;font-size:13px;border-radius:6px;padding:3px 6px;margin-left:4px}
#quorum-knobs{display:inline-flex;gap:8px;color:#c9d2de;font-size:13px;align-items:center}
#quorum-knobs[hidden]{display:none}
#quorum-knobs input[type=number]{width:52px;font:inherit;font-size:13px;border-radius:5px;padding:2px 4px;margin-left:3px}
header button.dark{background:#252e3c;color:#eef2f7;border-color:#3a4556}
header button.dark:hover{background:#313c4e}
main{max-width:1800px}
.lab-grid{display:grid;grid-template-columns:440px 400px minmax(0,1fr);gap:18px;align-items:start}
.lab-grid section{margin-bottom:0}
#timeline-section{margin-top:18px}
#cluster{width:100%;height:auto;display:block;user-select:none}
#cluster .hit{stroke:transparent;stroke-width:16;cursor:pointer}
#cluster .link{stroke:#9aa6b8;stroke-width:2.5;pointer-events:none}
#cluster .link.cut{stroke:#d92d20;stroke-dasharray:7 6}
#cluster g.link-g:hover .link{stroke:#2563eb}
#cluster g.node{cursor:pointer}
#cluster g.node circle{fill:#fff;stroke:#2f9e62;stroke-width:3}
#cluster g.node[data-state=paused] circle{fill:#efe7ff;stroke:#9333ea}
#cluster g.node[data-state=down] circle{fill:#e5e7eb;stroke:#9ca3af;stroke-dasharray:4 3}
#cluster g.node[data-role=leader] circle,#cluster g.node[data-role=primary] circle{stroke-width:6}
#cluster g.node.selected circle{filter:drop-shadow(0 0 6px #2563eb)}
#cluster text{font:600 15px system-ui,sans-serif;fill:#1c2330;text-anchor:middle;pointer-events:none}
#cluster text.role{font:11px system-ui,sans-serif;fill:#5d6778}
#cluster text.skew{font:600 11px system-ui,sans-serif;fill:#0d9488}
#cluster text.scissors{font-size:15px;fill:#d92d20}
#node-menu{border:1px solid var(--line);border-radius:8px;padding:8px 10px;margin:8px 0;background:#fafbfc}
#node-menu .menu-title{font-weight:600;margin-bottom:6px}
#node-menu .toolbar{margin-bottom:6px}
#clock-ms{width:80px;font:inherit;font-size:13px}
.op-form{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:10px}
.op-form label{font-size:12px;color:var(--muted)}
.op-form input,.op-form select{font:inherit;font-size:13px;padding:2px 4px;border:1px solid var(--line);border-radius:5px}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}button.primary:hover{background:#1d4fd8}
#op-log{max-height:190px;overflow:auto;margin:0 0 6px}
#op-log li{cursor:default}
#op-log li[data-type=ok]::marker{color:var(--ok)}
#op-log li[data-type=fail]{color:#a3182e}
#op-log li[data-type=info]{color:#8a5a00}
#op-log li[data-type=pending]{color:var(--muted)}
#verdict-section .big{font-size:17px;font-weight:600;margin-bottom:6px}
#verdict-section .big.valid{color:var(--ok)}#verdict-section .big.invalid{color:var(--stuck)}#verdict-section .big.unknown{color:var(--unknown)}
#toast{position:fixed;right:18px;top:70px;background:#141a24;color:#eef2f7;padding:8px 12px;border-radius:8px;font-size:13px;display:none;z-index:10;max-width:480px}
#toast.show{display:block}
#saved a{word-break:break-all}
@media (max-width:1400px){.lab-grid{grid-template-columns:440px minmax(0,1fr)}#verdict-section{grid-column:1/-1}}
`;
