/**
 * fastEventLine: the JSONL reader's fast path. It reads the common event line
 * (`{"index":0,"type":"invoke","process":3,"f":"cas","key":"7","value":[1,2],"time":1500}`) straight
 * from the file's bytes: no UTF-8 decoding of the line, no JSON.parse, no intermediate object, and
 * short ASCII strings (keys, `f`) come from a small intern table instead of a fresh allocation.
 *
 * Contract: for any line it returns either `undefined` ("not sure": the caller takes the slow path,
 * JSON.parse + normalizeEvent, which also words every error) or exactly the event the slow path
 * builds for that line — same fields, same values, same property order. It therefore accepts only a
 * strict subset of JSON: known top-level fields, each at most once; values null, true, false,
 * integers of at most 15 digits (no fraction, no exponent, no -0; no sign where the schema wants a
 * non-negative integer), ASCII strings without escapes or control characters, and flat arrays of
 * those. Anything else (a nested object in `value`, an escape, a non-ASCII byte, a large time, an
 * unknown field, …) goes to the slow path. Pure apart from the intern table (a cache of strings).
 */
import type { EventType, HistoryEvent } from '../core/event.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/** Field bits: a field seen twice sends the line to the slow path (JSON.parse keeps the last). */
const F_INDEX = 1;
const F_TYPE = 2;
const F_PROCESS = 4;
const F_F = 8;
const F_KEY = 16;
const F_VALUE = 32;
const F_TIME = 64;
const F_NODE = 128;
const F_ERROR = 256;
const F_LOCAL = 512;

/** NO: the "not sure" marker inside the scanner (never a value the scanner produces). */
const NO: unique symbol = Symbol('no');

/** The intern table: strings of at most INTERN_MAX bytes, by a hash of their bytes. */
const INTERN_SIZE = 4096;
const INTERN_MAX = 24;
const interned: (string | undefined)[] = new Array<string | undefined>(INTERN_SIZE);

// The scanner's state: one line of `buf` from `at` to `stop`. Module-level so a line costs no
// scanner object; the functions below are its only writers and run synchronously.
let buf: Uint8Array = new Uint8Array(0);
let at = 0;
let stop = 0;

/** LatinSlice: Buffer's native one-byte decoder (exact for ASCII bytes, which is all it is given). */
type LatinSlice = (this: Uint8Array, start: number, end: number) => string;
let latin1Slice: LatinSlice | undefined;

/**
 * fastEventLine parses the bytes `bytes[start, end)` (one line, no newline) as an event, or
 * returns undefined when the slow path must decide (see the file header). `position` is the 0-based
 * event count, used as the index when the line has none.
 */
export function fastEventLine(bytes: Buffer, start: number, end: number, position: number): HistoryEvent | undefined {
  latin1Slice ??= (bytes as unknown as { latin1Slice: LatinSlice }).latin1Slice;
  buf = bytes;
  at = start;
  stop = end;
  const e = scanEvent(position);
  buf = EMPTY;
  return e;
}

const EMPTY = new Uint8Array(0);

function scanEvent(position: number): HistoryEvent | undefined {
  skipSpace();
  if (peek() !== LBRACE) return undefined;
  at++;
  let seen = 0;
  let index: number | undefined;
  let type: EventType | undefined;
  let process: number | 'nemesis' | undefined;
  let f: string | undefined;
  let key: string | undefined;
  let value: unknown;
  let time: number | undefined;
  let node: string | undefined;
  let error: unknown;
  let local = false;
  skipSpace();
  if (peek() === RBRACE) return undefined;
  for (;;) {
    skipSpace();
    const bit = fieldName();
    if (bit === 0 || (seen & bit) !== 0) return undefined;
    seen |= bit;
    skipSpace();
    if (peek() !== COLON) return undefined;
    at++;
    skipSpace();
    switch (bit) {
      case F_INDEX:
        index = natural();
        if (index < 0) return undefined;
        break;
      case F_TYPE:
        type = eventType();
        if (type === undefined) return undefined;
        break;
      case F_PROCESS:
        if (peek() === QUOTE) {
          if (plainString() !== 'nemesis') return undefined;
          process = 'nemesis';
        } else {
          process = natural();
          if (process < 0) return undefined;
        }
        break;
      case F_F:
        f = plainString();
        if (f === undefined) return undefined;
        break;
      case F_KEY:
        if (peek() === QUOTE) key = plainString();
        else {
          const n = scanValue(false);
          key = typeof n === 'number' ? String(n) : undefined;
        }
        if (key === undefined) return undefined;
        break;
      case F_VALUE:
        value = scanValue(true);
        if (value === NO) return undefined;
        break;
      case F_TIME:
        time = natural();
        if (time < 0) return undefined;
        break;
      case F_NODE:
        node = plainString();
        if (node === undefined) return undefined;
        break;
      case F_ERROR:
        error = scanValue(true);
        if (error === NO) return undefined;
        break;
      default: {
        // F_LOCAL
        const v = scanValue(false);
        if (v !== true && v !== false) return undefined;
        local = v;
      }
    }
    skipSpace();
    const c = peek();
    at++;
    if (c === COMMA) continue;
    if (c === RBRACE) break;
    return undefined;
  }
  skipSpace();
  if (at !== stop) return undefined;
  if (type === undefined || process === undefined || f === undefined || time === undefined) return undefined;
  const e: HistoryEvent = {
    index: index === undefined ? position : index,
    type,
    process,
    f,
    value: (seen & F_VALUE) === 0 ? null : value,
    time,
  };
  if (key !== undefined) e.key = key;
  if (node !== undefined) e.node = node;
  if ((seen & F_ERROR) !== 0) e.error = error;
  if (local) e.local = true;
  return e;
}

