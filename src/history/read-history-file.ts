/**
 * File-level JSONL reading: stream a `history.jsonl` from disk through JsonlHistoryParser.
 *
 * One await per read chunk (1 MiB), never one per line, and the file is never held as one string.
 */
import { createReadStream } from 'node:fs';
import type { HistoryEvent } from '../core/event.js';
import { FaultlineError } from '../core/errors.js';
import { JsonlHistoryParser } from './jsonl-history-parser.js';

/** READ_CHUNK_BYTES is the read size; large enough that per-chunk overhead vanishes. */
export const READ_CHUNK_BYTES = 1 << 20;

/** HistoryReadOptions: `name` is the file name used in messages (default: the path as given). */
export interface HistoryReadOptions {
  name?: string;
  /** onWarning receives each warning as it is found (streamHistory only reports this way). */
  onWarning?: (warning: string) => void;
}

/** HistoryReadResult is a whole history, the warnings met reading it, and each event's line (1-based). */
export interface HistoryReadResult {
  events: HistoryEvent[];
  warnings: string[];
  lines: number[];
}

/**
 * streamHistory yields a JSONL history's events in batches (one batch per chunk read, possibly
 * empty batches skipped), so consumers pay one await per chunk. Throws FaultlineError('input') for a
 * missing/unreadable file or a malformed line; a truncated last line goes to `onWarning`.
 */
export async function* streamHistory(path: string, options: HistoryReadOptions = {}): AsyncGenerator<HistoryEvent[]> {
  const parser = new JsonlHistoryParser(options.name ?? path);
  for await (const batch of streamWith(parser, path, options)) {
    // Nothing here reads the event lines: drop them so memory stays bounded on huge files.
    parser.eventLines.length = 0;
    yield batch;
  }
}

async function* streamWith(parser: JsonlHistoryParser, path: string, options: HistoryReadOptions): AsyncGenerator<HistoryEvent[]> {
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  try {
    for await (const chunk of stream) {
      const batch = parser.push(chunk as Buffer);
      if (batch.length > 0) yield batch;
    }
  } catch (err) {
    throw asReadError(path, err);
  } finally {
    stream.destroy();
  }
  const last = parser.end();
  for (const w of parser.warnings) options.onWarning?.(w);
  if (last.length > 0) yield last;
}

/** readHistoryFile reads a whole JSONL history into memory; errors as for streamHistory. */
export async function readHistoryFile(path: string, options: HistoryReadOptions = {}): Promise<HistoryReadResult> {
  const warnings: string[] = [];
  const events: HistoryEvent[] = [];
  const onWarning = (w: string): void => {
    warnings.push(w);
    options.onWarning?.(w);
  };
  const parser = new JsonlHistoryParser(options.name ?? path);
  for await (const batch of streamWith(parser, path, { onWarning })) {
    for (let i = 0; i < batch.length; i++) events.push(batch[i]!);
  }
  return { events, warnings, lines: parser.eventLines };
}

/** asReadError keeps FaultlineErrors and turns I/O errors into an input error naming the file. */
export function asReadError(path: string, err: unknown): FaultlineError {
  if (err instanceof FaultlineError) return err;
  const code = (err as { code?: unknown }).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
  return new FaultlineError('input', `cannot read history ${path}: ${why}`, { cause: err });
}
