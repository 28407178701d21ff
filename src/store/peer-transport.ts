import net from 'node:net';
import type { PeerMessage } from './kv-command.js';
import type { PeerAddress } from './parse-store-args.js';

/** Outgoing per-peer connection bookkeeping. */
interface Link {
  peer: PeerAddress;
  socket: net.Socket | null;
  connected: boolean;
  /** Lines written while connecting, sent once connected (bounded). */
  queue: string[];
  backoffMs: number;
  timer: NodeJS.Timeout | null;
}

/** Messages queued per peer while a connection is being made; beyond it they are dropped. */
const MAX_QUEUED = 64;
/** Bytes buffered in a socket past which new messages are dropped (a stalled link must not eat memory). */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Longest accepted line; a longer one is garbage and is skipped. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * PeerTransport is the peer channel: one-way newline-delimited JSON over TCP. It listens on the
 * peer port for lines from anyone (the router delivers there) and keeps one outgoing connection per
 * peer to that peer's address, reconnecting with exponential backoff (50 ms → 1 s). Sending never
 * blocks or throws: a message to a peer that is not connected is queued briefly and otherwise
 * dropped, which the protocols tolerate. Malformed lines are logged and skipped.
 */
export class PeerTransport {
  private readonly links = new Map<string, Link>();
  private server: net.Server | null = null;
  private readonly inbound = new Set<net.Socket>();
  private closed = false;

  constructor(
    private readonly self: string,
    peers: readonly PeerAddress[],
    private readonly onMessage: (message: PeerMessage) => void,
    private readonly log: (line: string) => void,
  ) {
    for (const peer of peers) {
      this.links.set(peer.id, { peer, socket: null, connected: false, queue: [], backoffMs: 50, timer: null });
    }
  }

  /** listen starts accepting peer traffic on host:port and connecting out to every peer. */
  async listen(host: string, port: number): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.log(`peer server error: ${err.message}`));
    for (const link of this.links.values()) this.connect(link);
  }

  /** send writes one message to peer `to` (fields from/to are filled in); drops it when not possible. */
  send(to: string, message: Record<string, unknown> & { type: string }): void {
    const link = this.links.get(to);
    if (link === undefined || this.closed) return;
    const line = `${JSON.stringify({ ...message, from: this.self, to })}\n`;
    if (link.connected && link.socket !== null) {
      if (link.socket.writableLength > MAX_BUFFERED_BYTES) return;
      link.socket.write(line);
    } else if (link.queue.length < MAX_QUEUED) {
      link.queue.push(line);
    }
  }

  /** peerIds lists the peers this node talks to. */
  get peerIds(): string[] {
    return [...this.links.keys()];
  }

  /** close stops listening and drops every connection; idempotent. */
  close(): void {
    this.closed = true;
    for (const link of this.links.values()) {
      if (link.timer !== null) clearTimeout(link.timer);
      link.socket?.destroy();
    }
    for (const s of this.inbound) s.destroy();
    this.server?.close();
  }

  private connect(link: Link): void {
    if (this.closed) return;
    link.timer = null;
    const socket = net.createConnection({ host: link.peer.host, port: link.peer.port });
    link.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => {
      link.connected = true;
      link.backoffMs = 50;
      this.log(`peer link to ${link.peer.id} up`);
      const queued = link.queue.join('');
      link.queue = [];
      if (queued !== '') socket.write(queued);
    });
    // The receiving side never writes on our outgoing connection; drain anything just in case.
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (link.connected) this.log(`peer link to ${link.peer.id} down`);
      link.connected = false;
      link.socket = null;
      if (this.closed) return;
      link.timer = setTimeout(() => this.connect(link), link.backoffMs);
      link.backoffMs = Math.min(1000, link.backoffMs * 2);
    });
  }

  private accept(socket: net.Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.inbound.add(socket);
    socket.setNoDelay(true);
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let nl = buffer.indexOf('\n');
      let start = 0;
      while (nl >= 0) {
        this.handleLine(buffer.slice(start, nl));
        start = nl + 1;
        nl = buffer.indexOf('\n', start);
      }
      buffer = buffer.slice(start);
      if (buffer.length > MAX_LINE_BYTES) {
        this.log('peer line too long; skipped');
        buffer = '';
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.inbound.delete(socket));
  }

  private handleLine(line: string): void {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.log(`bad peer line skipped: ${line.slice(0, 80)}`);
      return;
    }
    if (!isPeerMessage(parsed) || parsed.to !== this.self) {
      this.log(`peer message without from/to/type (or not for ${this.self}) skipped`);
      return;
    }
    try {
      this.onMessage(parsed);
    } catch (err) {
      this.log(`peer message ${parsed.type} from ${parsed.from} failed: ${(err as Error).message}`);
    }
  }
}

function isPeerMessage(v: unknown): v is PeerMessage {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return typeof m['from'] === 'string' && typeof m['to'] === 'string' && typeof m['type'] === 'string';
}
