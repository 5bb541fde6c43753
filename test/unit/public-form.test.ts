// The pure parts of the public form and the letters: the form token, the form's HTML in every
// language, and which letter a case can print and which task it completes.
import assert from 'node:assert/strict';
import type { CaseView } from '../../domain/case';
import { letterMessage, letterOfTask } from '../../domain/letters';
import { languages } from '../../domain/types';
import { renderComplaintForm } from '../../api/public-form/render';
import { formStrings } from '../../api/public-form/strings';
import { createFormTokens } from '../../api/public-form/token';
import { renderLetterPage } from '../../api/letters/render';
import { renderMessage } from '../../domain/messages';
import { loadConfig } from '../../infra/config';

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
    tasks: [],
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

  describe('printed letters say how to reach us on paper', () => {
    // What each language's e-mail says to answer it; a letter must never say it.
    const replyByEmail: Record<string, RegExp> = {
      en: /reply to this e-mail/i,
      pl: /odpowiedz na tę wiadomość/,
      sv: /svara på det här mejlet/,
      et: /vastake (lihtsalt )?sellele kirjale/,
      he: /להשיב למייל/,
    };
    const toOurAddress: Record<string, RegExp> = {
      en: /write to us at the address at the top of this letter, quoting your reference CD-2026-ABC234/,
      pl: /napisz do nas na adres podany w nagłówku tego listu, podając numer reklamacji CD-2026-ABC234/,
      sv: /skriva? till oss på adressen överst i det här brevet och ange ärendenumret CD-2026-ABC234/,
      et: /kirjutage meile selle kirja päises toodud aadressil.*CD-2026-ABC234/,
      he: /לכתוב אלינו לכתובת שבראש מכתב זה, בציון מספר התלונה .*CD-2026-ABC234/,
    };
    const status = 'https://desk.example.com/status/tok123';
    const letterhead = {
      organisation: 'Example Shop Ltd',
      postalAddress: ['1 Market Street', 'Warsaw'],
      lines: ['care@shop.example'],
    };
    const resolved = {
      ...view,
      resolution: {
        at: '2026-11-25T12:00:00Z',
        outcome: 'rejected',
        explanation: 'e',
        apology: '',
        remedy: { kind: 'none' },
      },
    } as unknown as CaseView;
    const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&');

    for (const language of languages) {
      it(`${language}: the acknowledgement and the resolution letter send the customer to our address and the status page, not to "reply to this e-mail"`, () => {
        const v = { ...resolved, customer: { ...resolved.customer, language } };
        for (const kind of ['acknowledgement', 'resolution'] as const) {
          const page = renderLetterPage(v, kind, { letterhead, statusUrl: status });
          assert.ok(page.ok);
          const text = plain(page.html);
          assert.doesNotMatch(text, replyByEmail[language], `${language} ${kind}`);
          assert.match(text, toOurAddress[language], `${language} ${kind}`);
          for (const line of [letterhead.organisation, ...letterhead.postalAddress, ...letterhead.lines])
            assert.ok(text.includes(line), line);
          if (kind === 'acknowledgement') assert.ok(text.includes(status), 'the status page spelled out');
        }
        // The e-mail keeps its words: the customer can reply to an e-mail.
        const built = letterMessage(v, 'acknowledgement');
        assert.ok(built.ok);
        const email = renderMessage(built.message, { language, timeZone: 'UTC' });
        assert.match(email.text, replyByEmail[language]);
      });
    }

    it('seed 003: every message to a letter complainant prints from its task, to the postal address (a fax complainant’s names the fax number)', () => {
      const diagnosisTask = {
        id: 'T4',
        kind: 'write',
        reason: 'paper',
        purpose: 'diagnosis',
        createdAt: '2026-11-21T09:00:00Z',
        message: {
          kind: 'diagnosis',
          customerName: 'Maria',
          reference: 'CD-2026-ABC234',
          ownerName: 'Anna Nowak',
          summary: 'The courier dropped the parcel.',
          expectedResolutionBy: '2026-11-30T12:00:00Z',
          apology: 'I am sorry it arrived broken.',
        },
      };
      assert.equal(
        letterOfTask(diagnosisTask as never),
        'T4',
        'a task carrying its message is its own letter',
      );
      const letterCase = {
        ...view,
        channel: 'letter',
        customer: { ...view.customer, postalAddress: { lines: ['ul. Długa 1', '00-001 Warszawa'] } },
        tasks: [diagnosisTask],
      } as unknown as CaseView;
      const page = renderLetterPage(letterCase, 'T4', { letterhead, statusUrl: status });
      assert.ok(page.ok);
      const recipient = /<address class="recipient">([\s\S]*?)<\/address>/.exec(page.html)![1];
      assert.ok(plain(recipient).includes('ul. Długa 1') && plain(recipient).includes('00-001 Warszawa'));
      const text = plain(page.html);
      assert.ok(
        text.includes('The courier dropped the parcel.') && text.includes('I am sorry it arrived broken.'),
      );
      assert.doesNotMatch(text, replyByEmail.en);
      assert.equal(renderLetterPage(letterCase, 'T9', { letterhead }).ok, false, 'no such letter');
      const faxCase = {
        ...letterCase,
        channel: 'fax',
        customer: { ...view.customer, fax: '+48 22 555 01 23' },
      } as unknown as CaseView;
      const faxed = renderLetterPage(faxCase, 'T4', { letterhead });
      assert.ok(faxed.ok && faxed.html.includes('+48 22 555 01 23'));
    });

    it('the letterhead comes from the configuration, with a default; our postal address is the policy’s', () => {
      assert.deepEqual(loadConfig({}).letterhead, {
        organisation: 'Complaint Desk',
        lines: ['complaints@complaint-desk.test'],
      });
      assert.deepEqual(
        loadConfig({
          LETTERHEAD_ORGANISATION: 'Example Shop Ltd',
          LETTERHEAD_CONTACT: 'care@shop.example;+48 22 100 00 00',
        }).letterhead,
        { organisation: 'Example Shop Ltd', lines: ['care@shop.example', '+48 22 100 00 00'] },
      );
      assert.equal(
        loadConfig({ POSTMARK_INBOUND_ADDRESS: 'in@shop.example' }).letterhead.lines[0],
        'in@shop.example',
      );
      // The address moved to the policy: set here it would silently print no address, so it stops the start.
      assert.throws(
        () => loadConfig({ LETTERHEAD_ADDRESS: '1 Market Street; 00-001 Warsaw' }),
        /LETTERHEAD_ADDRESS: our postal address moved to the policy: "organisation": \{ "postalAddress"/,
      );
    });
  });
});
