// Console sessions: server-side, in the case store (console_sessions), so a session signed in
// through one API process works through every other, and signing out (or revoking the key) ends it
// everywhere. The browser holds only a random id in an HttpOnly, SameSite=Strict cookie; the store
// keys sessions by the id's hash, so a dump of the table does not hand out live cookies. Each session
// carries its own CSRF token (synchronizer token pattern) and ends after an idle time and an absolute
// time. An API built without a store (some tests) keeps them in its memory (SessionStore).
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import {
  deleteSession,
  insertSession,
  touchSession,
  updateSessionPreferences,
  type Store,
} from '../../infra/store';
import { roles, type Principal, type Role } from '../keys';
import { isConsoleLanguage, type ConsoleLanguage } from './i18n';

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

/** Where sessions live; every call may reach the case store (a failure is the caller's 503). */
export interface Sessions {
  /** A new session (a new id every sign-in: no fixation); returns the cookie value. */
  create(principal: Principal, prefs?: Pick<Session, 'language' | 'timeZone'>): Promise<string>;
  /** The live session of a cookie value (its idle clock restarts), or undefined. */
  get(id: string | undefined): Promise<Session | undefined>;
  update(id: string | undefined, prefs: Pick<Session, 'language' | 'timeZone'>): Promise<void>;
  destroy(id: string | undefined): Promise<void>;
}

/** Sessions in the case store, shared by every API process. */
export class StoreSessions implements Sessions {
  constructor(
    private readonly store: Store,
    readonly limits: SessionLimits = defaultSessionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async create(principal: Principal, prefs: Pick<Session, 'language' | 'timeZone'> = {}): Promise<string> {
    const id = randomToken();
    const now = this.now();
    await insertSession(this.store, hashId(id), {
      keyId: principal.keyId ?? '',
      role: principal.role,
      subject: principal.subject,
      name: principal.name,
      csrf: randomToken(),
      ...prefs,
      createdMs: now,
      seenMs: now,
      expiresMs: now + this.limits.absoluteMs,
    });
    return id;
  }

  async get(id: string | undefined): Promise<Session | undefined> {
    if (!id || id.length > 100) return undefined;
    const row = await touchSession(this.store, hashId(id), this.now(), this.limits.idleMs);
    if (!row || !roles.includes(row.role as Role)) return undefined;
    return {
      principal: { role: row.role as Role, subject: row.subject, name: row.name, keyId: row.keyId },
      csrf: row.csrf,
      createdAt: row.createdMs,
      seenAt: row.seenMs,
      ...(isConsoleLanguage(row.language) ? { language: row.language } : {}),
      ...(row.timeZone ? { timeZone: row.timeZone } : {}),
    };
  }

  async update(id: string | undefined, prefs: Pick<Session, 'language' | 'timeZone'>): Promise<void> {
    if (id && id.length <= 100) await updateSessionPreferences(this.store, hashId(id), prefs);
  }

  async destroy(id: string | undefined): Promise<void> {
    if (id && id.length <= 100) await deleteSession(this.store, hashId(id));
  }
}

/** Sessions in this process's memory: for an API built without a store (tests). */
export class SessionStore implements Sessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly limits: SessionLimits = defaultSessionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  create(principal: Principal, prefs: Pick<Session, 'language' | 'timeZone'> = {}): Promise<string> {
    if (this.sessions.size >= this.limits.maxSessions) this.sweep();
    if (this.sessions.size >= this.limits.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const id = randomToken();
    const now = this.now();
    this.sessions.set(hashId(id), { principal, csrf: randomToken(), createdAt: now, seenAt: now, ...prefs });
    return Promise.resolve(id);
  }

  get(id: string | undefined): Promise<Session | undefined> {
    if (!id || id.length > 100) return Promise.resolve(undefined);
    const key = hashId(id);
    const session = this.sessions.get(key);
    if (!session) return Promise.resolve(undefined);
    const now = this.now();
    if (now - session.seenAt > this.limits.idleMs || now - session.createdAt > this.limits.absoluteMs) {
      this.sessions.delete(key);
      return Promise.resolve(undefined);
    }
    session.seenAt = now;
    return Promise.resolve({ ...session });
  }

  update(id: string | undefined, prefs: Pick<Session, 'language' | 'timeZone'>): Promise<void> {
    const session = id ? this.sessions.get(hashId(id)) : undefined;
    if (session) {
      if (prefs.language) session.language = prefs.language;
      if (prefs.timeZone) session.timeZone = prefs.timeZone;
    }
    return Promise.resolve();
  }

  destroy(id: string | undefined): Promise<void> {
    if (id) this.sessions.delete(hashId(id));
    return Promise.resolve();
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
