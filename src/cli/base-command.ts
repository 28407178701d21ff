/**
 * BaseCommand: what every faultline command shares — one clear message and a non-zero exit for
 * errors a user can cause, never a stack trace (unless FAULTLINE_DEBUG is set).
 *
 * Exit codes: 0 valid, 1 invalid, 2 unknown (set by commands that check), 3 usage, 4 bad input,
 * 5 environment, 6 cluster, 10 internal, 130 interrupted.
 */
import { Command, Errors } from '@oclif/core';
import { FaultlineError, exitCodeFor } from '../core/errors.js';
import { INTERNAL_EXIT_CODE, fatalError, reportInternalError } from './internal-error.js';

export abstract class BaseCommand extends Command {
  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    if (process.env['FAULTLINE_DEBUG']) this.logToStderr(err.stack ?? String(err));
    // After an uncaught error the command stopped because of it (a run is aborted and torn down):
    // the exit code stays the internal error's, whatever the command then threw.
    if (fatalError() !== undefined) {
      if (err instanceof FaultlineError && err.code === 'interrupted') {
        this.logToStderr(`faultline: stopped after the internal error: ${err.message.replace(/^interrupted: /, '')}`);
      } else if (!(err instanceof Errors.ExitError)) {
        reportInternalError(err);
      }
      return this.exit(INTERNAL_EXIT_CODE);
    }
    if (err instanceof FaultlineError && err.code === 'internal') {
      reportInternalError(err);
      return this.exit(INTERNAL_EXIT_CODE);
    }
    if (err instanceof FaultlineError) {
      this.logToStderr(`faultline: ${err.message}`);
      if (err.hint) this.logToStderr(`hint: ${err.hint}`);
      return this.exit(exitCodeFor(err.code));
    }
    // oclif's own exit (this.exit) must pass through untouched.
    if (err instanceof Errors.ExitError) throw err;
    // Flag/argument parse errors from oclif: a usage error, exit 3 (2 means "unknown" here).
    if (isParseError(err)) {
      this.logToStderr(`faultline: ${parseErrorLine(err)}`);
      this.logToStderr(`hint: see \`faultline ${this.id?.replaceAll(':', ' ') ?? ''} --help\``);
      return this.exit(exitCodeFor('usage'));
    }
    if (err instanceof Errors.CLIError) {
      this.logToStderr(`faultline: ${firstLine(err.message)}`);
      const code = (err as { oclif?: { exit?: number } }).oclif?.exit;
      return this.exit(code === undefined || code < 3 ? exitCodeFor('usage') : code);
    }
    // Anything else is a bug: one line, the trace in <run dir>/error.log (or a temp file), exit 10.
    reportInternalError(err);
    return this.exit(INTERNAL_EXIT_CODE);
  }
}

function isParseError(err: Error): boolean {
  const name = err.constructor?.name ?? '';
  return (
    name.endsWith('FlagError') ||
    name.endsWith('ArgError') ||
    name === 'FailedFlagValidationError' ||
    name === 'UnexpectedArgsError' ||
    name === 'RequiredArgsError' ||
    name === 'NonExistentFlagsError' ||
    name === 'CLIParseError' ||
    (err instanceof Errors.CLIError && (err as { oclif?: { exit?: number } }).oclif?.exit === 2)
  );
}

// A missing argument is named as the usage line shows it ("missing argument FILE"); other parse
// messages are joined into one line.
function parseErrorLine(err: Error): string {
  const missing = (err as { args?: { name?: string; description?: string }[] }).args;
  if (err.constructor?.name === 'RequiredArgsError' && Array.isArray(missing) && missing.length > 0) {
    const names = missing.map((a) => (a.name ?? 'arg').toUpperCase());
    const about = missing.length === 1 && missing[0]?.description ? ` (${missing[0].description})` : '';
    return `missing argument${names.length === 1 ? '' : 's'} ${names.join(', ')}${about}`;
  }
  return firstLine(err.message);
}

// oclif's parse messages span lines ("Parsing --ops\n\tExpected an integer..."): join them into one.
function firstLine(s: string): string {
  const lines = s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('See more help'));
  const [first, second] = lines;
  if (first === undefined) return s;
  if (second === undefined) return first;
  return first.endsWith(':') ? `${first} ${second}` : `${first}: ${second}`;
}
