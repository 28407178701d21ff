/**
 * The built-in store (src/store): one OS process per node, started as `node dist/src/store/main.js`.
 *
 * How the files relate: `main.ts` parses flags (`parse-store-args.ts`), opens the peer channel
 * (`peer-transport.ts`) and the client HTTP API (`http-api.ts`), and runs one engine per mode:
 * `raft-node.ts` (modes raft and lease), `primary-node.ts`, `lww-node.ts` and `quorum-node.ts`
 * (Dynamo-style N/R/W, pure rules in `quorum-rules.ts`). Each engine keeps its
 * pure logic in small files with unit tests: the state machine (`apply-command.ts`), Raft's rules
 * (`raft-rules.ts`, `raft-log.ts`), LWW merging (`lww-merge.ts`). Every clock read that matters for
 * correctness goes through one `StoreClock` (`store-clock.ts`) so the clock nemesis can skew it.
 *
 * This file: the operations a client can ask of the store and the replies an engine gives.
 */

/** KvCommand is one client operation on one key; `get` reads, every other op writes. */
export type KvCommand =
  | { op: 'get'; key: string }
  | { op: 'put'; key: string; value: unknown }
  | { op: 'cas'; key: string; from: unknown; to: unknown }
  | { op: 'append'; key: string; value: string }
  | { op: 'add'; key: string; value: unknown }
  | { op: 'incr'; key: string; value: number };

/**
 * KvResult is what applying a command gives: ok with the value read or the value the key holds after
 * the write; or a refusal that left the key unchanged (`compare-failed` for a cas whose `from` did not
 * match, `wrong-type` for e.g. an append to a number), carrying the key's current value.
 */
export type KvResult =
  | { ok: true; value: unknown }
  | { ok: false; error: 'compare-failed' | 'wrong-type'; value: unknown };

/**
 * EngineReply is an engine's answer to one command. The HTTP layer maps it to the error contract:
 * `done` → 200/409/400; `not-leader` and `unavailable` → 503 and mean the command certainly did not
 * and will not take effect; `timeout` → 504 and means it may or may not take effect.
 */
export type EngineReply =
  | { kind: 'done'; result: KvResult }
  | { kind: 'not-leader'; leader: string | null }
  | { kind: 'unavailable' }
  | { kind: 'timeout' };

/** EngineStatus is what `GET /status` shows (the clock fields are added by the HTTP layer). */
export interface EngineStatus {
  role: string;
  term: number;
  leader: string | null;
  commitIndex: number;
}

/** PeerMessage is one line of the peer protocol: every message names its sender, receiver and type. */
export interface PeerMessage {
  from: string;
  to: string;
  type: string;
  [field: string]: unknown;
}

/**
 * StoreEngine is one replication mode. `submit` never rejects: every outcome is an EngineReply;
 * `timeoutMs` bounds how long it waits. `readLocal` returns the key's value in this node's own
 * state (null when absent) at once, whatever its role: no leader, lease or quorum is involved, so it
 * may be stale (quorum mode: a node holding no replica of the key reads the key's replicas instead). `receive` handles one peer message and must tolerate duplicates, reordering, loss and
 * garbage fields. `start` arms timers; `stop` clears them.
 */
export interface StoreEngine {
  submit(command: KvCommand, timeoutMs: number): Promise<EngineReply>;
  readLocal(key: string): unknown | Promise<unknown>;
  receive(message: PeerMessage): void;
  status(): EngineStatus;
  start(): void;
  stop(): void;
}

/** isWrite tells whether a command changes state (everything but `get`). */
export function isWrite(command: KvCommand): boolean {
  return command.op !== 'get';
}
