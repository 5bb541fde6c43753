// The body of POST /complaints/{id}/letters/{kind}/sent.
import { z } from 'zod';
import { requestRegistry } from '../http/registry';
import { text } from '../schemas';

export const letterSentRequestSchema = z
  .strictObject({
    note: text(2000)
      .optional()
      .describe('How the letter went out (post, fax, the date); recorded on the completed task.'),
  })
  .register(requestRegistry, {
    id: 'LetterSentRequest',
    description: 'Marks a printed letter sent: its open write task is completed.',
  });
