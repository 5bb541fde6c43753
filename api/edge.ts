// What every request meets before any route: the Host check (a page on another site that rebinds its
// DNS name to this machine must not reach us), strict routing (a path matches one way only: the
// proxy's and the redaction's view of a path is the router's), and a path whose percent-encoding does
// not decode is a 400 (rate limited), never a router exception with a stack in the log.
import type { NextFunction, Request, Response } from 'express';
import { decodablePath, hostAllowed } from '../infra/http-edge';
import { problems } from './problems';
import { clientKey, type Limiter } from './rate-limit';

/** 421 for a Host this process does not serve (problem+json, nothing else read). */
export function hostCheck(allowed: readonly string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (hostAllowed(req.headers.host, allowed)) return next();
    next(problems.misdirected());
  };
}

/**
 * 400 for a path that does not decode, before the router tries (and fails with a URIError); such
 * requests count against the client's bucket for failed requests, so a flood is 429.
 */
export function malformedPathCheck(buckets: Limiter) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const path = req.url.split('?')[0];
    if (decodablePath(path)) return next();
    void Promise.resolve(buckets.take(`malformed-path:${clientKey(req)}`)).then(
      (wait) =>
        next(wait > 0 ? problems.rateLimited(wait) : problems.invalid('The path’s percent-encoding is not valid.')),
      next,
    );
  };
}

export { decodablePath, hostAllowed, strictApp, strictRouter } from '../infra/http-edge';
