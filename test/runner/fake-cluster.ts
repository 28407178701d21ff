// A StartedCluster that records every fault call, for nemesis and runner tests (no processes).
import type { Capability, Grudge, NodeInfo, PacketFaults, StartedCluster } from '../../src/core/cluster.js';

export interface FakeCluster extends StartedCluster {
  calls: string[];
  grudge: Grudge;
  down: Set<string>;
  offsets: Map<string, number>;
  packet: PacketFaults;
}

export function fakeCluster(
  names: string[] = ['n1', 'n2', 'n3', 'n4', 'n5'],
  capabilities: Capability[] = ['partition', 'kill', 'pause', 'clock', 'packet-loss', 'packet-delay'],
): FakeCluster {
  const nodes: NodeInfo[] = names.map((name, i) => ({ name, host: '127.0.0.1', port: 9000 + i }));
  const c: FakeCluster = {
    nodes,
    capabilities: new Set(capabilities),
    calls: [],
    grudge: {},
    down: new Set(),
    offsets: new Map(),
    packet: {},
    async partition(g) {
      c.calls.push(`partition ${JSON.stringify(g)}`);
      c.grudge = g;
    },
    async healNetwork() {
      c.calls.push('heal');
      c.grudge = {};
      c.packet = {};
    },
    async kill(n) {
      c.calls.push(`kill ${n}`);
      c.down.add(n);
    },
    async restart(n) {
      c.calls.push(`restart ${n}`);
      c.down.delete(n);
    },
    async pause(n) {
      c.calls.push(`pause ${n}`);
      c.down.add(n);
    },
    async resume(n) {
      c.calls.push(`resume ${n}`);
      c.down.delete(n);
    },
    async setClockOffset(n, ms) {
      c.calls.push(`clock ${n} ${ms}`);
      c.offsets.set(n, ms);
    },
    async setPacketFaults(f) {
      c.calls.push(`packet ${JSON.stringify(f)}`);
      c.packet = f;
    },
    async stop() {
      c.calls.push('stop');
    },
    async [Symbol.asyncDispose]() {
      await c.stop();
    },
  };
  return c;
}
