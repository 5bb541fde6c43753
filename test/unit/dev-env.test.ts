// data/dev.env is sourced by a real shell: every value comes back exactly, keys with any character.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDevEnv } from '../../infra/dev-env';

describe('data/dev.env (written by npm run up)', () => {
  it('sources in bash to the URLs, the Postmark webhooks’ credentials and the agent, supervisor and operator keys, and is private', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-devenv-'));
    try {
      const file = writeDevEnv(dir, {
        apiUrl: 'http://localhost:4100',
        sandboxUrl: 'http://localhost:4101',
        telegramSandboxUrl: 'http://localhost:4102',
        uiUrl: 'http://localhost:8299',
        temporal: { address: '127.0.0.1:7300', namespace: 'default' },
        postmarkWebhook: { user: 'postmark', password: 'pa$$ "word"' },
        keys: [
          { role: 'agent', subject: 'anna-kowalska', name: 'Anna Kowalska', key: "cd_agent_a'b$c" },
          { role: 'agent', subject: 'sara-lindqvist', name: 'Sara Lindqvist', key: 'cd_agent_other' },
          { role: 'supervisor', subject: 'sup', name: 'Sup', key: 'cd_supervisor_x' },
          { role: 'operator', subject: 'operator', name: 'Operator', key: 'cd_operator_y' },
        ],
      });
      const names = [
        'API_URL',
        'SANDBOX_URL',
        'TELEGRAM_SANDBOX_URL',
        'UI_URL',
        'TEMPORAL_ADDRESS',
        'TEMPORAL_NAMESPACE',
        'POSTMARK_WEBHOOK_USER',
        'POSTMARK_WEBHOOK_PASSWORD',
        'AGENT_KEY',
        'AGENT_ID',
        'SUPERVISOR_KEY',
        'OPERATOR_KEY',
      ];
      const out = spawnSync(
        'bash',
        ['-c', `source "$1" && printf '%s\\n' ${names.map((n) => `"$${n}"`).join(' ')}`, '_', file],
        {
          encoding: 'utf8',
          env: { PATH: process.env.PATH },
        },
      );
      assert.equal(out.status, 0, out.stderr);
      assert.deepEqual(out.stdout.split('\n').slice(0, names.length), [
        'http://localhost:4100',
        'http://localhost:4101',
        'http://localhost:4102',
        'http://localhost:8299',
        '127.0.0.1:7300',
        'default',
        'postmark',
        'pa$$ "word"',
        "cd_agent_a'b$c",
        'anna-kowalska',
        'cd_supervisor_x',
        'cd_operator_y',
      ]);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
