// Local reads (`local: true`, one node's own state: faultline's final reads) survive the history
// format and are skipped by the linearizable checker, while the eventual checker still judges them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../checkers/linearizable/check-linearizability.js';
import { getModel } from '../../checkers/linearizable/models/index.js';
import { checkEventual } from '../../checkers/eventual/index.js';
import type { HistoryEvent } from '../../src/core/event.js';
import { formatEvent } from '../../src/history/format-event.js';
import { pairOperations } from '../../src/history/pair.js';
import { readHistoryFile } from '../../src/history/read-history-file.js';

/** A write of 2 acknowledged, then a read of the older 1 on a lagging node: stale. */
function history(local: boolean): HistoryEvent[] {
  const mark = local ? { local: true } : {};
  const rows: Omit<HistoryEvent, 'index'>[] = [
    { type: 'invoke', process: 0, f: 'write', key: 'r', value: 1, time: 0 },
    { type: 'ok', process: 0, f: 'write', key: 'r', value: 1, time: 10, node: 'n1' },
    { type: 'invoke', process: 0, f: 'write', key: 'r', value: 2, time: 20 },
    { type: 'ok', process: 0, f: 'write', key: 'r', value: 2, time: 30, node: 'n1' },
    // An ordinary read that saw 2: the evidence that makes "valid" mean something once the local reads are skipped.
    { type: 'invoke', process: 1, f: 'read', key: 'r', value: null, time: 32 },
    { type: 'ok', process: 1, f: 'read', key: 'r', value: 2, time: 35, node: 'n1' },
    { type: 'invoke', process: 'nemesis', f: 'heal', value: null, time: 40 },
    { type: 'info', process: 'nemesis', f: 'heal', value: 'healed', time: 41 },
    { type: 'invoke', process: 5, f: 'read', key: 'r', value: null, time: 50, ...mark },
    { type: 'ok', process: 5, f: 'read', key: 'r', value: 2, time: 60, node: 'n1', ...mark },
    { type: 'invoke', process: 6, f: 'read', key: 'r', value: null, time: 70, ...mark },
    { type: 'ok', process: 6, f: 'read', key: 'r', value: 1, time: 80, node: 'n2', ...mark },
  ];
  return rows.map((e, index) => ({ index, ...e }) as HistoryEvent);
}

describe('local reads', () => {
  it('the same stale read is a linearizability violation when ordinary, and skipped when local', async () => {
    const model = getModel('cas-register');
    expect((await checkLinearizability(pairOperations(history(false)), model, { workers: 1 })).valid).toBe(false);
    expect((await checkLinearizability(pairOperations(history(true)), model, { workers: 1 })).valid).toBe(true);
  });

  it('the eventual checker still sees the local reads: the nodes disagree', () => {
    const r = checkEventual(history(true));
    expect(r.converged).toBe(false);
    expect(r.keys[0]?.finals.map((f) => [f.node, f.value])).toEqual([['n1', 2], ['n2', 1]]);
  });

  it('`local` survives writing and reading history.jsonl', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-local-'));
    const file = join(dir, 'history.jsonl');
    writeFileSync(file, history(true).map(formatEvent).join('\n') + '\n');
    const read = await readHistoryFile(file);
    expect(read.events.filter((e) => e.local === true)).toHaveLength(4);
    expect(read.events[7]).toEqual(history(true)[7]);
  });
});
