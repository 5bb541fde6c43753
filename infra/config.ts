// Every setting comes from the environment, with embedded defaults that bring up a complete local
// system. Validated once with zod so a typo in a variable fails at start with its name, not later.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fromRoot } from './paths';
import { TELEGRAM_BOT_API_URL } from './telegram';
import { deploymentEnvSchema } from './secrets';

const port = z.coerce.number().int().min(0).max(65535);
/** Days or hours, like "30d" or "720h". */
const duration = z.string().regex(/^\d+[dh]$/, 'like "30d" or "720h"');
export const durationMs = (text: string): number =>
  Number(text.slice(0, -1)) * (text.endsWith('d') ? 86_400_000 : 3_600_000);
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

export const ConfigSchema = z.object({
  /** development (default; secrets generated into DATA_DIR) or production (every secret required: infra/secrets.ts). */
  COMPLAINT_DESK_ENV: deploymentEnvSchema,
  /** Set to use an existing Temporal cluster or Temporal Cloud instead of the embedded dev server. */
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('complaints'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: flag.optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_DEV_HOST: z.string().min(1).default('127.0.0.1'),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /** Where staff open the Temporal Web UI (the console links cases there); default the dev server's UI. */
  TEMPORAL_UI_URL: z.url().optional(),
  /** Closed cases stay visible in the embedded dev server this long. */
  TEMPORAL_RETENTION: duration.default('30d'),
  /** How long the e-mail ledger keeps an entry (recipient, subject); default: TEMPORAL_RETENTION. */
  EMAIL_LEDGER_RETENTION: duration.optional(),
  DATA_DIR: z.string().min(1).default(fromRoot('data')),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  /** The API's Prometheus endpoint, on METRICS_HOST (0: none); never on the API's own port. */
  API_METRICS_PORT: port.default(9465),
  /**
   * Host names the API, the sandbox and the Web UI's guard answer (comma-separated; ".example.com"
   * for a domain and its subdomains, "*" for any). Loopback names always; PUBLIC_BASE_URL's and
   * TEMPORAL_UI_URL's hosts are added. Anything else gets 421 (DNS rebinding).
   */
  ALLOWED_HOSTS: z.string().min(1).optional(),
  /** The worker's Prometheus endpoint (the SDK's runtime metrics and the domain's counters). */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_PORT: port.default(9464),
  /** The worker's health endpoint (/healthz, /healthz/details) on METRICS_HOST; 0: none. */
  WORKER_HEALTH_PORT: port.default(0),
  /** The address customers' links point at (the status page, the survey). */
  PUBLIC_BASE_URL: z.url().optional(),
  POSTMARK_SERVER_TOKEN: z.string().min(1).optional(),
  POSTMARK_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  POSTMARK_SANDBOX_PORT: port.default(3001),
  POSTMARK_FROM: z.string().min(3).default('Complaint Desk <complaints@complaint-desk.test>'),
  /** Replies and new complaints arrive here (Postmark inbound); replies carry the case after a "+". */
  POSTMARK_INBOUND_ADDRESS: z.email().optional(),
  // --- Telegram (docs/telegram.md) ---
  /** The bot's token from BotFather; unset: the local Telegram sandbox stands in for the Bot API. */
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d{1,15}:[A-Za-z0-9_-]{1,200}$/, 'a bot token as BotFather gives it, "<bot id>:<secret>"')
    .optional(),
  /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token; without it the webhook refuses every delivery. */
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16-256 of A-Z, a-z, 0-9, "_" and "-" (Telegram allows no others)')
    .optional(),
  TELEGRAM_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  TELEGRAM_SANDBOX_PORT: port.default(3002),
  COMPLAINT_POLICY: z.string().min(1).default(fromRoot('policy', 'default.json')),
  COMPLAINT_ROSTER: z.string().min(1).default(fromRoot('policy', 'roster.json')),
  /**
   * Open cases a worker keeps in memory; the others are replayed from their history when they wake.
   * A cached case costs about 0.5 MiB of RSS (bench/memory.ts): 1000 keeps a worker near 800 MiB
   * however many cases are open (the SDK's own default, from the heap size, is about 2300 here).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(1000),
  /**
   * How long Temporal holds a cached case's next task (or a read of it) for the worker that ran it
   * before any other worker may take it. The SDK's 10 s equals the API's read budget, so a case whose
   * worker had just died answered 504 for about 10 s; 3 s leaves the read 7 s on another worker.
   */
  WORKER_STICKY_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(3000),
  /**
   * A workflow bundle built beforehand from the same build (worker/bundle.ts: the workflows, the
   * clock guard and the failure converter): the worker starts in about a second instead of bundling
   * for 5-20 s. Unset: the worker bundles its own at start.
   */
  WORKFLOW_BUNDLE_PATH: z
    .string()
    .min(1)
    .refine((file) => fs.existsSync(file), 'no such file (a bundle written by bundleWorkflowCode)')
    .optional(),
  /** How often the worker's Schedule erases closed cases past the policy's erasure.afterClose. */
  ERASURE_SWEEP_EVERY: z
    .string()
    .regex(/^\d+[smhd]$/, 'like "1h", "10m" or "30s"')
    .default('1h'),
  // --- The case store (infra/store) ---
  /** PostgreSQL of the case store; unset: `npm run up` serves the embedded one from <DATA_DIR>/store. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
  /** Connections per process in the store's pool. */
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(5),
  /** Port of the embedded store `npm run up` starts (0: a free port). */
  STORE_DEV_PORT: port.default(0),
  /** How often the worker's Schedule archives the complete history of cases that closed. */
  ARCHIVE_SWEEP_EVERY: z
    .string()
    .regex(/^\d+[smhd]$/, 'like "1h", "10m" or "30s"')
    .default('6h'),
  // --- HTTP API ---
  /** Hashed staff API keys; default <DATA_DIR>/api-keys.json (the up command writes development keys there). */
  API_KEYS_FILE: z.string().min(1).optional(),
  /** Express "trust proxy": set when a proxy sits in front, so rate limits see the client's address. */
  API_TRUST_PROXY: z.string().min(1).optional(),
  /** Basic-auth credentials Postmark sends to the webhooks; the webhooks answer 503 until both are set. */
  POSTMARK_WEBHOOK_USER: z.string().min(1).optional(),
  POSTMARK_WEBHOOK_PASSWORD: z.string().min(8).optional(),
  /** Requests per minute per client address on the customer pages and on the webhooks. */
  CUSTOMER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  WEBHOOK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Requests per minute per staff API key (a burst of as many), across all staff endpoints. */
  STAFF_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Wrong API keys or webhook passwords per client address per minute before 429. */
  AUTH_FAILURE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** How long a customer's link keeps working after the case closed (at most its own expiry). */
  CUSTOMER_LINK_LIFETIME_AFTER_CLOSE: duration.default('14d'),
  // --- Payload encryption (infra/codec) ---
  /** Key-encryption keys, "id:base64-32-bytes,…"; unset: development KEKs generated into the keys folder. */
  COMPLAINT_KEKS: z.string().min(1).optional(),
  /** The KEK that wraps new cases' data keys (rotation: add a KEK, point this at it). */
  COMPLAINT_KEK_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "-" and "_"')
    .optional(),
  /** Wrapped per-case data keys (and development KEKs); default <DATA_DIR>/keys. Shared by API and worker. */
  COMPLAINT_KEYS_DIR: z.string().min(1).optional(),
  /** Signs the codec endpoint's URL tokens; default generated into <DATA_DIR>/codec-token-secret. */
  CODEC_TOKEN_SECRET: z.string().min(16).optional(),
  /** How long a codec URL token stays valid. */
  CODEC_TOKEN_TTL_HOURS: z.coerce.number().positive().max(168).default(8),
  /** Web UI origins the codec endpoint answers CORS for, comma-separated; default the local UI's. */
  CODEC_CORS_ORIGINS: z.string().min(1).optional(),
  // --- Printed letters' letterhead (api/letters) ---
  LETTERHEAD_ORGANISATION: z.string().min(1).max(120).default('Complaint Desk'),
  /**
   * Moved: our postal address is the policy's `organisation.postalAddress` (the letters' words depend
   * on whether there is one). Set here it is a start-up error rather than an address left off.
   */
  LETTERHEAD_ADDRESS: z
    .never({
      error:
        'our postal address moved to the policy: "organisation": { "postalAddress": ["…", "…"] } in the COMPLAINT_POLICY file',
    })
    .optional(),
  /** Contact lines (";"-separated: e-mail, phone, web); default the inbound address, else POSTMARK_FROM's. */
  LETTERHEAD_CONTACT: z.string().min(1).max(500).optional(),
});

