/**
 * Jepsen ops → history events: the part every importer shares.
 *
 * A Jepsen op is a map such as `{:process 3, :type :ok, :f :read, :value 4, :time 123}`; after EDN
 * parsing with keywords as strings it is a plain object. Keywords lose their colon (`:read` →
 * "read"), `:process :nemesis` becomes "nemesis", numeric keys become strings.
 */
import { parseEDNString } from 'edn-data';
import type { EventType, HistoryEvent } from '../core/event.js';
import { inputError } from '../core/errors.js';
import { TimeBase } from './exact-time.js';

const EVENT_TYPES: ReadonlySet<string> = new Set<EventType>(['invoke', 'ok', 'fail', 'info']);

/** SYNTHETIC_STEP_NS is the time given to event i when a source has no usable times: i * 1000 ns. */
export const SYNTHETIC_STEP_NS = 1000;

/**
 * parseEdn parses one EDN form with Jepsen's reading: keywords, symbols and chars as strings,
 * maps as objects, lists/vectors/sets as arrays, nil as null. Throws FaultlineError('input') naming
 * file and line when the text is not one complete form.
 */
export function parseEdn(text: string, file: string, line: number): unknown {
  let value: unknown;
  try {
    value = parseEDNString(text, {
      mapAs: 'object',
      keywordAs: 'string',
      listAs: 'array',
      setAs: 'array',
      symbolAs: 'string',
      charAs: 'string',
    });
  } catch (err) {
    throw inputError(file, line, `invalid EDN: ${(err as Error).message}`, { cause: err });
  }
  // edn-data returns null for truncated input; only the text `nil` may really mean null.
  if (value === null && text.trim() !== 'nil') throw inputError(file, line, `invalid EDN: incomplete form "${text.trim().slice(0, 40)}"`);
  return value;
}

/** JepsenEvent is an imported event with its exact `:time` (undefined when the op has none). */
export interface JepsenEvent {
  event: HistoryEvent;
  timeNs: bigint | undefined;
}

/**
 * jepsenOpToEvent converts one parsed Jepsen op map into an event; its index is the op's `:index`
 * when present, else `position`. Pure. `:time` may be a number or a BigInt (see markExactTime);
 * it is returned exactly as `timeNs` and the event's `time` is -1 until settleTimes fills it.
 * Throws FaultlineError('input') naming file, line and field for a missing or ill-typed field.
 * Unknown fields are ignored.
 */
export function jepsenOpToEvent(op: unknown, position: number, file: string, line: number): JepsenEvent {
  if (typeof op !== 'object' || op === null || Array.isArray(op)) throw inputError(file, line, 'an op must be a map');
  const o = op as Record<string, unknown>;
  const type = o['type'];
  if (type === undefined) throw inputError(file, line, 'missing required field ":type"', { field: 'type' });
  if (typeof type !== 'string' || !EVENT_TYPES.has(type)) {
    throw inputError(file, line, '":type" must be one of :invoke, :ok, :fail, :info', { field: 'type' });
  }
  const process = o['process'];
  if (process === undefined) throw inputError(file, line, 'missing required field ":process"', { field: 'process' });
  if (!(process === 'nemesis' || (typeof process === 'number' && Number.isInteger(process) && process >= 0))) {
    throw inputError(file, line, '":process" must be a non-negative integer or :nemesis', { field: 'process' });
  }
  const f = o['f'];
  if (f === undefined) throw inputError(file, line, 'missing required field ":f"', { field: 'f' });
  if (typeof f !== 'string') throw inputError(file, line, '":f" must be a keyword or string', { field: 'f' });
  const time = o['time'];
  if (
    time !== undefined &&
    !(typeof time === 'number' && Number.isSafeInteger(time) && time >= 0) &&
    !(typeof time === 'bigint' && time >= 0n)
  ) {
    throw inputError(file, line, '":time" must be a non-negative integer (nanoseconds)', { field: 'time' });
  }
  const index = o['index'];
  if (index !== undefined && !(typeof index === 'number' && Number.isInteger(index) && index >= 0)) {
    throw inputError(file, line, '":index" must be a non-negative integer', { field: 'index' });
  }
  const value = o['value'];
  const e: HistoryEvent = {
    index: index === undefined ? position : index,
    type: type as EventType,
    process,
    f,
    value: value === undefined ? null : value,
    time: -1,
  };
  const key = o['key'];
  if (key !== undefined && key !== null) {
    if (typeof key === 'string' || (typeof key === 'number' && Number.isInteger(key))) e.key = String(key);
    else throw inputError(file, line, '":key" must be a string, keyword or integer', { field: 'key' });
  }
  const node = o['node'];
  if (node !== undefined && node !== null) {
    if (typeof node !== 'string') throw inputError(file, line, '":node" must be a string', { field: 'node' });
    e.node = node;
  }
  const error = o['error'];
  if (error !== undefined && error !== null) e.error = error;
  return { event: e, timeNs: time === undefined ? undefined : BigInt(time as number | bigint) };
}

/**
 * settleTimes sets every event's time in place from the exact source times (`timesNs[i]` for
 * `events[i]`, `lines[i]` its line): the source's times are kept when every event has one and they
 * never decrease in file order, rebased with a TimeBase (epoch nanoseconds start at 0, exactly);
 * otherwise every event gets a synthetic time (index * SYNTHETIC_STEP_NS), which keeps file order as
 * real-time order (Knossos' reading), and a warning is returned when the source did have
 * (out-of-order or partial) times. Throws FaultlineError('input') when kept times span more than 2^53 ns.
 */
export function settleTimes(
  events: HistoryEvent[],
  timesNs: readonly (bigint | undefined)[],
  file: string,
  lines: readonly number[] = [],
): string[] {
  let have = 0;
  let monotonic = true;
  let prev = -1n;
  for (const t of timesNs) {
    if (t === undefined) continue;
    have++;
    if (t < prev) monotonic = false;
    prev = t;
  }
  if (have === events.length && monotonic) {
    const base = new TimeBase();
    for (let i = 0; i < events.length; i++) events[i]!.time = base.toNumber(timesNs[i]!, file, lines[i], 'time');
    return [];
  }
  for (let i = 0; i < events.length; i++) events[i]!.time = i * SYNTHETIC_STEP_NS;
  if (have === 0) return [];
  const why = monotonic ? `only ${have} of ${events.length} events have a :time` : 'its :time values decrease in file order';
  return [`${file}: ${why}; using synthetic times from file order (${SYNTHETIC_STEP_NS} ns per event), as Knossos orders by position`];
}

/**
 * markExactTime appends EDN's BigInt suffix `N` to a long integer given to the op map's own `:time`
 * (16 digits or more), so the EDN parser keeps it exact instead of rounding it to a double. Pure;
 * skips strings, comments and character literals, and touches `:time` only at the map's top level.
 */
export function markExactTime(form: string): string {
  let depth = 0;
  const n = form.length;
  for (let i = 0; i < n; i++) {
    const c = form[i]!;
    if (c === '"') {
      for (i++; i < n && form[i] !== '"'; i++) if (form[i] === '\\') i++;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === ';') {
      while (i < n && form[i] !== '\n') i++;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === ':' && depth === 1 && form.startsWith(':time', i) && /[\s,]/.test(form[i + 5] ?? '')) {
      const m = /^[\s,]+(\d{16,})(?![\dNM.eE\/])/.exec(form.slice(i + 5, i + 5 + 64));
      if (m !== null) {
        const end = i + 5 + m[0].length;
        return form.slice(0, end) + 'N' + form.slice(end);
      }
    }
  }
  return form;
}
