// The staff console at /console: server-rendered pages over the same case store and the same action
// code path as the JSON API. Sign-in with the person's API key gives a server-side session; every
// form carries the session's CSRF token; nothing but the sign-in page answers without a session.
import express, { type NextFunction, type Request, type Response } from 'express';
import { strictRouter } from '../edge';
import { stages, type CaseView } from '../../domain/case';
import { defaultTimeZone } from '../../domain/locale-defaults';
import { priorities } from '../../domain/types';
import { complaintTypesClause, complaintWorkflowId } from '../../workflows/definitions';
import { staffRateLimit } from '../auth';
import { actionsFor, seesFullCase } from '../case-response';
import { visibilityValue } from '../cases';
import type { AppContext } from '../context';
import { authenticate, type Principal } from '../keys';
import { ApiProblem, problems } from '../problems';
import { clientKey, TokenBuckets } from '../rate-limit';
import { staffActions, snapshotOrThrow } from '../routes/complaints';
import { complaintIdSchema, referenceSchema, routedActions, type RoutedAction } from '../schemas';
import { consoleCss, consoleJs, cssPath, jsPath } from './assets';
import { formToBody, formValues, type FormValues } from './forms';
import { fromAcceptLanguage, isConsoleLanguage, translator, type ConsoleLanguage } from './i18n';
import {
  badges,
  filterQueue,
  queueCounts,
  sortQueue,
  stuckReason,
  type Badge,
  type QueueItem,
} from './queue';
import {
  clearCookie,
  defaultSessionLimits,
  randomToken,
  readCookie,
  SESSION_COOKIE,
  SessionStore,
  setCookie,
  SIGN_IN_COOKIE,
  tokensEqual,
  type Session,
  type SessionLimits,
} from './session';
import { isTimeZone } from './time';
import * as pages from './views';

export interface ConsoleOptions {
  /** The Temporal Web UI, for operators' links to a case's workflow (e.g. http://localhost:8233). */
  temporalUiUrl?: string;
  sessions?: Partial<SessionLimits>;
  /** Sign-in attempts per client address per minute (each attempt counts, right or wrong). */
  signInPerMinute?: number;
  /** "Due soon" in the queue: the next deadline within this many hours. */
  dueSoonHours?: number;
  /** A running case whose next deadline passed this long ago is stuck. */
  stuckAfterMinutes?: number;
  /** At most this many open cases are read for a queue (the visibility store is paged through). */
  maxQueue?: number;
  /** E-mail and subject search reads at most this many cases. */
  maxSearch?: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    consoleSession?: Session;
  }
}

const CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function consoleRoutes(
  ctx: AppContext,
  options: ConsoleOptions = {},
  staffBuckets?: TokenBuckets,
): express.Router {
  const router = strictRouter();
  const sessions = new SessionStore({ ...defaultSessionLimits, ...options.sessions });
  const signIns = new TokenBuckets({
    burst: options.signInPerMinute ?? 10,
    perMinute: options.signInPerMinute ?? 10,
  });
  const dueSoonMs = (options.dueSoonHours ?? 4) * 3600_000;
  const graceMs = (options.stuckAfterMinutes ?? 15) * 60_000;
  const maxQueue = options.maxQueue ?? 5000;
  const maxSearch = options.maxSearch ?? 300;
  const staff = staffActions(ctx);
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 });

  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const asset = (body: string, type: string) => (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type(type).send(body);
  };
  router.get(cssPath.slice('/console'.length), asset(consoleCss, 'text/css'));
  router.get(jsPath.slice('/console'.length), asset(consoleJs, 'text/javascript'));

  // ---- who is looking, in which language and zone

  function personZone(principal: Principal | undefined): string {
    let roster;
    try {
      roster = snapshotOrThrow(ctx).roster;
    } catch {
      return 'UTC';
    }
    const owner = principal && roster.owners.find((o) => o.id === principal.subject);
    return owner?.languages[0] ? defaultTimeZone(owner.languages[0]) : 'Europe/Warsaw';
  }

  function viewer(req: Request, session?: Session): pages.Viewer {
    const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
    const language: ConsoleLanguage =
      session?.language ??
      (isConsoleLanguage(asked) ? asked : undefined) ??
      fromAcceptLanguage(req.get('accept-language')) ??
      'en';
    return {
      t: translator(language),
      language,
      zone: session?.timeZone ?? personZone(session?.principal),
      now: Date.now(),
      principal: session?.principal,
      csrf: session?.csrf,
      path: req.originalUrl.split('#')[0].slice(0, 500),
    };
  }

  const send = (res: Response, status: number, html: string) => res.status(status).type('html').send(html);

  // ---- sign-in and sign-out

  router.get('/sign-in', (req, res) => {
    const token = randomToken();
    setCookie(req, res, SIGN_IN_COOKIE, token, 3600);
    const v = viewer(req);
    const note = req.query.ended ? v.t('sessionEnded') : req.query.out ? v.t('signedOut') : undefined;
    send(res, 200, pages.signInPage(v, token, undefined, note));
  });

  router.post('/sign-in', form, (req, res) => {
    const v = viewer(req);
    const retry = (status: number, message: string) => {
      const token = randomToken();
      setCookie(req, res, SIGN_IN_COOKIE, token, 3600);
      send(res, status, pages.signInPage(v, token, message));
    };
    const wait = signIns.take(`console-sign-in:${clientKey(req)}`);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      return retry(429, v.t('tooMany', { seconds: wait }));
    }
    const values = formValues(req.body);
    // No session yet: the sign-in form's own token must match its cookie (login CSRF).
    if (!tokensEqual(values._signin, readCookie(req, SIGN_IN_COOKIE)))
      return retry(403, v.t('signInExpired'));
    const key = (values.key ?? '').trim();
    const principal = /^[\x21-\x7e]{8,512}$/.test(key) ? authenticate(ctx.keys(), key) : undefined;
    if (!principal) return retry(401, v.t('badKey'));
    const language = isConsoleLanguage(req.query.lang) ? req.query.lang : undefined;
    const id = sessions.create(principal, language ? { language } : {});
    clearCookie(req, res, SIGN_IN_COOKIE);
    setCookie(req, res, SESSION_COOKIE, id);
    res.redirect(303, '/console');
  });

  // ---- everything below needs a session

  router.use((req: Request, res: Response, next: NextFunction) => {
    const session = sessions.get(readCookie(req, SESSION_COOKIE));
    // A revoked key ends its sessions at the next request.
    const live = session && ctx.keys().some((r) => r.hash.slice(0, 16) === session.principal.keyId);
    if (!session || !live) {
      if (session) sessions.destroy(readCookie(req, SESSION_COOKIE));
      if (req.method === 'GET' || req.method === 'HEAD')
        return res.redirect(303, `/console/sign-in${readCookie(req, SESSION_COOKIE) ? '?ended=1' : ''}`);
      const v = viewer(req);
      return send(res, 401, pages.messagePage(v, v.t('signInTitle'), v.t('sessionEnded')));
    }
    req.consoleSession = session;
    req.principal = session.principal;
    next();
  });
  if (staffBuckets) router.use(staffRateLimit(staffBuckets));

  /** Every POST below carries the session's CSRF token. */
  function csrf(req: Request, res: Response, next: NextFunction): void {
    const session = req.consoleSession!;
    if (!tokensEqual(formValues(req.body)._csrf, session.csrf)) {
      const v = viewer(req, session);
      send(
        res,
        403,
        pages.messagePage(
          v,
          v.t('forbidden'),
          'The form is out of date or did not come from this console (CSRF token). Reload the page and try again.',
        ),
      );
      return;
    }
    next();
  }

  router.post('/sign-out', form, csrf, (req, res) => {
    sessions.destroy(readCookie(req, SESSION_COOKIE));
    clearCookie(req, res, SESSION_COOKIE);
    res.redirect(303, '/console/sign-in?out=1');
  });

  router.post('/preferences', form, csrf, (req, res) => {
    const session = req.consoleSession!;
    const values = formValues(req.body);
    if (isConsoleLanguage(values.language)) session.language = values.language;
    if (isTimeZone(values.timeZone)) session.timeZone = values.timeZone;
    const back = values.return ?? '';
    res.redirect(303, /^\/console(\/[A-Za-z0-9/_?=&.%-]*)?$/.test(back) ? back : '/console');
  });

  router.get('/', (req, res) => {
    res.redirect(303, req.principal!.role === 'operator' ? '/console/ops' : '/console/queue');
  });

  router.get('/help', (req, res) => send(res, 200, pages.helpPage(viewer(req, req.consoleSession))));

  // ---- queues

  /** Every open case matching the clause, paged through the visibility store (up to maxQueue). */
  async function openCases(clause?: string): Promise<{ items: QueueItem[]; truncated: boolean }> {
    const query = [complaintTypesClause, "ExecutionStatus = 'Running'", ...(clause ? [clause] : [])].join(
      ' AND ',
    );
    const items: QueueItem[] = [];
    let token: string | undefined;
    do {
      const page = await ctx.cases.list(query, Math.min(1000, maxQueue), token);
      items.push(...page.items);
      token = page.nextPageToken;
    } while (token && items.length < maxQueue);
    return { items: items.slice(0, maxQueue), truncated: !!token };
  }

  /** The owners a supervisor's team holds (through their team leads); everyone when the roster names none. */
  function teamOf(principal: Principal): { id: string; name: string }[] {
    const roster = snapshotOrThrow(ctx).roster;
    const leads = new Set(
      roster.teamLeads.filter((l) => l.supervisor === principal.subject).map((l) => l.id),
    );
    const team = roster.owners.filter((o) => leads.has(o.teamLead));
    return (team.length ? team : roster.owners).map((o) => ({ id: o.id, name: o.name }));
  }

  async function queueFor(
    principal: Principal,
  ): Promise<{ items: QueueItem[]; truncated: boolean; team?: { id: string; name: string }[] }> {
    if (principal.role === 'agent')
      return openCases(`ComplaintOwner = ${visibilityValue(principal.subject)}`);
    const team = teamOf(principal);
    const ids = new Set(team.map((o) => o.id));
    const all = await openCases();
    // Cases still being assigned have no owner yet: the team's supervisor sees them too.
    return { ...all, items: all.items.filter((i) => !i.owner || ids.has(i.owner)), team };
  }

  router.get('/queue', async (req, res) => {
    const session = req.consoleSession!;
    const principal = session.principal;
    if (principal.role === 'operator') return res.redirect(303, '/console/ops');
    const v = viewer(req, session);
    const q = req.query;
    const pick = (name: string, allowed: readonly string[]) => {
      const value = q[name];
      return typeof value === 'string' && allowed.includes(value) ? value : undefined;
    };
    const { items, truncated, team } = await queueFor(principal);
    const snapshot = snapshotOrThrow(ctx);
    const categories = [...new Set(snapshot.policy.categories.map((c) => c.id))];
    const filter = {
      stage: pick('stage', stages),
      priority: pick('priority', priorities),
      category: pick('category', categories),
      owner: team
        ? pick(
            'owner',
            team.map((o) => o.id),
          )
        : undefined,
      badge: pick('badge', badges) as Badge | undefined,
    };
    const rules = { now: v.now, dueSoonMs };
    const sorted = sortQueue(items);
    const shown = filterQueue(sorted, filter, rules);
    send(
      res,
      200,
      pages.queuePage(v, {
        title: principal.role === 'supervisor' ? v.t('teamTitle') : v.t('queueTitle'),
        items: shown,
        counts: queueCounts(sorted, rules),
        filter,
        rules,
        stages: stages.filter((s) => s !== 'closed'),
        priorities,
        categories,
        owners: team,
        truncated: truncated ? maxQueue : undefined,
      }),
    );
  });

  router.get('/next', async (req, res) => {
    const principal = req.principal!;
    if (principal.role === 'operator') return res.redirect(303, '/console/ops');
    const sorted = sortQueue((await queueFor(principal)).items);
    const after = typeof req.query.after === 'string' ? req.query.after : '';
    const at = sorted.findIndex((i) => i.id === after);
    const next = sorted[at + 1] ?? sorted[0];
    res.redirect(303, next ? `/console/cases/${next.id}` : '/console/queue');
  });

  const webUiLink = (id: string) =>
    options.temporalUiUrl
      ? `${options.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(ctx.namespace)}/workflows/${encodeURIComponent(complaintWorkflowId(id))}`
      : '';

  router.get('/ops', async (req, res) => {
    const session = req.consoleSession!;
    if (session.principal.role === 'agent')
      throw problems.forbidden('The overdue and stuck view is for operators and supervisors.');
    const v = viewer(req, session);
    const { items } = await openCases();
    const sorted = sortQueue(items);
    const overdue: pages.OpsItem[] = [];
    const stuck: pages.OpsItem[] = [];
    for (const i of sorted) {
      const why = stuckReason(i, v.now, graceMs);
      if (why) stuck.push({ ...i, why, webUi: webUiLink(i.id) });
      else if (i.overdue) overdue.push({ ...i, why: 'overdue', webUi: webUiLink(i.id) });
    }
    send(res, 200, pages.opsPage(v, overdue, stuck, Math.round(graceMs / 60_000)));
  });

  router.get('/approvals', async (req, res) => {
    const session = req.consoleSession!;
    if (session.principal.role !== 'supervisor')
      throw problems.forbidden('The approvals inbox is for supervisors.');
    const v = viewer(req, session);
    // A remedy above the caps moves the case to awaiting-approval; an extension beyond the limit is
    // asked in progress and keeps the stage. Only those stages can hold a pending approval, and
    // visibility does not say which do, so those cases' views are read (8 at a time).
    const { items } = await openCases("ComplaintStage IN ('awaiting-approval', 'in-progress')");
    const team = new Set(teamOf(session.principal).map((o) => o.id));
    const candidates = items.filter((i) => !i.owner || team.has(i.owner));
    const views = await mapLimited(candidates, 8, (i) => ctx.cases.view(i.id).catch(() => undefined));
    const approvals: pages.ApprovalItem[] = views
      .filter((c): c is CaseView => !!c?.pendingApproval)
      .map((c) => ({
        id: c.complaintId,
        reference: c.reference,
        owner: c.owner.name,
        kind: c.pendingApproval!.kind,
        summary: c.pendingApproval!.summary,
        requestedAt: c.pendingApproval!.requestedAt,
        stage: c.stage,
      }))
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
    const done = typeof req.query.done === 'string' ? req.query.done : undefined;
    send(
      res,
      200,
      pages.approvalsPage(
        v,
        approvals,
        done ? v.t('done', { action: v.t('action.approval') }) + ` (${done.slice(0, 20)})` : undefined,
        randomToken().slice(0, 16),
      ),
    );
  });

  // ---- search

  router.get('/search', async (req, res) => {
    const session = req.consoleSession!;
    const principal = session.principal;
    const v = viewer(req, session);
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : '';
    const scope = principal.role === 'agent' ? v.t('scopeOwn') : v.t('scopeAll');
    const note = principal.role === 'operator' ? v.t('searchOperator') : v.t('searchScope', { scope });
    if (!q) return send(res, 200, pages.searchPage(v, q, undefined, note));
    const reference = referenceSchema.safeParse(q);
    let results: QueueItem[] = [];
    if (reference.success) {
      const page = await ctx.cases.list(
        `${complaintTypesClause} AND ComplaintReference = ${visibilityValue(reference.data)}`,
        10,
      );
      results = page.items;
    } else if (principal.role !== 'operator') {
      // Personal data is encrypted and kept out of the visibility store, so e-mail and subject are
      // matched on the case views of the cases this person may see (their own, or the latest ones).
      const clause =
        principal.role === 'agent' ? ` AND ComplaintOwner = ${visibilityValue(principal.subject)}` : '';
      const page = await ctx.cases.list(`${complaintTypesClause}${clause}`, maxSearch);
      const needle = q.toLowerCase();
      const byEmail = needle.includes('@');
      const views = await mapLimited(page.items, 8, (i) => ctx.cases.view(i.id, 0).catch(() => undefined));
      results = page.items.filter((_, n) => {
        const c = views[n];
        if (!c) return false;
        return byEmail
          ? (c.customer.email ?? '').toLowerCase() === needle
          : c.subject.toLowerCase().includes(needle);
      });
    }
    send(res, 200, pages.searchPage(v, q, results, note));
  });

  // ---- the case page and its actions

  function caseId(req: Request): string {
    const parsed = complaintIdSchema.safeParse(req.params.complaintId);
    if (!parsed.success)
      throw problems.notFound(`No complaint ${String(req.params.complaintId).slice(0, 80)}.`);
    return parsed.data;
  }

  /** The case for this person: agents open their own cases only (supervisors and operators any). */
  async function caseFor(principal: Principal, id: string): Promise<CaseView> {
    const erased = await ctx.cases.erasure(id);
    if (erased) throw problems.caseErased(erased.erasedAt);
    const view = await ctx.cases.view(id);
    if (principal.role === 'agent' && view.owner.id !== principal.subject)
      throw problems.forbidden('This case belongs to another owner; agents open their own cases only.');
    return view;
  }

  async function renderCase(
    req: Request,
    res: Response,
    id: string,
    status: number,
    formState?: pages.FormState,
  ): Promise<void> {
    const session = req.consoleSession!;
    const principal = session.principal;
    const v = viewer(req, session);
    const view = await caseFor(principal, id);
    const actions = actionsFor(principal, view).filter((a): a is RoutedAction =>
      (routedActions as readonly string[]).includes(a),
    );
    const { roster, policy } = snapshotOrThrow(ctx);
    const done =
      typeof req.query.done === 'string' && /^[a-z-]{1,30}$/.test(req.query.done)
        ? req.query.done
        : undefined;
    send(
      res,
      status,
      pages.casePage(v, {
        view,
        full: seesFullCase(principal, view.owner.id),
        actions,
        canCompleteTasks: actionsFor(principal, view).includes('task-completion'),
        owners: roster.owners.map((o) => ({ id: o.id, name: o.name })),
        // The current policy's lists; the API checks the ids against the case's own policy (422).
        documentationLists: policy.documentation,
        done: formState ? undefined : done,
        form: formState,
        nonce: randomToken().slice(0, 24),
        webUi: principal.role === 'agent' ? undefined : webUiLink(id),
      }),
    );
  }

  router.get('/cases/:complaintId', async (req, res) => {
    await renderCase(req, res, caseId(req), 200);
  });

  /** A form's nonce as the idempotency key: the same form sent twice is one action. */
  const formKey = (values: FormValues) =>
    /^[A-Za-z0-9_-]{8,80}$/.test(values._form ?? '') ? `console-${values._form}` : undefined;

  /** Runs an action; a refusal or bad input shows the case again with the words next to the form. */
  async function perform(
    req: Request,
    res: Response,
    id: string,
    action: RoutedAction | 'task-completion',
    values: FormValues,
    run: () => Promise<unknown>,
    taskId?: string,
  ): Promise<void> {
    try {
      await run();
    } catch (err) {
      if (!(err instanceof ApiProblem) || err.status >= 500 || (err.status === 404 && !taskId)) throw err;
      const errors = err.extra.errors ?? [];
      await renderCase(req, res, id, err.status, { action, taskId, values, message: err.detail, errors });
      return;
    }
    if (values._return === 'approvals')
      return res.redirect(303, `/console/approvals?done=${encodeURIComponent(id)}`);
    res.redirect(303, `/console/cases/${id}?done=${action}`);
  }

  router.post('/cases/:complaintId/actions/:action', form, csrf, async (req, res) => {
    const id = caseId(req);
    const action = String(req.params.action) as RoutedAction;
    if (!(routedActions as readonly string[]).includes(action))
      throw problems.notFound(`No action "${action.slice(0, 40)}".`);
    const session = req.consoleSession!;
    const values = formValues(req.body);
    const body = formToBody(action, values, session.timeZone ?? personZone(session.principal));
    // A call logged from a task's own form shows its errors at that task.
    const taskId = action === 'calls' && /^T\d{1,6}$/.test(values._task ?? '') ? values._task : undefined;
    await perform(
      req,
      res,
      id,
      action,
      values,
      () => staff.run(session.principal, id, action, body, formKey(values)),
      taskId,
    );
  });

  router.post('/cases/:complaintId/tasks/:taskId/completion', form, csrf, async (req, res) => {
    const id = caseId(req);
    const session = req.consoleSession!;
    const values = formValues(req.body);
    const body = values.note?.trim() ? { note: values.note } : {};
    const taskId = String(req.params.taskId).slice(0, 20);
    await perform(
      req,
      res,
      id,
      'task-completion',
      values,
      () => staff.completeTask(session.principal, id, taskId, body, formKey(values)),
      taskId,
    );
  });

  router.use((req, _res, next) => next(problems.notFound(`No console page ${req.path.slice(0, 100)}.`)));

  // Problems as pages in the viewer's language; a Temporal outage is a 503 page, never a stack trace.
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const v = viewer(req, req.consoleSession);
    if (err instanceof ApiProblem) {
      const title =
        err.status === 404 ? v.t('notFound') : err.status === 403 ? v.t('forbidden') : v.t('error');
      const text = err.status === 403 && /another owner/.test(err.detail) ? v.t('notYours') : err.detail;
      if (err.retryAfter !== undefined) res.setHeader('Retry-After', String(err.retryAfter));
      return send(res, err.status, pages.messagePage(v, title, text));
    }
    const status = (err as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return send(
        res,
        status,
        pages.messagePage(v, v.t('error'), 'The form could not be read (too large or malformed).'),
      );
    ctx.log('console page failed', err);
    send(res, 500, pages.messagePage(v, v.t('error'), 'The page could not be shown; nothing was changed.'));
  });

  return router;
}

/** Runs fn over items with at most `limit` at a time (views are Queries: each wakes a workflow). */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
