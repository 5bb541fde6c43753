// A local stand-in for Postmark's HTTP API: it accepts exactly what the official `postmark` client
// sends, answers with Postmark's response shapes and error codes, keeps every accepted message on
// disk, and shows them in a browser inbox. Built apart from listening so tests can drive it in-process.
import path from 'node:path';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_SANDBOX_SERVER_TOKEN, PostmarkErrorCode } from './constants';
import { validateEmail } from './message';
import type { PostmarkApiError } from './message';
import { InactiveRecipients, MessageStore, recipientsOf } from './store';
import type { MessageFilter, StoredMessage } from './store';
import { renderInbox, renderMessage, renderNotFound } from './html';
import { decodablePath, hostAllowed, strictApp, strictRouter } from '../infra/http-edge';

/** The HTTP statuses the outage switch can make the Postmark API routes answer with. */
export type OutageMode = null | 429 | 500 | 503;
export const OUTAGE_MODES: readonly OutageMode[] = [null, 429, 500, 503];

export interface SandboxOptions {
  /** Messages and the inactive-recipient file live here. */
  dataDir: string;
  /**
   * Server tokens accepted in X-Postmark-Server-Token. Default: [DEFAULT_SANDBOX_SERVER_TOKEN].
   * Include '*' to accept any non-empty token. Anything else gets 401 with ErrorCode 10.
   */
  serverTokens?: string[];
  /** Treated as inactive in addition to those listed in the inactive-recipient file. */
  inactiveRecipients?: string[];
  /** Default: `<dataDir>/inactive-recipients.txt`, one address per line. */
  inactiveRecipientsFile?: string;
  /** Called with one line per accepted or rejected send (the CLI prints them). */
  log?: (line: string) => void;
  /** Host names answered besides loopback ones (ALLOWED_HOSTS); any other Host gets 421. */
  allowedHosts?: string[];
}

export interface SandboxApp {
  app: express.Express;
  store: MessageStore;
  inactive: InactiveRecipients;
  setOutage(mode: OutageMode): void;
  getOutage(): OutageMode;
}

const TOKEN_HEADER = 'x-postmark-server-token';
const MAX_BATCH = 500;
const MAX_SEARCH_COUNT = 500;
const MAX_SEARCH_WINDOW = 10_000;

const inactiveMessage = (addresses: string[]) =>
  'You tried to send to recipient(s) that have been marked as inactive. ' +
  `Found inactive addresses: ${addresses.join(', ')}. ` +
  'Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.';

function apiError(res: Response, status: number, error: PostmarkApiError): void {
  res.status(status).json(error);
}

/** Postmark's query parameters are case-insensitive (the client sends `fromEmail`, the docs say `fromemail`). */
function lowerCaseQuery(req: Request): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(req.query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') result.set(key.toLowerCase(), first);
  }
  return result;
}

function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function filterFromOutboundQuery(q: Map<string, string>): MessageFilter {
  const metadata: Array<[string, string]> = [];
  for (const [key, value] of q)
    if (key.startsWith('metadata_')) metadata.push([key.slice('metadata_'.length), value]);
  return {
    recipient: q.get('recipient'),
    fromEmail: q.get('fromemail'),
    tag: q.get('tag'),
    subject: q.get('subject'),
    messageStream: q.get('messagestream'),
    metadata,
    fromDate: parseDate(q.get('fromdate')),
    toDate: parseDate(q.get('todate')),
  };
}

/** The shape of one entry of GET /messages/outbound. */
export function toOutboundSummary(m: StoredMessage) {
  return {
    Tag: m.Tag,
    MessageID: m.MessageID,
    MessageStream: m.MessageStream,
    To: m.ToAddresses,
    Cc: m.CcAddresses,
    Bcc: m.BccAddresses,
    Recipients: recipientsOf(m),
    ReceivedAt: m.ReceivedAt,
    From: m.From,
    Subject: m.Subject,
    Attachments: m.Attachments.map((a) => a.Name),
    Status: m.Status,
    TrackOpens: m.TrackOpens,
    TrackLinks: m.TrackLinks,
    Metadata: m.Metadata,
    Sandboxed: false,
  };
}

