// Each HTTP route declared once — method, path, roles, parameters, body, answers, summary, handler —
// and read twice: mount() registers it on an Express router (the role check, the body parser with the
// route's limit, validation as problem+json), openApiPaths() writes its entry in the OpenAPI document.
// Authentication stays where it was (app.ts puts the staff keys' middleware on path prefixes), so
// a request to no route under /complaints is still a 401 before it is a 404.
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import type { z } from 'zod';
import { principalOf, requireRole } from '../auth';
import type { ApiLimits, AppContext } from '../context';
import type { Principal, Role } from '../keys';
import { parseOrThrow, problems, type ApiProblem } from '../problems';
import { ref, type Json } from './openapi-parts';

type Method = 'get' | 'post';

/** A path parameter: its OpenAPI entry, and how a raw value becomes a value (or a problem, thrown). */
export interface PathParam<T> {
  doc: Json;
  parse(raw: string): T;
}

/** A path parameter checked by a schema; a value the schema refuses is `refused(raw)` (often a 404). */
export function pathParam<S extends z.ZodType>(
  schema: S,
  doc: Json,
  refused: (raw: string) => ApiProblem,
): PathParam<z.output<S>> {
  return {
    doc,
    parse(raw) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw refused(raw);
      return parsed.data;
    },
  };
}

export interface QuerySpec<Q> {
  /** None: the handler reads the query (a value it does not know is ignored, not a 400). */
  schema?: z.ZodType<Q>;
  /** The query's parameters as the document lists them. */
  doc: Json[];
}

export interface BodySpec<B> {
  /** Registered in requestRegistry: the document refers to it by its id. */
  schema: z.ZodType<B>;
  /** Named in the 400's detail: "The erasure request is not valid (…)". */
  what: string;
  /** false: the body may be left out (documented as optional). */
  required?: boolean;
  /** Which of the API's limits caps it (default jsonBody), or a size of its own ("16mb"). */
  limit?: keyof ApiLimits | { size: string };
  /** A missing body reads as {} (default: when not required). */
  orEmpty?: boolean;
  /**
   * false: the handler gets the body as sent and validates it itself (the staff actions, which the
   * console shares: their checks run in one order whichever door a person uses).
   */
  validate?: boolean;
  /**
   * The media types taken (default json only): form is application/x-www-form-urlencoded,
   * multipart is multipart/form-data (read by the handler: the public form's files).
   */
  media?: ('form' | 'json' | 'multipart')[];
  /** false: no body parser; the handler reads the request (the public form streams its files). */
  parse?: boolean;
  /** false: the handler checks the media type too (the customer's pages: the link is checked first). */
  mediaCheck?: boolean;
}

export interface HeaderSpec<H> {
  doc: Json[];
  /** Reads the headers (throws a problem for a malformed one); none: the handler reads them. */
  parse?: (req: Request) => H;
}

export interface RouteInput<P, Q, B, H = undefined> {
  req: Request;
  res: Response;
  ctx: AppContext;
  /** The caller (a staff key's); a public route that reads it answers 401. */
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  headers: H;
}

export interface RouteDeclaration<P, Q, B, H = undefined> {
  method: Method;
  /** Express style: /complaints/:id/erasure. */
  path: string;
  /** The staff roles allowed, or 'public' for routes with their own credentials or none. */
  roles: readonly Role[] | 'public';
  /** What the caller tried, for the 403: "Erasing personal data is for supervisor keys; …". */
  what?: string;
  /**
   * When the role is checked: first (default), or after the path, body and query (the letters: a
   * letter that does not exist is a 404 for any key).
   */
  roleCheck?: 'first' | 'after-input' | 'before-body-parser';
  /**
   * Middleware of its own, run before anything else of the route: a name the app gives middleware
   * for in mount()'s options (the codec's key or URL token, the public form page's rate limit).
   * Staff keys are otherwise checked by path prefix in api/app.ts.
   */
  before?: string;
  params?: { [K in keyof P]: PathParam<P[K]> };
  query?: QuerySpec<Q>;
  body?: BodySpec<B>;
  /** Header parameters: their document entries, and how they are read (after the media type, before the body). */
  headers?: HeaderSpec<H>;
  responses: Record<string, Json>;
  summary: string;
  description?: string;
  /** The resource it belongs to (its folder under api/). */
  tags: string[];
  /** The document's security requirement when not a staff key's: [] for none. Default: public → []. */
  security?: Json[];
  /** Not in the OpenAPI document (the document itself, the browsers' icon). */
  undocumented?: boolean;
  handler(input: RouteInput<P, Q, B, H>): Promise<void> | void;
}

// The erased form every list of routes holds; route() keeps each declaration's own types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Route = RouteDeclaration<any, any, any, any>;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function route<P = {}, Q = undefined, B = undefined, H = undefined>(
  declaration: RouteDeclaration<P, Q, B, H>,
): Route {
  if (declaration.roles !== 'public' && !declaration.what)
    throw new Error(`${declaration.method.toUpperCase()} ${declaration.path}: a staff route needs "what".`);
  return declaration as Route;
}

/** 415 for a body that is there but is not JSON (a missing body is left to the schema: 400). */
export function requireJsonBody(req: Request): void {
  if (req.is('application/json') === false) throw problems.unsupportedMediaType('application/json');
}

