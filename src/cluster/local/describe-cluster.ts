/**
 * describeCluster renders, for a person at a terminal, where a cluster's nodes listen and how to
 * try them with curl (the built-in store's client API). Pure: lines of text, no trailing newlines.
 */
import type { NodeInfo } from '../../core/cluster.js';

export function describeCluster(info: { mode: string; nodes: readonly NodeInfo[]; logDir?: string; runId?: string }): string[] {
  const width = Math.max(...info.nodes.map((n) => n.name.length));
  const first = info.nodes[0];
  const lines = [`${info.nodes.length} node(s), mode ${info.mode}${info.runId === undefined ? '' : `, run ${info.runId}`}:`];
  for (const n of info.nodes) lines.push(`  ${n.name.padEnd(width)}  http://${n.host}:${n.port}`);
  if (info.logDir !== undefined) lines.push(`logs: ${info.logDir}`);
  if (first !== undefined) {
    const base = `http://${first.host}:${first.port}`;
    lines.push(
      'try:',
      `  curl ${base}/status`,
      `  curl -X PUT ${base}/kv/x -H 'content-type: application/json' -d '{"value":1}'`,
      `  curl ${base}/kv/x`,
      `  curl -X POST ${base}/kv/x/cas -H 'content-type: application/json' -d '{"from":1,"to":2}'`,
      '(raft/lease: any node serves; a follower forwards to the leader, and answers 503 {"error":"not-leader","leader":null} when it knows none;',
      ' primary: writes go to the primary, a replica answers 503 {"error":"not-leader","leader":...})',
    );
  }
  return lines;
}
