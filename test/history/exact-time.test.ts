// Time is exact: epoch-nanosecond histories (~1.7e18, beyond 2^53, where doubles are 256 ns apart)
// must keep their order in every reader. Each history below is invalid only when times are exact:
// write(2) completes at B+1100 and a later read (B+1150..B+1200) still returns 1. Rounded to doubles,
// write(2) and the read collapse into overlapping intervals and the stale read looks legal.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHistoryFile } from '../../src/check/check-history-file.js';
import { readAnyHistory } from '../../src/history/read-any-history.js';
import { parseEdnHistory } from '../../src/history/edn-history.js';
import { JsonlHistoryParser } from '../../src/history/jsonl-history-parser.js';
import { markExactTime } from '../../src/history/jepsen-op.js';
import { topLevelNumberText } from '../../src/history/exact-time.js';

const B = 1_700_000_000_000_000_000n;
const tmp = mkdtempSync(join(tmpdir(), 'faultline-exact-'));

/** The stale-read history: [process, type, f, value, time offset from B]. */
const STALE: [number, string, string, unknown, bigint][] = [
  [0, 'invoke', 'write', 1, 0n],
  [0, 'ok', 'write', 1, 10n],
  [1, 'invoke', 'write', 2, 1000n],
  [1, 'ok', 'write', 2, 1100n],
  [2, 'invoke', 'read', null, 1150n],
  [2, 'ok', 'read', 1, 1200n],
];

function jsonl(): string {
  return STALE.map(([p, type, f, v, t]) => `{"type":"${type}","process":${p},"f":"${f}","value":${JSON.stringify(v)},"time":${B + t}}`).join('\n') + '\n';
}

function edn(oneMapPerLine: boolean): string {
  const maps = STALE.map(([p, type, f, v, t]) => `{:process ${p}, :type :${type}, :f :${f}, :value ${v === null ? 'nil' : v}, :time ${B + t}}`);
  return oneMapPerLine ? maps.join('\n') + '\n' : `[${maps.join('\n ')}]\n`;
}

function kv(): string {
  const f = (x: string): string => (x === 'write' ? 'put' : 'get');
  return STALE.map(([p, type, op, v, t]) => {
    const value = op === 'read' && type === 'invoke' ? 'nil' : `"${String(v)}"`;
    return `{:process ${p}, :type :${type}, :f :${f(op)}, :key "k", :value ${value}, :time ${B + t}}`;
  }).join('\n') + '\n';
}

describe('exact times in every reader', () => {
  it('doubles really do lose this history (the premise of the test)', () => {
    expect(Number(B + 1100n)).toBe(Number(B + 1150n)); // write(2)'s ok and the read's invoke collapse
  });

  it.each([
    ['jsonl', 'stale.jsonl', jsonl, undefined, 'cas-register'],
    ['edn vector (Knossos)', 'stale.edn', () => edn(false), undefined, 'cas-register'],
    ['edn one map per line (Jepsen history.edn)', 'stale-lines.edn', () => edn(true), undefined, 'cas-register'],
    ['porcupine kv log with :time', 'stale-kv.txt', kv, 'porcupine-kv' as const, 'kv'],
  ])('%s: a stale read 50 ns after the write is invalid', async (_name, file, text, format, model) => {
    const path = join(tmp, file);
    writeFileSync(path, text());
    const c = await checkHistoryFile(path, { model, workers: 1, ...(format === undefined ? {} : { format }) });
    expect(c.result.valid).toBe(false);
  });

  it.each([
    ['jsonl', 'times.jsonl', jsonl],
    ['edn', 'times.edn', () => edn(false)],
  ])('%s: rebases epoch-ns times exactly to the first event', async (_name, file, text) => {
    const path = join(tmp, file);
    writeFileSync(path, text());
    const h = await readAnyHistory(path);
    expect(h.events.map((e) => e.time)).toEqual(STALE.map(([, , , , t]) => Number(t)));
  });

  it('keeps faultline\'s own small times as written (no rebase)', () => {
    const p = new JsonlHistoryParser('mem');
    const out = p.push('{"type":"invoke","process":0,"f":"read","value":null,"time":1200345}\n{"type":"ok","process":0,"f":"read","value":null,"time":2200345}\n');
    expect(out.map((e) => e.time)).toEqual([1200345, 2200345]);
  });

  it('names file and line when times span more than 2^53 ns', () => {
    const p = new JsonlHistoryParser('h.jsonl');
    const lines = `{"type":"invoke","process":0,"f":"read","time":0}\n{"type":"ok","process":0,"f":"read","time":${2n ** 53n + 5n}}\n`;
    expect(() => p.push(lines)).toThrow(/^h\.jsonl:2: "time" 9007199254740997 is more than 2\^53 ns after/);
  });

  it('an epoch time going backwards is reported with its exact digits', () => {
    const p = new JsonlHistoryParser('h.jsonl');
    const lines = `{"type":"invoke","process":0,"f":"read","time":${B + 300n}}\n{"type":"ok","process":0,"f":"read","time":${B + 200n}}\n`;
    expect(() => p.push(lines)).toThrow(`h.jsonl:2: "time" ${B + 200n} is earlier than the previous event's ${B + 300n}`);
  });

  it('an epoch time written with an exponent cannot be exact and is an input error', () => {
    const p = new JsonlHistoryParser('h.jsonl');
    expect(() => p.push('{"type":"invoke","process":0,"f":"read","time":1.7e18}\n')).toThrow(/h\.jsonl:1: "time" 1\.7e18 is beyond 2\^53/);
  });

  it('reads the top-level time, not a "time" inside the value', () => {
    expect(topLevelNumberText('{"value":{"time":5},"s":"\\"time\\":7","time":1700000000000000123}', 'time')).toBe('1700000000000000123');
  });

  it('markExactTime marks only the op map\'s own :time', () => {
    expect(markExactTime('{:value {:time 1700000000000000001}, :s ":time 1700000000000000002", :time 1700000000000000003}')).toBe(
      '{:value {:time 1700000000000000001}, :s ":time 1700000000000000002", :time 1700000000000000003N}',
    );
    const { events } = parseEdnHistory(`[{:process 0, :type :invoke, :f :read, :value {:time 1700000000000000001}, :time ${B}}]`, 'm.edn');
    expect(events[0]!.time).toBe(0);
  });

  it('jepsen text logs carry no times: file order is time order, exact by construction', async () => {
    const path = join(tmp, 'stale.log');
    const lines = STALE.map(([p, type, f, v]) => `INFO  jepsen.util - ${p}\t:${type}\t:${f}\t${v === null ? 'nil' : v}`);
    writeFileSync(path, lines.join('\n') + '\n');
    const c = await checkHistoryFile(path, { workers: 1 });
    expect(c.result.valid).toBe(false);
  });
});
