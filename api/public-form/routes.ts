// The public complaint form: GET /complain shows it (in ?lang= or the browser's language), POST
// /complain starts a complaint on the channel "web" and answers with the reference and the status
// link; the acknowledgement follows by e-mail as for any complaint. No script anywhere.
//
// Abuse protection without a third-party CAPTCHA: a rate limit per client address, a honeypot field
// (hidden from people, filled by bots), a minimum fill time (from the signed form token), and size
// limits on every field and file. A form token is used once (claimed in the case store). Whatever is wrong, the form comes back with the customer's own words
// and the reason in their language (never a 5xx for bad input), and nothing is started.
import crypto from 'node:crypto';
import type { NextFunction, Request, Response, Router } from 'express';
import { strictRouter } from '../edge';
import { withAttachmentList } from '../../domain/attachments';
import { languages, type Language } from '../../domain/types';
import type { AttachmentMeta } from '../../infra/attachments';
import { complaintWorkflowId } from '../../workflows/definitions';
import { claimFormToken } from '../../infra/store/form-submissions';
import type { AppContext } from '../context';
import { startComplaint } from '../intake';
import { renderInfoPage } from '../pages/render';
import { languageFromAcceptLanguage, pageStrings } from '../pages/strings';
import { ApiProblem, fieldErrors, problems } from '../problems';
import { clientKey, rateLimit, TokenBuckets } from '../rate-limit';
import { intakeRequestSchema } from '../complaints/schemas';
import { publicComplaintFormSchema } from './schemas';
import { complaintIdFor, requestHash, type IntakeRequest } from '../intake';
import { FormBodyError, parseForm, type FileProblem, type UploadedFile } from './multipart';
import { renderComplaintAnswer, renderComplaintForm, type FormField, type FormValues } from './render';
import { formStrings, type FormStrings } from './strings';
import { createFormTokens } from './token';
import { intakeDeps } from '../policy-snapshot';
import { html } from '../http/openapi-parts';
import { mount, route, type Route } from '../http/route';
import { defaultPublicFormSettings, type PublicFormSettings } from './settings';

/** The form's intake idempotency scope: form tokens never meet staff keys. */
const FORM_SCOPE = 'public-form';

function pageLanguage(req: Request): Language {
  const asked = [req.query.lang, (req.body as Record<string, unknown> | undefined)?.lang].find(
    (l) => typeof l === 'string',
  );
  return languages.find((l) => l === asked) ?? languageFromAcceptLanguage(req.get('accept-language'));
}

/** The form shown again with the customer's words and what to fix. */
class FormRejected extends Error {
  constructor(
    readonly status: number,
    readonly errors: { field?: FormField; message: string }[],
    readonly retryAfter?: number,
  ) {
    super('form rejected');
  }
}

const fileMessage = (p: FileProblem, s: FormStrings) =>
  ({
    'file-too-large': s.errFileTooLarge,
    'too-many-files': s.errTooManyFiles,
    'file-type': s.errFileType,
    'too-large': s.errTooLarge,
  })[p];

/** What the form's routes keep per app: its settings, token signer and rate limits. */
interface FormState {
  settings: PublicFormSettings;
  tokens: ReturnType<typeof createFormTokens>;
  submissions: TokenBuckets;
  offer?: { files: number; fileBytes: number; totalBytes: number };
}

const states = new WeakMap<AppContext, FormState>();

function stateOf(ctx: AppContext): FormState {
  const state = states.get(ctx);
  if (!state) throw new Error('The public form is mounted by complainRouter().');
  return state;
}

const lang = {
  name: 'lang',
  in: 'query',
  required: false,
  schema: { type: 'string', enum: ['en', 'pl', 'sv', 'et', 'he'] },
  description: 'The page’s language; absent: the browser’s Accept-Language, else English.',
};

const formAgain = (description: string) =>
  html(`${description} The form comes back with the customer’s words.`);