/**
 * Registers the routes on a router. Per request, in this order: the body parser (413, malformed
 * JSON), the role (403; or after the input: roleCheck), the path parameters, the body's media type
 * (415), the headers (400), the body's schema (400), the query (400); then the handler. The order is
 * the one the hand-written routes had, so answers are the same.
 */
export function mount(
  router: Router,
  routes: readonly Route[],
  ctx: AppContext,
  options: {
    /** The router is mounted at this prefix in the app: declared paths are full paths. */
    prefix?: string;
    /** Middleware for each `before` name the routes use. */
    before?: Record<string, RequestHandler[]>;
  } = {},
): Router {
  for (const r of routes) {
    const limit = r.body?.limit ?? 'jsonBody';
    const size = typeof limit === 'string' ? ctx.limits[limit] : limit.size;
    const parsers = (r.body?.parse === false ? [] : (r.body?.media ?? (r.body ? ['json'] : []))).map(
      (media) =>
        media === 'form'
          ? // A customer's form has a few fields: more is someone else's.
            express.urlencoded({ limit: size, extended: false, parameterLimit: 20 })
          : express.json({ limit: size, strict: true }),
    );
    if (r.body?.media?.includes('multipart') && r.body.parse !== false)
      throw new Error(`${r.path}: a multipart body is read by its handler (parse: false).`);
    if (r.body?.media?.includes('form') && r.body.mediaCheck !== false)
      throw new Error(`${r.path}: a form body's media type is checked by its handler (mediaCheck: false).`);
    const before = r.before ? options.before?.[r.before] : [];
    if (!before)
      throw new Error(`${r.method.toUpperCase()} ${r.path}: no middleware for before "${r.before}".`);
    const earlyRole =
      r.roleCheck === 'before-body-parser' && r.roles !== 'public'
        ? [
            (req: Request, _res: Response, next: NextFunction) => {
              requireRole(req, r.roles as readonly Role[], r.what!);
              next();
            },
          ]
        : [];
    if (options.prefix && r.path !== options.prefix && !r.path.startsWith(`${options.prefix}/`))
      throw new Error(`${r.path} is not under ${options.prefix}.`);
    // The prefix itself is the router's "/".
    const path = options.prefix ? r.path.slice(options.prefix.length) || '/' : r.path;
    router[r.method](path, ...before, ...earlyRole, ...parsers, async (req: Request, res: Response) => {
      const checkRole = () => (r.roles === 'public' ? undefined : requireRole(req, r.roles, r.what!));
      let principal = r.roleCheck === 'after-input' ? undefined : checkRole();
      const params: Record<string, unknown> = {};
      for (const [name, param] of Object.entries(r.params ?? {}) as [string, PathParam<unknown>][])
        params[name] = param.parse(String(req.params[name]));
      // No body at all (Content-Length: 0 and no type) is an optional body left out.
      const empty =
        r.body?.required === false && req.get('content-length') === '0' && !req.get('content-type');
      if (r.body && r.body.mediaCheck !== false && !empty) requireJsonBody(req);
      const headers: unknown = r.headers?.parse?.(req);
      let body: unknown = undefined;
      if (r.body)
        body =
          r.body.validate === false
            ? req.body
            : parseOrThrow(
                r.body.schema as z.ZodType,
                (r.body.orEmpty ?? r.body.required === false) ? (req.body ?? {}) : req.body,
                r.body.what,
              );
      const query: unknown = r.query?.schema
        ? parseOrThrow(r.query.schema as z.ZodType, req.query, 'query')
        : undefined;
      if (r.roleCheck === 'after-input') principal = checkRole();
      await r.handler({
        req,
        res,
        ctx,
        get principal() {
          return principal ?? principalOf(req);
        },
        params,
        query,
        body,
        headers,
      });
    });
  }
  return router;
}

const mediaTypes = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
} as const;

/** Express's :name as OpenAPI's {name}. */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** The routes' entries for the document's `paths` (a 500 is added to every operation by the caller). */
export function openApiPaths(routes: readonly Route[]): Record<string, Record<string, Json>> {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    if (r.undocumented) continue;
    const parameters = [
      // Path parameters in the path's order (the declaration's order is the order they are checked in).
      ...Object.entries(r.params ?? {})
        .sort(([a], [b]) => r.path.indexOf(`:${a}`) - r.path.indexOf(`:${b}`))
        .map(([, p]) => (p as PathParam<unknown>).doc),
      ...(r.query?.doc ?? []),
      ...(r.headers?.doc ?? []),
    ];
    const security = r.security ?? (r.roles === 'public' ? [] : undefined);
    const operation: Json = {
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      ...(security ? { security } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: r.body.required !== false,
              content: Object.fromEntries(
                (r.body.media ?? ['json']).map((media) => [
                  mediaTypes[media],
                  { schema: ref(r.body!.schema) },
                ]),
              ),
            },
          }
        : {}),
      responses: { ...r.responses },
    };
    const path = openApiPath(r.path);
    if (paths[path]?.[r.method]) throw new Error(`${r.method.toUpperCase()} ${path} is declared twice.`);
    paths[path] = { ...paths[path], [r.method]: operation };
  }
  return paths;
}
