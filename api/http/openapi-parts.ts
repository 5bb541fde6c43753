// The pieces route declarations build their OpenAPI entries from: references to component schemas,
// JSON bodies and answers, problem answers, and the parameters and errors many routes share.
import type { z } from 'zod';
import { requestRegistry, responseRegistry } from './registry';

export type Json = Record<string, unknown>;

/** A component's id, or a registered schema (its id in either registry: the schema module is loaded). */
export type SchemaRef = string | z.ZodType;

export function schemaId(schema: SchemaRef): string {
  if (typeof schema === 'string') return schema;
  const id = (responseRegistry.get(schema) ?? requestRegistry.get(schema))?.id;
  if (!id) throw new Error('A schema in a route declaration is not registered for the OpenAPI document.');
  return id;
}

export const ref = (schema: SchemaRef): Json => ({ $ref: `#/components/schemas/${schemaId(schema)}` });

export const jsonBody = (id: SchemaRef, description?: string): Json => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema: ref(id) } },
});

export const jsonResponse = (description: string, id: SchemaRef): Json => ({
  description,
  content: { 'application/json': { schema: ref(id) } },
});

export const problem = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

export const html = (description: string): Json => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});

export const idParam: Json = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The complaint id.',
};

export const tokenParam: Json = {
  name: 'token',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The signed link token from the e-mail.',
};

export const idempotencyHeader: Json = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 200 },
  description:
    'Makes a retried request apply once: the same key (from the same caller) gives the same result.',
};

/** What any route that asks Temporal can answer when Temporal or the case does not. */
export const temporalErrors = {
  '503': problem('Temporal is not reachable right now (Retry-After); nothing was changed.'),
  '504': problem(
    'The case did not answer in time (is a worker running?); retry with the same Idempotency-Key.',
  ),
};

export const staffErrors = {
  '400': problem('Malformed or invalid input, with per-field errors (a missing field says "required").'),
  '401': problem('No or bad API key.'),
  '403': problem('The key’s role may not do this, or the case belongs to another owner.'),
  '413': problem('Body too large.'),
  '429': problem(
    'Too many requests with this key, or too many failed authentication attempts (Retry-After).',
  ),
};
