/**
 * packetNemesis: loss, delay and duplication of node-to-node traffic, as far as the backend can.
 */
import type { Capability, PacketFaults } from '../src/core/cluster.js';
import type { OpTemplate } from '../src/generator/generator.js';
import type { Random } from '../src/generator/random.js';
import type { Nemesis } from './nemesis.js';

/** PACKET_BEHAVIOURS: what each packet capability injects when chosen. */
export const PACKET_BEHAVIOURS: Record<'packet-loss' | 'packet-delay' | 'packet-duplicate', PacketFaults> = {
  'packet-loss': { lossProbability: 0.3 },
  'packet-delay': { delayMs: 100, jitterMs: 50 },
  'packet-duplicate': { duplicateProbability: 0.2 },
};

/**
 * packetNemesis: each window starts `start-packet` with one behaviour among those in `available`
 * (value = the PacketFaults, applied to all links) and ends `stop-packet` (faults cleared).
 * It needs any one packet capability; pass the backend's capabilities as `available`.
 */
export function packetNemesis(available: ReadonlySet<Capability>): Nemesis {
  const kinds = (Object.keys(PACKET_BEHAVIOURS) as (keyof typeof PACKET_BEHAVIOURS)[]).filter((k) =>
    available.has(k),
  );
  return {
    name: 'packet',
    requires: ['packet-loss', 'packet-delay', 'packet-duplicate'],
    requiresAny: true,
    fs: ['start-packet', 'stop-packet'],
    startOp(_nodes: readonly string[], rng: Random): [OpTemplate, Random] {
      if (kinds.length === 0) return [{ f: 'start-packet', value: {} }, rng];
      const [kind, next] = rng.pick(kinds);
      return [{ f: 'start-packet', value: { kind, ...PACKET_BEHAVIOURS[kind] } }, next];
    },
    stopOp: () => ({ f: 'stop-packet', value: null }),
    async apply(op, env) {
      if (op.f === 'stop-packet') {
        await env.cluster.setPacketFaults({});
        return 'healed';
      }
      const { kind: _kind, ...faults } = op.value as PacketFaults & { kind?: string };
      await env.cluster.setPacketFaults(faults);
      return op.value;
    },
    async heal(env) {
      await env.cluster.setPacketFaults({});
    },
  };
}
