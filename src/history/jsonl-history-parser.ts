/**
 * JsonlHistoryParser: an incremental, synchronous parser for `history.jsonl` bytes.
 *
 * Feed it chunks as they arrive (`push`), then call `end`. It never holds more than one chunk plus a
 * partial line as text, so a 1 GB history streams. Lines are cut on the newline byte (which never
 * occurs inside a UTF-8 multi-byte sequence). The common line is read by fastEventLine without
 * JSON.parse; any other line is JSON.parse'd and checked by the fast validator (normalizeEvent);
 * ajv explains a line only when that check rejects it.
 */
import type { HistoryEvent } from '../core/event.js';
import { inputError } from '../core/errors.js';
import { normalizeEvent } from './normalize-event.js';
import { validateEventSchema } from './event-schema.js';
import { printable } from './detect-format.js';
import { exactIntegerText, TimeBase, topLevelNumberText } from './exact-time.js';
import { fastEventLine } from './fast-event-line.js';

const NEWLINE = 0x0a;

/**
 * JsonlHistoryParser turns JSONL bytes into events. `file` names the source in messages
 * (`file:line: message (field "f")`). Blank lines are skipped. A malformed line throws
 * FaultlineError('input'); a last line with no trailing newline that is not valid JSON (a run that
 * crashed mid-write) is ignored and reported in `warnings`. Event times must not decrease.
 * Times are exact: a time beyond 2^53 is read from its digits and the history rebased (TimeBase).
 */
export class JsonlHistoryParser {
  /** Warnings for people (truncated last line), in order. */
  readonly warnings: string[] = [];
  /** The 1-based line of every event produced so far, in order (for messages naming file:line). */
  readonly eventLines: number[] = [];
  private readonly file: string;
  private readonly times = new TimeBase();
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
    let lines: Buffer;
    if (this.partial.length > 0) {
      this.partial.push(bytes.subarray(0, lastNewline + 1));
      lines = Buffer.concat(this.partial);
      this.partial = [];
    } else {
      lines = bytes.subarray(0, lastNewline + 1);
    }
    // Copy the tail: a stream may reuse or pool its buffers.
    if (lastNewline + 1 < bytes.length) this.partial.push(Buffer.from(bytes.subarray(lastNewline + 1)));
    this.parseLines(lines, out);
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
    out.push(this.toEvent(raw, lineNo, text));
    return out;
  }

  /**
   * parseLines parses `bytes` (whole lines, the last ending in a newline). A line starting with `{`
   * goes through the byte-level fast path first; any line it is not sure of is decoded and parsed
   * as before (decoding one line alone gives the same text as decoding the chunk: a newline byte
   * never sits inside a UTF-8 sequence).
   */
  private parseLines(bytes: Buffer, out: HistoryEvent[]): void {
    let start = 0;
    if (this.line === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    const n = bytes.length;
    while (start < n) {
      let nl = bytes.indexOf(NEWLINE, start);
      if (nl < 0) nl = n;
      const lineNo = ++this.line;
      const lineStart = start;
      start = nl + 1;
      if (bytes[lineStart] === 0x7b /* { */) {
        const fast = fastEventLine(bytes, lineStart, nl, this.count);
        if (fast !== undefined) {
          out.push(this.accept(fast, lineNo, undefined));
          continue;
        }
      }
      const lineText = bytes.toString('utf8', lineStart, nl);
      if (lineText.length === 0 || (lineText.charCodeAt(0) <= 32 && isBlank(lineText))) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(lineText);
      } catch (err) {
        throw inputError(this.file, lineNo, `invalid JSON: ${printable((err as Error).message)}`, { cause: err });
      }
      out.push(this.toEvent(raw, lineNo, lineText));
    }
  }

  private toEvent(raw: unknown, lineNo: number, lineText: string): HistoryEvent {
    const e = normalizeEvent(raw, this.count);
    if (e === null) {
      const problem = validateEventSchema(raw) ?? { message: 'is not a valid event' };
      const opts = problem.field === undefined ? {} : { field: problem.field };
      throw inputError(this.file, lineNo, problem.message, opts);
    }
    return this.accept(e, lineNo, lineText);
  }

  /**
   * accept makes a normalized event's time exact, checks the order and counts it. `lineText` is
   * needed only when the time is not a safe integer (never the case for the fast path's events).
   */
  private accept(e: HistoryEvent, lineNo: number, lineText: string | undefined): HistoryEvent {
    e.time = this.exactTime(e.time, lineText ?? '', lineNo);
    if (e.time < this.lastTime) {
      const base = this.times.baseNs;
      throw inputError(
        this.file,
        lineNo,
        `"time" ${BigInt(e.time) + base} is earlier than the previous event's ${BigInt(this.lastTime) + base} (times are monotonic nanoseconds)`,
        { field: 'time' },
      );
    }
    this.lastTime = e.time;
    this.count++;
    this.eventLines.push(lineNo);
    return e;
  }

  /**
   * exactTime: the event's time, exact and rebased. A safe integer in a history that is not rebased
   * is kept as parsed (the fast path); otherwise the digits are read from the line itself, since
   * JSON.parse has already rounded a larger number.
   */
  private exactTime(parsed: number, lineText: string, lineNo: number): number {
    if (Number.isSafeInteger(parsed)) {
      if (this.times.keepsTimes) return parsed;
      return this.times.toNumber(BigInt(parsed), this.file, lineNo, 'time');
    }
    const text = topLevelNumberText(lineText, 'time') ?? String(parsed);
    const exact = exactIntegerText(text);
    if (exact === undefined) {
      throw inputError(this.file, lineNo, `"time" ${text} is beyond 2^53 and must be written as plain integer digits to be exact`, {
        field: 'time',
      });
    }
    return this.times.toNumber(exact, this.file, lineNo, 'time');
  }
}

function isBlank(s: string): boolean {
  return s.trim().length === 0;
}
