// Who is calling: staff with Bearer API keys (roles agent, supervisor, operator), Postmark with
// HTTP basic auth. Failed attempts draw on a per-address bucket (shared by every API process: see
// api/rate-limit.ts), so keys cannot be guessed quickly, however many processes a proxy spreads over.
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { authenticate, type ApiKeyRecord, type KeySource, type Principal, type Role } from './keys';
import { problems } from './problems';
import { clientKey, type Limiter } from './rate-limit';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw problems.unauthorized();
  return req.principal;
}

/** The live keys, or a 503 when they cannot be read (the case store is down and nothing is cached). */
export async function currentKeys(keys: KeySource): Promise<ApiKeyRecord[]> {
  try {
    return await keys();
  } catch {
    throw problems.unavailable('API keys cannot be checked right now: the case store is not reachable.');
  }
}

/** Whether the key a session or token was made with (its keyId) is still live. */
export async function keyIsLive(keys: KeySource, keyId: string | undefined): Promise<boolean> {
  if (!keyId) return false;
  return (await currentKeys(keys)).some((r) => r.hash.slice(0, 16) === keyId);
}

export function bearerAuth(keys: KeySource, failures: Limiter) {
  const check = async (req: Request, res: Response): Promise<void> => {
    const header = req.get('authorization');
    const match = header ? /^Bearer\s+([\x21-\x7e]{8,512})\s*$/i.exec(header) : null;
    const principal = match ? authenticate(await currentKeys(keys), match[1]) : undefined;
    if (!principal) {
      const wait = await failures.take(`auth:${clientKey(req)}`);
      if (wait > 0) throw problems.rateLimited(wait);
      res.setHeader('WWW-Authenticate', 'Bearer realm="complaint-desk"');
      throw problems.unauthorized(header ? 'The API key is not valid.' : undefined);
    }
    req.principal = principal;
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    check(req, res).then(() => next(), next);
  };
}

/** 403 unless the caller has one of the roles. */
export function requireRole(req: Request, allowed: readonly Role[], what: string): Principal {
  return allowRole(principalOf(req), allowed, what);
}

/** 403 unless the principal has one of the roles. */
export function allowRole(principal: Principal, allowed: readonly Role[], what: string): Principal {
  if (!allowed.includes(principal.role)) {
    throw problems.forbidden(
      `${what} is for ${allowed.join(' or ')} keys; this key is an ${principal.role} key.`,
    );
  }
  return principal;
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest();

/**
 * User and password checked together in one constant-time comparison: each is hashed (equal
 * lengths, no length leaks), and a wrong user takes exactly as long as a wrong password.
 */
export function credentialsMatch(
  given: { user: string; password: string },
  expected: { user: string; password: string },
): boolean {
  return crypto.timingSafeEqual(
    Buffer.concat([sha256(given.user), sha256(given.password)]),
    Buffer.concat([sha256(expected.user), sha256(expected.password)]),
  );
}

/** Requests per minute per staff API key (after authentication): one key cannot flood the workflows. */
export function staffRateLimit(buckets: Limiter) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const principal = req.principal;
    if (!principal) return next();
    void Promise.resolve(
      buckets.take(`key:${principal.keyId ?? `${principal.role}:${principal.subject}`}`),
    ).then((wait) => next(wait > 0 ? problems.rateLimited(wait) : undefined), next);
  };
}

/**
 * Postmark signs nothing, so the webhook URL carries basic-auth credentials. Without configured
 * credentials the webhooks refuse everything (503) rather than accept anyone.
 */
export function basicAuth(
  credentials: { user: string; password: string } | undefined,
  failures: Limiter,
) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!credentials) {
      return next(
        problems.unavailable('Webhooks are off: set POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD.'),
      );
    }
    const header = req.get('authorization') ?? '';
    const match = /^Basic\s+([A-Za-z0-9+/=]{1,1024})$/i.exec(header);
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const matches = credentialsMatch(
      {
        user: colon < 0 ? decoded : decoded.slice(0, colon),
        password: colon < 0 ? '' : decoded.slice(colon + 1),
      },
      credentials,
    );
    const ok = colon > 0 && matches;
    if (!ok) {
      void Promise.resolve(failures.take(`basic:${clientKey(req)}`)).then((wait) => {
        if (wait > 0) return next(problems.rateLimited(wait));
        res.setHeader('WWW-Authenticate', 'Basic realm="postmark-webhooks", charset="UTF-8"');
        next(problems.unauthorized('Postmark webhooks need HTTP basic auth.'));
      }, next);
      return;
    }
    next();
  };
}