export const publicFormRoutes: Route[] = [
  route({
    method: 'get',
    path: '/complain',
    roles: 'public',
    before: 'pageLimit',
    tags: ['public-form'],
    summary: 'The public complaint form',
    description:
      'Name, e-mail or phone, order reference, what happened and optional attachments, in five languages (Hebrew right to left). No script. Carries a signed form token: a double submit is one complaint.',
    // Read by pageLanguage: a language it does not know is English, not a 400.
    query: { doc: [lang] },
    responses: { '200': html('The form.'), '429': html('Too many requests from this address.') },
    handler({ ctx, req, res }) {
      const { tokens, offer } = stateOf(ctx);
      res
        .type('html')
        .send(
          renderComplaintForm({ language: pageLanguage(req), token: tokens.issue(), attachments: offer }),
        );
    },
  }),

  route({
    method: 'post',
    path: '/complain',
    roles: 'public',
    tags: ['public-form'],
    summary: 'Send a complaint from the public form (channel "web")',
    description:
      'Starts a complaint (the acknowledgement follows by e-mail) and answers with the reference and the status link. Protected by a rate limit per address, a honeypot field, a minimum fill time and size limits; whatever is wrong comes back as the form with the reason, and starts nothing.',
    // The handler reads the stream (files), checks the media type and every field: each problem
    // comes back as the form, with the customer's words.
    body: {
      schema: publicComplaintFormSchema,
      what: 'form',
      media: ['multipart', 'form'],
      parse: false,
      validate: false,
      mediaCheck: false,
    },
    responses: {
      '201': html('Received: the reference and the status link.'),
      '200': html('The same form sent again: the complaint it started before.'),
      '400': formAgain('Invalid fields, an expired form, a form sent too fast, or the honeypot filled.'),
      '413': formAgain('A file too large, or too many files.'),
      '415': formAgain('Not a form, or only files of a type not taken (images, PDF, plain text).'),
      '429': formAgain('Too many forms from this address (Retry-After).'),
      '503': formAgain('Temporal is not reachable right now (Retry-After).'),
    },
    async handler({ ctx, req, res }) {
      const { settings, tokens, submissions, offer } = stateOf(ctx);
      let language = pageLanguage(req);
      let values: FormValues = {};
      let token = '';
      const again = (
        status: number,
        errors: { field?: FormField; message: string }[],
        retryAfter?: number,
      ) => {
        if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
        res
          .status(status)
          .type('html')
          .send(
            renderComplaintForm({
              language,
              token: token || tokens.issue(),
              values,
              errors,
              attachments: offer,
            }),
          );
      };
      try {
        let form;
        try {
          form = await parseForm(req, settings);
        } catch (err) {
          if (!(err instanceof FormBodyError)) throw err;
          const s = formStrings[language];
          if (err.reason === 'too-large')
            return again(413, [{ field: 'attachments', message: s.errTooLarge }]);
          if (err.reason === 'not-a-form') return again(415, [{ message: s.errNotForm }]);
          return again(400, [{ message: s.errRejected }]);
        }
        const shape = publicComplaintFormSchema.safeParse(form.fields);
        const f: Record<string, string | undefined> = shape.success ? shape.data : form.fields;
        language = languages.find((l) => l === f.lang) ?? language;
        const s = formStrings[language];
        const field = (name: string) => f[name]?.trim() ?? '';
        values = {
          name: field('name'),
          email: field('email'),
          phone: field('phone'),
          order: field('order'),
          description: (f.description ?? '').replace(/\r\n?/g, '\n').trim(),
        };
        // The rate limit counts every post, good or bad: a script trying forms is slowed down too.
        const wait = submissions.take(`form:${clientKey(req)}`);
        if (wait > 0) throw new FormRejected(429, [{ message: pageStrings[language].tooManyText }], wait);
        // A bot filled the field people never see, or posted fields the form does not have: started
        // nothing, said little.
        if (field('website') !== '' || !shape.success)
          throw new FormRejected(400, [{ message: s.errRejected }]);
        const verified = tokens.verify(field('formToken'));
        if (!verified.ok) {
          // A stale form: the words stay, with a fresh token (a new form, so a new complaint).
          throw new FormRejected(400, [{ message: s.errExpired }]);
        }
        token = field('formToken');
        if (Date.now() - verified.issuedAt < settings.minFillMs)
          throw new FormRejected(400, [{ message: s.errTooFast }]);
        if (form.problems.length)
          throw new FormRejected(
            // Only files of a type not taken: the content is unsupported (415), not too large (413).
            form.problems.every((p) => p === 'file-type') ? 415 : 413,
            form.problems.map((p) => ({ field: 'attachments' as const, message: fileMessage(p, s) })),
          );
        if (form.files.length && !settings.attachments)
          throw new FormRejected(400, [{ field: 'attachments', message: s.errFileType }]);

        const firstLine = values.description!.split('\n').find((l) => l.trim() !== '') ?? '';
        const parsed = intakeRequestSchema.safeParse({
          customer: {
            name: values.name,
            ...(values.email ? { email: values.email } : {}),
            ...(values.phone ? { phone: values.phone } : {}),
            language,
          },
          channel: 'web',
          subject: firstLine.length > 120 ? `${firstLine.slice(0, 119).trimEnd()}…` : firstLine,
          description: values.description,
          ...(values.order ? { order: { reference: values.order } } : {}),
        });
        if (!parsed.success) throw new FormRejected(400, intakeErrors(parsed.error, values, s));

        // The form token is used once (claimed in the case store, which every API process shares): a
        // repeat with the same content is the same complaint, answered without a new link; a repeat
        // with other content changes nothing (409), so a token known to someone else (the form shown
        // to one person and sent by another) never hands over or reaches the first sender's case.
        const complaintId = complaintIdFor(parsed.data, verified.nonce, FORM_SCOPE);
        if (!ctx.store) throw problems.unavailable('The public form needs the case store.');
        const claim = await claimFormToken(ctx.store, {
          nonce: verified.nonce,
          fingerprint: formFingerprint(parsed.data, form.files),
          complaintId,
        }).catch((err: unknown) => {
          ctx.log('claiming a form token in the case store failed', err);
          throw problems.unavailable('The case store is not reachable.');
        });
        if (!claim.first && !claim.sameContent) {
          token = ''; // the words come back on a new form: sending it is a new complaint
          throw new FormRejected(409, [{ message: s.errAlreadySent }]);
        }
        // Attachments first, sealed with the case's key: the case never names a file that is not kept
        // (content-addressed: a repeat stores nothing new).
        const stored: AttachmentMeta[] = [];
        for (const file of form.files)
          stored.push(await settings.attachments!.put(complaintWorkflowId(complaintId), file));
        const request = stored.length
          ? { ...parsed.data, description: withAttachmentList(parsed.data.description, stored) }
          : parsed.data;
        // A repeat with the same content starts the case too, should the first attempt have failed
        // before it did (Temporal was down): the start is idempotent on the complaint id.
        const result = await startComplaint(intakeDeps(ctx), request, verified.nonce, FORM_SCOPE).catch(
          (err: unknown) => {
            if (err instanceof ApiProblem) throw err;
            ctx.log('starting a complaint from the public form failed', err);
            throw problems.unavailable('The complaint could not be started right now.');
          },
        );
        // The status link only to the request that started the case: a repeat learns the reference it
        // already has, never a link (it is in the acknowledgement e-mail).
        res
          .status(result.created ? 201 : 200)
          .type('html')
          .send(
            renderComplaintAnswer({
              language,
              reference: result.reference,
              statusPath: result.created ? `/c/${ctx.links.sign(result.complaintId)}` : undefined,
              hasEmail: !!parsed.data.customer.email,
              attachments: stored.length,
            }),
          );
      } catch (err) {
        if (err instanceof FormRejected) return again(err.status, err.errors, err.retryAfter);
        if (err instanceof ApiProblem && err.status === 503) {
          // Temporal or the policy unavailable: the words stay on the page, to send again shortly.
          const p = pageStrings[language];
          return again(503, [{ message: `${p.unavailableTitle}. ${p.unavailableText}` }], 5);
        }
        throw err;
      }
    },
  }),
];

