/**
 * formatEvent: one history event as one JSONL line, fields in a fixed order.
 */
import type { HistoryEvent } from '../core/event.js';

/**
 * formatEvent renders an event as a single line of JSON with no trailing newline, fields in the
 * order index, type, process, f, key, value, time, node, error, local (absent optional fields omitted; an
 * undefined value is written as null). Pure. The line reads back to an equal event.
 */
export function formatEvent(e: HistoryEvent): string {
  let s = `{"index":${e.index},"type":"${e.type}","process":${
    typeof e.process === 'number' ? e.process : '"nemesis"'
  },"f":${JSON.stringify(e.f)}`;
  if (e.key !== undefined) s += `,"key":${JSON.stringify(e.key)}`;
  s += `,"value":${e.value === undefined ? 'null' : JSON.stringify(e.value)},"time":${e.time}`;
  if (e.node !== undefined) s += `,"node":${JSON.stringify(e.node)}`;
  if (e.error !== undefined) s += `,"error":${JSON.stringify(e.error)}`;
  if (e.local === true) s += ',"local":true';
  return s + '}';
}
