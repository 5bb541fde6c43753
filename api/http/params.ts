// Path parameters and headers many resources read: the complaint id, the Idempotency-Key.
import type { Request } from 'express';
import { complaintIdSchema } from '../schemas';
import { problems } from '../problems';
import { idParam } from './openapi-parts';
import { pathParam } from './route';

/** An id from the path; anything that cannot be a complaint id is simply not found. */
export const complaintId = pathParam(complaintIdSchema, idParam, (raw) =>
  problems.notFound(`No complaint ${raw.slice(0, 80)}.`),
);

/** The complaint id of a route not declared with route() (the console's, the letters'). */
export function complaintIdParam(req: Request): string {
  return complaintId.parse(String(req.params.id));
}

export function idempotencyKey(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw problems.invalid(
      'The Idempotency-Key header must be 1 to 200 printable ASCII characters without spaces.',
      [{ field: 'Idempotency-Key', pointer: '', message: 'not a valid key' }],
    );
  }
  return key;
}
