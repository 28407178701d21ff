/**
 * builtinStoreAdapter: talks to faultline's built-in store over its HTTP/JSON client API.
 *
 * Outcome rules (an unknown outcome is never `fail`): 200 → ok; 409 compare-failed and 400 → fail
 * (certainly no effect); 503 not-leader/unavailable → fail, and a `leader` hint makes this client
 * send its next ops to that node; 504, other 5xx, a timeout, or a connection lost after sending →
 * info; a refused connection (nothing sent) → fail.
 *
 * A read with `local: true` goes to the client's own node as `GET /kv/:key?local=1` and is answered
 * from that node's state (never redirected, hints ignored); its outcome names that node.
 */
import http from 'node:http';
import type { NodeInfo } from '../core/cluster.js';
import type { Client, OpenOptions, OpRequest, Outcome } from '../core/client.js';
import type { RunnerAdapter } from './adapter-extras.js';
import { timeoutSignal } from './timeout-signal.js';
import { HttpFailure, httpJson } from './http-json.js';

/** BUILTIN_OPS maps faultline's `f` to the store's method and path suffix (reads are GET). */
const ROUTES: Record<string, { method: string; suffix: string; body: (v: unknown) => unknown }> = {
  write: { method: 'PUT', suffix: '', body: (v) => ({ value: v }) },
  cas: { method: 'POST', suffix: '/cas', body: (v) => ({ from: (v as unknown[])[0], to: (v as unknown[])[1] }) },
  append: { method: 'POST', suffix: '/append', body: (v) => ({ value: v }) },
  add: { method: 'POST', suffix: '/add', body: (v) => ({ value: v }) },
  incr: { method: 'POST', suffix: '/incr', body: (v) => ({ value: v }) },
};

/** builtinStoreAdapter creates the adapter (one keep-alive Agent shared by its clients). */
export function builtinStoreAdapter(): RunnerAdapter {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  return {
    name: 'builtin',
    async open(node: NodeInfo, options: OpenOptions): Promise<Client> {
      return new BuiltinClient(agent, node, options);
    },
    async findLeader(nodes, signal) {
      // Ask every node at once (a paused or cut-off node must not stall the nemesis) and trust the
      // self-declared leader with the highest term; else the most recent hint.
      const answers = await Promise.all(
        nodes.map(async (node) => {
          try {
            const reply = await httpJson(agent, node, 'GET', '/status', undefined, signal ?? timeoutSignal(500));
            return { node: node.name, body: reply.body ?? {} };
          } catch {
            return undefined;
          }
        }),
      );
      let best: { name: string; term: number } | undefined;
      let hint: { name: string; term: number } | undefined;
      for (const a of answers) {
        if (a === undefined) continue;
        const term = typeof a.body['term'] === 'number' ? a.body['term'] : -1;
        const leader = a.body['leader'];
        if (a.body['role'] === 'leader' && (best === undefined || term > best.term)) best = { name: a.node, term };
        if (typeof leader === 'string' && nodes.some((n) => n.name === leader) && (hint === undefined || term > hint.term)) {
          hint = { name: leader, term };
        }
      }
      return best?.name ?? hint?.name;
    },
    async close() {
      agent.destroy();
    },
  };
}

class BuiltinClient implements Client {
  private target: NodeInfo;

  constructor(
    private readonly agent: http.Agent,
    private readonly home: NodeInfo,
    private readonly options: OpenOptions,
  ) {
    this.target = home;
  }

  async invoke(op: OpRequest, signal: AbortSignal): Promise<Outcome> {
    const key = encodeURIComponent(op.key ?? 'default');
    if (op.local === true && (op.f === 'read' || op.f === 'get')) return this.readLocal(key, signal);
    const node = this.target.name;
    let reply;
    try {
      if (op.f === 'read' || op.f === 'get') {
        reply = await httpJson(this.agent, this.target, 'GET', `/kv/${key}?timeout_ms=${this.options.timeoutMs}`, undefined, signal);
      } else {
        const route = ROUTES[op.f];
        if (route === undefined) return { type: 'fail', error: `unsupported operation ${op.f}`, node };
        reply = await httpJson(this.agent, this.target, route.method, `/kv/${key}${route.suffix}`, route.body(op.value), signal);
      }
    } catch (err) {
      if (err instanceof HttpFailure && err.kind === 'refused') {
        // A followed leader that went away: start again from this client's own node.
        this.target = this.home;
        return { type: 'fail', error: 'connection-refused', node };
      }
      return { type: 'info', error: err instanceof HttpFailure && err.kind === 'aborted' ? 'timeout' : (err as Error).message, node };
    }
    const body = reply.body ?? {};
    if (reply.status === 200) {
      return { type: 'ok', value: op.f === 'read' || op.f === 'get' ? (body['value'] ?? null) : op.value, node };
    }
    if (reply.status === 503) {
      const leader = body['leader'];
      const next = typeof leader === 'string' ? this.options.nodes.find((n) => n.name === leader) : undefined;
      this.target = next ?? this.home;
      return { type: 'fail', error: body['error'] ?? 'unavailable', node };
    }
    if (reply.status === 409 || (reply.status >= 400 && reply.status < 500)) {
      return { type: 'fail', error: body['error'] ?? `http ${reply.status}`, node };
    }
    return { type: 'info', error: body['error'] ?? `http ${reply.status}`, node };
  }

  /** readLocal asks the client's own node for its own value of `key` (already URL-encoded). */
  private async readLocal(key: string, signal: AbortSignal): Promise<Outcome> {
    const node = this.home.name;
    let reply;
    try {
      reply = await httpJson(this.agent, this.home, 'GET', `/kv/${key}?local=1`, undefined, signal);
    } catch (err) {
      if (err instanceof HttpFailure && err.kind === 'refused') return { type: 'fail', error: 'connection-refused', node };
      return { type: 'info', error: err instanceof HttpFailure && err.kind === 'aborted' ? 'timeout' : (err as Error).message, node };
    }
    const body = reply.body ?? {};
    if (reply.status === 200) return { type: 'ok', value: body['value'] ?? null, node };
    // A read changes nothing, so any refusal is a plain fail.
    return { type: 'fail', error: body['error'] ?? `http ${reply.status}`, node };
  }

  async close(): Promise<void> {
    // Sockets belong to the shared agent; nothing per client.
  }
}
