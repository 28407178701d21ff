// The example in docs/library.md, verbatim (a test checks that the document shows this file).
// It tests a toy replicated register: the test records a history from its own client code, then
// asserts linearizability with faultline's checker.
import { describe, expect, it } from 'vitest';
import { checkEvents, type HistoryEvent } from 'faultline';

/** A toy store: writes go to a primary; reads go to a replica that applies writes `lagMs` later. */
class ToyStore {
  private primary: number | null = null;
  private replica: number | null = null;
  constructor(private readonly lagMs: number) {}
  async write(v: number): Promise<void> {
    await sleep(Math.random() * 2);
    this.primary = v;
    if (this.lagMs === 0) this.replica = v;
    else setTimeout(() => (this.replica = v), this.lagMs);
  }
  async read(): Promise<number | null> {
    await sleep(Math.random() * 2);
    return this.lagMs === 0 ? this.primary : this.replica;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `clients` concurrent clients doing reads and writes of unique values; returns the history. */
async function record(store: ToyStore, clients: number, opsEach: number): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  const t0 = process.hrtime.bigint();
  const log = (e: Omit<HistoryEvent, 'index' | 'time'>) =>
    events.push({ ...e, index: events.length, time: Number(process.hrtime.bigint() - t0) });
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, process) => {
      for (let i = 0; i < opsEach; i++) {
        if (Math.random() < 0.5) {
          const v = ++next;
          log({ type: 'invoke', process, f: 'write', value: v });
          await store.write(v);
          log({ type: 'ok', process, f: 'write', value: v });
        } else {
          log({ type: 'invoke', process, f: 'read', value: null });
          const v = await store.read();
          log({ type: 'ok', process, f: 'read', value: v });
        }
      }
    }),
  );
  return events;
}

describe('a toy replicated register', () => {
  it('is linearizable when reads see the primary', async () => {
    const check = await checkEvents(await record(new ToyStore(0), 4, 100), { model: 'register' });
    expect(check.result.valid).toBe(true);
  });

  it('is not linearizable when reads lag behind writes', async () => {
    const check = await checkEvents(await record(new ToyStore(5), 4, 100), { model: 'register' });
    expect(check.result.valid).toBe(false);
    const part = check.result.parts.find((p) => p.valid === false);
    console.log(part?.counterexample?.stuck.map((s) => `${s.op.text}: ${s.reason}`)); // why it is stuck
  });
});
