// AES-256-GCM with a fresh 96-bit nonce per message: nonce ‖ ciphertext ‖ 16-byte tag. The
// associated data binds a ciphertext to where it belongs (a key id), so it cannot be moved elsewhere.
import crypto from 'node:crypto';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export function seal(key: Buffer, plaintext: Uint8Array, aad: string): Buffer {
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** The plaintext; throws when the data was altered, or sealed with another key or for another place. */
export function open(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (data.length < NONCE_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)),
    decipher.final(),
  ]);
}
