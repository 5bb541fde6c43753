// The customer's side, reached through the signed link in every e-mail: the status page, a message
// to the owner, withdrawal, and the survey. Forms post and redirect (no script needed); whatever goes
// wrong gets a friendly page in the customer's language, or problem+json for a client that asks for JSON.
import crypto from 'node:crypto';
import type { NextFunction, Request, Response, Router } from 'express';
import { strictRouter } from '../edge';
import type { CaseView } from '../../domain/case';
import { addClockTime } from '../../domain/clock';
import { languages, type Language } from '../../domain/types';
import { customerMessageSignal, surveyAnswerSignal, withdrawalSignal } from '../../workflows/definitions';
import type { LinkPurpose } from '../../infra/links';
import type { CaseStatus } from '../cases';
import type { AppContext } from '../context';
import { renderInfoPage, renderStatusPage, renderSurveyPage, type Notice } from '../pages/render';
import { languageFromAcceptLanguage, pageStrings } from '../pages/strings';
import { ApiProblem, bodyParserProblem, fieldErrors, problems, sendProblem } from '../problems';
import { rateLimit, TokenBuckets } from '../rate-limit';
import {
  customerAcceptedSchema,
  customerMessageRequestSchema,
  surveyRequestDocSchema,
  surveyRequestSchema,
  withdrawalRequestSchema,
} from './schemas';
import { html, jsonResponse, tokenParam, type Json } from '../http/openapi-parts';
import { mount, route, type PathParam, type Route } from '../http/route';
import type { z } from 'zod';
import { snapshotOrThrow } from '../policy-snapshot';

/** A link that failed verification, with the reason the friendly page explains. */
class BadLink extends ApiProblem {
  constructor(readonly reason: 'malformed' | 'bad-signature' | 'expired' | 'not-found' | 'wrong-purpose') {
    super(
      reason === 'expired' ? 410 : 404,
      reason === 'expired' ? 'link-expired' : 'link-not-valid',
      reason === 'expired' ? 'Link expired' : 'Link not valid',
      reason === 'expired'
        ? 'This link has expired.'
        : reason === 'not-found'
          ? 'No case for this link.'
          : 'This link is not valid.',
    );
  }
}

/** A form the customer must correct; carries the fields so the page can say which. */
class FormProblem extends ApiProblem {
  constructor(
    readonly fields: string[],
    errors: ReturnType<typeof fieldErrors>,
  ) {
    super(
      400,
      'invalid-request',
      'Invalid request',
      `The form is not valid (${errors.length} problem${errors.length === 1 ? '' : 's'}).`,
      {
        errors,
      },
    );
  }
}

interface CustomerLocals {
  caseId?: string;
  language?: Language;
}

const TOKEN = /^[A-Za-z0-9_-]{10,400}\.[A-Za-z0-9_-]{20,100}$/;

function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

function locals(res: Response): CustomerLocals {
  return res.locals as CustomerLocals;
}

/**
 * The case behind the token, with its status, or a BadLink: a token for another purpose (a
 * survey link on the status page) is not valid here, and no link outlives its case's closing by
 * more than linkLifetimeAfterCloseMs, whatever expiry it was signed with.
 */
async function linkOf(
  ctx: AppContext,
  req: Request,
  res: Response,
  purpose: LinkPurpose,
): Promise<{ caseId: string; status: CaseStatus; linkPurpose: LinkPurpose }> {
  const token = String(req.params.token);
  if (!TOKEN.test(token)) throw new BadLink('malformed');
  const verified = ctx.links.verify(token);
  if (!verified.ok) throw new BadLink(verified.reason);
  if (purpose === 'status' && verified.purpose !== 'status') throw new BadLink('wrong-purpose');
  const caseId = verified.caseId;
  // An erased case's links end with its data: 410, the same page as an expired link.
  if (await ctx.cases.erasure(caseId)) throw new BadLink('expired');
  const status = await ctx.cases.status(caseId).catch((err: unknown) => {
    if (err instanceof ApiProblem && err.status === 404) throw new BadLink('not-found');
    throw err;
  });
  const language = languages.find((l) => l === status.memo.language);
  if (language) locals(res).language = language;
  if (status.closedAt !== undefined && status.closedAt + ctx.limits.linkLifetimeAfterCloseMs < Date.now())
    throw new BadLink('expired');
  // Only a status link may lead back to the status page (friendly error pages link there).
  if (verified.purpose === 'status') locals(res).caseId = caseId;
  return { caseId, status, linkPurpose: verified.purpose };
}

