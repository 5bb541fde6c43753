// What the routes share: the dependencies the app was built with, with defaults filled in.
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { decode, encode } from '@temporalio/common/lib/internal-non-workflow';
import { createCodecTokens, type CodecTokens } from '../infra/codec/token';
import type { ServerClient } from 'postmark';
import type { Policy, Roster } from '../domain/types';
import type { LinkSigner } from '../infra/links';
import { Cases, defaultTimeouts, type CaseTimeouts } from './cases';
import type { KeySource } from './keys';
import type { ErasureDeps } from '../infra/erasure';
import type { ConsoleOptions } from './console/options';
import type { PublicFormSettings } from './public-form/settings';
import { letterSettings, type LetterOptions, type LetterSettings } from './letters/settings';
import type { Log } from '../infra/logging';
import type { ApiMetrics } from './observability';
import { OwnerLoad, type OwnerLoadOptions } from './owner-load';
import type { ArchiveDeps } from './archive';
import type { Store } from '../infra/store';
import type { AttachmentStore } from '../infra/attachments';
import type { DependencyWatch } from '../infra/resilience';
import type { TelegramClient } from '../infra/telegram';

export interface ApiLimits {
  /** Staff JSON bodies. */
  jsonBody: string;
  /** The customer's forms. */
  customerBody: string;
  /** Postmark inbound: whole e-mails with base64 attachments (Postmark allows 35 MB of attachments). */
  inboundBody: string;
  bounceBody: string;
  /** Telegram updates (a message is at most 4096 characters; the rest is a few ids and names). */
  telegramBody: string;
  customerPerMinute: number;
  webhookPerMinute: number;
  /** Wrong API keys or webhook passwords per client address per minute before 429. */
  authFailuresPerMinute: number;
  /** Requests per minute per staff API key. */
  staffPerMinute: number;
  /** How long a customer's link still works after its case closed (its own expiry may come first). */
  linkLifetimeAfterCloseMs: number;
}

export const defaultLimits: ApiLimits = {
  jsonBody: '64kb',
  customerBody: '16kb',
  inboundBody: '50mb',
  bounceBody: '1mb',
  telegramBody: '256kb',
  customerPerMinute: 60,
  webhookPerMinute: 600,
  authFailuresPerMinute: 30,
  staffPerMinute: 600,
  linkLifetimeAfterCloseMs: 14 * 86_400_000,
};

export interface ApiDeps {
  client: Client;
  namespace: string;
  /** Where new complaints start; needed for intake (staff and inbound e-mail). */
  taskQueue?: string;
  /** The policy and roster a new case takes (read at every intake). */
  snapshot?: () => { policy: Policy; roster: Roster };
  /** Staff API key records (hashes): the case store's (storeKeys in api/keys.ts), or a list in tests. */
  keys?: KeySource;
  /** Signs and checks the customer's links; must share the worker's secret. */
  links?: LinkSigner;
  publicBaseUrl?: string;
  webhookCredentials?: { user: string; password: string };
  /** Finds the case of a bounce that lacks our metadata, from Postmark's record of the message. */
  postmark?: Pick<ServerClient, 'getOutboundMessageDetails' | 'getOutboundMessages'>;
  /** Our own sending addresses: mail from them is a loop, never a complaint. */
  ownAddresses?: string[];
  limits?: Partial<ApiLimits>;
  timeouts?: Partial<CaseTimeouts>;
  historyEventLimit?: number;
  /** Signs listing page tokens; API processes behind one address need the same one. Default: random per process. */
  pageTokenSecret?: string;
  /**
   * Keys the case ids of external ids (so a case id cannot be computed from one); every API process
   * needs the same (server.ts: the link secret). Default: pageTokenSecret, else random per process.
   */
  externalIdSecret?: string;
  /** Express "trust proxy" (e.g. "loopback", "1"); unset: the socket's address counts. */
  trustProxy?: string;
  /** The codec endpoint (/codec): see CodecSettings; everything has a default. */
  codec?: Partial<CodecSettings>;
  log?: (message: string, err?: unknown) => void;
  /** The request log (JSON lines); none when absent. */
  logger?: Log;
  /** Where the API's Prometheus series go (GET /metrics); a fresh registry when absent; false: none (bench). */
  metrics?: ApiMetrics | false;
  /** Erasure of closed cases' personal data: the register, the e-mail ledger and the case keys. */
  erasure?: ErasureDeps;
  /** The staff console at /console (sessions, the Web UI's address for operators' links). */
  console?: ConsoleOptions;
  /** The public complaint form (/complain): limits and the attachment store; see api/public-form/settings.ts. */
  publicForm?: Partial<PublicFormSettings>;
  /**
   * The printable letters: letterhead and PDF engine; see api/letters/settings.ts. Our postal address
   * is the snapshot's policy's unless given.
   */
  letters?: LetterOptions;
  /** Intake chooses the owner from counts refreshed in the background (default); false: the workflow chooses. */
  ownerLoad?: OwnerLoadOptions | false;
  /** The case store: cases Temporal has forgotten are answered from it. */
  archive?: ArchiveDeps;
  /** Host names the API answers (DNS rebinding); loopback names always. Default: loopback only. */
  allowedHosts?: string[];
  /**
   * The case store (PostgreSQL): state every API process shares — the public form's used tokens,
   * the reply addresses of cases, console sessions, idempotency-key fingerprints, failed-auth and
   * per-key rate limits. Without it the form and inbound replies answer 503, and sessions,
   * fingerprints and limits stay in this process (tests only).
   */
  store?: Store;
  /** The store's reachability as the process watches it (infra/resilience.ts): shown in /healthz/details. */
  storeHealth?: DependencyWatch;
  /** The Telegram webhook (/webhooks/telegram); without it every delivery is refused. */
  telegram?: TelegramWebhookDeps;
}

