/**
 * bench-import: measures the importers on the fixture corpus (not a test; run by hand).
 *   npx tsx test/history/bench-import.ts
 * Prints total bytes, time and MB/s per format over every file in fixtures/histories (best of 5).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readAnyHistory } from '../../src/history/read-any-history.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.tsv') || d.name.endsWith('.md') ? [] : [join(dir, d.name)],
  );
}

const all = files('fixtures/histories');
const totals = new Map<string, { bytes: number; ms: number; events: number; maxMs: number }>();
for (const f of all) {
  let best = Infinity;
  let format = '';
  let events = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const h = await readAnyHistory(f);
    best = Math.min(best, performance.now() - t0);
    format = h.format;
    events = h.events.length;
  }
  const t = totals.get(format) ?? { bytes: 0, ms: 0, events: 0, maxMs: 0 };
  t.bytes += statSync(f).size;
  t.ms += best;
  t.events += events;
  t.maxMs = Math.max(t.maxMs, best);
  totals.set(format, t);
}
for (const [format, t] of totals) {
  console.log(
    `${format}: ${(t.bytes / 1e3).toFixed(0)} KB, ${t.events} events in ${t.ms.toFixed(1)} ms (${(t.bytes / 1e6 / (t.ms / 1000)).toFixed(1)} MB/s, slowest file ${t.maxMs.toFixed(1)} ms)`,
  );
}
