// What every request meets before any route: the Host check (a page on another site that rebinds its
// DNS name to this machine must not reach us), strict routing (a path matches one way only: the
// proxy's and the redaction's view of a path is the router's), and a path whose percent-encoding does
// not decode is a 400 (rate limited), never a router exception with a stack in the log.
import type { NextFunction, Request, Response } from 'express';
import { decodablePath, hostAllowed } from '../infra/http-edge';
import { problems } from './problems';
import { clientKey, type TokenBuckets } from './rate-limit';

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
export function malformedPathCheck(buckets: TokenBuckets) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const path = req.url.split('?')[0];
    if (decodablePath(path)) return next();
    const wait = buckets.take(`malformed-path:${clientKey(req)}`);
    if (wait > 0) return next(problems.rateLimited(wait));
    next(problems.invalid('The path’s percent-encoding is not valid.'));
  };
}

export { decodablePath, hostAllowed, strictApp, strictRouter } from '../infra/http-edge';
