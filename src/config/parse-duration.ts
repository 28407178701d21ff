/**
 * parseDurationMs: durations as people write them ("500ms", "10s", "2m", "1.5h", or a bare number
 * of seconds) to milliseconds.
 */
import { FaultlineError } from '../core/errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** DurationOptions: `allowZero` accepts 0 (for options where "none" makes sense, e.g. --recovery 0s). */
export interface DurationOptions {
  allowZero?: boolean;
}

/**
 * parseDurationMs returns whole ms: > 0, or ≥ 0 with `allowZero` (a positive duration below 1 ms
 * is 1 ms, never 0). Anything else is a usage error naming `where` (a flag or field).
 */
export function parseDurationMs(value: string | number, where: string, options: DurationOptions = {}): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(String(value).trim());
  const ms = m === null ? NaN : Number(m[1]) * (UNIT_MS[m[2] ?? 's'] as number);
  if (!Number.isFinite(ms)) {
    throw new FaultlineError('usage', `${where} must be a duration like 500ms, 10s or 2m, not "${value}"`);
  }
  if (ms === 0) {
    if (options.allowZero === true) return 0;
    throw new FaultlineError('usage', `${where} must be longer than 0 (a duration like 500ms, 10s or 2m), not "${value}"`);
  }
  return Math.max(1, Math.round(ms));
}
