/** Numbers and times as the page writes them (pure). */

/** sig prints a positive number with about three significant digits. */
export function sig(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** formatNs prints a duration or time in ns with a unit (ns, µs, ms, s); ∞ when not finite. */
export function formatNs(ns: number): string {
  if (!isFinite(ns)) return '\u221e';
  const a = Math.abs(ns);
  const s = ns < 0 ? '-' : '';
  if (a < 1e3) return `${s}${Math.round(a)} ns`;
  if (a < 1e6) return `${s}${sig(a / 1e3)} \u00b5s`;
  if (a < 1e9) return `${s}${sig(a / 1e6)} ms`;
  return `${s}${sig(a / 1e9)} s`;
}

/** niceStep rounds `raw` up to 1, 2 or 5 times a power of ten (axis tick spacing). */
export function niceStep(raw: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/**
 * tickLabel prints the axis tick at `ns`, ticks `step` apart, in one unit chosen for the whole
 * visible range [from, to] and as many decimals as the step needs.
 */
export function tickLabel(ns: number, step: number, from: number, to: number): string {
  const mag = Math.max(Math.abs(from), Math.abs(to), step);
  const unit = mag >= 1e9 ? 1e9 : mag >= 1e6 ? 1e6 : mag >= 1e3 ? 1e3 : 1;
  const name = unit === 1e9 ? ' s' : unit === 1e6 ? ' ms' : unit === 1e3 ? ' \u00b5s' : ' ns';
  const dec = Math.max(0, Math.min(6, -Math.floor(Math.log10(step / unit) + 1e-9)));
  return (ns / unit).toFixed(dec) + name;
}

/** count prints an integer with thousands separators (en-US, whatever the browser's locale). */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
