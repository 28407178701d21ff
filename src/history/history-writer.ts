/**
 * HistoryWriter: appends events to a `history.jsonl` while a test runs.
 *
 * Appends are synchronous and buffered in memory; the buffer is written when it passes a size
 * threshold, on `flush()`, on a timer (at least once a second by default, so a crash keeps almost
 * everything), and on `close()`. Writes are serialised on one file handle, in append order.
 * If the process exits before `close()` (a second Ctrl-C, process.exit after a crash), an 'exit'
 * handler writes what is still buffered synchronously — unless an earlier chunk is still queued or
 * in flight, since writing after it would leave a gap or reorder the file; whole lines either way.
 * A failed write is kept: the next append, flush or close throws it (the timer's flushes do not).
 */
import { writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { HistoryEvent } from '../core/event.js';
import { FaultlineError } from '../core/errors.js';
import { formatEvent } from './format-event.js';

/** HistoryWriterOptions: timer period (ms; 0 disables the timer) and buffer size that forces a write. */
export interface HistoryWriterOptions {
  flushIntervalMs?: number;
  maxBufferedBytes?: number;
}

/** Writers not closed yet, for the one 'exit' handler (installed with the first writer). */
const unclosed = new Set<HistoryWriter>();
let exitHandlerInstalled = false;

/** HistoryWriter writes JSONL events to one file; create it with `HistoryWriter.open`. */
export class HistoryWriter {
  /** path is the file being written. */
  readonly path: string;
  private readonly handle: FileHandle;
  private readonly maxBufferedChars: number;
  private buffer: string[] = [];
  private bufferedChars = 0;
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private written = 0;
  /** Chunks taken from the buffer and not yet written (queued or in flight). */
  private pendingWrites = 0;

  private constructor(path: string, handle: FileHandle, options: HistoryWriterOptions) {
    this.path = path;
    this.handle = handle;
    this.maxBufferedChars = options.maxBufferedBytes ?? 1 << 20;
    const period = options.flushIntervalMs ?? 1000;
    if (period > 0) {
      this.timer = setInterval(() => void this.flush().catch(() => undefined), period);
      this.timer.unref();
    }
    unclosed.add(this);
    if (!exitHandlerInstalled) {
      exitHandlerInstalled = true;
      process.on('exit', () => {
        for (const w of unclosed) w.flushOnExit();
      });
    }
  }

  /**
   * open creates (or appends to) `path` and starts the flush timer. Throws FaultlineError
   * ('environment') when the file cannot be opened.
   */
  static async open(path: string, options: HistoryWriterOptions = {}): Promise<HistoryWriter> {
    try {
      return new HistoryWriter(path, await open(path, 'a'), options);
    } catch (err) {
      throw new FaultlineError('environment', `cannot open history ${path} for writing: ${(err as Error).message}`, { cause: err });
    }
  }

  /** eventsWritten counts events appended so far (buffered or on disk). */
  get eventsWritten(): number {
    return this.written;
  }

  /** append buffers one event (synchronous); throws after close or after a failed write. */
  append(e: HistoryEvent): void {
    if (this.closed) throw new FaultlineError('internal', `history ${this.path}: append after close`);
    if (this.failure !== undefined) throw this.writeError(this.failure);
    const line = formatEvent(e) + '\n';
    this.buffer.push(line);
    this.bufferedChars += line.length;
    this.written++;
    if (this.bufferedChars >= this.maxBufferedChars) void this.flush().catch(() => undefined);
  }

  /** flush writes everything appended so far; resolves when it is on disk (OS buffers). */
  flush(): Promise<void> {
    if (this.buffer.length > 0) {
      const text = this.buffer.join('');
      this.buffer = [];
      this.bufferedChars = 0;
      this.pendingWrites++;
      this.writing = this.writing.then(async () => {
        try {
          if (this.failure === undefined) await this.handle.write(text);
        } catch (err) {
          this.failure = err;
        } finally {
          this.pendingWrites--;
        }
      });
    }
    return this.writing.then(() => {
      if (this.failure !== undefined) throw this.writeError(this.failure);
    });
  }

  /** close flushes, stops the timer and closes the file; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    unclosed.delete(this);
    if (this.timer !== undefined) clearInterval(this.timer);
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }

  /** flushOnExit is the 'exit' handler's part (see the file header): synchronous, never throws. */
  flushOnExit(): void {
    if (this.closed || this.pendingWrites > 0 || this.failure !== undefined || this.buffer.length === 0) return;
    try {
      writeSync(this.handle.fd, this.buffer.join(''));
      this.buffer = [];
      this.bufferedChars = 0;
    } catch {
      // nothing more can be done while the process exits
    }
  }

  private writeError(err: unknown): FaultlineError {
    return new FaultlineError('environment', `cannot write history ${this.path}: ${(err as Error).message}`, { cause: err });
  }
}
