// Console sessions: server-side, in memory (one API process; a restart signs everyone out, which is
// safe). The browser holds only a random id in an HttpOnly, SameSite=Strict cookie; the store keys
// sessions by the id's hash, so a memory dump does not hand out live cookies. Each session carries
// its own CSRF token (synchronizer token pattern) and ends after an idle time and an absolute time.
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { Principal } from '../keys';
import type { ConsoleLanguage } from './i18n';

export interface Session {
  principal: Principal;
  csrf: string;
  createdAt: number;
  seenAt: number;
  language?: ConsoleLanguage;
  timeZone?: string;
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
  /** Bounds memory: the oldest sessions go first. */
  maxSessions: number;
}

export const defaultSessionLimits: SessionLimits = {
  idleMs: 30 * 60_000,
  absoluteMs: 10 * 3600_000,
  maxSessions: 10_000,
};

export const SESSION_COOKIE = 'cd_console';
/** Before sign-in: a double-submit token for the sign-in form (no session exists yet). */
export const SIGN_IN_COOKIE = 'cd_console_signin';
export const COOKIE_PATH = '/console';

const hashId = (id: string) => crypto.createHash('sha256').update(id).digest('base64url');
export const randomToken = () => crypto.randomBytes(32).toString('base64url');

export function tokensEqual(a: string | undefined, b: string | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly limits: SessionLimits = defaultSessionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session (a new id every sign-in: no fixation); returns the cookie value. */
  create(principal: Principal, prefs: Pick<Session, 'language' | 'timeZone'> = {}): string {
    if (this.sessions.size >= this.limits.maxSessions) this.sweep();
    if (this.sessions.size >= this.limits.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const id = randomToken();
    const now = this.now();
    this.sessions.set(hashId(id), { principal, csrf: randomToken(), createdAt: now, seenAt: now, ...prefs });
    return id;
  }

  /** The live session of a cookie value (its idle clock restarts), or undefined. */
  get(id: string | undefined): Session | undefined {
    if (!id || id.length > 100) return undefined;
    const key = hashId(id);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    const now = this.now();
    if (now - session.seenAt > this.limits.idleMs || now - session.createdAt > this.limits.absoluteMs) {
      this.sessions.delete(key);
      return undefined;
    }
    session.seenAt = now;
    return session;
  }

  destroy(id: string | undefined): void {
    if (id) this.sessions.delete(hashId(id));
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, s] of this.sessions) {
      if (now - s.seenAt > this.limits.idleMs || now - s.createdAt > this.limits.absoluteMs)
        this.sessions.delete(key);
    }
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Secure whenever the request came over HTTPS (req.secure honours X-Forwarded-Proto under trust proxy). */
export function setCookie(
  req: Request,
  res: Response,
  name: string,
  value: string,
  maxAgeSeconds?: number,
): void {
  const parts = [
    `${name}=${value}`,
    `Path=${COOKIE_PATH}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(req.secure ? ['Secure'] : []),
    ...(maxAgeSeconds !== undefined ? [`Max-Age=${maxAgeSeconds}`] : []),
  ];
  res.append('Set-Cookie', parts.join('; '));
}

export function clearCookie(req: Request, res: Response, name: string): void {
  setCookie(req, res, name, '', 0);
}