async function viewOf(ctx: AppContext, caseId: string, res: Response): Promise<CaseView> {
  try {
    const view = await ctx.cases.view(caseId);
    locals(res).language = view.customer.language;
    return view;
  } catch (err) {
    if (err instanceof ApiProblem && err.status === 404) throw new BadLink('not-found');
    throw err;
  }
}

const base = (req: Request) => `/c/${String(req.params.token)}`;

/** The form's fields, after the link was checked: the media type (415), then the schema (400). */
function parseForm<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  if (req.is(['application/x-www-form-urlencoded', 'application/json']) === false) {
    throw problems.unsupportedMediaType('application/x-www-form-urlencoded or application/json');
  }
  const result = schema.safeParse(req.body ?? {});
  if (!result.success) {
    const errors = fieldErrors(result.error);
    throw new FormProblem(
      errors.map((e) => e.field),
      errors,
    );
  }
  return result.data;
}

/** A form post answers with a redirect (so reloading does not post again); a JSON post with 202. */
function accepted(req: Request, res: Response, to: string): void {
  if (req.is('application/json')) {
    res.status(202).json(customerAcceptedSchema.parse({ status: 'accepted' }));
  } else {
    res.redirect(303, to);
  }
}

/** A closed case is a 409 for the customer's actions. */
function openCase(status: CaseStatus): CaseStatus {
  if (!status.running) throw problems.caseClosed('The case is closed.');
  return status;
}

/** The link token, checked by the handler (linkOf) so a bad one gets the friendly page. */
const token: PathParam<string> = { doc: tokenParam, parse: (raw) => raw };

const customerErrors = {
  '400': html('A form to correct (problem+json when the client asks for JSON).'),
  '404': html('A link that is not valid, or a case that no longer exists.'),
  '410': html('An expired link.'),
  '413': html('The form is larger than allowed.'),
  '415': html('Not a form (the problem as JSON for a JSON client).'),
  '429': html('Too many requests.'),
  '503': html('Temporal is not reachable right now: try again in a few minutes.'),
  '504': html('The case did not answer in time: try again in a few minutes.'),
};

/** A form the customer posts: checked in the handler, after the link (a bad link is never a 400). */
const form = (schema: z.ZodType) => ({
  schema,
  what: 'form',
  limit: 'customerBody' as const,
  media: ['form' as const, 'json' as const],
  validate: false,
  mediaCheck: false,
});

const postAnswers = (posted: string, closed: string): Record<string, Json> => ({
  '303': { description: posted },
  '202': jsonResponse('JSON posts: accepted.', customerAcceptedSchema),
  '409': html(closed),
  ...customerErrors,
});

