// The public complaint form's body (api/public-form/routes.ts).
import { z } from 'zod';
import { requestRegistry } from '../http/registry';
import { languageSchema } from '../schemas';

/**
 * The public complaint form's fields as the browser posts them (all text; files come as
 * "attachments" parts). The route reads them with this schema, then builds the intake request.
 */
export const publicComplaintFormSchema = z
  .strictObject({
    formToken: z
      .string()
      .max(200)
      .describe('The signed token the form carries: a double submit is one complaint.'),
    lang: languageSchema.optional().describe('The form’s language, which becomes the customer’s.'),
    name: z.string().max(200).describe('The customer’s name (required).'),
    email: z.string().max(254).optional().describe('E-mail address; give it, a phone number, or both.'),
    phone: z.string().max(40).optional().describe('Phone number; give it, an e-mail address, or both.'),
    order: z
      .string()
      .max(100)
      .optional()
      .describe('The order reference, when the complaint is about an order.'),
    description: z.string().max(20_000).describe('What happened, in the customer’s words (required).'),
    website: z.string().max(500).optional().describe('The honeypot: hidden from people, must stay empty.'),
    attachments: z
      .string()
      .optional()
      .describe('Files (multipart only): images, PDF or text, within the limits the form states.'),
  })
  .register(requestRegistry, {
    id: 'PublicComplaintForm',
    description: 'The public complaint form (multipart/form-data; urlencoded without files).',
  });
