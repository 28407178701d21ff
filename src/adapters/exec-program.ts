/**
 * ExecProgram: one running exec-adapter program — lines to its stdin, lines from its stdout, its
 * stderr appended to a log file (the run's `logs/adapter.log`) with the last lines kept in memory,
 * and how it ended. The JSON-lines protocol itself is in exec-adapter.ts.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';

/** TAIL_LINES: how many of the program's last stderr lines an error shows. */
export const TAIL_LINES = 10;
const MAX_LINE_CHARS = 400;

/** ProgramEnd is how a program ended: its exit code, the signal that killed it, or why it never started. */
export interface ProgramEnd {
  exitCode?: number;
  signal?: string;
  /** Set when the program could not be started (e.g. "spawn python4 ENOENT"). */
  startError?: string;
}

// No shell, no buffering (a long run would otherwise keep every reply and log line in memory), and a
// failing program never throws here: its end is reported through `ended`.
const EXEC_OPTIONS = { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', reject: false, buffer: false } as const;

function spawnProgram(file: string, args: readonly string[], cwd: string) {
  return execa(file, args, { ...EXEC_OPTIONS, cwd });
}
type Subprocess = ReturnType<typeof spawnProgram>;

/** ExecProgram owns one child process; see the file header. */
export class ExecProgram {
  /** Resolves once, when the program has exited (or could not start) and its output is read. */
  readonly ended: Promise<ProgramEnd>;
  /** Resolves when the program is running, or with its end when it could not start. */
  readonly started: Promise<ProgramEnd | undefined>;
  private readonly tailLines: string[] = [];
  private partial = '';
  private log: WriteStream | undefined;
  private done = false;

  private constructor(
    private readonly proc: Subprocess,
    onLine: (line: string) => void,
    logFile: string | undefined,
  ) {
    if (logFile !== undefined) {
      this.log = createWriteStream(logFile, { flags: 'a' });
      this.log.on('error', () => (this.log = undefined)); // an unwritable log never stops the run
    }
    // Writing to a program that has just died fails with EPIPE: its end is reported through `ended`.
    proc.stdin?.on('error', () => undefined);
    if (proc.stdout !== null) createInterface({ input: proc.stdout }).on('line', onLine);
    proc.stderr?.on('data', (chunk: Buffer) => this.keepStderr(chunk));
    this.ended = proc.then((r) => {
      this.done = true;
      if (this.partial !== '') this.pushTail(this.partial);
      const end: ProgramEnd = {};
      if (r.exitCode !== undefined) end.exitCode = r.exitCode;
      if (r.signal !== undefined) end.signal = r.signal;
      if (r.exitCode === undefined && r.signal === undefined) end.startError = r.originalMessage || r.shortMessage || 'unknown reason';
      return end;
    });
    this.started = new Promise((resolve) => {
      proc.once('spawn', () => resolve(undefined));
      void this.ended.then(resolve);
    });
  }

  /** start launches `file args` in `cwd`; stderr is appended to `logFile` when given (its folder is created). */
  static async start(file: string, args: readonly string[], cwd: string, onLine: (line: string) => void, logFile?: string): Promise<ExecProgram> {
    if (logFile !== undefined) await mkdir(dirname(logFile), { recursive: true });
    return new ExecProgram(spawnProgram(file, args, cwd), onLine, logFile);
  }

  /** write sends one line; false when the program has ended (nothing was sent). */
  write(line: string): boolean {
    if (this.done || this.proc.stdin === null || this.proc.stdin.destroyed) return false;
    this.proc.stdin.write(line + '\n');
    return true;
  }

  /** tail is the program's last stderr lines (at most TAIL_LINES, each cut to 400 characters). */
  tail(): string[] {
    return [...this.tailLines];
  }

  /**
   * stop sends `lastLine` (if any), closes stdin and waits for the program to exit, killing it after
   * `graceMs`; then closes the log. Safe to call after the program has ended.
   */
  async stop(lastLine: string | undefined, graceMs = 3000): Promise<void> {
    if (!this.done) {
      if (lastLine !== undefined) this.write(lastLine);
      this.proc.stdin?.end();
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
      await this.ended;
      clearTimeout(timer);
    }
    const log = this.log;
    this.log = undefined;
    if (log !== undefined) await new Promise<void>((resolve) => log.end(resolve));
  }

  private keepStderr(chunk: Buffer): void {
    this.log?.write(chunk);
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    // A line with no end in sight is kept only up to a bound (it is in the log file whole).
    this.partial = (parts.pop() ?? '').slice(0, MAX_LINE_CHARS * 4);
    for (const line of parts) this.pushTail(line);
  }

  private pushTail(line: string): void {
    this.tailLines.push(line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line);
    if (this.tailLines.length > TAIL_LINES) this.tailLines.shift();
  }
}

/** describeEnd says how a program ended, for a message: "exited with code 3", "was killed by SIGKILL". */
export function describeEnd(end: ProgramEnd): string {
  if (end.startError !== undefined) return `could not be started (${end.startError})`;
  if (end.signal !== undefined) return `was killed by ${end.signal}`;
  return `exited with code ${end.exitCode ?? '?'}`;
}
