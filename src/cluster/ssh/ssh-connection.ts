/**
 * SshConnection: one pooled ssh2 connection to one node. Every command is a shell script sent on
 * stdin to `sh -s` (through `sudo -n` when the node says so), so nothing is quoted into a command
 * line; every command has a timeout. Connection failures become one `cluster` FaultlineError naming
 * the node (the cluster cannot be reached: exit 6).
 */
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { FaultlineError } from '../../core/errors.js';
import { verifyHostKey } from './host-key.js';
import { readPrivateKey, type Inventory, type SshNode } from './inventory.js';

/** ExecResult is a finished remote command. */
export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** PATH_PREFIX makes sbin tools (iptables, ip) found for every user. */
const PATH_PREFIX = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH; export PATH\n';

/** SshConnection runs scripts on one node. `close` is idempotent. */
export class SshConnection {
  private closed = false;

  constructor(
    readonly node: SshNode,
    private readonly client: Client,
    private readonly commandTimeoutMs: number,
  ) {}

  /**
   * run executes `script` with sh on the node and resolves with its exit code and output (a
   * non-zero exit is not an error). Rejects with a `cluster` FaultlineError on timeout (default: the
   * inventory's commandTimeoutMs) or when the connection is gone.
   */
  run(script: string, options: { timeoutMs?: number } = {}): Promise<ExecResult> {
    return this.exec(this.node.sudo ? 'sudo -n sh -s' : 'sh -s', Buffer.from(PATH_PREFIX + script + '\n'), options.timeoutMs ?? this.commandTimeoutMs);
  }

  /**
   * upload unpacks `tarGz` (a gzipped tar stream) into `dir` on the node (created if needed; `dir`
   * must be a plain absolute path, as spec schemas restrict it). Rejects like `check`.
   */
  async upload(tarGz: Buffer, dir: string, timeoutMs = 120_000): Promise<void> {
    if (!/^\/[A-Za-z0-9._/-]+$/.test(dir)) throw new FaultlineError('internal', `upload: not a plain path: ${dir}`);
    const script = `mkdir -p ${dir} && tar -xzf - -C ${dir}`;
    const r = await this.exec(this.node.sudo ? `sudo -n sh -c '${script}'` : `sh -c '${script}'`, tarGz, timeoutMs);
    if (r.code !== 0) throw new FaultlineError('cluster', `${this.node.name} (${this.node.host}): uploading into ${dir} failed (exit ${r.code ?? 'signal'}): ${r.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
  }

  private exec(command: string, stdin: Buffer, timeoutMs: number): Promise<ExecResult> {
    const what = `${this.node.name} (${this.node.host})`;
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new FaultlineError('cluster', `${what}: the SSH connection is closed`));
        return;
      }
      let channel: ClientChannel | undefined;
      const timer = setTimeout(() => {
        channel?.close();
        reject(new FaultlineError('cluster', `${what}: a remote command did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      this.client.exec(command, (err, ch) => {
        if (err !== undefined && err !== null) {
          clearTimeout(timer);
          reject(new FaultlineError('cluster', `${what}: cannot run a command over SSH: ${err.message}`, { cause: err }));
          return;
        }
        channel = ch;
        const out: Buffer[] = [];
        const errOut: Buffer[] = [];
        let code: number | null = null;
        ch.on('data', (d: Buffer) => out.push(d));
        ch.stderr.on('data', (d: Buffer) => errOut.push(d));
        ch.on('exit', (c: number | null) => (code = c));
        ch.on('close', () => {
          clearTimeout(timer);
          resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errOut).toString('utf8') });
        });
        ch.end(stdin);
      });
    });
  }

  /** check runs `script` and rejects with a `cluster` error naming the node and `doing` when it exits non-zero. */
  async check(script: string, doing: string, options: { timeoutMs?: number } = {}): Promise<string> {
    const r = await this.run(script, options);
    if (r.code !== 0) {
      const detail = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-2).join(' / ');
      throw new FaultlineError('cluster', `${this.node.name} (${this.node.host}): ${doing} failed (exit ${r.code ?? 'signal'}): ${detail}`);
    }
    return r.stdout;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.end();
  }
}

/**
 * connectNode opens the connection to `node`, checking its host key. Rejects with a `cluster`
 * FaultlineError naming the node (refused, unreachable, timed out, bad host key, key rejected) or
 * an `input` one for an unreadable key file.
 */
export function connectNode(node: SshNode, inventory: Pick<Inventory, 'source' | 'connectTimeoutMs' | 'commandTimeoutMs'>): Promise<SshConnection> {
  const privateKey = readPrivateKey(node, inventory.source);
  const what = `${node.name} (${node.user}@${node.host}:${node.port})`;
  return new Promise((resolve, reject) => {
    const client = new Client();
    let hostKeyProblem: string | undefined;
    let settled = false;
    const fail = (message: string, cause?: unknown): void => {
      if (settled) return;
      settled = true;
      client.end();
      reject(new FaultlineError('cluster', `${what}: ${message}`, { hint: 'check the inventory and that the machine accepts SSH', cause }));
    };
    const config: ConnectConfig = {
      host: node.host,
      port: node.port,
      username: node.user,
      readyTimeout: inventory.connectTimeoutMs,
      keepaliveInterval: 5_000,
      hostVerifier: (key: Buffer) => {
        const verdict = verifyHostKey(node.hostKey, node.host, node.port, key);
        if (!verdict.ok) hostKeyProblem = verdict.reason;
        return verdict.ok;
      },
    };
    if (privateKey !== undefined) config.privateKey = privateKey;
    if (node.agent !== undefined) config.agent = node.agent;
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      resolve(new SshConnection(node, client, inventory.commandTimeoutMs));
    });
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      if (hostKeyProblem !== undefined) fail(hostKeyProblem, err);
      else if (err.level === 'client-authentication') fail(`the key was not accepted for user ${node.user}`, err);
      else if (err.code === 'ECONNREFUSED') fail('connection refused (is sshd running on that port?)', err);
      else if (/Timed out/i.test(err.message)) fail(`no SSH handshake within ${inventory.connectTimeoutMs} ms`, err);
      else if (/private key|parse|passphrase/i.test(err.message)) fail(`cannot use the private key ${node.privateKey ?? ''}: ${err.message}`, err);
      else fail(err.message, err);
    });
    try {
      client.connect(config);
    } catch (err) {
      fail(`cannot use the private key ${node.privateKey ?? ''}: ${(err as Error).message}`, err);
    }
  });
}

/**
 * connectAll connects to every node in parallel; if any fails, the others are closed and the first
 * failure (in node order) is thrown.
 */
export async function connectAll(inventory: Inventory): Promise<SshConnection[]> {
  const results = await Promise.allSettled(inventory.nodes.map((n) => connectNode(n, inventory)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) {
    for (const r of results) if (r.status === 'fulfilled') r.value.close();
    throw failed.reason;
  }
  return results.map((r) => (r as PromiseFulfilledResult<SshConnection>).value);
}
