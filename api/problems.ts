// Errors as RFC 9457 problem details (application/problem+json). Every failure the API reports goes
// through ApiProblem, so a client sees one shape whatever went wrong, and never a stack trace.
import os from 'node:os';
import type { NextFunction, Request, Response } from 'express';
import { fromRoot } from '../infra/paths';
import type { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  /** Dotted path, e.g. "customer.email"; "" for the body as a whole. */
  field: string;
  /** JSON Pointer into the body, e.g. "/customer/email". */
  pointer: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  /** 409 for an action in the wrong stage: where the case is and what it accepts there. */
  stage?: string;
  allowedActions?: string[];
}

/** Problem types: URNs on purpose, so nobody expects to dereference them. */
export const problemType = (slug: string): string => `urn:complaint-desk:problem:${slug}`;

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: Partial<Pick<ProblemBody, 'errors' | 'stage' | 'allowedActions'>> = {},
    /** Seconds, sent as Retry-After (429, and 409/503 while a case is being set up). */
    readonly retryAfter?: number,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  body(instance?: string): ProblemBody {
    return {
      type: problemType(this.slug),
      title: this.title,
      status: this.status,
      detail: this.detail,
      instance,
      ...this.extra,
    };
  }
}

export const problems = {
  invalid: (detail: string, errors: FieldError[] = []) =>
    new ApiProblem(400, 'invalid-request', 'Invalid request', detail, { errors }),
  unauthorized: (detail = 'Send "Authorization: Bearer <api key>".') =>
    new ApiProblem(401, 'unauthorized', 'Unauthorized', detail),
  forbidden: (detail: string) => new ApiProblem(403, 'forbidden', 'Forbidden', detail),
  notFound: (detail: string) => new ApiProblem(404, 'not-found', 'Not found', detail),
  notAllowedInStage: (detail: string, stage: string, allowedActions: string[]) =>
    new ApiProblem(409, 'action-not-allowed', 'Action not allowed in this stage', detail, {
      stage,
      allowedActions,
    }),
  caseClosed: (detail: string) =>
    new ApiProblem(409, 'case-closed', 'The case is closed', detail, { stage: 'closed', allowedActions: [] }),
  caseStarting: () =>
    new ApiProblem(
      409,
      'case-starting',
      'The case is being set up',
      'The complaint was just received and is being assigned; retry in a moment.',
      {},
      1,
    ),
  caseOpen: (stage: string) =>
    new ApiProblem(
      409,
      'case-open',
      'The case is still open',
      `A running case cannot be erased (stage "${stage}"): it would no longer be able to continue. Close it first (the customer's withdrawal, or the end of its handling), then erase.`,
      { stage, allowedActions: [] },
    ),
  caseErased: (erasedAt: string) =>
    new ApiProblem(
      410,
      'case-erased',
      'Personal data erased',
      `The personal data of this case was erased on ${erasedAt}.`,
    ),
  taskClosed: (detail: string) => new ApiProblem(409, 'task-closed', 'The task is already closed', detail),
  rejectedByCase: (detail: string) =>
    new ApiProblem(422, 'action-rejected', 'The case rejected the action', detail),
  idempotencyMismatch: () =>
    new ApiProblem(
      422,
      'idempotency-key-reused',
      'Idempotency-Key reused',
      'This Idempotency-Key was already used with a different request; use a new key for a new request.',
    ),
  tooLarge: (limit: string) =>
    new ApiProblem(
      413,
      'body-too-large',
      'Request body too large',
      `The body exceeds the limit of ${limit}.`,
    ),
  unsupportedMediaType: (expected: string) =>
    new ApiProblem(415, 'unsupported-media-type', 'Unsupported media type', `Send the body as ${expected}.`),
  rateLimited: (retryAfter: number) =>
    new ApiProblem(
      429,
      'rate-limited',
      'Too many requests',
      `Slow down; retry after ${retryAfter} s.`,
      {},
      retryAfter,
    ),
  misdirected: () =>
    new ApiProblem(
      421,
      'misdirected-request',
      'Misdirected request',
      'This server does not answer for that host name (see ALLOWED_HOSTS).',
    ),
  unavailable: (detail: string) => new ApiProblem(503, 'unavailable', 'Service unavailable', detail, {}, 5),
  timeout: (detail: string) => new ApiProblem(504, 'timeout', 'The case did not answer in time', detail),
};

function pointerOf(path: PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A zod error as per-field errors (unknown keys are reported one per key, at the key itself). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        out.push({ field: path.join('.'), pointer: pointerOf(path), message: 'unknown field' });
      }
      continue;
    }
    out.push({
      field: issue.path.map(String).join('.'),
      pointer: pointerOf(issue.path),
      message: issue.message,
    });
  }
  return out;
}

/** Parses with a schema or throws a 400 naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    throw problems.invalid(
      `The ${what} is not valid (${errors.length} problem${errors.length === 1 ? '' : 's'}).`,
      errors,
    );
  }
  return result.data;
}

/** Folders of this server: the code, the working folder, the temporary and the home folder. */
const serverFolders = [fromRoot(''), process.cwd(), os.tmpdir(), os.homedir()]
  .map((p) => p.replace(/\/+$/, ''))
  .filter((p) => p.length > 1)
  .sort((a, b) => b.length - a.length);

/**
 * A text with this server's folders cut out. Answers are written not to name them (an error from a
 * library may); this is the last line: no answer shows where the server keeps its code or data.
 */
export function withoutServerPaths(text: string): string {
  let out = text;
  for (const folder of serverFolders) out = out.split(folder).join('[server]');
  return out.replace(/(?:\/[\w.-]+)*\/node_modules\/[^\s"')]*/g, '[server]');
}

export function sendProblem(res: Response, problem: ApiProblem, instance?: string): void {
  if (problem.retryAfter !== undefined) res.setHeader('Retry-After', String(problem.retryAfter));
  const body = problem.body(instance);
  body.detail = withoutServerPaths(body.detail);
  if (body.errors) body.errors = body.errors.map((e) => ({ ...e, message: withoutServerPaths(e.message) }));
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Errors from express's body parsers, as problems; undefined for anything else. */
export function bodyParserProblem(err: unknown): ApiProblem | undefined {
  const e = err as BodyParserError | undefined;
  switch (e?.type) {
    case 'entity.too.large':
      return problems.tooLarge(e.limit !== undefined ? `${e.limit} bytes` : 'the route’s limit');
    case 'entity.parse.failed':
      return problems.invalid('The body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problems.unsupportedMediaType('UTF-8');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return problems.invalid('The request body could not be read.');
    case 'parameters.too.many':
      return problems.tooLarge('the number of form fields');
    default:
      return undefined;
  }
}

/**
 * The last error handler for the JSON API: known problems as they are, body-parser errors mapped,
 * anything else a 500 with no internals (logged on the server).
 */
export function problemHandler(log: (msg: string, err: unknown) => void) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const problem = err instanceof ApiProblem ? err : bodyParserProblem(err);
    if (problem) return sendProblem(res, problem, req.originalUrl.split('?')[0]);
    log(`${req.method} ${req.path} failed`, err);
    sendProblem(
      res,
      new ApiProblem(
        500,
        'internal',
        'Internal error',
        'Something went wrong on our side; it has been logged.',
      ),
      req.originalUrl.split('?')[0],
    );
  };
}
