/**
 * parseDurationMs: durations as people write them ("500ms", "10s", "2m", "1.5h", or a bare number
 * of seconds) to milliseconds.
 */
import { FaultlineError } from '../core/errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** parseDurationMs returns ms (> 0); anything else is a usage error naming `where` (a flag or field). */
export function parseDurationMs(value: string | number, where: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(String(value).trim());
  const ms = m === null ? NaN : Number(m[1]) * (UNIT_MS[m[2] ?? 's'] as number);
  if (!(ms > 0) || !Number.isFinite(ms)) {
    throw new FaultlineError('usage', `${where} must be a duration like 500ms, 10s or 2m, not "${value}"`);
  }
  return Math.round(ms);
}