/** The shape of GET /messages/outbound/:id/details. */
export function toOutboundDetails(m: StoredMessage) {
  const headerLines = [
    `From: ${m.From}`,
    `To: ${m.To}`,
    ...(m.Cc ? [`Cc: ${m.Cc}`] : []),
    ...(m.ReplyTo ? [`Reply-To: ${m.ReplyTo}`] : []),
    `Subject: ${m.Subject}`,
    `Message-ID: <${m.MessageID}@postmark-sandbox>`,
    ...m.Headers.map((h) => `${h.Name}: ${h.Value}`),
  ];
  return {
    ...toOutboundSummary(m),
    TextBody: m.TextBody,
    HtmlBody: m.HtmlBody,
    Body: `${headerLines.join('\r\n')}\r\n\r\n${m.TextBody || m.HtmlBody}`,
    MessageEvents: recipientsOf(m)
      .filter((r) => !m.InactiveRecipientsSkipped.includes(r))
      .map((recipient) => ({
        Recipient: recipient,
        Type: 'Delivered',
        ReceivedAt: m.ReceivedAt,
        Details: {
          DeliveryMessage: 'Accepted by the local Postmark sandbox; nothing was delivered.',
          DestinationServer: 'postmark-sandbox',
          DestinationIP: '127.0.0.1',
        },
      })),
  };
}

function parseAddresses(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const { email, emails, recipients } = body as Record<string, unknown>;
  const all: unknown[] = [
    email,
    ...(Array.isArray(emails) ? (emails as unknown[]) : []),
    ...(Array.isArray(recipients) ? (recipients as unknown[]) : []),
  ];
  return all.filter((a): a is string => typeof a === 'string' && a.trim() !== '');
}

