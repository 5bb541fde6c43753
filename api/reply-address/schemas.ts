// What POST /complaints/{id}/reply-address/rotation answers.
import { z } from 'zod';
import { responseRegistry } from '../http/registry';
import { complaintIdSchema } from '../schemas';

export const replyAddressRotatedSchema = z
  .strictObject({
    id: complaintIdSchema,
    retired: z.boolean().describe('Whether the case had a current reply token (false: none was issued yet).'),
    detail: z.string(),
  })
  .register(responseRegistry, { id: 'ReplyAddressRotated' });
export type ReplyAddressRotated = z.output<typeof replyAddressRotatedSchema>;
