/** Colours and fixed geometry of the page's canvases (the legend in render-report-html.ts uses the same colours). */

/** STATUS names the op status codes of EncodedOps.status (0 ok, 1 fail, 2 info). */
export const STATUS: readonly string[] = ['ok', 'fail', 'info'];
/** COLOR and COLOR_DIM: bar colours by status; dimmed for ops of other keys than the failure's. */
export const COLOR: readonly string[] = ['#5bb67f', '#ea8596', '#f0b53d'];
export const COLOR_DIM: readonly string[] = ['#cfe9da', '#f7d3d9', '#f8e3b6'];
const FAMILY: Readonly<Record<string, string>> = { partition: '#3b82f6', kill: '#dc2626', pause: '#9333ea', clock: '#0d9488', packet: '#ea580c' };
/** Marked ops: the linearized prefix, the failing (stuck) ops, the outline of concurrent/context ops. */
export const PREFIX = '#6d4fd8';
export const STUCK = '#d92d20';
export const CONC = '#b7791f';

/** familyColor: the colour of a fault family's windows (grey for an unknown family). */
export function familyColor(family: string): string {
  return FAMILY[family] ?? '#64748b';
}

/** Canvas geometry in CSS px: lane-label gutter, time axis and fault band heights, right margin. */
export const GUTTER = 86;
export const AXIS = 24;
export const BAND = 18;
/** TOP: where the lanes begin (below the axis and the fault band). */
export const TOP = AXIS + BAND;
export const RIGHT = 10;

/** The side panel lists this many failing ops and context ops, then "and N more" (all are drawn). */
export const STUCK_LISTED = 10;
export const CONTEXT_LISTED = 20;
