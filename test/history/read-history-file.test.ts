import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultlineError } from '../../src/core/errors.js';
import { readHistoryFile, streamHistory } from '../../src/history/read-history-file.js';
import { JsonlHistoryParser } from '../../src/history/jsonl-history-parser.js';
import { normalizeEvent } from '../../src/history/normalize-event.js';
import { validateEventSchema } from '../../src/history/event-schema.js';

const MALFORMED = 'fixtures/malformed';

async function readError(path: string): Promise<FaultlineError> {
  try {
    await readHistoryFile(path);
  } catch (err) {
    expect(err).toBeInstanceOf(FaultlineError);
    return err as FaultlineError;
  }
  throw new Error(`expected ${path} to be rejected`);
}

describe('readHistoryFile: malformed JSONL', () => {
  it.each([
    ['jsonl-bad-type.jsonl', ':2: "type" must be one of invoke, ok, fail, info (field "type")'],
    ['jsonl-missing-f.jsonl', ':3: missing required field "f" (field "f")'],
    ['jsonl-bad-process.jsonl', ':3: "process" must be a non-negative integer or "nemesis" (field "process")'],
    ['jsonl-bad-time.jsonl', ':2: "time" must be an integer (field "time")'],
    ['jsonl-bad-key.jsonl', ':2: "key" must be a string or an integer (field "key")'],
    ['jsonl-not-object.jsonl', ':2: an event must be a JSON object'],
    ['jsonl-time-backwards.jsonl', ':2: "time" 15 is earlier than the previous event\'s 20 (times are monotonic nanoseconds) (field "time")'],
    ['jsonl-bad-last-line.jsonl', ':2: "time" must be an integer (field "time")'],
  ])('%s', async (name, expected) => {
    const path = join(MALFORMED, name);
    const err = await readError(path);
    expect(err.code).toBe('input');
    expect(err.message).toBe(path + expected);
  });

  it('names the line of invalid JSON', async () => {
    const path = join(MALFORMED, 'jsonl-bad-json.jsonl');
    const err = await readError(path);
    expect(err.message).toMatch(new RegExp(`^${path}:2: invalid JSON: `));
  });

  it('reports a missing file as an input error', async () => {
    const err = await readError(join(MALFORMED, 'no-such-file.jsonl'));
    expect(err.message).toBe(`cannot read history ${join(MALFORMED, 'no-such-file.jsonl')}: no such file`);
  });

  it('ignores a truncated last line with a warning', async () => {
    const path = join(MALFORMED, 'jsonl-truncated.jsonl');
    const { events, warnings } = await readHistoryFile(path);
    expect(events.map((e) => e.type)).toEqual(['invoke', 'ok']);
    expect(warnings).toEqual([
      `${path}:3: truncated last line ignored (no trailing newline and not valid JSON: the run probably stopped while writing it)`,
    ]);
  });
});

describe('readHistoryFile: good JSONL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-history-'));

  it('assigns missing indexes, stringifies numeric keys, skips blank lines, drops unknown fields', async () => {
    const path = join(dir, 'good.jsonl');
    writeFileSync(
      path,
      [
        '\uFEFF{"type":"invoke","process":0,"f":"write","key":7,"value":1,"time":0,"extra":true}',
        '',
        '  ',
        '{"type":"info","process":"nemesis","f":"partition","value":{"n1":["n2"]},"time":5}',
        '{"index":9,"type":"ok","process":0,"f":"write","key":"7","value":1,"time":5,"node":"n1","error":"x"}\r',
        '{"type":"invoke","process":1,"f":"read","time":6}',
        '',
      ].join('\n'),
    );
    const { events, warnings } = await readHistoryFile(path);
    expect(warnings).toEqual([]);
    expect(events).toEqual([
      { index: 0, type: 'invoke', process: 0, f: 'write', key: '7', value: 1, time: 0 },
      { index: 1, type: 'info', process: 'nemesis', f: 'partition', value: { n1: ['n2'] }, time: 5 },
      { index: 9, type: 'ok', process: 0, f: 'write', key: '7', value: 1, time: 5, node: 'n1', error: 'x' },
      { index: 3, type: 'invoke', process: 1, f: 'read', value: null, time: 6 },
    ]);
  });

  it('accepts a complete last line without a trailing newline', async () => {
    const path = join(dir, 'no-newline.jsonl');
    writeFileSync(path, '{"type":"invoke","process":0,"f":"read","value":null,"time":0}');
    const { events, warnings } = await readHistoryFile(path);
    expect(events).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('streams in batches across chunk boundaries', async () => {
    const path = join(dir, 'big.jsonl');
    const n = 30_000; // ~2.5 MB: spans several 1 MiB chunks, lines cut mid-way
    const lines: string[] = [];
    for (let i = 0; i < n; i++) lines.push(`{"type":"invoke","process":${i},"f":"write","key":"ké${i}","value":"✓${i}","time":${i}}`);
    writeFileSync(path, lines.join('\n') + '\n');
    let batches = 0;
    let count = 0;
    let last = -1;
    for await (const batch of streamHistory(path)) {
      batches++;
      for (const e of batch) {
        expect(e.index).toBe(last + 1);
        last = e.index;
        count++;
      }
    }
    expect(count).toBe(n);
    expect(batches).toBeGreaterThan(1);
    expect(last).toBe(n - 1);
  });
});

describe('JsonlHistoryParser', () => {
  it('joins a line split across pushes, even inside a multi-byte character', () => {
    const p = new JsonlHistoryParser('mem');
    const bytes = Buffer.from('{"type":"invoke","process":0,"f":"wé","value":null,"time":0}\n');
    const cut = bytes.indexOf(Buffer.from('é')) + 1; // inside the two-byte é
    expect(p.push(bytes.subarray(0, cut))).toEqual([]);
    const out = p.push(bytes.subarray(cut));
    expect(out.map((e) => e.f)).toEqual(['wé']);
    expect(p.end()).toEqual([]);
  });
});

describe('normalizeEvent agrees with the JSON Schema', () => {
  // A valid base event and mutations of each field; the fast path and ajv must agree on each.
  const base = { index: 0, type: 'invoke', process: 1, f: 'read', key: 'k', value: null, time: 3, node: 'n1', error: 'e' };
  const variants: Record<string, unknown[]> = {
    index: [undefined, 0, 5, -1, 1.5, '1', null],
    type: ['invoke', 'ok', 'fail', 'info', 'INVOKE', '', 3, null],
    process: [0, 7, -1, 2.5, 'nemesis', 'nem', null, '3'],
    f: ['read', '', 3, null, undefined],
    key: [undefined, 'k', '', 3, -3, 1.5, null, [1], true],
    value: [undefined, null, 1, 'x', [1, 2], { a: 1 }],
    time: [0, 10, -1, 1.5, '3', null, undefined, 1e15],
    node: [undefined, 'n1', 3, null],
    error: [undefined, 'x', { why: 1 }, null],
  };
  const cases: [string, unknown][] = [];
  for (const [field, values] of Object.entries(variants)) {
    for (const v of values) {
      const e: Record<string, unknown> = { ...base };
      if (v === undefined) delete e[field];
      else e[field] = v;
      cases.push([`${field}=${JSON.stringify(v)}`, e]);
    }
  }
  cases.push(['array', [base]], ['string', 'x'], ['null', null], ['extra field', { ...base, extra: 1 }]);
  it.each(cases)('%s', (_name, value) => {
    const fast = normalizeEvent(value, 0) !== null;
    const ajv = validateEventSchema(value) === null;
    expect(fast).toBe(ajv);
  });
});
