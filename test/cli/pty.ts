// Runs the built faultline binary on a real pseudo-terminal, through util-linux `script`: the child
// gets a pty as its controlling terminal (stdin, stdout and stderr are TTYs, so listr2 draws), and
// a byte written to script's stdin goes to the pty master — so writing ^C (\x03) makes the line
// discipline send SIGINT to the foreground process group, exactly as a keyboard Ctrl-C does.
import fs from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { ROOT } from './run-cli.js';

/** SCRIPT is util-linux script (skip pty tests where it is missing). */
export const SCRIPT = '/usr/bin/script';
export const HAVE_SCRIPT = fs.existsSync(SCRIPT);

/** PtyRun is a faultline process on a pty: its output so far, waits on it, and the keyboard. */
export interface PtyRun {
  /** Everything the terminal received so far (ANSI codes included). */
  output(): string;
  /** waitForOutput resolves when the output matches `re` (rejects if the process ends first). */
  waitForOutput(re: RegExp): Promise<void>;
  /** press writes bytes as typed on the keyboard, e.g. '\x03' for Ctrl-C. */
  press(bytes: string): void;
  /** The process's end: its exit code (script -e passes the child's through). */
  done: Promise<{ code: number }>;
  /** ended tells whether the process has ended. */
  ended(): boolean;
}

const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** runInPty starts `faultline ...args` on a 120x40 pty in `cwd` with extra `env`. */
export function runInPty(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): PtyRun {
  // script runs its -c command through a shell: the words are ours (test paths), quoted one by one.
  const command = ['stty cols 120 rows 40 &&', 'exec', quote(process.execPath), quote(join(ROOT, 'bin/run.js')), ...args.map(quote)].join(' ');
  const child = execa(SCRIPT, ['-qfec', command, '/dev/null'], {
    cwd: options.cwd,
    env: { FAULTLINE_DEBUG: '', ...options.env },
    stdin: 'pipe',
    reject: false,
    buffer: false,
  });
  let text = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of [...waiters]) w();
  });
  let ended = false;
  const done = child.then((r) => {
    ended = true;
    for (const w of [...waiters]) w();
    return { code: r.exitCode ?? -1 };
  });
  return {
    output: () => text,
    waitForOutput: (re) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (re.test(text)) {
            waiters.delete(check);
            resolve();
          } else if (ended) {
            waiters.delete(check);
            reject(new Error(`faultline ended before its output matched ${re}:\n${text.slice(-2000)}`));
          }
        };
        waiters.add(check);
        check();
      }),
    press: (bytes) => child.stdin.write(bytes),
    done,
    ended: () => ended,
  };
}

/** waitFor polls `condition` (every 50 ms) until it returns a value; rejects if `run` ends first. */
export async function waitFor<T>(condition: () => T | undefined, what: string, run: PtyRun): Promise<T> {
  for (;;) {
    const v = condition();
    if (v !== undefined) return v;
    if (run.ended()) throw new Error(`faultline ended before ${what}:\n${run.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
