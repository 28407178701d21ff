/**
 * Jepsen/Knossos EDN histories: one vector (or list) of op maps (`history.edn`, `;` comments
 * allowed), or one op map per line (Porcupine's kv logs). Both read into history events.
 */
import type { HistoryEvent } from '../core/event.js';
import { EdnFormScanner } from './edn-form-scanner.js';
import { jepsenOpToEvent, markExactTime, parseEdn, settleTimes } from './jepsen-op.js';
import { forEachLine } from './line-source.js';

/** ImportResult is an imported history, the warnings met reading it, and each event's line (1-based). */
export interface ImportResult {
  events: HistoryEvent[];
  warnings: string[];
  lines: number[];
}

/** A run of 16+ digits: the only numbers a double may round, worth the exact-time scan. */
const LONG_NUMBER = /\d{16}/;

/**
 * EdnHistoryParser is the pure, incremental EDN history parser: push lines in order, then `end`.
 * Times: kept exactly from `:time` (rebased when beyond 2^53) when every op has one and they never
 * decrease; otherwise synthesised from position (index * 1000 ns) with a warning if some times
 * existed (see settleTimes).
 */
export class EdnHistoryParser {
  private readonly file: string;
  private readonly scanner: EdnFormScanner;
  private readonly events: HistoryEvent[] = [];
  private readonly timesNs: (bigint | undefined)[] = [];
  private readonly lines: number[] = [];

  constructor(file: string) {
    this.file = file;
    this.scanner = new EdnFormScanner(file);
  }

  /** pushLine reads one line (no newline); lineNo is 1-based. */
  pushLine(line: string, lineNo: number): void {
    const forms = this.scanner.pushLine(line, lineNo);
    for (const form of forms) {
      const text = LONG_NUMBER.test(form.text) ? markExactTime(form.text) : form.text;
      const op = parseEdn(text, this.file, form.line);
      const { event, timeNs } = jepsenOpToEvent(op, this.events.length, this.file, form.line);
      this.events.push(event);
      this.timesNs.push(timeNs);
      this.lines.push(form.line);
    }
  }

  /** end finishes the input and returns the events (throws on unclosed brackets). */
  end(): ImportResult {
    this.scanner.end();
    const warnings = settleTimes(this.events, this.timesNs, this.file, this.lines);
    return { events: this.events, warnings, lines: this.lines };
  }
}

/** parseEdnHistory parses EDN history text (pure); `file` names it in messages. */
export function parseEdnHistory(text: string, file: string): ImportResult {
  const parser = new EdnHistoryParser(file);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) parser.pushLine(lines[i]!, i + 1);
  return parser.end();
}

/** readEdnHistory reads an EDN history file, streaming its lines. */
export async function readEdnHistory(path: string, options: { name?: string } = {}): Promise<ImportResult> {
  const parser = new EdnHistoryParser(options.name ?? path);
  await forEachLine(path, (line, lineNo) => parser.pushLine(line, lineNo));
  return parser.end();
}
