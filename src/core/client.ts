/**
 * Client contract: how the runner talks to a store. An adapter opens one client per logical process;
 * the runner builds every history event itself from the request and the outcome, so process, f and
 * key can never disagree between an invoke and its completion.
 *
 * An adapter must never turn an unknown outcome into `fail`: a timeout, a dropped connection after the
 * request was sent, or an ambiguous error is `info`. `fail` means the operation certainly did not
 * take effect.
 */
import type { NodeInfo } from './cluster.js';

/**
 * OpRequest is what a worker asks a client to do. Reads carry value null; cas carries [from, to].
 * `local: true` (final reads only, on `read`) asks for the value in the state of the node the client
 * was opened on, answered by that node itself: no leader hint followed, no forwarding, no quorum, so
 * possibly stale. An adapter that can do this reports that node in the outcome's `node`; one that
 * cannot may serve the read as usual, and should then name the node that did answer in `node`.
 */
export interface OpRequest {
  f: string;
  key?: string;
  value: unknown;
  local?: boolean;
}

/** Outcome is a client's answer: ok (with the value read or written), fail, or info. */
export type Outcome =
  | { type: 'ok'; value?: unknown; node?: string }
  | { type: 'fail'; error?: unknown; node?: string }
  | { type: 'info'; error?: unknown; node?: string };

/** Client is one connection to a store; `invoke` must honour the abort signal (→ info). */
export interface Client {
  invoke(op: OpRequest, signal: AbortSignal): Promise<Outcome>;
  close(): Promise<void>;
}

/** OpenOptions are given to an adapter when it opens a client. */
export interface OpenOptions {
  /** Every node of the cluster (an adapter may follow a leader or a Sentinel). */
  nodes: readonly NodeInfo[];
  /** Per-operation timeout in ms; past it an op is info. */
  timeoutMs: number;
}

/** Adapter turns faultline operations into calls on one kind of store. */
export interface Adapter {
  readonly name: string;
  open(node: NodeInfo, options: OpenOptions): Promise<Client>;
}

/** defineAdapter is an identity helper so user adapter modules are typed plain objects. */
export function defineAdapter(adapter: Adapter): Adapter {
  return adapter;
}
