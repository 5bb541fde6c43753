// What every request meets before any route: the Host check (a page on another site that rebinds its
// DNS name to this machine must not reach us), strict routing (a path matches one way only: the
// proxy's and the redaction's view of a path is the router's), and a path whose percent-encoding does
// not decode is a 400 (rate limited), never a router exception with a stack in the log.
import express, { type NextFunction, type Request, type Response } from 'express';
import { problems } from './problems';
import { clientKey, type TokenBuckets } from './rate-limit';

/**
 * A router that matches paths case-sensitively and tells "/x/" from "/x". Express's default ignores
 * both, which let "/Metrics" and "/metrics/" past a proxy rule for "/metrics". Every router of the
 * API and the sandbox is made here.
 */
export function strictRouter(): express.Router {
  return express.Router({ caseSensitive: true, strict: true });
}

/** The express settings that make the app's own routes strict too. */
export function strictApp(app: express.Express): express.Express {
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  return app;
}

/** Names every process answers on this machine. */
export const loopbackHosts = ['localhost', '127.0.0.1', '::1'];

/** A Host header's name: lower case, without the port, the brackets of an IPv6 address or a final dot. */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const h = header.trim().toLowerCase();
  const name = h.startsWith('[') ? h.slice(1, h.indexOf(']')) : h.replace(/:\d*$/, '');
  return name.replace(/\.$/, '') || undefined;
}

/**
 * Whether `header` names an allowed host: loopback names, each configured name exactly, ".example.com"
 * for it and every name under it, "*" for any (the check off: only behind a proxy that checks).
 */
export function hostAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  const name = hostName(header);
  if (!name) return false;
  if (loopbackHosts.includes(name)) return true;
  return allowed.some((entry) => {
    const a = entry.trim().toLowerCase().replace(/\.$/, '');
    if (a === '*') return true;
    if (a.startsWith('.')) return name === a.slice(1) || name.endsWith(a);
    return name === (hostName(a) ?? a);
  });
}

/** 421 for a Host this process does not serve (problem+json, nothing else read). */
export function hostCheck(allowed: readonly string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (hostAllowed(req.headers.host, allowed)) return next();
    next(problems.misdirected());
  };
}

/** Whether a path's percent-encoding decodes (a lone "%", "%ff" or a broken UTF-8 sequence does not). */
export function decodablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * 400 for a path that does not decode, before the router tries (and fails with a URIError); such
 * requests count against the client's bucket for failed requests, so a flood is 429.
 */
export function malformedPathCheck(buckets: TokenBuckets) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const path = req.url.split('?')[0];
    if (decodablePath(path)) return next();
    const wait = buckets.take(`malformed-path:${clientKey(req)}`);
    if (wait > 0) return next(problems.rateLimited(wait));
    next(problems.invalid('The path’s percent-encoding is not valid.'));
  };
}
