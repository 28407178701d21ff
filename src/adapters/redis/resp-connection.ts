/**
 * RespConnection: a minimal Redis (RESP2) connection, one command at a time, so the adapter knows
 * exactly what was sent when something goes wrong. A command that times out or loses its connection
 * leaves the connection unusable (a late reply could be read as the next command's): it is closed
 * and the next command reconnects.
 */
import net from 'node:net';

/** RespValue is a decoded reply: simple/bulk string, integer, null, array, or a server error. */
export type RespValue = string | number | null | RespValue[] | RespError;

/** RespError is an error reply (`-ERR ...`, `-READONLY ...`): data, not an exception. */
export class RespError {
  constructor(readonly message: string) {}
  /** prefix is the error's first word, e.g. READONLY, NOSCRIPT, ERR. */
  get prefix(): string {
    return this.message.split(' ')[0] ?? '';
  }
}

/** RespFailure says why no reply came: `refused` (nothing sent), `aborted` (timeout/cancel), `lost` (sent or maybe sent). */
export class RespFailure extends Error {
  constructor(
    readonly kind: 'refused' | 'aborted' | 'lost',
    message: string,
  ) {
    super(message);
    this.name = 'RespFailure';
  }
}

/** encodeCommand renders argv as a RESP array of bulk strings (pure). */
export function encodeCommand(args: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.from(a, 'utf8');
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/**
 * parseReply decodes one reply from `buf` at `offset` (pure). Returns the value and the offset after
 * it, or undefined when the buffer does not hold a whole reply yet. Throws on a malformed reply.
 */
export function parseReply(buf: Buffer, offset = 0): { value: RespValue; next: number } | undefined {
  const eol = buf.indexOf('\r\n', offset);
  if (eol < 0) return undefined;
  const kind = String.fromCharCode(buf[offset]!);
  const line = buf.toString('utf8', offset + 1, eol);
  switch (kind) {
    case '+':
      return { value: line, next: eol + 2 };
    case '-':
      return { value: new RespError(line), next: eol + 2 };
    case ':':
      return { value: Number(line), next: eol + 2 };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, next: eol + 2 };
      if (buf.length < eol + 2 + len + 2) return undefined;
      return { value: buf.toString('utf8', eol + 2, eol + 2 + len), next: eol + 2 + len + 2 };
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return { value: null, next: eol + 2 };
      const items: RespValue[] = [];
      let at = eol + 2;
      for (let i = 0; i < n; i++) {
        const r = parseReply(buf, at);
        if (r === undefined) return undefined;
        items.push(r.value);
        at = r.next;
      }
      return { value: items, next: at };
    }
    default:
      throw new Error(`malformed RESP reply (type byte ${JSON.stringify(kind)})`);
  }
}


/** RespConnection sends one command at a time to host:port, connecting lazily. */
export class RespConnection {
  private socket: net.Socket | undefined;
  private connected: Promise<net.Socket> | undefined;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  /**
   * command sends argv and resolves with the reply (error replies included as RespError). Rejects
   * with RespFailure: refused when the connection could not be made, aborted on `signal`, lost when
   * the connection broke after sending.
   */
  async command(args: readonly string[], signal: AbortSignal): Promise<RespValue> {
    if (signal.aborted) throw new RespFailure('aborted', 'aborted before sending');
    const socket = await this.connect(signal);
    return new Promise<RespValue>((resolve, reject) => {
      let buf: Buffer = Buffer.alloc(0);
      const cleanup = (): void => {
        socket.off('data', onData);
        socket.off('close', onClose);
        socket.off('error', onError);
        signal.removeEventListener('abort', onAbort);
      };
      const fail = (kind: RespFailure['kind'], message: string): void => {
        cleanup();
        this.close();
        reject(new RespFailure(kind, message));
      };
      const onData = (chunk: Buffer): void => {
        buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
        let parsed;
        try {
          parsed = parseReply(buf);
        } catch (err) {
          fail('lost', (err as Error).message);
          return;
        }
        if (parsed === undefined) return;
        cleanup();
        if (parsed.next !== buf.length) this.close(); // unexpected extra bytes: do not trust this connection
        resolve(parsed.value);
      };
      const onClose = (): void => fail('lost', 'connection closed');
      const onError = (err: Error): void => fail('lost', err.message);
      const onAbort = (): void => fail('aborted', 'timed out or cancelled');
      socket.on('data', onData);
      socket.on('close', onClose);
      socket.on('error', onError);
      signal.addEventListener('abort', onAbort, { once: true });
      socket.write(encodeCommand(args));
    });
  }

  /** close destroys the socket (idempotent); the next command reconnects. */
  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
    this.connected = undefined;
  }

  private connect(signal: AbortSignal): Promise<net.Socket> {
    if (this.socket !== undefined && !this.socket.destroyed && this.connected !== undefined) return this.connected;
    this.connected = new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
      this.socket = socket;
      const onAbort = (): void => {
        socket.destroy();
        reject(new RespFailure('refused', 'timed out while connecting (nothing sent)'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once('connect', () => {
        signal.removeEventListener('abort', onAbort);
        socket.removeAllListeners('error');
        socket.on('error', () => undefined);
        resolve(socket);
      });
      socket.once('error', (err: NodeJS.ErrnoException) => {
        signal.removeEventListener('abort', onAbort);
        this.close();
        reject(new RespFailure('refused', `${err.code ?? err.message} ${this.host}:${this.port}`));
      });
    });
    return this.connected;
  }
}
