/**
 * The shipped JSON Schema for one history event (schemas/history-event.schema.json) and the ajv
 * validator compiled from it, used to explain a malformed line in terms of the schema.
 *
 * The reader validates the common shape by hand (see normalize-event.ts) for speed and asks ajv only
 * when that fast check fails, so ajv's verdict is the contract and its errors name the field.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { FaultlineError } from '../core/errors.js';

/** EVENT_SCHEMA_FILE is the schema's path relative to the package root. */
export const EVENT_SCHEMA_FILE = 'schemas/history-event.schema.json';

/** SchemaProblem is why a value is not a valid event: a message for people and the field at fault. */
export interface SchemaProblem {
  message: string;
  /** The top-level field at fault; undefined when the whole value is wrong (not an object). */
  field?: string;
}

let compiled: ValidateFunction | undefined;

/**
 * eventSchemaPath finds the shipped schema by walking up from this module (it sits at a different
 * depth under src/ and dist/src/). Throws an internal FaultlineError when the package lacks it.
 */
export function eventSchemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, EVENT_SCHEMA_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new FaultlineError('internal', `faultline is installed without ${EVENT_SCHEMA_FILE}`);
    dir = parent;
  }
}

/** loadEventSchema reads and parses the shipped schema (no caching; see eventValidator). */
export function loadEventSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(eventSchemaPath(), 'utf8')) as Record<string, unknown>;
}

/** eventValidator returns the ajv validator for one event, compiled once on first use. */
export function eventValidator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv({ allErrors: false, allowUnionTypes: true });
    compiled = ajv.compile(loadEventSchema());
  }
  return compiled;
}

/** validateEventSchema checks a parsed JSON value against the schema; null when it is valid. */
export function validateEventSchema(value: unknown): SchemaProblem | null {
  const validate = eventValidator();
  if (validate(value)) return null;
  return describeSchemaErrors(validate.errors ?? []);
}

/** Phrases for fields whose schema is a combination ajv cannot put in words by itself. */
const FIELD_PHRASES: Record<string, string> = {
  process: 'a non-negative integer or "nemesis"',
  key: 'a string or an integer',
};

const TYPE_PHRASES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  object: 'a JSON object',
  array: 'an array',
  boolean: 'a boolean',
  null: 'null',
};

/**
 * describeSchemaErrors turns ajv errors into one problem: the first field at fault, in words.
 * Pure. For a combined schema (anyOf) it uses the field's phrase rather than the branches' errors.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[]): SchemaProblem {
  const first = errors[0];
  if (first === undefined) return { message: 'is not a valid event' };
  const field = first.instancePath.split('/')[1];
  if (first.keyword === 'required') {
    const missing = String((first.params as { missingProperty?: unknown }).missingProperty);
    return { message: `missing required field "${missing}"`, field: missing };
  }
  if (field === undefined) {
    if (first.keyword === 'type') return { message: 'an event must be a JSON object' };
    return { message: `event ${first.message ?? 'is invalid'}` };
  }
  const phrase = FIELD_PHRASES[field];
  if (phrase !== undefined && errors.some((e) => e.instancePath === first.instancePath && e.keyword !== 'required')) {
    return { message: `"${field}" must be ${phrase}`, field };
  }
  switch (first.keyword) {
    case 'enum': {
      const allowed = (first.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      return { message: `"${field}" must be one of ${allowed.map(String).join(', ')}`, field };
    }
    case 'type': {
      const t = (first.params as { type?: unknown }).type;
      const types = Array.isArray(t) ? t.map(String) : [String(t)];
      return { message: `"${field}" must be ${types.map((x) => TYPE_PHRASES[x] ?? x).join(' or ')}`, field };
    }
    case 'minimum': {
      const limit = (first.params as { limit?: unknown }).limit;
      return { message: `"${field}" must be >= ${String(limit)}`, field };
    }
    default:
      return { message: `"${field}" ${first.message ?? 'is invalid'}`, field };
  }
}
