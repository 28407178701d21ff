/**
 * pairJsonlFile: read a `history.jsonl` and pair it on the fly, for `faultline check`. The events
 * are never held all at once (each chunk's events are paired and dropped), which at a million
 * operations saves most of the reading time (no old-generation copies of two million events) and
 * half the memory. Same messages as readHistoryFile + pairOperations, in the same order: a malformed
 * line anywhere wins over a pairing error, which is reported once the whole file is read.
 */
import { createReadStream } from 'node:fs';
import type { Conventions, Operation } from '../core/operation.js';
import type { OutcomeTally } from './outcome-counts.js';
import { JsonlHistoryParser } from './jsonl-history-parser.js';
import { OperationPairer, eventLocator } from './pair.js';
import { asReadError, READ_CHUNK_BYTES } from './read-history-file.js';
import type { HistoryEvent } from '../core/event.js';

/** PairedHistory: the operations, how many events there were, the outcome counts and warnings. */
export interface PairedHistory {
  ops: Operation[];
  events: number;
  /** As countOutcomes counts them (an invoke pending at the end is info). */
  counts: OutcomeTally;
  warnings: string[];
  /** The first pairing error, thrown only after the file was read whole (see the header). */
  pairingError?: unknown;
}

/**
 * pairJsonlFile reads and pairs `path` under `conventions`; `name` names the file in messages.
 * Throws FaultlineError('input') for an unreadable file or a malformed line (as readHistoryFile);
 * a pairing error is returned in `pairingError` (the caller decides what comes first).
 */
export async function pairJsonlFile(path: string, conventions: Conventions, name = path): Promise<PairedHistory> {
  const parser = new JsonlHistoryParser(name);
  const pairer = new OperationPairer(conventions, eventLocator(name, parser.eventLines));
  const counts: OutcomeTally = { ok: 0, fail: 0, info: 0 };
  const pendingProcesses = new Set<number>();
  let position = 0;
  let pairingError: unknown;
  const take = (batch: HistoryEvent[]): void => {
    for (let i = 0; i < batch.length; i++) {
      const e = batch[i]!;
      if (typeof e.process === 'number') {
        if (e.type === 'invoke') pendingProcesses.add(e.process);
        else {
          pendingProcesses.delete(e.process);
          counts[e.type]++;
        }
        if (pairingError === undefined) {
          try {
            pairer.push(e, position);
          } catch (err) {
            pairingError = err;
          }
        }
      }
      position++;
    }
  };
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  try {
    for await (const chunk of stream) take(parser.push(chunk as Buffer));
  } catch (err) {
    throw asReadError(path, err);
  } finally {
    stream.destroy();
  }
  take(parser.end());
  counts.info += pendingProcesses.size;
  const out: PairedHistory = { ops: pairingError === undefined ? pairer.finish() : [], events: position, counts, warnings: [...parser.warnings] };
  if (pairingError !== undefined) out.pairingError = pairingError;
  return out;
}
