/**
 * readAnyHistory: read a history file in any supported format, detected from content unless given,
 * with the reading conventions natural to its source (fixtures/histories/LICENSES.md).
 */
import type { HistoryEvent } from '../core/event.js';
import type { Conventions } from '../core/operation.js';
import { DEFAULT_CONVENTIONS } from '../core/operation.js';
import { detectFormat } from './detect-format.js';
import type { HistoryFormat } from './detect-format.js';
import { readHistoryFile } from './read-history-file.js';
import { readEdnHistory } from './edn-history.js';
import { readJepsenLog } from './jepsen-log.js';
import { readPorcupineKv } from './porcupine-kv.js';
import { readHead } from './line-source.js';

/**
 * CONVENTIONS_BY_FORMAT: how each source's records are read. jsonl and porcupine-kv: faultline's
 * defaults. jepsen-log (the etcd logs): a failed cas is a failed compare, a failed read is unknown,
 * a nil read means never written. edn (Knossos): failed ops did not happen, nil reads are unconstrained.
 */
export const CONVENTIONS_BY_FORMAT: Readonly<Record<HistoryFormat, Conventions>> = {
  jsonl: DEFAULT_CONVENTIONS,
  'porcupine-kv': DEFAULT_CONVENTIONS,
  'jepsen-log': { failedCas: 'compare-failed', failedRead: 'unknown', nilRead: 'strict' },
  edn: { failedCas: 'dropped', failedRead: 'dropped', nilRead: 'unconstrained' },
};

/** AnyHistory is a history read from any format, with how it was read and each event's line. */
export interface AnyHistory {
  events: HistoryEvent[];
  /** The 1-based line of each event (`lines[i]` for `events[i]`), for messages naming file:line. */
  lines: number[];
  /** The file's name as used in messages. */
  file: string;
  format: HistoryFormat;
  warnings: string[];
  conventions: Conventions;
}

/** ReadAnyOptions: `format` overrides detection; `name` names the file in messages. */
export interface ReadAnyOptions {
  format?: HistoryFormat;
  name?: string;
}

/**
 * readAnyHistory reads `path` whole into events. Throws FaultlineError('input') for an unreadable
 * file, an undetectable format or a malformed record (naming file, line and field).
 */
export async function readAnyHistory(path: string, options: ReadAnyOptions = {}): Promise<AnyHistory> {
  const format = options.format ?? detectFormat(await readHead(path), path);
  const named = options.name === undefined ? {} : { name: options.name };
  const read =
    format === 'jsonl'
      ? await readHistoryFile(path, named)
      : format === 'edn'
        ? await readEdnHistory(path, named)
        : format === 'jepsen-log'
          ? await readJepsenLog(path, named)
          : await readPorcupineKv(path, named);
  return {
    events: read.events,
    lines: read.lines,
    file: options.name ?? path,
    format,
    warnings: read.warnings,
    conventions: CONVENTIONS_BY_FORMAT[format],
  };
}
