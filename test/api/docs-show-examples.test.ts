// docs/library.md shows test/api/doc-example.test.ts verbatim, so the document's example is a test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';

it('docs/library.md contains the example test file verbatim', () => {
  const doc = readFileSync(join(ROOT, 'docs/library.md'), 'utf8');
  const example = readFileSync(join(ROOT, 'test/api/doc-example.test.ts'), 'utf8');
  expect(doc).toContain('```ts\n' + example + '```');
});
