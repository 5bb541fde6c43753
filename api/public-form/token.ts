// The form token: a random nonce with the time the form was shown, signed. The nonce is the
// intake's idempotency key (a double submit is one complaint); the time gives the minimum fill time
// (a person takes a few seconds; a script posting at once does not).
import crypto from 'node:crypto';

export interface FormTokens {
  issue(nowMs?: number): string;
  verify(
    token: string,
    nowMs?: number,
  ): { ok: true; nonce: string; issuedAt: number } | { ok: false; reason: 'malformed' | 'expired' };
}

const TTL_MS = 24 * 3600_000; // a form left open over a day still sends (with a fresh token)

export function createFormTokens(secret: string): FormTokens {
  const key = crypto.createHash('sha256').update(`complaint-desk/public-form\n${secret}`).digest();
  const mac = (body: string) => crypto.createHmac('sha256', key).update(body).digest('base64url');
  return {
    issue(nowMs = Date.now()) {
      const body = `${crypto.randomBytes(16).toString('base64url')}.${Math.floor(nowMs).toString(36)}`;
      return `${body}.${mac(body)}`;
    },
    verify(token, nowMs = Date.now()) {
      const m = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!m) return { ok: false, reason: 'malformed' };
      const expected = Buffer.from(mac(`${m[1]}.${m[2]}`));
      const given = Buffer.from(m[3]);
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given))
        return { ok: false, reason: 'malformed' };
      const issuedAt = parseInt(m[2], 36);
      if (issuedAt > nowMs + 60_000 || nowMs - issuedAt > TTL_MS) return { ok: false, reason: 'expired' };
      return { ok: true, nonce: m[1], issuedAt };
    },
  };
}
