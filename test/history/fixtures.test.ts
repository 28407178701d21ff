import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAnyHistory } from '../../src/history/read-any-history.js';
import { pairOperations } from '../../src/history/pair.js';
import type { HistoryFormat } from '../../src/history/detect-format.js';

const ROOT = 'fixtures/histories';

/** rows of a *-EXPECTED.tsv: [file, model, ops, expected]. */
function expectedRows(tsv: string): [string, string, number][] {
  return readFileSync(join(ROOT, tsv), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [file, model, ops] = line.split('\t');
      return [file!, model!, Number(ops)];
    });
}

const FORMAT_BY_FOLDER: Record<string, HistoryFormat> = {
  knossos: 'edn',
  'porcupine-etcd': 'jepsen-log',
  'porcupine-kv': 'porcupine-kv',
};

// The `ops` column counts client invoke events (nemesis events excluded): checked on every file.
describe.each([['knossos-EXPECTED.tsv'], ['porcupine-EXPECTED.tsv']])('%s', (tsv) => {
  it.each(expectedRows(tsv))('%s (%s) has %i client invokes', async (file, _model, ops) => {
    const h = await readAnyHistory(join(ROOT, file));
    expect(h.format).toBe(FORMAT_BY_FOLDER[file.split('/')[0]!]);
    const invokes = h.events.filter((e) => e.type === 'invoke' && e.process !== 'nemesis');
    expect(invokes).toHaveLength(ops);
    // Every file pairs cleanly and indexes are positions.
    expect(h.events.every((e, i) => e.index === i)).toBe(true);
    pairOperations(h.events, h.conventions);
  });
});

describe('importer details on real files', () => {
  it('etcd log: timed-out completions keep the invoke value and record the reason', async () => {
    const h = await readAnyHistory(join(ROOT, 'porcupine-etcd/etcd_000.log'));
    expect(h.conventions).toEqual({ failedCas: 'compare-failed', failedRead: 'unknown', nilRead: 'strict' });
    const timedOut = h.events.filter((e) => e.error === 'timed-out');
    expect(timedOut.length).toBeGreaterThan(0);
    for (const e of timedOut) {
      expect(e.type).toBe('info');
      if (e.f === 'cas') expect(e.value).toEqual([expect.any(Number), expect.any(Number)]);
    }
    const ops = pairOperations(h.events, h.conventions);
    const failedCompares = ops.filter((o) => o.f === 'cas' && o.status === 'ok' && o.output === false);
    expect(failedCompares.length).toBe(h.events.filter((e) => e.type === 'fail' && e.f === 'cas').length);
    expect(failedCompares.length).toBeGreaterThan(0);
    expect(h.events.slice(0, 3)).toEqual([
      { index: 0, type: 'invoke', process: 0, f: 'read', value: null, time: 0 },
      { index: 1, type: 'invoke', process: 3, f: 'read', value: null, time: 1000 },
      { index: 2, type: 'invoke', process: 2, f: 'write', value: 4, time: 2000 },
    ]);
  });

  it('knossos: nemesis ops, comments, keyword values, synthetic times when source times decrease', async () => {
    const h = await readAnyHistory(join(ROOT, 'knossos/multi-register/good/multi-register.edn'));
    expect(h.conventions.nilRead).toBe('unconstrained');
    expect(h.events.some((e) => e.process === 'nemesis')).toBe(true);
    expect(h.events[0]).toEqual({ index: 0, type: 'invoke', process: 3, f: 'txn', value: [['read', 'x', null]], time: 0 });
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatch(/:time values decrease in file order/);
  });

  it('porcupine kv: keys and string values', async () => {
    const h = await readAnyHistory(join(ROOT, 'porcupine-kv/c01-ok.txt'));
    expect(h.events[0]).toEqual({ index: 0, type: 'invoke', process: 0, f: 'append', key: '0', value: 'x 0 0 y', time: 0 });
    expect(h.warnings).toEqual([]);
  });

  it('an empty etcd log is an empty history', async () => {
    const h = await readAnyHistory(join(ROOT, 'porcupine-etcd/etcd_095.log'));
    expect(h).toMatchObject({ events: [], format: 'jepsen-log', warnings: [] });
  });
});
