// Customer links (status page, survey) carry a signed, expiring token bound to one case, so a
// customer needs no account and a guessed or edited link opens nothing.
//
// Links have a purpose. A status link opens everything the customer may do (the status page, a
// message, withdrawal, the survey); a survey link opens the survey only, so a forwarded survey
// e-mail shows nobody the case. Tokens made before purposes existed carry none and count as status
// links until they expire: links already in customers' mailboxes keep working. Whatever a token's own
// expiry, the API stops honouring it a while after the case closes (customer routes, see
// ApiLimits.linkLifetimeAfterCloseMs).
import crypto from 'node:crypto';
import { persistentSecret } from './files';
import { sharedSecret } from './secrets';

export type LinkPurpose = 'status' | 'survey';

export interface LinkSigner {
  sign(caseId: string, ttlMs?: number, nowMs?: number, purpose?: LinkPurpose): string;
  /** The case id, or an error saying why the token is not valid. */
  verify(
    token: string,
    nowMs?: number,
  ):
    | { ok: true; caseId: string; expiresAt: number; purpose: LinkPurpose }
    | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };
}

const DEFAULT_TTL_MS = 180 * 24 * 3600 * 1000; // long enough to outlive a case and its survey

export function createLinkSigner(secret: string): LinkSigner {
  const mac = (body: string) => crypto.createHmac('sha256', secret).update(body).digest('base64url');
  return {
    sign(caseId, ttlMs = DEFAULT_TTL_MS, nowMs = Date.now(), purpose = 'status') {
      const payload = {
        c: caseId,
        e: Math.floor((nowMs + ttlMs) / 1000),
        // A status link is written as before (no purpose): the widest, as every older token is.
        ...(purpose === 'status' ? {} : { p: purpose }),
      };
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
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
      const p = payload as { c?: unknown; e?: unknown; p?: unknown };
      if (typeof p.c !== 'string' || typeof p.e !== 'number') return { ok: false, reason: 'malformed' };
      if (p.p !== undefined && p.p !== 'survey') return { ok: false, reason: 'malformed' };
      if (p.e * 1000 < nowMs) return { ok: false, reason: 'expired' };
      return {
        ok: true,
        caseId: p.c,
        expiresAt: p.e * 1000,
        purpose: p.p === 'survey' ? 'survey' : 'status',
      };
    },
  };
}

/**
 * LINK_SECRET; in development, without it, a secret generated once into the data folder (so links
 * survive restarts). Production requires it (infra/secrets.ts): every worker and API must share it.
 */
export function linkSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return sharedSecret('LINK_SECRET', env.LINK_SECRET, () => persistentSecret(dataDir, 'link-secret'), env);
}

export function statusUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/c/${token}`;
}
export function surveyUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/c/${token}/survey`;
}

/** The staff console's page of a case (every staff e-mail links to it). */
export function consoleCaseUrl(baseUrl: string, complaintId: string): string {
  return `${baseUrl}/console/cases/${encodeURIComponent(complaintId)}`;
}
