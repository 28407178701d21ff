/**
 * REPORT_SCRIPT: the report page's script (no framework, no network) as the text inlined in
 * report.html's <script>: the TypeScript of src/report/page/ (main.ts says what it does), bundled
 * into one classic script by bundleReportPage. An installed (built) faultline reads the bundle that
 * `npm run build` wrote next to this module (dist/src/report/page/report-page.js, shipped in the
 * package); faultline run from its sources (vitest, tsx) bundles the current sources instead.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FaultlineError } from '../core/errors.js';
import { bundleReportPage } from './bundle-report-page.js';

function loadReportScript(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return bundleReportPage(fileURLToPath(new URL('../../', import.meta.url)));
  const built = fileURLToPath(new URL('./page/report-page.js', import.meta.url));
  try {
    return readFileSync(built, 'utf8');
  } catch (err) {
    throw new FaultlineError('internal', `faultline is not completely built: ${built} is missing`, { hint: 'run `npm run build`', cause: err });
  }
}

/** REPORT_SCRIPT: the page script's text, read (or bundled) once when this module loads; see the module comment. */
export const REPORT_SCRIPT: string = loadReportScript();
