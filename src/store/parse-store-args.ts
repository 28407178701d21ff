import { FaultlineError } from '../core/errors.js';
import { defaultQuorum, validateQuorum, type QuorumSettings } from './quorum-rules.js';

/** StoreMode is a replication mode of the built-in store. */
export type StoreMode = 'raft' | 'lease' | 'primary' | 'lww' | 'quorum';

/** PeerAddress is where this node sends messages meant for peer `id`. */
export interface PeerAddress {
  id: string;
  host: string;
  port: number;
}

/** StoreOptions is a parsed command line of `node dist/src/store/main.js`; times in ms. */
export interface StoreOptions {
  id: string;
  mode: StoreMode;
  host: string;
  clientPort: number;
  peerPort: number;
  peers: PeerAddress[];
  dataDir: string | null;
  seed: number;
  electionTimeoutMs: number;
  heartbeatMs: number;
  leaseMs: number;
  /** Quorum mode's N, R, W and sloppy quorum (defaults: defaultQuorum(nodes), not sloppy). */
  quorum: QuorumSettings;
}

const MODES: readonly StoreMode[] = ['raft', 'lease', 'primary', 'lww', 'quorum'];

/**
 * parseStoreArgs parses the store's flags (`--flag value` or `--flag=value`). Pure. Throws a
 * FaultlineError('usage') naming the flag for anything unknown, missing or malformed. Defaults:
 * host 127.0.0.1, no peers, no data dir, seed from the node id, election timeout 300 ms, heartbeat
 * 50 ms, lease 80% of the election timeout (a lease must be shorter than the election timeout to be
 * safe; a longer one is accepted, for teaching, and `leaseIsUnsafe` tells the caller to warn).
 * Quorum mode: `--replicas N --r R --w W` (1 ≤ R, W ≤ N ≤ nodes; default N = min(3, nodes), R = W =
 * a majority of N) and `--sloppy true|false`; given with another mode they are a usage error.
 */
export function parseStoreArgs(argv: readonly string[]): StoreOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw usage(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw usage(`flag --${name} needs a value`);
    if (!KNOWN.has(name)) throw usage(`unknown flag --${name}`);
    flags.set(name, value);
  }
  const id = required(flags, 'id');
  const mode = required(flags, 'mode') as StoreMode;
  if (!MODES.includes(mode)) throw usage(`--mode must be one of ${MODES.join(', ')}, not "${mode}"`);
  const electionTimeoutMs = int(flags, 'election-timeout-ms', 300, 10);
  const peers = parsePeers(flags.get('peers') ?? '', id);
  const quorum = parseQuorum(flags, peers.length + 1);
  if (mode !== 'quorum' && QUORUM_FLAGS.some((f) => flags.has(f))) throw usage(`--replicas, --r, --w and --sloppy apply to --mode quorum only`);
  return {
    id,
    mode,
    host: flags.get('host') ?? '127.0.0.1',
    clientPort: int(flags, 'client-port', undefined, 1, 65535),
    peerPort: int(flags, 'peer-port', undefined, 1, 65535),
    peers,
    dataDir: flags.get('data-dir') ?? null,
    seed: int(flags, 'seed', hashId(id), 0),
    electionTimeoutMs,
    heartbeatMs: int(flags, 'heartbeat-ms', 50, 1),
    leaseMs: int(flags, 'lease-ms', Math.floor(electionTimeoutMs * 0.8), 1),
    quorum,
  };
}

const QUORUM_FLAGS = ['replicas', 'r', 'w', 'sloppy'];

/** parseQuorum reads --replicas/--r/--w (1 ≤ R, W ≤ N ≤ nodes) and --sloppy true|false. */
function parseQuorum(flags: Map<string, string>, nodes: number): QuorumSettings {
  const d = defaultQuorum(nodes);
  const replicas = int(flags, 'replicas', d.replicas, 1);
  const majority = Math.floor(replicas / 2) + 1;
  const settings = { replicas, r: int(flags, 'r', Math.min(majority, replicas), 1), w: int(flags, 'w', Math.min(majority, replicas), 1) };
  const problem = validateQuorum(settings, nodes);
  if (problem !== null) throw usage(problem);
  const sloppy = flags.get('sloppy') ?? 'false';
  if (sloppy !== 'true' && sloppy !== 'false') throw usage(`--sloppy must be true or false, not "${sloppy}"`);
  return { ...settings, sloppy: sloppy === 'true' };
}

/** leaseIsUnsafe tells whether a lease as long as the election timeout could outlive leadership. */
export function leaseIsUnsafe(options: StoreOptions): boolean {
  return options.mode === 'lease' && options.leaseMs >= options.electionTimeoutMs;
}

const KNOWN = new Set([
  'id', 'mode', 'host', 'client-port', 'peer-port', 'peers', 'data-dir', 'seed',
  'election-timeout-ms', 'heartbeat-ms', 'lease-ms', ...QUORUM_FLAGS,
]);

/** parsePeers reads `n2=127.0.0.1:17012,n3=127.0.0.1:17013`; an empty string means no peers. */
export function parsePeers(text: string, self: string): PeerAddress[] {
  if (text.trim() === '') return [];
  const out: PeerAddress[] = [];
  for (const part of text.split(',')) {
    const m = /^([^=\s]+)=([^:\s]+):(\d+)$/.exec(part.trim());
    if (m === null) throw usage(`--peers entry "${part}" is not of the form name=host:port`);
    const port = Number(m[3]);
    if (port < 1 || port > 65535) throw usage(`--peers entry "${part}" has port out of range`);
    if (m[1] === self) throw usage(`--peers lists this node itself ("${self}")`);
    if (out.some((p) => p.id === m[1])) throw usage(`--peers lists "${m[1]}" twice`);
    out.push({ id: m[1]!, host: m[2]!, port });
  }
  return out;
}

function required(flags: Map<string, string>, name: string): string {
  const v = flags.get(name);
  if (v === undefined || v === '') throw usage(`missing required flag --${name}`);
  return v;
}

function int(flags: Map<string, string>, name: string, fallback: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = flags.get(name);
  if (v === undefined) {
    if (fallback === undefined) throw usage(`missing required flag --${name}`);
    return fallback;
  }
  if (!/^-?\d+$/.test(v)) throw usage(`--${name} must be an integer, not "${v}"`);
  const n = Number(v);
  if (n < min || n > max) throw usage(`--${name} must be between ${min} and ${max}, not ${n}`);
  return n;
}

function hashId(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

function usage(message: string): FaultlineError {
  return new FaultlineError('usage', `store: ${message}`, { hint: 'see src/store/parse-store-args.ts for the flags' });
}
