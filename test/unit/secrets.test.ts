// Outside development every secret comes from the environment: a production process missing any
// refuses to start with one error naming all of them, and nothing generates one per machine.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codecTokenSecret } from '../../infra/codec/token';
import { loadConfig } from '../../infra/config';
import { encryptionCodec } from '../../infra/codec';
import { linkSecret } from '../../infra/links';
import { fromRoot } from '../../infra/paths';
import { assertSecrets, deploymentEnv, missingSecrets, PRODUCTION_REQUIREMENTS } from '../../infra/secrets';

const KEK = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const complete: NodeJS.ProcessEnv = {
  COMPLAINT_DESK_ENV: 'production',
  COMPLAINT_KEKS: KEK,
  LINK_SECRET: 'a-long-random-link-secret-0123456789',
  CODEC_TOKEN_SECRET: 'a-long-random-codec-secret-0123456789',
  POSTMARK_WEBHOOK_USER: 'postmark',
  POSTMARK_WEBHOOK_PASSWORD: 'webhook-password',
  POSTMARK_SERVER_TOKEN: 'server-token',
  DATABASE_URL: 'postgres://desk@db.internal/complaint_desk',
  PUBLIC_BASE_URL: 'https://desk.example.com',
};

describe('required secrets (COMPLAINT_DESK_ENV)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is development unless told otherwise; anything but the two names is an error', () => {
    assert.equal(deploymentEnv({}), 'development');
    assert.equal(deploymentEnv({ COMPLAINT_DESK_ENV: '' }), 'development');
    assert.equal(deploymentEnv({ COMPLAINT_DESK_ENV: 'production' }), 'production');
    assert.throws(() => deploymentEnv({ COMPLAINT_DESK_ENV: 'prod' }), /"development" or "production"/);
    assert.throws(() => loadConfig({ COMPLAINT_DESK_ENV: 'staging' }), /COMPLAINT_DESK_ENV/);
    assert.equal(loadConfig({}).COMPLAINT_DESK_ENV, 'development');
  });

  it('requires nothing in development (npm run up generates what it lacks)', () => {
    assert.deepEqual(missingSecrets('worker', {}), []);
    assert.deepEqual(missingSecrets('api', { COMPLAINT_DESK_ENV: 'development' }), []);
    assert.doesNotThrow(() => assertSecrets('api', {}));
  });

  it('names every missing secret of the role in one error, with what it is for', () => {
    const env = { COMPLAINT_DESK_ENV: 'production' };
    assert.deepEqual(missingSecrets('api', env).sort(), [
      'CODEC_TOKEN_SECRET',
      'COMPLAINT_KEKS',
      'DATABASE_URL',
      'LINK_SECRET',
      'POSTMARK_SERVER_TOKEN',
      'POSTMARK_WEBHOOK_PASSWORD',
      'POSTMARK_WEBHOOK_USER',
      'PUBLIC_BASE_URL',
    ]);
    // The worker verifies no codec token and serves no webhook.
    assert.deepEqual(missingSecrets('worker', env).sort(), [
      'COMPLAINT_KEKS',
      'DATABASE_URL',
      'LINK_SECRET',
      'POSTMARK_SERVER_TOKEN',
      'PUBLIC_BASE_URL',
    ]);
    let message = '';
    try {
      assertSecrets('api', env);
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of missingSecrets('api', env)) assert.match(message, new RegExp(`\\b${name}\\b`));
    assert.match(message, /COMPLAINT_DESK_ENV=production/);
    assert.match(message, /docs\/several-machines\.md/);
    assert.equal(message.split('\n').length, 2 + PRODUCTION_REQUIREMENTS.length, 'a line per requirement');
    // Only what is missing; an empty variable counts as missing.
    const partly = { ...complete, LINK_SECRET: '', POSTMARK_WEBHOOK_USER: undefined };
    assert.deepEqual(missingSecrets('api', partly), ['LINK_SECRET', 'POSTMARK_WEBHOOK_USER']);
    assert.throws(
      () => assertSecrets('api', partly),
      (err: Error) => {
        assert.doesNotMatch(err.message, /COMPLAINT_KEKS|CODEC_TOKEN_SECRET/);
        return /LINK_SECRET/.test(err.message);
      },
    );
    assert.doesNotThrow(() => assertSecrets('api', complete));
    assert.doesNotThrow(() => assertSecrets('worker', complete));
  });

  it('never generates a secret into the data folder in production', () => {
    const prod = { COMPLAINT_DESK_ENV: 'production' };
    assert.throws(() => linkSecret(dir, prod), /LINK_SECRET is required/);
    assert.throws(() => codecTokenSecret(dir, undefined, prod), /CODEC_TOKEN_SECRET is required/);
    assert.deepEqual(fs.readdirSync(dir), [], 'nothing written');
    assert.equal(linkSecret(dir, { ...prod, LINK_SECRET: 'given-secret' }), 'given-secret');
    assert.equal(codecTokenSecret(dir, 'given-codec-secret', prod), 'given-codec-secret');
    // Development: generated once, the same on the next call.
    const dev = linkSecret(dir, {});
    assert.equal(linkSecret(dir, {}), dev);
    assert.ok(fs.existsSync(path.join(dir, 'link-secret')));
  });

  it('refuses development KEKs in production', () => {
    const saved = process.env.COMPLAINT_DESK_ENV;
    process.env.COMPLAINT_DESK_ENV = 'production';
    try {
      assert.throws(() => encryptionCodec({ keysDir: path.join(dir, 'keys') }), /COMPLAINT_KEKS is required/);
      assert.ok(!fs.existsSync(path.join(dir, 'keys')), 'no KEK generated');
      assert.ok(encryptionCodec({ keysDir: path.join(dir, 'keys'), keks: KEK }));
    } finally {
      if (saved === undefined) delete process.env.COMPLAINT_DESK_ENV;
      else process.env.COMPLAINT_DESK_ENV = saved;
    }
  });

  for (const [role, script] of [
    ['worker', 'worker/index.js'],
    ['api', 'api/server.js'],
  ] as const)
    it(`stops the ${role} at start with the list, before it touches anything`, () => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATA_DIR: dir,
        COMPLAINT_DESK_ENV: 'production',
        LOG_FORMAT: 'json',
      };
      for (const name of Object.keys(complete)) if (name !== 'COMPLAINT_DESK_ENV') delete env[name];
      env.LINK_SECRET = complete.LINK_SECRET;
      const run = spawnSync(process.execPath, [fromRoot('dist', ...script.split('/'))], {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(run.status, 1, `${run.stdout}${run.stderr}`);
      const out = run.stdout + run.stderr;
      for (const name of missingSecrets(role, env)) assert.match(out, new RegExp(name), `${name} named`);
      assert.doesNotMatch(out, /LINK_SECRET:/, 'a given secret is not listed');
      assert.deepEqual(fs.readdirSync(dir), [], 'nothing generated into DATA_DIR');
    });
});
