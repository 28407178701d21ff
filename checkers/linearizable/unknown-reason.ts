/**
 * unknownReason: why a part stayed unknown, in numbers people can act on. The budget's own sentence
 * comes first (callers match its prefix, e.g. "step budget"), then what the search did before it ran
 * out and what would help. Pure.
 */

/** SearchEffort is what a search had done when a budget ran out. */
export interface SearchEffort {
  steps: number;
  cacheEntries: number;
  states: number;
  okOps: number;
  /** Info ops the search had to consider, and those dropped before it as irrelevant. */
  infoOps: number;
  droppedInfoOps: number;
  /** Most ok ops any attempt linearized. */
  deepest: number;
}

const n = (x: number): string => x.toLocaleString('en-US');

/** unknownReason appends the effort and the remedies to `stop` (the budget's sentence). */
export function unknownReason(stop: string, e: SearchEffort): string {
  const info = e.infoOps === 0
    ? 'no info ops'
    : `${n(e.infoOps)} info op${e.infoOps === 1 ? '' : 's'} (each may take effect at any point after its call, or never)`;
  const dropped = e.droppedInfoOps > 0 ? `, ${n(e.droppedInfoOps)} more dropped as irrelevant` : '';
  const help = stop.startsWith('memory cap')
    ? 'a larger memory cap (--memory) or fewer ops per key (faultline test --ops-per-key) would help'
    : stop.startsWith('check cancelled')
      ? 'the check was cancelled'
      : 'more time (faultline check --timeout) or fewer ops per key (faultline test --ops-per-key) would help';
  return (
    `${stop} after ${n(e.steps)} model steps: ${n(e.cacheEntries)} configurations cached, ${n(e.states)} distinct states, ` +
    `${n(e.okOps)} ok ops and ${info}${dropped}; the furthest attempt linearized ${n(e.deepest)} of ${n(e.okOps)} ok ops. ${help}`
  );
}
