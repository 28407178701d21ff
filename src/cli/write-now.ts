/**
 * writeNow: a message that must reach the terminal even if the process exits right after it (an
 * interrupt notice, an internal error). While listr2 draws it replaces `process.stderr.write` with
 * a buffer that is only printed when the drawing ends — which a forced exit never reaches — so this
 * writes to file descriptor 2 directly, falling back to the stream when the descriptor would block.
 */
import fs from 'node:fs';

/** writeNow writes `line` and a newline to stderr synchronously. */
export function writeNow(line: string): void {
  try {
    fs.writeSync(2, `${line}\n`);
  } catch {
    process.stderr.write(`${line}\n`);
  }
}
