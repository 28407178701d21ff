/**
 * execAdapter: any program speaking JSON lines on stdin/stdout is an adapter (`--adapter exec:./prog args`).
 *
 * One program serves every client; requests carry an `id` and replies name it, so they may come back
 * in any order. The protocol is in docs/exec-adapter.md. Outcome rules: a reply of type ok/fail/info
 * is taken as is; no reply before the op's timeout, a malformed reply, or the program dying → info;
 * an op never sent (the program is gone) → fail.
 */
import { execa } from 'execa';
import { createInterface } from 'node:readline';
import type { NodeInfo } from '../core/cluster.js';
import type { Client, OpenOptions, OpRequest, Outcome } from '../core/client.js';
import { FaultlineError } from '../core/errors.js';
import type { RunnerAdapter } from './adapter-extras.js';
import { timeoutSignal } from './timeout-signal.js';

/** EXEC_PREFIX marks an exec adapter in `--adapter`. */
export const EXEC_PREFIX = 'exec:';

/** parseExecSpec splits `exec:./prog a b` into the program and its arguments (whitespace-separated). */
export function parseExecSpec(spec: string): { file: string; args: string[] } {
  const words = spec.slice(spec.startsWith(EXEC_PREFIX) ? EXEC_PREFIX.length : 0).trim().split(/\s+/).filter(Boolean);
  const [file, ...args] = words;
  if (file === undefined) throw new FaultlineError('usage', `--adapter ${spec}: no program after "exec:"`, { hint: 'e.g. --adapter "exec:python3 fixtures/adapters/builtin_store_adapter.py"' });
  return { file, args };
}

// The program's stderr is kept (not shown while listr2 draws); a failing program never throws here.
const EXEC_OPTIONS = { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', reject: false } as const;

function spawnProgram(file: string, args: string[], cwd: string) {
  return execa(file, args, { ...EXEC_OPTIONS, cwd });
}
type ExecProcess = ReturnType<typeof spawnProgram>;

interface Reply {
  id: number;
  type: string;
  value?: unknown;
  error?: unknown;
  node?: string;
  client?: unknown;
}

/** execAdapter starts the program on the first `open` and stops it on `close` (stdin EOF after `{"op":"close"}`). */
export function execAdapter(spec: string, options: { cwd?: string } = {}): RunnerAdapter {
  const { file, args } = parseExecSpec(spec);
  let proc: ExecProcess | undefined;
  let exited = false;
  let nextId = 1;
  const waiting = new Map<number, (r: Reply | undefined) => void>();

  const start = (): void => {
    if (proc !== undefined) return;
    const p = spawnProgram(file, args, options.cwd ?? process.cwd());
    proc = p;
    const lines = createInterface({ input: p.stdout });
    lines.on('line', (line) => {
      let reply: Reply;
      try {
        reply = JSON.parse(line) as Reply;
      } catch {
        return; // not protocol output: ignored (programs should log to stderr)
      }
      const resolve = waiting.get(reply.id);
      if (resolve !== undefined) {
        waiting.delete(reply.id);
        resolve(reply);
      }
    });
    void p.then(() => {
      exited = true;
      for (const resolve of waiting.values()) resolve(undefined);
      waiting.clear();
    });
  };

  /** request sends one line and waits for the reply with the same id (undefined: no reply). */
  const request = (msg: Record<string, unknown>, signal: AbortSignal): { sent: boolean; reply: Promise<Reply | undefined> } => {
    if (exited || proc === undefined) return { sent: false, reply: Promise.resolve(undefined) };
    const id = nextId++;
    const reply = new Promise<Reply | undefined>((resolve) => {
      waiting.set(id, resolve);
      const onAbort = (): void => {
        waiting.delete(id);
        resolve(undefined);
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    proc.stdin.write(JSON.stringify({ id, ...msg }) + '\n');
    return { sent: true, reply };
  };

  return {
    name: `exec:${file}`,
    async open(node: NodeInfo, openOptions: OpenOptions): Promise<Client> {
      start();
      const { sent, reply } = request({ op: 'open', node, nodes: openOptions.nodes, timeoutMs: openOptions.timeoutMs }, timeoutSignal(Math.max(openOptions.timeoutMs, 5000)));
      const r = await reply;
      if (!sent || r === undefined || r.type !== 'ok') {
        const why = r?.error !== undefined ? `: ${JSON.stringify(r.error)}` : exited ? ' (the program exited)' : ' (no reply)';
        throw new FaultlineError('environment', `exec adapter ${file} could not open a client on ${node.name}${why}`, {
          hint: 'see docs/exec-adapter.md for the protocol',
        });
      }
      const client = r.client ?? null;
      return {
        async invoke(op: OpRequest, signal: AbortSignal): Promise<Outcome> {
          const msg: Record<string, unknown> = { op: 'invoke', client, f: op.f, value: op.value };
          if (op.key !== undefined) msg['key'] = op.key;
          const { sent: wasSent, reply: pendingReply } = request(msg, signal);
          if (!wasSent) return { type: 'fail', error: 'adapter program not running' };
          const answer = await pendingReply;
          if (answer === undefined) return { type: 'info', error: signal.aborted ? 'timeout' : 'adapter program exited' };
          const extra = answer.node === undefined ? {} : { node: answer.node };
          if (answer.type === 'ok') return { type: 'ok', value: answer.value === undefined ? op.value : answer.value, ...extra };
          if (answer.type === 'fail') return { type: 'fail', error: answer.error ?? null, ...extra };
          return { type: 'info', error: answer.error ?? (answer.type === 'info' ? null : `bad reply type ${String(answer.type)}`), ...extra };
        },
        async close(): Promise<void> {
          await request({ op: 'close', client }, timeoutSignal(2000)).reply;
        },
      };
    },
    findLeader(nodes, signal) {
      start();
      return askLeader(request, nodes, signal);
    },
    async close() {
      if (proc === undefined || exited) return;
      proc.stdin.write(JSON.stringify({ op: 'close' }) + '\n');
      proc.stdin.end();
      const timer = setTimeout(() => proc?.kill('SIGKILL'), 3000);
      await proc;
      clearTimeout(timer);
    },
  };
}

/** LEADER_TIMEOUT_MS: how long a `leader` request may take before the leader counts as unknown. */
const LEADER_TIMEOUT_MS = 2000;

/**
 * askLeader sends the protocol's optional `{"op":"leader","nodes":[…]}` request and resolves to the
 * node the program names (`{"type":"ok","value":"n2"}`); undefined when the program does not know
 * (`value` null), does not support it (any other reply), names no node of the run, or does not
 * answer within LEADER_TIMEOUT_MS (or before `signal` aborts). Never throws.
 */
async function askLeader(
  request: (msg: Record<string, unknown>, signal: AbortSignal) => { sent: boolean; reply: Promise<Reply | undefined> },
  nodes: readonly NodeInfo[],
  signal?: AbortSignal,
): Promise<string | undefined> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), LEADER_TIMEOUT_MS);
  try {
    const { sent, reply } = request({ op: 'leader', nodes }, signal === undefined ? timeout.signal : AbortSignal.any([signal, timeout.signal]));
    const r = sent ? await reply : undefined;
    const name = r?.type === 'ok' ? r.value : undefined;
    return typeof name === 'string' && nodes.some((n) => n.name === name) ? name : undefined;
  } finally {
    clearTimeout(timer);
  }
}
