/**
 * main: faultline's process from argv to exit code (bin/run.js calls it). It runs the oclif command,
 * turns whatever ends it into an exit code (oclif's ExitError carries the command's own code; any
 * other escaping error is a bug: exit 10 with the trace in a file), and exits only after stdout and
 * stderr drained, so output read through a pipe arrives whole.
 */
import { Errors, run } from '@oclif/core';
import { drainAndExit, ignoreClosedPipes } from './drain-and-exit.js';
import { INTERNAL_EXIT_CODE, fatalError, installFatalHandlers, reportInternalError } from './internal-error.js';

/** main runs faultline with `argv`, loading commands relative to `root` (bin/run.js's URL). Never returns. */
export async function main(argv: string[], root: string): Promise<never> {
  installFatalHandlers();
  ignoreClosedPipes();
  let code = 0;
  try {
    await run(argv, root);
  } catch (err) {
    code = exitCodeOf(err);
  }
  // One turn of the event loop, so a rejection left unhandled just before the end is still reported.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (fatalError() !== undefined) code = INTERNAL_EXIT_CODE;
  return drainAndExit(code);
}

function exitCodeOf(err: unknown): number {
  if (err instanceof Errors.ExitError) return err.oclif.exit ?? 0;
  // oclif's own user-facing errors that escape a command's catch (before a command is found).
  if (err instanceof Errors.CLIError && typeof err.oclif?.exit === 'number' && err.oclif.exit >= 3) {
    process.stderr.write(`faultline: ${err.message.split('\n')[0] ?? err.message}\n`);
    return err.oclif.exit;
  }
  reportInternalError(err);
  return INTERNAL_EXIT_CODE;
}
