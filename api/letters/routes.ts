// The printable formal letters of a case, for staff: GET /complaints/:id/letters/:kind answers the
// A4 page (text/html), or its PDF with "Accept: application/pdf" or a ".pdf" ending; POST
// /complaints/:id/letters/:kind/sent records that the letter went out by completing the case's open
// write task(s) for it (the task-completion action). Who may: supervisors and the case's owner (the
// letter is the customer's personal data). The console serves the same letters behind its own
// sign-in (api/console/routes.ts), with markLetterSent and the same PDF engine.
import { isTaskLetter, letterKinds } from '../../domain/letters';
import { statusUrl, surveyUrl } from '../../infra/links';
import { caseResponse, seesFullCase } from '../case-response';
import type { AppContext } from '../context';
import { jsonResponse, problem, temporalErrors, type Json } from '../http/openapi-parts';
import { complaintId } from '../http/params';
import { route, type PathParam, type Route } from '../http/route';
import type { Principal } from '../keys';
import { ApiProblem, problems } from '../problems';
import { caseResponseSchema } from '../complaints/schemas';
import { PdfUnavailable } from './pdf';
import { renderLetterPage } from './render';
import { letterSentRequestSchema } from './schemas';
import { markLetterSent } from './sent';

const kindDoc: Json = {
  name: 'kind',
  in: 'path',
  required: true,
  schema: {
    type: 'string',
    pattern: '^(acknowledgement|resolution|T[0-9]{1,6})(\\.pdf)?$',
  },
  description:
    'Which letter: acknowledgement, resolution, or a letter task’s id ("T3": every message to a letter or fax complainant is one, tasks[].letter); a ".pdf" ending asks for the PDF (as does Accept: application/pdf).',
};

/** The letter named in the path: acknowledgement, resolution, or a write task's own letter ("T3"). */
const letterKind: PathParam<{ kind: string; pdfByPath: boolean }> = {
  doc: kindDoc,
  parse(raw) {
    const pdfByPath = raw.endsWith('.pdf');
    const name = pdfByPath ? raw.slice(0, -4) : raw;
    const kind = letterKinds.find((k) => k === name) ?? (isTaskLetter(name) ? name : undefined);
    if (!kind)
      throw problems.notFound(
        `No letter "${raw.slice(0, 40)}"; letters are ${letterKinds.join(' and ')}, or a letter task's id (T3).`,
      );
    return { kind, pdfByPath };
  },
};

/** A letter marked sent is named without ".pdf". */
const sentKind: PathParam<string> = {
  doc: { ...kindDoc, schema: { type: 'string', pattern: '^(acknowledgement|resolution|T[0-9]{1,6})$' } },
  parse(raw) {
    const { kind, pdfByPath } = letterKind.parse(raw);
    if (pdfByPath) throw problems.notFound('No such route.');
    return kind;
  },
};

/** The case, when the caller may read its letters (the customer's personal data). */
async function caseFor(ctx: AppContext, principal: Principal, id: string) {
  const view = await ctx.cases.view(id);
  if (!seesFullCase(principal, view.owner.id))
    throw problems.forbidden('This case belongs to another owner; its letters are for its owner.');
  return view;
}

const who = {
  '401': problem('No or bad API key.'),
  '403': problem('Not the case’s owner or a supervisor.'),
};

export const letterRoutes: Route[] = [
  route({
    method: 'get',
    path: '/complaints/:id/letters/:kind',
    roles: ['agent', 'supervisor'],
    what: 'Letters',
    roleCheck: 'after-input',
    tags: ['letters'],
    summary: 'A formal letter, printable (A4 HTML) or as PDF',
    description:
      'The acknowledgement or the resolution letter in the customer’s language and direction, with the letterhead and the owner’s name. The owner or a supervisor. The PDF is printed by the system’s Chromium.',
    // The letter first: one that does not exist is a 404 whatever the id.
    params: { kind: letterKind, id: complaintId },
    responses: {
      '200': {
        description: 'The letter.',
        content: {
          'text/html': { schema: { type: 'string' } },
          'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
        },
      },
      ...who,
      '404': problem('No such case or letter.'),
      '409': problem('The letter cannot be written yet (no resolution for the resolution letter).'),
      '429': problem('Too many requests with this key.'),
      '503': problem('No PDF engine (the reason says why), or Temporal is not reachable.'),
      '504': temporalErrors['504'],
    },
    async handler({ ctx, req, res, principal, params }) {
      const { id } = params;
      const { kind, pdfByPath } = params.kind;
      const view = await caseFor(ctx, principal, id);
      const pdf = pdfByPath || req.accepts(['text/html', 'application/pdf']) === 'application/pdf';
      const page = renderLetterPage(view, kind, {
        letterhead: ctx.letters.letterhead,
        pdfHref: `/complaints/${id}/letters/${kind}.pdf`,
        statusUrl: statusUrl(ctx.publicBaseUrl, ctx.links.sign(id)),
        surveyUrl: surveyUrl(ctx.publicBaseUrl, ctx.links.sign(id, undefined, undefined, 'survey')),
      });
      if (!page.ok)
        throw new ApiProblem(409, 'letter-not-ready', 'The letter cannot be written yet', page.reason);
      res.setHeader('Cache-Control', 'no-store');
      // Inline styles only; nothing loads, nothing runs.
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      if (!pdf) return void res.type('html').send(page.html);
      let bytes: Buffer;
      try {
        bytes = await ctx.letters.pdf.render(page.html);
      } catch (err) {
        if (err instanceof PdfUnavailable) throw problems.unavailable(`${err.message}`);
        ctx.log('printing a letter to PDF failed', err);
        throw problems.unavailable(
          'The PDF could not be made right now; the printable page works meanwhile.',
        );
      }
      res
        .type('application/pdf')
        .setHeader('Content-Disposition', `attachment; filename="${view.reference}-${kind}.pdf"`);
      res.send(bytes);
    },
  }),

  route({
    method: 'post',
    path: '/complaints/:id/letters/:kind/sent',
    roles: ['agent', 'supervisor'],
    what: 'Letters',
    roleCheck: 'after-input',
    tags: ['letters'],
    summary: 'Mark a formal letter sent',
    description:
      'Completes the case’s open write task(s) for the letter (the task-completion action). The body may be omitted.',
    // The kind first: a ".pdf" ending is no route (404) before the id is looked at.
    params: { kind: sentKind, id: complaintId },
    body: { schema: letterSentRequestSchema, what: 'letter-sent request', required: false },
    responses: {
      '200': jsonResponse('The updated case.', caseResponseSchema),
      '400': problem('Invalid input.'),
      ...who,
      '404': problem('No such case, or it has no task for this letter.'),
      '409': problem('The letter was already marked sent, or the case is closed.'),
      '413': problem('Body too large.'),
      '415': problem('The body is not JSON.'),
      '422': problem('The case rejected the completion.'),
      '429': problem('Too many requests with this key.'),
      ...temporalErrors,
    },
    async handler({ ctx, res, principal, params: { id, kind }, body }) {
      const view = await caseFor(ctx, principal, id);
      const after = await markLetterSent(ctx, principal, id, view, kind, body.note);
      res.setHeader('Cache-Control', 'no-store');
      res.json(
        caseResponse(after, principal, {
          customerStatusPage: statusUrl(ctx.publicBaseUrl, ctx.links.sign(id)),
        }),
      );
    },
  }),
];
