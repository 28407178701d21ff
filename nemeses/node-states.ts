/**
 * NodeStates: what the nemeses have done to each node that may still be in progress (killed,
 * restarting, or lost), shared by every nemesis of a run so that no fault lands on a node another
 * nemesis is bringing back (a pause in the middle of a restart makes the restart fail). Effectful
 * bookkeeping only: it never touches the cluster itself.
 */

/**
 * NodeCondition: paused (by the pause nemesis), down (killed, not restarted), restarting (a restart
 * in flight), unknown (a restart failed or timed out).
 */
export type NodeCondition = 'paused' | 'down' | 'restarting' | 'unknown';

/** RESTART_TIMEOUT_MS: the longest a nemesis waits for one restart (the node started and ready) by default. */
export const RESTART_TIMEOUT_MS = 30_000;

/** NodeStates tracks nodes that are not simply up; a node it does not list is up as far as the nemeses know. */
export class NodeStates {
  private readonly conditions = new Map<string, { condition: NodeCondition; why: string }>();
  private readonly restarts = new Map<string, Promise<unknown>>();

  /** conditionOf is the node's condition, undefined when it is up. */
  conditionOf(node: string): NodeCondition | undefined {
    return this.conditions.get(node)?.condition;
  }

  /** why says in words why `node` is not up ("n2 is restarting"), undefined when it is up. */
  why(node: string): string | undefined {
    const c = this.conditions.get(node);
    return c === undefined ? undefined : `${node} is ${c.why}`;
  }

  /** markPaused records that `node` is (being) paused. */
  markPaused(node: string): void {
    this.conditions.set(node, { condition: 'paused', why: 'paused' });
  }

  /** markUp records that `node` is up again (resumed); a restart in flight is not forgotten. */
  markUp(node: string): void {
    if (!this.restarts.has(node)) this.conditions.delete(node);
  }

  /** markDown records that `node` is (being) killed. */
  markDown(node: string): void {
    this.conditions.set(node, { condition: 'down', why: 'down (killed)' });
  }

  /** markUnknown records that `node`'s state is unknown, and why (e.g. its restart timed out). */
  markUnknown(node: string, why: string): void {
    this.conditions.set(node, { condition: 'unknown', why: `in an unknown state (${why})` });
  }

  /**
   * restarting records a restart of `node` in flight until `restart` settles: then the node is up
   * (fulfilled) or unknown (rejected, with the error's message), unless a later restart replaced it.
   */
  restarting(node: string, restart: Promise<unknown>): void {
    this.conditions.set(node, { condition: 'restarting', why: 'restarting' });
    this.restarts.set(node, restart);
    restart.then(
      () => {
        if (this.restarts.get(node) !== restart) return;
        this.restarts.delete(node);
        this.conditions.delete(node);
      },
      (err: unknown) => {
        if (this.restarts.get(node) !== restart) return;
        this.restarts.delete(node);
        this.markUnknown(node, `restart failed: ${(err as Error).message ?? String(err)}`);
      },
    );
  }

  /** restartInFlight tells whether a restart of `node` has not settled yet (even one that timed out). */
  restartInFlight(node: string): boolean {
    return this.restarts.has(node);
  }

  /** inFlight lists the nodes whose restart has not settled yet (sorted). */
  inFlight(): string[] {
    return [...this.restarts.keys()].sort();
  }

  /** settle waits until every restart in flight settled, or `timeoutMs` passed; resolves with the nodes still in flight. */
  async settle(timeoutMs: number): Promise<string[]> {
    await within(Promise.allSettled([...this.restarts.values()]), timeoutMs);
    return this.inFlight();
  }
}

/**
 * within waits for `p` at most `timeoutMs`: `{done: true, value}` when it fulfilled in time,
 * `{done: false}` when the time ran out (p keeps running); a rejection of p in time is rethrown.
 */
export async function within<T>(p: Promise<T>, timeoutMs: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), Math.max(0, timeoutMs));
  });
  try {
    return await Promise.race([p.then((value) => ({ done: true as const, value })), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * splitTargets divides the nodes a fault is aimed at into those it can act on now and those it must
 * skip (node → why), by the conditions that `blocks` the fault. Pure apart from reading `states`.
 */
export function splitTargets(
  nodes: readonly string[],
  states: NodeStates,
  blocks: (c: NodeCondition) => boolean,
): { act: string[]; skipped: Record<string, string> } {
  const act: string[] = [];
  const skipped: Record<string, string> = {};
  for (const node of nodes) {
    const c = states.conditionOf(node);
    if (c !== undefined && blocks(c)) skipped[node] = states.why(node) as string;
    else act.push(node);
  }
  return { act, skipped };
}
