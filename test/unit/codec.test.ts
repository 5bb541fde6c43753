// The encryption codec and its key store, without Temporal: per-case keys found from the metadata
// alone, pass-through of clear payloads, KEK rotation, crypto-shredding, several processes sharing
// the key folder, and the failure converter that hands messages to the codec.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { encode as encodeWithCodecs } from '@temporalio/common/lib/internal-non-workflow';
import { ApplicationFailure } from '@temporalio/common';
import {
  CaseKeyDestroyedError,
  CaseKeyError,
  caseKeyId,
  EncryptionCodec,
  fileCaseKeyStore,
  isEncrypted,
  PayloadDecryptionError,
  SHARED_KEY_ID,
} from '../../infra/codec';
import { failureConverter } from '../../infra/codec/failure-converter';
import { developmentKeyring, fixedKeyring, parseKeks } from '../../infra/codec/keyring';
import { createCodecTokens } from '../../infra/codec/token';
import { tempDir } from '../helpers/stack';

const ctx = (workflowId: string) => ({ type: 'workflow' as const, namespace: 'default', workflowId });
const meta = (p: Payload, k: string) => Buffer.from(p.metadata?.[k] ?? []).toString('utf8');
const value = { name: 'Zofia Wiśniewska', email: 'zofia@example.com' };

function codecIn(dir: string, kekId = 'dev-1', revalidateMs = 1000): EncryptionCodec {
  return new EncryptionCodec(fileCaseKeyStore(dir, developmentKeyring(dir, kekId), revalidateMs));
}

