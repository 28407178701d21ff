import type { KvCommand } from './kv-command.js';

/** LogEntry is one Raft log entry: the term it was created in and its command (null = no-op). */
export interface LogEntry {
  term: number;
  command: KvCommand | null;
}

/**
 * AppendOutcome is the result of offering an AppendEntries payload to a log. On success,
 * `lastNewIndex` is the index of the last entry the message covered (prevIndex + entries.length),
 * `truncatedFrom` the first index that was removed because it conflicted (if any) and `written` the
 * entries that were actually added (from `writtenFrom`), so the caller persists exactly those. On
 * failure, `hint` is where the leader should retry from: the follower's lastIndex + 1 when prevIndex
 * is past the end, else the first index of the conflicting term (fast backtracking).
 */
export type AppendOutcome =
  | { ok: true; lastNewIndex: number; truncatedFrom: number | null; writtenFrom: number; written: LogEntry[] }
  | { ok: false; hint: number };

/**
 * RaftLog is a Raft log in memory, indexed from 1 (index 0 is a sentinel with term 0). Methods are
 * deterministic and do no I/O; persistence is the caller's job.
 */
export class RaftLog {
  private readonly entries: LogEntry[] = [];

  /** lastIndex is the index of the last entry (0 when empty). */
  get lastIndex(): number {
    return this.entries.length;
  }

  /** lastTerm is the term of the last entry (0 when empty). */
  get lastTerm(): number {
    return this.entries.length === 0 ? 0 : this.entries[this.entries.length - 1]!.term;
  }

  /** termAt is the term of the entry at `index`: 0 for index 0, undefined past the end or below 0. */
  termAt(index: number): number | undefined {
    if (index === 0) return 0;
    return this.entries[index - 1]?.term;
  }

  /** entryAt is the entry at `index` (1-based), or undefined. */
  entryAt(index: number): LogEntry | undefined {
    return index >= 1 ? this.entries[index - 1] : undefined;
  }

  /** slice returns at most `max` entries starting at `from` (1-based, inclusive). */
  slice(from: number, max: number): LogEntry[] {
    return this.entries.slice(from - 1, from - 1 + max);
  }

  /** append adds entries at the end and returns the index of the last one. */
  append(...entries: LogEntry[]): number {
    for (const e of entries) this.entries.push(e);
    return this.entries.length;
  }

  /** truncateFrom removes the entry at `index` and everything after it (no-op past the end). */
  truncateFrom(index: number): void {
    if (index >= 1 && index <= this.entries.length) this.entries.length = index - 1;
  }

  /**
   * offer applies Raft's AppendEntries receiver rules 2–4: reject unless the log has an entry at
   * `prevIndex` with `prevTerm`; otherwise, for each offered entry, skip it if the log already holds
   * the same term at that index, truncate from the first conflicting index, and append the rest.
   * Entries already present are never removed by a stale or duplicated message (only a conflict
   * truncates), so duplicates and reordering are harmless.
   */
  offer(prevIndex: number, prevTerm: number, entries: readonly LogEntry[]): AppendOutcome {
    const here = this.termAt(prevIndex);
    if (here === undefined) return { ok: false, hint: this.lastIndex + 1 };
    if (here !== prevTerm) return { ok: false, hint: this.firstIndexOfTerm(prevIndex) };
    let truncatedFrom: number | null = null;
    let i = 0;
    for (; i < entries.length; i++) {
      const index = prevIndex + 1 + i;
      const existing = this.termAt(index);
      if (existing === undefined) break;
      if (existing !== entries[i]!.term) {
        this.truncateFrom(index);
        truncatedFrom = index;
        break;
      }
    }
    const writtenFrom = prevIndex + 1 + i;
    const written = entries.slice(i);
    this.append(...written);
    return { ok: true, lastNewIndex: prevIndex + entries.length, truncatedFrom, writtenFrom, written };
  }

  /** firstIndexOfTerm is the first index of the run of entries sharing the term at `index` (≥ 1). */
  private firstIndexOfTerm(index: number): number {
    const term = this.termAt(index);
    let i = index;
    while (i > 1 && this.termAt(i - 1) === term) i--;
    return i;
  }
}
