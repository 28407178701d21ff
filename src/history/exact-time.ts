/**
 * Exact event times. Other tools write epoch nanoseconds (~1.7e18), far beyond 2^53, where a JS
 * number can no longer tell t from t+100 and events would reorder. The readers therefore read a
 * large time from its digits as a BigInt and rebase the whole history with a TimeBase, so every
 * `time` the checkers see is an exact integer number.
 */
import { inputError } from '../core/errors.js';

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * TimeBase turns a history's exact times into exact numbers. The first time it is given decides the
 * base: a first time ≤ 2^53−1 (faultline's own histories, which start at 0) gives base 0 and times
 * are kept as written; a larger first time (epoch nanoseconds) becomes the base, so the first event
 * is at 0 and every time is rebased by the same amount (order and differences are kept exactly).
 */
export class TimeBase {
  private base: bigint | undefined;

  /** keepsTimes: the base is decided and is 0, so safe integer times pass through unchanged. */
  get keepsTimes(): boolean {
    return this.base === 0n;
  }

  /** baseNs is the amount subtracted from every time (0n until the first time is seen). */
  get baseNs(): bigint {
    return this.base ?? 0n;
  }

  /**
   * toNumber rebases exact time `t` and returns it as a number. Throws FaultlineError('input')
   * naming `file`, `line` and the field when the rebased time is still beyond 2^53−1 ns (a history
   * longer than ~104 days from its first event, or a first time near 2^53 followed by larger ones).
   * A time before the base gives a negative number (the reader's order check reports it).
   */
  toNumber(t: bigint, file: string, line: number | undefined, field: string): number {
    if (this.base === undefined) this.base = t > MAX_EXACT ? t : 0n;
    const rebased = t - this.base;
    if (rebased > MAX_EXACT) {
      throw inputError(file, line, `"${field}" ${t} is more than 2^53 ns after the history's first time ${this.base}, too far to keep exact`, {
        field,
      });
    }
    return Number(rebased);
  }
}

/** isExactNumber tells whether a parsed number is an integer a JS number holds exactly. */
export function isExactNumber(n: number): boolean {
  return Number.isSafeInteger(n);
}

/**
 * topLevelNumberText returns the literal text of the number a JSON object line gives its top-level
 * field `name` (e.g. "1700000000000009999"), or undefined when the line has no such field. Pure;
 * scans strings and nesting so a same-named field inside `value` is not taken. The line must be
 * valid JSON (callers parse it first).
 */
export function topLevelNumberText(line: string, name: string): string | undefined {
  const wanted = JSON.stringify(name);
  let depth = 0;
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      i++;
      while (i < n && line.charCodeAt(i) !== 0x22) i += line.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
      i++;
      if (depth === 1 && line.slice(start, i) === wanted) {
        let j = i;
        while (j < n && /\s/.test(line[j]!)) j++;
        if (line[j] !== ':') continue;
        j++;
        while (j < n && /\s/.test(line[j]!)) j++;
        const m = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(line.slice(j, j + 64));
        if (m !== null) return m[0];
      }
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) depth++;
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
    i++;
  }
  return undefined;
}

/**
 * exactIntegerText reads integer digits ("1700000000000009999") as a BigInt; undefined when the
 * text is not plain digits (a fraction or an exponent cannot be trusted to be exact).
 */
export function exactIntegerText(text: string): bigint | undefined {
  return /^\d+$/.test(text) ? BigInt(text) : undefined;
}
