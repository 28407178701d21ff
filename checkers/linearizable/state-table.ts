/**
 * StateTable hash-conses model states: equal states (by `model.equal`) get one small integer id, so
 * the search compares and stores states as ints. Not pure (it grows); one table per search.
 */
import type { Model } from '../../src/core/model.js';

/** StateTable interns states of one model. */
export class StateTable<S> {
  readonly states: S[] = [];
  private readonly firstByHash = new Map<number, number>();
  private readonly nextSameHash: number[] = [];
  private readonly model: Model<S>;

  constructor(model: Model<S>) {
    this.model = model;
  }

  /** intern returns the id of `state`, adding it when new. Ids are dense from 0. */
  intern(state: S): number {
    const h = this.model.hash(state) | 0;
    const first = this.firstByHash.get(h);
    if (first !== undefined) {
      for (let id = first; id >= 0; id = this.nextSameHash[id]!) {
        const s = this.states[id] as S;
        if (s === state || this.model.equal(s, state)) return id;
      }
    }
    const id = this.states.length;
    this.states.push(state);
    this.nextSameHash.push(first ?? -1);
    this.firstByHash.set(h, id);
    return id;
  }

  /** size is the number of distinct states. */
  get size(): number {
    return this.states.length;
  }
}
