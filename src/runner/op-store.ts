/**
 * OpStore: a history kept compactly for the checkers while a test runs — events are paired as they
 * arrive (the rules of src/history/pair.ts under the default conventions) and each operation is one
 * row of typed columns (about 50 bytes, outside the JS heap), grouped by key only when a checker asks
 * (KeyedHistory, checkers/keyed-history.ts). No event object is kept: a 9M-op run takes ~0.4 GB
 * here instead of several GB of event objects.
 *
 * Rows are allocated at the invoke, in invoke order (the order pairOperations gives), and completed
 * in place. Status per row: pending, ok, info (returnNs Infinity, no output) or fail. Nemesis events
 * are not stored; only the phase times the checkers need are (PhaseTimes).
 */
import type { HistoryEvent } from '../core/event.js';
import type { Operation } from '../core/operation.js';
import { FaultlineError } from '../core/errors.js';
import type { KeyBatch, KeyedHistory, PhaseTimes } from '../../checkers/keyed-history.js';
import { HEAL_FUNCTIONS, WRITE_FUNCTIONS } from '../../checkers/eventual/register-history.js';
import { READ_FUNCTIONS } from '../history/pair.js';
import { Float64Column, Int32Column, Uint16Column, Uint32Column, Uint8Column } from './chunked-column.js';
import { ValueColumn } from './value-column.js';

const PENDING = 0;
const OK = 1;
const INFO = 2;
const FAIL = 3;
const STATUS = 3;
const LOCAL = 4;
const HAS_KEY = 8;

/** Interner maps strings to dense ids (0..) and back. */
class Interner {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(s, id);
      this.names.push(s);
    }
    return id;
  }
}

/** OpStore: see the file header. `add` every event in history order, then read it as a KeyedHistory. */
export class OpStore implements KeyedHistory {
  readonly phases: PhaseTimes = { lastNemesisNs: 0, lastWriteEventNs: 0, lastNonReadCompletionNs: 0, lastHealNs: undefined };
  private readonly callNs = new Float64Column();
  private readonly returnNs = new Float64Column();
  private readonly invokeIndex = new Uint32Column();
  private readonly completeIndex = new Int32Column();
  private readonly process = new Int32Column();
  private readonly keyId = new Int32Column();
  private readonly fId = new Uint16Column();
  private readonly nodeId = new Uint16Column();
  private readonly flags = new Uint8Column();
  private readonly input = new ValueColumn();
  private readonly output = new ValueColumn();
  private readonly keys = new Interner();
  private readonly fs = new Interner();
  private readonly nodes = new Interner();
  /** Rows per key id, and each key's first and last row: rows of a key are chained by `nextRow`. */
  private keyRows: number[] = [];
  private keyFirst: number[] = [];
  private keyLast: number[] = [];
  private readonly nextRow = new Int32Column();
  /** The pending row of each process. */
  private readonly pending = new Map<number, number>();
  private position = 0;

  /** rows is the number of operations stored (every invoke, failed ones included). */
  get rows(): number {
    return this.callNs.length;
  }

  /** bytes estimates the memory the columns hold. */
  get bytes(): number {
    const cols = [this.callNs, this.returnNs, this.invokeIndex, this.completeIndex, this.process, this.keyId, this.fId, this.nodeId, this.flags, this.nextRow];
    return cols.reduce((s, c) => s + c.bytes, 0) + this.input.bytes + this.output.bytes;
  }

  /**
   * add takes the next event (history order). Throws FaultlineError('input') on the pairing errors
   * pairOperations reports (a second invoke of a busy process, a completion with no pending invoke,
   * a completion naming another f), naming the event by its index.
   */
  add(e: HistoryEvent): void {
    const at = e.index ?? this.position;
    this.position++;
    if (e.process === 'nemesis') {
      this.phases.lastNemesisNs = Math.max(this.phases.lastNemesisNs, e.time);
      if (e.type !== 'invoke' && HEAL_FUNCTIONS.has(e.f)) this.phases.lastHealNs = e.time;
      return;
    }
    if (typeof e.process !== 'number') return;
    if (WRITE_FUNCTIONS.has(e.f)) this.phases.lastWriteEventNs = Math.max(this.phases.lastWriteEventNs, e.time);
    if (e.type !== 'invoke' && e.f !== 'read') this.phases.lastNonReadCompletionNs = Math.max(this.phases.lastNonReadCompletionNs, e.time);
    if (e.type === 'invoke') this.invoke(e, at);
    else this.complete(e, at);
  }

