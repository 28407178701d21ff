/**
 * runFinalReads: the final phase. After the heal and the quiet period, every key of the workload is
 * read on every node with a local read (`local: true`: the node answers from its own state, no
 * leader hint followed), all nodes at once. A workload whose final keys are 'touched' has every key
 * its clients named read (`touchedKeys`), which may be thousands: each node then gets up to
 * MAX_READERS_PER_NODE readers (one per FINAL_KEYS_PER_READER keys; one reader up to that many keys),
 * each its own client and logical process, sharing that node's keys. Rounds repeat, `roundGapMs`
 * apart, re-reading only the keys whose nodes do not yet all agree (a key every node read the same
 * for stays read), until every key agrees (nodesAgree) or `convergeTimeoutMs` has passed since the
 * phase began (a round already started finishes). So a round costs about keys/(readers per node)
 * reads per node, and agreed keys are never read again.
 *
 * Every read is recorded like any client op (invoke, then ok/fail/info) with `node` = the node that
 * answered (the adapter's `node` when it names one, else the node the read was sent to) and
 * `local: true` (so the linearizable checker skips it: a node's own state may be stale). An op with no
 * answer within `opTimeoutMs` is info and its process is retired (new id = old + number of readers).
 * The checkers judge each node's last final read of each key (checkers/eventual/convergence.ts).
 */
import type { NodeInfo } from '../core/cluster.js';
import type { Client, Outcome } from '../core/client.js';
import type { RunnerAdapter } from '../adapters/adapter-extras.js';
import type { FinalReads } from '../../workloads/workload.js';
import { canonicalValue, nodesAgree } from './final-agreement.js';
import type { Recorder } from './recorder.js';
import { type RunClock, sleepMs } from './run-clock.js';

/** FinalReadsOptions: what the final phase reads, where, and its time bounds (ms). */
export interface FinalReadsOptions {
  nodes: readonly NodeInfo[];
  final: FinalReads;
  adapter: RunnerAdapter;
  recorder: Recorder;
  clock: RunClock;
  opTimeoutMs: number;
  convergeTimeoutMs: number;
  /** With `final.keys` 'touched': every key the run's client ops named, in first-use order. */
  touchedKeys?: readonly string[];
  /** The first logical process id to use (above every id the workload used). */
  firstProcess: number;
  signal: AbortSignal;
  /** Pause between rounds (default 200 ms): the resolution of "converged after X s". */
  roundGapMs?: number;
}

/** FinalReadsOutcome: whether the nodes agreed, after how many rounds, and how long the phase took (ms). */
export interface FinalReadsOutcome {
  converged: boolean;
  rounds: number;
  elapsedMs: number;
}

/** FINAL_KEYS_PER_READER: a node gets one more reader for every this many keys (up to MAX_READERS_PER_NODE). */
export const FINAL_KEYS_PER_READER = 16;
/** MAX_READERS_PER_NODE bounds the final reads in flight on one node. */
export const MAX_READERS_PER_NODE = 8;

interface Reader {
  node: NodeInfo;
  process: number;
  client: Client | undefined;
}

/** runFinalReads runs the final phase (see the file header); never throws for a store's failures. */
export async function runFinalReads(o: FinalReadsOptions): Promise<FinalReadsOutcome> {
  const startNs = o.clock.nowNs();
  const deadlineNs = startNs + o.convergeTimeoutMs * 1e6;
  const keys = o.final.keys === 'touched' ? [...(o.touchedKeys ?? [])] : [...o.final.keys];
  const perNode = Math.max(1, Math.min(MAX_READERS_PER_NODE, Math.ceil(keys.length / FINAL_KEYS_PER_READER)));
  const readers: Reader[] = o.nodes.flatMap((node, i) =>
    Array.from({ length: perNode }, (_, j) => ({ node, process: o.firstProcess + i + j * o.nodes.length, client: undefined })),
  );
  const latest = new Map<string, Map<string, string>>(o.nodes.map((n) => [n.name, new Map()]));
  const names = o.nodes.map((n) => n.name);
  let rounds = 0;
  let converged = false;
  let unsettled = keys;
  try {
    while (!o.signal.aborted) {
      rounds++;
      const round = unsettled;
      await Promise.all(
        o.nodes.map(async (node) => {
          let next = 0;
          await Promise.all(
            readers
              .filter((r) => r.node === node)
              .map(async (r) => {
                for (let key = round[next++]; key !== undefined && !o.signal.aborted; key = round[next++]) {
                  const outcome = await readOnce(o, r, key, readers.length);
                  if (outcome.type === 'ok') latest.get(r.node.name)?.set(key, canonicalValue(outcome.value ?? null, o.final.valueIsSet === true));
                }
              }),
          );
        }),
      );
      unsettled = round.filter((key) => !nodesAgree(latest, names, [key]));
      converged = unsettled.length === 0;
      if (converged || o.clock.nowNs() >= deadlineNs) break;
      await sleepMs(Math.min(o.roundGapMs ?? 200, (deadlineNs - o.clock.nowNs()) / 1e6), o.signal);
    }
  } finally {
    await Promise.allSettled(readers.map((r) => r.client?.close()));
  }
  return { converged, rounds, elapsedMs: (o.clock.nowNs() - startNs) / 1e6 };
}

/** readOnce records one local read of `key` by reader `r` and returns its outcome. */
async function readOnce(o: FinalReadsOptions, r: Reader, key: string, readerCount: number): Promise<Outcome> {
  o.recorder.record({ type: 'invoke', process: r.process, f: 'read', key, value: null, time: o.clock.nowNs(), local: true });
  const outcome = await invoke(o, r, key);
  const done: Parameters<Recorder['record']>[0] = {
    type: outcome.type,
    process: r.process,
    f: 'read',
    key,
    value: outcome.type === 'ok' ? (outcome.value ?? null) : null,
    time: o.clock.nowNs(),
    node: outcome.node ?? r.node.name,
    local: true,
  };
  if (outcome.type !== 'ok' && outcome.error !== undefined) done.error = typeof outcome.error === 'object' && outcome.error !== null ? outcome.error : String(outcome.error);
  o.recorder.record(done);
  if (outcome.type === 'info') {
    // Jepsen's rule: an indeterminate op retires its process; the node gets a fresh one and client.
    r.process += readerCount;
    const old = r.client;
    r.client = undefined;
    void old?.close().catch(() => undefined);
  }
  return outcome;
}

async function invoke(o: FinalReadsOptions, r: Reader, key: string): Promise<Outcome> {
  if (r.client === undefined) {
    try {
      r.client = await o.adapter.open(r.node, { nodes: o.nodes, timeoutMs: o.opTimeoutMs });
    } catch (err) {
      return { type: 'fail', error: `could not open a client on ${r.node.name}: ${(err as Error).message}` };
    }
  }
  const ac = new AbortController();
  const onRunAbort = (): void => ac.abort();
  o.signal.addEventListener('abort', onRunAbort, { once: true });
  if (o.signal.aborted) ac.abort();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Outcome>((resolve) => {
    const onAbort = (): void => resolve({ type: 'info', error: 'timeout' });
    timer = setTimeout(() => {
      ac.abort();
      onAbort();
    }, o.opTimeoutMs);
    ac.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([r.client.invoke({ f: 'read', key, value: null, local: true }, ac.signal), expired]);
  } catch (err) {
    // An adapter that throws does not know the outcome: info, never fail.
    return { type: 'info', error: (err as Error).message ?? String(err) };
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener('abort', onRunAbort);
  }
}
