/**
 * allocateFreePorts finds `count` distinct free TCP ports on `host` by binding port 0 and releasing
 * it. The ports are free at return time only (another process could take one before it is used;
 * on a loopback-only test machine that window is small). Effect: opens and closes sockets.
 */
import net from 'node:net';

export async function allocateFreePorts(count: number, host: string): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, () => resolve());
      });
      ports.push((server.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}
