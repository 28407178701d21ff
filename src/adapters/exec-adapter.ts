/**
 * execAdapter: any program speaking JSON lines on stdin/stdout is an adapter (`--adapter exec:./prog args`).
 *
 * One program serves every client; requests carry an `id` and replies name it, so they may come back
 * in any order. The protocol is in docs/exec-adapter.md. Outcome rules: a reply of type ok/fail/info
 * is taken as is; no reply before the op's timeout, or the program dying → info; an op never sent
 * (the program is gone) → fail.
 *
 * A broken adapter is loud: the program's stderr goes to the run's `logs/adapter.log`, and when the
 * program ends before the run is over, or writes a line on stdout that is not a reply (a protocol
 * violation), the adapter reports itself broken (AdapterContext.broken) with its last stderr lines,
 * and the run stops. A store that is down is not that: its failures are the program's replies.
 */
import { join } from 'node:path';
import type { NodeInfo } from '../core/cluster.js';
import type { Client, OpenOptions, OpRequest, Outcome } from '../core/client.js';
import { FaultlineError } from '../core/errors.js';
import type { AdapterContext, RunnerAdapter } from './adapter-extras.js';
import { type ExecReply, parseReplyLine } from './exec-reply.js';
import { ExecProgram, describeEnd } from './exec-program.js';
import { timeoutSignal } from './timeout-signal.js';

/** EXEC_PREFIX marks an exec adapter in `--adapter`. */
export const EXEC_PREFIX = 'exec:';

/** ADAPTER_LOG is the file, in the run's logs directory, that receives the program's stderr. */
export const ADAPTER_LOG = 'adapter.log';

const HINT = 'the protocol is in docs/exec-adapter.md (replies on stdout, logs on stderr)';

/** parseExecSpec splits `exec:./prog a b` into the program and its arguments (whitespace-separated). */
export function parseExecSpec(spec: string): { file: string; args: string[] } {
  const words = spec.slice(spec.startsWith(EXEC_PREFIX) ? EXEC_PREFIX.length : 0).trim().split(/\s+/).filter(Boolean);
  const [file, ...args] = words;
  if (file === undefined) throw new FaultlineError('usage', `--adapter ${spec}: no program after "exec:"`, { hint: 'e.g. --adapter "exec:python3 fixtures/adapters/builtin_store_adapter.py"' });
  return { file, args };
}

/**
 * execAdapter starts the program in `start` (or, outside a run, on the first `open`) and stops it on
 * `close` (stdin EOF after `{"op":"close"}`, SIGKILL 3 s later).
 */
