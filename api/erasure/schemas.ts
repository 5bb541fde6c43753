// The erasure request: a supervisor's reason, kept in the erasure register.
import { z } from 'zod';
import { requestRegistry } from '../http/registry';
import { text } from '../schemas';

export const erasureRequestSchema = z
  .strictObject({
    reason: text(500).describe(
      'Why the personal data is erased (e.g. the customer’s request); kept in the register.',
    ),
  })
  .register(requestRegistry, {
    id: 'ErasureRequest',
    description: 'Why the personal data is erased (e.g. the customer’s request); kept in the register.',
  });
