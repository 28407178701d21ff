/** printTable prints rows as an aligned text table with a header line; numbers right-aligned. */
export function printTable(headers: string[], rows: (string | number)[][], log: (line: string) => void = console.log): void {
  const cells = rows.map((r) => r.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^[\d.,]+( ?[a-zA-Z%]+)?$/.test(String(r[i]))));
  const fmt = (r: string[]): string => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  log(fmt(headers));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells) log(fmt(r));
}

/** median of a non-empty list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** fmtMs renders milliseconds with sensible precision. */
export function fmtMs(ms: number): string {
  return ms < 1 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toString();
}
