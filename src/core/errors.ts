/**
 * FaultlineError: the one error type for failures a user can cause or must act on.
 *
 * It carries a code (mapped to an exit code in one exhaustive switch), a message a user understands,
 * an optional hint, and the underlying cause. Store failures are data (op outcomes), never this.
 */

/** ErrorCode names each class of user-facing failure. */
export type ErrorCode =
  | 'usage' // bad flag or argument
  | 'input' // a malformed file (history, spec, config, model)
  | 'environment' // something missing on this machine (Docker, a binary, a port)
  | 'cluster' // the cluster could not be started or reached, or its adapter failed
  | 'interrupted' // Ctrl-C / SIGTERM
  | 'internal'; // a bug in faultline

/** FaultlineError is thrown for user-facing failures; see `exitCodeFor`. */
export class FaultlineError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FaultlineError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** exitCodeFor maps an error code to a process exit code (3 and up; 130 for an interrupt). */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'usage':
      return 3;
    case 'input':
      return 4;
    case 'environment':
      return 5;
    case 'cluster':
      return 6;
    case 'internal':
      return 10;
    case 'interrupted':
      return 130;
  }
}

/** inputError builds an `input` error naming the file, line and field at fault. */
export function inputError(
  file: string,
  line: number | undefined,
  message: string,
  options: { field?: string; hint?: string; cause?: unknown } = {},
): FaultlineError {
  const where = line === undefined ? file : `${file}:${line}`;
  const field = options.field === undefined ? '' : ` (field "${options.field}")`;
  const extra: { hint?: string; cause?: unknown } = {};
  if (options.hint !== undefined) extra.hint = options.hint;
  if (options.cause !== undefined) extra.cause = options.cause;
  return new FaultlineError('input', `${where}: ${message}${field}`, extra);
}
