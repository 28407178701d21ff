/**
 * normalizeResults: accept the shapes a results.json may take and return a flat list of checker
 * outcomes (`{checker, valid, ...}`). Accepted: an array of outcomes; an object with a `checkers` or
 * `results` array (or record); a record of name → outcome; a single outcome. Pure; throws a
 * FaultlineError('input') naming `file` for anything else.
 */
import { inputError } from '../core/errors.js';
import type { Verdict } from '../core/verdict.js';

/** CheckerOutcomeLike is one checker's answer as read from results.json. */
export interface CheckerOutcomeLike {
  checker: string;
  valid: Verdict;
  reason?: string;
  [field: string]: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** toVerdict reads a verdict: true/false/"unknown", also "valid"/"invalid" strings; anything else is unknown. */
export function toVerdict(v: unknown): Verdict {
  if (v === true || v === 'valid' || v === 'true') return true;
  if (v === false || v === 'invalid' || v === 'false') return false;
  return 'unknown';
}

function outcome(v: unknown, name: string | undefined, file: string, where: string): CheckerOutcomeLike {
  if (!isRecord(v)) throw inputError(file, undefined, `${where} is not a checker result object`, { hint: 'expected {"checker": ..., "valid": true|false|"unknown"}' });
  const checker = typeof v['checker'] === 'string' ? v['checker'] : typeof v['name'] === 'string' ? v['name'] : name;
  if (checker === undefined) throw inputError(file, undefined, `${where} has no checker name`, { field: 'checker' });
  const out: CheckerOutcomeLike = { ...v, checker, valid: toVerdict(v['valid']) };
  if (typeof v['reason'] !== 'string') delete out.reason;
  return out;
}

function fromList(v: unknown, file: string, field: string): CheckerOutcomeLike[] {
  if (Array.isArray(v)) return v.map((x, i) => outcome(x, undefined, file, `${field}[${i}]`));
  if (isRecord(v)) return Object.entries(v).map(([k, x]) => outcome(x, k, file, `${field}.${k}`));
  throw inputError(file, undefined, `${field} is neither a list nor an object of checker results`, { field });
}

/** normalizeResults flattens a parsed results.json (see the module comment). */
export function normalizeResults(json: unknown, file: string): CheckerOutcomeLike[] {
  if (Array.isArray(json)) return fromList(json, file, 'results');
  if (!isRecord(json)) throw inputError(file, undefined, 'results must be a JSON object or array');
  if (typeof json['checker'] === 'string') return [outcome(json, undefined, file, 'results')];
  for (const field of ['checkers', 'results']) {
    if (json[field] !== undefined) return fromList(json[field], file, field);
  }
  const entries = Object.entries(json).filter(([, v]) => isRecord(v) && 'valid' in v);
  if (entries.length === 0) throw inputError(file, undefined, 'no checker results found', { hint: 'expected a list of {"checker", "valid", ...} objects' });
  return entries.map(([k, v]) => outcome(v, k, file, k));
}
