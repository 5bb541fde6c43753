// Which secrets a process must be given, in one place. In development (`npm run up`, the tests) a
// missing secret is generated into DATA_DIR, so one machine works out of the box. In production that
// would be wrong twice over: each machine would generate its own (a link signed by one API fails on
// the other, a payload one worker encrypted does not decrypt on the next), and a lost disk would take
// the secret with it. So in production every secret comes from the environment (a secret manager),
// and a process missing any refuses to start with ONE error naming all of them — an operator fixes the
// deployment once, not once per restart.
import { z } from 'zod';

export const DEPLOYMENT_ENVS = ['development', 'production'] as const;
export type DeploymentEnv = (typeof DEPLOYMENT_ENVS)[number];
export const deploymentEnvSchema = z.enum(DEPLOYMENT_ENVS).default('development');

/** COMPLAINT_DESK_ENV as a process sees it (unset or empty: development). */
export function deploymentEnv(env: NodeJS.ProcessEnv = process.env): DeploymentEnv {
  const parsed = deploymentEnvSchema.safeParse(env.COMPLAINT_DESK_ENV || undefined);
  if (!parsed.success)
    throw new Error(
      `COMPLAINT_DESK_ENV must be "development" or "production", not "${env.COMPLAINT_DESK_ENV}"`,
    );
  return parsed.data;
}

export const isProduction = (env: NodeJS.ProcessEnv = process.env): boolean =>
  deploymentEnv(env) === 'production';

export type ProcessRole = 'worker' | 'api';

interface Requirement {
  /** The variables; all must be set. */
  names: string[];
  roles: ProcessRole[];
  /** Why, in the start-up error. */
  why: string;
}

/**
 * Every secret (and the one shared address) a production process needs, by role. Where a variable is
 * read: COMPLAINT_KEKS infra/codec/keyring.ts, LINK_SECRET infra/links.ts, CODEC_TOKEN_SECRET
 * infra/codec/token.ts, the rest infra/config.ts.
 */
export const PRODUCTION_REQUIREMENTS: readonly Requirement[] = [
  {
    names: ['COMPLAINT_KEKS'],
    roles: ['worker', 'api'],
    why: 'key-encryption keys "id:base64-32-bytes,…" (otherwise each machine generates its own and no other decrypts its cases)',
  },
  {
    names: ['LINK_SECRET'],
    roles: ['worker', 'api'],
    why: 'signs customer links (the worker signs them into e-mails, every API verifies them)',
  },
  {
    names: ['CODEC_TOKEN_SECRET'],
    roles: ['api'],
    why: 'signs the codec endpoint URL tokens the Web UI uses (any API must verify another API’s)',
  },
  {
    names: ['POSTMARK_WEBHOOK_USER', 'POSTMARK_WEBHOOK_PASSWORD'],
    roles: ['api'],
    why: 'basic auth Postmark sends to the inbound and bounce webhooks',
  },
  {
    names: ['POSTMARK_SERVER_TOKEN'],
    roles: ['worker', 'api'],
    why: 'the Postmark server token (without it mail goes to the local sandbox)',
  },
  {
    names: ['DATABASE_URL'],
    roles: ['worker', 'api'],
    why: 'the PostgreSQL every process shares',
  },
  {
    names: ['PUBLIC_BASE_URL'],
    roles: ['worker', 'api'],
    why: 'the public address customers’ links point at (otherwise http://<API_HOST>:<API_PORT>)',
  },
];

/** The variables `role` lacks in `env` (empty counts as unset); none outside production. */
export function missingSecrets(role: ProcessRole, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!isProduction(env)) return [];
  return PRODUCTION_REQUIREMENTS.filter((r) => r.roles.includes(role)).flatMap((r) =>
    r.names.filter((n) => !env[n]),
  );
}

/**
 * Throws one error naming every missing secret of `role` with what it is for; a no-op in development.
 * Called first thing by worker/index.ts and api/server.ts, before anything could generate one.
 */
export function assertSecrets(role: ProcessRole, env: NodeJS.ProcessEnv = process.env): void {
  const missing = new Set(missingSecrets(role, env));
  if (missing.size === 0) return;
  const lines = PRODUCTION_REQUIREMENTS.filter(
    (r) => r.roles.includes(role) && r.names.some((n) => missing.has(n)),
  ).map((r) => `  ${r.names.filter((n) => missing.has(n)).join(', ')}: ${r.why}`);
  throw new Error(
    `COMPLAINT_DESK_ENV=production: the ${role} needs ${missing.size === 1 ? 'this secret' : 'these secrets'}, ` +
      `the same on every machine (from your secret manager; none is generated in production):\n${lines.join('\n')}\n` +
      'See docs/several-machines.md.',
  );
}

/**
 * A secret the environment gives, or in development one generated once into the data folder. In
 * production a missing one throws (assertSecrets has said so at start; this guards any other caller).
 */
export function sharedSecret(
  name: string,
  configured: string | undefined,
  generate: () => string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (configured) return configured;
  if (isProduction(env))
    throw new Error(`${name} is required when COMPLAINT_DESK_ENV=production (none is generated per machine)`);
  return generate();
}
