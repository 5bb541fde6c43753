// Short-lived tokens for the codec endpoint's URL (/codec/t/<token>/decode). The Web UI calls the
// codec endpoint from the browser and cannot send our Bearer key, so the URL itself carries a signed,
// expiring grant minted for a supervisor or operator. Treat such a URL like a password. A token names
// the API key it was minted with (its key id): the codec endpoint refuses it once that key is revoked
// (api/codec/routes.ts checks the key is live at every request, through the keys' 1-second cache).
import crypto from 'node:crypto';
import { persistentSecret } from '../files';
import { sharedSecret } from '../secrets';

export type CodecRole = 'supervisor' | 'operator';

export interface CodecGrant {
  subject: string;
  role: CodecRole;
  /** The key id (first 16 hex digits of its hash) of the API key the token was minted with. */
  keyId: string;
  expiresAt: number;
}

export interface CodecTokens {
  mint(
    grant: { subject: string; role: CodecRole; keyId: string },
    ttlMs: number,
    nowMs?: number,
  ): { token: string; expiresAt: number };
  verify(
    token: string,
    nowMs?: number,
  ): { ok: true; grant: CodecGrant } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };
}

// A version, and unmistakable for a customer link token. cdc2 names its key; cdc1 tokens (without
// one) are no longer accepted: nothing could revoke them.
const PREFIX = 'cdc2';

export function createCodecTokens(secret: string): CodecTokens {
  // A key of its own, derived from the secret, so a codec token never verifies as anything else.
  const key = crypto.createHmac('sha256', secret).update('complaint-desk codec token').digest();
  const mac = (body: string) => crypto.createHmac('sha256', key).update(body).digest('base64url');
  return {
    mint({ subject, role, keyId }, ttlMs, nowMs = Date.now()) {
      const expiresAt = Math.floor((nowMs + ttlMs) / 1000) * 1000;
      const body = Buffer.from(
        JSON.stringify({ s: subject, r: role, k: keyId, e: expiresAt / 1000 }),
      ).toString('base64url');
      return { token: `${PREFIX}.${body}.${mac(body)}`, expiresAt };
    },
    verify(token, nowMs = Date.now()) {
      const [prefix, body, sig, extra] = token.split('.');
      if (prefix !== PREFIX || !body || !sig || extra !== undefined || token.length > 1024)
        return { ok: false, reason: 'malformed' };
      const expected = Buffer.from(mac(body));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given))
        return { ok: false, reason: 'bad-signature' };
      let p: { s?: unknown; r?: unknown; k?: unknown; e?: unknown };
      try {
        p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof p;
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (
        typeof p.s !== 'string' ||
        (p.r !== 'supervisor' && p.r !== 'operator') ||
        typeof p.k !== 'string' ||
        typeof p.e !== 'number'
      )
        return { ok: false, reason: 'malformed' };
      if (p.e * 1000 <= nowMs) return { ok: false, reason: 'expired' };
      return { ok: true, grant: { subject: p.s, role: p.r, keyId: p.k, expiresAt: p.e * 1000 } };
    },
  };
}

/**
 * CODEC_TOKEN_SECRET; in development, without it, one generated once into the data folder (API and up
 * must share it). Production requires it (infra/secrets.ts): any API must verify another's tokens.
 */
export function codecTokenSecret(
  dataDir: string,
  configured?: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return sharedSecret(
    'CODEC_TOKEN_SECRET',
    configured,
    () => persistentSecret(dataDir, 'codec-token-secret'),
    env,
  );
}
