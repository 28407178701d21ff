/**
 * Porcupine's kv logs: one EDN op map per line,
 * `{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}`. They have no times: event i
 * gets time i * 1000 ns. This is the EDN reader restricted to what these files hold.
 */
import { parseEdnHistory, readEdnHistory } from './edn-history.js';
import type { ImportResult } from './edn-history.js';

/** parsePorcupineKv parses kv log text (pure); `file` names it in messages. */
export function parsePorcupineKv(text: string, file: string): ImportResult {
  return parseEdnHistory(text, file);
}

/** readPorcupineKv reads a kv log file, streaming its lines. */
export function readPorcupineKv(path: string, options: { name?: string } = {}): Promise<ImportResult> {
  return readEdnHistory(path, options);
}
