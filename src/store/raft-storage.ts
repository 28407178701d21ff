import fs from 'node:fs';
import path from 'node:path';
import { FaultlineError } from '../core/errors.js';
import type { KvCommand } from './kv-command.js';
import type { LogEntry } from './raft-log.js';

/** RaftHardState is what Raft must remember across a crash besides the log. */
export interface RaftHardState {
  term: number;
  votedFor: string | null;
}

/** LoadedRaftState is the state found in a data dir (empty for a fresh node). */
export interface LoadedRaftState extends RaftHardState {
  entries: LogEntry[];
}

/**
 * RaftStorage persists a node's term, vote and log to `<dataDir>/raft.jsonl`, an append-only file of
 * JSON lines: `{"h":[term,votedFor]}` replaces the hard state, `{"i":index,"t":term,"c":command}`
 * writes the entry at `index` and drops every entry after it (so a conflict truncation is just a
 * rewrite). Writes are synchronous `write(2)` calls without fsync: they survive SIGKILL of the
 * process (the page cache keeps them), not a power cut. Callers batch many entries per call (group
 * commit). With no data dir every method is a no-op and nothing survives a restart.
 */
export class RaftStorage {
  private constructor(private readonly fd: number | null) {}

  /**
   * open creates the data dir if needed, replays the file and returns the storage with what it held.
   * A torn last line (a crash mid-write) is ignored; any other bad line is a FaultlineError naming
   * the file and line.
   */
  static open(dataDir: string | null): { storage: RaftStorage; state: LoadedRaftState } {
    const state: LoadedRaftState = { term: 0, votedFor: null, entries: [] };
    if (dataDir === null) return { storage: new RaftStorage(null), state };
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'raft.jsonl');
    if (fs.existsSync(file)) replay(file, fs.readFileSync(file, 'utf8'), state);
    return { storage: new RaftStorage(fs.openSync(file, 'a')), state };
  }

  /** saveHardState records the current term and vote. */
  saveHardState(term: number, votedFor: string | null): void {
    this.write(`${JSON.stringify({ h: [term, votedFor] })}\n`);
  }

  /** saveEntries records `entries` at indexes from, from+1, …, replacing whatever was there and after. */
  saveEntries(from: number, entries: readonly LogEntry[]): void {
    if (entries.length === 0) return;
    let text = '';
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k]!;
      text += `${JSON.stringify({ i: from + k, t: e.term, c: e.command })}\n`;
    }
    this.write(text);
  }

  /** close releases the file; idempotent. */
  close(): void {
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // already closed
      }
    }
  }

  private write(text: string): void {
    if (this.fd !== null) fs.writeSync(this.fd, text);
  }
}

/** replay applies the records of `text` (the contents of `file`) to `state`, in order. */
function replay(file: string, text: string, state: LoadedRaftState): void {
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line === '') continue;
    let rec: { h?: [number, string | null]; i?: number; t?: number; c?: KvCommand | null };
    try {
      rec = JSON.parse(line) as typeof rec;
    } catch (cause) {
      // The last line may be torn by a kill in the middle of a write.
      if (n >= lines.length - 2) break;
      throw new FaultlineError('input', `${file}:${n + 1}: not valid JSON`, { cause });
    }
    if (Array.isArray(rec.h)) {
      state.term = rec.h[0];
      state.votedFor = rec.h[1];
    } else if (typeof rec.i === 'number' && typeof rec.t === 'number') {
      if (rec.i < 1 || rec.i > state.entries.length + 1) {
        throw new FaultlineError('input', `${file}:${n + 1}: entry index ${rec.i} leaves a gap (log has ${state.entries.length})`);
      }
      state.entries.length = rec.i - 1;
      state.entries.push({ term: rec.t, command: rec.c ?? null });
    } else {
      throw new FaultlineError('input', `${file}:${n + 1}: neither a hard state nor an entry`);
    }
  }
}
