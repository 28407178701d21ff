/**
 * src/net: faultline's network layer for the local backend. Every node-to-node message of a local
 * cluster passes through one MessageRouter, which owns a DirectedLink per ordered pair of nodes
 * (directed-link.ts); each link decides per message (link-faults.ts, seeded by create-prng.ts)
 * whether it is dropped, delayed or duplicated, and whether a partition (grudge) swallows it.
 * Fault state lives in this process, so a partition or heal acts on the very next message.
 */
import type { Grudge, PacketFaults } from '../core/cluster.js';
import { FaultlineError } from '../core/errors.js';
import { DirectedLink, type LinkStats } from './directed-link.js';
import { NO_FAULTS, toLinkFaults } from './link-faults.js';

/** RouterNode is one node as the router sees it: its name and the port it hears peers on. */
export interface RouterNode {
  name: string;
  peerPort: number;
}

/** MessageRouterOptions: the nodes, the loopback host (default 127.0.0.1), the seed (default 1). */
export interface MessageRouterOptions {
  nodes: readonly RouterNode[];
  host?: string;
  seed?: number;
}

/**
 * MessageRouter owns all directed links of one cluster. Create it with `MessageRouter.start`; give
 * each node `peersArg(name)` as its `--peers`; `close()` when done (idempotent).
 */
export class MessageRouter {
  readonly host: string;
  private readonly links = new Map<string, DirectedLink>();
  private readonly names: readonly string[];

  private constructor(host: string, names: readonly string[]) {
    this.host = host;
    this.names = names;
  }

  /** start opens one listening link per ordered pair of distinct nodes. Names must be unique. */
  static async start(options: MessageRouterOptions): Promise<MessageRouter> {
    const host = options.host ?? '127.0.0.1';
    const seed = options.seed ?? 1;
    const names = options.nodes.map((n) => n.name);
    if (new Set(names).size !== names.length) throw new FaultlineError('usage', `duplicate node names: ${names.join(', ')}`);
    const router = new MessageRouter(host, names);
    let i = 0;
    try {
      for (const from of options.nodes) {
        for (const to of options.nodes) {
          if (from.name === to.name) continue;
          i++;
          const link = await DirectedLink.open(from.name, to.name, host, to.peerPort, (seed * 7919 + i) >>> 0);
          router.links.set(key(from.name, to.name), link);
        }
      }
    } catch (err) {
      await router.close();
      throw new FaultlineError('environment', `could not open the network router's loopback ports: ${String(err)}`, { cause: err });
    }
    return router;
  }

  /** linkPort is the loopback port where `from` sends messages meant for `to`. */
  linkPort(from: string, to: string): number {
    return this.link(from, to).port;
  }

  /** peersArg is node `from`'s `--peers` value: `n2=127.0.0.1:P,n3=...` ("" for a single node). */
  peersArg(from: string): string {
    return this.names
      .filter((n) => n !== from)
      .map((to) => `${to}=${this.host}:${this.linkPort(from, to)}`)
      .join(',');
  }

  /**
   * partition replaces the current partition by `grudge` (node → nodes it cannot hear; {} heals
   * partitions, packet faults stay). Takes effect on the next message of every link, including
   * messages still waiting out a delay. Throws a `usage` FaultlineError naming an unknown node.
   */
  partition(grudge: Grudge): void {
    const blocked = new Set<string>();
    for (const [to, froms] of Object.entries(grudge)) {
      this.checkName(to);
      for (const from of froms) {
        this.checkName(from);
        if (from !== to) blocked.add(key(from, to));
      }
    }
    for (const [k, link] of this.links) link.blocked = blocked.has(k);
  }

  /**
   * setPacketFaults sets the packet faults of every link, or of the links into `nodes`, replacing
   * what those links had. Throws a `usage` FaultlineError for a bad value or an unknown node.
   */
  setPacketFaults(faults: PacketFaults, nodes?: readonly string[]): void {
    let linkFaults;
    try {
      linkFaults = toLinkFaults(faults);
    } catch (err) {
      throw new FaultlineError('usage', `bad packet faults: ${(err as Error).message}`);
    }
    const into = nodes === undefined ? undefined : new Set(nodes);
    for (const n of into ?? []) this.checkName(n);
    for (const link of this.links.values()) {
      if (into === undefined || into.has(link.to)) link.faults = linkFaults;
    }
  }

  /** heal removes every partition and packet fault. */
  heal(): void {
    for (const link of this.links.values()) {
      link.blocked = false;
      link.faults = NO_FAULTS;
    }
  }

  /** stats returns a copy of the counters of link `from`→`to`. */
  stats(from: string, to: string): LinkStats {
    return { ...this.link(from, to).stats };
  }

  /** close closes every link and drops delayed messages; idempotent. */
  async close(): Promise<void> {
    await Promise.all([...this.links.values()].map((l) => l.close()));
  }

  private link(from: string, to: string): DirectedLink {
    const link = this.links.get(key(from, to));
    if (link === undefined) throw new FaultlineError('usage', `no network link from "${from}" to "${to}"`);
    return link;
  }

  private checkName(name: string): void {
    if (!this.names.includes(name)) {
      throw new FaultlineError('usage', `unknown node "${name}" in network fault`, { hint: `nodes are ${this.names.join(', ')}` });
    }
  }
}

function key(from: string, to: string): string {
  return `${from}->${to}`;
}
