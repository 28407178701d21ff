/**
 * JsonlHistoryParser: an incremental, synchronous parser for `history.jsonl` bytes.
 *
 * Feed it chunks as they arrive (`push`), then call `end`. It never holds more than one chunk plus a
 * partial line as text, so a 1 GB history streams. Lines are cut on the newline byte (which never
 * occurs inside a UTF-8 multi-byte sequence), each line is JSON.parse'd and checked by the fast
 * validator; ajv explains a line only when the fast check rejects it.
 */
import type { HistoryEvent } from '../core/event.js';
import { inputError } from '../core/errors.js';
import { normalizeEvent } from './normalize-event.js';
import { validateEventSchema } from './event-schema.js';

const NEWLINE = 0x0a;

/**
 * JsonlHistoryParser turns JSONL bytes into events. `file` names the source in messages
 * (`file:line: message (field "f")`). Blank lines are skipped. A malformed line throws
 * FaultlineError('input'); a last line with no trailing newline that is not valid JSON (a run that
 * crashed mid-write) is ignored and reported in `warnings`. Event times must not decrease.
 */
export class JsonlHistoryParser {
  /** Warnings for people (truncated last line), in order. */
  readonly warnings: string[] = [];
  private readonly file: string;
  private partial: Buffer[] = [];
  private line = 0;
  private count = 0;
  private lastTime = 0;
  private ended = false;

  constructor(file: string) {
    this.file = file;
  }

  /** eventCount is the number of events produced so far. */
  get eventCount(): number {
    return this.count;
  }

  /** push parses every complete line in `chunk` (plus any partial line kept from before). */
  push(chunk: Buffer | string): HistoryEvent[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const out: HistoryEvent[] = [];
    const lastNewline = bytes.lastIndexOf(NEWLINE);
    if (lastNewline < 0) {
      if (bytes.length > 0) this.partial.push(Buffer.from(bytes));
      return out;
    }
    let text: string;
    if (this.partial.length > 0) {
      this.partial.push(bytes.subarray(0, lastNewline + 1));
      text = Buffer.concat(this.partial).toString('utf8');
      this.partial = [];
    } else {
      text = bytes.toString('utf8', 0, lastNewline + 1);
    }
    // Copy the tail: a stream may reuse or pool its buffers.
    if (lastNewline + 1 < bytes.length) this.partial.push(Buffer.from(bytes.subarray(lastNewline + 1)));
    this.parseLines(text, out);
    return out;
  }

  /** end parses the last line if it has no trailing newline; call once, after the last push. */
  end(): HistoryEvent[] {
    const out: HistoryEvent[] = [];
    if (this.ended) return out;
    this.ended = true;
    if (this.partial.length === 0) return out;
    const text = Buffer.concat(this.partial).toString('utf8');
    this.partial = [];
    const lineNo = this.line + 1;
    if (isBlank(text)) return out;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.line = lineNo;
      this.warnings.push(
        `${this.file}:${lineNo}: truncated last line ignored (no trailing newline and not valid JSON: the run probably stopped while writing it)`,
      );
      return out;
    }
    this.line = lineNo;
    out.push(this.toEvent(raw, lineNo));
    return out;
  }

  private parseLines(text: string, out: HistoryEvent[]): void {
    let start = 0;
    if (this.line === 0 && text.charCodeAt(0) === 0xfeff) start = 1;
    const n = text.length;
    while (start < n) {
      let nl = text.indexOf('\n', start);
      if (nl < 0) nl = n;
      const lineNo = ++this.line;
      const lineText = text.slice(start, nl);
      start = nl + 1;
      if (lineText.length === 0 || (lineText.charCodeAt(0) <= 32 && isBlank(lineText))) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(lineText);
      } catch (err) {
        throw inputError(this.file, lineNo, `invalid JSON: ${(err as Error).message}`, { cause: err });
      }
      out.push(this.toEvent(raw, lineNo));
    }
  }

  private toEvent(raw: unknown, lineNo: number): HistoryEvent {
    const e = normalizeEvent(raw, this.count);
    if (e === null) {
      const problem = validateEventSchema(raw) ?? { message: 'is not a valid event' };
      const opts = problem.field === undefined ? {} : { field: problem.field };
      throw inputError(this.file, lineNo, problem.message, opts);
    }
    if (e.time < this.lastTime) {
      throw inputError(
        this.file,
        lineNo,
        `"time" ${e.time} is earlier than the previous event's ${this.lastTime} (times are monotonic nanoseconds)`,
        { field: 'time' },
      );
    }
    this.lastTime = e.time;
    this.count++;
    return e;
  }
}

function isBlank(s: string): boolean {
  return s.trim().length === 0;
}
