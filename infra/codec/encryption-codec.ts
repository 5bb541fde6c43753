// The payload codec (after the samples' `encryption`): each payload is serialised whole (metadata
// included, so even its encoding is hidden) and sealed with AES-256-GCM under its case's data key.
// The metadata left in clear says only that it is encrypted and with which key id. Decoding passes
// through payloads that are not encrypted: the frozen first type's cases and histories recorded
// before encryption still read and replay.
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { open, seal } from './aes';
import { CaseKeyError, type CaseKeyStore } from './case-keys';
import { isClear } from './clear-memo';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const METADATA_ENCRYPTION_KEY_ID = 'encryption-key-id';
const utf8 = new TextEncoder();
const text = (bytes: Uint8Array | null | undefined) =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

/** A payload that claims to be encrypted but cannot be opened (altered, truncated, wrong key). */
export class PayloadDecryptionError extends Error {
  readonly code = 'payload-undecryptable';
  constructor(readonly keyId: string) {
    super(
      `A payload encrypted with key ${keyId.slice(0, 80)} does not decrypt: it was altered or is not ours.`,
    );
    this.name = 'PayloadDecryptionError';
  }
}

export function isEncrypted(payload: Payload): boolean {
  return text(payload.metadata?.encoding) === ENCRYPTED_ENCODING;
}

export class EncryptionCodec implements PayloadCodec {
  constructor(readonly keys: CaseKeyStore) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0 || payloads.every(isClear)) return payloads;
    const { id, key } = await this.keys.keyForEncode(context?.workflowId);
    return payloads.map((payload) =>
      isClear(payload)
        ? payload
        : {
            metadata: {
              encoding: utf8.encode(ENCRYPTED_ENCODING),
              [METADATA_ENCRYPTION_KEY_ID]: utf8.encode(id),
            },
            data: seal(key, temporal.api.common.v1.Payload.encode(payload).finish(), id),
          },
    );
  }

  /** Ignores the context on purpose: the key id in the metadata is all a decode needs. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    const keys = new Map<string, Buffer>(); // one lookup per key id in a batch
    const out: Payload[] = [];
    for (const payload of payloads) {
      if (!isEncrypted(payload)) {
        out.push(payload);
        continue;
      }
      const keyId = text(payload.metadata?.[METADATA_ENCRYPTION_KEY_ID]) ?? '';
      let key = keys.get(keyId);
      if (!key) {
        key = await this.keys.keyForDecode(keyId);
        keys.set(keyId, key);
      }
      let plain: Buffer;
      try {
        plain = open(key, payload.data ?? new Uint8Array(), keyId);
      } catch {
        throw new PayloadDecryptionError(keyId);
      }
      const inner = temporal.api.common.v1.Payload.decode(plain);
      out.push({ metadata: inner.metadata, data: inner.data });
    }
    return out;
  }
}

export { CaseKeyError };