export function createSandboxApp(options: SandboxOptions): SandboxApp {
  const store = new MessageStore(options.dataDir);
  const inactive = new InactiveRecipients(
    options.inactiveRecipientsFile ?? path.join(options.dataDir, 'inactive-recipients.txt'),
    options.inactiveRecipients ?? [],
  );
  const tokens = new Set(options.serverTokens ?? [DEFAULT_SANDBOX_SERVER_TOKEN]);
  const log = options.log ?? (() => undefined);
  let outage: OutageMode = null;

  const app = strictApp(express());
  app.disable('x-powered-by');
  // The inbox shows every e-mail: a page on another site that rebinds its name to this machine
  // must not read it (DNS rebinding), so only the allowed host names are answered.
  const allowedHosts = options.allowedHosts ?? [];
  app.use((req, res, next) => {
    if (!hostAllowed(req.headers.host, allowedHosts))
      return void res
        .status(421)
        .json({ ErrorCode: 0, Message: 'This server does not answer for that host name.' });
    // A path that does not decode is the caller's mistake, never a router exception.
    if (!decodablePath(req.url.split('?')[0]))
      return void res
        .status(400)
        .json({ ErrorCode: 0, Message: 'The path’s percent-encoding is not valid.' });
    next();
  });
  // Postmark only speaks JSON, whatever Content-Type a caller sets.
  const json = express.json({ limit: '50mb', type: () => true });

  // --- Postmark API -------------------------------------------------------------------------------

  // Only the Postmark routes go through the outage switch and the token check.
  const outageSwitch = (_req: Request, res: Response, next: NextFunction) => {
    if (outage === null) return next();
    if (outage === 429) {
      return apiError(res, 429, {
        ErrorCode: PostmarkErrorCode.RateLimitExceeded,
        Message: 'Rate limit exceeded.',
      });
    }
    if (outage === 503) res.setHeader('Retry-After', '5');
    res.status(outage).json({ Message: `Simulated outage of the Postmark sandbox (HTTP ${outage}).` });
  };

  const serverToken = (req: Request, res: Response, next: NextFunction) => {
    const token = req.get(TOKEN_HEADER)?.trim();
    if (!token) {
      return apiError(res, 401, {
        ErrorCode: PostmarkErrorCode.BadOrMissingToken,
        Message:
          'No Account or Server API tokens were supplied in the HTTP headers. ' +
          'Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.',
      });
    }
    if (!tokens.has(token) && !tokens.has('*')) {
      return apiError(res, 401, {
        ErrorCode: PostmarkErrorCode.BadOrMissingToken,
        Message:
          'The Server API token in the X-Postmark-Server-Token header is not valid. Please check the token.',
      });
    }
    next();
  };
  const postmark = strictRouter().use(outageSwitch, serverToken);

  /** Validates, applies the inactive list and stores one message: the core of /email and /email/batch. */
  async function accept(input: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const result = validateEmail(input);
    if (!result.ok) {
      log(`rejected (${result.error.ErrorCode}): ${result.error.Message}`);
      return { status: 422, body: { ...result.error } };
    }
    const email = result.email;
    const recipients = recipientsOf(email);
    const skipped = recipients.filter((r) => inactive.has(r));
    if (skipped.length === recipients.length) {
      // Every recipient is suppressed: Postmark refuses the whole message.
      // No addresses or subjects in logs: the message id and the case say which e-mail it was.
      log(`rejected (406): ${skipped.length} inactive recipient(s)`);
      return {
        status: 422,
        body: { ErrorCode: PostmarkErrorCode.InactiveRecipient, Message: inactiveMessage(skipped) },
      };
    }
    const stored = await store.add(email, skipped);
    log(
      `accepted ${stored.MessageID} (case ${email.Metadata?.caseId ?? 'none'}, tag ${email.Tag ?? 'none'})`,
    );
    return {
      status: 200,
      body: {
        To: email.To,
        ...(email.Cc ? { Cc: email.Cc } : {}),
        ...(email.Bcc ? { Bcc: email.Bcc } : {}),
        SubmittedAt: stored.ReceivedAt,
        MessageID: stored.MessageID,
        ErrorCode: 0,
        // Postmark accepts a message when only some recipients are inactive, and says so.
        Message: skipped.length
          ? `Message OK, but will not deliver to these inactive addresses: ${skipped.join(', ')}.`
          : 'OK',
      },
    };
  }

  app.post('/email', postmark, json, async (req, res) => {
    const { status, body } = await accept(req.body);
    res.status(status).json(body);
  });

  app.post('/email/batch', postmark, json, async (req, res) => {
    if (!Array.isArray(req.body)) {
      return apiError(res, 422, {
        ErrorCode: PostmarkErrorCode.InvalidJson,
        Message: 'Received invalid JSON input.',
      });
    }
    if (req.body.length > MAX_BATCH) {
      return apiError(res, 422, {
        ErrorCode: PostmarkErrorCode.TooManyBatchMessages,
        Message: `Too many batch messages: a batch holds at most ${MAX_BATCH}, this one has ${req.body.length}.`,
      });
    }
    // Batch answers 200 overall; each entry carries its own ErrorCode.
    const results: Array<Record<string, unknown>> = [];
    for (const message of req.body as unknown[]) results.push((await accept(message)).body);
    res.status(200).json(results);
  });

  app.get('/messages/outbound', postmark, (req, res) => {
    const q = lowerCaseQuery(req);
    const count = Number(q.get('count'));
    const offset = Number(q.get('offset'));
    if (
      !Number.isInteger(count) ||
      !Number.isInteger(offset) ||
      count < 1 ||
      count > MAX_SEARCH_COUNT ||
      offset < 0 ||
      count + offset > MAX_SEARCH_WINDOW
    ) {
      // Postmark documents these limits but not the exact error code; 300 is this sandbox's choice.
      return apiError(res, 422, {
        ErrorCode: PostmarkErrorCode.InvalidEmailRequest,
        Message: `'count' (1-${MAX_SEARCH_COUNT}) and 'offset' are required, and count + offset may not exceed ${MAX_SEARCH_WINDOW}.`,
      });
    }
    const matches = store.list(filterFromOutboundQuery(q));
    res.json({
      TotalCount: matches.length,
      Messages: matches.slice(offset, offset + count).map(toOutboundSummary),
    });
  });

  app.get('/messages/outbound/:id/details', postmark, (req, res) => {
    const message = store.get(String(req.params.id));
    if (!message) {
      return apiError(res, 422, {
        ErrorCode: PostmarkErrorCode.MessageNotFound,
        Message: "This message doesn't exist.",
      });
    }
    res.json(toOutboundDetails(message));
  });

  // --- Control API for tests and scripts (no token, never affected by the outage switch) ----------

  app.get('/sandbox/health', (_req, res) => {
    res.json({ ok: true, messages: store.size, outage, inactiveRecipients: inactive.list().length });
  });

  app.get('/sandbox/messages', (req, res) => {
    const q = lowerCaseQuery(req);
    const metadata: Array<[string, string]> = [];
    if (q.get('caseid')) metadata.push(['caseId', q.get('caseid')!]);
    for (const [key, value] of q)
      if (key.startsWith('metadata_')) metadata.push([key.slice('metadata_'.length), value]);
    const messages = store.list({
      recipient: q.get('to') ?? q.get('recipient'),
      tag: q.get('tag'),
      subject: q.get('subject'),
      metadata,
    });
    res.json({ messages });
  });

  app.get('/sandbox/messages/:id', (req, res) => {
    const message = store.get(String(req.params.id));
    if (!message) return void res.status(404).json({ error: `No message with ID ${req.params.id}` });
    res.json(message);
  });

  app.delete('/sandbox/messages', async (_req, res) => {
    res.json({ deleted: await store.clear() });
  });

  app.get('/sandbox/inactive-recipients', (_req, res) => {
    res.json({ recipients: inactive.list() });
  });

  // Body: { email } or { emails: [...] } adds; with "replace": true the list becomes exactly those.
  app.post('/sandbox/inactive-recipients', json, async (req, res) => {
    const addresses = parseAddresses(req.body);
    const replace = (req.body as Record<string, unknown> | undefined)?.replace === true;
    if (!addresses.length && !replace) {
      return void res.status(400).json({ error: 'Send {"email": "..."} or {"emails": ["..."]}.' });
    }
    await (replace ? inactive.replace(addresses) : inactive.add(addresses));
    res.json({ recipients: inactive.list() });
  });

  app.delete('/sandbox/inactive-recipients/:email', async (req, res) => {
    await inactive.remove([String(req.params.email)]);
    res.json({ recipients: inactive.list() });
  });

  app.delete('/sandbox/inactive-recipients', async (_req, res) => {
    await inactive.replace([]);
    res.json({ recipients: inactive.list() });
  });

  app.get('/sandbox/outage', (_req, res) => {
    res.json({ mode: outage });
  });

  app.post('/sandbox/outage', json, (req, res) => {
    const mode = (req.body as Record<string, unknown> | undefined)?.mode ?? null;
    if (!OUTAGE_MODES.includes(mode as OutageMode)) {
      return void res.status(400).json({ error: 'mode must be one of null, 429, 500, 503' });
    }
    outage = mode as OutageMode;
    log(outage === null ? 'outage cleared' : `outage on: Postmark API answers ${outage}`);
    res.json({ mode: outage });
  });

  // --- Inbox for people ---------------------------------------------------------------------------

  const htmlHeaders = (res: Response) => {
    res.type('html');
    // Scripts are blocked everywhere; the e-mail iframe (srcdoc inherits this policy) may show images.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; font-src * data:; frame-src 'self'; form-action 'self'",
    );
  };

  app.get('/', (req, res) => {
    const q = lowerCaseQuery(req);
    const filters = { to: q.get('to'), caseId: q.get('caseid'), tag: q.get('tag') };
    const messages = store.list({
      recipient: filters.to,
      tag: filters.tag,
      metadata: filters.caseId ? [['caseId', filters.caseId]] : [],
    });
    htmlHeaders(res);
    res.send(renderInbox({ messages, total: store.size, filters, outage, inactive: inactive.list() }));
  });

  app.get('/messages/:id', (req, res) => {
    const message = store.get(String(req.params.id));
    htmlHeaders(res);
    if (!message) return void res.status(404).send(renderNotFound(String(req.params.id)));
    res.send(renderMessage(message, outage));
  });

  // --- Errors -------------------------------------------------------------------------------------

  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const type = (err as { type?: string } | null)?.type;
    if (type === 'entity.parse.failed') {
      return apiError(res, 422, {
        ErrorCode: PostmarkErrorCode.InvalidJson,
        Message: 'Received invalid JSON input.',
      });
    }
    if (type === 'entity.too.large') {
      return apiError(res, 413, {
        ErrorCode: PostmarkErrorCode.InvalidEmailRequest,
        Message: 'Request is too large.',
      });
    }
    log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    res.status(500).json({ ErrorCode: 0, Message: 'Internal error in the Postmark sandbox.' });
  });

  return {
    app,
    store,
    inactive,
    setOutage(mode: OutageMode) {
      if (!OUTAGE_MODES.includes(mode)) throw new Error(`Unsupported outage mode ${String(mode)}`);
      outage = mode;
    },
    getOutage: () => outage,
  };
}
