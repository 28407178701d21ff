/** Test helpers for the network layer: a TCP sink that records lines, and a line sender. */
import net from 'node:net';
import { LineSplitter } from '../../src/net/line-splitter.js';

/** Sink is a TCP server on an ephemeral loopback port that records every line with its arrival time. */
export interface Sink {
  port: number;
  lines: { text: string; atMs: number }[];
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const lines: { text: string; atMs: number }[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const splitter = new LineSplitter();
    socket.on('data', (chunk: Buffer) => {
      for (const l of splitter.push(chunk)) lines.push({ text: l.toString('utf8'), atMs: performance.now() });
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as net.AddressInfo;
  return {
    port: addr.port,
    lines,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** connectSender opens a TCP connection to a router link port. */
export async function connectSender(port: number): Promise<net.Socket> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/**
 * waitFor polls `cond` every 5 ms until it holds or `timeoutMs` passes (then throws). The default is
 * only a safety net for a loaded machine: tests wait for a condition, never for a time window.
 */
export async function waitFor(cond: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
