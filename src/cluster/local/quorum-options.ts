/**
 * Quorum mode's options at the CLI and config level: `--replicas N --r R --w W --sloppy` on
 * `faultline test` and `faultline cluster up` (and `replicas`, `r`, `w`, `sloppy` in the config
 * file), resolved and checked once here, then passed to every node as store flags.
 */
import { FaultlineError } from '../../core/errors.js';
import { defaultQuorum, validateQuorum, type QuorumSettings } from '../../store/quorum-rules.js';

/** QuorumGiven is what the user gave (any field may be absent). */
export interface QuorumGiven {
  replicas?: number | undefined;
  r?: number | undefined;
  w?: number | undefined;
  sloppy?: boolean | undefined;
}

/** QUORUM_USAGE is the one line that says how the flags fit together. */
export const QUORUM_USAGE = 'usage: --mode quorum [--replicas N] [--r R] [--w W] [--sloppy], with 1 ≤ R, W ≤ N ≤ --nodes';

/**
 * resolveQuorum returns quorum mode's settings for `mode` on `nodes` nodes: undefined for any other
 * mode (where giving one of the flags is a usage error); defaults N = min(3, nodes) and R = W = a
 * majority of N; anything out of range (R, W ≤ N ≤ nodes) is a usage FaultlineError naming the
 * flag, with QUORUM_USAGE as its hint. Pure.
 */
export function resolveQuorum(mode: string, nodes: number, given: QuorumGiven): QuorumSettings | undefined {
  const any = given.replicas !== undefined || given.r !== undefined || given.w !== undefined || given.sloppy !== undefined;
  if (mode !== 'quorum') {
    if (any) throw new FaultlineError('usage', `--replicas, --r, --w and --sloppy apply to --mode quorum only (the mode is ${mode})`, { hint: QUORUM_USAGE });
    return undefined;
  }
  const d = defaultQuorum(nodes);
  const replicas = given.replicas ?? d.replicas;
  const majority = Math.floor(replicas / 2) + 1;
  const settings = { replicas, r: given.r ?? majority, w: given.w ?? majority };
  const problem = validateQuorum(settings, nodes);
  if (problem !== null) throw new FaultlineError('usage', problem, { hint: QUORUM_USAGE });
  return { ...settings, sloppy: given.sloppy ?? false };
}

/** quorumStoreArgs are the store flags for `settings` (none when undefined). Pure. */
export function quorumStoreArgs(settings: QuorumSettings | undefined): string[] {
  if (settings === undefined) return [];
  return ['--replicas', String(settings.replicas), '--r', String(settings.r), '--w', String(settings.w), '--sloppy', String(settings.sloppy)];
}

/** describeQuorum renders settings for people: "N=3 R=2 W=2 (strict quorum)". Pure. */
export function describeQuorum(s: QuorumSettings): string {
  return `N=${s.replicas} R=${s.r} W=${s.w} (${s.sloppy ? 'sloppy quorum, hinted handoff' : 'strict quorum'}${s.r + s.w > s.replicas ? '' : '; R + W ≤ N: reads may miss writes'})`;
}
