/**
 * checkEventual: the eventual-consistency checker for registers (read / write / cas per key).
 *
 * Definitions (per key; times are the history's ns; "acknowledged" = completed ok):
 * - Final reads are the ok reads invoked at or after the final phase began: after the last nemesis
 *   event (the final heal) and the last client write event (so after the quiet period). A node's
 *   final value is its last final read (reads with no recorded node form their process's view).
 * - Converged: every node's final value is the same; that is the agreed value. Final reads may be
 *   repeated (faultline repeats them until the nodes agree or --converge-timeout passes), so nodes
 *   that disagreed at first and agree at the end converged (see convergence.ts).
 * - Phantom: the agreed value was never the value of any write invoke that did not fail (ok or info;
 *   cas writes its `to`), and is not the initial null. Any ok read (during the test too) of a value
 *   no write invoked before the read returned could have put there is a phantom read.
 * - Lost write: write w precedes write w' in real time when w returned before w' was invoked. The
 *   survivor is the write of the agreed value that finished last (an info write never finishes, so it
 *   may have taken effect at any time); the initial null finishes at −∞. An acknowledged write is lost
 *   when the survivor precedes it: it was acknowledged after the survivor completed, and still the
 *   survivor's value is what every node kept. Writes concurrent with or before the survivor were
 *   superseded, not lost. A linearizable register never loses a write by this rule. With
 *   `writeOrder: 'store-order'` (last-writer-wins stores that order writes by their own timestamps,
 *   which the history cannot see) such writes are still listed but do not make the verdict invalid.
 * - Stale read (during the test, before the final phase): a read of value v whose latest possible
 *   source (the write of v invoked before the read returned that finished last) precedes an
 *   acknowledged write acknowledged before the read began: it missed that write. Its staleness is
 *   read start − ack time of the newest write it missed; how long its value had been out of date
 *   (`outdatedFor`) is read start − ack time of the oldest write it missed, from which PBS
 *   t-visibility is computed.
 * - Convergence time: from the final heal (or, with no heal, the final-phase start) to the moment
 *   the last node settled: the return of its first final read after which all its final reads return
 *   the agreed value. With several rounds of final reads this observes convergence; with one round,
 *   or when every final read agreed, it is an upper bound (see `convergenceMeasure`). A key that did
 *   not converge was watched from then to its last final read: "not converged within" that long
 *   (`convergence.summary`, per key and overall).
 * Verdict: invalid when a key did not converge, a phantom value was read, or an acknowledged write
 * was lost (real-time order); unknown when a key had no final read; otherwise valid. Pure.
 * Evidence (checkers/evidence.ts): a key that would be valid but had no write (ok or info) is
 * unknown, "no evidence" (its nodes agreeing on the initial value tests nothing), and is set aside
 * in the merged verdict unless no key had evidence.
 */
import type { HistoryEvent } from '../../src/core/event.js';
import type { Verdict } from '../../src/core/verdict.js';
import { mergeWithEvidence, NO_EVIDENCE } from '../evidence.js';
import { convergenceOverall, groupFinalViews, judgeConvergence } from './convergence.js';
import { distribution, tVisibility } from './distribution.js';
import type { EventualKeyResult, EventualResult, NodeFinal, WriteOrder, WriteSummary } from './eventual-result.js';
import { missedWrites, type MissQuery } from './missed-writes.js';
import { type KeyHistory, keyHistoriesOf, type RegisterRead, registerHistory, UNKNOWN_NODE } from './register-history.js';
import type { KeyedHistory } from '../keyed-history.js';
import { SourceIndex } from './source-index.js';

/** EventualOptions: which writes may supersede (default real-time). */
export interface EventualOptions {
  writeOrder?: WriteOrder;
}

/** LOST_CAP is how many lost writes a key lists (all are counted). */
export const LOST_CAP = 20;

interface KeyOutcome {
  result: EventualKeyResult;
  staleness: number[];
  outdatedFor: number[];
  observed: boolean;
}

/** checkEventual checks `events` (history order); see the file header for every definition. */
export function checkEventual(events: readonly HistoryEvent[], options: EventualOptions = {}): EventualResult {
  const writeOrder = options.writeOrder ?? 'real-time';
  const h = registerHistory(events);
  const refNs = h.healNs ?? h.finalFromNs;
  const outcomes = [...h.keys.values()].map((kh) => checkKey(kh, h.finalFromNs, refNs, writeOrder));
  return summarize(outcomes, h.healNs, h.finalFromNs, writeOrder);
}

