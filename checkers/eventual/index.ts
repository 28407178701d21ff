/**
 * checkers/eventual: the eventual-consistency checker for registers — convergence after the final
 * heal, no phantom values, no lost acknowledged writes, plus staleness during the test (PBS
 * t-visibility) and convergence time. check-eventual.ts is the entry and holds every definition;
 * register-history.ts splits a history by key and finds the final phase; source-index.ts finds a
 * read's latest possible source; missed-writes.ts finds the acknowledged writes a read missed;
 * distribution.ts summarises durations; format-eventual.ts renders the result for people;
 * eventual-result.ts is the result type.
 */
export { checkEventual, checkEventualKeyed, LOST_CAP } from './check-eventual.js';
export type { EventualOptions } from './check-eventual.js';
export type {
  EventualResult,
  EventualKeyResult,
  Distribution,
  NodeFinal,
  TVisibilityPoint,
  WriteOrder,
  WriteSummary,
} from './eventual-result.js';
export { formatEventual, formatDurationNs, convergenceText } from './format-eventual.js';
export { distribution, quantile, tVisibility, T_VISIBILITY_NS } from './distribution.js';
export { registerHistory, WRITE_FUNCTIONS, HEAL_FUNCTIONS } from './register-history.js';
