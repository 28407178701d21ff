/**
 * writtenReportLine: the line `faultline report` prints after writing a report (and, when the report
 * left ops out, a second line with the notice the page shows). Pure.
 *
 * It names what each count counts: "ops checked" is the number `faultline check` prints for the same
 * history (operations paired under the source's reading conventions; a failed op did not happen and
 * is not checked), "client ops drawn" every client operation on the timeline, failed ones included.
 */
import { verdictLabel } from '../core/verdict.js';
import { formatNs } from './format-time.js';
import type { WrittenReport } from './write-report.js';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** writtenReportLine: "wrote FILE (SIZE, N ops checked (M client ops drawn, F failed), K failures shown, verdict V, rendered in T)". */
export function writtenReportLine(r: WrittenReport): string {
  const mb = (r.bytes / 1e6).toFixed(r.bytes < 1e6 ? 2 : 1);
  const drawn =
    r.shownOps < r.ops ? `${plural(r.ops, 'client op', 'client ops')}, ${r.shownOps} drawn, ${r.failedOps} failed` : `${plural(r.ops, 'client op', 'client ops')} drawn, ${r.failedOps} failed`;
  const ops = r.checkedOps === null ? `${drawn}; not pairable, so nothing checked` : `${plural(r.checkedOps, 'op', 'ops')} checked (${drawn})`;
  const line = `wrote ${r.out} (${mb} MB, ${ops}, ${plural(r.failures, 'failure', 'failures')} shown, verdict ${verdictLabel(r.valid)}, rendered in ${formatNs(r.renderMs * 1e6)})`;
  return r.truncated === undefined ? line : `${line}\n  ${r.truncated}`;
}
