import { describe, expect, it } from 'vitest';
import { fastEventLine } from '../../src/history/fast-event-line.js';
import { normalizeEvent } from '../../src/history/normalize-event.js';
import { JsonlHistoryParser } from '../../src/history/jsonl-history-parser.js';

/** slow is the reference: what the reader builds from a line without the fast path. */
function slow(line: string, position: number): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return 'invalid JSON';
  }
  return normalizeEvent(raw, position) ?? 'rejected';
}

function fast(line: string, position: number): unknown {
  const bytes = Buffer.from(line, 'utf8');
  return fastEventLine(bytes, 0, bytes.length, position);
}

/** A small seeded generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELD_VALUES: Record<string, string[]> = {
  index: ['0', '7', '123456789012345', '1234567890123456', '-1', '1.5', '1e3', '07', '"3"', 'null'],
  type: ['"invoke"', '"ok"', '"fail"', '"info"', '"oks"', '"in\\u0076oke"', '1', '"Info"'],
  process: ['0', '12', '"nemesis"', '"nemesi"', '-0', '-3', '2.0', 'null', '"x"'],
  f: ['"read"', '"write"', '"cas"', '"reads"', '"r\\"d"', '"é"', '""', '3', '"start-partition"'],
  key: ['"159"', '"k"', '12', '-4', '-0', '1.5', '"a b"', 'null', '"ü"', '"' + 'k'.repeat(40) + '"', '[1]'],
  value: ['null', '3', '-3', '[1,2]', '[ 1 , "x" ]', '[]', '[[1]]', '{"a":1}', '"x 6 0 y"', 'true', 'false', '1.25', '99999999999999999', '"\\n"', 'nul'],
  time: ['0', '1500', '999999999999999', '1700000000000009999', '1.7e18', '-5', '12.0', '"5"'],
  node: ['"n1"', '1', 'null'],
  error: ['null', '"timeout"', '["net", 3]', '{"x":1}', '3'],
  local: ['true', 'false', 'null', '"yes"', '1'],
  other: ['1', '"x"', '{"y":[1]}'],
};

function randomLine(r: () => number): string {
  const names = Object.keys(FIELD_VALUES);
  const wanted = ['type', 'process', 'f', 'time'];
  const fields: string[] = [];
  for (const name of names) {
    const include = wanted.includes(name) ? r() < 0.93 : r() < 0.35;
    if (!include) continue;
    const vs = FIELD_VALUES[name]!;
    // Mostly plausible values, sometimes an odd one.
    const v = r() < 0.7 ? vs[Math.floor(r() * Math.min(3, vs.length))]! : vs[Math.floor(r() * vs.length)]!;
    fields.push(`"${name}"${r() < 0.1 ? ' : ' : ':'}${v}`);
    if (r() < 0.03) fields.push(`"${name}":${vs[0]}`); // a duplicate field
  }
  for (let i = fields.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [fields[i], fields[j]] = [fields[j]!, fields[i]!];
  }
  let line = `{${fields.join(r() < 0.1 ? ', ' : ',')}}`;
  const t = r();
  if (t < 0.03) line = ` ${line}`;
  else if (t < 0.06) line = `${line}\r`;
  else if (t < 0.08) line = `${line} x`;
  else if (t < 0.1) line = line.slice(0, -1);
  else if (t < 0.11) line = `${line},`;
  return line;
}

describe('fastEventLine (the JSONL fast path)', () => {
  it('reads the common lines of a faultline history itself', () => {
    const lines = [
      '{"index":0,"type":"invoke","process":13,"f":"read","key":"159","value":null,"time":520}',
      '{"index":5,"type":"invoke","process":36,"f":"cas","key":"707","value":[1,28],"time":4224}',
      '{"index":9,"type":"ok","process":36,"f":"cas","key":"707","value":[1,28],"time":5000,"node":"n1"}',
      '{"index":10,"type":"info","process":"nemesis","f":"start-partition","value":"halves","time":6000}',
      '{"index":11,"type":"ok","process":2,"f":"read","value":4,"time":7000,"local":true}',
    ];
    lines.forEach((line, i) => {
      const got = fast(line, i);
      expect(got).toBeDefined();
      expect(got).toEqual(slow(line, i));
      expect(Object.keys(got as object)).toEqual(Object.keys(slow(line, i) as object));
    });
  });

  it('agrees with JSON.parse + normalizeEvent on 20,000 random lines, or leaves them to it', () => {
    const r = rng(17);
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      const line = randomLine(r);
      const got = fast(line, i);
      if (got === undefined) continue;
      taken++;
      const want = slow(line, i);
      expect(got, line).toEqual(want);
      expect(Object.keys(got as object), line).toEqual(Object.keys(want as object));
    }
    // The fast path must take a good share of them, or the comparison proves little.
    expect(taken).toBeGreaterThan(1500);
  });

  it('leaves escapes, non-ASCII, big numbers, duplicates and unknown fields to the slow path', () => {
    for (const line of [
      '{"type":"invoke","process":1,"f":"r\\u0065ad","time":1}',
      '{"type":"invoke","process":1,"f":"lire é","time":1}',
      '{"type":"invoke","process":1,"f":"read","time":1700000000000009999}',
      '{"type":"invoke","process":1,"f":"read","time":1,"time":2}',
      '{"type":"invoke","process":1,"f":"read","time":1,"extra":1}',
      '{"type":"invoke","process":-0,"f":"read","time":1}',
      '{"type":"invoke","process":1,"f":"read","time":1,"value":{"a":1}}',
    ]) {
      expect(fast(line, 0), line).toBeUndefined();
    }
  });

  it('the parser gives the same events and errors with the fast path as a line-by-line JSON.parse', () => {
    const text = [
      '\ufeff{"type":"invoke","process":1,"f":"write","value":1,"time":10}',
      '',
      '{"type":"ok","process":1,"f":"write","value":1,"time":20}\r',
      '{"type":"invoke","process":2,"f":"lire é","value":"ü","time":30}',
      '{"type":"fail","process":2,"f":"lire é","value":null,"time":40,"error":{"why":"x"}}',
    ].join('\n');
    const parser = new JsonlHistoryParser('h.jsonl');
    const bytes = Buffer.from(text, 'utf8');
    // Feed it in awkward pieces: a cut inside the multi-byte é and inside a number.
    const cuts = [7, bytes.indexOf(0xc3) + 1, bytes.length - 5, bytes.length];
    const events = [];
    let from = 0;
    for (const c of cuts) {
      events.push(...parser.push(bytes.subarray(from, c)));
      from = c;
    }
    events.push(...parser.end());
    const want = text
      .replace('\ufeff', '')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l, i) => normalizeEvent(JSON.parse(l), i));
    expect(events).toEqual(want);
    expect(parser.eventLines).toEqual([1, 3, 4, 5]);
    const bad = new JsonlHistoryParser('h.jsonl');
    expect(() => bad.push('{"type":"invoke","process":1,"f":"read","time":1}\n{"type":"invoke","process":1,"time":2}\n')).toThrow(
      'h.jsonl:2: missing required field "f"',
    );
  });
});
