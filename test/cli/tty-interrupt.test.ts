// Ctrl-C in a real terminal (issue 11, item 3): `faultline test` on a pseudo-terminal (listr2
// drawing, nodes started), interrupted by the ^C byte written to the pty master — the keyboard's
// way. The first Ctrl-C heals, stops the cluster, keeps the whole history and exits 130; a second
// one exits at once and still kills the nodes. Every wait is for an event (history lines, output).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, type RunRecord } from '../../src/cluster/local/run-registry.js';
import { waitGone } from '../../src/cluster/local/clean-local-leftovers.js';
import { HAVE_SCRIPT, type PtyRun, runInPty, waitFor } from './pty.js';
import { ROOT } from './run-cli.js';

const built = fs.existsSync(path.join(ROOT, 'dist/src/commands/test.js')) && fs.existsSync(path.join(ROOT, 'dist/src/store/main.js'));
const dirs: string[] = [];
const pidsToReap: number[] = [];
afterAll(() => {
  for (const pid of pidsToReap) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Workspace {
  cwd: string;
  registry: string;
  tmp: string;
}

function workspace(): Workspace {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-tty-'));
  dirs.push(cwd);
  const registry = path.join(cwd, 'registry');
  const tmp = path.join(cwd, 'tmp');
  fs.mkdirSync(tmp);
  return { cwd, registry, tmp };
}

function start(ws: Workspace, args: string[]): PtyRun {
  return runInPty(['test', ...args], { cwd: ws.cwd, env: { FAULTLINE_REGISTRY_DIR: ws.registry, TMPDIR: ws.tmp } });
}

// The run directory's history (store/<name>/<timestamp>/history.jsonl) once it exists.
function historyFile(ws: Workspace): string | undefined {
  const store = path.join(ws.cwd, 'store');
  if (!fs.existsSync(store)) return undefined;
  for (const name of fs.readdirSync(store)) {
    if (name === 'latest') continue;
    for (const ts of fs.readdirSync(path.join(store, name))) {
      const file = path.join(store, name, ts, 'history.jsonl');
      if (fs.existsSync(file)) return file;
    }
  }
  return undefined;
}

function lines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
}

// The node pids of the one registered run, once every node has one.
function nodePids(ws: Workspace): number[] | undefined {
  if (!fs.existsSync(ws.registry)) return undefined;
  for (const id of fs.readdirSync(ws.registry)) {
    try {
      const record = JSON.parse(fs.readFileSync(path.join(ws.registry, id, 'pids.json'), 'utf8')) as RunRecord;
      const pids = record.nodes.map((n) => n.pid);
      if (pids.length > 0 && pids.every((p) => p !== null)) return pids as number[];
    } catch {
      // not written yet
    }
  }
  return undefined;
}

// Every client op's invoke is followed by its completion on the same process, none left open;
// every nemesis invoke has its info. Throws (with the line) on the first violation.
function expectWholeHistory(text: string): { events: Record<string, unknown>[] } {
  expect(text.endsWith('\n')).toBe(true); // no truncated last line
  const events = text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  const open = new Map<unknown, Record<string, unknown>>();
  const nemesisOpen = new Map<unknown, number>();
  for (const e of events) {
    if (e['process'] === 'nemesis') {
      const n = nemesisOpen.get(e['f']) ?? 0;
      nemesisOpen.set(e['f'], e['type'] === 'invoke' ? n + 1 : n - 1);
      continue;
    }
    if (e['type'] === 'invoke') {
      expect(open.has(e['process']), `process ${String(e['process'])} invoked twice: ${JSON.stringify(e)}`).toBe(false);
      open.set(e['process'], e);
    } else {
      expect(open.get(e['process'])?.['f'], `completion without its invoke: ${JSON.stringify(e)}`).toBe(e['f']);
      open.delete(e['process']);
    }
  }
  expect([...open.values()], 'invokes never completed').toEqual([]);
  expect([...nemesisOpen.entries()].filter(([, n]) => n !== 0), 'nemesis ops never completed').toEqual([]);
  return { events };
}

describe.skipIf(!built || !HAVE_SCRIPT)('Ctrl-C in a real terminal (faultline test on a pty)', () => {
  it('first Ctrl-C: heals once, stops the cluster, keeps the whole history, results.json, exit 130, nothing left', async () => {
    const ws = workspace();
    const run = start(ws, ['--time-limit', '120s', '--nodes', '3', '--seed', '4', '--nemesis', 'partition,pause', '--nemesis-interval', '1s']);
    const pids = await waitFor(() => nodePids(ws), 'the nodes to start', run);
    pidsToReap.push(...pids);
    // Mid-run: some hundreds of events and at least one fault recorded.
    const file = await waitFor(() => historyFile(ws), 'the history file', run);
    await waitFor(
      () => {
        const ls = lines(file);
        return ls.length >= 300 && ls.some((l) => l.includes('"process":"nemesis"')) ? true : undefined;
      },
      '300 history lines with a fault',
      run,
    );
    const before = lines(file).length;
    run.press('\x03');
    const { code } = await run.done;

    expect(code, run.output().slice(-2000)).toBe(130);
    expect(run.output()).toMatch(/faultline: interrupted: faults healed, cluster stopped, history kept in store\//);
    // The progress display does not claim phases that never ran: recovery and final reads are skipped.
    const screen = run.output().replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect(screen).toMatch(/↓ Final reads/);
    expect(screen).not.toMatch(/✔ Final reads/);
    const dir = path.dirname(file);
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as Record<string, unknown>;
    expect(results).toMatchObject({ interrupted: true, reason: 'SIGINT', valid: 'unknown', historyComplete: true, teardownErrors: [] });
    const { events } = expectWholeHistory(fs.readFileSync(file, 'utf8'));
    expect(events.length).toBeGreaterThanOrEqual(before);
    // Healed exactly once, and nothing of the nemesis after that (the cluster stopped next).
    const nemesis = events.filter((e) => e['process'] === 'nemesis');
    expect(nemesis.filter((e) => e['f'] === 'heal' && e['type'] === 'invoke')).toHaveLength(1);
    expect(nemesis.at(-1)).toMatchObject({ f: 'heal', type: 'info', value: 'healed' });
    expect(nemesis.at(-1)?.['error']).toBeUndefined();
    // The nodes are gone, and so are the run's registry entry and temp data dirs.
    expect(await waitGone(pids, 5000)).toBe(true);
    expect(fs.existsSync(ws.registry) ? fs.readdirSync(ws.registry) : []).toEqual([]);
    expect(fs.readdirSync(ws.tmp)).toEqual([]);
    expect(fs.readlinkSync(path.join(ws.cwd, 'store', 'latest'))).toBe(path.relative(path.join(ws.cwd, 'store'), dir));
  }, 180_000);

  it('second Ctrl-C while the teardown hangs: exits 130 at once and the nodes die with it', async () => {
    const ws = workspace();
    const adapter = path.join(ROOT, 'test/cli/fixtures/close-hangs-adapter.mjs');
    const run = start(ws, ['--time-limit', '120s', '--nodes', '3', '--nemesis', 'none', '--rate', '200', '--adapter', adapter]);
    const pids = await waitFor(() => nodePids(ws), 'the nodes to start', run);
    pidsToReap.push(...pids);
    const file = await waitFor(() => historyFile(ws), 'the history file', run);
    await waitFor(() => (lines(file).length >= 50 ? true : undefined), '50 history lines', run);
    run.press('\x03');
    // The first Ctrl-C was taken: the teardown has started (and hangs in the adapter's close).
    await run.waitForOutput(/SIGINT: healing, stopping the cluster/);
    run.press('\x03');
    const { code } = await run.done;
    expect(code, run.output().slice(-2000)).toBe(130);
    expect(run.output()).toMatch(/second SIGINT: exiting now/);
    expect(await waitGone(pids, 5000)).toBe(true);
    // Whatever was flushed is whole lines.
    for (const l of lines(file)) JSON.parse(l);
  }, 180_000);
});
