/**
 * Operation-name aliases shared by the models, so histories from Jepsen (`:read`/`:write`), Knossos
 * (`:r`/`:w` in txns) and Porcupine (`get`/`put`) read the same way. Pure lookups.
 */

/** isReadF tells whether `f` names a read (`read`, `r`, `get`). */
export function isReadF(f: unknown): boolean {
  return f === 'read' || f === 'r' || f === 'get';
}

/** isWriteF tells whether `f` names a write (`write`, `w`, `put`). */
export function isWriteF(f: unknown): boolean {
  return f === 'write' || f === 'w' || f === 'put';
}

/** isAddF tells whether `f` names an addition (`add`, `incr`, `increment`, `inc`). */
export function isAddF(f: unknown): boolean {
  return f === 'add' || f === 'incr' || f === 'increment' || f === 'inc';
}

/** suffixOf renders an op's status for people: "" for ok, " (info)" for an op of unknown outcome. */
export function suffixOf(status: string): string {
  return status === 'info' ? ' (info)' : '';
}