  private invoke(e: HistoryEvent, at: number): void {
    const proc = e.process as number;
    const open = this.pending.get(proc);
    if (open !== undefined) {
      throw new FaultlineError('input', `event ${at}: process ${proc} invokes ${e.f} while its invoke at event ${this.invokeIndex.get(open)} is still pending`);
    }
    const key = this.keys.id(e.key ?? '');
    const row = this.callNs.length;
    if (key === this.keyRows.length) {
      this.keyRows.push(0);
      this.keyFirst.push(row);
    } else this.nextRow.set(this.keyLast[key]!, row);
    this.keyRows[key]!++;
    this.keyLast[key] = row;
    this.nextRow.push(-1);
    this.callNs.push(e.time);
    this.returnNs.push(Infinity);
    this.invokeIndex.push(at);
    this.completeIndex.push(-1);
    this.process.push(proc);
    this.keyId.push(key);
    this.fId.push(this.fs.id(e.f));
    this.nodeId.push(e.node === undefined ? 0 : this.nodes.id(e.node) + 1);
    this.flags.push(PENDING | (e.local === true ? LOCAL : 0) | (e.key === undefined ? 0 : HAS_KEY));
    this.input.push(e.value);
    this.output.push(undefined);
    this.pending.set(proc, row);
  }

  private complete(e: HistoryEvent, at: number): void {
    const proc = e.process as number;
    const row = this.pending.get(proc);
    if (row === undefined) throw new FaultlineError('input', `event ${at}: ${e.type} completion of process ${proc} has no pending invoke`);
    const f = this.fs.names[this.fId.get(row)]!;
    if (e.f !== f) throw new FaultlineError('input', `event ${at}: ${e.type} completion of process ${proc} is "${e.f}" but its invoke is "${f}" (field "f")`);
    this.pending.delete(proc);
    this.completeIndex.set(row, at);
    const flags = this.flags.get(row);
    if (e.type === 'info') {
      this.flags.set(row, flags | INFO);
      return;
    }
    if (e.type === 'fail') {
      this.flags.set(row, flags | FAIL);
      return;
    }
    this.flags.set(row, flags | OK | (e.local === true ? LOCAL : 0));
    this.returnNs.set(row, e.time);
    this.output.set(row, e.value);
    if (e.node !== undefined) this.nodeId.set(row, this.nodes.id(e.node) + 1);
  }

  /**
   * batches: see KeyedHistory. A batch walks its keys' row chains, so it costs its own rows only;
   * its ops come key after key (each key's in invoke order), keys in the order yielded.
   */
  *batches(maxOps: number, withFailed = false): Iterable<KeyBatch> {
    const order = this.keyOrder();
    for (let i = 0; i < order.length; ) {
      const keys: number[] = [];
      let size = 0;
      do {
        const k = order[i++]!;
        keys.push(k);
        size += this.keyRows[k]!;
      } while (i < order.length && size + this.keyRows[order[i]!]! <= maxOps);
      yield this.batchOf(keys, withFailed);
    }
  }

  /** keyOrder: key ids by their first kept non-local row, then the rest by first row. */
  private keyOrder(): number[] {
    const first: number[] = [];
    const rest: number[] = [];
    const seen = new Uint8Array(this.keyRows.length);
    const n = this.rows;
    for (let r = 0; r < n; r++) {
      const k = this.keyId.get(r);
      if (seen[k] === 1) continue;
      const flags = this.flags.get(r);
      if ((flags & STATUS) !== FAIL && (flags & LOCAL) === 0) {
        seen[k] = 1;
        first.push(k);
      }
    }
    for (let k = 0; k < this.keyRows.length; k++) if (seen[k] === 0) rest.push(k);
    return first.concat(rest);
  }

  private batchOf(keys: readonly number[], withFailed: boolean): KeyBatch {
    const ops: Operation[] = [];
    const failed: Operation[] = [];
    for (const k of keys) {
      for (let r = this.keyFirst[k]!; r >= 0; r = this.nextRow.get(r)) {
        const status = this.flags.get(r) & STATUS;
        if (status === FAIL) {
          if (withFailed && !READ_FUNCTIONS.has(this.fs.names[this.fId.get(r)]!)) failed.push(this.operation(r, -1));
          continue;
        }
        ops.push(this.operation(r, ops.length));
      }
    }
    return { ops, failed };
  }

  /** operation builds row `r` as pairOperations would (a pending row is info, completeIndex -1). */
  private operation(r: number, id: number): Operation {
    const flags = this.flags.get(r);
    const status = flags & STATUS;
    const ok = status === OK;
    const op: Operation = {
      id,
      process: this.process.get(r),
      f: this.fs.names[this.fId.get(r)]!,
      input: this.input.get(r),
      output: ok ? this.output.get(r) : undefined,
      status: ok || status === FAIL ? 'ok' : 'info',
      callNs: this.callNs.get(r),
      returnNs: ok ? this.returnNs.get(r) : Infinity,
      invokeIndex: this.invokeIndex.get(r),
      completeIndex: this.completeIndex.get(r),
    };
    if ((flags & HAS_KEY) !== 0) op.key = this.keys.names[this.keyId.get(r)]!;
    const node = this.nodeId.get(r);
    if (node !== 0) op.node = this.nodes.names[node - 1]!;
    if ((flags & LOCAL) !== 0) op.local = true;
    return op;
  }
}
