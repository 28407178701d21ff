/**
 * Jepsen/Knossos EDN histories: one vector (or list) of op maps (`history.edn`, `;` comments
 * allowed), or one op map per line (Porcupine's kv logs). Both read into history events.
 */
import type { HistoryEvent } from '../core/event.js';
import { EdnFormScanner } from './edn-form-scanner.js';
import { jepsenOpToEvent, parseEdn, settleTimes } from './jepsen-op.js';
import { forEachLine } from './line-source.js';

/** ImportResult is an imported history and the warnings met reading it. */
export interface ImportResult {
  events: HistoryEvent[];
  warnings: string[];
}

/**
 * EdnHistoryParser is the pure, incremental EDN history parser: push lines in order, then `end`.
 * Times: kept from `:time` when every op has one and they never decrease; otherwise synthesised
 * from position (index * 1000 ns) with a warning if some times existed (see settleTimes).
 */
export class EdnHistoryParser {
  private readonly file: string;
  private readonly scanner: EdnFormScanner;
  private readonly events: HistoryEvent[] = [];

  constructor(file: string) {
    this.file = file;
    this.scanner = new EdnFormScanner(file);
  }

  /** pushLine reads one line (no newline); lineNo is 1-based. */
  pushLine(line: string, lineNo: number): void {
    const forms = this.scanner.pushLine(line, lineNo);
    for (const form of forms) {
      const op = parseEdn(form.text, this.file, form.line);
      this.events.push(jepsenOpToEvent(op, this.events.length, this.file, form.line));
    }
  }

  /** end finishes the input and returns the events (throws on unclosed brackets). */
  end(): ImportResult {
    this.scanner.end();
    const warnings = settleTimes(this.events, this.file);
    return { events: this.events, warnings };
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
