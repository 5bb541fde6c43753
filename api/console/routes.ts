// The staff console at /console: server-rendered pages. The lists (the queue, the approvals inbox,
// search, the operator's view) are read from the case store's worklist (infra/store/worklist.ts), never
// from Temporal; the case page reads the live case, and every action goes through the same code path
// as the JSON API. Letters and attachments are served here behind the console's sign-in with the
// functions the API uses. Sign-in with the person's API key gives a server-side session; every form
// carries the session's CSRF token; nothing but the sign-in page answers without a session.
import { channelHealth } from '../../infra/store/telegram-cases';
import express, { type NextFunction, type Request, type Response } from 'express';
import { strictRouter } from '../edge';
import { stages, type CaseView } from '../../domain/case';
import { isTaskLetter, letterKinds, letterOfTask } from '../../domain/letters';
import { defaultTimeZone } from '../../domain/locale-defaults';
import { priorities } from '../../domain/types';
import type { AttachmentStore } from '../../infra/attachments';
import { CaseKeyDestroyedError } from '../../infra/codec/case-keys';
import { statusUrl, surveyUrl } from '../../infra/links';
import {
  awaitingApproval,
  blindTokens,
  findByReference,
  findByTokens,
  nextInQueue,
  openBrief,
  operatorLists,
  queryTerms,
  queuePage,
  searchKey,
  worklistBadges,
  type WorklistBadge,
  type WorklistClock,
  type WorklistRow,
  type WorklistScope,
} from '../../infra/store';
import { complaintWorkflowId } from '../../workflows/definitions';
import type { ArchiveDeps } from '../archive';
import { currentKeys, keyIsLive, staffRateLimit } from '../auth';
import { actionsFor, seesFullCase } from '../case-response';
import type { AppContext } from '../context';
import { authenticate, type Principal } from '../keys';
import { PdfUnavailable } from '../letters/pdf';
import { renderLetterPage, letterStyles } from '../letters/render';
import { ApiProblem, problems } from '../problems';
import { clientKey, limiter, type Limiter } from '../rate-limit';
import { staffActions } from '../complaints/staff-actions';
import { snapshotOrThrow } from '../policy-snapshot';
import type { LetterSettings } from '../letters/settings';
import type { ConsoleOptions } from './options';
import { markLetterSent } from '../letters/sent';
import { routedActions, type RoutedAction } from '../complaints/schemas';
import { complaintIdSchema, referenceSchema } from '../schemas';
import { consoleCss, consoleIcon, consoleJs, cssPath, iconPath, jsPath, letterToolbarCss } from './assets';
import * as casePages from './case-page';
import { formToBody, formValues, rejectedFieldErrors, type FormValues } from './forms';
import {
  fromAcceptLanguage,
  isConsoleLanguage,
  translator,
  type ConsoleLanguage,
  type MessageKey,
} from './i18n';
import { stageLabel, withNames } from './labels';
import { classesForStyles } from './letter-styles';
import {
  clearCookie,
  defaultSessionLimits,
  randomToken,
  readCookie,
  SESSION_COOKIE,
  SessionStore,
  setCookie,
  StoreSessions,
  type Sessions,
  SIGN_IN_COOKIE,
  tokensEqual,
  type Session,
} from './session';
import { isTimeZone } from './time';
import * as pages from './views';

/** What the console serves besides pages: the printable letters and the customers' attachments. */
export interface ConsoleServices {
  letters: LetterSettings;
  attachments?: AttachmentStore;
}

declare module 'express-serve-static-core' {
  interface Request {
    consoleSession?: Session;
  }
}

const CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** A refusal worded for the viewer (the page says it in their language). */
class ConsoleRefusal extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
  ) {
    super(key);
  }
}

