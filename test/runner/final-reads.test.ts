// runFinalReads on an in-process store whose nodes catch up after a number of reads: the rounds
// repeat until every node agrees, or stop once the convergence timeout has passed; every read is
// local, recorded with the node that answered, by one process per node above the workload's.
import { describe, expect, it } from 'vitest';
import type { RunnerAdapter } from '../../src/adapters/adapter-extras.js';
import type { NodeInfo } from '../../src/core/cluster.js';
import type { OpRequest, Outcome } from '../../src/core/client.js';
import { type FinalReadsOptions, runFinalReads } from '../../src/runner/final-reads.js';
import { MemoryRecorder } from '../../src/runner/recorder.js';
import { RunClock } from '../../src/runner/run-clock.js';
import { canonicalValue, nodesAgree } from '../../src/runner/final-agreement.js';

const nodes: NodeInfo[] = ['n1', 'n2', 'n3'].map((name, i) => ({ name, host: '127.0.0.1', port: 7000 + i }));

/** readOptions: the final-read options every case shares (3 nodes, 1 s op timeout, 30 s to converge, 1 ms between rounds), with the case's own. */
function readOptions(o: Pick<FinalReadsOptions, 'final' | 'adapter' | 'recorder'> & Partial<FinalReadsOptions>): FinalReadsOptions {
  return { nodes, clock: new RunClock(), opTimeoutMs: 1000, convergeTimeoutMs: 30_000, firstProcess: 10, signal: new AbortController().signal, roundGapMs: 1, ...o };
}

/**
 * laggingStore: n1 and n2 hold `final`; n3 answers `stale` to its first `lagReads` reads, then
 * `final`. Records every request it was sent.
 */
function laggingStore(lagReads: number, stale: unknown, final: unknown): RunnerAdapter & { requests: OpRequest[] } {
  let n3Reads = 0;
  const requests: OpRequest[] = [];
  return {
    name: 'lagging',
    requests,
    async open(node) {
      return {
        async invoke(op): Promise<Outcome> {
          requests.push(op);
          if (node.name !== 'n3') return { type: 'ok', value: final };
          n3Reads++;
          return { type: 'ok', value: n3Reads <= lagReads ? stale : final };
        },
        async close() {},
      };
    },
  };
}

describe('runFinalReads', () => {
  it('repeats rounds until every node agrees, then stops', async () => {
    const recorder = new MemoryRecorder();
    const adapter = laggingStore(3, 1, 2);
    const out = await runFinalReads(readOptions({ final: { keys: ['r'] }, adapter, recorder }));
    expect(out).toMatchObject({ converged: true, rounds: 4 });
    expect(adapter.requests.every((r) => r.local === true && r.f === 'read')).toBe(true);
    const done = recorder.events.filter((e) => e.type === 'ok');
    expect(done).toHaveLength(12);
    // One process per node, numbered from firstProcess, and the node that answered on every read.
    expect(new Set(done.map((e) => `${String(e.process)}@${e.node ?? '?'}`))).toEqual(new Set(['10@n1', '11@n2', '12@n3']));
    expect(done.filter((e) => e.node === 'n3').map((e) => e.value)).toEqual([1, 1, 1, 2]);
  });

  it('stops once the convergence timeout has passed when the nodes never agree', async () => {
    const recorder = new MemoryRecorder();
    const out = await runFinalReads(readOptions({ final: { keys: ['a', 'b'] }, adapter: laggingStore(Infinity, 1, 2), recorder, convergeTimeoutMs: 300, firstProcess: 0, roundGapMs: 20 }));
    expect(out.converged).toBe(false);
    expect(out.rounds).toBeGreaterThan(1);
    expect(out.elapsedMs).toBeGreaterThanOrEqual(300);
    expect(recorder.events.filter((e) => e.type === 'ok')).toHaveLength(out.rounds * nodes.length * 2);
  });

  it('a 0 timeout reads every node once', async () => {
    const recorder = new MemoryRecorder();
    const out = await runFinalReads(readOptions({ final: { keys: ['r'] }, adapter: laggingStore(Infinity, 1, 2), recorder, convergeTimeoutMs: 0, firstProcess: 0 }));
    expect(out).toMatchObject({ converged: false, rounds: 1 });
  });

  it('an op with no answer is info and retires its process (new id = old + node count)', async () => {
    const recorder = new MemoryRecorder();
    let hung = false;
    const adapter: RunnerAdapter = {
      name: 'hangs-once',
      async open(node) {
        return {
          async invoke(_op, signal): Promise<Outcome> {
            if (node.name === 'n2' && !hung) {
              hung = true;
              await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
            }
            return { type: 'ok', value: 7 };
          },
          async close() {},
        };
      },
    };
    const out = await runFinalReads(readOptions({ final: { keys: ['r'] }, adapter, recorder, opTimeoutMs: 100, convergeTimeoutMs: 10_000 }));
    expect(out.converged).toBe(true);
    const n2 = recorder.events.filter((e) => e.node === 'n2');
    expect(n2.map((e) => [e.type, e.process])).toEqual([
      ['info', 11],
      ['ok', 14],
    ]);
  });
});

