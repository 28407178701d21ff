import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEvent } from '../../src/core/event.js';
import { HistoryWriter } from '../../src/history/history-writer.js';
import { formatEvent } from '../../src/history/format-event.js';
import { readHistoryFile } from '../../src/history/read-history-file.js';
import { parseEdnHistory } from '../../src/history/edn-history.js';
import { toJepsenEdn } from '../../src/history/to-jepsen-edn.js';
import { readAnyHistory } from '../../src/history/read-any-history.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-roundtrip-'));

const EVENTS: HistoryEvent[] = [
  { index: 0, type: 'invoke', process: 3, f: 'write', key: 'k1', value: 4, time: 1200345 },
  { index: 1, type: 'ok', process: 3, f: 'write', key: 'k1', value: 4, time: 2200345, node: 'n2' },
  { index: 2, type: 'info', process: 'nemesis', f: 'partition', value: { n1: ['n3', 'n4'], 'odd key': 1 }, time: 3000000 },
  { index: 3, type: 'invoke', process: 4, f: 'cas', key: 'k 2', value: [4, 5], time: 3000001 },
  { index: 4, type: 'fail', process: 4, f: 'cas', key: 'k 2', value: [4, 5], time: 3000002, error: 'compare failed' },
  { index: 5, type: 'invoke', process: 5, f: 'read', value: null, time: 3000003 },
  { index: 6, type: 'info', process: 5, f: 'read', value: null, time: 3000004, error: { reason: 'timeout', ms: 500 } },
  { index: 7, type: 'invoke', process: 6, f: 'append', key: 'q"uote\\', value: 'line\nbreak é ✓', time: 3000005 },
  { index: 8, type: 'ok', process: 6, f: 'my f', value: [true, false, 1.5, -2, [], {}], time: 3000005 },
];

describe('round trip', () => {
  it('formatEvent lines read back as equal events', async () => {
    const path = join(dir, 'fmt.jsonl');
    const w = await HistoryWriter.open(path, { flushIntervalMs: 0 });
    for (const e of EVENTS) w.append(e);
    await w.close();
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(formatEvent(EVENTS[0]!));
    const { events, warnings } = await readHistoryFile(path);
    expect(warnings).toEqual([]);
    expect(events).toEqual(EVENTS);
  });

  it('jsonl → Jepsen EDN → events gives the same events', async () => {
    const path = join(dir, 'rt.jsonl');
    const w = await HistoryWriter.open(path, { flushIntervalMs: 0 });
    for (const e of EVENTS) w.append(e);
    await w.close();
    const { events } = await readHistoryFile(path);
    const edn = toJepsenEdn(events);
    expect(edn.split('\n')[0]).toBe('[{:index 0, :type :invoke, :process 3, :f :write, :key "k1", :value 4, :time 1200345}');
    expect(edn).toContain(':process :nemesis');
    const back = parseEdnHistory(edn, 'rt.edn');
    expect(back.warnings).toEqual([]);
    expect(back.events).toEqual(events);
    // and through a file with format detection
    const ednPath = join(dir, 'rt.edn');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(ednPath, edn);
    const any = await readAnyHistory(ednPath);
    expect(any.format).toBe('edn');
    expect(any.events).toEqual(events);
  });

  it('Jepsen EDN leaves local reads out (Knossos and Elle would judge them as ordinary reads)', () => {
    const rows = [
      { index: 0, type: 'invoke', process: 0, f: 'write', key: 'k', value: 2, time: 10 },
      { index: 1, type: 'ok', process: 0, f: 'write', key: 'k', value: 2, time: 20, node: 'n1' },
      { index: 2, type: 'invoke', process: 7, f: 'read', key: 'k', value: null, time: 30, local: true },
      { index: 3, type: 'ok', process: 7, f: 'read', key: 'k', value: 1, time: 40, node: 'n3', local: true },
    ] as HistoryEvent[];
    const back = parseEdnHistory(toJepsenEdn(rows), 'l.edn');
    expect(back.events.map((e) => e.f)).toEqual(['write', 'write']);
    expect(back.events.some((e) => e.process === 7)).toBe(false);
  });

  it('an empty history exports as an empty vector', () => {
    expect(toJepsenEdn([])).toBe('[]\n');
    expect(parseEdnHistory('[]\n', 'e.edn').events).toEqual([]);
  });
});

describe('HistoryWriter', () => {
  it('flushes on its timer without an explicit flush', async () => {
    const path = join(dir, 'timer.jsonl');
    const w = await HistoryWriter.open(path, { flushIntervalMs: 20 });
    w.append(EVENTS[0]!);
    expect(readFileSync(path, 'utf8')).toBe('');
    // Poll for the timer's flush (30 s safety net): no flush call is made, so only the timer can write.
    const end = Date.now() + 30_000;
    while (readFileSync(path, 'utf8') === '' && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(readFileSync(path, 'utf8')).toBe(formatEvent(EVENTS[0]!) + '\n');
    await w.close();
    await w.close();
    expect(() => w.append(EVENTS[1]!)).toThrow(/append after close/);
  });

  it('writes in append order across size-triggered and explicit flushes', async () => {
    const path = join(dir, 'order.jsonl');
    const w = await HistoryWriter.open(path, { flushIntervalMs: 0, maxBufferedBytes: 200 });
    const many: HistoryEvent[] = [];
    for (let i = 0; i < 500; i++) many.push({ index: i, type: 'invoke', process: i, f: 'read', value: null, time: i });
    for (const [i, e] of many.entries()) {
      w.append(e);
      if (i % 97 === 0) await w.flush();
    }
    await w.close();
    expect(w.eventsWritten).toBe(500);
    expect((await readHistoryFile(path)).events).toEqual(many);
  });
});
