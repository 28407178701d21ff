// A TypeScript program that uses faultline as an installed package (copied into a fresh project by
// test/api/pack.test.ts, type-checked with the package's own declarations, compiled and run).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  INCONSISTENT,
  checkEvents,
  checkOperations,
  defineModel,
  test,
  type HistoryEvent,
  type LinearizabilityResult,
  type Operation,
} from 'faultline';

// A user model: a counter that only grows by `add`, read by `read`.
const counter = defineModel<number>({
  name: 'grow-counter',
  init: () => 0,
  step: (s: number, op: Operation) => {
    if (op.f === 'add') return s + (op.input as number);
    if (op.f === 'read') return op.status !== 'ok' || op.output === s ? s : INCONSISTENT;
    return INCONSISTENT;
  },
  equal: (a, b) => a === b,
  hash: (s) => s,
  describeOp: (op) => `${op.f}(${String(op.input ?? '')})`,
  describeState: (s) => String(s),
});

const ev = (index: number, type: HistoryEvent['type'], process: number, f: string, value: unknown, time: number): HistoryEvent =>
  ({ index, type, process, f, value, time });

const events: HistoryEvent[] = [
  ev(0, 'invoke', 0, 'add', 2, 0),
  ev(1, 'ok', 0, 'add', 2, 10),
  ev(2, 'invoke', 1, 'read', null, 20),
  ev(3, 'ok', 1, 'read', 2, 30),
  ev(4, 'invoke', 1, 'read', null, 40),
  ev(5, 'ok', 1, 'read', 1, 50),
];
const good = await checkEvents(events.slice(0, 4), { model: counter });
const bad = await checkEvents(events, { model: counter });
const lin: LinearizabilityResult = await checkOperations([], { model: 'register' });
const run = await test(
  { db: 'builtin', mode: 'raft', nemesis: 'none', timeLimit: '2s', seed: 7, report: false, store: mkdtempSync(join(tmpdir(), 'consumer-')) },
  { configFile: false },
);
console.log(JSON.stringify({ good: good.result.valid, bad: bad.result.valid, empty: lin.valid, run: { valid: run.valid, ok: run.counts.ok, seed: run.seed } }));
