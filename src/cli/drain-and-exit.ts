/**
 * drainAndExit: the one way faultline's process ends once a command is done. stdout and stderr are
 * asynchronous when they are pipes, so `process.exit` right after a large write drops whatever the
 * reader has not taken yet (a `check --json | jq` cut at 64 KiB); this waits until both streams
 * have handed every byte to the OS, then exits with `code`.
 */

/**
 * drained resolves once everything written to `stream` so far has been flushed, or the stream
 * failed or closed. An empty write's callback runs after every earlier write completed ('drain'
 * alone would not do: it fires only after a write that passed the high-water mark).
 */
export function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('error', done);
    stream.on('close', done);
    stream.write('', done);
  });
}

/** drainAndExit waits for stdout and stderr to drain, then exits with `code`. */
export async function drainAndExit(code: number): Promise<never> {
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

/**
 * ignoreClosedPipes keeps a reader that stops early (`faultline check --json | head -1`) from
 * turning into an uncaught EPIPE: the rest of the output is dropped, the exit code stays the verdict's.
 */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
}
