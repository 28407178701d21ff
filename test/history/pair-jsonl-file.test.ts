import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countOutcomes } from '../../src/history/outcome-counts.js';
import { eventLocator, pairOperations } from '../../src/history/pair.js';
import { pairJsonlFile } from '../../src/history/pair-jsonl-file.js';
import { readHistoryFile } from '../../src/history/read-history-file.js';
import { DEFAULT_CONVENTIONS } from '../../src/core/operation.js';
import { synthesizeHistory } from '../../src/synth/synth-history.js';
import { writeEventsJsonl } from '../../src/synth/write-jsonl.js';
import { checkHistoryFile } from '../../src/check/check-history-file.js';

const dir = mkdtempSync(join(tmpdir(), 'pair-jsonl-'));
const ev = (o: Record<string, unknown>): string => JSON.stringify(o);

describe('pairJsonlFile (streamed reading + pairing for faultline check)', () => {
  it('gives the same operations, counts and warnings as reading whole and pairing', async () => {
    const h = synthesizeHistory({ workload: 'cas-register', ops: 30_000, keys: 7, processes: 12, infoRate: 0.05, seed: 9 });
    const path = join(dir, 'h.jsonl');
    await writeEventsJsonl(path, h.events);
    const whole = await readHistoryFile(path);
    const want = pairOperations(whole.events, DEFAULT_CONVENTIONS, eventLocator(path, whole.lines));
    const got = await pairJsonlFile(path, DEFAULT_CONVENTIONS);
    expect(got.pairingError).toBeUndefined();
    expect(got.events).toBe(whole.events.length);
    expect(got.counts).toEqual(countOutcomes(whole.events));
    expect(got.ops).toEqual(want);
  });

  it('reports errors in the same order as before: a malformed line wins over an earlier pairing error', async () => {
    const path = join(dir, 'bad.jsonl');
    writeFileSync(
      path,
      [
        ev({ type: 'invoke', process: 1, f: 'read', value: null, time: 1 }),
        ev({ type: 'ok', process: 2, f: 'read', value: 3, time: 2 }),
        '{"type":"ok","process":1,',
        '',
      ].join('\n'),
    );
    await expect(checkHistoryFile(path)).rejects.toThrow(`${path}:3: invalid JSON`);
    const pairingOnly = join(dir, 'pairing.jsonl');
    writeFileSync(
      pairingOnly,
      [ev({ type: 'invoke', process: 1, f: 'read', value: null, time: 1 }), ev({ type: 'ok', process: 2, f: 'read', value: 3, time: 2 }), ''].join('\n'),
    );
    await expect(checkHistoryFile(pairingOnly)).rejects.toThrow(`${pairingOnly}:2: ok completion of process 2 has no pending invoke`);
    const empty = join(dir, 'nemesis-only.jsonl');
    writeFileSync(empty, ev({ type: 'info', process: 'nemesis', f: 'start', value: null, time: 1 }) + '\n');
    await expect(checkHistoryFile(empty)).rejects.toThrow('the history is empty (1 events but no client operation)');
  });

  it('faultline check on a streamed file finds exactly the planted keys, with part-local ids', async () => {
    const h = synthesizeHistory({ workload: 'cas-register', ops: 4000, keys: 5, processes: 8, plantStale: 2, seed: 4 });
    const path = join(dir, 'stale.jsonl');
    await writeEventsJsonl(path, h.events);
    const c = await checkHistoryFile(path, { workers: 1 });
    expect(c.result.parts.filter((p) => p.valid === false).map((p) => p.part).sort()).toEqual(h.plantedKeys);
    for (const p of c.result.parts.filter((x) => x.valid === false)) {
      const ids = p.counterexample!.stuck.map((s) => s.op.id);
      // Part-local ids, as before: every id is below the part's op count.
      for (const id of ids) expect(id).toBeLessThan(p.ops);
    }
  });
});
