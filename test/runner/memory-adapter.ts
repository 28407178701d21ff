// In-process adapters for runner tests: a correct in-memory store (linearizable: every op is atomic)
// and deliberately broken variants.
import type { RunnerAdapter } from '../../src/adapters/adapter-extras.js';
import type { Outcome, OpRequest } from '../../src/core/client.js';

export type Flaw = 'none' | 'stale-reads' | 'lose-adds' | 'overcount' | 'hang-some';

export function memoryAdapter(flaw: Flaw = 'none', latencyMs = 0): RunnerAdapter & { opened: number } {
  const data = new Map<string, unknown>();
  const previous = new Map<string, unknown>();
  let adds = 0;
  let ops = 0;
  const adapter = {
    name: `memory-${flaw}`,
    opened: 0,
    async open(node: { name: string }) {
      adapter.opened++;
      return {
        async invoke(op: OpRequest, signal: AbortSignal): Promise<Outcome> {
          if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
          ops++;
          if (flaw === 'hang-some' && ops % 25 === 0) {
            await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
            return { type: 'info', error: 'timeout' };
          }
          const key = op.key ?? '';
          const cur = data.has(key) ? data.get(key) : null;
          const set = (v: unknown): void => {
            previous.set(key, cur);
            data.set(key, v);
          };
          switch (op.f) {
            case 'read':
              if (flaw === 'stale-reads' && previous.has(key) && ops % 3 === 0) return { type: 'ok', value: previous.get(key), node: node.name };
              if (flaw === 'overcount' && typeof cur === 'number') return { type: 'ok', value: cur + 100 };
              return { type: 'ok', value: cur, node: node.name };
            case 'write':
              set(op.value);
              return { type: 'ok', node: node.name };
            case 'cas': {
              const [from, to] = op.value as [unknown, unknown];
              if (cur !== from) return { type: 'fail', error: 'compare-failed' };
              set(to);
              return { type: 'ok' };
            }
            case 'add':
              adds++;
              if (!(flaw === 'lose-adds' && adds % 7 === 0)) set([...((cur as unknown[] | null) ?? []), op.value]);
              return { type: 'ok' };
            case 'incr':
              set(((cur as number | null) ?? 0) + (op.value as number));
              return { type: 'ok' };
            default:
              return { type: 'fail', error: 'unsupported' };
          }
        },
        async close() {},
      };
    },
  };
  return adapter;
}