/** The form's router (mounted at /complain): its headers, the routes, its error page. */
export function complainRouter(ctx: AppContext, options: Partial<PublicFormSettings> = {}): Router {
  const settings = { ...defaultPublicFormSettings, ...options };
  states.set(ctx, {
    settings,
    tokens: createFormTokens(settings.secret ?? crypto.randomBytes(32).toString('base64url')),
    submissions: new TokenBuckets({ burst: settings.perMinute, perMinute: settings.perMinute }),
    offer: settings.attachments
      ? { files: settings.files, fileBytes: settings.fileBytes, totalBytes: settings.totalBytes }
      : undefined,
  });
  const pages = new TokenBuckets({
    burst: ctx.limits.customerPerMinute,
    perMinute: ctx.limits.customerPerMinute,
  });
  const router = strictRouter();

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    next();
  });
  mount(router, publicFormRoutes, ctx, {
    prefix: '/complain',
    before: { pageLimit: [rateLimit(pages, 'form-page')] },
  });

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const language = pageLanguage(req);
    const p = pageStrings[language];
    const problem = err instanceof ApiProblem ? err : undefined;
    if (!problem) ctx.log(`${req.method} /complain failed`, err);
    if (problem?.retryAfter !== undefined) res.setHeader('Retry-After', String(problem.retryAfter));
    const status = problem?.status ?? 500;
    const [title, text] =
      status === 429 ? [p.tooManyTitle, p.tooManyText] : [p.unavailableTitle, p.unavailableText];
    res
      .status(status)
      .type('html')
      .send(renderInfoPage(language, title, [text]));
  });

  return router;
}

/** What a submission says: its request and its files (by name, type and content hash). */
function formFingerprint(request: IntakeRequest, files: UploadedFile[]): string {
  const digest = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
  return requestHash({
    ...request,
    description: [request.description, ...files.map((f) => `${f.name}\n${f.type}\n${digest(f.data)}`)].join(
      '\n\u0000',
    ),
  });
}

/** The intake schema's complaints as the form's own fields and words. */
function intakeErrors(
  error: Parameters<typeof fieldErrors>[0],
  values: FormValues,
  s: FormStrings,
): { field?: FormField; message: string }[] {
  return fieldErrors(error).map((e) => {
    switch (e.field) {
      case 'customer.name':
        return { field: 'name', message: s.errName };
      case 'customer.email':
        return !values.email && !values.phone
          ? { field: 'email', message: s.errContact }
          : { field: 'email', message: s.errEmail };
      case 'customer.phone':
        return { field: 'phone', message: s.errPhone };
      case 'order.reference':
        return { field: 'order', message: s.errOrder };
      default:
        return { field: 'description', message: s.errDescription };
    }
  });
}
