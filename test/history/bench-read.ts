/**
 * bench-read: measures JSONL history parse speed (not a test; run by hand).
 *   npx tsx test/history/bench-read.ts [ops=1000000] [file=/tmp/faultline-bench-history.jsonl]
 * Writes a synthetic register history of `ops` operations (2 events each) over 1,000 keys with
 * HistoryWriter, then reads it with readHistoryFile and prints MB/s (and the pairing time once).
 */
import { stat } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { HistoryWriter } from '../../src/history/history-writer.js';
import { readHistoryFile } from '../../src/history/read-history-file.js';
import { pairOperations, operationsByKey } from '../../src/history/pair.js';

const ops = Number(process.argv[2] ?? 1_000_000);
const file = process.argv[3] ?? '/tmp/faultline-bench-history.jsonl';
rmSync(file, { force: true });
const w = await HistoryWriter.open(file, { flushIntervalMs: 0, maxBufferedBytes: 4 << 20 });
let t = 0;
let index = 0;
const t0 = performance.now();
for (let i = 0; i < ops; i++) {
  const process = i % 10;
  const key = `k${i % 1000}`;
  const write = i % 3 !== 0;
  const value = write ? i : null;
  w.append({ index: index++, type: 'invoke', process, f: write ? 'write' : 'read', key, value, time: (t += 1000) });
  w.append({ index: index++, type: 'ok', process, f: write ? 'write' : 'read', key, value: write ? i : i - 1, time: (t += 1000), node: 'n1' });
}
await w.close();
const writeMs = performance.now() - t0;
const bytes = (await stat(file)).size;
const mb = bytes / 1e6;
console.log(`wrote ${index} events, ${mb.toFixed(1)} MB in ${writeMs.toFixed(0)} ms (${(mb / (writeMs / 1000)).toFixed(0)} MB/s)`);
for (let run = 0; run < 3; run++) {
  const t1 = performance.now();
  const { events } = await readHistoryFile(file);
  const ms = performance.now() - t1;
  console.log(`read ${events.length} events in ${ms.toFixed(0)} ms: ${(mb / (ms / 1000)).toFixed(0)} MB/s, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  if (run === 0) {
    const t2 = performance.now();
    const ops = pairOperations(events);
    const byKey = operationsByKey(ops);
    console.log(`paired ${ops.length} ops over ${byKey.size} keys in ${(performance.now() - t2).toFixed(0)} ms`);
  }
}
rmSync(file, { force: true });
