// The summary `faultline test` prints, fed with real checker results: readable set/counter lines
// (no raw JSON, "… and N more"), counts and availability under the verdict, and a reason for every
// unknown checker, part and key.
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/core/event.js';
import { mergeVerdicts } from '../../src/core/verdict.js';
import { summaryLines, listText } from '../../src/cli/test-summary.js';
import type { RunResult } from '../../src/runner/index.js';
import { checkSet } from '../../checkers/set.js';
import { checkCounter } from '../../checkers/counter.js';
import { checkLinearizability } from '../../checkers/linearizable/check-linearizability.js';
import { getModel } from '../../checkers/linearizable/models/index.js';
import { pairOperations } from '../../src/history/pair.js';
import { failReason } from '../../src/history/outcome-counts.js';

function run(checkers: RunResult['checkers'], counts = { ok: 10, fail: 5, info: 5 }): RunResult {
  return {
    dir: '/runs/x',
    valid: mergeVerdicts(checkers.map((c) => c.valid)),
    checkers,
    counts,
    nemesisLatenessMs: { count: 2, p50: 1, p99: 2, max: 2 },
    teardownErrors: [],
  };
}

/** A set history: 300 acknowledged adds, the final read after the heal holds only every third one. */
function lossySet(): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const push = (e: Omit<HistoryEvent, 'index'>): void => void events.push({ index: events.length, ...e });
  for (let i = 0; i < 300; i++) {
    push({ type: 'invoke', process: 0, f: 'add', key: 's', value: i, time: 10 * i });
    push({ type: 'ok', process: 0, f: 'add', key: 's', value: i, time: 10 * i + 5 });
  }
  push({ type: 'invoke', process: 'nemesis', f: 'heal', value: null, time: 5000 });
  push({ type: 'info', process: 'nemesis', f: 'heal', value: null, time: 5001 });
  const kept = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 3 === 0);
  push({ type: 'invoke', process: 1, f: 'read', key: 's', value: null, time: 6000 });
  push({ type: 'ok', process: 1, f: 'read', key: 's', value: kept, time: 6001 });
  return events;
}

describe('summaryLines', () => {
  it('lists lost set elements readably, with how many more there are', () => {
    const set = checkSet(lossySet());
    expect(set.keys[0]!.lostCount).toBe(200);
    const text = summaryLines(run([{ ...set }]), 7).join('\n');
    expect(text).toContain('    key s: invalid — 200 lost');
    expect(text).toContain('      lost 200: 1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 20, 22, 23, 25, 26, 28, 29 … and 180 more');
    expect(text).toMatch(/attempted 300 · acknowledged 300 · final reads 1 · ok 100/);
    expect(text).not.toMatch(/\{"/); // no raw JSON
  });

  it('puts the counts and the availability right under the verdict', () => {
    const lines = summaryLines(run([{ checker: 'set', valid: true }], { ok: 300, fail: 50, info: 34 }), 42);
    expect(lines[0]).toBe('verdict: valid (seed 42)');
    expect(lines[1]).toMatch(/^ {2}ops: ok 300 · fail 50 · info 34; nemesis ops 2 /);
    expect(lines[2]).toBe('  availability: 78.1% (ok / (ok + fail + info))');
  });

  it('shows the fails by reason apart (most frequent first), right after the availability', () => {
    const result = { ...run([{ checker: 'set', valid: true }], { ok: 868, fail: 569, info: 14 }), failReasons: { 'not-leader': 258, 'compare-failed': 311 } };
    const lines = summaryLines(result, 42);
    expect(lines[3]).toBe('  fails by reason: compare-failed 311 · not-leader 258');
    expect(summaryLines(run([{ checker: 'set', valid: true }]), 42).join('\n')).not.toContain('fails by reason');
  });

  it('failReason names string errors, error objects, and the rest as unspecified', () => {
    expect([failReason('not-leader'), failReason({ code: 'refused' }), failReason({ error: 'x' }), failReason(undefined), failReason(3)]).toEqual([
      'not-leader', 'refused', 'x', 'unspecified', 'unspecified',
    ]);
  });

  it('counter keys: bounds errors and final values in words', () => {
    const events: HistoryEvent[] = [
      { index: 0, type: 'invoke', process: 0, f: 'incr', key: 'c', value: 1, time: 0 },
      { index: 1, type: 'ok', process: 0, f: 'incr', key: 'c', value: 1, time: 5 },
      { index: 2, type: 'invoke', process: 1, f: 'read', key: 'c', value: null, time: 10 },
      { index: 3, type: 'ok', process: 1, f: 'read', key: 'c', value: 7, time: 15 },
    ];
    const text = summaryLines(run([{ ...checkCounter(events) }]), 1).join('\n');
    expect(text).toContain('reads out of bounds 1: 7 not in [1, 1] (process 1)');
    expect(text).toContain('final values: process 1=7');
  });

  it('every unknown part says why, including parts without evidence', async () => {
    const events: HistoryEvent[] = [
      { index: 0, type: 'invoke', process: 0, f: 'write', key: 'a', value: 1, time: 0 },
      { index: 1, type: 'ok', process: 0, f: 'write', key: 'a', value: 1, time: 5 },
      { index: 2, type: 'invoke', process: 1, f: 'read', key: 'a', value: null, time: 10 },
      { index: 3, type: 'ok', process: 1, f: 'read', key: 'a', value: 1, time: 15 },
      { index: 4, type: 'invoke', process: 2, f: 'write', key: 'b', value: 1, time: 20 },
      { index: 5, type: 'ok', process: 2, f: 'write', key: 'b', value: 1, time: 25 },
    ];
    const lin = await checkLinearizability(pairOperations(events), getModel('cas-register'), { workers: 1 });
    const text = summaryLines(run([{ ...lin }]), 1).join('\n');
    expect(text).toContain('  linearizable: valid');
    expect(text).toContain('    key b: unknown — no evidence: no ok operation observed the state');
  });

  it('a checker that is unknown with no reason anywhere still gets a line saying so', () => {
    const text = summaryLines(run([{ checker: 'custom', valid: 'unknown' }]), 1).join('\n');
    expect(text).toContain('  custom: unknown');
    expect(text).toContain('    unknown: the custom checker gave no reason (see results.json)');
  });

  it('listText caps at 20 and counts the rest from the full total', () => {
    expect(listText([1, 2, 3])).toBe('1, 2, 3');
    expect(listText(Array.from({ length: 100 }, (_, i) => i), 206)).toMatch(/^0, 1, .*, 19 … and 186 more$/);
  });

  it('says how the final reads on every node converged, per checker', () => {
    const set = checkSet(lossySet());
    const text = summaryLines(run([{ ...set }]), 7).join('\n');
    expect(set.convergence.summary).toMatch(/^(converged after|not converged within|no final read)/);
    expect(text).toContain(`    final reads on every node: ${set.convergence.summary}`);
  });

  it('counts the faults that did not act, and says nothing when every fault acted', () => {
    const r = { ...run([{ checker: 'set', valid: true }]), nemesisSkips: { skipped: 3, partlySkipped: 1, notStarted: 2 } };
    const text = summaryLines(r, 1).join('\n');
    expect(text).toContain('  faults that did not act: 3 skipped (node restarting or paused, leader unknown, or too late), 1 acted on some of their nodes only, 2 not started (their turn came after the time limit) (the history records why)');
    const quiet = summaryLines({ ...r, nemesisSkips: { skipped: 0, partlySkipped: 0, notStarted: 0 } }, 1).join('\n');
    expect(quiet).not.toContain('did not act');
  });
});
