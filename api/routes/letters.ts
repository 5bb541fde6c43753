// The printable formal letters of a case, for staff: GET /complaints/:id/letters/:kind answers the
// A4 page (text/html), or its PDF with "Accept: application/pdf" or a ".pdf" ending; POST
// /complaints/:id/letters/:kind/sent records that the letter went out by completing the case's open
// write task(s) for it (the task-completion action). Who may: supervisors and the case's owner (the
// letter is the customer's personal data). The console serves the same letters behind its own
// sign-in (api/console/routes.ts), with markLetterSent and the same PDF engine.
import express, { type Request, type Response } from 'express';
import { strictRouter } from '../edge';
import type { CaseView } from '../../domain/case';
import { isTaskLetter, letterKinds, letterOfTask } from '../../domain/letters';
import { statusUrl, surveyUrl } from '../../infra/links';
import { requireRole } from '../auth';
import { caseResponse, seesFullCase } from '../case-response';
import type { AppContext } from '../context';
import type { Principal } from '../keys';
import { defaultLetterhead, renderLetterPage, type Letterhead } from '../letters/render';
import { chromiumPdfEngine, PdfUnavailable, type PdfEngine } from '../letters/pdf';
import { ApiProblem, parseOrThrow, problems } from '../problems';
import { letterSentRequestSchema } from '../schemas';
import { complaintIdParam } from '../http/params';
import { requireJsonBody } from '../http/route';

export interface LetterSettings {
  letterhead: Letterhead;
  /** Prints the PDFs; default: the system's Chromium, started on first use. */
  pdf: PdfEngine;
}

/** The letter named in the path: acknowledgement, resolution, or a write task's own letter ("T3"). */
function letterKind(req: Request): { kind: string; pdfByPath: boolean } {
  const raw = String(req.params.kind);
  const pdfByPath = raw.endsWith('.pdf');
  const name = pdfByPath ? raw.slice(0, -4) : raw;
  const kind = letterKinds.find((k) => k === name) ?? (isTaskLetter(name) ? name : undefined);
  if (!kind)
    throw problems.notFound(
      `No letter "${raw.slice(0, 40)}"; letters are ${letterKinds.join(' and ')}, or a letter task's id (T3).`,
    );
  return { kind, pdfByPath };
}

/**
 * The letter went out: completes the case's open write task(s) for it (the task-completion action),
 * each once however often this is retried. 404 when the case has no task for the letter, 409 when
 * every one is already closed. Used by the API and the console.
 */
export async function markLetterSent(
  ctx: AppContext,
  principal: Principal,
  id: string,
  view: CaseView,
  kind: string,
  note?: string,
): Promise<CaseView> {
  const forLetter = view.tasks.filter((t) => letterOfTask(t) === kind);
  const open = forLetter.filter((t) => !t.closedAt && !t.doneAt);
  if (!forLetter.length) throw problems.notFound(`The case has no task to send the ${kind} letter.`);
  if (!open.length) throw problems.taskClosed(`The ${kind} letter was already marked sent.`);
  let after = view;
  for (const task of open) {
    after = await ctx.cases.act(
      id,
      'task-completion',
      // (The case ends the task's line with a full stop itself.)
      { taskId: task.id, note: note ?? `The ${kind} letter was sent`, by: principal.subject },
      // A retried request completes each task once.
      `letter-sent:${id}:${task.id}`,
    );
  }
  return after;
}

/** The settings with their defaults (one PDF engine per app: the API's routes and the console share it). */
export function letterSettings(options: Partial<LetterSettings> = {}): LetterSettings {
  return {
    letterhead: options.letterhead ?? defaultLetterhead,
    pdf: options.pdf ?? chromiumPdfEngine(),
  };
}

export function letterRoutes(ctx: AppContext, options: Partial<LetterSettings> = {}): express.Router {
  const settings = letterSettings(options);
  const router = strictRouter();
  const json = express.json({ limit: ctx.limits.jsonBody, strict: true });

  async function caseFor(req: Request) {
    const principal = requireRole(req, ['agent', 'supervisor'], 'Letters');
    const id = complaintIdParam(req);
    const view = await ctx.cases.view(id);
    if (!seesFullCase(principal, view.owner.id))
      throw problems.forbidden('This case belongs to another owner; its letters are for its owner.');
    return { principal, id, view };
  }

  router.get('/complaints/:id/letters/:kind', async (req: Request, res: Response) => {
    const { kind, pdfByPath } = letterKind(req);
    const { id, view } = await caseFor(req);
    const pdf = pdfByPath || req.accepts(['text/html', 'application/pdf']) === 'application/pdf';
    const page = renderLetterPage(view, kind, {
      letterhead: settings.letterhead,
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
      bytes = await settings.pdf.render(page.html);
    } catch (err) {
      if (err instanceof PdfUnavailable) throw problems.unavailable(`${err.message}`);
      ctx.log('printing a letter to PDF failed', err);
      throw problems.unavailable('The PDF could not be made right now; the printable page works meanwhile.');
    }
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `attachment; filename="${view.reference}-${kind}.pdf"`);
    res.send(bytes);
  });

  router.post('/complaints/:id/letters/:kind/sent', json, async (req: Request, res: Response) => {
    const { kind, pdfByPath } = letterKind(req);
    if (pdfByPath) throw problems.notFound('No such route.');
    // No body at all is "sent" without a note.
    const empty = req.get('content-length') === '0' && !req.get('content-type');
    if (!empty) requireJsonBody(req);
    const body = parseOrThrow(letterSentRequestSchema, req.body ?? {}, 'letter-sent request');
    const { principal, id, view } = await caseFor(req);
    const after = await markLetterSent(ctx, principal, id, view, kind, body.note);
    res.setHeader('Cache-Control', 'no-store');
    res.json(
      caseResponse(after, principal, {
        customerStatusPage: statusUrl(ctx.publicBaseUrl, ctx.links.sign(id)),
      }),
    );
  });

  return router;
}
