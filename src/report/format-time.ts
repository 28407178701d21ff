/**
 * formatNs renders a duration or a time in nanoseconds for people with 3 significant digits and a
 * unit chosen by magnitude (ns, µs, ms, s; minutes as `1m 05s`). Pure; non-finite → `∞`.
 */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return '∞';
  const sign = ns < 0 ? '-' : '';
  const a = Math.abs(ns);
  if (a < 1e3) return `${sign}${Math.round(a)} ns`;
  if (a < 1e6) return `${sign}${sig(a / 1e3)} µs`;
  if (a < 1e9) return `${sign}${sig(a / 1e6)} ms`;
  if (a < 60e9) return `${sign}${sig(a / 1e9)} s`;
  const totalS = Math.round(a / 1e9);
  return `${sign}${Math.floor(totalS / 60)}m ${String(totalS % 60).padStart(2, '0')}s`;
}

function sig(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}
