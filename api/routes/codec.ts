// The codec endpoint (Temporal's remote codec protocol): POST /codec/decode and /codec/encode with
// { payloads: [{ metadata: { k: base64 }, data: base64 }] }, so the Web UI and the CLI show decrypted
// cases to the people allowed to see them: supervisors and operators, by Bearer key (the CLI's
// --codec-auth), or by a short-lived signed token in the path (/codec/t/<token>/decode), because the
// Web UI calls from the browser and cannot send our key. CORS answers the configured UI origins only.
// Supervisors decode the whole case; operators its operational part (api/codec-view.ts masks the
// personal fields), whether they come with a key or a token minted for an operator.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { strictRouter } from '../edge';
import type { Payload } from '@temporalio/common';
import { CaseKeyDestroyedError, CaseKeyError, PayloadDecryptionError } from '../../infra/codec';
import type { CodecRole } from '../../infra/codec/token';
import { bearerAuth, keyIsLive, requireRole } from '../auth';
import type { AppContext } from '../context';
import { ApiProblem, parseOrThrow, problems } from '../problems';
import type { Limiter } from '../rate-limit';
import { codecRequestSchema, type CodecRequest } from '../schemas';
import type { Principal } from '../keys';
import { operatorPayload } from '../codec-view';

export const codecRoles: readonly CodecRole[] = ['supervisor', 'operator'];
/** Whole histories of payloads, each up to Temporal's 2 MB, in base64. */
export const CODEC_BODY_LIMIT = '16mb';

/** CORS for the Web UI: its origin only, with credentials, and the headers the UI sends. */
function cors(origins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.get('origin');
    if (origin && origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin); // never "*": credentials may be included
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'X-Namespace, Content-Type, Authorization');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.vary('Origin');
    if (req.method !== 'OPTIONS') return next();
    if (origin && !origins.includes(origin)) {
      return next(problems.forbidden(`The origin ${origin.slice(0, 100)} may not call the codec endpoint.`));
    }
    res.status(204).end();
  };
}

const fromWire = (p: CodecRequest['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toWire = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * A payload we cannot open is the caller's problem (400), an erased case a 410, never a 500. The
 * answer says why in words of its own: the key store's messages name files and folders of this
 * server, which no answer may show (they go to the log only when something is broken).
 */
function codecProblem(err: unknown): ApiProblem | undefined {
  if (err instanceof CaseKeyDestroyedError)
    return new ApiProblem(
      410,
      'case-erased',
      'Case erased',
      'The personal data of this case was erased: its payloads stay encrypted.',
    );
  if (err instanceof CaseKeyError)
    return problems.invalid(
      err.code === 'case-key-missing'
        ? `A payload cannot be decoded: no data key ${err.keyId.slice(0, 80)} here (another deployment’s payload, or a lost key).`
        : err.code === 'kek-unavailable'
          ? 'A payload cannot be decoded: the key-encryption key of its data key is not configured here.'
          : 'A payload cannot be decoded: its data key is damaged.',
    );
  if (err instanceof PayloadDecryptionError)
    return problems.invalid('A payload cannot be decoded: it was altered or is not ours.');
  return undefined;
}

export function codecRoutes(ctx: AppContext, authFailures: Limiter): Router {
  const router = strictRouter();
  const json = express.json({ limit: CODEC_BODY_LIMIT, strict: true });
  router.use(cors(ctx.codec.corsOrigins));

  /** The role the request decodes as: the Bearer key's, or the URL token's (set by byToken). */
  const roleOf = (req: Request, res: Response): CodecRole =>
    (res.locals as { codecRole?: CodecRole }).codecRole ??
    (requireRole(req, codecRoles, 'The codec endpoint').role as CodecRole);

  const run = (op: 'encode' | 'decode') => async (req: Request, res: Response) => {
    const role = roleOf(req, res);
    if (req.is('application/json') === false) throw problems.unsupportedMediaType('application/json');
    const body = parseOrThrow(codecRequestSchema, req.body ?? {}, 'codec request');
    const payloads = body.payloads.map(fromWire);
    let out: Payload[];
    try {
      // No serialization context here: decode finds keys by the metadata; encode uses the shared key.
      out = await ctx.codec.codec[op](payloads);
    } catch (err) {
      throw codecProblem(err) ?? err;
    }
    // Operators see the operational part only: personal fields are masked in what they decode.
    if (op === 'decode' && role === 'operator') out = out.map(operatorPayload);
    res.setHeader('Cache-Control', 'no-store'); // decoded personal data stays out of caches
    res.json({ payloads: out.map(toWire) });
  };

  const staff = bearerAuth(ctx.keys, authFailures);
  const allowed = (req: Request, _res: Response, next: NextFunction) => {
    requireRole(req, codecRoles, 'The codec endpoint');
    next();
  };
  router.post('/decode', staff, allowed, json, run('decode'));
  router.post('/encode', staff, allowed, json, run('encode'));

  const byToken = (req: Request, res: Response, next: NextFunction) => {
    const checked = ctx.codec.tokens.verify(String(req.params.token));
    void (async () => {
      // The key it was minted with must still be live: revoking a key ends its tokens everywhere.
      const revoked = checked.ok && !(await keyIsLive(ctx.keys, checked.grant.keyId));
      if (!checked.ok || revoked) {
        const wait = await authFailures.take(`codec-token:${req.ip}`);
        if (wait > 0) throw problems.rateLimited(wait);
        throw problems.unauthorized(
          revoked
            ? 'The API key this codec token was minted with has been revoked.'
            : !checked.ok && checked.reason === 'expired'
              ? 'The codec token has expired; mint a new one (POST /codec/tokens, or restart npm run up).'
              : 'The codec token is not valid.',
        );
      }
      (res.locals as { codecRole?: CodecRole }).codecRole = checked.grant.role;
    })().then(() => next(), next);
  };
  router.post('/t/:token/decode', byToken, json, run('decode'));
  router.post('/t/:token/encode', byToken, json, run('encode'));

  // A token for the Web UI (its "Codec Server" setting, or --ui-codec-endpoint), valid for hours.
  router.post('/tokens', staff, allowed, (req: Request, res: Response) => {
    const principal: Principal = requireRole(req, codecRoles, 'The codec endpoint');
    const { token, expiresAt } = ctx.codec.tokens.mint(
      { subject: principal.subject, role: principal.role as CodecRole, keyId: principal.keyId ?? '' },
      ctx.codec.tokenTtlMs,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({
      token,
      endpoint: `${req.protocol}://${req.get('host') ?? 'localhost'}/codec/t/${token}`,
      expiresAt: new Date(expiresAt).toISOString(),
    });
  });
  return router;
}
