/**
 * SshSpec: how the ssh backend installs (checks), configures, starts and probes a store on each
 * machine; validated against schemas/ssh-spec.schema.json. Built-in ones are fixtures/specs/ssh/<name>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Capability } from '../../core/cluster.js';
import { FaultlineError, inputError } from '../../core/errors.js';
import { packageRoot } from '../docker/package-root.js';
import { renderTemplate, templateVars, type NodeLayout } from '../docker/render-template.js';

/** SshSpec is a validated spec (see the schema for each field). */
export interface SshSpec {
  name: string;
  description?: string;
  clockInterposer?: boolean;
  install?: { binaries?: string[]; packages?: string[]; upload?: { from: string; to: string }[] };
  /** The spec file's directory (upload sources resolve against it); set by loadSshSpec. */
  baseDir?: string;
  nodes?: { min?: number; max?: number };
  files?: { path: string; content: string; mode?: string }[];
  command: string[];
  env?: Record<string, string>;
  ports: { client: number; peer?: number };
  readiness:
    | { type: 'http'; path: string; bodyIncludes?: string; timeoutMs?: number }
    | { type: 'tcp'; timeoutMs?: number }
    | { type: 'exec'; command: string[]; timeoutMs?: number };
  faults: Capability[];
  unsupported?: Record<string, string>;
  adapter?: string;
}

/** BUILTIN_SSH_SPECS names the specs in fixtures/specs/ssh/. */
export const BUILTIN_SSH_SPECS = ['etcd', 'redis', 'builtin'] as const;

let validator: ValidateFunction | undefined;

/** loadSshSpec reads a built-in spec by name or a spec file. Throws an input FaultlineError naming the file (and field). */
export function loadSshSpec(nameOrPath: string): SshSpec {
  const file = (BUILTIN_SSH_SPECS as readonly string[]).includes(nameOrPath) ? path.join(packageRoot(), 'fixtures', 'specs', 'ssh', `${nameOrPath}.json`) : path.resolve(nameOrPath);
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') {
      throw new FaultlineError('input', `no SSH spec "${nameOrPath}" (${file} does not exist)`, { hint: `built-in SSH specs: ${BUILTIN_SSH_SPECS.join(', ')}` });
    }
    throw inputError(file, undefined, e instanceof SyntaxError ? `not JSON: ${e.message}` : `cannot be read (${e.code ?? e.message})`);
  }
  if (validator === undefined) {
    validator = new Ajv({ allowUnionTypes: true }).compile(JSON.parse(fs.readFileSync(path.join(packageRoot(), 'schemas', 'ssh-spec.schema.json'), 'utf8')) as object);
  }
  if (!validator(value)) {
    const err = validator.errors?.find((e) => e.keyword !== 'oneOf') ?? validator.errors?.[0];
    const field = err?.instancePath.replace(/^\//, '').replaceAll('/', '.');
    throw inputError(file, undefined, `invalid SSH spec: ${err?.message ?? 'invalid'}`, { ...(field ? { field } : {}), hint: 'see schemas/ssh-spec.schema.json' });
  }
  return { ...(value as SshSpec), baseDir: path.dirname(file) };
}

/** RenderedNode is what one node runs: files, argv and env with every template filled in. */
export interface RenderedNode {
  files: { path: string; content: string; mode?: string }[];
  command: string[];
  env: Record<string, string>;
  /** The exec readiness probe's argv, when the spec has one. */
  ready?: string[];
  /** Directories to copy: absolute source on the control node, destination on the node. */
  uploads: { from: string; to: string }[];
}

/** renderNode fills the spec's templates for `layout[index]`, whose run directory is `dir`. Pure. */
export function renderNode(spec: SshSpec, layout: readonly NodeLayout[], index: number, dir: string): RenderedNode {
  const vars = templateVars(layout, index, spec.ports);
  const render = (text: string, field: string): string => renderTemplate(text.replaceAll('{{dir}}', dir), vars, field);
  return {
    files: (spec.files ?? []).map((f, i) => ({ path: render(f.path, `files.${i}.path`), content: render(f.content, `files.${i}.content`), ...(f.mode === undefined ? {} : { mode: f.mode }) })),
    command: spec.command.map((c, i) => render(c, `command.${i}`)),
    env: Object.fromEntries(Object.entries(spec.env ?? {}).map(([k, v]) => [k, render(v, `env.${k}`)])),
    uploads: (spec.install?.upload ?? []).map((u, i) => ({ from: path.resolve(spec.baseDir ?? '.', u.from), to: render(u.to, `install.upload.${i}.to`) })),
    ...(spec.readiness.type === 'exec' ? { ready: spec.readiness.command.map((c, i) => render(c, `readiness.command.${i}`)) } : {}),
  };
}
