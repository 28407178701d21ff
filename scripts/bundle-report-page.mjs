#!/usr/bin/env node
// Writes the report page's script, bundled into one classic script, to dist (run by `npm run build`
// after tsc, which compiled the bundler and type-checked the page): the file that report.html
// inlines and that an installed faultline reads (src/report/bundle-report-page.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleReportPage, REPORT_PAGE_BUILT } from '../dist/src/report/bundle-report-page.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, REPORT_PAGE_BUILT);
const text = bundleReportPage(root);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, text);
process.stdout.write(`report page: ${text.length} bytes → ${REPORT_PAGE_BUILT}\n`);
