import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapterModule, parseExecSpec, resolveAdapter } from '../../src/adapters/index.js';
import { FaultlineError } from '../../src/core/errors.js';

describe('loadAdapterModule', () => {
  it('loads a default export and runs it', async () => {
    const adapter = await loadAdapterModule('fixtures/adapters/memory-adapter.mjs');
    expect(adapter.name).toBe('memory');
    const c = await adapter.open({ name: 'n1', host: '127.0.0.1', port: 1 }, { nodes: [], timeoutMs: 100 });
    expect(await c.invoke({ f: 'write', key: 'a', value: 2 }, AbortSignal.timeout(100))).toMatchObject({ type: 'ok' });
    expect(await c.invoke({ f: 'read', key: 'a', value: null }, AbortSignal.timeout(100))).toMatchObject({ value: 2 });
  });

  it('accepts a named `adapter` export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-adapter-'));
    writeFileSync(join(dir, 'a.mjs'), 'export const adapter = { name: "x", async open() { return {}; } };');
    expect((await loadAdapterModule(join(dir, 'a.mjs'))).name).toBe('x');
  });

  it.each([
    ['a missing file', 'nope/missing.mjs', 'mjs', /not found/],
    ['a module without an adapter', 'empty.mjs', 'export const x = 1;', /exports no adapter/],
    ['a module that throws', 'bad.mjs', 'throw new Error("boom");', /cannot load adapter module: boom/],
  ])('%s is a clear FaultlineError', async (_name, file, body, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-adapter-'));
    if (!file.includes('/')) writeFileSync(join(dir, file), body);
    const err = await loadAdapterModule(file, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaultlineError);
    expect((err as Error).message).toMatch(message);
  });
});

describe('resolveAdapter and exec specs', () => {
  it.each([
    ['exec:python3 a.py --x 1', { file: 'python3', args: ['a.py', '--x', '1'] }],
    ['exec:./prog', { file: './prog', args: [] }],
  ])('parses %s', (spec, want) => {
    expect(parseExecSpec(spec)).toEqual(want);
  });

  it('rejects an empty exec spec', () => {
    expect(() => parseExecSpec('exec:')).toThrow(/no program/);
  });

  it('defaults to the built-in store adapter', async () => {
    const a = await resolveAdapter(undefined);
    expect(a.name).toBe('builtin');
    await a.close?.();
  });
});
