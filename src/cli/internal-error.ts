/**
 * Internal errors: a bug in faultline (an uncaught exception, an unhandled rejection, an error no
 * command expected) ends with exit code 10 — never 1, which means "invalid" — one line on stderr,
 * and the full trace in a file: `<run dir>/error.log` while a run directory exists, else a temp file.
 *
 * A command that owns resources (a running test) registers a hook with `onFatal`: the first fatal
 * error calls it (e.g. to abort the run, so faults are healed, the cluster stopped and the history
 * kept) and gives it FATAL_TEARDOWN_MS before the process is forced out; a second fatal error, or
 * none registered, exits at once (after stdout and stderr drained).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drainAndExit } from './drain-and-exit.js';
import { writeNow } from './write-now.js';

/** INTERNAL_EXIT_CODE is the exit code of a bug in faultline. */
export const INTERNAL_EXIT_CODE = 10;
/** FATAL_TEARDOWN_MS bounds the teardown a fatal error allows before the process is forced out. */
export const FATAL_TEARDOWN_MS = 30_000;

let errorLogDir: string | undefined;
let fatal: { error: unknown } | undefined;
let fatalHook: ((error: unknown) => void) | undefined;

/** setErrorLogDir names the run directory that gets `error.log` (undefined: a temp file instead). */
export function setErrorLogDir(dir: string | undefined): void {
  errorLogDir = dir;
}

/** fatalError is the first uncaught error of this process, if there was one. */
export function fatalError(): { error: unknown } | undefined {
  return fatal;
}

/** onFatal registers (or, with undefined, removes) the hook the first fatal error calls. */
export function onFatal(hook: ((error: unknown) => void) | undefined): void {
  fatalHook = hook;
}

/**
 * writeErrorLog appends the full trace of `err` (with its causes) to `<run dir>/error.log`, or to
 * `<tmpdir>/faultline-error-<pid>.log` when no run directory is set or it cannot be written.
 * Synchronous (usable from exit paths); returns the path, or undefined when nothing could be written.
 */
export function writeErrorLog(err: unknown): string | undefined {
  const text = `${new Date().toISOString()} faultline ${process.argv.slice(2).join(' ')}\n${describeTrace(err)}\n`;
  const candidates = [
    ...(errorLogDir === undefined ? [] : [path.resolve(errorLogDir, 'error.log')]),
    path.join(os.tmpdir(), `faultline-error-${process.pid}.log`),
  ];
  for (const file of candidates) {
    try {
      fs.appendFileSync(file, text);
      return file;
    } catch {
      // try the next place
    }
  }
  return undefined;
}

/** reportInternalError writes the trace file and prints the one line a user sees; returns the line. */
export function reportInternalError(err: unknown): string {
  const file = writeErrorLog(err);
  const line = `faultline: internal error: ${messageOf(err)}${file === undefined ? '' : ` (full trace in ${file})`}`;
  writeNow(line);
  return line;
}

/** installFatalHandlers routes uncaught exceptions and unhandled rejections to `handleFatal`. */
export function installFatalHandlers(): void {
  process.on('uncaughtException', handleFatal);
  process.on('unhandledRejection', handleFatal);
}

/** handleFatal: see the file header. */
export function handleFatal(err: unknown): void {
  if (fatal !== undefined) {
    reportInternalError(err);
    process.exit(INTERNAL_EXIT_CODE);
  }
  fatal = { error: err };
  process.exitCode = INTERNAL_EXIT_CODE;
  reportInternalError(err);
  const hook = fatalHook;
  if (hook === undefined) {
    void drainAndExit(INTERNAL_EXIT_CODE);
    return;
  }
  setTimeout(() => process.exit(INTERNAL_EXIT_CODE), FATAL_TEARDOWN_MS);
  try {
    hook(err);
  } catch (hookErr) {
    reportInternalError(hookErr);
    process.exit(INTERNAL_EXIT_CODE);
  }
}

function messageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}

function describeTrace(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== undefined && depth < 5; depth++) {
    parts.push(depth === 0 ? '' : 'caused by:', e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.filter((p) => p !== '').join('\n');
}
