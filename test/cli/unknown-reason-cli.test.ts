// `faultline check` on a part that stays unknown: the reason says why in numbers (search effort) and
// what would help, in the text output and in --json (issue 17 item 4).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/** A counter history no search refutes quickly: 22 concurrent adds of distinct amounts, then an impossible read. */
function hardCounterJsonl(): string {
  const lines: string[] = [];
  let index = 0;
  const ev = (type: string, process: number, f: string, value: unknown, time: number): void => {
    lines.push(JSON.stringify({ index: index++, type, process, f, key: 'c', value, time }));
  };
  for (let p = 0; p < 22; p++) ev('invoke', p, 'add', 1 << p, 1000 + p);
  for (let p = 0; p < 22; p++) ev('ok', p, 'add', 1 << p, 100_000 + p);
  ev('invoke', 100, 'read', null, 200_000);
  ev('ok', 100, 'read', -1, 200_001);
  return `${lines.join('\n')}\n`;
}

describe('faultline check: an unknown part says why', () => {
  it('names the budget, the search effort in numbers and the remedies (text and JSON)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'faultline-unknown-')), 'hard-counter.jsonl');
    writeFileSync(file, hardCounterJsonl());
    const text = await runCli(['check', file, '--model', 'counter', '--timeout', '700ms']);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/time budget of 700 ms exhausted after [\d,]+ model steps: [\d,]+ configurations cached, [\d,]+ distinct states, 23 ok ops and no info ops; the furthest attempt linearized \d+ of 23 ok ops\. more time \(faultline check --timeout\) or fewer ops per key \(faultline test --ops-per-key\) would help/);
    const json = await runCli(['check', file, '--model', 'counter', '--timeout', '700ms', '--json']);
    expect(json.code).toBe(2);
    const out = JSON.parse(json.stdout) as { files: { result: { parts: { valid: unknown; reason?: string; steps?: number }[] } }[] };
    const part = out.files[0]!.result.parts[0]!;
    expect(part.valid).toBe('unknown');
    expect(part.reason).toMatch(/configurations cached/);
    expect(part.reason).toContain(`after ${part.steps!.toLocaleString('en-US')} model steps`);
  });
});
