/**
 * BaseCommand: what every faultline command shares — one clear message and a non-zero exit for
 * errors a user can cause, never a stack trace (unless FAULTLINE_DEBUG is set).
 *
 * Exit codes: 0 valid, 1 invalid, 2 unknown (set by commands that check), 3 usage, 4 bad input,
 * 5 environment, 6 cluster, 10 internal, 130 interrupted.
 */
import { Command, Errors } from '@oclif/core';
import { FaultlineError, exitCodeFor } from '../core/errors.js';

export abstract class BaseCommand extends Command {
  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    if (process.env['FAULTLINE_DEBUG']) this.logToStderr(err.stack ?? String(err));
    if (err instanceof FaultlineError) {
      this.logToStderr(`faultline: ${err.message}`);
      if (err.hint) this.logToStderr(`hint: ${err.hint}`);
      return this.exit(exitCodeFor(err.code));
    }
    // oclif's own exit (this.exit) must pass through untouched.
    if (err instanceof Errors.ExitError) throw err;
    // Flag/argument parse errors from oclif: a usage error, exit 3 (2 means "unknown" here).
    if (isParseError(err)) {
      this.logToStderr(`faultline: ${firstLine(err.message)}`);
      this.logToStderr(`hint: see \`faultline ${this.id?.replaceAll(':', ' ') ?? ''} --help\``);
      return this.exit(exitCodeFor('usage'));
    }
    if (err instanceof Errors.CLIError) {
      this.logToStderr(`faultline: ${firstLine(err.message)}`);
      const code = (err as { oclif?: { exit?: number } }).oclif?.exit;
      return this.exit(code === undefined || code < 3 ? exitCodeFor('usage') : code);
    }
    this.logToStderr(`faultline: internal error: ${err.message}`);
    this.logToStderr('hint: this is a bug in faultline; rerun with FAULTLINE_DEBUG=1 for the stack trace');
    return this.exit(exitCodeFor('internal'));
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

// oclif's parse messages span lines ("Parsing --ops\n\tExpected an integer..."): join them into one.
function firstLine(s: string): string {
  const lines = s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('See more help'));
  return lines.slice(0, 2).join(': ') || s;
}