export type Config = z.output<typeof ConfigSchema> & {
  /** Where clients connect: TEMPORAL_ADDRESS, or the embedded dev server. */
  temporalAddress: string;
  /** True when this process should start (or expects) the embedded dev server. */
  embeddedTemporal: boolean;
  publicBaseUrl: string;
  postmarkSandboxUrl: string;
  usesRealPostmark: boolean;
  /** The Bot API: api.telegram.org with TELEGRAM_BOT_TOKEN, else the Telegram sandbox. */
  telegramApiUrl: string;
  telegramSandboxUrl: string;
  usesRealTelegram: boolean;
  /** The Temporal Web UI's address (TEMPORAL_UI_URL, or the dev server's UI port on localhost). */
  temporalUiUrl: string;
  emailLedgerRetentionMs: number;
  customerLinkLifetimeAfterCloseMs: number;
  keysDir: string;
  codecCorsOrigins: string[];
  /** ALLOWED_HOSTS with the hosts of PUBLIC_BASE_URL and TEMPORAL_UI_URL (loopback names are always allowed). */
  allowedHosts: string[];
  /** Printed on every letter: the organisation and its contact lines (the address is the policy's). */
  letterhead: { organisation: string; lines: string[] };
};

const lines = (text: string): string[] =>
  text
    .split(';')
    .map((l) => l.trim())
    .filter(Boolean);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty variables count as unset, as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const c = parsed.data;
  // Unset: the address `up` prints, so the links in e-mails open where the console was signed in
  // (a cookie of 127.0.0.1 is not sent to localhost).
  const localHost = c.API_HOST === '0.0.0.0' ? 'localhost' : c.API_HOST;
  const publicBaseUrl = (c.PUBLIC_BASE_URL ?? `http://${localHost}:${c.API_PORT}`).replace(/\/$/, '');
  const temporalUiUrl = (c.TEMPORAL_UI_URL ?? `http://localhost:${c.TEMPORAL_UI_PORT}`).replace(/\/$/, '');
  return {
    ...c,
    temporalAddress: c.TEMPORAL_ADDRESS ?? `${c.TEMPORAL_DEV_HOST}:${c.TEMPORAL_DEV_PORT}`,
    embeddedTemporal: c.TEMPORAL_ADDRESS === undefined,
    publicBaseUrl,
    postmarkSandboxUrl: `http://${c.POSTMARK_SANDBOX_HOST}:${c.POSTMARK_SANDBOX_PORT}`,
    usesRealPostmark: c.POSTMARK_SERVER_TOKEN !== undefined,
    telegramApiUrl: c.TELEGRAM_BOT_TOKEN
      ? TELEGRAM_BOT_API_URL
      : `http://${c.TELEGRAM_SANDBOX_HOST}:${c.TELEGRAM_SANDBOX_PORT}`,
    telegramSandboxUrl: `http://${c.TELEGRAM_SANDBOX_HOST}:${c.TELEGRAM_SANDBOX_PORT}`,
    usesRealTelegram: c.TELEGRAM_BOT_TOKEN !== undefined,
    temporalUiUrl,
    allowedHosts: [
      ...new Set([
        new URL(publicBaseUrl).hostname,
        new URL(temporalUiUrl).hostname,
        ...(c.ALLOWED_HOSTS ?? '')
          .split(',')
          .map((h) => h.trim())
          .filter(Boolean),
      ]),
    ],
    // Entries name recipients and subjects: by default they go when Temporal forgets the case.
    emailLedgerRetentionMs: durationMs(c.EMAIL_LEDGER_RETENTION ?? c.TEMPORAL_RETENTION),
    customerLinkLifetimeAfterCloseMs: durationMs(c.CUSTOMER_LINK_LIFETIME_AFTER_CLOSE),
    keysDir: c.COMPLAINT_KEYS_DIR ?? path.join(c.DATA_DIR, 'keys'),
    codecCorsOrigins: c.CODEC_CORS_ORIGINS
      ? c.CODEC_CORS_ORIGINS.split(',')
          .map((o) => o.trim().replace(/\/$/, ''))
          .filter(Boolean)
      : [`http://localhost:${c.TEMPORAL_UI_PORT}`, `http://127.0.0.1:${c.TEMPORAL_UI_PORT}`],
    letterhead: {
      organisation: c.LETTERHEAD_ORGANISATION.trim(),
      lines: lines(
        c.LETTERHEAD_CONTACT ??
          c.POSTMARK_INBOUND_ADDRESS ??
          /<([^>]+)>/.exec(c.POSTMARK_FROM)?.[1] ??
          c.POSTMARK_FROM,
      ),
    },
  };
}

/**
 * The webhook secret a process that serves the Telegram webhook must have. A real bot
 * (TELEGRAM_BOT_TOKEN) without TELEGRAM_WEBHOOK_SECRET is a start-up error: anyone could post
 * updates as Telegram. With the sandbox, none means the webhook refuses every delivery (503);
 * `npm run up` generates a development secret into DATA_DIR.
 */
export function telegramWebhookSecret(
  config: Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_WEBHOOK_SECRET'>,
): string | undefined {
  if (config.TELEGRAM_BOT_TOKEN && !config.TELEGRAM_WEBHOOK_SECRET)
    throw new Error(
      'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_BOT_TOKEN is set: without it anyone could post updates as Telegram. ' +
        'Set 16-256 characters of A-Z, a-z, 0-9, "_" and "-", the same on every API (see docs/telegram.md).',
    );
  return config.TELEGRAM_WEBHOOK_SECRET;
}
