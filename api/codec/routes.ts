// The codec endpoint (Temporal's remote codec protocol): POST /codec/decode and /codec/encode with
// { payloads: [{ metadata: { k: base64 }, data: base64 }] }, so the Web UI and the CLI show decrypted
// cases to the people allowed to see them: supervisors and operators, by Bearer key (the CLI's
// --codec-auth), or by a short-lived signed token in the path (/codec/t/<token>/decode), because the
// Web UI calls from the browser and cannot send our key. CORS answers the configured UI origins only.
// Supervisors decode the whole case; operators its operational part (api/codec-view.ts masks the
// personal fields), whether they come with a key or a token minted for an operator.
import type { NextFunction, Request, Response, Router } from 'express';
import { strictRouter } from '../edge';
import type { Payload } from '@temporalio/common';
import {
  CaseKeyDestroyedError,
  CaseKeyError,
  CaseKeyStoreUnavailableError,
  PayloadDecryptionError,
} from '../../infra/codec';
import type { CodecRole } from '../../infra/codec/token';
import { bearerAuth, keyIsLive, requireRole } from '../auth';
import type { AppContext } from '../context';
import { ApiProblem, problems } from '../problems';
import type { Limiter } from '../rate-limit';
import { codecRequestSchema, codecResponseSchema, codecTokenSchema, type CodecRequest } from './schemas';
import { jsonResponse, problem, type Json } from '../http/openapi-parts';
import { mount, route, type PathParam, type Route, type RouteInput } from '../http/route';
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
  if (err instanceof CaseKeyStoreUnavailableError)
    return problems.unavailable(
      'The case keys cannot be read now (the case store is not reachable); try again.',
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

const cors_ =
  'CORS: the configured Web UI origins (CODEC_CORS_ORIGINS) get their origin and credentials allowed, with X-Namespace, Content-Type and Authorization; OPTIONS answers the preflight.';

/** The URL token, checked by the codecToken middleware before the route (documented here). */
const tokenParam: PathParam<string> = {
  doc: {
    name: 'token',
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description: 'A codec token from POST /codec/tokens (valid for hours).',
  },
  parse: (raw) => raw,
};

/** POST /codec/<op> (a Bearer key) or /codec/t/:token/<op> (a URL token). */
function codecRoute(op: 'encode' | 'decode', byToken: boolean): Route {
  const responses: Record<string, Json> = {
    '200': jsonResponse('The payloads, in the same order.', codecResponseSchema),
    '400': problem('Not a codec request, or a payload that does not decrypt (altered, unknown key).'),
    '401': problem(byToken ? 'A token that is not valid or has expired.' : 'No or a wrong API key.'),
    ...(byToken ? {} : { '403': problem('An agent key.') }),
    '410': problem('The case’s data key was destroyed (its personal data erased).'),
    '413': problem('Larger than 16 MB.'),
    '415': problem('Not JSON.'),
    '429': problem('Too many requests, or too many failed authentications (Retry-After).'),
  };
  const declaration = {
    method: 'post' as const,
    tags: ['codec'],
    summary: op === 'decode' ? 'Decrypt payloads (Web UI, CLI)' : 'Encrypt payloads (Web UI, CLI)',
    description: `${
      op === 'decode'
        ? 'Payloads not encrypted pass through unchanged; an encrypted one opens with the data key named in its metadata (encryption-key-id).'
        : 'Encrypts with the shared data key (the call names no case).'
    } Supervisors and operators only. ${cors_}`,
    body: {
      schema: codecRequestSchema,
      what: 'codec request',
      limit: { size: CODEC_BODY_LIMIT },
      // Protobuf JSON leaves an empty message out: no body is no payloads.
      orEmpty: true,
    },
    responses,
    handler: (input: RouteInput<unknown, undefined, CodecRequest>) => run(op, input),
  };
  return byToken
    ? route({
        ...declaration,
        path: `/codec/t/:token/${op}`,
        roles: 'public',
        before: 'codecToken',
        security: [{ codecToken: [] }],
        params: { token: tokenParam },
      })
    : route({
        ...declaration,
        path: `/codec/${op}`,
        roles: codecRoles,
        what: 'The codec endpoint',
        before: 'bearer',
        roleCheck: 'before-body-parser',
      });
}

async function run(
  op: 'encode' | 'decode',
  { ctx, req, res, body }: RouteInput<unknown, undefined, CodecRequest>,
): Promise<void> {
  // The role the request decodes as: the URL token's (set by byToken), or the Bearer key's.
  const role =
    (res.locals as { codecRole?: CodecRole }).codecRole ??
    (requireRole(req, codecRoles, 'The codec endpoint').role as CodecRole);
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
}

export const codecRoutes: Route[] = [
  codecRoute('decode', false),
  codecRoute('encode', false),
  codecRoute('decode', true),
  codecRoute('encode', true),
  // A token for the Web UI (its "Codec Server" setting, or --ui-codec-endpoint), valid for hours.
  route({
    method: 'post',
    path: '/codec/tokens',
    roles: codecRoles,
    what: 'The codec endpoint',
    before: 'bearer',
    roleCheck: 'before-body-parser',
    tags: ['codec'],
    summary: 'Mint a codec URL token for the Web UI',
    description:
      'Supervisors and operators: a codec endpoint URL carrying a signed token, valid CODEC_TOKEN_TTL_HOURS (8 by default). Give it to the Web UI (Settings → Codec Server, or --ui-codec-endpoint); treat it like a password.',
    responses: {
      '201': jsonResponse('The token and the endpoint URL.', codecTokenSchema),
      '401': problem('No or a wrong API key.'),
      '403': problem('An agent key.'),
      '429': problem('Too many requests with this key (Retry-After).'),
    },
    handler({ ctx, req, res, principal }) {
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
    },
  }),
];

/** The codec's router (mounted at /codec): CORS for the Web UI, then the routes with their credentials. */
export function codecRouter(ctx: AppContext, authFailures: Limiter): Router {
  const router = strictRouter();
  router.use(cors(ctx.codec.corsOrigins));

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
  return mount(router, codecRoutes, ctx, {
    prefix: '/codec',
    before: { bearer: [bearerAuth(ctx.keys, authFailures)], codecToken: [byToken] },
  });
}
