/**
 * Agreement of the final reads: canonical texts of values and the test of whether every node's
 * latest final read of every key says the same. Pure; used by final-reads.ts between rounds.
 */
import { valueKey } from '../../checkers/linearizable/models/value.js';

/**
 * canonicalValue is a text equal for equal values (structural, as the checkers compare them); with
 * `asSet`, an array is a set, so its element order and duplicates do not matter.
 */
export function canonicalValue(value: unknown, asSet: boolean): string {
  if (asSet && Array.isArray(value)) return JSON.stringify([...new Set(value.map(valueKey))].sort());
  return valueKey(value);
}

/**
 * nodesAgree: true when every node in `nodes` has a latest value (canonical text) for every key in
 * `keys`, and for each key they are all the same. A node with no answer yet has not agreed.
 * `latest` maps node → key → canonical text.
 */
export function nodesAgree(
  latest: ReadonlyMap<string, ReadonlyMap<string, string>>,
  nodes: readonly string[],
  keys: readonly string[],
): boolean {
  for (const key of keys) {
    let seen: string | undefined;
    for (const node of nodes) {
      const v = latest.get(node)?.get(key);
      if (v === undefined) return false;
      if (seen === undefined) seen = v;
      else if (v !== seen) return false;
    }
  }
  return true;
}
