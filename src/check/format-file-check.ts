/**
 * formatFileCheck renders one file's check for people: a verdict line with the outcome counts and
 * availability, why the verdict is unknown when it is, a per-part summary (every invalid and unknown
 * part, the parts without evidence, and a count of the valid ones), and each counterexample. Pure.
 */
import { verdictLabel } from '../core/verdict.js';
import { formatOutcomes } from '../history/outcome-counts.js';
import { formatCounterexample } from '../../checkers/linearizable/index.js';
import type { FileCheck } from './check-history-file.js';

const MAX_PARTS_LISTED = 20;

/** formatFileCheck returns the lines to print for `c`. */
export function formatFileCheck(c: FileCheck): string[] {
  const r = c.result;
  const parts = r.parts;
  const out: string[] = [];
  const label = verdictLabel(r.valid).toUpperCase();
  out.push(
    `${c.file}: ${label} — ${formatOutcomes(c.counts)}  (${c.format}, model ${c.model}, ${c.ops} ops checked, ` +
      `${parts.length} part${parts.length === 1 ? '' : 's'}, read ${ms(c.parseMs)}, checked ${ms(r.elapsedMs)}${verdictTime(r)})`,
  );
  if (r.valid === 'unknown' && r.reason !== undefined) out.push(`  unknown: ${r.reason}`);
  for (const w of c.warnings) out.push(`  warning: ${w}`);
  const invalid = parts.filter((p) => p.valid === false);
  const blind = parts.filter((p) => p.noEvidence === true);
  const unknown = parts.filter((p) => p.valid === 'unknown' && p.noEvidence !== true);
  const valid = parts.length - invalid.length - unknown.length - blind.length;
  if (parts.length > 1) {
    const none = blind.length > 0 ? `, ${blind.length} without evidence` : '';
    out.push(`  parts: ${valid} valid, ${invalid.length} invalid, ${unknown.length} unknown${none}`);
  }
  for (const p of unknown.slice(0, MAX_PARTS_LISTED)) {
    out.push(`  ${partName(p.part)}: unknown — ${p.reason ?? 'undecided'} (${p.ops} ops)`);
  }
  const counted = blind.length < parts.length ? ' (not counted in the verdict)' : '';
  if (blind.length === 1) out.push(`  ${partName(blind[0]!.part)}: unknown${counted} — ${blind[0]!.reason ?? 'no evidence'}`);
  else if (blind.length > 1) {
    const names = blind.slice(0, MAX_PARTS_LISTED).map((p) => partName(p.part)).join(', ');
    const more = blind.length > MAX_PARTS_LISTED ? ` and ${blind.length - MAX_PARTS_LISTED} more` : '';
    out.push(`  no evidence${counted}: ${names}${more}`);
  }
  if (invalid.length > 1) out.push(`  invalid: ${invalid.slice(0, MAX_PARTS_LISTED).map((p) => partName(p.part)).join(', ')}${invalid.length > MAX_PARTS_LISTED ? ', …' : ''}`);
  for (const p of invalid.slice(0, MAX_PARTS_LISTED)) {
    const text = formatCounterexample(p);
    if (text !== '') out.push(...text.split('\n').map((l) => `  ${l}`));
    else out.push(`  ${partName(p.part)}: not linearizable`);
  }
  if (invalid.length > MAX_PARTS_LISTED) out.push(`  … ${invalid.length - MAX_PARTS_LISTED} more invalid parts (see --json)`);
  return out;
}

/** verdictTime: when counterexamples were shrunk, the time the verdict itself took. */
function verdictTime(r: FileCheck['result']): string {
  if (r.verdictMs === undefined || !r.parts.some((p) => p.valid === false)) return '';
  return ` = verdict ${ms(r.verdictMs)} + counterexample ${ms(Math.max(0, r.elapsedMs - r.verdictMs))}`;
}

function partName(part: string): string {
  return part === '' ? 'history' : `key ${part}`;
}

function ms(x: number): string {
  return x < 10 ? `${x.toFixed(1)} ms` : x < 10_000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(1)} s`;
}
