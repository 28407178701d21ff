/**
 * Node templates: a spec's command, env and exec probe are templates over the cluster's layout.
 * `templateVars` computes the variables of one node (pure); `renderTemplate` substitutes them.
 */
import { FaultlineError } from '../../core/errors.js';

/** NodeLayout is one node's place in the cluster: its name (n1..) and fixed IPv4 address. */
export interface NodeLayout {
  name: string;
  ip: string;
}

/** TEMPLATE_VARS lists every variable a template may use (see the spec schema's description). */
export const TEMPLATE_VARS = [
  'name',
  'ip',
  'index',
  'nodeCount',
  'quorum',
  'clientPort',
  'peerPort',
  'peers',
  'allIps',
  'primaryIp',
  'initialCluster',
  'peerAddrs',
] as const;

/** TemplateVars maps each variable to its value for one node. */
export type TemplateVars = Record<(typeof TEMPLATE_VARS)[number], string>;

/**
 * templateVars computes the variables of `layout[index]` (pure). `peerPort` is "" when the spec has
 * none; `initialCluster` is etcd's `n1=http://ip1:peerPort,...`; `peerAddrs` is the other nodes as
 * `n2=ip2:peerPort,...` (the built-in store's --peers).
 */
export function templateVars(layout: readonly NodeLayout[], index: number, ports: { client: number; peer?: number }): TemplateVars {
  const self = layout[index];
  if (self === undefined) throw new FaultlineError('internal', `templateVars: no node at index ${index}`);
  const peerPort = ports.peer === undefined ? '' : String(ports.peer);
  return {
    name: self.name,
    ip: self.ip,
    index: String(index + 1),
    nodeCount: String(layout.length),
    quorum: String(Math.floor(layout.length / 2) + 1),
    clientPort: String(ports.client),
    peerPort,
    peers: layout.filter((_, i) => i !== index).map((n) => n.ip).join(','),
    allIps: layout.map((n) => n.ip).join(','),
    primaryIp: layout[0]!.ip,
    initialCluster: layout.map((n) => `${n.name}=http://${n.ip}:${peerPort}`).join(','),
    peerAddrs: layout.filter((_, i) => i !== index).map((n) => `${n.name}=${n.ip}:${peerPort}`).join(','),
  };
}

/**
 * renderTemplate replaces every `{{var}}` in `text` (whitespace inside the braces allowed) with its
 * value. Throws FaultlineError('input') naming `field` for an unknown variable. Pure.
 */
export function renderTemplate(text: string, vars: TemplateVars, field: string): string {
  return text.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_, name: string) => {
    if (!(TEMPLATE_VARS as readonly string[]).includes(name)) {
      throw new FaultlineError('input', `unknown template variable {{${name}}} in cluster spec field "${field}"`, {
        hint: `variables: ${TEMPLATE_VARS.map((v) => `{{${v}}}`).join(' ')}`,
      });
    }
    return vars[name as keyof TemplateVars];
  });
}
