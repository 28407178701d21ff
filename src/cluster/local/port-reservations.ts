/**
 * PortReservations hands out loopback ports that stay reserved for a cluster's whole life, so a node
 * can bind its client and peer ports at start and bind them again on every restart without racing
 * anyone for them. Effects: opens sockets, owned and closed here.
 *
 * How a port is reserved, and why it cannot race (Linux): the reservation is a TCP connection from
 * `host:P` to this object's own anchor listener, made with an explicit bind to port 0 (the kernel
 * picks a P no socket holds, so two faultline processes never get the same P). While that socket
 * exists,
 *  - the kernel never hands P to anyone else's bind(0) or connect(): a port search skips every port
 *    with an explicitly bound socket on it, whatever its options;
 *  - a node may still listen on P: libuv sets SO_REUSEADDR on every TCP bind, and Linux lets a
 *    SO_REUSEADDR socket bind next to other SO_REUSEADDR sockets that are not listening;
 *  - while no node listens on P (killed, not yet restarted), a connection attempt to P is refused,
 *    exactly as for a dead process: the reservation is connected, not listening.
 * So from reservation to close() no other socket can take P by chance; only a program that binds P
 * by its number could (nothing in faultline does that with a port it did not choose). Before this,
 * ports were probed with bind(0), released and re-bound by the nodes a moment later, and the router
 * (or anything else) could get one of them in between: EADDRINUSE about once in 60 starts.
 *
 * Where the kernel does not let a node bind next to a reservation (BSD semantics, checked once per
 * process by `heldPortsWork`), reserve() falls back to the old probing: the ports are released at
 * once and are only free when returned.
 */
import net from 'node:net';

export class PortReservations {
  private readonly held: net.Socket[] = [];
  private readonly accepted = new Set<net.Socket>();
  private closed = false;

  private constructor(
    private readonly host: string,
    private readonly anchor: net.Server,
  ) {}

  /** open starts the anchor listener on `host` (a loopback address). */
  static async open(host: string): Promise<PortReservations> {
    const anchor = net.createServer();
    const ports = new PortReservations(host, anchor);
    anchor.on('connection', (s) => {
      ports.accepted.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => ports.accepted.delete(s));
    });
    await listen(anchor, 0, host);
    return ports;
  }

  /**
   * reserve returns `count` distinct ports of `host`, held until close() (see the file header).
   * In the fallback mode (heldPortsWork() is false) they are released before being returned.
   */
  async reserve(count: number): Promise<number[]> {
    if (this.closed) throw new Error('port reservations are closed');
    const hold = await heldPortsWork(this.host);
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const socket = await this.connectFromPortZero();
      ports.push(socket.localPort!);
      if (hold) this.held.push(socket);
      else socket.resetAndDestroy();
    }
    return ports;
  }

  /**
   * close releases every reservation and the anchor; idempotent. The sockets are reset rather than
   * closed, so no port lingers in TIME_WAIT after a cluster is gone.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.held) s.resetAndDestroy();
    for (const s of this.accepted) s.resetAndDestroy();
    this.held.length = 0;
    await new Promise<void>((resolve) => this.anchor.close(() => resolve()));
  }

  private connectFromPortZero(): Promise<net.Socket> {
    const { port } = this.anchor.address() as net.AddressInfo;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port, localAddress: this.host, localPort: 0 });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.on('error', () => socket.destroy());
        resolve(socket);
      });
    });
  }
}

let heldPortsCheck: Promise<boolean> | undefined;

/**
 * heldPortsWork tells (once per process, cached) whether a server may listen on a reserved port
 * while the reservation is held — true on Linux. Effect: one reservation and one listen, closed.
 */
export function heldPortsWork(host: string): Promise<boolean> {
  heldPortsCheck ??= (async () => {
    const accepted: net.Socket[] = [];
    const anchor = net.createServer((s) => {
      accepted.push(s);
      s.on('error', () => s.destroy());
    });
    await listen(anchor, 0, host);
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host, port: (anchor.address() as net.AddressInfo).port, localAddress: host, localPort: 0 });
      s.once('error', reject);
      s.once('connect', () => resolve(s));
    });
    socket.on('error', () => socket.destroy());
    const probe = net.createServer();
    const ok = await listen(probe, socket.localPort!, host).then(
      () => true,
      () => false,
    );
    if (ok) await new Promise<void>((resolve) => probe.close(() => resolve()));
    socket.resetAndDestroy();
    for (const s of accepted) s.resetAndDestroy();
    await new Promise<void>((resolve) => anchor.close(() => resolve()));
    return ok;
  })();
  return heldPortsCheck;
}

function listen(server: net.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
