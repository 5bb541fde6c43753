// Customer links (status page, survey) carry a signed, expiring token bound to one case, so a
// customer needs no account and a guessed or edited link opens nothing.
import crypto from 'node:crypto';
import { persistentSecret } from './files';

export interface LinkSigner {
  sign(caseId: string, ttlMs?: number, nowMs?: number): string;
  /** The case id, or an error saying why the token is not valid. */
  verify(
    token: string,
    nowMs?: number,
  ):
    | { ok: true; caseId: string; expiresAt: number }
    | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };
}

const DEFAULT_TTL_MS = 180 * 24 * 3600 * 1000; // long enough to outlive a case and its survey

export function createLinkSigner(secret: string): LinkSigner {
  const mac = (body: string) => crypto.createHmac('sha256', secret).update(body).digest('base64url');
  return {
    sign(caseId, ttlMs = DEFAULT_TTL_MS, nowMs = Date.now()) {
      const body = Buffer.from(JSON.stringify({ c: caseId, e: Math.floor((nowMs + ttlMs) / 1000) })).toString(
        'base64url',
      );
      return `${body}.${mac(body)}`;
    },
    verify(token, nowMs = Date.now()) {
      const [body, sig, extra] = token.split('.');
      if (!body || !sig || extra !== undefined) return { ok: false, reason: 'malformed' };
      const expected = Buffer.from(mac(body));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given))
        return { ok: false, reason: 'bad-signature' };
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      const p = payload as { c?: unknown; e?: unknown };
      if (typeof p.c !== 'string' || typeof p.e !== 'number') return { ok: false, reason: 'malformed' };
      if (p.e * 1000 < nowMs) return { ok: false, reason: 'expired' };
      return { ok: true, caseId: p.c, expiresAt: p.e * 1000 };
    },
  };
}

/** LINK_SECRET, or a secret generated once and kept in the data folder (so links survive restarts). */
export function linkSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.LINK_SECRET || persistentSecret(dataDir, 'link-secret');
}

export function statusUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/c/${token}`;
}
export function surveyUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/c/${token}/survey`;
}
