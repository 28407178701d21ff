/**
 * cas-register: a register with compare-and-set. Ops: `read` → value, `write(v)`, `cas([from, to])`.
 * An ok cas with output `false` is a failed compare (the etcd convention: the op happened and saw a
 * value other than `from`); any other ok cas succeeded. An info cas took effect (if the value was
 * `from`) or not at all. Initially `init` (default null). Pure.
 */
import type { HintedModel } from './checker-hints.js';
import { registerCore } from './register-core.js';

/** casRegisterModel builds the cas-register model; `init` is the initial value (default null). */
export function casRegisterModel(init: unknown = null): HintedModel<unknown> {
  return registerCore('cas-register', true, init);
}
