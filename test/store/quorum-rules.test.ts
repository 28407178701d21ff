// Quorum mode's pure rules: placement on the ring, resolving replicas' answers, read repair targets,
// read-modify-write, and the N/R/W checks behind the flags.
import { describe, expect, it } from 'vitest';
import {
  defaultQuorum,
  fallbackList,
  preferenceList,
  readModifyWrite,
  registerEntry,
  resolveReplies,
  ringOrder,
  staleReplicas,
  validateQuorum,
} from '../../src/store/quorum-rules.js';

const nodes = ['n10', 'n2', 'n1', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9'];
const at = (ts: number, node = 'n1', seq = 1) => registerEntry(`v${ts}`, { ts, node, seq });

describe('placement', () => {
  it('orders the ring as people number nodes (n2 before n10)', () => {
    expect(ringOrder(nodes)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10']);
  });

  it('puts a key on N consecutive nodes of the ring, the same list on every node, and the rest are its stand-ins', () => {
    for (const key of ['r', 's', 'c', 'k1', 'k2', '']) {
      const pref = preferenceList(key, nodes, 3);
      expect(pref).toHaveLength(3);
      expect(preferenceList(key, [...nodes].reverse(), 3)).toEqual(pref);
      const ring = ringOrder(nodes);
      const i = ring.indexOf(pref[0]!);
      expect(pref).toEqual([ring[i], ring[(i + 1) % 10], ring[(i + 2) % 10]]);
      const fallbacks = fallbackList(key, nodes, 3);
      expect(new Set([...pref, ...fallbacks]).size).toBe(10);
      expect(fallbacks[0]).toBe(ring[(i + 3) % 10]);
    }
    expect(preferenceList('r', ['n1', 'n2', 'n3'], 3).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(fallbackList('r', ['n1', 'n2', 'n3'], 3)).toEqual([]);
  });
});

describe('resolving answers and read repair', () => {
  it('the highest stamp wins (ts, then node, then seq); replicas without the key count as older', () => {
    const replies = new Map([
      ['n1', at(5)],
      ['n2', null],
      ['n3', at(9, 'n3')],
      ['n4', at(9, 'n2')],
    ]);
    const resolved = resolveReplies(replies.values());
    expect(resolved?.reg?.value).toBe('v9');
    expect(resolved?.reg?.stamp.node).toBe('n3');
    expect(staleReplicas(replies, resolved).sort()).toEqual(['n1', 'n2', 'n4']);
    expect(resolveReplies([null, null])).toBeNull();
    expect(staleReplicas(new Map([['n1', null]]), null)).toEqual([]);
  });
});

describe('read-modify-write', () => {
  it('applies the store semantics to the value read: refusals write nothing, the rest write the whole new value', () => {
    expect(readModifyWrite(1, { op: 'cas', key: 'r', from: 1, to: 2 })).toEqual({ result: { ok: true, value: 2 }, write: true });
    expect(readModifyWrite(3, { op: 'cas', key: 'r', from: 1, to: 2 })).toEqual({ result: { ok: false, error: 'compare-failed', value: 3 }, write: false });
    expect(readModifyWrite(null, { op: 'add', key: 's', value: 4 })).toEqual({ result: { ok: true, value: [4] }, write: true });
    expect(readModifyWrite([1, 5], { op: 'add', key: 's', value: 4 }).result).toEqual({ ok: true, value: [1, 4, 5] });
    expect(readModifyWrite(null, { op: 'incr', key: 'c', value: 2 }).result).toEqual({ ok: true, value: 2 });
    expect(readModifyWrite('a', { op: 'incr', key: 'c', value: 2 })).toMatchObject({ result: { ok: false, error: 'wrong-type' }, write: false });
  });

  it('is not atomic: two coordinators that read the same set each write a successor that drops the other add', () => {
    const a = readModifyWrite([0], { op: 'add', key: 's', value: 1 });
    const b = readModifyWrite([0], { op: 'add', key: 's', value: 2 });
    const winner = resolveReplies([registerEntry(a.result.value, { ts: 10, node: 'n1', seq: 1 }), registerEntry(b.result.value, { ts: 11, node: 'n2', seq: 1 })]);
    expect(winner?.reg?.value).toEqual([0, 2]); // the acknowledged add of 1 is gone
  });
});

describe('N/R/W checks', () => {
  it.each([
    [{ replicas: 3, r: 2, w: 2 }, 3, null],
    [{ replicas: 3, r: 1, w: 1 }, 5, null],
    [{ replicas: 4, r: 1, w: 1 }, 3, /--replicas must be an integer from 1 to the number of nodes \(3\), not 4/],
    [{ replicas: 3, r: 4, w: 1 }, 5, /--r must be an integer from 1 to --replicas \(3\), not 4/],
    [{ replicas: 3, r: 1, w: 0 }, 5, /--w must be an integer from 1 to --replicas \(3\), not 0/],
    [{ replicas: 2.5, r: 1, w: 1 }, 5, /--replicas/],
  ])('%o on %i nodes', (settings, n, problem) => {
    const got = validateQuorum(settings, n);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toMatch(problem);
  });

  it('defaults to N = min(3, nodes) and majorities for R and W', () => {
    expect(defaultQuorum(5)).toEqual({ replicas: 3, r: 2, w: 2 });
    expect(defaultQuorum(1)).toEqual({ replicas: 1, r: 1, w: 1 });
    expect(defaultQuorum(2)).toEqual({ replicas: 2, r: 2, w: 2 });
  });
});
