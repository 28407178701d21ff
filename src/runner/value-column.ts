/**
 * ValueColumn: a column of JSON-like values stored compactly — a tag byte plus an Int32 — for the
 * shapes register histories are made of (null, booleans, int32 numbers, [int32, int32] pairs: a cas);
 * anything else is kept as the value itself in a side list. Decoding gives a value structurally equal
 * to the one stored (a pair is a fresh array).
 */
import { Int32Column, Uint8Column } from './chunked-column.js';

const UNDEFINED = 0;
const NULL = 1;
const INT = 2;
const TRUE = 3;
const FALSE = 4;
const PAIR = 5;
const OTHER = 6;

const isInt32 = (v: unknown): v is number => typeof v === 'number' && (v | 0) === v && !Object.is(v, -0);

/** ValueColumn: see the file header. Rows are written once (push) or overwritten (set). */
export class ValueColumn {
  private readonly tags = new Uint8Column();
  private readonly vals = new Int32Column();
  private readonly pairs = new Int32Column();
  private readonly others: unknown[] = [];

  /** bytes is the memory held by the typed columns (the side list of other values not counted). */
  get bytes(): number {
    return this.tags.bytes + this.vals.bytes + this.pairs.bytes;
  }

  /** push appends `v`; returns its row. */
  push(v: unknown): number {
    const [tag, val] = this.encode(v);
    this.vals.push(val);
    return this.tags.push(tag);
  }

  /** set overwrites row `row` with `v`. */
  set(row: number, v: unknown): void {
    const [tag, val] = this.encode(v);
    this.tags.set(row, tag);
    this.vals.set(row, val);
  }

  /** get decodes row `row`. */
  get(row: number): unknown {
    const val = this.vals.get(row);
    switch (this.tags.get(row)) {
      case NULL:
        return null;
      case INT:
        return val;
      case TRUE:
        return true;
      case FALSE:
        return false;
      case PAIR:
        return [this.pairs.get(val), this.pairs.get(val + 1)];
      case OTHER:
        return this.others[val];
      default:
        return undefined;
    }
  }

  private encode(v: unknown): [number, number] {
    if (v === undefined) return [UNDEFINED, 0];
    if (v === null) return [NULL, 0];
    if (isInt32(v)) return [INT, v];
    if (v === true) return [TRUE, 0];
    if (v === false) return [FALSE, 0];
    if (Array.isArray(v) && v.length === 2 && isInt32(v[0]) && isInt32(v[1]) && Object.keys(v).length === 2) {
      const at = this.pairs.push(v[0]);
      this.pairs.push(v[1]);
      return [PAIR, at];
    }
    this.others.push(v);
    return [OTHER, this.others.length - 1];
  }
}
