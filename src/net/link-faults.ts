/**
 * Link faults: the fault state of one directed link and the pure decision of what happens to one
 * message on it (dropped, delivered after some delay, or delivered twice).
 */
import type { PacketFaults } from '../core/cluster.js';

/** LinkFaults is the packet fault state of one directed link; all fields always present. */
export interface LinkFaults {
  lossProbability: number;
  delayMs: number;
  jitterMs: number;
  duplicateProbability: number;
}

/** NO_FAULTS is a healthy link. */
export const NO_FAULTS: Readonly<LinkFaults> = Object.freeze({
  lossProbability: 0,
  delayMs: 0,
  jitterMs: 0,
  duplicateProbability: 0,
});

/**
 * toLinkFaults validates `faults` and fills absent fields with 0. Throws a RangeError for a
 * probability outside [0,1] or a negative or non-finite time (callers turn it into a user error).
 */
export function toLinkFaults(faults: PacketFaults): LinkFaults {
  const out: LinkFaults = {
    lossProbability: faults.lossProbability ?? 0,
    delayMs: faults.delayMs ?? 0,
    jitterMs: faults.jitterMs ?? 0,
    duplicateProbability: faults.duplicateProbability ?? 0,
  };
  for (const field of ['lossProbability', 'duplicateProbability'] as const) {
    const p = out[field];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${field} must be in [0, 1], got ${p}`);
  }
  for (const field of ['delayMs', 'jitterMs'] as const) {
    const t = out[field];
    if (!(t >= 0 && Number.isFinite(t))) throw new RangeError(`${field} must be a finite number >= 0, got ${t}`);
  }
  return out;
}

/**
 * decideDelivery says what happens to one message on a link with `faults`: the list of delays in
 * ms after which a copy is delivered — [] drops it, one entry delivers it, two duplicate it. Each
 * delay is delayMs plus a uniform jitter in [0, jitterMs). Pure given `random` (a PRNG in [0,1)),
 * which it calls a fixed number of times per fault kind enabled, so runs repeat with a seed.
 */
export function decideDelivery(faults: Readonly<LinkFaults>, random: () => number): number[] {
  if (faults.lossProbability > 0 && random() < faults.lossProbability) return [];
  const delay = (): number => faults.delayMs + (faults.jitterMs > 0 ? random() * faults.jitterMs : 0);
  const first = delay();
  if (faults.duplicateProbability > 0 && random() < faults.duplicateProbability) return [first, delay()];
  return [first];
}
