/**
 * Fast validation and normalisation of one parsed JSONL event (the reader's hot path).
 *
 * It accepts exactly what schemas/history-event.schema.json accepts (a differential test holds the
 * two together) and builds a fresh `HistoryEvent` with a fixed shape: numeric keys become strings,
 * an absent value becomes null, an absent index becomes the event's position, and properties the
 * schema does not name are dropped.
 */
import type { EventType, HistoryEvent } from '../core/event.js';

const EVENT_TYPES: ReadonlySet<string> = new Set<EventType>(['invoke', 'ok', 'fail', 'info']);

/**
 * normalizeEvent returns the event for a parsed JSON value, or null when the value does not match
 * the schema (the caller then asks ajv for the reason). Pure. `position` is the 0-based event count,
 * used as the index when the value has none.
 */
export function normalizeEvent(raw: unknown, position: number): HistoryEvent | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const type = o['type'];
  if (typeof type !== 'string' || !EVENT_TYPES.has(type)) return null;
  const process = o['process'];
  if (typeof process === 'number') {
    if (!Number.isInteger(process) || process < 0) return null;
  } else if (process !== 'nemesis') return null;
  const f = o['f'];
  if (typeof f !== 'string') return null;
  const time = o['time'];
  if (typeof time !== 'number' || !Number.isInteger(time) || time < 0) return null;
  const index = o['index'];
  if (index !== undefined && (typeof index !== 'number' || !Number.isInteger(index) || index < 0)) return null;
  const key = o['key'];
  let keyText: string | undefined;
  if (typeof key === 'string') keyText = key;
  else if (typeof key === 'number') {
    if (!Number.isInteger(key)) return null;
    keyText = String(key);
  } else if (key !== undefined) return null;
  const node = o['node'];
  if (node !== undefined && typeof node !== 'string') return null;
  const value = o['value'];
  const e: HistoryEvent = {
    index: index === undefined ? position : (index as number),
    type: type as EventType,
    process,
    f,
    value: value === undefined ? null : value,
    time,
  };
  if (keyText !== undefined) e.key = keyText;
  if (node !== undefined) e.node = node;
  const error = o['error'];
  if (error !== undefined) e.error = error;
  if (o['local'] === true) e.local = true;
  return e;
}
