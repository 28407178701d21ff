import { describe, expect, it } from 'vitest';
import { buildTimelineOps, STATUS_CODES } from '../../src/report/timeline-ops.js';
import { assignLanes, laneLabel } from '../../src/report/assign-lanes.js';
import { describeOp } from '../../src/report/op-text.js';
import { ev, history } from './helpers.js';

describe('buildTimelineOps', () => {
  const h = history(
    ev('invoke', 0, 'write', 1, 10, { key: 'a' }),
    ev('invoke', 1, 'read', null, 12, { key: 'b' }),
    ev('ok', 0, 'write', 1, 20, { key: 'a', node: 'n1' }),
    ev('info', 'nemesis', 'start-partition', null, 21),
    ev('fail', 1, 'read', null, 25, { key: 'b', node: 'n2' }),
    ev('invoke', 0, 'cas', [1, 2], 30, { key: 'a' }),
    ev('info', 0, 'cas', [1, 2], 40, { key: 'a' }),
    ev('invoke', 2, 'read', null, 45, { key: 'a' }),
    ev('ok', 9, 'read', 3, 46), // orphan completion
  );
  const t = buildTimelineOps(h);

  it('keeps ok, fail and info ops in invoke order with their statuses and durations', () => {
    expect(t.count).toBe(4);
    expect(t.status).toEqual([STATUS_CODES.ok, STATUS_CODES.fail, STATUS_CODES.info, STATUS_CODES.info]);
    expect(t.callNs).toEqual([10, 12, 30, 45]);
    expect(t.durNs).toEqual([10, 13, 10, -1]);
    expect(t.invokeIndex).toEqual([0, 1, 5, 7]);
  });
  it('interns keys and nodes and counts orphan completions', () => {
    expect(t.keys).toEqual(['a', 'b']);
    expect(t.key).toEqual([0, 1, 0, 0]);
    expect(t.nodes).toEqual(['n1', 'n2']);
    expect(t.node).toEqual([0, 1, -1, -1]);
    expect(t.orphanCompletions).toBe(1);
  });
  it('spans the whole history including nemesis events', () => {
    expect(t.startNs).toBe(10);
    expect(t.endNs).toBe(46);
  });
  it('packs the retired process 0 and the fresh process 2 onto lanes without overlap', () => {
    // p0 lives 10..40, p1 12..25, p2 45..∞: p2 reuses lane 0 (p0 ended at 40 < 45).
    expect(t.lane).toEqual([0, 1, 0, 0]);
    expect(t.lanes.map((l) => l.label)).toEqual(['p0 +1', 'p1']);
  });
  it('renders op texts', () => {
    expect(t.text).toEqual(['write 1', 'read ✗', 'cas 1→2 ?', 'read ?']);
  });
  it('handles an empty history', () => {
    const e = buildTimelineOps([]);
    expect(e.count).toBe(0);
    expect([e.startNs, e.endNs]).toEqual([0, 0]);
  });
});

describe('assignLanes', () => {
  it.each([
    { name: 'sequential processes share a lane', spans: [[1, 0, 5], [2, 6, 9]], lanes: [[1, 2]] },
    { name: 'touching spans do not share (strictly before)', spans: [[1, 0, 5], [2, 5, 9]], lanes: [[1], [2]] },
    { name: 'an open process keeps its lane forever', spans: [[1, 0, Infinity], [2, 6, 9], [3, 10, 12]], lanes: [[1], [2, 3]] },
    { name: 'the lowest free lane is reused', spans: [[1, 0, 3], [2, 1, 10], [3, 4, 6]], lanes: [[1, 3], [2]] },
  ])('$name', ({ spans, lanes }) => {
    const r = assignLanes(spans.map(([process, fromNs, toNs]) => ({ process: process!, fromNs: fromNs!, toNs: toNs! })));
    expect(r.lanes.map((l) => l.processes)).toEqual(lanes);
  });
  it('labels lanes', () => {
    expect(laneLabel({ processes: [4] })).toBe('p4');
    expect(laneLabel({ processes: [4, 14, 24] })).toBe('p4 +2');
    expect(laneLabel({ processes: [] })).toBe('');
  });
});

describe('describeOp', () => {
  it.each([
    ['write', 3, 3, 'ok', 'write 3'],
    ['read', null, 4, 'ok', 'read → 4'],
    ['read', null, null, 'ok', 'read → nil'],
    ['cas', [1, 2], [1, 2], 'ok', 'cas 1→2'],
    ['cas', [1, 2], undefined, 'fail', 'cas 1→2 ✗'],
    ['append', 'x', undefined, 'info', 'append x ?'],
    ['txn', [['r', 'x', null]], [['r', 'x', 1]], 'ok', 'txn [["r","x",null]] → [["r","x",1]]'],
  ] as const)('%s %j → %j (%s)', (f, input, output, status, text) => {
    expect(describeOp(f, input, output, status)).toBe(text);
  });
  it('cuts long texts', () => {
    const s = describeOp('write', 'x'.repeat(100), undefined, 'ok', 20);
    expect(s).toHaveLength(20);
    expect(s.endsWith('…')).toBe(true);
  });
});