export interface TelegramWebhookDeps {
  /** X-Telegram-Bot-Api-Secret-Token must equal it; none: every delivery is refused (503). */
  webhookSecret?: string;
  /** The bot whose updates arrive (the number before the colon of its token): update ids are per bot. */
  botId: number;
  /** Where received messages are kept (the case store, shared by every API). */
  store: Store;
  /**
   * Hand each message to its chat's case (default true). False stores messages only (state
   * 'received'): tests of the webhook's storage that run without Temporal.
   */
  handOver?: boolean;
  /**
   * The bot, for the answers the API gives outside any case: the public answer under a group message
   * and the welcome after a bare /start. Without it group messages are not taken and /start is not answered.
   */
  client?: TelegramClient;
  /** The bot's username for t.me links; read once with getMe when not given. */
  username?: string;
}

export interface CodecSettings {
  /** What /codec/decode and /encode run; default: the client's own payload codecs. */
  codec: PayloadCodec;
  /** Signs the URL tokens; API processes behind one address (and `up`) need the same secret. Default: random per process. */
  tokens: CodecTokens;
  /** Web UI origins answered with CORS; default none. */
  corsOrigins: string[];
  tokenTtlMs: number;
}

export interface AppContext {
  client: Client;
  namespace: string;
  taskQueue: string;
  snapshot: () => { policy: Policy; roster: Roster };
  keys: KeySource;
  links: LinkSigner;
  publicBaseUrl: string;
  webhookCredentials?: { user: string; password: string };
  postmark?: ApiDeps['postmark'];
  ownAddresses: string[];
  limits: ApiLimits;
  timeouts: CaseTimeouts;
  historyEventLimit?: number;
  cases: Cases;
  codec: CodecSettings;
  log: (message: string, err?: unknown) => void;
  erasure?: ErasureDeps;
  owners?: OwnerLoad;
  archive?: ArchiveDeps;
  store?: Store;
  /** See ApiDeps.externalIdSecret: the key itself (derived, of its own). */
  externalIdKey: string;
  telegram?: TelegramWebhookDeps;
  /** The files customers attached on the public form (ApiDeps.publicForm.attachments). */
  attachments?: AttachmentStore;
  /** The printable letters' letterhead and PDF engine (the API's routes and the console share it). */
  letters: LetterSettings;
  /** See ApiDeps.storeHealth. */
  storeHealth?: DependencyWatch;
}

const missing = (what: string) => () => {
  throw new Error(`The API was built without ${what}.`);
};

export function contextFrom(deps: ApiDeps): AppContext {
  const timeouts = { ...defaultTimeouts, ...deps.timeouts };
  const log =
    deps.log ??
    ((message: string, err?: unknown) =>
      console.error(
        `[api] ${message}${err ? `: ${err instanceof Error ? (err.stack ?? err.message) : JSON.stringify(err)}` : ''}`,
      ));
  return {
    client: deps.client,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue ?? 'complaints',
    snapshot: deps.snapshot ?? missing('a policy snapshot'),
    keys: deps.keys ?? (() => []),
    links: deps.links ?? {
      sign: missing('a link signer'),
      verify: () => ({ ok: false, reason: 'bad-signature' }),
    },
    publicBaseUrl: (deps.publicBaseUrl ?? '').replace(/\/$/, ''),
    webhookCredentials: deps.webhookCredentials,
    postmark: deps.postmark,
    ownAddresses: (deps.ownAddresses ?? []).map((a) => a.toLowerCase()),
    limits: { ...defaultLimits, ...deps.limits },
    timeouts,
    historyEventLimit: deps.historyEventLimit,
    cases: new Cases(deps.client, undefined, timeouts, deps.pageTokenSecret, deps.erasure?.register),
    erasure: deps.erasure,
    owners: deps.ownerLoad === false ? undefined : new OwnerLoad(deps.client, { log, ...deps.ownerLoad }),
    archive: deps.archive,
    store: deps.store,
    externalIdKey: crypto
      .createHmac('sha256', deps.externalIdSecret ?? deps.pageTokenSecret ?? crypto.randomBytes(32))
      .update('complaint-desk/external-id')
      .digest('base64url'),
    telegram: deps.telegram,
    attachments: deps.publicForm?.attachments,
    letters: letterSettings({
      postalAddress: () => {
        try {
          return deps.snapshot?.().policy.organisation?.postalAddress;
        } catch {
          return undefined; // no policy could be read yet: the letters promise no address
        }
      },
      ...deps.letters,
    }),
    storeHealth: deps.storeHealth,
    codec: {
      codec: deps.codec?.codec ?? clientCodec(deps.client),
      tokens: deps.codec?.tokens ?? createCodecTokens(crypto.randomBytes(32).toString('base64url')),
      corsOrigins: deps.codec?.corsOrigins ?? [],
      tokenTtlMs: deps.codec?.tokenTtlMs ?? 8 * 3600_000,
    },
    log,
  };
}

/** The payload codecs the client itself uses, as one codec (applied in the client's order). */
function clientCodec(client: Client): PayloadCodec {
  const codecs = client.options.loadedDataConverter.payloadCodecs;
  return {
    encode: (payloads, context) => encode(codecs, payloads, context),
    decode: (payloads, context) => decode(codecs, payloads, context),
  };
}
