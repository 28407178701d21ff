/**
 * redisAdapter: talks to Redis primary/replicas watched by Sentinel (RESP over TCP, no client
 * library, so every failure can be classified by what was sent). A client finds the primary by
 * asking the Sentinels — its own node's first, so a client beside an isolated primary keeps using
 * it, exactly as a real application there would — re-asks every `refreshMs` and after any error,
 * and so follows a failover.
 *
 * Operations: read (GET, or SMEMBERS when the key holds a set; one Lua script picks by TYPE), write
 * (SET), cas (a Lua script: compare and set atomically), add (SADD). Values are stored as JSON text.
 * Outcome rules (an unknown outcome is never `fail`): an error reply (READONLY from a demoted
 * primary, MASTERDOWN, ...) → fail, since Redis rejected it before running it; a refused connection
 * → fail; a timeout or a connection lost after sending → info. A read with `local: true` (the
 * final reads) goes straight to the client's own node, primary or replica, bypassing Sentinel, so
 * every node's own copy is seen.
 */
import type { NodeInfo } from '../../core/cluster.js';
import type { Client, OpenOptions, OpRequest, Outcome } from '../../core/client.js';
import type { RunnerAdapter } from '../adapter-extras.js';
import { RespConnection, RespError, RespFailure, type RespValue } from './resp-connection.js';

/** RedisAdapterOptions: Sentinel port (default 26379), monitored master name (default mymaster), primary re-check period in ms (default 1000). */
export interface RedisAdapterOptions {
  sentinelPort?: number;
  masterName?: string;
  refreshMs?: number;
}

/** READ_SCRIPT returns {type, value}: a set's members or a string's value (nothing for a missing key). */
export const READ_SCRIPT = `local t = redis.call('TYPE', KEYS[1])['ok']
if t == 'set' then return {t, redis.call('SMEMBERS', KEYS[1])} end
if t == 'string' then return {t, redis.call('GET', KEYS[1])} end
return {t}`;

