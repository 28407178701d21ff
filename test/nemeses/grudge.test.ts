import { describe, expect, it } from 'vitest';
import type { Grudge } from '../../src/core/cluster.js';
import { Random } from '../../src/generator/random.js';
import {
  PARTITION_KINDS,
  bridge,
  completeGrudge,
  grudgeFor,
  halves,
  isolate,
  majoritiesRing,
  minorityThird,
} from '../../nemeses/grudge.js';

const five = ['n1', 'n2', 'n3', 'n4', 'n5'];
const rng = Random.seeded(1);

/** hears: the set of nodes `node` can hear (itself included) under a grudge. */
function hears(g: Grudge, nodes: string[], node: string): string[] {
  const hated = new Set(g[node] ?? []);
  return nodes.filter((n) => !hated.has(n));
}

describe('fixed grudges', () => {
  it.each<[string, Grudge, Grudge]>([
    ['complete of two components', completeGrudge([['a'], ['b', 'c']]), { a: ['b', 'c'], b: ['a'], c: ['a'] }],
    [
      'halves of five (smaller first)',
      halves(five),
      { n1: ['n3', 'n4', 'n5'], n2: ['n3', 'n4', 'n5'], n3: ['n1', 'n2'], n4: ['n1', 'n2'], n5: ['n1', 'n2'] },
    ],
    ['halves of two', halves(['a', 'b']), { a: ['b'], b: ['a'] }],
    [
      'isolate n3',
      isolate(five, 'n3'),
      { n3: ['n1', 'n2', 'n4', 'n5'], n1: ['n3'], n2: ['n3'], n4: ['n3'], n5: ['n3'] },
    ],
    ['leader n2 of three', grudgeFor('leader', ['n1', 'n2', 'n3'], rng, 'n2')[0], { n2: ['n1', 'n3'], n1: ['n2'], n3: ['n2'] }],
  ])('%s', (_name, got, want) => {
    expect(got).toEqual(want);
  });
});

describe('random grudges', () => {
  it.each([3, 4, 5, 7])('majorities ring of %i: everyone hears a distinct majority', (n) => {
    const nodes = Array.from({ length: n }, (_, i) => `n${i + 1}`);
    const [g] = majoritiesRing(nodes, Random.seeded(n));
    const majority = Math.floor(n / 2) + 1;
    const views = nodes.map((node) => hears(g, nodes, node).join(','));
    for (const node of nodes) expect(hears(g, nodes, node)).toHaveLength(majority);
    if (n > 3) expect(new Set(views).size).toBe(n);
    // Symmetric when the neighbourhood can be centred (odd majority): if a hears b then b hears a.
    if ((majority - 1) % 2 === 0) for (const a of nodes) for (const b of hears(g, nodes, a)) expect(hears(g, nodes, b)).toContain(a);
  });

  it.each([3, 5, 6])('bridge of %i: one node hears all, the two sides do not hear each other', (n) => {
    const nodes = Array.from({ length: n }, (_, i) => `n${i + 1}`);
    const [g] = bridge(nodes, Random.seeded(9));
    const hubs = nodes.filter((x) => hears(g, nodes, x).length === n);
    expect(hubs).toHaveLength(1);
    const others = nodes.filter((x) => x !== hubs[0]);
    const sideSizes = others.map((x) => hears(g, nodes, x).length);
    for (const s of sideSizes) expect(s).toBeLessThan(n);
    for (const x of others) expect(hears(g, nodes, x)).toContain(hubs[0]);
  });

  it.each([
    [3, 1],
    [5, 1],
    [6, 2],
    [9, 3],
  ])('minority third of %i isolates %i nodes', (n, k) => {
    const nodes = Array.from({ length: n }, (_, i) => `n${i + 1}`);
    const [g] = minorityThird(nodes, Random.seeded(3));
    const isolated = nodes.filter((x) => hears(g, nodes, x).length === k);
    expect(isolated).toHaveLength(k);
  });

  it.each(PARTITION_KINDS)('%s is a function of the seed and leaves someone cut off', (kind) => {
    const [a] = grudgeFor(kind, five, Random.seeded(5), 'n4');
    const [b] = grudgeFor(kind, five, Random.seeded(5), 'n4');
    expect(a).toEqual(b);
    expect(Object.values(a).some((hated) => hated.length > 0)).toBe(true);
  });

  it('random halves differ between seeds', () => {
    const seen = new Set<string>();
    for (let s = 0; s < 20; s++) seen.add(JSON.stringify(grudgeFor('random-halves', five, Random.seeded(s))[0]));
    expect(seen.size).toBeGreaterThan(3);
  });
});
