// The sourceable file `npm run up` writes (data/dev.env): where everything listens and the
// development keys, so the documents' examples work on any port (`source data/dev.env`, then $API_URL,
// $AGENT_KEY, …). It holds keys, so it is private to its owner like the other key files.
import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE_MODE } from './files';

export interface DevEnv {
  apiUrl: string;
  sandboxUrl?: string;
  /** The Telegram sandbox (its chats and the Bot API double). */
  telegramSandboxUrl?: string;
  uiUrl?: string;
  /** Where Temporal answers, and the namespace: for the commands that talk to it (`npm run patches`). */
  temporal?: { address: string; namespace: string };
  /** The development keys (data/dev-api-keys.json). */
  keys: { role: string; subject: string; name: string; key: string }[];
  /** The Postmark webhooks' development basic auth (to play Postmark delivering an e-mail). */
  postmarkWebhook?: { user: string; password: string };
  /** The owner whose agent key becomes AGENT_KEY (default: the first agent key). */
  agent?: string;
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** The file's text: shell `export` lines with a comment saying what each is. */
export function devEnvText(env: DevEnv): string {
  const agent = env.keys.find((k) => k.role === 'agent' && (!env.agent || k.subject === env.agent));
  const supervisor = env.keys.find((k) => k.role === 'supervisor');
  const operator = env.keys.find((k) => k.role === 'operator');
  const lines = [
    '# Written by `npm run up` at every start; development only. Use it with: source data/dev.env',
    '# The HTTP API, the Postmark sandbox inbox, the Telegram sandbox and the Temporal Web UI:',
    `export API_URL=${quote(env.apiUrl)}`,
    ...(env.sandboxUrl ? [`export SANDBOX_URL=${quote(env.sandboxUrl)}`] : []),
    ...(env.telegramSandboxUrl ? [`export TELEGRAM_SANDBOX_URL=${quote(env.telegramSandboxUrl)}`] : []),
    ...(env.uiUrl ? [`export UI_URL=${quote(env.uiUrl)}`] : []),
    ...(env.temporal
      ? [
          `export TEMPORAL_ADDRESS=${quote(env.temporal.address)}`,
          `export TEMPORAL_NAMESPACE=${quote(env.temporal.namespace)}`,
        ]
      : []),
    ...(env.postmarkWebhook
      ? [
          "# The Postmark webhooks' basic auth (development): complain by e-mail as docs/api.md#webhooks shows.",
          `export POSTMARK_WEBHOOK_USER=${quote(env.postmarkWebhook.user)}`,
          `export POSTMARK_WEBHOOK_PASSWORD=${quote(env.postmarkWebhook.password)}`,
        ]
      : []),
    ...(agent
      ? [
          `# An owner's agent key (${agent.name}, owner id ${agent.subject}): starts complaints, acts on their own cases.`,
          `export AGENT_KEY=${quote(agent.key)}`,
          `export AGENT_ID=${quote(agent.subject)}`,
        ]
      : []),
    ...(supervisor
      ? [
          `# The supervisor's key (${supervisor.name}): every case, approvals, reassignment, erasure.`,
          `export SUPERVISOR_KEY=${quote(supervisor.key)}`,
        ]
      : []),
    ...(operator
      ? [
          '# The operator key: reads cases without personal data, health details, the codec endpoint.',
          `export OPERATOR_KEY=${quote(operator.key)}`,
        ]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** Writes <dataDir>/dev.env (mode 0600) and returns its path. */
export function writeDevEnv(dataDir: string, env: DevEnv): string {
  const file = path.join(dataDir, 'dev.env');
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, devEnvText(env), { mode: PRIVATE_FILE_MODE });
  fs.renameSync(tmp, file);
  return file;
}