export const customerRoutes: Route[] = [
  route({
    method: 'get',
    path: '/c/:token',
    roles: 'public',
    tags: ['customer'],
    summary: 'The customer’s status page',
    params: { token },
    responses: { '200': html('The status page in the customer’s language.'), ...customerErrors },
    async handler({ ctx, req, res }) {
      const { caseId } = await linkOf(ctx, req, res, 'status');
      const view = await viewOf(ctx, caseId, res);
      const sent = req.query.sent;
      const notice: Notice | undefined = sent === 'message' || sent === 'withdrawal' ? sent : undefined;
      res.type('html').send(
        renderStatusPage({
          view,
          base: base(req),
          notice,
          nextUpdateBy: nextUpdateBy(view, ctx),
          now: Date.now(),
          nonce: crypto.randomBytes(12).toString('base64url'),
        }),
      );
    },
  }),

  route({
    method: 'post',
    path: '/c/:token/messages',
    roles: 'public',
    tags: ['customer'],
    summary: 'A message from the customer to the owner',
    params: { token },
    body: form(customerMessageRequestSchema),
    responses: postAnswers('Form posts: back to the status page.', 'The case is closed.'),
    async handler({ ctx, req, res }) {
      const { caseId, status } = await linkOf(ctx, req, res, 'status');
      openCase(status);
      const posted = parseForm(customerMessageRequestSchema, req);
      await ctx.cases.signal(caseId, customerMessageSignal, {
        text: posted.text,
        via: 'portal',
        receivedAt: new Date().toISOString(),
        // The same form (same nonce) posted twice is one message; the workflow ignores repeats.
        ...(posted.nonce ? { messageId: `portal-${posted.nonce}` } : {}),
      });
      accepted(req, res, `${base(req)}?sent=message`);
    },
  }),

  route({
    method: 'post',
    path: '/c/:token/withdrawal',
    roles: 'public',
    tags: ['customer'],
    summary: 'Withdraw the complaint',
    params: { token },
    body: form(withdrawalRequestSchema),
    responses: postAnswers('Form posts: back to the status page.', 'The case is closed.'),
    async handler({ ctx, req, res }) {
      const { caseId, status } = await linkOf(ctx, req, res, 'status');
      openCase(status);
      const posted = parseForm(withdrawalRequestSchema, req);
      await ctx.cases.signal(caseId, withdrawalSignal, posted.reason ? { reason: posted.reason } : {});
      accepted(req, res, `${base(req)}?sent=withdrawal`);
    },
  }),

  route({
    method: 'get',
    path: '/c/:token/survey',
    roles: 'public',
    tags: ['customer'],
    summary: 'The survey form',
    params: { token },
    responses: { '200': html('The survey.'), ...customerErrors },
    async handler({ ctx, req, res }) {
      const { caseId, linkPurpose } = await linkOf(ctx, req, res, 'survey');
      const view = await viewOf(ctx, caseId, res);
      const { minScore, maxScore } = snapshotOrThrow(ctx).policy.survey;
      const preselect = Number(req.query.score);
      const answeredThisRound =
        view.survey !== undefined && view.surveyAnswers.some((a) => a.round === view.survey!.round);
      const state =
        req.query.answered === '1' || (answeredThisRound && view.stage !== 'survey')
          ? 'answered'
          : view.stage === 'survey'
            ? 'open'
            : 'closed';
      res.type('html').send(
        renderSurveyPage({
          view,
          base: base(req),
          minScore,
          maxScore,
          preselect: Number.isInteger(preselect) ? preselect : undefined,
          state,
          statusLink: linkPurpose === 'status',
        }),
      );
    },
  }),

  route({
    method: 'post',
    path: '/c/:token/survey',
    roles: 'public',
    tags: ['customer'],
    summary: 'Answer the survey',
    params: { token },
    // The scale comes from the policy: the schema is made per request (the document shows 1–5).
    body: form(surveyRequestDocSchema),
    responses: postAnswers('Form posts: to the thank-you page.', 'The survey is not open.'),
    async handler({ ctx, req, res }) {
      const { caseId, status } = await linkOf(ctx, req, res, 'survey');
      const { minScore, maxScore } = snapshotOrThrow(ctx).policy.survey;
      openCase(status);
      const schema = surveyRequestSchema(minScore, maxScore);
      // A person's form with something missing comes back as the form, with their choices and words
      // kept and what to fix said at the top (a page with only the problem lost the comment).
      if (req.is('application/x-www-form-urlencoded') && status.stage === 'survey') {
        const tried = schema.safeParse(req.body ?? {});
        if (!tried.success) {
          const view = await viewOf(ctx, caseId, res);
          const s = pageStrings[view.customer.language];
          const body = (req.body ?? {}) as Record<string, unknown>;
          const text = (k: string) => (typeof body[k] === 'string' ? body[k] : undefined);
          const score = Number(text('score'));
          const errors = new Set(
            fieldErrors(tried.error).map((e) =>
              e.field === 'score' ? s.errScore : e.field === 'stillNeedHelp' ? s.errHelp : s.errGeneric,
            ),
          );
          res
            .status(400)
            .type('html')
            .send(
              renderSurveyPage({
                view,
                base: base(req),
                minScore,
                maxScore,
                state: 'open',
                statusLink: locals(res).caseId !== undefined,
                errors: [...errors],
                values: {
                  ...(Number.isInteger(score) ? { score } : {}),
                  ...(text('stillNeedHelp') ? { stillNeedHelp: text('stillNeedHelp') } : {}),
                  ...(text('comment') ? { comment: text('comment')!.slice(0, 2000) } : {}),
                },
              }),
            );
          return;
        }
      }
      const posted = parseForm(schema, req);
      if (status.stage !== 'survey') {
        throw new ApiProblem(
          409,
          'survey-closed',
          'The survey is not open',
          'The survey for this case is not open.',
          { stage: status.stage ?? 'closed' },
        );
      }
      await ctx.cases.signal(caseId, surveyAnswerSignal, {
        score: posted.score,
        stillNeedHelp: posted.stillNeedHelp,
        ...(posted.comment ? { comment: posted.comment } : {}),
      });
      accepted(req, res, `${base(req)}/survey?answered=1`);
    },
  }),
];

