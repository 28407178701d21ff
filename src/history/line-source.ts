/**
 * Line sources for the importers: stream a file's lines to a synchronous callback, or read its
 * first bytes for format detection. Files are never held whole as one string.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { asReadError, READ_CHUNK_BYTES } from './read-history-file.js';

/**
 * forEachLine calls `onLine(line, lineNo)` for every line of `path` (1-based numbers, newline and a
 * trailing \r removed, a final line without newline included). One await per chunk. I/O errors
 * become FaultlineError('input'); errors thrown by `onLine` propagate unchanged.
 */
export async function forEachLine(path: string, onLine: (line: string, lineNo: number) => void): Promise<void> {
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  let carry: Buffer[] = [];
  let lineNo = 0;
  const emit = (text: string): void => {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      onLine(text.slice(start, end), ++lineNo);
      start = nl + 1;
    }
  };
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      const last = bytes.lastIndexOf(0x0a);
      if (last < 0) {
        carry.push(Buffer.from(bytes));
        continue;
      }
      carry.push(bytes.subarray(0, last + 1));
      const text = Buffer.concat(carry).toString('utf8');
      carry = last + 1 < bytes.length ? [Buffer.from(bytes.subarray(last + 1))] : [];
      emit(text);
    }
  } catch (err) {
    throw asReadError(path, err);
  } finally {
    stream.destroy();
  }
  if (carry.length > 0) emit(Buffer.concat(carry).toString('utf8') + '\n');
}

/** readHead returns up to `bytes` bytes from the start of `path` as text (for detectFormat). */
export async function readHead(path: string, bytes = 64 * 1024): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.toString('utf8', 0, bytesRead);
  } catch (err) {
    throw asReadError(path, err);
  } finally {
    await handle?.close();
  }
}
