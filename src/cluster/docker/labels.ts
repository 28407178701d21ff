/**
 * Labels on every Docker object faultline creates, so `faultline clean` can find leftovers: the run
 * id, the owning process (pid and host, to tell a live run from a dead one) and the node name.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';

/** RUN_LABEL holds the run id on containers and networks. */
export const RUN_LABEL = 'faultline.run';
/** OWNER_PID_LABEL and OWNER_HOST_LABEL name the faultline process that owns the run. */
export const OWNER_PID_LABEL = 'faultline.owner-pid';
export const OWNER_HOST_LABEL = 'faultline.owner-host';
/** NODE_LABEL holds the node name (n1..) on containers. */
export const NODE_LABEL = 'faultline.node';

/** runLabels are the labels of one run's objects (effect: reads pid and hostname). */
export function runLabels(runId: string): Record<string, string> {
  return { [RUN_LABEL]: runId, [OWNER_PID_LABEL]: String(process.pid), [OWNER_HOST_LABEL]: os.hostname() };
}

/** newDockerRunId returns a short, time-sortable id usable in container names, e.g. `m3x9k2a1-9f2c`. */
export function newDockerRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
}