export function consoleRoutes(
  ctx: AppContext,
  options: ConsoleOptions = {},
  staffBuckets?: Limiter,
  services?: ConsoleServices,
): express.Router {
  const router = strictRouter();
  const limits = { ...defaultSessionLimits, ...options.sessions };
  // In the case store: every API process knows every session (memory only for a store-less app).
  const sessions: Sessions = ctx.store ? new StoreSessions(ctx.store, limits) : new SessionStore(limits);
  // Counted in the case store too: a guesser gets the limit once, not once per API process.
  const signIns = limiter(
    ctx.store,
    'console-sign-in',
    { burst: options.signInPerMinute ?? 10, perMinute: options.signInPerMinute ?? 10 },
    ctx.log,
  );
  /** The store's failures as a 503 page (the console's error handler words it). */
  const storeCall = <T>(work: Promise<T>): Promise<T> =>
    work.catch((err: unknown) => {
      if (err instanceof ApiProblem) throw err;
      ctx.log('console sessions: the case store did not answer', err);
      throw problems.unavailable('Console sessions are kept in the case store, which is not reachable.');
    });
  const dueSoonHours = options.dueSoonHours ?? 4;
  const graceMs = (options.stuckAfterMinutes ?? 15) * 60_000;
  const pageSize = options.pageSize ?? 50;
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
  router.get(iconPath.slice('/console'.length), asset(consoleIcon, 'image/svg+xml'));

  // ---- who is looking, in which language and zone

  function snapshot() {
    try {
      return snapshotOrThrow(ctx);
    } catch {
      return undefined;
    }
  }

  function personZone(principal: Principal | undefined): string {
    const roster = snapshot()?.roster;
    if (!roster) return 'UTC';
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
    const snap = session ? snapshot() : undefined;
    return {
      t: translator(language),
      language,
      zone: session?.timeZone ?? personZone(session?.principal),
      now: Date.now(),
      principal: session?.principal,
      csrf: session?.csrf,
      path: req.originalUrl.split('#')[0].slice(0, 500),
      roster: snap?.roster,
      policy: snap?.policy,
    };
  }

  /**
   * A console page to come back to after signing in: only a path of this console (never another
   * site: no scheme, no "//", no backslash, no ".."), so the sign-in cannot redirect anyone elsewhere.
   */
  const returnPath = (value: unknown): string | undefined =>
    typeof value === 'string' &&
    value.length <= 500 &&
    /^\/console(?:[/?][\x21-\x7e]*)?$/.test(value) &&
    !/\/\/|\\|\.\.|\/console\/sign-in/.test(value)
      ? value
      : undefined;

  const send = (res: Response, status: number, html: string) => res.status(status).type('html').send(html);

  // ---- sign-in and sign-out

  router.get('/sign-in', (req, res) => {
    const token = randomToken();
    setCookie(req, res, SIGN_IN_COOKIE, token, 3600);
    const v = viewer(req);
    const note = req.query.ended ? v.t('sessionEnded') : req.query.out ? v.t('signedOut') : undefined;
    send(res, 200, pages.signInPage(v, token, undefined, note, returnPath(req.query.next)));
  });

  router.post('/sign-in', form, async (req, res) => {
    const v = viewer(req);
    const retry = (status: number, message: string) => {
      const token = randomToken();
      setCookie(req, res, SIGN_IN_COOKIE, token, 3600);
      send(res, status, pages.signInPage(v, token, message, undefined, returnPath(req.query.next)));
    };
    const wait = await signIns.take(`console-sign-in:${clientKey(req)}`);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      return retry(429, v.t('tooMany', { seconds: wait }));
    }
    const values = formValues(req.body);
    // No session yet: the sign-in form's own token must match its cookie (login CSRF).
    if (!tokensEqual(values._signin, readCookie(req, SIGN_IN_COOKIE)))
      return retry(403, v.t('signInExpired'));
    const key = (values.key ?? '').trim();
    const principal = /^[\x21-\x7e]{8,512}$/.test(key)
      ? authenticate(await currentKeys(ctx.keys), key)
      : undefined;
    if (!principal) return retry(401, v.t('badKey'));
    const language = isConsoleLanguage(req.query.lang) ? req.query.lang : undefined;
    const id = await storeCall(sessions.create(principal, language ? { language } : {}));
    clearCookie(req, res, SIGN_IN_COOKIE);
    setCookie(req, res, SESSION_COOKIE, id);
    // Back to the page that asked for the sign-in (a link from an e-mail), else the console's start.
    res.redirect(303, returnPath(req.query.next) ?? '/console');
  });

  // ---- everything below needs a session

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const session = await storeCall(sessions.get(readCookie(req, SESSION_COOKIE)));
    // A revoked key ends its sessions (`npm run keys revoke` deletes them; this catches a key
    // revoked any other way, within the keys' cache of a second).
    const live = session && (await keyIsLive(ctx.keys, session.principal.keyId));
    if (!session || !live) {
      if (session) await storeCall(sessions.destroy(readCookie(req, SESSION_COOKIE)));
      if (req.method === 'GET' || req.method === 'HEAD') {
        const query = new URLSearchParams();
        if (readCookie(req, SESSION_COOKIE)) query.set('ended', '1');
        const back = returnPath(req.originalUrl);
        if (back && back !== '/console') query.set('next', back);
        return res.redirect(303, `/console/sign-in${query.size ? `?${query.toString()}` : ''}`);
      }
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
      send(res, 403, pages.messagePage(v, v.t('forbidden'), v.t('csrfFailed')));
      return;
    }
    next();
  }

  router.post('/sign-out', form, csrf, async (req, res) => {
    await storeCall(sessions.destroy(readCookie(req, SESSION_COOKIE)));
    clearCookie(req, res, SESSION_COOKIE);
    res.redirect(303, '/console/sign-in?out=1');
  });

  router.post('/preferences', form, csrf, async (req, res) => {
    const values = formValues(req.body);
    await storeCall(
      sessions.update(readCookie(req, SESSION_COOKIE), {
        ...(isConsoleLanguage(values.language) ? { language: values.language } : {}),
        ...(isTimeZone(values.timeZone) ? { timeZone: values.timeZone } : {}),
      }),
    );
    const back = values.return ?? '';
    res.redirect(303, /^\/console(\/[A-Za-z0-9/_?=&.%-]*)?$/.test(back) ? back : '/console');
  });

  router.get('/', (req, res) => {
    res.redirect(303, req.principal!.role === 'operator' ? '/console/ops' : '/console/queue');
  });

  router.get('/help', (req, res) => send(res, 200, pages.helpPage(viewer(req, req.consoleSession))));

  // ---- the worklist: read from the case store

  function archive(): ArchiveDeps {
    if (!ctx.archive) throw new ConsoleRefusal(503, 'noStore');
    return ctx.archive;
  }

  const clock = (v: pages.Viewer): WorklistClock => ({ now: v.now, dueSoonMs: dueSoonHours * 3600_000 });

  /** The owners a supervisor's team holds (through their team leads); everyone when the roster names none. */
  function teamOf(principal: Principal): { id: string; name: string }[] {
    const roster = snapshotOrThrow(ctx).roster;
    const leads = new Set(
      roster.teamLeads.filter((l) => l.supervisor === principal.subject).map((l) => l.id),
    );
    const team = roster.owners.filter((o) => leads.has(o.teamLead));
    return (team.length ? team : roster.owners).map((o) => ({ id: o.id, name: o.name }));
  }

  /** Whose open cases this person's queue holds. */
  function scopeOf(principal: Principal): { scope: WorklistScope; team?: { id: string; name: string }[] } {
    if (principal.role === 'agent') return { scope: { owners: [principal.subject] } };
    const team = teamOf(principal);
    return { scope: { owners: team.map((o) => o.id) }, team };
  }

  /** The customer's brief opened for the rows this person may see it on (and only those). */
  async function withCustomers(principal: Principal, rows: WorklistRow[]): Promise<pages.ListRow[]> {
    const { codec } = archive();
    return Promise.all(
      rows.map(async (r) =>
        seesFullCase(principal, r.ownerId) ? { ...r, customer: await openBrief(codec, r) } : r,
      ),
    );
  }

  const pick = (req: Request, name: string, allowed: readonly string[]) => {
    const value = req.query[name];
    return typeof value === 'string' && allowed.includes(value) ? value : undefined;
  };

  router.get('/queue', async (req, res) => {
    const session = req.consoleSession!;
    const principal = session.principal;
    if (principal.role === 'operator') return res.redirect(303, '/console/ops');
    const v = viewer(req, session);
    const { store } = archive();
    const { scope, team } = scopeOf(principal);
    const categories = [...new Set(snapshotOrThrow(ctx).policy.categories.map((c) => c.id))];
    const filter = {
      stage: pick(req, 'stage', stages),
      priority: pick(req, 'priority', priorities),
      category: pick(req, 'category', categories),
      owner: team
        ? pick(
            req,
            'owner',
            team.map((o) => o.id),
          )
        : undefined,
      badge: pick(req, 'badge', worklistBadges) as WorklistBadge | undefined,
    };
    const asked = Number(typeof req.query.page === 'string' ? req.query.page : 1);
    const page = Number.isSafeInteger(asked) && asked >= 1 && asked <= 100_000 ? asked : 1;
    const result = await queuePage(
      store,
      scope,
      filter,
      { size: pageSize, offset: (page - 1) * pageSize },
      clock(v),
    );
    send(
      res,
      200,
      pages.queuePage(v, {
        title: principal.role === 'supervisor' ? v.t('teamTitle') : v.t('queueTitle'),
        rows: await withCustomers(principal, result.rows),
        counts: result.counts,
        matching: result.matching,
        page,
        pageSize,
        filter,
        dueSoonHours,
        stages: stages.filter((s) => s !== 'closed'),
        priorities,
        categories,
        owners: team,
        showsCustomers: true,
      }),
    );
  });

  router.get('/next', async (req, res) => {
    const principal = req.principal!;
    if (principal.role === 'operator') return res.redirect(303, '/console/ops');
    const v = viewer(req, req.consoleSession);
    const after = typeof req.query.after === 'string' ? req.query.after.slice(0, 100) : '';
    const next = await nextInQueue(archive().store, scopeOf(principal).scope, after, clock(v));
    res.redirect(303, next ? `/console/cases/${encodeURIComponent(next)}` : '/console/queue');
  });

  const webUiLink = (id: string) =>
    options.temporalUiUrl
      ? `${options.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(ctx.namespace)}/workflows/${encodeURIComponent(complaintWorkflowId(id))}`
      : '';

  router.get('/ops', async (req, res) => {
    const session = req.consoleSession!;
    if (session.principal.role === 'agent') throw new ConsoleRefusal(403, 'opsForbidden');
    const v = viewer(req, session);
    // Operators see no personal data: the rows' briefs are never opened here.
    const lists = await operatorLists(archive().store, clock(v), graceMs);
    const channels = await channelHealth(archive().store).catch(() => undefined);
    send(
      res,
      200,
      pages.opsPage(v, {
        ...lists,
        graceMinutes: Math.round(graceMs / 60_000),
        webUi: webUiLink,
        ...(channels ? { channels } : {}),
      }),
    );
  });

  router.get('/approvals', async (req, res) => {
    const session = req.consoleSession!;
    if (session.principal.role !== 'supervisor') throw new ConsoleRefusal(403, 'approvalsForbidden');
    const v = viewer(req, session);
    const { rows, count } = await awaitingApproval(
      archive().store,
      scopeOf(session.principal).scope,
      clock(v),
    );
    const done = typeof req.query.done === 'string' ? referenceSchema.safeParse(req.query.done) : undefined;
    send(
      res,
      200,
      pages.approvalsPage(
        v,
        await withCustomers(session.principal, rows),
        done?.success
          ? v.t('approvedNotice', { action: v.t('action.approval'), reference: done.data })
          : undefined,
        randomToken().slice(0, 16),
        count,
      ),
    );
  });

  // ---- search: a reference finds any case; names, e-mails, phones and subject words go through
  // the blind index (agents: their own cases; supervisors: all; operators: references only)

  router.get('/search', async (req, res) => {
    const session = req.consoleSession!;
    const principal = session.principal;
    const v = viewer(req, session);
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : '';
    const scopeNote =
      principal.role === 'operator'
        ? v.t('searchOperator')
        : v.t('searchScope', { scope: principal.role === 'agent' ? v.t('scopeOwn') : v.t('scopeAll') });
    if (!q) return send(res, 200, pages.searchPage(v, q, undefined, scopeNote));
    const { store, codec } = archive();
    const reference = referenceSchema.safeParse(q);
    let rows: WorklistRow[] = [];
    if (reference.success) rows = await findByReference(store, reference.data, clock(v));
    else if (principal.role !== 'operator') {
      const tokens = blindTokens(await searchKey(codec), queryTerms(q).terms);
      const scope = principal.role === 'agent' ? { owners: [principal.subject] } : {};
      rows = await findByTokens(store, tokens, scope, clock(v));
    }
    send(res, 200, pages.searchPage(v, q, await withCustomers(principal, rows), scopeNote));
  });

  // ---- the case page and its actions: the live case

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

  /** The case, for its letters and attachments: the customer's personal data (owner, supervisors). */
  async function personalCaseFor(principal: Principal, id: string): Promise<CaseView> {
    if (principal.role === 'operator') throw new ConsoleRefusal(403, 'attachmentsForbidden');
    const view = await caseFor(principal, id);
    if (!seesFullCase(principal, view.owner.id)) throw new ConsoleRefusal(403, 'attachmentsForbidden');
    return view;
  }

  async function renderCase(
    req: Request,
    res: Response,
    id: string,
    status: number,
    formState?: casePages.FormState,
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
      casePages.casePage(v, {
        view,
        full: seesFullCase(principal, view.owner.id),
        actions,
        canCompleteTasks: actionsFor(principal, view).includes('task-completion'),
        owners: roster.owners.map((o) => ({ id: o.id, name: o.name })),
        // The current policy's lists, in the viewer's language; the API checks the ids against the
        // case's own policy (422).
        documentationLists: casePages.documentationChoices(policy.documentation, v.language),
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

  /** A refusal or bad input in the staff member's words (never the schema's or the engine's sentence). */
  function formProblem(v: pages.Viewer, err: ApiProblem): { message: string; refused: boolean } {
    const { t } = v;
    switch (err.slug) {
      case 'invalid-request':
        return { message: t('fixErrors'), refused: false };
      case 'action-not-allowed':
        return { message: t('errStage', { stage: stageLabel(t, err.extra.stage) }), refused: true };
      case 'case-closed':
        return { message: t('errClosed'), refused: true };
      case 'task-closed':
        return { message: t('errTaskClosed'), refused: true };
      case 'not-found':
        return { message: t('errNoTask'), refused: true };
      case 'case-starting':
        return { message: t('errStarting'), refused: true };
      default:
        // The case's own reason (422): its words, with people named.
        return { message: withNames(v.roster, err.detail), refused: true };
    }
  }

  /** Runs an action; a refusal or bad input shows the case again with the words next to the form. */
  async function perform(
    req: Request,
    res: Response,
    id: string,
    action: casePages.FormState['action'],
    values: FormValues,
    run: () => Promise<CaseView>,
    taskId?: string,
  ): Promise<void> {
    let after: CaseView;
    try {
      after = await run();
    } catch (err) {
      if (!(err instanceof ApiProblem) || err.status >= 500 || (err.status === 404 && !taskId)) throw err;
      if (err.status === 403) throw err;
      const v = viewer(req, req.consoleSession);
      // The case's refusal of one field's value is that field's error, in the staff member's words.
      const atField =
        err.slug === 'action-rejected' && !taskId ? rejectedFieldErrors(action, err.detail) : [];
      const errors = [...(err.extra.errors ?? []), ...atField];
      const problem = atField.length ? { message: v.t('fixErrors'), refused: false } : formProblem(v, err);
      await renderCase(req, res, id, err.status, { action, taskId, values, errors, ...problem });
      return;
    }
    if (values._return === 'approvals')
      return res.redirect(303, `/console/approvals?done=${encodeURIComponent(after.reference)}`);
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

  // ---- letters: the printable page (the console's CSP: its styles come from a file), its
  // stylesheet, its PDF, and marking it sent (which completes its task)

  /** The letter in the path: acknowledgement, resolution, or a write task's own letter ("T3"). */
  function letterKind(req: Request): { kind: string; pdf: boolean } {
    const raw = String(req.params.kind);
    const pdf = raw.endsWith('.pdf');
    const name = pdf ? raw.slice(0, -4) : raw;
    const kind = letterKinds.find((k) => k === name) ?? (isTaskLetter(name) ? name : undefined);
    if (!kind) throw problems.notFound(`No letter "${raw.slice(0, 40)}".`);
    return { kind, pdf };
  }

  function letterPage(id: string, view: CaseView, kind: string, toolbarHtml?: string) {
    const page = renderLetterPage(view, kind, {
      letterhead: services?.letters.letterhead,
      statusUrl: statusUrl(ctx.publicBaseUrl, ctx.links.sign(id)),
      surveyUrl: surveyUrl(ctx.publicBaseUrl, ctx.links.sign(id, undefined, undefined, 'survey')),
      ...(toolbarHtml !== undefined
        ? {
            stylesheetHref: `/console/cases/${id}/letters/${kind}/letter.css`,
            headHtml: `<link rel="icon" href="${iconPath}" type="image/svg+xml"><script src="${jsPath}" defer></script>`,
            toolbarHtml,
          }
        : {}),
    });
    if (!page.ok) throw new ConsoleRefusal(409, 'letterNotReady');
    return page;
  }

  router.get('/cases/:complaintId/letters/:kind', async (req, res) => {
    const id = caseId(req);
    const { kind, pdf } = letterKind(req);
    const session = req.consoleSession!;
    const view = await personalCaseFor(session.principal, id);
    if (pdf) {
      if (!services) throw problems.unavailable('Letters are not configured on this console.');
      const page = letterPage(id, view, kind);
      let bytes: Buffer;
      try {
        bytes = await services.letters.pdf.render(page.html);
      } catch (err) {
        // The reason (no Chromium, or it failed) goes to the log; the page says what still works.
        ctx.log('printing a letter to PDF failed', err instanceof PdfUnavailable ? err.message : err);
        throw new ConsoleRefusal(503, 'pdfUnavailable');
      }
      // A task's own letter is named by what it is for (its purpose), not by the task's id.
      const name = view.tasks.find((t) => t.id === kind)?.purpose ?? kind;
      res.setHeader('Content-Disposition', `attachment; filename="${view.reference}-${name}.pdf"`);
      return void res.type('application/pdf').send(bytes);
    }
    const v = viewer(req, session);
    const open = view.tasks.some((t) => !t.closedAt && !t.doneAt && letterOfTask(t) === kind);
    const canMarkSent = open && actionsFor(session.principal, view).includes('task-completion');
    const toolbar = casePages.letterToolbar(v, id, kind, { canMarkSent, nonce: randomToken().slice(0, 24) });
    send(res, 200, classesForStyles(letterPage(id, view, kind, toolbar).html).html);
  });

  router.get('/cases/:complaintId/letters/:kind/letter.css', async (req, res) => {
    const id = caseId(req);
    const { kind, pdf } = letterKind(req);
    if (pdf) throw problems.notFound('No such stylesheet.');
    const view = await personalCaseFor(req.consoleSession!.principal, id);
    const { css } = classesForStyles(letterPage(id, view, kind, '').html);
    res.type('text/css').send(`${letterStyles}\n${letterToolbarCss}\n${css}\n`);
  });

  router.post('/cases/:complaintId/letters/:kind/sent', form, csrf, async (req, res) => {
    const id = caseId(req);
    const { kind, pdf } = letterKind(req);
    if (pdf) throw problems.notFound('No such form.');
    const session = req.consoleSession!;
    const values = formValues(req.body);
    const taskId = /^T\d{1,6}$/.test(values._task ?? '') ? values._task : undefined;
    await perform(
      req,
      res,
      id,
      'letter-sent',
      values,
      async () =>
        markLetterSent(ctx, session.principal, id, await personalCaseFor(session.principal, id), kind),
      taskId,
    );
  });

  // ---- attachments: served as downloads, never rendered in our origin

  router.get('/cases/:complaintId/attachments/:attachmentId', async (req, res) => {
    const id = caseId(req);
    await personalCaseFor(req.consoleSession!.principal, id);
    const store = services?.attachments;
    if (!store) throw problems.unavailable('Attachments are not configured on this API.');
    const file = await store
      .get(complaintWorkflowId(id), String(req.params.attachmentId))
      .catch((err: unknown) => {
        if (err instanceof CaseKeyDestroyedError)
          throw problems.caseErased(err.destroyedAt ?? 'an earlier date');
        throw err;
      });
    if (!file) throw new ConsoleRefusal(404, 'noAttachment');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${file.meta.id}"; filename*=UTF-8''${encodeURIComponent(file.meta.name)}`,
    );
    res.type(file.meta.type).send(file.data);
  });

  router.use((req, _res, next) => next(problems.notFound(`No console page ${req.path.slice(0, 100)}.`)));

  // Problems as pages in the viewer's language; a Temporal outage is a 503 page, never a stack trace.
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const v = viewer(req, req.consoleSession);
    if (err instanceof ConsoleRefusal) {
      const title =
        err.status === 403 ? v.t('forbidden') : err.status === 404 ? v.t('notFound') : v.t('error');
      return send(res, err.status, pages.messagePage(v, title, v.t(err.key)));
    }
    if (err instanceof ApiProblem) {
      const title =
        err.status === 404 ? v.t('notFound') : err.status === 403 ? v.t('forbidden') : v.t('error');
      // The problem in the viewer's words where there is one; else its own sentence.
      const words: Partial<Record<string, MessageKey>> = {
        'not-found': 'notFoundText',
        'case-erased': 'erasedText',
        'case-starting': 'errStarting',
        unavailable: 'unavailableText',
        timeout: 'unavailableText',
      };
      const key = words[err.slug];
      const text =
        err.status === 403 && /another owner/.test(err.detail)
          ? v.t('notYours')
          : key
            ? v.t(key)
            : withNames(v.roster, err.detail);
      if (err.retryAfter !== undefined) res.setHeader('Retry-After', String(err.retryAfter));
      return send(res, err.status, pages.messagePage(v, title, text));
    }
    const status = (err as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return send(res, status, pages.messagePage(v, v.t('error'), v.t('formUnreadable')));
    ctx.log('console page failed', err);
    send(res, 500, pages.messagePage(v, v.t('error'), v.t('pageFailed')));
  });

  return router;
}
