// The lab's pure parts: links and grudges, the actions and ops a page may ask for, the nemesis ops
// faults are recorded as, process ids per lane, and the periodic check's verdict and counterexample.
import { describe, expect, it } from 'vitest';
import { checkLabHistory } from '../../src/lab/check-lab-history.js';
import { nemesisOpFor, parseLabAction } from '../../src/lab/lab-action.js';
import { LabHistory } from '../../src/lab/lab-history.js';
import { parseHandOp } from '../../src/lab/lab-op.js';
import { allLinks, grudgeOf, linkId } from '../../src/lab/lab-topology.js';
import { buildFaultWindows } from '../../src/report/fault-windows.js';
import type { HistoryEvent } from '../../src/core/event.js';

const NODES = ['n1', 'n2', 'n3'];

describe('lab topology', () => {
  it('names a link the same from both ends and lists a full mesh', () => {
    expect(linkId('n2', 'n1')).toBe('n1-n2');
    expect(allLinks(NODES)).toEqual([['n1', 'n2'], ['n1', 'n3'], ['n2', 'n3']]);
  });
  it('turns cut links into a symmetric grudge; none cut heals', () => {
    expect(grudgeOf(new Set(['n1-n2', 'n1-n3']), NODES)).toEqual({ n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] });
    expect(grudgeOf(new Set(), NODES)).toEqual({});
  });
});

describe('lab actions', () => {
  it.each([
    [{ kind: 'cut', a: 'n1', b: 'n1' }, /"b" must be one of n1, n2, n3 and differ/],
    [{ kind: 'kill', node: 'n9' }, /"node" must be one of n1, n2, n3/],
    [{ kind: 'clock', node: 'n1', offsetMs: 1.5 }, /"offsetMs" must be an integer/],
    [{ kind: 'explode' }, /"kind" must be one of/],
    [null, /JSON object/],
  ])('refuses %j with one line', (body, msg) => {
    expect(parseLabAction(body, NODES)).toMatch(msg);
  });
  it('records faults with the f names the report pairs into windows', () => {
    const grudge = grudgeOf(new Set(['n1-n2']), NODES);
    expect(nemesisOpFor({ kind: 'cut', a: 'n1', b: 'n2' }, grudge)).toEqual({ f: 'start-partition', value: { kind: 'lab', grudge } });
    expect(nemesisOpFor({ kind: 'mend', a: 'n1', b: 'n2' }, {})).toEqual({ f: 'stop-partition', value: null });
    expect(nemesisOpFor({ kind: 'clock', node: 'n2', offsetMs: -5000 }, {})).toEqual({ f: 'bump-clock', value: { nodes: ['n2'], offsetMs: -5000 } });
    const ops: [string, unknown][] = [
      ['start-partition', { kind: 'lab', grudge }],
      ['stop-partition', null],
      ['kill', ['n3']],
      ['start', ['n3']],
      ['pause', ['n2']],
      ['heal', null],
    ];
    const events: HistoryEvent[] = ops.map(([f, value], i) => ({ index: i, type: 'info', process: 'nemesis', f, value, time: (i + 1) * 1000 }));
    expect(buildFaultWindows(events, 10_000).map((w) => [w.family, w.fromNs, w.toNs, w.open])).toEqual([
      ['partition', 1000, 2000, false],
      ['kill', 3000, 4000, false],
      ['pause', 5000, 6000, false],
    ]);
  });
  it('parses hand ops: integers stay numbers, cas takes [from, to], bad fields are named', () => {
    expect(parseHandOp({ node: 'n2', f: 'write', key: 'k', value: ' 42 ' }, NODES)).toEqual({ node: 'n2', f: 'write', key: 'k', value: 42 });
    expect(parseHandOp({ node: 'n1', f: 'cas', key: 'k', from: '1', to: 'b' }, NODES)).toEqual({ node: 'n1', f: 'cas', key: 'k', value: [1, 'b'] });
    expect(parseHandOp({ node: 'n1', f: 'read', key: 'a b' }, NODES)).toMatch(/"key"/);
    expect(parseHandOp({ node: 'n1', f: 'write', key: 'k', value: '' }, NODES)).toMatch(/"value"/);
    expect(parseHandOp({ node: 'n1', f: 'delete', key: 'k' }, NODES)).toMatch(/"f"/);
  });
});

