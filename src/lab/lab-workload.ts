/**
 * LabWorkload: the lab's background clients — one per node, each a loop of random reads, writes
 * (of unique values) and cas ops on a few keys at a gentle rate, so a person can watch them on the
 * timeline. Each client is opened on its own node and follows leader hints as `faultline test`'s
 * clients do; the node that answered is in each completion. `stop` waits for every loop to end.
 */
import type { Adapter, Client } from '../core/client.js';
import type { NodeInfo } from '../core/cluster.js';
import { mulberry32 } from '../core/mulberry32.js';
import type { LabHistory } from './lab-history.js';
import { runRecordedOp } from './lab-op.js';

/** WorkloadOptions: ops per second per client, the op timeout (ms), the keys, the seed. */
export interface WorkloadOptions {
  ratePerClient: number;
  timeoutMs: number;
  keys: readonly string[];
  seed: number;
}

/** WORKLOAD_DEFAULTS: 4 ops/s per client over keys x, y, z. */
export const WORKLOAD_DEFAULTS: Omit<WorkloadOptions, 'seed'> = { ratePerClient: 4, timeoutMs: 1000, keys: ['x', 'y', 'z'] };

/** LabWorkload runs until `stop()`; values written are unique across the session (from `nextValue`). */
export class LabWorkload {
  private readonly controller = new AbortController();
  private readonly loops: Promise<void>[];

  constructor(
    private readonly history: LabHistory,
    adapter: Adapter,
    nodes: readonly NodeInfo[],
    private readonly options: WorkloadOptions,
    private readonly nextValue: () => number,
  ) {
    this.loops = nodes.map((node, i) => this.loop(adapter, node, nodes, i));
  }

  /** stop ends every client loop after its op in flight and resolves when all ended. */
  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.loops);
  }

  private async loop(adapter: Adapter, node: NodeInfo, nodes: readonly NodeInfo[], i: number): Promise<void> {
    const rand = mulberry32(this.options.seed + i * 7919);
    const signal = this.controller.signal;
    let client: Client | undefined;
    const lastRead = new Map<string, unknown>();
    try {
      client = await adapter.open(node, { nodes, timeoutMs: this.options.timeoutMs });
      while (!signal.aborted) {
        const key = this.options.keys[Math.floor(rand() * this.options.keys.length)]!;
        const r = rand();
        const op =
          r < 0.5
            ? { f: 'read', key, value: null }
            : r < 0.85 || !lastRead.has(key)
              ? { f: 'write', key, value: this.nextValue() }
              : { f: 'cas', key, value: [lastRead.get(key), this.nextValue()] };
        const done = await runRecordedOp(this.history, client, `w${i + 1} → ${node.name}`, op, this.options.timeoutMs + 500);
        if (done.type === 'ok' && op.f === 'read') lastRead.set(key, done.value);
        await sleep(Math.round((1000 / this.options.ratePerClient) * (0.5 + rand())), signal);
      }
    } catch {
      // an adapter that cannot open ends this loop; the others go on
    } finally {
      await client?.close().catch(() => undefined);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
