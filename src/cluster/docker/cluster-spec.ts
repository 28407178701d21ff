/**
 * ClusterSpec: how the docker backend starts one store, read from JSON and validated against the
 * shipped schema (schemas/cluster-spec.schema.json) with ajv. Built-in specs live in
 * fixtures/specs/<name>.json and are found by name (`etcd`, `etcd-5`, `redis`, `builtin`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Capability } from '../../core/cluster.js';
import { FaultlineError, inputError } from '../../core/errors.js';
import { packageRoot } from './package-root.js';

/** ReadinessProbe: when a node is ready — an HTTP GET on the client port, a TCP connect, or an exec that exits 0. */
export type ReadinessProbe =
  | { type: 'http'; path: string; bodyIncludes?: string; timeoutMs?: number }
  | { type: 'tcp'; timeoutMs?: number }
  | { type: 'exec'; command: string[]; timeoutMs?: number };

/** ImageRecipe: how to build the image offline from host-installed Debian packages (see build-offline-image.ts). */
export interface ImageRecipe {
  kind: 'host-usr';
  packages: string[];
  clockInterposer?: boolean;
  mountPackage?: boolean;
}

/** ClusterSpec is a validated spec; see the schema for each field's meaning. */
export interface ClusterSpec {
  name: string;
  description?: string;
  image?: string;
  recipe?: ImageRecipe;
  nodes?: { default?: number; min?: number; max?: number };
  command: string[];
  env?: Record<string, string>;
  ports: { client: number; peer?: number };
  readiness: ReadinessProbe;
  faults: Capability[];
  unsupported?: Record<string, string>;
  adapter?: string;
}

/** CLUSTER_SPEC_SCHEMA_FILE is the schema's path relative to the package root. */
export const CLUSTER_SPEC_SCHEMA_FILE = 'schemas/cluster-spec.schema.json';

/** BUILTIN_SPECS names the specs shipped in fixtures/specs/. */
export const BUILTIN_SPECS = ['etcd', 'etcd-5', 'redis', 'builtin'] as const;

let validator: ValidateFunction | undefined;

function specValidator(): ValidateFunction {
  if (validator === undefined) {
    const schema = JSON.parse(fs.readFileSync(path.join(packageRoot(), CLUSTER_SPEC_SCHEMA_FILE), 'utf8')) as object;
    validator = new Ajv({ allErrors: false, allowUnionTypes: true }).compile(schema);
  }
  return validator;
}

/**
 * validateClusterSpec checks a parsed value against the schema and returns it typed. `source`
 * names where it came from (a file path) in errors. Throws FaultlineError('input') naming the field.
 */
export function validateClusterSpec(value: unknown, source: string): ClusterSpec {
  const validate = specValidator();
  if (!validate(value)) {
    const err = pickError(validate.errors ?? []);
    const field = err === undefined ? undefined : fieldOf(err);
    const message = err === undefined ? 'not a valid cluster spec' : describe(err);
    throw inputError(source, undefined, `invalid cluster spec: ${message}`, {
      ...(field === undefined ? {} : { field }),
      hint: `see ${CLUSTER_SPEC_SCHEMA_FILE}`,
    });
  }
  const spec = value as ClusterSpec;
  const { min = 1, max = 15, default: def } = spec.nodes ?? {};
  if (min > max || (def !== undefined && (def < min || def > max))) {
    throw inputError(source, undefined, `invalid cluster spec: nodes must satisfy min <= default <= max`, { field: 'nodes' });
  }
  for (const fault of spec.faults) {
    if (spec.unsupported?.[fault] !== undefined) {
      throw inputError(source, undefined, `invalid cluster spec: "${fault}" is listed both as supported and unsupported`, { field: 'faults' });
    }
  }
  return spec;
}

/**
 * loadClusterSpec reads a spec by built-in name (see BUILTIN_SPECS) or file path. Throws
 * FaultlineError('input') for a missing file, bad JSON or a schema violation.
 */
export function loadClusterSpec(nameOrPath: string): ClusterSpec {
  const file = (BUILTIN_SPECS as readonly string[]).includes(nameOrPath)
    ? path.join(packageRoot(), 'fixtures', 'specs', `${nameOrPath}.json`)
    : path.resolve(nameOrPath);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new FaultlineError('input', `cannot read cluster spec ${file}: ${(err as Error).message}`, {
      hint: `built-in specs: ${BUILTIN_SPECS.join(', ')}`,
      cause: err,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw inputError(file, undefined, `not JSON: ${(err as Error).message}`, { cause: err });
  }
  return validateClusterSpec(value, file);
}

// Prefer the most specific error: a oneOf/anyOf failure hides the branch errors that name a field.
function pickError(errors: readonly ErrorObject[]): ErrorObject | undefined {
  return errors.find((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if') ?? errors[0];
}

function fieldOf(err: ErrorObject): string | undefined {
  const base = err.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (err.keyword === 'required') {
    const missing = (err.params as { missingProperty?: string }).missingProperty;
    return base === '' ? missing : `${base}.${missing}`;
  }
  if (err.keyword === 'additionalProperties') {
    const extra = (err.params as { additionalProperty?: string }).additionalProperty;
    return base === '' ? extra : `${base}.${extra}`;
  }
  return base === '' ? undefined : base;
}

function describe(err: ErrorObject): string {
  if (err.keyword === 'additionalProperties') return 'unknown field';
  if (err.keyword === 'required') {
    const missing = (err.params as { missingProperty?: string }).missingProperty;
    return missing === 'image' || missing === 'recipe' ? 'needs "image" or "recipe"' : 'missing field';
  }
  if (err.keyword === 'enum' || err.keyword === 'const') {
    const allowed = (err.params as { allowedValues?: unknown[]; allowedValue?: unknown }).allowedValues ?? [(err.params as { allowedValue?: unknown }).allowedValue];
    return `${err.message ?? 'not allowed'} (${allowed.map((v) => JSON.stringify(v)).join(', ')})`;
  }
  return err.message ?? 'invalid';
}