function peek(): number {
  return at < stop ? buf[at]! : -1;
}

function skipSpace(): void {
  while (at < stop) {
    const c = buf[at]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return;
    at++;
  }
}

/** bytesAre tells whether the bytes from `from` spell `w` (ASCII). */
function bytesAre(from: number, w: string): boolean {
  for (let k = 0; k < w.length; k++) if (buf[from + k] !== w.charCodeAt(k)) return false;
  return true;
}

/** fieldName reads a quoted field name and returns its bit, 0 for any other name. */
function fieldName(): number {
  if (peek() !== QUOTE) return 0;
  const from = at + 1;
  let j = from;
  while (j < stop && buf[j] !== QUOTE) j++;
  if (j >= stop) return 0;
  at = j + 1;
  const n = j - from;
  let bit: number;
  let name: string;
  switch (buf[from]) {
    case 0x69 /* i */:
      bit = F_INDEX;
      name = 'index';
      break;
    case 0x74 /* t */:
      if (buf[from + 1] === 0x79) {
        bit = F_TYPE;
        name = 'type';
      } else {
        bit = F_TIME;
        name = 'time';
      }
      break;
    case 0x70 /* p */:
      bit = F_PROCESS;
      name = 'process';
      break;
    case 0x66 /* f */:
      bit = F_F;
      name = 'f';
      break;
    case 0x6b /* k */:
      bit = F_KEY;
      name = 'key';
      break;
    case 0x76 /* v */:
      bit = F_VALUE;
      name = 'value';
      break;
    case 0x6e /* n */:
      bit = F_NODE;
      name = 'node';
      break;
    case 0x65 /* e */:
      bit = F_ERROR;
      name = 'error';
      break;
    case 0x6c /* l */:
      bit = F_LOCAL;
      name = 'local';
      break;
    default:
      return 0;
  }
  return n === name.length && bytesAre(from, name) ? bit : 0;
}

/** eventType reads one of the four type strings as a constant. */
function eventType(): EventType | undefined {
  if (peek() !== QUOTE) return undefined;
  const from = at + 1;
  let j = from;
  while (j < stop && buf[j] !== QUOTE) j++;
  if (j >= stop) return undefined;
  at = j + 1;
  const n = j - from;
  if (n === 6 && bytesAre(from, 'invoke')) return 'invoke';
  if (n === 2 && bytesAre(from, 'ok')) return 'ok';
  if (n === 4 && bytesAre(from, 'info')) return 'info';
  if (n === 4 && bytesAre(from, 'fail')) return 'fail';
  return undefined;
}

/**
 * plainString reads an ASCII string with no escape and no control character; short ones come from
 * the intern table (verified byte by byte, so a hash collision only costs a miss).
 */
function plainString(): string | undefined {
  if (peek() !== QUOTE) return undefined;
  const from = at + 1;
  let j = from;
  let h = 0;
  for (;;) {
    if (j >= stop) return undefined;
    const c = buf[j]!;
    if (c === QUOTE) break;
    if (c === BACKSLASH || c < 0x20 || c >= 0x80) return undefined;
    h = (Math.imul(h, 31) + c) | 0;
    j++;
  }
  at = j + 1;
  const n = j - from;
  if (n > INTERN_MAX) return latin1Slice!.call(buf, from, j);
  const slot = (h ^ (h >>> 13) ^ n) & (INTERN_SIZE - 1);
  const hit = interned[slot];
  if (hit !== undefined && hit.length === n && bytesAre(from, hit)) return hit;
  const s = latin1Slice!.call(buf, from, j);
  interned[slot] = s;
  return s;
}

/**
 * natural reads a non-negative integer of at most 15 digits (always exact) without a leading zero;
 * -1 when the text is anything else (the caller then takes the slow path).
 */
function natural(): number {
  const from = at;
  let j = from;
  let n = 0;
  while (j < stop) {
    const c = buf[j]!;
    if (c < ZERO || c > NINE) break;
    n = n * 10 + (c - ZERO);
    j++;
  }
  const digits = j - from;
  if (digits === 0 || digits > 15) return -1;
  if (digits > 1 && buf[from] === ZERO) return -1;
  // A fraction or an exponent follows: leave it to JSON.parse.
  const next = j < stop ? buf[j] : -1;
  if (next === 0x2e || next === 0x65 || next === 0x45) return -1;
  at = j;
  return n;
}

/** scanValue reads null, true, false, an integer, a plain string, or (when `arrays`) a flat array. */
function scanValue(arrays: boolean): unknown {
  const c = peek();
  if (c === QUOTE) return plainString() ?? NO;
  if (c >= ZERO && c <= NINE) {
    const n = natural();
    return n < 0 ? NO : n;
  }
  if (c === MINUS) {
    at++;
    const n = natural();
    return n <= 0 ? NO : -n;
  }
  if (c === 0x6e /* n */) return word('null') ? null : NO;
  if (c === 0x74 /* t */) return word('true') ? true : NO;
  if (c === 0x66 /* f */) return word('false') ? false : NO;
  if (c === LBRACKET && arrays) {
    at++;
    const out: unknown[] = [];
    skipSpace();
    if (peek() === RBRACKET) {
      at++;
      return out;
    }
    for (;;) {
      skipSpace();
      const v = scanValue(false);
      if (v === NO) return NO;
      out.push(v);
      skipSpace();
      const d = peek();
      at++;
      if (d === COMMA) continue;
      if (d === RBRACKET) return out;
      return NO;
    }
  }
  return NO;
}

function word(w: string): boolean {
  if (at + w.length <= stop && bytesAre(at, w)) {
    at += w.length;
    return true;
  }
  return false;
}
