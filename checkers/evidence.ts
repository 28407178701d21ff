/**
 * Evidence before "valid": the rule every checker shares.
 *
 * A verdict of valid needs something to have been observed. A part (a key, or a model's sub-part)
 * has evidence when at least one ok operation observed its state and at least one operation (ok or
 * info) may have changed it; what "observe" and "change" mean is each checker's (and each model's)
 * business. A part without evidence that would have been valid is `unknown` with a reason starting
 * "no evidence" and `noEvidence: true`.
 *
 * For the whole result, parts without evidence are set aside: they do not make a run that has
 * decided parts unknown (a key that was only written, or only read, in a run over many keys is
 * common and says nothing against the others). When no part at all had evidence (or there is no
 * part), the result is `unknown` with the reason "no evidence: …". An invalid part always wins.
 */
import type { Verdict } from '../src/core/verdict.js';
import { mergeVerdicts } from '../src/core/verdict.js';

/** NO_EVIDENCE starts every no-evidence reason. */
export const NO_EVIDENCE = 'no evidence';

/** Judged is any per-part verdict that may lack evidence. */
export interface Judged {
  valid: Verdict;
  noEvidence?: boolean;
  /** The part's name (a key, or a model's sub-part) and why it is not valid, when known. */
  key?: string;
  part?: string;
  reason?: string;
}

/** EvidenceVerdict is the merged verdict and, when it is unknown for lack of evidence, why. */
export interface EvidenceVerdict {
  valid: Verdict;
  reason?: string;
}

/**
 * mergeWithEvidence merges part verdicts (false > unknown > true) over the parts that had evidence;
 * see the file header. `what` names the parts in the reason ("key", "part"). Pure.
 */
export function mergeWithEvidence(parts: readonly Judged[], what = 'key'): EvidenceVerdict {
  const decided = parts.filter((p) => p.noEvidence !== true);
  if (decided.length > 0) {
    const valid = mergeVerdicts(decided.map((p) => p.valid));
    if (valid !== 'unknown') return { valid };
    // Unknown among parts with evidence: the first undecided part says why (a whole result that is
    // unknown always has a reason, so a run's summary never says "no reason").
    const undecided = decided.filter((p) => p.valid === 'unknown');
    const first = undecided[0]!;
    const name = first.key ?? first.part;
    const more = undecided.length > 1 ? ` (and ${undecided.length - 1} more ${what}${undecided.length === 2 ? '' : 's'} undecided)` : '';
    return { valid, reason: `${name === undefined ? `a ${what}` : `${what} ${name}`}: ${first.reason ?? 'undecided'}${more}` };
  }
  if (parts.length === 0) return { valid: 'unknown', reason: `${NO_EVIDENCE}: no operation completed ok or info (all failed, or there were none)` };
  const n = parts.length;
  return { valid: 'unknown', reason: `${NO_EVIDENCE}: no ${what} had an ok operation observing its state and one that could change it (${n} ${what}${n === 1 ? '' : 's'})` };
}
