/**
 * NodeProcess is one store node as an OS process: started with execa (argument array, no shell),
 * stdout and stderr appended to the node's log file, ready when it prints `READY <name> <port>`.
 * It tracks its own state (down, running, paused) because the OS cannot tell a SIGSTOPped child
 * from a busy one. Effects: spawns and signals processes, writes the log file.
 */
import fs from 'node:fs';
import { execa, type ResultPromise } from 'execa';
import { FaultlineError } from '../../core/errors.js';
import { guardChild, releaseChild } from './exit-guard.js';

/** NodeState: down (never started, killed or exited), running, or paused (SIGSTOP). */
export type NodeState = 'down' | 'running' | 'paused';

/** NodeProcessSpec is how to start one node: `node <storeEntry> ...args`, logging to `logPath`. */
export interface NodeProcessSpec {
  name: string;
  storeEntry: string;
  args: readonly string[];
  logPath: string;
  /** Called right after each spawn and exit, e.g. to record the pid in the run registry. */
  onPidChange?: () => void;
}

const STDERR_TAIL_LINES = 20;
const SPAWN_OPTIONS = {
  stdin: 'ignore',
  stdout: 'pipe',
  stderr: 'pipe',
  buffer: false,
  reject: false,
  cleanup: false, // the exit guard does this without hooking signals behind our back
  // Own process group: a Ctrl-C in the terminal reaches faultline only, which heals and then stops
  // the nodes (in faultline's group they would die of the same SIGINT before the heal).
  detached: true,
} as const;
type Child = ResultPromise<typeof SPAWN_OPTIONS>;

export class NodeProcess {
  readonly spec: NodeProcessSpec;
  private child: Child | null = null;
  private exited: Promise<void> = Promise.resolve();
  private stateValue: NodeState = 'down';
  private stderrTail: string[] = [];

  constructor(spec: NodeProcessSpec) {
    this.spec = spec;
  }

  /** state is what this node is doing, as far as faultline made it so. */
  get state(): NodeState {
    return this.stateValue;
  }

  /** pid of the running or paused process; undefined while down. */
  get pid(): number | undefined {
    return this.stateValue === 'down' ? undefined : this.child?.pid;
  }

  /**
   * start spawns the node and resolves once it printed its READY line. Rejects with a `cluster`
   * FaultlineError (naming the node, its log and its last stderr lines) when the node exits first
   * or is not ready within `readyTimeoutMs` (the node is then killed). Starting a live node throws.
   */
  async start(readyTimeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.stateValue !== 'down') throw new FaultlineError('internal', `node ${this.spec.name} is already running`);
    this.stderrTail = [];
    const log = fs.createWriteStream(this.spec.logPath, { flags: 'a' });
    const child = execa(process.execPath, [this.spec.storeEntry, ...this.spec.args], SPAWN_OPTIONS);
    const pid = child.pid;
    if (pid === undefined) {
      log.end();
      await child;
      throw new FaultlineError('cluster', `could not start node ${this.spec.name} (${process.execPath} ${this.spec.storeEntry})`);
    }
    this.child = child;
    this.stateValue = 'running';
    guardChild(pid);
    this.spec.onPidChange?.();
    log.write(`--- faultline: ${this.spec.name} started, pid ${pid}, at ${new Date().toISOString()}\n`);
    this.exited = child.then(
      () => this.onExit(child, pid),
      () => this.onExit(child, pid),
    );
    this.exited.finally(() => log.end()).catch(() => {});

    let stdoutRest = '';
    let stderrRest = '';
    let onReadyLine: (() => void) | undefined;
    child.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      const lines = (stdoutRest + chunk.toString('utf8')).split('\n');
      stdoutRest = lines.pop() ?? '';
      for (const line of lines) if (line.trim().startsWith(`READY ${this.spec.name} `)) onReadyLine?.();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      const lines = (stderrRest + chunk.toString('utf8')).split('\n');
      stderrRest = lines.pop() ?? '';
      this.stderrTail.push(...lines);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.splice(0, this.stderrTail.length - STDERR_TAIL_LINES);
    });

    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        onReadyLine = resolve;
        timer = setTimeout(() => reject(this.failure(`was not ready within ${readyTimeoutMs} ms`)), readyTimeoutMs);
        void this.exited.then(() => reject(this.failure(`exited before it was ready (${describeExit(child)})`)));
        if (signal !== undefined) {
          onAbort = () => reject(new FaultlineError('interrupted', `interrupted while starting node ${this.spec.name}`));
          if (signal.aborted) onAbort();
          else signal.addEventListener('abort', onAbort, { once: true });
        }
      });
    } catch (err) {
      await this.kill();
      throw err;
    } finally {
      onReadyLine = undefined;
      clearTimeout(timer);
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    }
  }

  /** kill SIGKILLs the node (continuing it first if paused) and waits for it to exit; no-op if down. */
  async kill(): Promise<void> {
    const pid = this.pid;
    if (pid !== undefined) {
      signalPid(pid, 'SIGCONT');
      signalPid(pid, 'SIGKILL');
    }
    await this.exited;
  }

  /** pause SIGSTOPs a running node; no-op unless running. */
  pause(): void {
    const pid = this.pid;
    if (this.stateValue !== 'running' || pid === undefined) return;
    signalPid(pid, 'SIGSTOP');
    this.stateValue = 'paused';
  }

  /** resume SIGCONTs a paused node; no-op unless paused. */
  resume(): void {
    const pid = this.pid;
    if (this.stateValue !== 'paused' || pid === undefined) return;
    signalPid(pid, 'SIGCONT');
    this.stateValue = 'running';
  }

  /** lastStderr returns the node's last stderr lines (up to 20), oldest first. */
  lastStderr(): string[] {
    return [...this.stderrTail];
  }

  private onExit(child: Child, pid: number): void {
    releaseChild(pid);
    if (this.child === child) {
      this.stateValue = 'down';
      this.child = null;
      this.spec.onPidChange?.();
    }
  }

  private failure(what: string): FaultlineError {
    const tail = this.stderrTail.filter((l) => l.trim() !== '');
    const stderr = tail.length === 0 ? ' (no stderr output)' : `; its last stderr lines:\n  ${tail.join('\n  ')}`;
    return new FaultlineError('cluster', `node ${this.spec.name} ${what}${stderr}`, {
      hint: `see the node's log ${this.spec.logPath}`,
    });
  }
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function describeExit(child: Child): string {
  const c = child as unknown as { exitCode: number | null; signalCode: string | null };
  return c.signalCode !== null && c.signalCode !== undefined ? `signal ${c.signalCode}` : `exit code ${String(c.exitCode)}`;
}
