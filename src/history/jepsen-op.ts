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

/**
 * jepsenOpToEvent converts one parsed Jepsen op map into an event; its index is the op's `:index`
 * when present, else `position`. Pure.
 * `time` is -1 when the op has none (settleTimes fills it). Throws FaultlineError('input') naming
 * file, line and field for a missing or ill-typed field. Unknown fields are ignored.
 */
export function jepsenOpToEvent(op: unknown, position: number, file: string, line: number): HistoryEvent {
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
  if (time !== undefined && !(typeof time === 'number' && Number.isInteger(time) && time >= 0)) {
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
    time: time === undefined ? -1 : time,
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
  return e;
}

/**
 * settleTimes makes event times usable in place: the source's times are kept when every event has
 * one and they never decrease in file order; otherwise every event gets a synthetic time
 * (index * SYNTHETIC_STEP_NS), which keeps file order as real-time order (Knossos' reading), and a
 * warning is returned when the source did have (out-of-order or partial) times. Mutates `events`.
 */
export function settleTimes(events: HistoryEvent[], file: string): string[] {
  let have = 0;
  let monotonic = true;
  let prev = -1;
  for (const e of events) {
    if (e.time < 0) continue;
    have++;
    if (e.time < prev) monotonic = false;
    prev = e.time;
  }
  if (have === events.length && monotonic) return [];
  for (let i = 0; i < events.length; i++) events[i]!.time = i * SYNTHETIC_STEP_NS;
  if (have === 0) return [];
  const why = monotonic ? `only ${have} of ${events.length} events have a :time` : 'its :time values decrease in file order';
  return [`${file}: ${why}; using synthetic times from file order (${SYNTHETIC_STEP_NS} ns per event), as Knossos orders by position`];
}
