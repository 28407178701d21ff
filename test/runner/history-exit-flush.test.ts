// A process that exits without closing its history (a second Ctrl-C: process.exit(130)) still
// leaves every appended event in the file: the writer's 'exit' handler writes the buffer
// synchronously. A real child process, a real file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'exit-with-buffered-history.ts');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-exit-flush-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('HistoryWriter on process.exit', () => {
  it('writes what was still buffered, in order, whole lines', async () => {
    const file = path.join(tmp, 'history.jsonl');
    const r = await execa(process.execPath, ['--import', 'tsx', CHILD, file, '2000'], { reject: false });
    expect(r.exitCode, r.stderr).toBe(130);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const indexes = text.trim().split('\n').map((l) => (JSON.parse(l) as { index: number }).index);
    expect(indexes).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });
});