describe('lab history', () => {
  it('numbers events, keeps a lane on one process while idle, and retires a process after info', () => {
    const h = new LabHistory();
    const seen: string[] = [];
    h.onEvent((e, lane) => seen.push(`${e.index}:${lane}`));
    const p = h.claimProcess('you → n1');
    const q = h.claimProcess('you → n1'); // a second click while the first op is in flight
    expect(q).not.toBe(p);
    h.append({ type: 'invoke', process: p, f: 'read', key: 'k', value: null });
    h.releaseProcess(p, 'ok');
    h.releaseProcess(q, 'ok');
    expect(h.claimProcess('you → n1')).toBe(p);
    h.releaseProcess(p, 'info');
    const r = h.claimProcess('you → n1');
    expect(r).not.toBe(p);
    expect(h.lane(r)).toBe('you → n1');
    expect(seen).toEqual(['0:you → n1']);
    expect(h.events[0]!.time).toBeGreaterThanOrEqual(0);
    expect(h.toJsonl()).toMatch(/^\{"index":0,"type":"invoke","process":0,"f":"read","key":"k","value":null,"time":\d+\}\n$/);
  });
});

describe('checkLabHistory', () => {
  const ev = (e: Omit<HistoryEvent, 'index'>, i: number): HistoryEvent => ({ ...e, index: i });
  it('a read of nil after a finished write on another node: not linearizable, with the read as the failing op', async () => {
    const events = [
      { type: 'invoke', process: 0, f: 'write', key: 'k', value: 7, time: 10 },
      { type: 'ok', process: 0, f: 'write', key: 'k', value: 7, time: 20, node: 'n1' },
      { type: 'invoke', process: 1, f: 'read', key: 'k', value: null, time: 30 },
      { type: 'ok', process: 1, f: 'read', key: 'k', value: null, time: 40, node: 'n2' },
    ].map((e, i) => ev(e as Omit<HistoryEvent, 'index'>, i));
    const v = await checkLabHistory(events);
    expect(v.valid).toBe(false);
    expect(v.failure?.key).toBe('k');
    expect(v.failure?.stuck.map((s) => s.invokeIndex)).toEqual([2]);
    expect(v.events).toBe(4);
  });
  it('the same read seeing the write is linearizable; an op still in flight counts as info', async () => {
    const events = [
      { type: 'invoke', process: 0, f: 'write', key: 'k', value: 7, time: 10 },
      { type: 'ok', process: 0, f: 'write', key: 'k', value: 7, time: 20 },
      { type: 'invoke', process: 1, f: 'read', key: 'k', value: null, time: 30 },
      { type: 'ok', process: 1, f: 'read', key: 'k', value: 7, time: 40 },
      { type: 'invoke', process: 2, f: 'write', key: 'k', value: 8, time: 50 },
    ].map((e, i) => ev(e as Omit<HistoryEvent, 'index'>, i));
    const v = await checkLabHistory(events);
    expect(v.valid).toBe(true);
    expect(v.failure).toBeUndefined();
    expect(v.ops).toBe(3);
  });
  it('nothing to check yet: no verdict', async () => {
    expect((await checkLabHistory([])).valid).toBeNull();
  });
});

describe('renderLabPage', () => {
  it('is one self-contained page whose script parses and that loads nothing from elsewhere', async () => {
    const { renderLabPage } = await import('../../src/lab/render-lab-page.js');
    const html = renderLabPage();
    const script = html.slice(html.indexOf('<script>') + '<script>'.length, html.lastIndexOf('</script>'));
    expect(() => new Function(script)).not.toThrow();
    expect(script).toContain("new EventSource('/events')");
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('<link rel="icon" href="data:,">');
  });
});
