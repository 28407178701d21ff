/**
 * listRuns: every run in a store directory (`<store>/<test-name>/<timestamp>/` holding a
 * history.jsonl), newest first, with its verdict from results.json. Reads the file system only;
 * unreadable or malformed results make the verdict "unknown" with a note, never an error.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Verdict } from '../core/verdict.js';
import { FaultlineError } from '../core/errors.js';
import { RUN_FILES } from './load-report-input.js';
import { normalizeResults, toVerdict } from './normalize-results.js';
import { mergeVerdicts } from '../core/verdict.js';

/** RunEntry is one run as listed by `faultline serve`. */
export interface RunEntry {
  name: string;
  timestamp: string;
  /** Path relative to the store: `<name>/<timestamp>`. */
  path: string;
  /** Last modification of the run directory's history, ms since the epoch. */
  mtimeMs: number;
  valid: Verdict | null;
  /** Why the verdict is missing or unknown (no results.json, interrupted, malformed). */
  note: string;
  hasReport: boolean;
}

/** SAFE_SEGMENT: the run path segments `faultline serve` accepts (no dots-only names, no slashes). */
export const SAFE_SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;

/** listRuns scans `store`; throws FaultlineError('input') when it is not a readable directory. */
export async function listRuns(store: string): Promise<RunEntry[]> {
  let names: string[];
  try {
    names = (await readdir(store, { withFileTypes: true })).filter((d) => d.isDirectory() && SAFE_SEGMENT.test(d.name)).map((d) => d.name);
  } catch (err) {
    throw new FaultlineError('input', `${store}: cannot read the store directory (${(err as Error).message})`, {
      hint: 'pass --store DIR, the directory `faultline test --store` wrote to (default ./store)',
      cause: err,
    });
  }
  const runs: RunEntry[] = [];
  for (const name of names) {
    const stamps = await readdir(join(store, name), { withFileTypes: true }).catch(() => []);
    for (const d of stamps) {
      if (!d.isDirectory() || !SAFE_SEGMENT.test(d.name)) continue;
      const dir = join(store, name, d.name);
      const history = await stat(join(dir, RUN_FILES.history)).catch(() => undefined);
      if (history === undefined) continue;
      const { valid, note } = await readVerdict(join(dir, RUN_FILES.results));
      const hasReport = (await stat(join(dir, RUN_FILES.report)).catch(() => undefined)) !== undefined;
      runs.push({ name, timestamp: d.name, path: `${name}/${d.name}`, mtimeMs: history.mtimeMs, valid, note, hasReport });
    }
  }
  return runs.sort((a, b) => (a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : a.name.localeCompare(b.name)));
}

/** readVerdict reads a results.json's overall verdict (its `valid`, else the merge of its checkers'). */
export async function readVerdict(path: string): Promise<{ valid: Verdict | null; note: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return { valid: null, note: missing ? 'no results.json (not checked yet)' : 'results.json is not valid JSON' };
  }
  const rec = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const note = rec['interrupted'] === true ? 'interrupted' : '';
  if ('valid' in rec) return { valid: toVerdict(rec['valid']), note };
  try {
    return { valid: mergeVerdicts(normalizeResults(json, path).map((r) => r.valid)), note };
  } catch {
    return { valid: 'unknown', note: 'results.json has no verdict' };
  }
}