describe('runFinalReads of every touched key', () => {
  it('reads each of many keys on every node with several readers per node, and re-reads only keys not yet agreed', async () => {
    const recorder = new MemoryRecorder();
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    // n3 answers its first two reads of k7 with a stale value; every other read is the key's final value.
    let staleLeft = 2;
    const adapter: RunnerAdapter = {
      name: 'one-lagging-key',
      async open(node) {
        return {
          async invoke(op): Promise<Outcome> {
            await new Promise((r) => setImmediate(r));
            if (node.name === 'n3' && op.key === 'k7' && staleLeft > 0) {
              staleLeft--;
              return { type: 'ok', value: 0 };
            }
            return { type: 'ok', value: Number(op.key?.slice(1)) + 1 };
          },
          async close() {},
        };
      },
    };
    const out = await runFinalReads(readOptions({ final: { keys: 'touched' }, touchedKeys: keys, adapter, recorder }));
    expect(out).toMatchObject({ converged: true, rounds: 3 });
    const done = recorder.events.filter((e) => e.type === 'ok');
    // Round 1: 40 keys × 3 nodes; rounds 2 and 3: k7 only.
    expect(done).toHaveLength(40 * 3 + 2 * 3);
    for (const n of nodes) expect(new Set(done.filter((e) => e.node === n.name).map((e) => e.key))).toEqual(new Set(keys));
    expect(done.slice(120).every((e) => e.key === 'k7')).toBe(true);
    // ⌈40 / 16⌉ = 3 readers per node, each its own process, numbered from 10 (node i, reader j: 10 + i + 3j).
    const procs = new Map<string, Set<unknown>>();
    for (const e of done) procs.set(e.node as string, (procs.get(e.node as string) ?? new Set()).add(e.process));
    expect(procs.get('n1')).toEqual(new Set([10, 13, 16]));
    expect(procs.get('n3')).toEqual(new Set([12, 15, 18]));
  });
});

describe('final agreement', () => {
  it('sets compare as sets; registers structurally', () => {
    expect(canonicalValue([2, 1, 2], true)).toBe(canonicalValue([1, 2], true));
    expect(canonicalValue([2, 1], false)).not.toBe(canonicalValue([1, 2], false));
    expect(canonicalValue({ a: 1, b: 2 }, false)).toBe(canonicalValue({ b: 2, a: 1 }, false));
  });

  it('every node must have answered every key, with one value per key', () => {
    const latest = new Map([
      ['n1', new Map([['a', '1'], ['b', '2']])],
      ['n2', new Map([['a', '1'], ['b', '2']])],
    ]);
    expect(nodesAgree(latest, ['n1', 'n2'], ['a', 'b'])).toBe(true);
    expect(nodesAgree(latest, ['n1', 'n2', 'n3'], ['a', 'b'])).toBe(false);
    latest.get('n2')?.set('b', '3');
    expect(nodesAgree(latest, ['n1', 'n2'], ['a', 'b'])).toBe(false);
  });
});
