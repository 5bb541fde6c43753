// The pure parts of the public form and the letters: the form token, the form's HTML in every
// language, and which letter a case can print and which task it completes.
import assert from 'node:assert/strict';
import type { CaseView } from '../../domain/case';
import { letterMessage, letterOfTask } from '../../domain/letters';
import { languages } from '../../domain/types';
import { renderComplaintForm } from '../../api/public-form/render';
import { formStrings } from '../../api/public-form/strings';
import { createFormTokens } from '../../api/public-form/token';

describe('public form token', () => {
  const tokens = createFormTokens('secret');
  const now = Date.parse('2026-11-27T10:00:00Z');

  it('carries a nonce and the time the form was shown', () => {
    const token = tokens.issue(now);
    const verified = tokens.verify(token, now + 5000);
    assert.ok(verified.ok);
    assert.equal(verified.issuedAt, now);
    assert.equal(verified.nonce, token.split('.')[0]);
    assert.notEqual(tokens.issue(now).split('.')[0], verified.nonce, 'every form gets its own nonce');
  });

  it('refuses a tampered, foreign, future or day-old token', () => {
    const token = tokens.issue(now);
    const [nonce, time, mac] = token.split('.');
    assert.equal(
      tokens.verify(`${nonce}.${(now - 60_000).toString(36)}.${mac}`, now).ok,
      false,
      'an earlier time',
    );
    assert.equal(createFormTokens('other').verify(token, now).ok, false, 'another secret');
    assert.equal(tokens.verify(`${nonce}.${time}`, now).ok, false);
    assert.deepEqual(tokens.verify(tokens.issue(now + 3600_000), now), { ok: false, reason: 'expired' });
    assert.deepEqual(tokens.verify(token, now + 25 * 3600_000), { ok: false, reason: 'expired' });
  });
});

describe('public form page', () => {
  for (const language of languages) {
    it(`is complete in ${language}, with lang and dir`, () => {
      const s = formStrings[language];
      for (const [key, value] of Object.entries(s as unknown as Record<string, string>))
        assert.ok(value.trim() !== '', `${language}.${key}`);
      const html = renderComplaintForm({
        language,
        token: 't',
        attachments: { files: 3, fileBytes: 2e6, totalBytes: 5e6 },
      });
      assert.ok(html.includes(`<html lang="${language}" dir="${language === 'he' ? 'rtl' : 'ltr'}">`));
      assert.ok(html.includes('enctype="multipart/form-data"'));
      assert.ok(!/<script/i.test(html), 'no script');
      for (const field of ['name', 'email', 'phone', 'order', 'description', 'attachments'])
        assert.ok(html.includes(`<label for="${field}">`), `${language}: a label for ${field}`);
    });
  }

  it('escapes what the customer typed and marks the fields to fix', () => {
    const html = renderComplaintForm({
      language: 'en',
      token: 't',
      values: { name: '"><script>alert(1)</script>', description: '</textarea><b>x</b>' },
      errors: [{ field: 'email', message: formStrings.en.errContact }],
    });
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(html.includes('&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;</textarea>'));
    assert.match(html, /id="email"[^>]*aria-invalid="true"/);
    assert.ok(!html.includes('type="file"'), 'no file input without an attachment store');
  });
});

describe('letters', () => {
  const view = {
    reference: 'CD-2026-ABC234',
    customer: { name: 'Maria', language: 'en' },
    owner: { id: 'anna', name: 'Anna Nowak', email: 'a@example.com' },
    receivedAt: '2026-11-20T09:00:00Z',
    clocks: { diagnosis: { name: 'diagnosis', dueAt: '2026-11-21T09:00:00Z', state: 'pending' } },
    timeline: [
      {
        at: '2026-11-20T09:00:00Z',
        kind: 'received',
        text: 'x',
        customerVisible: true,
        customerKind: 'received',
      },
    ],
  } as unknown as CaseView;

  it('a write task for the formal acknowledgement or the written outcome is a letter; calls are not', () => {
    assert.equal(letterOfTask({ kind: 'write', purpose: 'formal-acknowledgement' }), 'acknowledgement');
    assert.equal(letterOfTask({ kind: 'write', purpose: 'acknowledgement' }), 'acknowledgement');
    assert.equal(letterOfTask({ kind: 'write', purpose: 'resolution-letter' }), 'resolution');
    assert.equal(letterOfTask({ kind: 'call', purpose: 'resolution-letter' }), undefined);
    assert.equal(letterOfTask({ kind: 'write', purpose: 'survey-1' }), undefined);
  });

  it('the acknowledgement promises the diagnosis deadline; the resolution letter needs a resolution', () => {
    const ack = letterMessage(view, 'acknowledgement');
    assert.ok(ack.ok && ack.message.kind === 'acknowledgement');
    assert.equal(ack.message.nextContactBy, '2026-11-21T09:00:00Z');
    assert.equal(letterMessage(view, 'resolution').ok, false);
  });

  it('a voucher runs from the day the letter went out', () => {
    const resolved = {
      ...view,
      resolution: {
        at: '2026-11-25T12:00:00Z',
        outcome: 'upheld',
        explanation: 'e',
        apology: 'a',
        remedy: { kind: 'voucher', percent: 10, validityDays: 30 },
      },
      letterSentAt: '2026-11-26T12:00:00Z',
    } as unknown as CaseView;
    const letter = letterMessage(resolved, 'resolution');
    assert.ok(letter.ok && letter.message.kind === 'resolutionLetter');
    assert.deepEqual(letter.message.remedy, {
      kind: 'voucher',
      percent: 10,
      validityDays: 30,
      validUntil: '2026-12-26T12:00:00.000Z',
    });
    assert.deepEqual(
      letter.message.timeline.map((e) => e.kind),
      ['received'],
    );
  });
});
