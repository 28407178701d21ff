/**
 * Grudges: pure computations of who cannot hear whom for each partition kind (Jepsen's names).
 *
 * A partition is a list of components; `completeGrudge` turns it into a Grudge in which every node
 * hates every node outside its own component. Random kinds draw from the given Random and return it
 * advanced, so a seed fixes every partition of a run.
 */
import type { Grudge } from '../src/core/cluster.js';
import type { Random } from '../src/generator/random.js';

/** PARTITION_KINDS lists the partition kinds `--partition` accepts. */
export const PARTITION_KINDS = [
  'halves',
  'random-halves',
  'one',
  'leader',
  'majorities-ring',
  'bridge',
  'minority-third',
] as const;

/** PartitionKind is one way of cutting the network. */
export type PartitionKind = (typeof PARTITION_KINDS)[number];

/**
 * PARTITION_MIN_NODES: the fewest nodes with which each kind cuts anything and is what its name says
 * (below it: one node has no one to be cut from; two nodes on a majorities ring each hear both;
 * a bridge needs a node in the middle). `resolveNemeses` rejects smaller clusters before a run.
 */
export const PARTITION_MIN_NODES: Readonly<Record<PartitionKind, number>> = {
  halves: 2,
  'random-halves': 2,
  one: 2,
  leader: 2,
  'majorities-ring': 3,
  bridge: 3,
  'minority-third': 2,
};

/** isPartitionKind tells whether a string names a partition kind. */
export function isPartitionKind(s: string): s is PartitionKind {
  return (PARTITION_KINDS as readonly string[]).includes(s);
}

/** completeGrudge: each node cannot hear from any node outside its component; unlisted nodes hear all. */
export function completeGrudge(components: readonly (readonly string[])[]): Grudge {
  const grudge: Grudge = {};
  const all = components.flat();
  for (const component of components) {
    const inside = new Set(component);
    for (const node of component) grudge[node] = all.filter((n) => !inside.has(n));
  }
  return grudge;
}

/** halves cuts the nodes in order into a smaller first half and a larger second half (floor(n/2) first). */
export function halves(nodes: readonly string[]): Grudge {
  const cut = Math.floor(nodes.length / 2);
  return completeGrudge([nodes.slice(0, cut), nodes.slice(cut)]);
}

/** randomHalves is halves over a seeded shuffle of the nodes. */
export function randomHalves(nodes: readonly string[], rng: Random): [Grudge, Random] {
  const [shuffled, next] = shuffle(nodes, rng);
  return [halves(shuffled), next];
}

/** isolate cuts `node` off from every other node (both directions). */
export function isolate(nodes: readonly string[], node: string): Grudge {
  return completeGrudge([[node], nodes.filter((n) => n !== node)]);
}

/** isolateOne isolates one node drawn uniformly. */
export function isolateOne(nodes: readonly string[], rng: Random): [Grudge, Random] {
  const [node, next] = rng.pick(nodes);
  return [isolate(nodes, node), next];
}

/**
 * majoritiesRing: nodes on a (shuffled) ring each hear a majority made of themselves and their ring
 * neighbours, and no two nodes hear the same majority (for 5 nodes: each hears its two neighbours).
 */
export function majoritiesRing(nodes: readonly string[], rng: Random): [Grudge, Random] {
  const [ring, next] = shuffle(nodes, rng);
  const n = ring.length;
  const majority = Math.floor(n / 2) + 1;
  const before = Math.floor((majority - 1) / 2);
  const after = majority - 1 - before;
  const grudge: Grudge = {};
  ring.forEach((node, i) => {
    const hears = new Set<string>();
    for (let d = -before; d <= after; d++) hears.add(ring[(((i + d) % n) + n) % n] as string);
    grudge[node] = ring.filter((m) => !hears.has(m));
  });
  return [grudge, next];
}

/**
 * bridge: two halves that cannot hear each other, and one node in the middle that hears (and is
 * heard by) both (Jepsen's bridge). Needs at least 3 nodes; with fewer it is `halves`.
 */
export function bridge(nodes: readonly string[], rng: Random): [Grudge, Random] {
  const [shuffled, next] = shuffle(nodes, rng);
  if (shuffled.length < 3) return [halves(shuffled), next];
  const mid = Math.floor(shuffled.length / 2);
  const left = shuffled.slice(0, mid);
  const bridgeNode = shuffled[mid] as string;
  const right = shuffled.slice(mid + 1);
  const grudge: Grudge = {};
  for (const n of left) grudge[n] = [...right];
  for (const n of right) grudge[n] = [...left];
  grudge[bridgeNode] = [];
  return [grudge, next];
}

/** minorityThird isolates a random third of the nodes (at least one) from the rest. */
export function minorityThird(nodes: readonly string[], rng: Random): [Grudge, Random] {
  const [shuffled, next] = shuffle(nodes, rng);
  const size = Math.max(1, Math.floor(nodes.length / 3));
  return [completeGrudge([shuffled.slice(0, size), shuffled.slice(size)]), next];
}

/**
 * grudgeFor computes the grudge of `kind`. `leader` is only read for kind "leader" (when it is
 * unknown, one random node is isolated instead). Pure apart from the Random it returns advanced.
 */
export function grudgeFor(
  kind: PartitionKind,
  nodes: readonly string[],
  rng: Random,
  leader?: string,
): [Grudge, Random] {
  switch (kind) {
    case 'halves':
      return [halves(nodes), rng];
    case 'random-halves':
      return randomHalves(nodes, rng);
    case 'one':
      return isolateOne(nodes, rng);
    case 'leader':
      return leader !== undefined && nodes.includes(leader) ? [isolate(nodes, leader), rng] : isolateOne(nodes, rng);
    case 'majorities-ring':
      return majoritiesRing(nodes, rng);
    case 'bridge':
      return bridge(nodes, rng);
    case 'minority-third':
      return minorityThird(nodes, rng);
  }
}

/** shuffle is a seeded Fisher-Yates shuffle returning a new array. */
export function shuffle<T>(items: readonly T[], rng: Random): [T[], Random] {
  const out = items.slice();
  let r = rng;
  for (let i = out.length - 1; i > 0; i--) {
    const [j, next] = r.int(i + 1);
    r = next;
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return [out, r];
}
