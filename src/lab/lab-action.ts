/**
 * LabAction: what a click on the lab page asks the cluster to do, and the nemesis op it is recorded
 * as. `parseLabAction` checks a request body against the cluster's nodes (one clear message when it
 * is wrong); `nemesisOpFor` names the op with the f's the report pairs into fault windows
 * (start-partition/stop-partition, kill/start, pause/resume, bump-clock/reset-clock, heal). Pure.
 */
import type { Grudge } from '../core/cluster.js';

/** LabAction is one fault (or heal) applied by hand. Clock offsets are ms relative to real time. */
export type LabAction =
  | { kind: 'cut'; a: string; b: string }
  | { kind: 'mend'; a: string; b: string }
  | { kind: 'isolate'; node: string }
  | { kind: 'heal' }
  | { kind: 'kill'; node: string }
  | { kind: 'restart'; node: string }
  | { kind: 'pause'; node: string }
  | { kind: 'resume'; node: string }
  | { kind: 'clock'; node: string; offsetMs: number };

/** MAX_CLOCK_OFFSET_MS bounds a skew set by hand (a day). */
export const MAX_CLOCK_OFFSET_MS = 86_400_000;

/** parseLabAction validates `body`; returns the action or a one-line reason it is not one. */
export function parseLabAction(body: unknown, nodes: readonly string[]): LabAction | string {
  if (typeof body !== 'object' || body === null) return 'the body must be a JSON object with a "kind"';
  const b = body as Record<string, unknown>;
  const node = (field: string): string | undefined => {
    const v = b[field];
    return typeof v === 'string' && nodes.includes(v) ? v : undefined;
  };
  const needNode = (field: string): string => `"${field}" must be one of ${nodes.join(', ')}`;
  switch (b['kind']) {
    case 'heal':
      return { kind: 'heal' };
    case 'cut':
    case 'mend': {
      const a = node('a');
      const c = node('b');
      if (a === undefined) return needNode('a');
      if (c === undefined || c === a) return `${needNode('b')} and differ from "a"`;
      return { kind: b['kind'], a, b: c };
    }
    case 'isolate':
    case 'kill':
    case 'restart':
    case 'pause':
    case 'resume': {
      const n = node('node');
      return n === undefined ? needNode('node') : { kind: b['kind'], node: n };
    }
    case 'clock': {
      const n = node('node');
      if (n === undefined) return needNode('node');
      const offset = b['offsetMs'];
      if (typeof offset !== 'number' || !Number.isInteger(offset) || Math.abs(offset) > MAX_CLOCK_OFFSET_MS) {
        return `"offsetMs" must be an integer from -${MAX_CLOCK_OFFSET_MS} to ${MAX_CLOCK_OFFSET_MS}`;
      }
      return { kind: 'clock', node: n, offsetMs: offset };
    }
    default:
      return '"kind" must be one of cut, mend, isolate, heal, kill, restart, pause, resume, clock';
  }
}

/** NemesisOp is how an action appears in the history (process "nemesis"). */
export interface NemesisOp {
  f: string;
  value: unknown;
}

/**
 * nemesisOpFor names the op recorded for `action`. Link changes record the whole partition that
 * results (`grudgeAfter`): a new `start-partition` replaces the previous window, an empty grudge is
 * `stop-partition`.
 */
export function nemesisOpFor(action: LabAction, grudgeAfter: Grudge): NemesisOp {
  switch (action.kind) {
    case 'cut':
    case 'mend':
    case 'isolate':
      return Object.keys(grudgeAfter).length === 0
        ? { f: 'stop-partition', value: null }
        : { f: 'start-partition', value: { kind: 'lab', grudge: grudgeAfter } };
    case 'heal':
      return { f: 'heal', value: null };
    case 'kill':
      return { f: 'kill', value: [action.node] };
    case 'restart':
      return { f: 'start', value: [action.node] };
    case 'pause':
      return { f: 'pause', value: [action.node] };
    case 'resume':
      return { f: 'resume', value: [action.node] };
    case 'clock':
      return action.offsetMs === 0
        ? { f: 'reset-clock', value: { nodes: [action.node] } }
        : { f: 'bump-clock', value: { nodes: [action.node], offsetMs: action.offsetMs } };
  }
}
