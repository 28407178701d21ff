/**
 * EdnFormScanner: cuts EDN text, fed line by line, into the op maps of a Jepsen history.
 *
 * edn-data parses one form at a time but knows no line numbers and silently accepts truncated
 * input, so this scanner finds each op's text and first line first: either the elements of one
 * outer vector/list (`[{...} {...}]`, Knossos' history.edn) or top-level maps (one per line, the
 * Porcupine kv logs). It tracks strings, escapes, `\c` characters and `;` comments, and checks that
 * brackets balance. It does not parse the forms themselves.
 */
import { inputError } from '../core/errors.js';

/** EdnForm is the text of one op form and the line it starts on (1-based). */
export interface EdnForm {
  text: string;
  line: number;
}

const OPEN = '[({';
const CLOSE = '])}';

/**
 * EdnFormScanner collects op forms. Push lines in order with `pushLine`, then call `end`. Throws
 * FaultlineError('input') naming the file and line for unbalanced brackets, an element that is not a
 * collection, or content after the outer vector.
 */
export class EdnFormScanner {
  private readonly file: string;
  /** Nesting depth of brackets, counting the outer vector when there is one. */
  private depth = 0;
  /** Depth at which op forms sit: 1 inside an outer vector, 0 for top-level maps; -1 = not known yet. */
  private formDepth = -1;
  private outerClosed = false;
  private inString = false;
  private stack: string[] = [];
  private current: string[] = [];
  private currentLine = 0;
  private lastLine = 0;

  constructor(file: string) {
    this.file = file;
  }

  /** pushLine scans one line (without its newline) and returns the forms completed on it. */
  pushLine(line: string, lineNo: number): EdnForm[] {
    this.lastLine = lineNo;
    const out: EdnForm[] = [];
    let formStart = this.inForm() ? 0 : -1;
    const n = line.length;
    for (let i = 0; i < n; i++) {
      const c = line[i]!;
      if (this.inString) {
        if (c === '\\') i++;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (c === ';') break;
      if (c === '"') {
        this.inString = true;
        continue;
      }
      if (c === ' ' || c === '\t' || c === ',' || c === '\r') continue;
      if (c === '\\') {
        i++; // a character literal such as \a or \]: its next char is not syntax
        continue;
      }
      if (this.outerClosed) throw inputError(this.file, lineNo, 'unexpected content after the history vector');
      const open = OPEN.indexOf(c);
      if (open >= 0 || (c === '#' && line[i + 1] === '{')) {
        if (c === '#') i++;
        if (this.formDepth < 0) this.formDepth = c === '{' || c === '#' ? 0 : 1;
        if (this.depth === this.formDepth) {
          formStart = c === '#' ? i - 1 : i;
          this.currentLine = lineNo;
        }
        this.stack.push(CLOSE[open >= 0 ? open : 2]!);
        this.depth++;
        continue;
      }
      if (CLOSE.includes(c)) {
        const expected = this.stack.pop();
        if (expected !== c) {
          throw inputError(
            this.file,
            lineNo,
            expected === undefined ? `unexpected "${c}"` : `expected "${expected}" but found "${c}"`,
          );
        }
        this.depth--;
        if (this.depth === this.formDepth) {
          this.current.push(line.slice(formStart, i + 1));
          out.push({ text: this.current.join('\n'), line: this.currentLine });
          this.current = [];
          formStart = -1;
        } else if (this.depth === 0 && this.formDepth === 1) {
          this.outerClosed = true;
        }
        continue;
      }
      if (this.depth === this.formDepth || this.formDepth < 0) {
        throw inputError(this.file, lineNo, `expected an op map "{...}" but found "${line.slice(i).trim().slice(0, 20)}"`);
      }
    }
    if (formStart >= 0) this.current.push(line.slice(formStart));
    return out;
  }

  /** end checks that every bracket and string was closed. */
  end(): void {
    if (this.inString) throw inputError(this.file, this.lastLine, 'unterminated string at end of input');
    const expected = this.stack[this.stack.length - 1];
    if (expected !== undefined) {
      const where = this.inForm() ? ` (the op starting on line ${this.currentLine})` : '';
      throw inputError(this.file, this.lastLine, `missing "${expected}" at end of input${where}`);
    }
  }

  private inForm(): boolean {
    return this.formDepth >= 0 && this.depth > this.formDepth;
  }
}
