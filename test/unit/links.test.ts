// Customer links: signed, expiring, and with a purpose; links made before purposes existed keep working.
import { strict as assert } from 'node:assert';
import crypto from 'node:crypto';
import { createLinkSigner } from '../../infra/links';

describe('customer links', () => {
  const signer = createLinkSigner('test-secret');

  it('signs status and survey links that verify with their purpose', () => {
    const status = signer.verify(signer.sign('c123456'));
    const survey = signer.verify(signer.sign('c123456', undefined, undefined, 'survey'));
    assert.ok(status.ok && survey.ok);
    assert.equal(status.purpose, 'status');
    assert.equal(survey.purpose, 'survey');
    assert.equal(survey.caseId, 'c123456');
  });

  it('reads a token made before purposes existed as a status link, until it expires', () => {
    // The old format: {c, e} only, signed the same way.
    const body = Buffer.from(
      JSON.stringify({ c: 'c123456', e: Math.floor(Date.now() / 1000) + 3600 }),
    ).toString('base64url');
    const sig = crypto.createHmac('sha256', 'test-secret').update(body).digest('base64url');
    const old = signer.verify(`${body}.${sig}`);
    assert.ok(old.ok);
    assert.equal(old.purpose, 'status');
    assert.deepEqual(signer.verify(`${body}.${sig}`, Date.now() + 2 * 3_600_000), {
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses an unknown purpose and an edited one', () => {
    const forge = (payload: object, secret = 'test-secret') => {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${body}.${crypto.createHmac('sha256', secret).update(body).digest('base64url')}`;
    };
    const e = Math.floor(Date.now() / 1000) + 3600;
    assert.deepEqual(signer.verify(forge({ c: 'c1', e, p: 'admin' })), { ok: false, reason: 'malformed' });
    // A survey link edited into a status link no longer carries a valid signature.
    const survey = signer.sign('c1', undefined, undefined, 'survey');
    const [, sig] = survey.split('.');
    const edited = `${Buffer.from(JSON.stringify({ c: 'c1', e })).toString('base64url')}.${sig}`;
    assert.deepEqual(signer.verify(edited), { ok: false, reason: 'bad-signature' });
  });
});
