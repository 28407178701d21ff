/**
 * history/: reading, writing, importing and exporting histories (the interop contract of
 * DESIGN.md "The history format"), and pairing events into operations.
 *
 * - pair.ts: events → operations (the checkers' input), under a source's Conventions.
 * - exact-time.ts: times beyond 2^53 read from their digits and rebased, so every reader is exact.
 * - schemas/history-event.schema.json + event-schema.ts: the shipped JSON Schema and its ajv validator;
 *   normalize-event.ts: the fast hand check that agrees with it.
 * - jsonl-history-parser.ts (pure, incremental) and read-history-file.ts (streaming file reader).
 * - format-event.ts and history-writer.ts: JSONL out, buffered and flushed at least once a second.
 * - Importers, each a pure line parser plus a file reader: edn-history.ts (Knossos/Jepsen EDN, with
 *   edn-form-scanner.ts and jepsen-op.ts), jepsen-log.ts, porcupine-kv.ts.
 * - detect-format.ts and read-any-history.ts: format detection and the natural conventions per format.
 * - to-jepsen-edn.ts: export to Jepsen EDN.
 */
export { pairOperations, operationsByKey, eventLocator, READ_FUNCTIONS, OperationPairer } from './pair.js';
export { pairJsonlFile } from './pair-jsonl-file.js';
export type { PairedHistory } from './pair-jsonl-file.js';
export type { EventLocator } from './pair.js';
export { TimeBase, topLevelNumberText } from './exact-time.js';
export { EVENT_SCHEMA_FILE, eventSchemaPath, validateEventSchema } from './event-schema.js';
export type { SchemaProblem } from './event-schema.js';
export { normalizeEvent } from './normalize-event.js';
export { JsonlHistoryParser } from './jsonl-history-parser.js';
export { readHistoryFile, streamHistory, READ_CHUNK_BYTES } from './read-history-file.js';
export type { HistoryReadOptions, HistoryReadResult } from './read-history-file.js';
export { formatEvent } from './format-event.js';
export { HistoryWriter } from './history-writer.js';
export type { HistoryWriterOptions } from './history-writer.js';
export { EdnHistoryParser, parseEdnHistory, readEdnHistory } from './edn-history.js';
export type { ImportResult } from './edn-history.js';
export { JepsenLogParser, parseJepsenLog, readJepsenLog } from './jepsen-log.js';
export { parsePorcupineKv, readPorcupineKv } from './porcupine-kv.js';
export { detectFormat, HISTORY_FORMATS } from './detect-format.js';
export type { HistoryFormat } from './detect-format.js';
export { readAnyHistory, CONVENTIONS_BY_FORMAT } from './read-any-history.js';
export type { AnyHistory, ReadAnyOptions } from './read-any-history.js';
export { toJepsenEdn, toEdnValue } from './to-jepsen-edn.js';
export { SYNTHETIC_STEP_NS } from './jepsen-op.js';
