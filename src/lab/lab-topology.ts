/**
 * Lab topology: the links a person cut on the lab page, as data. A link is an unordered pair of
 * nodes; cutting it drops traffic both ways. `grudgeOf` turns the cut links into the Grudge the
 * local backend's router applies (each node lists the nodes it cannot hear). Pure.
 */
import type { Grudge } from '../core/cluster.js';

/** linkId names the link between two nodes the same way whichever end is given first ("n1-n2"). */
export function linkId(a: string, b: string): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/** allLinks lists every link of a full mesh of `nodes`, in node order. */
export function allLinks(nodes: readonly string[]): [string, string][] {
  const links: [string, string][] = [];
  for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) links.push([nodes[i]!, nodes[j]!]);
  return links;
}

/** linksOf lists the links of `node` to every other node. */
export function linksOf(node: string, nodes: readonly string[]): [string, string][] {
  return nodes.filter((n) => n !== node).map((n) => [node, n]);
}

/** grudgeOf builds the grudge for a set of cut links (ids from linkId); no cut link → {}. */
export function grudgeOf(cut: ReadonlySet<string>, nodes: readonly string[]): Grudge {
  const grudge: Grudge = {};
  for (const [a, b] of allLinks(nodes)) {
    if (!cut.has(linkId(a, b))) continue;
    (grudge[a] ??= []).push(b);
    (grudge[b] ??= []).push(a);
  }
  return grudge;
}
