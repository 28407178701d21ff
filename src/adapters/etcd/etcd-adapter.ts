/**
 * etcdAdapter: talks to etcd v3 through its JSON gateway over HTTP (no gRPC dependency): read →
 * `/v3/kv/range` (linearizable by default; `serializable: true` lets a member answer from its own,
 * possibly stale, state — the stale-read experiment), write → `/v3/kv/put`, cas → `/v3/kv/txn`
 * comparing the value. Keys and values are base64; values are stored as their JSON text.
 *
 * Outcome rules (an unknown outcome is never `fail`): a refused connection (nothing sent) → fail; a
 * cas whose compare failed → fail; an invalid-argument error → fail; a timeout, a lost connection or
 * any other server error → info (a write that timed out on a minority is sometimes committed after
 * the heal). Reads follow the same rules. A read with `local: true` (the final reads) is always
 * serializable: the client's own member answers from its own state, so every member is seen.
 */
import http from 'node:http';
import type { NodeInfo } from '../../core/cluster.js';
import type { Client, OpenOptions, OpRequest, Outcome } from '../../core/client.js';
import type { RunnerAdapter } from '../adapter-extras.js';
import { HttpFailure, httpJson } from '../http-json.js';

/** EtcdAdapterOptions: `serializable` reads (default false: linearizable). */
export interface EtcdAdapterOptions {
  serializable?: boolean;
}

/** etcdAdapter creates the adapter; its clients share one keep-alive agent (closed by `close`). */
export function etcdAdapter(options: EtcdAdapterOptions = {}): RunnerAdapter {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  return {
    name: options.serializable === true ? 'etcd-serializable' : 'etcd',
    async open(node: NodeInfo, openOptions: OpenOptions): Promise<Client> {
      return new EtcdClient(agent, node, openOptions, options.serializable === true);
    },
    async findLeader(nodes, signal) {
      const replies = await Promise.all(
        nodes.map(async (n) => {
          try {
            const r = await httpJson(agent, n, 'POST', '/v3/maintenance/status', {}, signal ?? AbortSignal.timeout(1000));
            const header = r.body?.['header'] as { member_id?: string } | undefined;
            return { name: n.name, member: header?.member_id, leader: r.body?.['leader'] as string | undefined };
          } catch {
            return { name: n.name, member: undefined, leader: undefined };
          }
        }),
      );
      for (const r of replies) {
        if (r.leader === undefined) continue;
        const leader = replies.find((x) => x.member === r.leader);
        if (leader !== undefined) return leader.name;
      }
      return undefined;
    },
    async close() {
      agent.destroy();
    },
  };
}

/** b64 encodes a string as etcd's JSON gateway expects bytes (pure). */
export function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** decodeValue turns a base64 value written by this adapter back into the value (pure); null for undefined. */
export function decodeValue(v: string | undefined): unknown {
  if (v === undefined) return null;
  const text = Buffer.from(v, 'base64').toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

class EtcdClient implements Client {
  constructor(
    private readonly agent: http.Agent,
    private readonly node: NodeInfo,
    private readonly options: OpenOptions,
    private readonly serializable: boolean,
  ) {}

  async invoke(op: OpRequest, signal: AbortSignal): Promise<Outcome> {
    const node = this.node.name;
    const key = b64(op.key ?? 'default');
    let path: string;
    let body: unknown;
    switch (op.f) {
      case 'read':
      case 'get':
        path = '/v3/kv/range';
        body = this.serializable || op.local === true ? { key, serializable: true } : { key };
        break;
      case 'write':
      case 'put':
        path = '/v3/kv/put';
        body = { key, value: b64(JSON.stringify(op.value)) };
        break;
      case 'cas': {
        if (!Array.isArray(op.value) || op.value.length !== 2) return { type: 'fail', error: 'cas needs [from, to]', node };
        const [from, to] = op.value as [unknown, unknown];
        path = '/v3/kv/txn';
        body = {
          compare: [{ key, target: 'VALUE', result: 'EQUAL', value: b64(JSON.stringify(from)) }],
          success: [{ requestPut: { key, value: b64(JSON.stringify(to)) } }],
        };
        break;
      }
      default:
        return { type: 'fail', error: `unsupported operation ${op.f}`, node };
    }
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs)]);
    let reply;
    try {
      reply = await httpJson(this.agent, this.node, 'POST', path, body, deadline);
    } catch (err) {
      if (err instanceof HttpFailure && err.kind === 'refused') return { type: 'fail', error: 'connection-refused', node };
      return { type: 'info', error: err instanceof HttpFailure && err.kind === 'aborted' ? 'timeout' : (err as Error).message, node };
    }
    const b = reply.body ?? {};
    if (reply.status !== 200) {
      const error = typeof b['error'] === 'string' ? b['error'] : typeof b['message'] === 'string' ? b['message'] : `http ${reply.status}`;
      return { type: b['code'] === 3 ? 'fail' : 'info', error, node };
    }
    if (op.f === 'read' || op.f === 'get') {
      const kvs = b['kvs'] as { value?: string }[] | undefined;
      return { type: 'ok', value: decodeValue(kvs?.[0]?.value ?? (kvs?.[0] === undefined ? undefined : '')), node };
    }
    if (op.f === 'cas') return b['succeeded'] === true ? { type: 'ok', value: op.value, node } : { type: 'fail', error: 'compare-failed', node };
    return { type: 'ok', value: op.value, node };
  }

  async close(): Promise<void> {
    // Sockets belong to the shared agent.
  }
}
