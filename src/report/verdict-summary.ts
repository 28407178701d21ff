/**
 * summarizeVerdicts: the report's verdict table — the overall verdict (false > unknown > true), one
 * row per checker, and per checker the keys that are not valid plus a sample of the valid ones.
 * Knows the linearizable (`parts`), set and counter (`keys`) result shapes; any other checker gets a
 * row with its verdict and reason, and its other fields as a generic panel. Pure.
 */
import type { Verdict } from '../core/verdict.js';
import { mergeVerdicts } from '../core/verdict.js';
import type { CheckerOutcomeLike } from './normalize-results.js';
import { toVerdict } from './normalize-results.js';
import { formatFinalValues } from './counter-final-overlay.js';
import { formatElements } from './format-elements.js';

/** VALID_KEYS_SHOWN bounds the valid keys listed per checker (non-valid keys are all listed). */
export const VALID_KEYS_SHOWN = 50;
/** SET_ITEMS_IN_DETAIL: items (values or ranges) of a set key's lost/divergent/unexpected list in its one-line detail. */
export const SET_ITEMS_IN_DETAIL = 8;
/** EXTRA_JSON_MAX_CHARS bounds the generic JSON panel of one checker. */
export const EXTRA_JSON_MAX_CHARS = 20_000;

/** KeyVerdict is one key's (or part's) verdict with a one-line detail. */
export interface KeyVerdict {
  key: string;
  valid: Verdict;
  detail: string;
}

/** CheckerSummary is one checker's row. `extra` is the JSON of its fields not shown elsewhere, or "". */
export interface CheckerSummary {
  checker: string;
  valid: Verdict;
  reason: string;
  counts: { valid: number; invalid: number; unknown: number };
  keys: KeyVerdict[];
  keysHidden: number;
  extra: string;
}

/** VerdictSummary is the whole verdict table. */
export interface VerdictSummary {
  valid: Verdict;
  checkers: CheckerSummary[];
}

const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** keyDetail renders the one-line detail of a key result of a known checker. */
export function keyDetail(checker: string, k: Record<string, unknown>): string {
  const parts: string[] = [];
  if (checker === 'linearizable') {
    if (num(k['ops']) !== undefined) parts.push(`${k['ops']} ops`);
    if (num(k['elapsedMs']) !== undefined) parts.push(`${(k['elapsedMs'] as number).toFixed(1)} ms`);
  } else if (checker === 'set') {
    for (const f of ['acknowledged', 'lostCount', 'divergentCount', 'unexpectedCount', 'recovered', 'stale']) {
      const v = num(k[f]);
      if (v === undefined || (v === 0 && f !== 'acknowledged')) continue;
      const name = f.replace('Count', '');
      const listed = k[name];
      parts.push(Array.isArray(listed) && listed.length > 0 ? `${name} ${v}: ${formatElements(listed, v, SET_ITEMS_IN_DETAIL)}` : `${name} ${v}`);
    }
  } else if (checker === 'counter') {
    for (const f of ['reads', 'acknowledged', 'attempted', 'errorCount']) {
      const v = num(k[f]);
      if (v !== undefined) parts.push(`${f.replace('Count', 's')} ${v}`);
    }
    if (typeof k['finalValues'] === 'object' && k['finalValues'] !== null) parts.push(`final values ${formatFinalValues(k['finalValues'] as Record<string, unknown>)}`);
  }
  if (typeof k['reason'] === 'string') parts.push(k['reason']);
  return parts.join(' · ');
}

/** summarizeChecker builds one checker's row. */
export function summarizeChecker(r: CheckerOutcomeLike): CheckerSummary {
  const listField = Array.isArray(r['parts']) ? 'parts' : Array.isArray(r['keys']) ? 'keys' : undefined;
  const all: KeyVerdict[] = [];
  if (listField !== undefined) {
    for (const item of r[listField] as unknown[]) {
      const k = rec(item);
      const key = typeof k['part'] === 'string' ? k['part'] : typeof k['key'] === 'string' ? k['key'] : String(k['key'] ?? '');
      all.push({ key, valid: toVerdict(k['valid']), detail: keyDetail(r.checker, k) });
    }
  }
  const counts = { valid: 0, invalid: 0, unknown: 0 };
  for (const k of all) counts[k.valid === true ? 'valid' : k.valid === false ? 'invalid' : 'unknown']++;
  const bad = all.filter((k) => k.valid !== true);
  const good = all.filter((k) => k.valid === true).slice(0, VALID_KEYS_SHOWN);
  const rank = (v: Verdict): number => (v === false ? 0 : v === 'unknown' ? 1 : 2);
  const keys = [...bad, ...good].sort((a, b) => rank(a.valid) - rank(b.valid));
  const known = new Set(['checker', 'valid', 'reason', 'parts', 'keys', 'model', 'elapsedMs']);
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (!known.has(k)) rest[k] = v;
  let extra = Object.keys(rest).length === 0 ? '' : JSON.stringify(rest, null, 2);
  if (extra.length > EXTRA_JSON_MAX_CHARS) extra = `${extra.slice(0, EXTRA_JSON_MAX_CHARS)}\n… (truncated)`;
  let reason = typeof r.reason === 'string' ? r.reason : '';
  if (reason === '' && typeof r['model'] === 'string') reason = `model ${r['model']}`;
  return { checker: r.checker, valid: r.valid, reason, counts, keys, keysHidden: all.length - keys.length, extra };
}

/** summarizeVerdicts builds the verdict table; the overall verdict merges every checker's. */
export function summarizeVerdicts(results: readonly CheckerOutcomeLike[]): VerdictSummary {
  const checkers = results.map(summarizeChecker);
  return { valid: mergeVerdicts(checkers.map((c) => c.valid)), checkers };
}
