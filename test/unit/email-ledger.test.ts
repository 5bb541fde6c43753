import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileEmailLedger } from '../../activities/email-ledger';
import { prepareDevelopmentKeys } from '../../api/keys';
import { ensurePrivateDir, persistentSecret, writeFileAtomic } from '../../infra/files';

const info = { caseId: 'C-1', to: 'dana@example.com', tag: 'acknowledgement', subject: 'Hi' };

describe('FileEmailLedger', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'email-ledger-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('records sending, then sent, durably across instances', async () => {
    const ledger = new FileEmailLedger(path.join(dir, 'ledger'));
    assert.equal(await ledger.get('C-1:ack:1'), undefined);

    const sending = await ledger.markSending('C-1:ack:1', info);
    assert.equal(sending.status, 'sending');
    assert.equal(sending.attempts, 1);
    assert.equal((await ledger.markSending('C-1:ack:1', info)).attempts, 2);

    await ledger.markSent('C-1:ack:1', 'msg-1', info);
    const reopened = await new FileEmailLedger(path.join(dir, 'ledger')).get('C-1:ack:1');
    assert.equal(reopened?.status, 'sent');
    assert.equal(reopened?.messageId, 'msg-1');
    assert.equal(reopened?.attempts, 2);
    assert.equal(reopened?.caseId, 'C-1');
    assert.equal(reopened?.firstAttemptAt, sending.firstAttemptAt);
    // Atomic writes leave no temporary files behind.
    assert.deepEqual(
      fs.readdirSync(path.join(dir, 'ledger')).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  it('keeps keys with any characters apart', async () => {
    const ledger = new FileEmailLedger(dir);
    await ledger.markSent('a/b:c', 'm1', info);
    await ledger.markSent('a_b_c', 'm2', info);
    assert.equal((await ledger.get('a/b:c'))?.messageId, 'm1');
    assert.equal((await ledger.get('a_b_c'))?.messageId, 'm2');
  });

  it('records a refusal with its error', async () => {
    const ledger = new FileEmailLedger(dir);
    await ledger.markSending('k', info);
    const entry = await ledger.markRejected('k', 'inactive', info);
    assert.equal(entry.status, 'rejected');
    assert.equal(entry.lastError, 'inactive');
  });

  it('reads an unreadable entry as "sending" (outcome unknown), never as "not sent"', async () => {
    const ledger = new FileEmailLedger(dir);
    fs.writeFileSync(ledger.fileFor('k'), '{"half');
    assert.equal((await ledger.get('k'))?.status, 'sending');
  });

  it('runs withLock callbacks for one key one at a time, other keys in parallel', async () => {
    const ledger = new FileEmailLedger(dir);
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`${name}:start`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`${name}:end`);
      return name;
    };
    const results = await Promise.all([
      ledger.withLock('k', task('a', 30)),
      ledger.withLock('k', task('b', 1)),
      ledger.withLock('other', task('c', 1)),
    ]);
    assert.deepEqual(results, ['a', 'b', 'c']);
    assert.ok(events.indexOf('a:end') < events.indexOf('b:start'), events.join(' '));
    assert.ok(events.indexOf('c:end') < events.indexOf('a:end'), events.join(' '));
  });

  it('keeps the lock usable after a callback throws', async () => {
    const ledger = new FileEmailLedger(dir);
    await assert.rejects(
      ledger.withLock('k', () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await ledger.withLock('k', () => Promise.resolve(42)), 42);
  });
});

describe('private data files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'private-files-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const mode = (p: string) => fs.statSync(p).mode & 0o777;

  it('the ledger is a 0700 folder of 0600 files', async () => {
    const ledger = new FileEmailLedger(path.join(dir, 'data', 'email-ledger'));
    await ledger.markSending('C-1:ack:1', info);
    assert.equal(mode(path.join(dir, 'data', 'email-ledger')), 0o700);
    assert.equal(mode(ledger.fileFor('C-1:ack:1')), 0o600);
  });

  it('atomic writes make 0600 files; secrets live 0600 in 0700 folders, an open data folder is narrowed', async () => {
    const file = path.join(dir, 'f.json');
    await writeFileAtomic(file, '{}');
    assert.equal(mode(file), 0o600);
    const data = path.join(dir, 'data');
    persistentSecret(data, 'link-secret');
    assert.equal(mode(data), 0o700);
    assert.equal(mode(path.join(data, 'link-secret')), 0o600);
    const open = path.join(dir, 'open');
    fs.mkdirSync(open, { mode: 0o755 });
    fs.chmodSync(open, 0o755);
    ensurePrivateDir(open);
    assert.equal(mode(open), 0o700);
  });

  it('development API keys are 0600 files in a 0700 folder', () => {
    const data = path.join(dir, 'keys-data');
    const keys = prepareDevelopmentKeys(data, [{ role: 'operator', subject: 'operator', name: 'Operator' }]);
    assert.equal(mode(data), 0o700);
    assert.equal(mode(keys.file), 0o600);
    // Their hashes go into the case store (storeDevelopmentKeys), not into a file.
    assert.ok(!fs.existsSync(path.join(data, 'api-keys.json')));
  });
});
