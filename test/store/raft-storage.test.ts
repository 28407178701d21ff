import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RaftStorage } from '../../src/store/raft-storage.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'raft-storage-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const put = (value: number) => ({ op: 'put' as const, key: 'k', value });

describe('RaftStorage', () => {
  it('starts empty and replays hard state and entries after a restart', () => {
    const dir = tempDir();
    const first = RaftStorage.open(dir);
    expect(first.state).toEqual({ term: 0, votedFor: null, entries: [] });
    first.storage.saveHardState(2, 'n3');
    first.storage.saveEntries(1, [{ term: 1, command: null }, { term: 2, command: put(1) }]);
    first.storage.saveHardState(3, null);
    first.storage.close();
    expect(RaftStorage.open(dir).state).toEqual({
      term: 3, votedFor: null, entries: [{ term: 1, command: null }, { term: 2, command: put(1) }],
    });
  });

  it('rewriting an index truncates what followed it', () => {
    const dir = tempDir();
    const { storage } = RaftStorage.open(dir);
    storage.saveEntries(1, [{ term: 1, command: put(1) }, { term: 1, command: put(2) }, { term: 1, command: put(3) }]);
    storage.saveEntries(2, [{ term: 2, command: put(9) }]);
    storage.close();
    expect(RaftStorage.open(dir).state.entries).toEqual([{ term: 1, command: put(1) }, { term: 2, command: put(9) }]);
  });

  it('ignores a torn last line but rejects garbage in the middle, naming file and line', () => {
    const dir = tempDir();
    const file = path.join(dir, 'raft.jsonl');
    fs.writeFileSync(file, '{"h":[1,"n1"]}\n{"i":1,"t":1,"c":null}\n{"i":2,"t"');
    expect(RaftStorage.open(dir).state).toMatchObject({ term: 1, votedFor: 'n1', entries: [{ term: 1, command: null }] });
    fs.writeFileSync(file, '{"h":[1,"n1"]}\nnot json\n{"i":1,"t":1,"c":null}\n');
    expect(() => RaftStorage.open(dir)).toThrow(/raft\.jsonl:2: not valid JSON/);
    fs.writeFileSync(file, '{"i":3,"t":1,"c":null}\n');
    expect(() => RaftStorage.open(dir)).toThrow(/raft\.jsonl:1: entry index 3 leaves a gap/);
  });

  it('without a data dir keeps nothing', () => {
    const { storage, state } = RaftStorage.open(null);
    storage.saveHardState(5, 'n2');
    expect(state).toEqual({ term: 0, votedFor: null, entries: [] });
  });
});
