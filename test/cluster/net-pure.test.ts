import { describe, expect, it } from 'vitest';
import { createPrng } from '../../src/net/create-prng.js';
import { LineSplitter } from '../../src/net/line-splitter.js';
import { NO_FAULTS, decideDelivery, toLinkFaults } from '../../src/net/link-faults.js';

describe('LineSplitter', () => {
  it.each([
    { chunks: ['a\nb\n'], lines: ['a', 'b'] },
    { chunks: ['ab', 'c\nd', 'e\n'], lines: ['abc', 'de'] },
    { chunks: ['\n\nx\n'], lines: ['x'] },
    { chunks: ['no newline'], lines: [] },
    { chunks: ['{"a":1}\n{"b"', ':2}\n'], lines: ['{"a":1}', '{"b":2}'] },
  ])('$chunks → $lines', ({ chunks, lines }) => {
    const s = new LineSplitter();
    const out = chunks.flatMap((c) => s.push(Buffer.from(c)).map((b) => b.toString()));
    expect(out).toEqual(lines);
  });

  it('keeps a multi-byte character split across chunks', () => {
    const bytes = Buffer.from('é\n');
    const s = new LineSplitter();
    expect(s.push(bytes.subarray(0, 1))).toEqual([]);
    expect(s.pendingBytes).toBe(1);
    expect(s.push(bytes.subarray(1)).map((b) => b.toString())).toEqual(['é']);
  });
});

describe('createPrng', () => {
  it('repeats with the same seed and differs with another', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const sa = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(sa);
    expect(Array.from({ length: 5 }, c)).not.toEqual(sa);
    for (const x of sa) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('decideDelivery', () => {
  it('delivers once, immediately, on a healthy link', () => {
    expect(decideDelivery(NO_FAULTS, createPrng(1))).toEqual([0]);
  });
  it.each([
    { p: 0.1 },
    { p: 0.5 },
    { p: 0.9 },
  ])('drops about p=$p of messages', ({ p }) => {
    const random = createPrng(7);
    const faults = toLinkFaults({ lossProbability: p });
    let dropped = 0;
    for (let i = 0; i < 10_000; i++) if (decideDelivery(faults, random).length === 0) dropped++;
    expect(dropped / 10_000).toBeCloseTo(p, 1);
  });
  it('delays by delay + jitter in [delay, delay + jitter)', () => {
    const random = createPrng(3);
    const faults = toLinkFaults({ delayMs: 20, jitterMs: 10 });
    const delays = Array.from({ length: 1000 }, () => decideDelivery(faults, random)).flat();
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...delays)).toBeLessThan(30);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(5);
  });
  it('duplicates about p of messages', () => {
    const random = createPrng(9);
    const faults = toLinkFaults({ duplicateProbability: 0.3 });
    let dup = 0;
    for (let i = 0; i < 10_000; i++) if (decideDelivery(faults, random).length === 2) dup++;
    expect(dup / 10_000).toBeCloseTo(0.3, 1);
  });
  it.each([
    { faults: { lossProbability: 1.5 }, msg: /lossProbability/ },
    { faults: { duplicateProbability: -0.1 }, msg: /duplicateProbability/ },
    { faults: { delayMs: -1 }, msg: /delayMs/ },
    { faults: { jitterMs: Number.POSITIVE_INFINITY }, msg: /jitterMs/ },
  ])('rejects $faults', ({ faults, msg }) => {
    expect(() => toLinkFaults(faults)).toThrow(msg);
  });
});
