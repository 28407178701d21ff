/**
 * Inventory: the machines the ssh backend drives, read from `--nodes-file FILE` or the `ssh` object
 * of faultline.config.json, validated against schemas/ssh-inventory.schema.json (ajv), with the
 * top-level defaults merged into each node (`resolveInventory`, pure).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { FaultlineError, inputError } from '../../core/errors.js';
import { packageRoot } from '../docker/package-root.js';

/** SSH_INVENTORY_SCHEMA_FILE is the schema's path relative to the package root. */
export const SSH_INVENTORY_SCHEMA_FILE = 'schemas/ssh-inventory.schema.json';

/** Connection settings a node takes from the top level unless it sets its own. */
interface ConnectionFields {
  port?: number;
  user?: string;
  privateKey?: string;
  agent?: boolean;
  sudo?: boolean;
  knownHosts?: string;
  insecureIgnoreHostKey?: boolean;
  dir?: string;
}

/** InventoryFile is the file's shape (see the schema). */
export interface InventoryFile extends ConnectionFields {
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  nodes: (ConnectionFields & { host: string; address?: string; hostKey?: string })[];
}

/** HostKeyCheck: how a node's host key is verified. */
export type HostKeyCheck = { kind: 'pinned'; fingerprint: string } | { kind: 'known-hosts'; file: string } | { kind: 'insecure' };

/** SshNode is one machine with every setting resolved. `name` is n1..nN in file order. */
export interface SshNode {
  name: string;
  host: string;
  /** Where peers reach it (default: host). */
  address: string;
  port: number;
  user: string;
  /** Absolute path of the private key file, if any. */
  privateKey?: string;
  /** The agent socket, when the agent is used. */
  agent?: string;
  sudo: boolean;
  hostKey: HostKeyCheck;
  /** faultline's directory on the node. */
  dir: string;
}

/** Inventory is a resolved inventory. Times in ms. */
export interface Inventory {
  source: string;
  nodes: SshNode[];
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

/** DEFAULT_NODE_DIR is where faultline keeps its files on a node unless `dir` says otherwise. */
export const DEFAULT_NODE_DIR = '/var/tmp/faultline';

let validator: ValidateFunction | undefined;

function inventoryValidator(): ValidateFunction {
  if (validator === undefined) {
    const schema = JSON.parse(fs.readFileSync(path.join(packageRoot(), SSH_INVENTORY_SCHEMA_FILE), 'utf8')) as object;
    validator = new Ajv({ allErrors: false }).compile(schema);
  }
  return validator;
}

/**
 * loadInventory reads and resolves an inventory file (relative paths in it resolve against its
 * directory). Throws an input FaultlineError naming the file and the field.
 */
export function loadInventory(file: string, env: NodeJS.ProcessEnv = process.env): Inventory {
  const full = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw inputError(file, undefined, code === 'ENOENT' ? 'no such file (given with --nodes-file)' : `cannot be read (${code ?? (err as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw inputError(file, undefined, `not JSON: ${(err as Error).message}`);
  }
  return resolveInventory(value, file, path.dirname(full), env);
}

/**
 * resolveInventory validates `value` (from `source`: a file, or "faultline.config.json (ssh)") and
 * merges the defaults into each node; relative key paths resolve against `baseDir`. Pure apart from
 * reading `env` (HOME, SSH_AUTH_SOCK). Throws an input FaultlineError naming `source` and the field.
 */
export function resolveInventory(value: unknown, source: string, baseDir: string, env: NodeJS.ProcessEnv = process.env): Inventory {
  const validate = inventoryValidator();
  if (!validate(value)) {
    const err = (validate.errors ?? [])[0];
    throw inputError(source, undefined, `invalid SSH inventory: ${err === undefined ? 'invalid' : describe(err)}`, {
      ...(err === undefined || fieldOf(err) === undefined ? {} : { field: fieldOf(err)! }),
      hint: `see ${SSH_INVENTORY_SCHEMA_FILE}`,
    });
  }
  const file = value as InventoryFile;
  const home = env.HOME ?? os.homedir();
  const nodes = file.nodes.map((n, i): SshNode => {
    const field = (k: keyof ConnectionFields): unknown => n[k] ?? file[k];
    const privateKey = field('privateKey') as string | undefined;
    const agent = (field('agent') as boolean | undefined) === true;
    const where = `nodes.${i}`;
    if (privateKey === undefined && !agent) {
      throw inputError(source, undefined, 'invalid SSH inventory: node has neither "privateKey" nor "agent": true', { field: where });
    }
    if (agent && (env.SSH_AUTH_SOCK ?? '') === '' && privateKey === undefined) {
      throw inputError(source, undefined, 'invalid SSH inventory: "agent": true but SSH_AUTH_SOCK is not set', { field: `${where}.agent` });
    }
    const knownHosts = field('knownHosts') as string | undefined;
    const hostKey: HostKeyCheck =
      n.hostKey !== undefined
        ? { kind: 'pinned', fingerprint: n.hostKey }
        : field('insecureIgnoreHostKey') === true
          ? { kind: 'insecure' }
          : { kind: 'known-hosts', file: knownHosts === undefined ? path.join(home, '.ssh', 'known_hosts') : path.resolve(baseDir, expandHome(knownHosts, home)) };
    const node: SshNode = {
      name: `n${i + 1}`,
      host: n.host,
      address: n.address ?? n.host,
      port: (field('port') as number | undefined) ?? 22,
      user: (field('user') as string | undefined) ?? 'root',
      sudo: (field('sudo') as boolean | undefined) === true,
      hostKey,
      dir: (field('dir') as string | undefined) ?? DEFAULT_NODE_DIR,
    };
    if (privateKey !== undefined) node.privateKey = path.resolve(baseDir, expandHome(privateKey, home));
    if (agent && (env.SSH_AUTH_SOCK ?? '') !== '') node.agent = env.SSH_AUTH_SOCK!;
    return node;
  });
  const seen = new Set<string>();
  for (const [i, n] of nodes.entries()) {
    const key = `${n.host}:${n.port}`;
    if (seen.has(key)) throw inputError(source, undefined, `invalid SSH inventory: ${key} is listed twice`, { field: `nodes.${i}.host` });
    seen.add(key);
  }
  return { source, nodes, connectTimeoutMs: file.connectTimeoutMs ?? 10_000, commandTimeoutMs: file.commandTimeoutMs ?? 30_000 };
}

/** readPrivateKey reads a node's key file; a missing or unreadable one is an input error naming it. */
export function readPrivateKey(node: SshNode, source: string): Buffer | undefined {
  if (node.privateKey === undefined) return undefined;
  try {
    return fs.readFileSync(node.privateKey);
  } catch (err) {
    throw new FaultlineError('input', `${source}: ${node.name} (${node.host}): cannot read private key ${node.privateKey} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, {
      hint: 'fix "privateKey", or use "agent": true',
    });
  }
}

function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
}

function fieldOf(err: ErrorObject): string | undefined {
  const base = err.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const param = err.keyword === 'required' ? (err.params as { missingProperty?: string }).missingProperty : err.keyword === 'additionalProperties' ? (err.params as { additionalProperty?: string }).additionalProperty : undefined;
  if (param !== undefined) return base === '' ? param : `${base}.${param}`;
  return base === '' ? undefined : base;
}

function describe(err: ErrorObject): string {
  if (err.keyword === 'additionalProperties') return 'unknown field';
  if (err.keyword === 'required') return 'missing field';
  return err.message ?? 'invalid';
}
