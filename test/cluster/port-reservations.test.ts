// The kernel behaviour port reservations rely on (see src/cluster/local/port-reservations.ts),
// checked on this machine: a reserved port refuses connections until someone listens on it, can be
// listened on (and again after that listener closes, as a restarted node does), and is never handed
// out by bind(0) while it is reserved. (connect() skips explicitly bound ports too, but it prefers
// the other parity of ports than bind(0), so a test of it here could not fail either way.)
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PortReservations, heldPortsWork } from '../../src/cluster/local/port-reservations.js';

const HOST = '127.0.0.1';
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const s = net.createServer((c) => c.end());
    s.once('error', reject);
    s.listen(port, HOST, () => resolve(s));
  });
}
const closeServer = (s: net.Server): Promise<void> => new Promise((r) => s.close(() => r()));
function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const c = net.connect({ host: HOST, port });
    c.once('error', reject);
    c.once('connect', () => resolve(c));
  });
}

describe('PortReservations (Linux)', () => {
  it('holds ports a node can listen on, again and again, and that refuse connections meanwhile', async () => {
    expect(await heldPortsWork(HOST)).toBe(true);
    const ports = await PortReservations.open(HOST);
    open.push(ports);
    const reserved = await ports.reserve(4);
    expect(new Set(reserved).size).toBe(4);
    const p = reserved[0]!;
    await expect(connect(p)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const node = await listen(p);
    await expect(listen(p)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    (await connect(p)).destroy();
    await closeServer(node); // the node is killed ...
    await expect(connect(p)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await closeServer(await listen(p)); // ... and restarts on the same port
  });

  it('a reserved port is never handed out by bind(0)', async () => {
    const ports = await PortReservations.open(HOST);
    open.push(ports);
    const reserved = new Set(await ports.reserve(200));
    // 3,000 held binds over ~28,000 ephemeral ports would hit ~20 of 200 free ports.
    const servers: net.Server[] = [];
    for (let i = 0; i < 3000; i++) servers.push(await listen(0));
    const bound = servers.map((s) => (s.address() as net.AddressInfo).port);
    await Promise.all(servers.map(closeServer));
    expect(bound.filter((p) => reserved.has(p))).toEqual([]);
  }, 60_000);
});
