/** Verdict is a three-valued check result: valid, invalid, or undecided ("unknown"). */
export type Verdict = true | false | 'unknown';

/** mergeVerdicts composes verdicts with false > unknown > true; an empty list is valid. */
export function mergeVerdicts(verdicts: Iterable<Verdict>): Verdict {
  let out: Verdict = true;
  for (const v of verdicts) {
    if (v === false) return false;
    if (v === 'unknown') out = 'unknown';
  }
  return out;
}

/** verdictExitCode maps a verdict to faultline's CI exit codes: 0 valid, 1 invalid, 2 unknown. */
export function verdictExitCode(v: Verdict): 0 | 1 | 2 {
  return v === true ? 0 : v === false ? 1 : 2;
}

/** verdictLabel is the word shown to people for a verdict. */
export function verdictLabel(v: Verdict): 'valid' | 'invalid' | 'unknown' {
  return v === true ? 'valid' : v === false ? 'invalid' : 'unknown';
}
