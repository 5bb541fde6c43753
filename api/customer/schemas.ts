// The customer's side (api/customer/routes.ts), reached through the signed link: a message to the
// owner, withdrawal and the survey. Forms post application/x-www-form-urlencoded; JSON works too.
import { z } from 'zod';
import { requestRegistry, responseRegistry } from '../http/registry';
import { text } from '../schemas';

export const customerMessageRequestSchema = z
  .strictObject({
    text: text(5000).describe('The customer’s message to the owner.'),
    /** A random value the form carries, so a double submit is one message. */
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional()
      .describe('A random value the form carries, so a double submit is one message.'),
  })
  .register(requestRegistry, { id: 'CustomerMessageRequest' });

export const withdrawalRequestSchema = z
  .strictObject({
    reason: z.string().trim().max(1000).optional().describe('Why the customer withdraws (optional).'),
    /** The form's checkbox: withdrawing cannot be undone. */
    confirm: z
      .union([z.literal('yes'), z.literal(true)], {
        error: 'confirm that you want to withdraw the complaint',
      })
      .describe('"yes" (the form’s checkbox) or true: withdrawing cannot be undone.'),
  })
  .register(requestRegistry, { id: 'WithdrawalRequest' });

/** The survey's scale comes from the policy, so the schema is made per request. */
export function surveyRequestSchema(minScore: number, maxScore: number) {
  return z.strictObject({
    score: z.coerce
      .number({ error: `choose a score from ${minScore} to ${maxScore}` })
      .int(`choose a score from ${minScore} to ${maxScore}`)
      .min(minScore, `choose a score from ${minScore} to ${maxScore}`)
      .max(maxScore, `choose a score from ${minScore} to ${maxScore}`)
      .describe('The score on the policy’s scale (1–5 by default).'),
    comment: z.string().trim().max(2000).optional().describe('Anything the customer wants to add.'),
    stillNeedHelp: z
      .union([z.boolean(), z.enum(['yes', 'no']).transform((v) => v === 'yes')], {
        error: 'answer whether you still need help (yes or no)',
      })
      .describe(
        'Whether the customer still needs help (true/false, or "yes"/"no" from the form); yes opens a follow-up.',
      ),
  });
}
/** The survey's body as the document shows it (on the default scale). */
export const surveyRequestDocSchema = surveyRequestSchema(1, 5).register(requestRegistry, {
  id: 'SurveyRequest',
  description: 'Scores on the policy’s scale (1–5 by default).',
});

export const customerAcceptedSchema = z
  .strictObject({ status: z.literal('accepted') })
  .register(responseRegistry, { id: 'CustomerAccepted' });
