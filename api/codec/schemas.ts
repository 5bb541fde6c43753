// The codec endpoint's bodies: Temporal's remote codec shape, as the Web UI and the CLI send it.
import { z } from 'zod';
import { requestRegistry, responseRegistry } from '../http/registry';

const base64 = z
  .string()
  .max(4_000_000)
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'base64');

export const codecPayloadSchema = z
  .strictObject({
    metadata: z
      .record(z.string().min(1).max(256), base64)
      .optional()
      .describe('Payload metadata, each value base64.'),
    data: base64.optional().describe('The payload’s data, base64.'),
  })
  .register(requestRegistry, {
    id: 'CodecPayload',
    description: 'A Temporal payload as protobuf JSON: metadata values and data in base64.',
  });

export const codecRequestSchema = z
  .strictObject({
    // Protobuf JSON leaves an empty list out: the CLI sends `{}` for a query without arguments.
    payloads: z
      .array(codecPayloadSchema)
      .max(1000)
      .default([])
      .describe('The payloads to decode or encode, in order; absent: none.'),
  })
  .register(requestRegistry, { id: 'CodecRequest' });
export type CodecRequest = z.output<typeof codecRequestSchema>;

export const codecResponseSchema = z
  .strictObject({
    payloads: z.array(z.strictObject({ metadata: z.record(z.string(), z.string()), data: z.string() })),
  })
  .register(responseRegistry, { id: 'CodecResponse' });

export const codecTokenSchema = z
  .strictObject({
    token: z.string(),
    endpoint: z.string().describe('The codec endpoint URL with the token: give it to the Web UI or the CLI.'),
    expiresAt: z.string(),
  })
  .register(responseRegistry, { id: 'CodecToken' });