/** CAS_SCRIPT sets KEYS[1] to ARGV[2] if it holds ARGV[1]; returns 1 if it did, else 0. */
export const CAS_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end
return 0`;

/** redisAdapter creates the adapter. */
export function redisAdapter(options: RedisAdapterOptions = {}): RunnerAdapter {
  const settings = { sentinelPort: options.sentinelPort ?? 26379, masterName: options.masterName ?? 'mymaster', refreshMs: options.refreshMs ?? 1000 };
  return {
    name: 'redis',
    async open(node: NodeInfo, openOptions: OpenOptions): Promise<Client> {
      return new RedisClient(node, openOptions, settings);
    },
    async findLeader(nodes, signal) {
      const s = signal ?? AbortSignal.timeout(1000);
      for (const n of nodes) {
        const conn = new RespConnection(n.host, settings.sentinelPort);
        try {
          const ip = await askSentinel(conn, settings.masterName, s);
          const primary = nodes.find((x) => x.host === ip);
          if (primary !== undefined) return primary.name;
        } catch {
          // ask the next sentinel
        } finally {
          conn.close();
        }
      }
      return undefined;
    },
  };
}

/** askSentinel asks one Sentinel for the primary's address; resolves its IP, or undefined when it does not know. */
export async function askSentinel(conn: RespConnection, masterName: string, signal: AbortSignal): Promise<string | undefined> {
  const reply = await conn.command(['SENTINEL', 'get-master-addr-by-name', masterName], signal);
  return Array.isArray(reply) && typeof reply[0] === 'string' ? reply[0] : undefined;
}

class RedisClient implements Client {
  private primary: { node: NodeInfo; conn: RespConnection } | undefined;
  /** A connection to the client's own node, opened by its first local read. */
  private own: RespConnection | undefined;
  private checkedAt = 0;
  private readonly sentinels: Map<string, RespConnection>;

  constructor(
    private readonly home: NodeInfo,
    private readonly options: OpenOptions,
    private readonly settings: Required<RedisAdapterOptions>,
  ) {
    // Own node's Sentinel first, then the others in cluster order.
    const order = [home, ...options.nodes.filter((n) => n.name !== home.name)];
    this.sentinels = new Map(order.map((n) => [n.name, new RespConnection(n.host, settings.sentinelPort)]));
  }

  async invoke(op: OpRequest, signal: AbortSignal): Promise<Outcome> {
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs)]);
    const key = op.key ?? 'default';
    const args = commandFor(op, key);
    if (args === undefined) return { type: 'fail', error: `unsupported operation ${op.f}` };
    if (op.local === true && (op.f === 'read' || op.f === 'get')) return this.readLocal(args, deadline);
    const target = await this.findPrimary(deadline);
    if (target === undefined) return { type: 'fail', error: 'no sentinel knows a primary' };
    const node = target.node.name;
    let reply: RespValue;
    try {
      reply = await target.conn.command(args, deadline);
    } catch (err) {
      this.checkedAt = 0;
      if (err instanceof RespFailure && err.kind === 'refused') return { type: 'fail', error: 'connection-refused', node };
      return { type: 'info', error: err instanceof RespFailure && err.kind === 'aborted' ? 'timeout' : (err as Error).message, node };
    }
    if (reply instanceof RespError) {
      this.checkedAt = 0;
      return { type: 'fail', error: reply.message, node };
    }
    switch (op.f) {
      case 'read':
      case 'get':
        return { type: 'ok', value: decodeRead(reply), node };
      case 'cas':
        return reply === 1 ? { type: 'ok', value: op.value, node } : { type: 'fail', error: 'compare-failed', node };
      default:
        return { type: 'ok', value: op.value, node };
    }
  }

  /** readLocal runs the read on the client's own node, whatever its role (a replica may be behind). */
  private async readLocal(args: string[], signal: AbortSignal): Promise<Outcome> {
    const node = this.home.name;
    this.own ??= new RespConnection(this.home.host, this.home.port);
    let reply: RespValue;
    try {
      reply = await this.own.command(args, signal);
    } catch (err) {
      this.own.close();
      this.own = undefined;
      if (err instanceof RespFailure && err.kind === 'refused') return { type: 'fail', error: 'connection-refused', node };
      return { type: 'info', error: err instanceof RespFailure && err.kind === 'aborted' ? 'timeout' : (err as Error).message, node };
    }
    if (reply instanceof RespError) return { type: 'fail', error: reply.message, node };
    return { type: 'ok', value: decodeRead(reply), node };
  }

  async close(): Promise<void> {
    this.own?.close();
    this.primary?.conn.close();
    for (const c of this.sentinels.values()) c.close();
  }

  private async findPrimary(signal: AbortSignal): Promise<{ node: NodeInfo; conn: RespConnection } | undefined> {
    if (this.primary !== undefined && Date.now() - this.checkedAt < this.settings.refreshMs) return this.primary;
    // Give the sentinels a share of the op's time so a dead one cannot eat the whole budget.
    const each = Math.max(100, Math.floor(this.options.timeoutMs / (2 * this.sentinels.size)));
    for (const conn of this.sentinels.values()) {
      if (signal.aborted) break;
      let ip: string | undefined;
      try {
        ip = await askSentinel(conn, this.settings.masterName, AbortSignal.any([signal, AbortSignal.timeout(each)]));
      } catch {
        continue;
      }
      const node = this.options.nodes.find((n) => n.host === ip);
      if (node === undefined) continue;
      if (this.primary?.node.name !== node.name) {
        this.primary?.conn.close();
        this.primary = { node, conn: new RespConnection(node.host, node.port) };
      }
      this.checkedAt = Date.now();
      return this.primary;
    }
    return this.primary;
  }
}

function commandFor(op: OpRequest, key: string): string[] | undefined {
  switch (op.f) {
    case 'read':
    case 'get':
      return ['EVAL', READ_SCRIPT, '1', key];
    case 'write':
    case 'put':
      return ['SET', key, JSON.stringify(op.value)];
    case 'cas': {
      if (!Array.isArray(op.value) || op.value.length !== 2) return undefined;
      return ['EVAL', CAS_SCRIPT, '1', key, JSON.stringify(op.value[0]), JSON.stringify(op.value[1])];
    }
    case 'add':
      return ['SADD', key, JSON.stringify(op.value)];
    default:
      return undefined;
  }
}

/** decodeRead turns READ_SCRIPT's reply into a value: sorted members for a set, the value for a string, null when missing (pure). */
export function decodeRead(reply: RespValue): unknown {
  if (!Array.isArray(reply)) return null;
  const [type, value] = reply;
  if (type === 'set' && Array.isArray(value)) {
    const members = value.map((m) => (typeof m === 'string' ? parseJson(m) : m));
    return members.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
  }
  if (type === 'string' && typeof value === 'string') return parseJson(value);
  return null;
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
