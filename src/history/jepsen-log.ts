/**
 * Jepsen's text log: history lines such as `INFO  jepsen.util - 3	:invoke	:read	nil`, fields
 * separated by tabs or spaces, the value written as EDN (`nil`, `3`, `[1 2]`, `:timed-out`).
 *
 * Timed-out completions: when an `info` or `fail` completion's value is a bare keyword (e.g.
 * `:timed-out`), that keyword is not a result but a reason. It goes to `error` (without the colon)
 * and the completion keeps the value of its invoke, so a failed or unknown `cas` keeps its
 * `[from to]` (the compare-failed reading of the etcd logs needs it).
 *
 * Times: the log has none; event i gets time i * 1000 ns (file order is real-time order).
 * Lines: blank lines and lines that do not mention `jepsen.util` (other loggers) are skipped, with
 * one warning saying how many; a `jepsen.util` line that is not a well-formed history line is an error.
 */
import type { EventType, HistoryEvent, Process } from '../core/event.js';
import { inputError } from '../core/errors.js';
import { parseEdn, SYNTHETIC_STEP_NS } from './jepsen-op.js';
import { forEachLine } from './line-source.js';
import type { ImportResult } from './edn-history.js';

const MARKER = 'jepsen.util';
const TYPES: ReadonlySet<string> = new Set(['invoke', 'ok', 'fail', 'info']);
/** After the marker: a `-` or `:` separator, then process, type, f and the rest (the value). */
const FIELDS = /^\s*[-:]\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(.*?))?\s*$/;

/** JepsenLogParser is the pure, incremental parser for Jepsen text logs: push lines, then `end`. */
export class JepsenLogParser {
  private readonly file: string;
  private readonly events: HistoryEvent[] = [];
  private readonly lines: number[] = [];
  /** The invoke value pending per process, for timed-out completions. */
  private readonly pendingValue = new Map<Process, unknown>();
  private skipped = 0;
  private firstSkipped = 0;

  constructor(file: string) {
    this.file = file;
  }

  /** pushLine reads one line (no newline); lineNo is 1-based. */
  pushLine(line: string, lineNo: number): void {
    const at = line.indexOf(MARKER);
    if (at < 0) {
      if (line.trim().length > 0) {
        if (this.skipped === 0) this.firstSkipped = lineNo;
        this.skipped++;
      }
      return;
    }
    const m = FIELDS.exec(line.slice(at + MARKER.length));
    if (m === null) {
      throw inputError(this.file, lineNo, 'malformed history line: expected "<process> <type> <f> <value>" after "jepsen.util -"');
    }
    const [, processText, typeText, fText, valueText] = m as unknown as [string, string, string, string, string | undefined];
    const process = parseProcess(processText);
    if (process === undefined) {
      throw inputError(this.file, lineNo, `process "${processText}" must be a non-negative integer or :nemesis`, { field: 'process' });
    }
    const type = typeText.startsWith(':') ? typeText.slice(1) : typeText;
    if (!TYPES.has(type)) throw inputError(this.file, lineNo, `type "${typeText}" must be one of :invoke, :ok, :fail, :info`, { field: 'type' });
    const f = fText.startsWith(':') ? fText.slice(1) : fText;
    const raw = valueText === undefined || valueText === '' ? 'nil' : valueText;
    const e: HistoryEvent = {
      index: this.events.length,
      type: type as EventType,
      process,
      f,
      value: null,
      time: this.events.length * SYNTHETIC_STEP_NS,
    };
    if ((type === 'info' || type === 'fail') && /^:[^\s[\]{}()"]+$/.test(raw)) {
      e.error = raw.slice(1);
      e.value = this.pendingValue.get(process) ?? null;
    } else {
      e.value = parseEdn(raw, this.file, lineNo);
    }
    if (type === 'invoke') this.pendingValue.set(process, e.value);
    else this.pendingValue.delete(process);
    this.events.push(e);
    this.lines.push(lineNo);
  }

  /** end returns the events and a warning when non-history lines were skipped. */
  end(): ImportResult {
    const warnings: string[] = [];
    if (this.skipped > 0) {
      warnings.push(`${this.file}: skipped ${this.skipped} line(s) that are not jepsen.util history lines (first at line ${this.firstSkipped})`);
    }
    return { events: this.events, warnings, lines: this.lines };
  }
}

function parseProcess(text: string): Process | undefined {
  if (text === ':nemesis' || text === 'nemesis') return 'nemesis';
  if (!/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/** parseJepsenLog parses Jepsen log text (pure); `file` names it in messages. */
export function parseJepsenLog(text: string, file: string): ImportResult {
  const parser = new JepsenLogParser(file);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) parser.pushLine(lines[i]!.replace(/\r$/, ''), i + 1);
  return parser.end();
}

/** readJepsenLog reads a Jepsen log file, streaming its lines. */
export async function readJepsenLog(path: string, options: { name?: string } = {}): Promise<ImportResult> {
  const parser = new JepsenLogParser(options.name ?? path);
  await forEachLine(path, (line, lineNo) => parser.pushLine(line, lineNo));
  return parser.end();
}
