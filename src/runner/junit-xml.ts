/**
 * junitXml: a run's verdict as JUnit XML (one test case per checker) for CI dashboards.
 */
import type { CheckerOutcome } from '../../workloads/workload.js';

/**
 * junitXml renders one testsuite named `suite`: each checker a testcase; invalid → <failure>,
 * unknown → <skipped> with the reason. Pure. `timeSec` is the run's duration.
 */
export function junitXml(suite: string, checkers: readonly CheckerOutcome[], timeSec: number, details: string): string {
  const failures = checkers.filter((c) => c.valid === false).length;
  const skipped = checkers.filter((c) => c.valid === 'unknown').length;
  const cases = checkers.map((c) => {
    const open = `    <testcase classname="faultline.${esc(suite)}" name="${esc(c.checker)}">`;
    if (c.valid === true) return `${open}</testcase>`;
    if (c.valid === false) {
      return `${open}\n      <failure message="${esc(c.checker)}: invalid">${esc(details)}</failure>\n    </testcase>`;
    }
    return `${open}\n      <skipped message="${esc(c.reason ?? 'unknown')}"/>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${checkers.length}" failures="${failures}" skipped="${skipped}" time="${timeSec.toFixed(3)}">`,
    `  <testsuite name="${esc(suite)}" tests="${checkers.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${timeSec.toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}
