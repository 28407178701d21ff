/**
 * register: a read/write register (`read` → value, `write(v)`), initially `init` (default null).
 * A read's output must equal the register's value. Pure.
 */
import type { HintedModel } from './checker-hints.js';
import { registerCore } from './register-core.js';

/** registerModel builds the register model; `init` is the initial value (default null). */
export function registerModel(init: unknown = null): HintedModel<unknown> {
  return registerCore('register', false, init);
}