export function execAdapter(spec: string, options: { cwd?: string } = {}): RunnerAdapter {
  const { file, args } = parseExecSpec(spec);
  const name = `exec:${[file, ...args].join(' ')}`;
  const label = `exec adapter "${name.slice(EXEC_PREFIX.length)}"`;
  let program: ExecProgram | undefined;
  let ctx: AdapterContext | undefined;
  let logFile: string | undefined;
  let gone = false;
  let ended: string | undefined;
  let closing = false;
  let reported = false;
  let nextId = 1;
  let stdoutLine = 0;
  const waiting = new Map<number, (r: ExecReply | undefined) => void>();

  /** brokenError builds the error a user sees: what went wrong, then the program's last stderr lines. */
  const brokenError = (what: string, hint = HINT): FaultlineError => {
    const tail = program?.tail() ?? [];
    const where = logFile === undefined ? 'its stderr' : `its stderr (${logFile})`;
    const lines = tail.length === 0 ? [`${where} is empty`] : [`last lines of ${where}:`, ...tail.map((l) => `  | ${l}`)];
    return new FaultlineError('cluster', [`${label} ${what}`, ...lines].join('\n'), { hint });
  };
  const report = (what: string, hint?: string): void => {
    if (reported || closing) return;
    reported = true;
    ctx?.broken(brokenError(what, hint));
  };
  const settle = (id: number, reply: ExecReply | undefined): void => {
    const resolve = waiting.get(id);
    if (resolve === undefined) return; // a late reply to an op that timed out: ignored
    waiting.delete(id);
    resolve(reply);
  };

  const onLine = (line: string): void => {
    stdoutLine++;
    const parsed = parseReplyLine(line, nextId - 1);
    if (parsed.kind === 'reply') settle(parsed.reply.id, parsed.reply);
    else if (parsed.kind === 'violation') {
      report(`broke the protocol: stdout line ${stdoutLine} ${parsed.message}`);
      if (parsed.id !== undefined) settle(parsed.id, { id: parsed.id, type: 'info', error: `protocol violation: ${parsed.message}` });
    }
  };

  // One program per adapter, however many opens race to start it.
  let launching: Promise<ExecProgram> | undefined;
  const launch = (): Promise<ExecProgram> => {
    launching ??= ExecProgram.start(file, args, options.cwd ?? process.cwd(), onLine, logFile).then((p) => {
      program = p;
      void p.ended.then((end) => {
        gone = true;
        ended = describeEnd(end);
        // Reported before the ops in flight settle (as info), so the reason is known when the run
        // stops. A program that never started is reported by `start` itself.
        if (end.startError === undefined) report(`${ended} before the test was over`, logFile === undefined ? HINT : `everything it wrote to stderr is in ${logFile}`);
        for (const resolve of waiting.values()) resolve(undefined);
        waiting.clear();
      });
      return p;
    });
    return launching;
  };

  /** request sends one line and waits for the reply with the same id (undefined: no reply). */
  const request = (msg: Record<string, unknown>, signal: AbortSignal): { sent: boolean; reply: Promise<ExecReply | undefined> } => {
    if (gone || program === undefined) return { sent: false, reply: Promise.resolve(undefined) };
    const id = nextId++;
    const reply = new Promise<ExecReply | undefined>((resolve) => {
      waiting.set(id, resolve);
      const onAbort = (): void => settle(id, undefined);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    if (!program.write(JSON.stringify({ id, ...msg }))) {
      waiting.delete(id);
      return { sent: false, reply: Promise.resolve(undefined) };
    }
    return { sent: true, reply };
  };

  return {
    name,
    /** start launches the program with its stderr in `<logDir>/adapter.log`; a program that cannot start is a setup error. */
    async start(context: AdapterContext): Promise<void> {
      ctx = context;
      logFile = join(context.logDir, ADAPTER_LOG);
      const p = await launch();
      const end = await p.started;
      if (end !== undefined) throw brokenError(describeEnd(end), 'check the program named after "exec:" in --adapter');
    },
    async open(node: NodeInfo, openOptions: OpenOptions): Promise<Client> {
      await launch();
      const { sent, reply } = request({ op: 'open', node, nodes: openOptions.nodes, timeoutMs: openOptions.timeoutMs }, timeoutSignal(Math.max(openOptions.timeoutMs, 5000)));
      const r = await reply;
      if (!sent || r === undefined || r.type !== 'ok') {
        const why = r?.error !== undefined ? `open answered ${r.type}: ${JSON.stringify(r.error)}` : ended !== undefined ? `the program ${ended}` : 'no reply to open';
        throw new FaultlineError('environment', why, { hint: HINT });
      }
      const client = r.client ?? null;
      return {
        async invoke(op: OpRequest, signal: AbortSignal): Promise<Outcome> {
          const msg: Record<string, unknown> = { op: 'invoke', client, f: op.f, value: op.value };
          if (op.key !== undefined) msg['key'] = op.key;
          if (op.local === true) msg['local'] = true;
          const { sent: wasSent, reply: pendingReply } = request(msg, signal);
          if (!wasSent) return { type: 'fail', error: 'adapter program not running' };
          const answer = await pendingReply;
          if (answer === undefined) return { type: 'info', error: signal.aborted ? 'timeout' : 'adapter program exited' };
          const extra = answer.node === undefined ? {} : { node: answer.node };
          if (answer.type === 'ok') return { type: 'ok', value: answer.value === undefined ? op.value : answer.value, ...extra };
          if (answer.type === 'fail') return { type: 'fail', error: answer.error ?? null, ...extra };
          return { type: 'info', error: answer.error ?? null, ...extra };
        },
        async close(): Promise<void> {
          await request({ op: 'close', client }, timeoutSignal(2000)).reply;
        },
      };
    },
    async findLeader(nodes, signal) {
      await launch();
      return askLeader(request, nodes, signal);
    },
    async close() {
      closing = true;
      await program?.stop(JSON.stringify({ op: 'close' }));
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
  request: (msg: Record<string, unknown>, signal: AbortSignal) => { sent: boolean; reply: Promise<ExecReply | undefined> },
  nodes: readonly NodeInfo[],
  signal?: AbortSignal,
): Promise<string | undefined> {
  // One controller, aborted by its own timer or by `signal` (no AbortSignal.any: see timeout-signal.ts).
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), LEADER_TIMEOUT_MS);
  const onAbort = (): void => timeout.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted === true) timeout.abort();
  try {
    const { sent, reply } = request({ op: 'leader', nodes }, timeout.signal);
    const r = sent ? await reply : undefined;
    const name = r?.type === 'ok' ? r.value : undefined;
    return typeof name === 'string' && nodes.some((n) => n.name === name) ? name : undefined;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
