/**
 * Counterexamples for people: turn a search witness into the Counterexample of check-result.ts, and
 * print one as lines of text. Pure.
 */
import type { Counterexample, OpSummary, PartResult } from '../../src/core/check-result.js';
import type { Model } from '../../src/core/model.js';
import type { Operation } from '../../src/core/operation.js';
import type { Witness } from './wgl.js';

/** MAX_PREFIX_SHOWN bounds the linearized prefix kept in a counterexample (its last ops). */
export const MAX_PREFIX_SHOWN = 200;
/** MAX_CONCURRENT_SHOWN bounds the concurrent ops listed. */
export const MAX_CONCURRENT_SHOWN = 30;

/** summarizeOp renders one op as an OpSummary (`text` from the model's describeOp). */
export function summarizeOp<S>(op: Operation, model: Model<S>): OpSummary {
  const s: OpSummary = {
    id: op.id,
    process: op.process,
    f: op.f,
    text: model.describeOp(op),
    status: op.status,
    callNs: op.callNs,
    returnNs: Number.isFinite(op.returnNs) ? op.returnNs : null,
    invokeIndex: op.invokeIndex,
    completeIndex: op.completeIndex,
  };
  if (op.key !== undefined) s.key = op.key;
  return s;
}

/**
 * buildCounterexample turns `witness` (indices into `ops`) into a Counterexample: the last
 * MAX_PREFIX_SHOWN ops of the prefix, the state after it, the stuck ops with reasons, and the ops
 * concurrent with the stuck ones (the other candidates first, then by call time; info ops that cannot
 * change the state are left out). `shown` maps an index to the op shown
 * to people (the original op when `ops` were rewritten for a window); defaults to `ops`.
 */
export function buildCounterexample<S>(
  ops: readonly Operation[],
  model: Model<S>,
  witness: Witness,
  shown: (i: number) => Operation = (i) => ops[i]!,
): Counterexample {
  const prefix = witness.prefix.slice(-MAX_PREFIX_SHOWN);
  const stuckIdx = new Set(witness.stuck.map((s) => s.op));
  const inPrefix = new Set(witness.prefix);
  const concurrent: number[] = [];
  const seen = new Set<number>();
  const add = (i: number): void => {
    if (seen.has(i) || stuckIdx.has(i) || concurrent.length >= MAX_CONCURRENT_SHOWN) return;
    seen.add(i);
    concurrent.push(i);
  };
  for (const i of witness.candidates) add(i);
  const overlapping: number[] = [];
  for (const s of witness.stuck) {
    const x = ops[s.op]!;
    for (let j = 0; j < ops.length; j++) {
      const y = ops[j]!;
      // Info ops that cannot change the state never mattered to the search: leave them out.
      if (y.status === 'info' && model.readOnly?.(y) === true) continue;
      if (j !== s.op && !inPrefix.has(j) && y.callNs <= x.returnNs && y.returnNs >= x.callNs) overlapping.push(j);
    }
  }
  overlapping.sort((a, b) => ops[a]!.callNs - ops[b]!.callNs);
  for (const j of overlapping) add(j);
  return {
    linearized: prefix.map((i) => summarizeOp(shown(i), model)),
    stateAfterPrefix: model.describeState(witness.stateAfter as S),
    stuck: witness.stuck.map((s) => ({ op: summarizeOp(shown(s.op), model), reason: s.reason })),
    concurrent: concurrent.map((i) => summarizeOp(shown(i), model)),
  };
}

const ms = (ns: number | null): string => (ns === null ? '∞' : `${(ns / 1e6).toFixed(3)}ms`);
const line = (o: OpSummary): string => `p${o.process} ${o.text}  [${ms(o.callNs)} → ${ms(o.returnNs)}] (#${o.invokeIndex})`;

/** SHOWN_PREFIX_LINES is how many of the prefix's last ops formatCounterexample prints. */
export const SHOWN_PREFIX_LINES = 12;
/** SHOWN_STUCK_LINES is how many stuck ops formatCounterexample prints. */
export const SHOWN_STUCK_LINES = 5;
/** SHOWN_CONCURRENT_LINES is how many concurrent ops formatCounterexample prints. */
export const SHOWN_CONCURRENT_LINES = 12;

/**
 * formatCounterexample prints a part's verdict and counterexample for people, as lines (no JSON):
 * the window, the end of the linearizable prefix, the state it reached, the ops that cannot come
 * next (with why) and the concurrent ops. Pure; "" for a part without a counterexample.
 */
export function formatCounterexample(part: PartResult): string {
  const c = part.counterexample;
  if (c === undefined) return '';
  const name = part.part === '' ? 'history' : `key ${part.part}`;
  const out: string[] = [];
  const win = c.window === undefined ? '' : ` (fails within ${c.window.ops} ops between ${ms(c.window.fromNs)} and ${ms(c.window.toNs)})`;
  out.push(`${name}: not linearizable${win}`);
  if (c.linearized.length === 0) out.push('  linearized prefix: (none)');
  else {
    const tail = c.linearized.slice(-SHOWN_PREFIX_LINES);
    const more = c.linearized.length - tail.length;
    out.push(`  linearized prefix${more > 0 ? ` (last ${tail.length} ops; ${more}+ earlier not shown)` : ''}:`);
    for (const o of tail) out.push(`    ${line(o)}`);
  }
  out.push(`  state after prefix: ${c.stateAfterPrefix}`);
  out.push('  cannot be linearized next:');
  for (const s of c.stuck.slice(0, SHOWN_STUCK_LINES)) {
    out.push(`    ${line(s.op)}`);
    out.push(`      because ${s.reason}`);
  }
  if (c.stuck.length > SHOWN_STUCK_LINES) out.push(`    … and ${c.stuck.length - SHOWN_STUCK_LINES} more`);
  if (c.concurrent.length > 0) {
    out.push('  concurrent operations:');
    for (const o of c.concurrent.slice(0, SHOWN_CONCURRENT_LINES)) out.push(`    ${line(o)}`);
    if (c.concurrent.length > SHOWN_CONCURRENT_LINES) out.push(`    … and ${c.concurrent.length - SHOWN_CONCURRENT_LINES} more`);
  }
  return out.join('\n');
}