/** The customer's router (mounted at /c): its headers and rate limit, the routes, its error pages. */
export function customerRouter(ctx: AppContext): Router {
  const router = strictRouter();
  const buckets = new TokenBuckets({
    burst: ctx.limits.customerPerMinute,
    perMinute: ctx.limits.customerPerMinute,
  });

  // The token is a capability: keep it out of referrers, caches and frames.
  router.use((req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    locals(res).language = languageFromAcceptLanguage(req.get('accept-language'));
    next();
  });
  router.use(rateLimit(buckets, 'customer'));
  mount(router, customerRoutes, ctx, { prefix: '/c' });

  // Friendly pages for people, problem+json for programs.
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const problem =
      err instanceof ApiProblem
        ? err
        : (bodyParserProblem(err) ??
          new ApiProblem(500, 'internal', 'Internal error', 'Something went wrong on our side.'));
    if (problem.status >= 500 && !(err instanceof ApiProblem)) ctx.log(`${req.method} /c/… failed`, err);
    // The token stays out of the problem body: it is a credential.
    if (wantsJson(req)) return sendProblem(res, problem);
    const language = locals(res).language ?? 'en';
    const s = pageStrings[language];
    const back = locals(res).caseId ? base(req) : undefined;
    let title = s.unavailableTitle;
    let text = [s.unavailableText];
    if (problem instanceof BadLink) {
      if (problem.reason === 'expired') [title, text] = [s.expiredTitle, [s.expiredText]];
      else if (problem.reason === 'not-found') [title, text] = [s.notFoundTitle, [s.notFoundText]];
      else [title, text] = [s.badLinkTitle, [s.badLinkText]];
    } else if (problem instanceof FormProblem) {
      const messages = new Set(
        problem.fields.map((f) =>
          f === 'text'
            ? s.errEmpty
            : f === 'confirm'
              ? s.errConfirm
              : f === 'score'
                ? s.errScore
                : f === 'stillNeedHelp'
                  ? s.errHelp
                  : s.errGeneric,
        ),
      );
      [title, text] = [s.formErrorTitle, [...messages]];
    } else if (problem.slug === 'case-closed') {
      [title, text] = [s.closedNoMore, [s.caseClosedForAction]];
    } else if (problem.slug === 'survey-closed') {
      [title, text] = [s.surveyHeading, [s.surveyClosed]];
    } else if (problem.slug === 'case-starting') {
      [title, text] = [s.heading, [s.startingText]];
    } else if (problem.status === 429) {
      [title, text] = [s.tooManyTitle, [s.tooManyText]];
    } else if (problem.status < 500) {
      [title, text] = [s.formErrorTitle, [s.errGeneric]];
    }
    if (problem.retryAfter !== undefined) res.setHeader('Retry-After', String(problem.retryAfter));
    res
      .status(problem.status)
      .type('html')
      .send(renderInfoPage(language, title, text, { back: problem instanceof BadLink ? undefined : back }));
  });

  return router;
}

/**
 * When the customer will next hear from us at the latest. Cases on the lifecycle engine say so
 * themselves (nextCustomerContactBy); for cases of the first workflow type the API works it out (see
 * firstTypeNextUpdateBy). A time that has passed is never promised: the page leaves it out.
 */
export function nextUpdateBy(view: CaseView, ctx: AppContext, now = Date.now()): string | undefined {
  const engine = view.upcoming !== undefined || view.deliveries !== undefined;
  const at = engine ? view.nextCustomerContactBy : firstTypeNextUpdateBy(view, ctx);
  return at !== undefined && Date.parse(at) > now ? at : undefined;
}

/**
 * The first workflow type's next contact, as far as the API can tell: the diagnosis deadline early
 * on, the follow-up date, or the regular update (computed with the case's policy clock when the
 * current policy is the case's version).
 */
export function firstTypeNextUpdateBy(view: CaseView, ctx: AppContext): string | undefined {
  const pending = (name: string) =>
    view.clocks[name]?.state === 'pending' ? view.clocks[name].dueAt : undefined;
  switch (view.stage) {
    case 'intake':
    case 'diagnosis':
      return pending('diagnosis-after-answer') ?? pending('diagnosis');
    case 'follow-up':
      return view.followUp?.dueBy;
    case 'in-progress':
    case 'awaiting-approval': {
      if (view.nextDeadline?.name === 'customer-update') return view.nextDeadline.at;
      try {
        const { policy } = ctx.snapshot();
        if (policy.version !== view.policyVersion) return undefined;
        const interval = policy.priorities[view.priority].customerUpdateIntervalMs;
        return new Date(
          addClockTime(Date.parse(view.lastCustomerContactAt), interval, policy.clock),
        ).toISOString();
      } catch {
        return undefined;
      }
    }
    default:
      return undefined;
  }
}
