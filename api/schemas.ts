// What the HTTP API's zod schemas share across resources: ids, enums, text(), the e-mail, phone and
// postal address, the problem details, and the registries the OpenAPI document (api/openapi.ts) is
// made from. Each resource's request and response schemas live beside its routes
// (api/<resource>/schemas.ts); the same schemas validate input, give the handlers their types and
// produce the document. Request objects are strict: an unknown field is a 400, so nobody can set what
// the API does not offer (supervisorId, author, owner...). Postmark's payloads are the exception
// (api/webhooks/schemas.ts).
import { z } from 'zod';
import { stages } from '../domain/case';
import { actions } from '../domain/lifecycle/actions';
import { channels, languages, priorities } from '../domain/types';
import { roles } from './keys';
import { requestRegistry, responseRegistry } from './http/registry';

export { requestRegistry, responseRegistry };

// ---------------------------------------------------------------------------------------------
// Building blocks

export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
export const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 date-time with a time zone, e.g. 2026-03-05T10:00:00Z',
});
// Checked again by the workflow's validator; checking here too gives a 400 with the field's name.
export const futureDateTime = isoDateTime.refine((v) => Date.parse(v) > Date.now(), 'must be in the future');
export const timeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'expected an IANA time zone like "Europe/Warsaw"');
/** Ids in the roster and categories in the policy. */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a lower-case id like "anna-kowalska"');
/** Complaint ids (x/k/c + hex, see api/intake.ts); anything else cannot be a case. */
export const complaintIdSchema = z.string().regex(/^[a-z][a-z0-9]{4,63}$/, 'not a complaint id');

/** A case reference as api/intake.ts makes them: CD-<year>-<6 letters or digits> (case-insensitive here). */
export const referenceSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^CD-[0-9]{4}-[A-Z0-9]{6}$/, 'expected a case reference like "CD-2026-ABC234"');

export const languageSchema = z.enum(languages);
export const channelSchema = z.enum(channels);
export const prioritySchema = z.enum(priorities);
export const stageSchema = z.enum(stages);
export const actionSchema = z.enum(actions);

// ---------------------------------------------------------------------------------------------
// Ways to reach a customer

export const emailSchema = z.email('expected an e-mail address').max(254);

export const phoneNumber = z
  .string()
  .regex(/^\+?[0-9][0-9 ()-]{4,30}$/, 'expected a phone number like "+48 22 555 01 23"');

export const postalAddressSchema = z
  .strictObject({
    lines: z
      .array(text(200))
      .min(1, 'give at least one line')
      .max(8, 'at most 8 lines')
      .describe('As written on an envelope, one line each: street and number, postcode and town, country.'),
  })
  .register(requestRegistry, {
    id: 'PostalAddress',
    description: 'Where printed letters are posted (the recipient block of every letter).',
  });

// ---------------------------------------------------------------------------------------------
// Errors and roles

export const problemSchema = z
  .strictObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(z.strictObject({ field: z.string(), pointer: z.string(), message: z.string() }))
      .optional(),
    stage: z.string().optional(),
    allowedActions: z.array(z.string()).optional(),
  })
  .register(responseRegistry, { id: 'Problem', description: 'RFC 9457 problem details.' });

export const roleSchema = z.enum(roles);
