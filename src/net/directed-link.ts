/**
 * DirectedLink carries newline-delimited messages one way, from node `from` to node `to`: it listens
 * on an ephemeral loopback port where `from` sends, and forwards each whole line to `to`'s peer port,
 * applying the link's fault state per message. Effects: sockets and timers, owned and closed here.
 *
 * Why lines and not bytes: a partition, loss or duplicate must act on whole messages, as a dropped
 * packet would, never cut a message in half.
 */
import net from 'node:net';
import { createPrng } from './create-prng.js';
import { LineSplitter } from './line-splitter.js';
import { NO_FAULTS, decideDelivery, type LinkFaults } from './link-faults.js';

/** LinkStats counts what a link did with the messages it received (copies, not unique messages). */
export interface LinkStats {
  received: number;
  delivered: number;
  dropped: number;
  duplicated: number;
}

/** Above this many bytes queued towards a destination that does not read (paused), drop messages. */
const MAX_QUEUED_BYTES = 1 << 20;
const NEWLINE = Buffer.from('\n');

export class DirectedLink {
  readonly from: string;
  readonly to: string;
  /** blocked is true while a grudge says `to` cannot hear `from`: every message vanishes. */
  blocked = false;
  faults: Readonly<LinkFaults> = NO_FAULTS;
  readonly stats: LinkStats = { received: 0, delivered: 0, dropped: 0, duplicated: 0 };

  private readonly server: net.Server;
  private readonly inbound = new Set<net.Socket>();
  private out: net.Socket | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly random: () => number;
  private closed = false;

  private constructor(
    from: string,
    to: string,
    private readonly host: string,
    private readonly targetPort: number,
    seed: number,
  ) {
    this.from = from;
    this.to = to;
    this.random = createPrng(seed);
    this.server = net.createServer((socket) => this.accept(socket));
  }

  /**
   * open starts a link listening on an ephemeral port of `host`, forwarding to `host:targetPort`.
   * `seed` drives the link's loss and duplication decisions. The port is the kernel's choice and
   * stays bound until close(): it is never free between being chosen and being used, so it cannot
   * race another listener (the nodes' own ports are reserved: src/cluster/local/port-reservations.ts).
   */
  static async open(from: string, to: string, host: string, targetPort: number, seed: number): Promise<DirectedLink> {
    const link = new DirectedLink(from, to, host, targetPort, seed);
    await new Promise<void>((resolve, reject) => {
      link.server.once('error', reject);
      link.server.listen(0, host, () => {
        link.server.off('error', reject);
        resolve();
      });
    });
    return link;
  }

  /** port is where `from` must send its messages for `to`. */
  get port(): number {
    const addr = this.server.address();
    if (addr === null || typeof addr === 'string') throw new Error('link is not listening');
    return addr.port;
  }

  /** close destroys every socket, cancels delayed messages and stops listening; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.inbound) s.destroy();
    this.inbound.clear();
    this.out?.destroy();
    this.out = null;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.inbound.add(socket);
    socket.setNoDelay(true);
    const splitter = new LineSplitter();
    socket.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) this.receive(line);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.inbound.delete(socket));
  }

  private receive(line: Buffer): void {
    this.stats.received++;
    if (this.blocked) {
      this.stats.dropped++;
      return;
    }
    const delays = decideDelivery(this.faults, this.random);
    if (delays.length === 0) this.stats.dropped++;
    if (delays.length > 1) this.stats.duplicated++;
    for (const delayMs of delays) {
      if (delayMs <= 0) {
        this.deliver(line);
        continue;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.deliver(line);
      }, delayMs);
      this.timers.add(timer);
    }
  }

  // A partition also catches messages that were waiting out a delay when it began.
  private deliver(line: Buffer): void {
    if (this.closed || this.blocked) {
      this.stats.dropped++;
      return;
    }
    const out = this.connection();
    if (out.writableLength > MAX_QUEUED_BYTES) {
      this.stats.dropped++;
      return;
    }
    out.write(line);
    out.write(NEWLINE);
    this.stats.delivered++;
  }

  // Connect lazily; a failed connection (destination killed) is forgotten, so the next message retries.
  private connection(): net.Socket {
    if (this.out !== null && !this.out.destroyed) return this.out;
    const socket = net.connect({ host: this.host, port: this.targetPort });
    socket.setNoDelay(true);
    socket.on('data', () => {}); // the destination never answers on this direction; discard.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.out === socket) this.out = null;
    });
    this.out = socket;
    return socket;
  }
}