/**
 * checkEventualKeyed is checkEventual over a KeyedHistory, one batch of keys at a time (the same
 * result on the same history): the final phase and the heal are the history's PhaseTimes.
 */
export function checkEventualKeyed(history: KeyedHistory, options: EventualOptions = {}, batchOps = KEYED_BATCH_OPS): EventualResult {
  const writeOrder = options.writeOrder ?? 'real-time';
  const p = history.phases;
  const finalFromNs = Math.max(p.lastNemesisNs, p.lastWriteEventNs);
  const healNs = p.lastHealNs ?? null;
  const refNs = healNs ?? finalFromNs;
  const outcomes: KeyOutcome[] = [];
  for (const batch of history.batches(batchOps, true)) {
    const keys = keyHistoriesOf(batch).keys;
    // The batch is ours: let its operation objects go before the per-key checks allocate theirs.
    batch.ops.length = 0;
    batch.failed.length = 0;
    for (const kh of keys.values()) outcomes.push(checkKey(kh, finalFromNs, refNs, writeOrder));
  }
  return summarize(outcomes, healNs, finalFromNs, writeOrder);
}

/** KEYED_BATCH_OPS: operations per batch in checkEventualKeyed (bounds its memory, not its result). */
export const KEYED_BATCH_OPS = 100_000;

/** summarize merges per-key outcomes (any order: they are sorted by key here) into the result. */
function summarize(unsorted: KeyOutcome[], healNs: number | null, finalFromNs: number, writeOrder: WriteOrder): EventualResult {
  const outcomes = unsorted.sort((a, b) => (a.result.key < b.result.key ? -1 : a.result.key > b.result.key ? 1 : 0));
  const keys = outcomes.map((o) => o.result);
  const staleness = outcomes.flatMap((o) => o.staleness);
  const outdatedFor = outcomes.flatMap((o) => o.outdatedFor);
  const reads = keys.reduce((s, k) => s + k.reads, 0);
  const convergences = keys.map((k) => k.convergenceNs).filter((c): c is number => c !== null);
  const merged = mergeWithEvidence(keys);
  const result: EventualResult = {
    checker: 'eventual',
    valid: merged.valid,
    writeOrder,
    keyCount: keys.length,
    converged: keys.length > 0 && keys.every((k) => k.converged === true),
    divergentKeys: keys.filter((k) => k.converged === false).length,
    phantomKeys: keys.filter((k) => k.phantom).length,
    phantomReads: keys.reduce((s, k) => s + k.phantomReads, 0),
    lostWriteCount: keys.reduce((s, k) => s + k.lostWriteCount, 0),
    reads,
    staleReads: staleness.length,
    staleFraction: reads === 0 ? 0 : staleness.length / reads,
    staleness: distribution(staleness),
    worstStalenessNs: staleness.reduce((m, x) => Math.max(m, x), 0),
    outdatedFor: distribution(outdatedFor),
    tVisibility: tVisibility(reads, outdatedFor),
    healNs,
    finalFromNs,
    convergenceNs: convergences.length === 0 ? null : Math.max(...convergences),
    convergenceMeasure: convergences.length === 0 ? 'none' : outcomes.some((o) => o.observed) ? 'observed' : 'at-most',
    convergence: convergenceOverall(keys.map((k) => k.convergence)),
    keys,
  };
  if (merged.reason !== undefined) result.reason = merged.reason;
  if (keys.length === 0) {
    result.valid = 'unknown';
    result.reason = 'no reads or writes of a register in this history';
  }
  return result;
}

