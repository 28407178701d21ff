/**
 * loadConfig: read and validate `faultline.config.json` (ajv, schemas/faultline.config.schema.json).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { inputError } from '../core/errors.js';

/** CONFIG_FILE is the config file's name, looked up in the working directory. */
export const CONFIG_FILE = 'faultline.config.json';

/** TestConfig is the config file's content (every field optional; see the schema). */
export interface TestConfig {
  name?: string;
  db?: string;
  mode?: string;
  backend?: string;
  nodes?: number;
  workload?: string;
  nemesis?: string | string[];
  nemesisInterval?: string | number;
  partition?: string | string[];
  timeLimit?: string | number;
  concurrency?: string | number;
  rate?: number;
  keys?: number;
  opsPerKey?: number;
  values?: string;
  seed?: number;
  adapter?: string;
  store?: string;
  json?: boolean;
  junit?: string;
  report?: boolean;
  opTimeout?: string | number;
  recovery?: string | number;
  convergeTimeout?: string | number;
  /** Quorum mode (`mode: "quorum"`): N replicas per key, R answers per read, W acks per write, sloppy quorum. */
  replicas?: number;
  r?: number;
  w?: number;
  sloppy?: boolean;
  /** `--backend ssh`: the machines, as a file (`--nodes-file`) or inline (schemas/ssh-inventory.schema.json). */
  nodesFile?: string;
  ssh?: unknown;
}

/** configSchemaPath is where the shipped schema is (package root /schemas), from src or dist. */
export function configSchemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'schemas', 'faultline.config.schema.json');
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      dir = dirname(dir);
    }
  }
  return join(process.cwd(), 'schemas', 'faultline.config.schema.json');
}

let validator: ReturnType<Ajv['compile']> | undefined;

/**
 * loadConfig reads `<cwd>/faultline.config.json` if it exists (undefined otherwise) and validates
 * it; with `file` (`--config FILE`, resolved against `cwd`) it reads that file, and a missing or
 * unreadable one is an input FaultlineError naming it. A malformed file is an input FaultlineError
 * naming the file and the field.
 */
export async function loadConfig(cwd = process.cwd(), file?: string): Promise<TestConfig | undefined> {
  const path = resolve(cwd, file ?? CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (file === undefined) return undefined;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a config file' : `cannot be read (${code ?? (err as Error).message})`;
    throw inputError(file, undefined, `${why} (given with --config)`);
  }
  return parseConfig(text, file ?? path);
}

/** parseConfig parses and validates config text; `file` names it in errors. */
export function parseConfig(text: string, file: string): TestConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw inputError(file, undefined, `not valid JSON: ${(err as Error).message}`);
  }
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(JSON.parse(readFileSync(configSchemaPath(), 'utf8')) as object);
  if (!validator(value)) {
    const e = (validator.errors ?? [])[0] as ErrorObject | undefined;
    const field = e === undefined ? undefined : fieldOf(e);
    const message = e === undefined ? 'does not match the schema' : describe(e);
    throw inputError(file, undefined, message, field === undefined ? {} : { field });
  }
  return value as TestConfig;
}

function fieldOf(e: ErrorObject): string | undefined {
  if (e.keyword === 'additionalProperties') return String((e.params as { additionalProperty: string }).additionalProperty);
  const path = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
  return path === '' ? undefined : path;
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return 'unknown option';
  if (e.keyword === 'enum') return `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).join(', ')}`;
  return e.message ?? 'is invalid';
}