describe('payload encryption codec', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('codec-unit')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('encrypts with the case key named in the metadata, and decodes from the metadata alone', async () => {
    const codec = codecIn(dir);
    const clear = defaultPayloadConverter.toPayload(value);
    const [sealed] = await codec.encode([clear], ctx('complaint-a'));
    assert.ok(isEncrypted(sealed));
    assert.equal(meta(sealed, 'encryption-key-id'), caseKeyId('complaint-a'));
    assert.deepEqual(Object.keys(sealed.metadata!).sort(), ['encoding', 'encryption-key-id']);
    assert.ok(!Buffer.from(sealed.data!).toString('latin1').includes('Zofia'));
    // Another process (a fresh codec on the same folder), with no context at all, as the Web UI calls.
    const [opened] = await codecIn(dir).decode([sealed]);
    assert.deepEqual(defaultPayloadConverter.fromPayload(opened), value);
    assert.equal(meta(opened, 'encoding'), 'json/plain');
  });

  it('gives every case its own key, and payloads without a workflow the shared key', async () => {
    const codec = codecIn(dir);
    const p = defaultPayloadConverter.toPayload(value);
    const [a] = await codec.encode([p], ctx('complaint-a'));
    const [b] = await codec.encode([p], {
      type: 'activity',
      namespace: 'default',
      workflowId: 'complaint-b',
      isLocal: false,
    });
    const [none] = await codec.encode([p]);
    assert.notEqual(meta(a, 'encryption-key-id'), meta(b, 'encryption-key-id'));
    assert.equal(meta(b, 'encryption-key-id'), caseKeyId('complaint-b'));
    assert.equal(meta(none, 'encryption-key-id'), SHARED_KEY_ID);
    // A's ciphertext relabelled as B's does not open: the key id is bound in.
    const moved = {
      ...a,
      metadata: { ...a.metadata, 'encryption-key-id': b.metadata!['encryption-key-id'] },
    };
    await assert.rejects(codec.decode([moved]), PayloadDecryptionError);
  });

  it('passes through payloads that are not encrypted (the frozen type, old histories)', async () => {
    const clear = defaultPayloadConverter.toPayload({ old: true });
    const [out] = await codecIn(dir).decode([clear]);
    assert.equal(out, clear);
  });

  it('refuses an altered payload or an unknown key id with a clear error, never garbage', async () => {
    const codec = codecIn(dir);
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(value)], ctx('complaint-a'));
    const data = Buffer.from(sealed.data!);
    data[20] ^= 1;
    await assert.rejects(codec.decode([{ ...sealed, data }]), PayloadDecryptionError);
    const unknown = {
      ...sealed,
      metadata: { ...sealed.metadata, 'encryption-key-id': Buffer.from('../../etc/passwd') },
    };
    await assert.rejects(
      codec.decode([unknown]),
      (e: unknown) => e instanceof CaseKeyError && e.code === 'case-key-missing',
    );
  });

  it('keeps keys in 0600 files in 0700 folders, wrapped (the data key never on disk in clear)', async () => {
    const store = fileCaseKeyStore(dir, developmentKeyring(dir));
    const { id, key } = await store.keyForEncode('complaint-a');
    for (const folder of [dir, path.join(dir, 'cases'), path.join(dir, 'kek')])
      assert.equal(fs.statSync(folder).mode & 0o777, 0o700, folder);
    for (const file of [path.join(dir, 'cases', `${id}.json`), path.join(dir, 'kek', 'dev-1.key')])
      assert.equal(fs.statSync(file).mode & 0o777, 0o600, file);
    const stored = fs.readFileSync(path.join(dir, 'cases', `${id}.json`), 'utf8');
    assert.ok(!stored.includes(key.toString('base64')));
    assert.equal((JSON.parse(stored) as { kek: string }).kek, 'dev-1');
  });

  it('agrees on one key when several stores (as in several processes) create the same case key at once', async () => {
    const stores = Array.from({ length: 6 }, () => fileCaseKeyStore(dir, developmentKeyring(dir)));
    const keys = await Promise.all(stores.map((s) => s.keyForEncode('complaint-race')));
    for (const k of keys) assert.ok(k.key.equals(keys[0].key));
    assert.deepEqual(
      fs.readdirSync(path.join(dir, 'cases')),
      [`${caseKeyId('complaint-race')}.json`],
      'no temporary files left behind',
    );
  });

  it('rotates KEKs: new cases wrap with the current KEK, older keys still unwrap with theirs', async () => {
    const [before] = await codecIn(dir, 'dev-1').encode(
      [defaultPayloadConverter.toPayload(1)],
      ctx('complaint-old'),
    );
    const rotated = codecIn(dir, 'dev-2');
    const [after] = await rotated.encode([defaultPayloadConverter.toPayload(2)], ctx('complaint-new'));
    const kekOf = (wf: string) =>
      (
        JSON.parse(fs.readFileSync(path.join(dir, 'cases', `${caseKeyId(wf)}.json`), 'utf8')) as {
          kek: string;
        }
      ).kek;
    assert.equal(kekOf('complaint-old'), 'dev-1');
    assert.equal(kekOf('complaint-new'), 'dev-2');
    assert.deepEqual(
      (await rotated.decode([before, after])).map((p) => defaultPayloadConverter.fromPayload(p)),
      [1, 2],
    );

    // Configured KEKs (production): without the old KEK, its cases say exactly what is missing.
    const dev2 = Buffer.from(fs.readFileSync(path.join(dir, 'kek', 'dev-2.key'), 'utf8'), 'base64');
    const onlyNew = new EncryptionCodec(fileCaseKeyStore(dir, fixedKeyring(new Map([['dev-2', dev2]]))));
    await onlyNew.decode([after]);
    await assert.rejects(
      onlyNew.decode([before]),
      (e: unknown) => e instanceof CaseKeyError && e.code === 'kek-unavailable' && /dev-1/.test(e.message),
    );
  });

  it('crypto-shreds a case: after destroyCaseKey its payloads fail with CaseKeyDestroyedError, in every process', async () => {
    const api = codecIn(dir);
    // Another process, with the key already cached; it re-checks the file after revalidateMs (here 0).
    const worker = codecIn(dir, 'dev-1', 0);
    const [sealed] = await api.encode([defaultPayloadConverter.toPayload(value)], ctx('complaint-gone'));
    const [other] = await api.encode([defaultPayloadConverter.toPayload(value)], ctx('complaint-kept'));
    await worker.decode([sealed]);
    await api.keys.destroyCaseKey('complaint-gone');
    for (const codec of [api, worker, codecIn(dir)]) {
      await assert.rejects(codec.decode([sealed]), CaseKeyDestroyedError);
      await assert.rejects(
        codec.encode([defaultPayloadConverter.toPayload(1)], ctx('complaint-gone')),
        CaseKeyDestroyedError,
      );
      await codec.decode([other]); // other cases are untouched
    }
    await api.keys.destroyCaseKey('complaint-gone'); // idempotent
  });

  it('parses COMPLAINT_KEKS and names what is wrong without printing keys', () => {
    const k = crypto.randomBytes(32).toString('base64');
    assert.deepEqual([...parseKeks(`a:${k}, b:${k}`).keys()], ['a', 'b']);
    assert.throws(() => parseKeks('a:short'), /"a": the key must be 32 bytes/);
    assert.throws(() => parseKeks(k), /entry 1: expected "id:base64-key"/);
    assert.throws(() => fixedKeyring(parseKeks(`a:${k},b:${k}`)), /COMPLAINT_KEK_ID must name/);
    assert.throws(() => fixedKeyring(parseKeks(`a:${k}`), 'c'), /"c" is not in COMPLAINT_KEKS/);
  });

  it('encodes failure messages and stack traces into a payload the codec encrypts', async () => {
    const failure = failureConverter.errorToFailure(
      ApplicationFailure.nonRetryable('zofia@example.com is not reachable'),
      defaultPayloadConverter,
    );
    assert.equal(failure.message, 'Encoded failure');
    assert.ok(!failure.stackTrace);
    assert.ok(failure.encodedAttributes, 'message and stack trace moved into a payload');
    const [sealed] = await encodeWithCodecs([codecIn(dir)], [failure.encodedAttributes], ctx('complaint-a'));
    assert.ok(isEncrypted(sealed));
  });
});

describe('codec URL tokens', () => {
  const tokens = createCodecTokens('a-secret-of-sufficient-length');
  it('grant a role until they expire, and nothing when altered or signed elsewhere', () => {
    const now = Date.UTC(2026, 10, 1);
    const { token, expiresAt } = tokens.mint({ subject: 'op', role: 'operator', keyId: '0123456789abcdef' }, 3600_000, now);
    assert.deepEqual(tokens.verify(token, now), {
      ok: true,
      grant: { subject: 'op', role: 'operator', keyId: '0123456789abcdef', expiresAt },
    });
    assert.deepEqual(tokens.verify(token, expiresAt), { ok: false, reason: 'expired' });
    assert.equal(createCodecTokens('another-secret-entirely').verify(token, now).ok, false);
    const [p, body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ s: 'op', r: 'operator', e: 4e9 })).toString('base64url');
    assert.deepEqual(tokens.verify(`${p}.${forged}.${sig}`, now), { ok: false, reason: 'bad-signature' });
    assert.deepEqual(tokens.verify(`${p}.${body}`, now), { ok: false, reason: 'malformed' });
  });
});
