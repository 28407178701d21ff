/**
 * writeEventsJsonl writes events as JSON lines to a file, in chunks (no single huge string), and
 * resolves once the file is closed. Used for synthetic histories, which can be millions of events.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { HistoryEvent } from '../core/event.js';

/** writeEventsJsonl writes `events` to `path`, one JSON object per line. */
export async function writeEventsJsonl(path: string, events: readonly HistoryEvent[]): Promise<void> {
  const out = createWriteStream(path);
  const chunk: string[] = [];
  for (const e of events) {
    chunk.push(JSON.stringify(e));
    if (chunk.length === 4096) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk.length = 0;
    }
  }
  if (chunk.length > 0) out.write(chunk.join('\n') + '\n');
  out.end();
  await once(out, 'close');
}