function checkKey(kh: KeyHistory, finalFromNs: number, refNs: number, writeOrder: WriteOrder): KeyOutcome {
  const sources = new SourceIndex(kh.writes);
  const testReads = kh.reads.filter((r) => r.callNs < finalFromNs);
  const finalReads = kh.reads.filter((r) => r.callNs >= finalFromNs);
  let phantomReads = 0;
  const queries: MissQuery[] = [];
  for (const r of kh.reads) {
    const end = sources.latestSourceEnd(r.vkey, r.returnNs);
    if (end === undefined) phantomReads++;
    else if (r.callNs < finalFromNs) queries.push({ readCallNs: r.callNs, sourceEndNs: end });
  }
  const staleness: number[] = [];
  const outdatedFor: number[] = [];
  for (const [i, m] of missedWrites(kh.writes, queries).entries()) {
    if (m === null) continue;
    const start = (queries[i] as MissQuery).readCallNs;
    staleness.push(start - m.newestAckNs);
    outdatedFor.push(start - m.oldestAckNs);
  }
  const views = groupFinalViews(finalReads, viewOf);
  const finals: NodeFinal[] = views.map((v) => {
    const last = v.reads[v.reads.length - 1] as RegisterRead;
    return { node: last.node, value: last.value, readAtNs: last.callNs };
  });
  const judged = judgeConvergence(views, refNs);
  const converged = judged.converged;
  const { observed: _o, agreedKey: _a, ...convergence } = judged;
  const result: EventualKeyResult = {
    key: kh.key,
    valid: true,
    writes: kh.writes.length,
    acknowledgedWrites: kh.writes.filter((w) => w.acknowledged).length,
    reads: testReads.length,
    finalReads: finalReads.length,
    finals,
    converged,
    phantom: false,
    phantomReads,
    lostWrites: [],
    lostWriteCount: 0,
    staleReads: staleness.length,
    worstStalenessNs: staleness.reduce((m, x) => Math.max(m, x), 0),
    convergenceNs: null,
    convergence,
  };
  const reasons: string[] = [];
  if (converged === null) reasons.push('no final read succeeded, so convergence cannot be judged');
  else if (!converged) reasons.push(`${judged.summary} after the heal, nodes disagree: ${finals.map((f) => `${f.node}=${JSON.stringify(f.value)}`).join(', ')}`);
  else {
    const agreed = finals[0] as NodeFinal;
    result.agreedValue = agreed.value;
    const vkey = judged.agreedKey as string;
    const end = sources.latestSourceEnd(vkey, Infinity);
    if (end === undefined) {
      result.phantom = true;
      reasons.push(
        kh.failedWriteValues.has(vkey)
          ? `the agreed value ${JSON.stringify(agreed.value)} was written only by writes that failed (they took effect after all)`
          : `the agreed value ${JSON.stringify(agreed.value)} was never written`,
      );
    } else {
      const lost = kh.writes.filter((w) => w.acknowledged && w.callNs > end).sort((a, b) => a.callNs - b.callNs);
      result.lostWriteCount = lost.length;
      result.lostWrites = lost.slice(0, LOST_CAP).map(summary);
      if (lost.length > 0) {
        const survivor = end === -Infinity ? 'the initial value (null)' : `the write of ${JSON.stringify(agreed.value)}`;
        reasons.push(`${lost.length} acknowledged write(s) lost: begun after ${survivor} completed, yet it is what every node kept`);
      }
    }
    result.convergenceNs = judged.ns;
  }
  if (phantomReads > 0) reasons.push(`${phantomReads} read(s) returned a value nobody had written`);
  const lostCounts = writeOrder === 'real-time' && result.lostWriteCount > 0;
  const invalid = converged === false || result.phantom || phantomReads > 0 || lostCounts;
  result.valid = invalid ? false : converged === null ? 'unknown' : (true as Verdict);
  if (reasons.length > 0) result.reason = reasons.join('; ');
  if (result.valid === true && result.writes === 0) {
    result.valid = 'unknown';
    result.noEvidence = true;
    result.reason = `${NO_EVIDENCE}: no write (ok or info) of this key, so agreeing on the initial value tests nothing`;
  }
  return { result, staleness, outdatedFor, observed: judged.observed };
}

/** viewOf: a final read's view is its node, or its process when the history names no node. */
function viewOf(r: RegisterRead): string {
  return r.node === UNKNOWN_NODE ? `process ${r.process}` : r.node;
}

function summary(w: { value: unknown; process: number; callNs: number; returnNs: number }): WriteSummary {
  return { value: w.value, process: w.process, callNs: w.callNs, returnNs: Number.isFinite(w.returnNs) ? w.returnNs : null };
}
