import { strict as assert } from 'node:assert';
import {
  customerMessageKinds,
  formatDate,
  formatDay,
  isRightToLeft,
  languages,
  localeFor,
  MessageRenderError,
  messageKinds,
  renderLetter,
  renderMessage,
  staffMessageKinds,
  templateFor,
  type CustomerMessage,
  type CustomerMessageKind,
  type Language,
  type Message,
  type MessageOf,
  type RenderedMessage,
  type StaffMessage,
  type StaffMessageKind,
} from '../../domain/messages';

const REF = 'CD-2026-000123';
const CUSTOMER = 'Maria Tamm';
const OWNER = 'Piotr Zieliński';
const ZONE = 'Europe/Warsaw';
const STATUS = 'https://desk.example.com/status/abc123';

const base = { customerName: CUSTOMER, reference: REF, ownerName: OWNER, statusUrl: STATUS };

const customerFixtures: { [K in CustomerMessageKind]: MessageOf<K>[] } = {
  acknowledgement: [
    {
      ...base,
      kind: 'acknowledgement',
      ownerRole: 'Complaints specialist',
      receivedAt: '2026-03-05T09:15:00Z',
      nextContactBy: '2026-03-06T09:15:00Z',
    },
    {
      ...base,
      kind: 'acknowledgement',
      receivedAt: '2026-03-05T09:15:00Z',
      nextContactBy: '2026-03-06T09:15:00Z',
    },
  ],
  diagnosis: [
    {
      ...base,
      kind: 'diagnosis',
      summary: 'The parcel was damaged in transit.\n\nThe courier has confirmed it.',
      expectedResolutionBy: '2026-03-12T16:00:00Z',
    },
    {
      ...base,
      kind: 'diagnosis',
      summary: 'The courier dropped the parcel.',
      expectedResolutionBy: '2026-03-12T16:00:00Z',
      apology: 'I am truly sorry you had to unpack a broken lamp on your birthday.',
    },
  ],
  diagnosisDelay: [
    {
      ...base,
      kind: 'diagnosisDelay',
      promisedBy: '2026-03-06T09:15:00Z',
      newContactBy: '2026-03-07T09:15:00Z',
    },
  ],
  reopenNotice: [{ ...base, kind: 'reopenNotice', nextContactBy: '2026-03-21T10:00:00Z' }],
  questions: [
    {
      ...base,
      kind: 'questions',
      questions: ['What is your order number?', 'Could you send a photo of the label?'],
      answerBy: '2026-03-09T16:00:00Z',
    },
    {
      ...base,
      kind: 'questions',
      questions: ['When did it arrive?'],
      answerBy: '2026-03-09T16:00:00Z',
      replyHint: 'email-or-status-page',
    },
  ],
  questionsReminder: [
    {
      ...base,
      kind: 'questionsReminder',
      questions: ['What is your order number?'],
      answerBy: '2026-03-09T16:00:00Z',
      replyHint: 'status-page',
    },
    {
      ...base,
      kind: 'questionsReminder',
      questions: ['What is your order number?'],
      answerBy: '2026-03-09T16:00:00Z',
      reopenUntil: '2026-03-23T16:00:00Z',
    },
  ],
  noResponseClosure: [
    { ...base, kind: 'noResponseClosure' },
    { ...base, kind: 'noResponseClosure', reopenUntil: '2026-03-30T10:00:00Z' },
  ],
  progressUpdate: [
    {
      ...base,
      kind: 'progressUpdate',
      message: 'The warehouse is checking the batch.',
      expectedResolutionBy: '2026-03-12T16:00:00Z',
      sentBy: 'owner',
    },
    {
      ...base,
      kind: 'progressUpdate',
      message: '',
      expectedResolutionBy: '2026-03-12T16:00:00Z',
      sentBy: 'system',
    },
    {
      ...base,
      kind: 'progressUpdate',
      message: 'The courier replied.',
      expectedResolutionBy: '2026-03-12T16:00:00Z',
      sentBy: 'system',
    },
  ],
  delayNotice: [
    {
      ...base,
      kind: 'delayNotice',
      promisedBy: '2026-03-12T16:00:00Z',
      newExpectedBy: '2026-03-19T16:00:00Z',
    },
    { ...base, kind: 'delayNotice', promisedBy: '2026-03-12T16:00:00Z' },
  ],
  extensionNotice: [
    {
      ...base,
      kind: 'extensionNotice',
      newExpectedBy: '2026-03-19T16:00:00Z',
      reason: 'The manufacturer needs a week to test the device.',
    },
  ],
  resolutionLetter: [
    {
      ...base,
      kind: 'resolutionLetter',
      receivedAt: '2026-03-05T09:15:00Z',
      outcome: 'upheld',
      explanation: 'The device was faulty on delivery.',
      apology: 'I am sorry for the trouble this caused you.',
      remedy: {
        kind: 'voucher',
        percent: 15,
        validityDays: 90,
        validUntil: '2026-06-10T12:00:00Z',
        code: 'SORRY-15',
        value: { amount: 60, currency: 'PLN' },
      },
      howToUseRemedy: 'Enter the code at checkout.',
      timeline: [
        { at: '2026-03-06T08:00:00Z', kind: 'diagnosis', text: 'The parcel was damaged in transit.' },
        { at: '2026-03-05T09:15:00Z', kind: 'received' },
        { at: '2026-03-10T12:30:00Z', kind: 'call' },
        { at: '2026-03-10T13:00:00Z', kind: 'decision' },
      ],
      disagreementRoute: 'Consumer ombudsman, https://ombudsman.example.org',
    },
    {
      ...base,
      kind: 'resolutionLetter',
      receivedAt: '2026-03-05T09:15:00Z',
      outcome: 'partially-upheld',
      explanation: 'Part of the order arrived late.',
      apology: 'I apologise for the delay.',
      remedy: { kind: 'refund', amount: 123.5, currency: 'EUR' },
      timeline: [{ at: '2026-03-05T09:15:00Z', kind: 'received' }],
      disagreementRoute: 'Consumer ombudsman',
    },
    {
      ...base,
      kind: 'resolutionLetter',
      receivedAt: '2026-03-05T09:15:00Z',
      outcome: 'rejected',
      explanation: 'The damage was caused after delivery.',
      apology: '',
      remedy: { kind: 'none' },
      timeline: [{ at: '2026-03-05T09:15:00Z', kind: 'received' }],
      disagreementRoute: 'Consumer ombudsman',
    },
    ...(['replacement', 'repair'] as const).map((kind): MessageOf<'resolutionLetter'> => ({
      ...base,
      kind: 'resolutionLetter',
      receivedAt: '2026-03-05T09:15:00Z',
      outcome: 'upheld',
      explanation: 'The device was faulty.',
      apology: 'Sorry.',
      remedy: { kind },
      timeline: [{ at: '2026-03-05T09:15:00Z', kind: 'received' }],
      disagreementRoute: 'Consumer ombudsman',
    })),
  ],
  surveyInvitation: [
    { ...base, kind: 'surveyInvitation', surveyUrl: 'https://desk.example.com/survey/abc' },
    { ...base, kind: 'surveyInvitation', surveyUrl: 'https://desk.example.com/survey/abc', round: 2 },
  ],
  surveyReminder: [{ ...base, kind: 'surveyReminder', surveyUrl: 'https://desk.example.com/survey/abc' }],
  followUpNotice: [{ ...base, kind: 'followUpNotice', followUpBy: '2026-03-20T10:00:00Z' }],
  withdrawalConfirmation: [
    { ...base, kind: 'withdrawalConfirmation' },
    { ...base, kind: 'withdrawalConfirmation', reopenUntil: '2026-03-30T10:00:00Z' },
  ],
  reassignmentNotice: [
    {
      customerName: CUSTOMER,
      reference: REF,
      statusUrl: STATUS,
      kind: 'reassignmentNotice',
      newOwnerName: OWNER,
      previousOwnerName: 'Liis Kask',
    },
  ],
};

const staffFixtures: { [K in StaffMessageKind]: MessageOf<K>[] } = {
  newCase: [
    {
      kind: 'newCase',
      ownerName: OWNER,
      reference: REF,
      customerName: CUSTOMER,
      category: 'delivery',
      priority: 'high',
      channel: 'fax',
      customerLanguage: 'pl',
      receivedAt: '2026-03-05T08:00:00Z',
      acknowledgementDueBy: '2026-03-05T12:00:00Z',
      diagnosisDueBy: '2026-03-06T08:00:00Z',
      caseUrl: 'https://desk.example.com/console/cases/1',
    },
  ],
  callTask: (
    ['no-email', 'bounced', 'callback-on-intake', 'resolution-call', 'paper', 'other'] as const
  ).flatMap((reason) => [
    {
      kind: 'callTask' as const,
      ownerName: OWNER,
      reference: REF,
      reason,
      customerName: CUSTOMER,
      customerPhone: '+48 600 100 200',
      dueBy: '2026-03-06T09:00:00Z',
      note: 'Call the customer with the outcome (upheld).',
      caseUrl: 'https://desk.example.com/cases/1',
    },
    { kind: 'callTask' as const, ownerName: OWNER, reference: REF, reason, customerName: CUSTOMER },
  ]),
  escalation: [
    {
      kind: 'escalation',
      recipientName: 'Eva Lind',
      reference: REF,
      level: 2,
      levelName: 'Supervisor',
      reason: 'The promised resolution date passed.',
      ownerName: OWNER,
    },
  ],
  customerMessageNotice: [
    { kind: 'customerMessageNotice', ownerName: OWNER, reference: REF, excerpt: 'Any news?\nThanks, Maria' },
  ],
  unverifiedMessageNotice: [
    {
      kind: 'unverifiedMessageNotice',
      ownerName: OWNER,
      reference: REF,
      sender: 'someone@example.net',
      reason: 'other-sender',
      excerpt: 'Refund to account 123, thanks.',
    },
    {
      kind: 'unverifiedMessageNotice',
      ownerName: OWNER,
      reference: REF,
      sender: 'maria@example.com',
      reason: 'retired-address',
      excerpt: 'Any news?',
    },
  ],
  statutoryWarning: [
    { kind: 'statutoryWarning', ownerName: OWNER, reference: REF, deadline: '2026-03-19T23:00:00Z' },
  ],
  overdueReminder: [
    {
      kind: 'overdueReminder',
      recipientName: 'Eva Lind',
      reference: REF,
      ownerName: OWNER,
      what: 'the diagnosis promise is',
      overdueSince: '2026-03-19T23:00:00Z',
    },
  ],
  statutoryBreach: [
    {
      kind: 'statutoryBreach',
      recipientName: 'Eva Lind',
      reference: REF,
      deadline: '2026-03-19T23:00:00Z',
      consequence: 'deemed-accepted',
    },
    {
      kind: 'statutoryBreach',
      recipientName: 'Eva Lind',
      reference: REF,
      deadline: '2026-03-19T23:00:00Z',
      consequence: 'breach-recorded',
    },
  ],
  approvalRequest: [
    {
      kind: 'approvalRequest',
      supervisorName: 'Eva Lind',
      reference: REF,
      ownerName: OWNER,
      what: 'A refund of 900 EUR, above the 500 EUR cap.',
      caseUrl: 'https://desk.example.com/cases/1',
    },
  ],
  followUpOpened: [
    {
      kind: 'followUpOpened',
      recipientName: 'Eva Lind',
      reference: REF,
      ownerName: OWNER,
      score: 2,
      comment: 'It took too long.',
      followUpBy: '2026-03-20T10:00:00Z',
    },
    {
      kind: 'followUpOpened',
      recipientName: 'Eva Lind',
      reference: REF,
      ownerName: OWNER,
      followUpBy: '2026-03-20T10:00:00Z',
    },
  ],
};

const allCustomer: CustomerMessage[] = customerMessageKinds.flatMap(
  (k) => customerFixtures[k] as CustomerMessage[],
);
const allStaff: StaffMessage[] = staffMessageKinds.flatMap((k) => staffFixtures[k] as StaffMessage[]);

const render = (m: Message, language: Language = 'en', timeZone = ZONE): RenderedMessage =>
  renderMessage(m, { language, timeZone });

const LRM = '\u200e';
const RLM = '\u200f';
/** Bidi marks are invisible: strip them before looking for words. */
const plain = (s: string): string => s.replace(/[\u200e\u200f]/g, '');

function assertClean(r: RenderedMessage, label: string): void {
  for (const [part, value] of Object.entries(r)) {
    assert.ok(typeof value === 'string' && value.trim() !== '', `${label}: empty ${part}`);
    for (const bad of [
      /undefined/,
      /\bnull\b/,
      /\bNaN\b/,
      /\[object Object\]/,
      /Invalid Date/,
      /\{\{|\}\}|\$\{|%s/,
    ]) {
      assert.ok(!bad.test(value), `${label}: ${part} contains ${String(bad)}`);
    }
  }
}

describe('messages', () => {
  describe('every customer message in every language', () => {
    for (const language of languages) {
      for (const m of allCustomer) {
        const label = `${m.kind}/${templateFor(m)}/${language}`;
        it(`renders ${label}`, () => {
          const r = render(m, language);
          assertClean(r, label);
          assert.ok(r.subject.includes(`[${REF}]`), `${label}: reference missing from subject: ${r.subject}`);
          assert.ok(!/[\r\n]/.test(r.subject), `${label}: subject spans lines`);
          for (const part of [r.text, r.html]) {
            assert.ok(part.includes(CUSTOMER), `${label}: customer name missing`);
            assert.ok(part.includes(OWNER), `${label}: owner name missing`);
            assert.ok(plain(part).includes(REF), `${label}: reference missing from body`);
          }
          assert.ok(r.html.startsWith('<!DOCTYPE html>'), `${label}: not a full document`);
          const dir = isRightToLeft(language) ? 'rtl' : 'ltr';
          assert.ok(r.html.includes(`<html lang="${language}" dir="${dir}">`), `${label}: wrong lang/dir`);
          assert.ok(!/<style|<script|class="/i.test(r.html), `${label}: inline styles only`);
          assert.equal(r.tag, templateFor(m));
        });
      }
    }

    it('has a template for every customer kind in every language (no English left in the others)', () => {
      const subjects = new Map<string, string>();
      for (const m of allCustomer) {
        const en = render(m, 'en').subject;
        for (const language of languages.filter((l) => l !== 'en')) {
          const other = render(m, language).subject;
          assert.notEqual(other, en, `${m.kind}: ${language} subject is the English one`);
          subjects.set(`${m.kind}/${language}`, other);
        }
      }
      assert.equal(subjects.size, customerMessageKinds.length * (languages.length - 1));
    });
  });

  describe('direction', () => {
    it('Hebrew is right-to-left in HTML and plain text; the reference stays left-to-right', () => {
      const r = render(customerFixtures.acknowledgement[0], 'he');
      assert.ok(r.html.includes('<html lang="he" dir="rtl">'));
      assert.ok(r.html.includes(`<span dir="ltr">${REF}</span>`));
      assert.ok(r.html.includes('text-align:right'));
      assert.ok(r.subject.includes(`${LRM}[${REF}]${LRM}`));
      for (const line of r.text.split('\n').filter((l) => l !== '')) {
        assert.ok(line.startsWith(RLM), `line without RLM: ${line}`);
      }
    });

    it('the other languages are left-to-right without bidi marks', () => {
      for (const language of languages.filter((l) => l !== 'he')) {
        const r = render(customerFixtures.acknowledgement[0], language);
        assert.ok(r.html.includes(`<html lang="${language}" dir="ltr">`));
        assert.ok(!/[\u200e\u200f]/.test(r.text + r.subject), language);
      }
    });
  });

  describe('escaping', () => {
    const evil = '<script>alert("x")</script> & Co';

    it('escapes every interpolated value in the HTML', () => {
      const m: MessageOf<'questions'> = {
        ...customerFixtures.questions[0],
        customerName: evil,
        ownerName: `<b>${OWNER}</b>`,
        questions: ['<img src=x onerror=alert(1)>?'],
      };
      for (const language of languages) {
        const r = render(m, language);
        assert.ok(!r.html.includes('<script'), language);
        assert.ok(!r.html.includes('<img'), language);
        assert.ok(!r.html.includes('<b>'), language);
        assert.ok(r.html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co'), language);
        // Plain text is not HTML: the name appears as the customer wrote it.
        assert.ok(r.text.includes(evil), language);
      }
    });

    it('escapes owner and customer text in the letter and in staff notices', () => {
      const letter: MessageOf<'resolutionLetter'> = {
        ...customerFixtures.resolutionLetter[0],
        explanation: 'a < b & "c"',
        apology: "<i>sorry</i> it's late",
        disagreementRoute: '<a href="javascript:alert(1)">ombudsman</a>',
        timeline: [{ at: '2026-03-05T09:15:00Z', kind: 'other', text: '<script>x</script>' }],
      };
      const html = render(letter).html;
      assert.ok(html.includes('a &lt; b &amp; &quot;c&quot;'));
      assert.ok(html.includes('&lt;i&gt;sorry&lt;/i&gt; it&#39;s late'));
      assert.ok(!html.includes('<a href="javascript'));
      assert.ok(!html.includes('<script'));
      const notice = render({
        ...staffFixtures.customerMessageNotice[0],
        excerpt: '<script>evil()</script>',
      }).html;
      assert.ok(notice.includes('&lt;script&gt;evil()&lt;/script&gt;'));
      assert.ok(!notice.includes('<script'));
    });

    it('links only web addresses', () => {
      const r = render({ ...customerFixtures.acknowledgement[0], statusUrl: 'javascript:alert(1)' });
      assert.ok(!r.html.includes('href="javascript'));
      const ok = render({ ...customerFixtures.acknowledgement[0], statusUrl: 'https://x.example/s?a=1&b=2' });
      assert.ok(ok.html.includes('href="https://x.example/s?a=1&amp;b=2"'));
    });

    it('keeps subjects on one line whatever a name contains', () => {
      const r = render({ ...staffFixtures.callTask[0], customerName: 'Maria\r\nBcc: x@example.com' });
      assert.ok(!/[\r\n]/.test(r.subject));
    });
  });

  describe('dates', () => {
    // 23:30 UTC on 5 March is already 6 March in Warsaw, still 5 March in New York.
    const m: MessageOf<'acknowledgement'> = {
      ...customerFixtures.acknowledgement[0],
      nextContactBy: '2026-03-05T23:30:00Z',
    };
    const expected: Record<Language, [string, string]> = {
      en: ['6 March 2026 at 00:30', '5 March 2026 at 18:30'],
      pl: ['6 marca 2026, godz. 00:30', '5 marca 2026, godz. 18:30'],
      sv: ['6 mars 2026 kl. 00:30', '5 mars 2026 kl. 18:30'],
      et: ['06.03.2026 kell 00:30', '05.03.2026 kell 18:30'],
      he: ['6 במרץ 2026 בשעה 0:30', '5 במרץ 2026 בשעה 18:30'],
    };
    for (const language of languages) {
      it(`formats dates in the given time zone (${language})`, () => {
        const [warsaw, newYork] = expected[language];
        assert.ok(render(m, language, 'Europe/Warsaw').text.includes(warsaw), `${language}: ${warsaw}`);
        assert.ok(render(m, language, 'America/New_York').text.includes(newYork), `${language}: ${newYork}`);
        assert.equal(formatDate('2026-03-05T23:30:00Z', language, 'Europe/Warsaw'), warsaw);
      });
    }

    it('uses the zone for staff notices too', () => {
      const r = render(staffFixtures.statutoryWarning[0], 'en', 'Europe/Tallinn');
      assert.ok(r.text.includes('20 March 2026 at 01:00'));
    });

    it('refuses invalid dates and zones instead of printing "Invalid Date"', () => {
      assert.throws(
        () => render({ ...customerFixtures.acknowledgement[0], nextContactBy: 'next week' }),
        (err: unknown) => err instanceof MessageRenderError && /nextContactBy/.test(err.message),
      );
      assert.throws(
        () => render(customerFixtures.acknowledgement[0], 'en', 'Mars/Olympus'),
        MessageRenderError,
      );
    });
  });

  describe('the acknowledgement promises care, never the outcome', () => {
    const promises: Record<Language, string[]> = {
      en: [
        'refund',
        'replace',
        'compensat',
        'money back',
        'you are right',
        'satisfaction',
        'in your favour',
        'we will fix',
        'guarantee',
        'uphold',
      ],
      pl: [
        'zwróc',
        'zwrot',
        'wymien',
        'wymian',
        'rekompensat',
        'odszkodowa',
        'masz rację',
        'uznaj',
        'uznam',
        'po twojej myśli',
        'zgodnie z twoimi oczekiwaniami',
        'gwarant',
      ],
      sv: [
        'återbetal',
        'pengarna tillbaka',
        'ersätt',
        'kompens',
        'du har rätt',
        'byter ut',
        'garant',
        'godkänn',
        'ger dig rätt',
      ],
      et: ['tagastame', 'raha tagasi', 'hüvit', 'kompens', 'asendame', 'teil on õigus', 'rahulda', 'garant'],
      he: ['נחזיר', 'החזר', 'פיצוי', 'צודק', 'נחליף', 'זיכוי', 'מוצדק', 'מבטיחים', 'נבטיח'],
    };
    for (const language of languages) {
      it(language, () => {
        for (const m of customerFixtures.acknowledgement) {
          const r = render(m, language);
          const text = plain(`${r.subject}\n${r.text}`).toLowerCase();
          for (const word of promises[language]) assert.ok(!text.includes(word), `${language}: "${word}"`);
          // ...but it does name the person, the reference and the next contact.
          assert.ok(text.includes(OWNER.toLowerCase()));
        }
      });
    }
  });

  describe('resolution letter', () => {
    const letter = customerFixtures.resolutionLetter[0];

    for (const language of languages) {
      it(`lists every timeline entry with its date, in order, and the voucher (${language})`, () => {
        const r = render(letter, language);
        const text = plain(r.text);
        const positions = [...letter.timeline]
          .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
          .map((e) => {
            const when = formatDate(e.at, language, ZONE);
            const at = text.indexOf(`${when} – `);
            assert.ok(at >= 0, `${language}: no entry dated ${when}`);
            return at;
          });
        assert.deepEqual(
          positions,
          [...positions].sort((a, b) => a - b),
          `${language}: timeline out of order`,
        );
        assert.ok(text.includes('The parcel was damaged in transit.'), 'entry text shown');
        assert.ok(/15\s?%/.test(text), `${language}: voucher percent`);
        assert.ok(text.includes('90'), `${language}: validity days`);
        assert.ok(text.includes('SORRY-15'), `${language}: voucher code`);
        assert.ok(
          text.includes(formatDay('2026-06-10T12:00:00Z', language, ZONE)),
          `${language}: voucher expiry`,
        );
        // The owner's words go in as written.
        assert.ok(text.includes(letter.apology) && text.includes(letter.explanation));
        assert.ok(text.includes(letter.disagreementRoute));
        assert.ok(
          r.html.includes('<strong>SORRY-15</strong>') || r.html.includes('<span dir="ltr">SORRY-15</span>'),
        );
      });
    }

    it('states each outcome and remedy in English', () => {
      const [upheld, partial, rejected, replacement, repair] = customerFixtures.resolutionLetter.map(
        (m) => render(m).text,
      );
      assert.ok(upheld.includes('Decision: Upheld'));
      assert.ok(
        upheld.includes('A voucher worth 15% of your purchase') &&
          upheld.includes('valid for 90 days, until 10 June 2026'),
      );
      assert.ok(upheld.includes('what we discussed on the phone'));
      assert.ok(partial.includes('Decision: Partially upheld') && partial.includes('A refund of €123.50.'));
      assert.ok(!partial.includes('on the phone'));
      assert.ok(rejected.includes('Decision: Not upheld') && !rejected.includes('What we are offering'));
      assert.ok(replacement.includes('A replacement for the product.'));
      assert.ok(repair.includes('A repair of the product.'));
    });

    it('does not repeat the explanation under the decision entry', () => {
      const text = render({
        ...letter,
        timeline: [
          ...letter.timeline,
          { at: '2026-03-10T13:05:00Z', kind: 'decision', text: letter.explanation },
        ],
      }).text;
      assert.equal(text.split(letter.explanation).length - 1, 1);
    });

    it('formats money and percent per locale', () => {
      const refund = customerFixtures.resolutionLetter[1];
      assert.ok(render(refund, 'pl').text.includes('123,50'));
      assert.ok(render(refund, 'sv').text.includes('123,50'));
      assert.ok(render(customerFixtures.resolutionLetter[0], 'sv').text.includes('15\u00a0%'));
    });
  });

  describe('progress updates', () => {
    it('uses the owner template only for the owner’s own words', () => {
      const [owner, systemEmpty, systemWithText] = customerFixtures.progressUpdate;
      assert.equal(templateFor(owner), 'progress-update-owner');
      assert.equal(templateFor(systemEmpty), 'progress-update-system');
      assert.equal(templateFor(systemWithText), 'progress-update-system');
      assert.equal(templateFor({ ...owner, message: '  ' }), 'progress-update-system');
    });

    it('the system update says we are still working on it, with the expected date', () => {
      const r = render(customerFixtures.progressUpdate[1]);
      assert.ok(r.text.includes('still working on your complaint'));
      assert.ok(r.text.includes('12 March 2026'));
      const owner = render(customerFixtures.progressUpdate[0]);
      assert.ok(owner.text.includes('The warehouse is checking the batch.'));
    });
  });

  describe('staff notices', () => {
    for (const [i, m] of allStaff.entries()) {
      const variant =
        m.kind === 'callTask' ? ` (${m.reason}${m.customerPhone ? '' : ', no phone'})` : ` #${i}`;
      it(`renders ${m.kind}${variant} in English for a reader of a language staff notices are not written in`, () => {
        const r = render(m, 'he');
        assertClean(r, m.kind);
        assert.ok(r.subject.includes(`[${REF}]`));
        assert.ok(r.html.includes('<html lang="en" dir="ltr">'));
        assert.ok(!/[\u0590-\u05ff\u200e\u200f]/.test(r.text), 'no Hebrew in a staff notice');
        const recipient =
          'recipientName' in m ? m.recipientName : 'supervisorName' in m ? m.supervisorName : m.ownerName;
        assert.ok(r.text.includes(`Hi ${recipient},`));
        assert.equal(r.tag, templateFor(m));
      });
    }

    // principles (001 §3, §5): empower the staff — every staff e-mail in its reader's language and zone.
    for (const [i, m] of allStaff.entries()) {
      it(`renders ${m.kind} #${i} in Polish for a Polish reader, times in their zone`, () => {
        const r = render(m, 'pl', 'Europe/Warsaw');
        assertClean(r, m.kind);
        assert.ok(r.subject.includes(`[${REF}]`));
        assert.ok(r.html.includes('<html lang="pl" dir="ltr">'), 'lang="pl"');
        const recipient =
          'recipientName' in m ? m.recipientName : 'supervisorName' in m ? m.supervisorName : m.ownerName;
        assert.ok(r.text.includes(`Dzień dobry, ${recipient},`), r.text);
        assert.ok(r.text.includes('Automatyczne powiadomienie complaint-desk'));
        // None of the English notice's own words (names, quoted notes and codes aside).
        for (const english of [
          'Hi ',
          'Please',
          'complaint ',
          'Open the case',
          'Automatic notice',
          ' at 1',
          ' at 0',
        ])
          assert.ok(!r.text.includes(english), `${m.kind}: "${english}" in ${r.text}`);
        for (const time of r.text.match(/godz\. \d{2}:\d{2}(?: \([^)]*\))?/g) ?? [])
          assert.match(time, /\(Europe\/Warsaw\)$/, `${m.kind}: "${time}"`);
      });
    }

    it('a Polish call task names the promise, the phone and the due time in Polish', () => {
      const r = render(
        staffFixtures.callTask.find((m) => m.reason === 'resolution-call' && m.customerPhone)!,
        'pl',
        'Europe/Warsaw',
      );
      assert.ok(
        r.subject.startsWith(`Twoje zadanie: telefon do klienta ${CUSTOMER} – wyjaśnij decyzję`),
        r.subject,
      );
      assert.ok(r.text.includes('Termin: 6 marca 2026, godz. 10:00 (Europe/Warsaw)'), r.text);
      assert.ok(r.text.includes('+48 600 100 200'));
    });

    it('a Polish overdue reminder names the late promises in Polish', () => {
      const r = render(
        { ...staffFixtures.overdueReminder[0], what: 'the diagnosis, resolution promises are' },
        'pl',
        'Europe/Warsaw',
      );
      assert.ok(r.text.includes('jest po terminie: diagnoza lub pytania, obiecane rozwiązanie.'), r.text);
    });

    it('a call task carries the phone, the due date and the note', () => {
      const r = render(
        staffFixtures.callTask.find((m) => m.reason === 'resolution-call' && m.customerPhone)!,
      );
      assert.ok(r.subject.startsWith(`Your task: call ${CUSTOMER} – explain the decision`));
      assert.ok(r.text.includes('+48 600 100 200'));
      assert.ok(r.text.includes('6 March 2026 at 10:00'));
      assert.ok(r.text.includes('Call the customer with the outcome (upheld).'));
      assert.ok(r.html.includes('href="https://desk.example.com/cases/1"'));
    });

    it('a bounced e-mail without a phone asks for a letter, not a call', () => {
      const r = render(staffFixtures.callTask.find((m) => m.reason === 'bounced' && !m.customerPhone)!);
      assert.ok(r.subject.startsWith(`Your task: contact ${CUSTOMER}`));
      assert.ok(r.text.includes('write to them by post'));
    });

    it('names the time zone of every time a staff notice shows', () => {
      for (const m of allStaff) {
        const r = render(m, 'en', 'Europe/Tallinn');
        const times = r.text.match(/\d{1,2} \w+ \d{4} at \d{2}:\d{2}(?: \([^)]*\))?/g) ?? [];
        for (const time of times) assert.match(time, /\(Europe\/Tallinn\)$/, `${m.kind}: "${time}"`);
      }
      const utc = render(staffFixtures.statutoryWarning[0], 'en', 'UTC');
      assert.match(utc.text, /at \d{2}:\d{2} \(UTC\)/);
    });

    it('a task e-mail is written for the owner, never as if for the customer', () => {
      for (const m of staffFixtures.callTask) {
        const r = render(m);
        assert.ok(r.subject.startsWith('Your task'), r.subject);
        assert.ok(!r.subject.startsWith('Task for'), r.subject);
        assert.ok(r.text.includes('a task for you as the owner of the case'), m.reason);
      }
    });

    it('the approval request sends the supervisor to the console to decide', () => {
      const r = render({
        ...staffFixtures.approvalRequest[0],
        caseUrl: 'https://desk.example.com/console/cases/c1',
      });
      assert.ok(r.text.includes('open it in the console'));
      assert.ok(r.html.includes('href="https://desk.example.com/console/cases/c1"'));
      assert.ok(r.text.includes('Open the case in the console: https://desk.example.com/console/cases/c1'));
    });

    it('the new-case notice tells the owner what the case is, when it is due (zone named) and where it is, without the customer’s address or phone', () => {
      const m = staffFixtures.newCase[0];
      const r = render(m, 'en', 'Europe/Warsaw');
      assert.ok(r.subject.startsWith('New case for you – high priority, delivery'), r.subject);
      assert.ok(r.subject.includes(REF));
      for (const fact of ['delivery', 'high', 'fax', 'Polish', REF])
        assert.ok(r.text.includes(fact), `names ${fact}`);
      assert.ok(r.text.includes('Acknowledgement due by: 5 March 2026 at 13:00 (Europe/Warsaw)'), r.text);
      assert.ok(r.text.includes('6 March 2026 at 09:00 (Europe/Warsaw)'));
      assert.ok(r.html.includes('href="https://desk.example.com/console/cases/1"'));
      assert.ok(!/@|\+48/.test(r.text.replace(/https:\S+/g, '')), 'no e-mail address or phone');
    });

    it('a statutory breach explains the consequence', () => {
      assert.ok(render(staffFixtures.statutoryBreach[0]).text.includes('deemed accepted'));
    });
  });

  describe('the seeds’ promises in the words (issue #17)', () => {
    const first = <K extends CustomerMessageKind>(kind: K, pick = (_m: MessageOf<K>) => true): MessageOf<K> =>
      (customerFixtures[kind] as MessageOf<K>[]).find(pick)!;
    const text = (m: Message, language: Language) => plain(render(m, language).text);
    /** What a printed letter shows (its text, not its markup: a link's address is not on paper). */
    const paper = (m: CustomerMessage, language: Language) =>
      plain(renderLetter(m, { language, timeZone: ZONE }).bodyHtml.replace(/<[^>]+>/g, ''));

    it('seed 003: the formal acknowledgement promises to inform at every development (every language)', () => {
      const words: Record<Language, RegExp> = {
        en: /informed of every development/,
        pl: /informować Cię o każdym etapie/,
        sv: /informerad om varje nytt steg/,
        et: /teada igast edasisest sammust/,
        he: /אעדכן אותך בכל התפתחות/,
      };
      for (const language of languages) {
        const ack = first('acknowledgement');
        assert.match(text(ack, language), words[language], `${language} e-mail`);
        assert.match(paper(ack, language), words[language], `${language} letter`);
      }
    });

    it('seed 004: the diagnosis carries the owner’s own apology, verbatim, in every language', () => {
      const m = first('diagnosis', (x) => !!x.apology);
      for (const language of languages) assert.ok(text(m, language).includes(m.apology!), language);
      const without = first('diagnosis', (x) => !x.apology);
      assert.ok(!text(without, 'en').includes('sorry'), 'no template apology stands in for it');
    });

    it('seed 000: a missed diagnosis is told with an apology and the new time', () => {
      const m = first('diagnosisDelay');
      const en = text(m, 'en');
      assert.match(en, /I’m sorry/);
      assert.ok(en.includes(formatDate(m.newContactBy, 'en', ZONE)));
      assert.ok(en.includes(formatDate(m.promisedBy, 'en', ZONE)));
    });

    it('the survey never calls a complaint "resolved" (it may have been rejected)', () => {
      const resolved: Record<Language, RegExp> = {
        en: /has been resolved/,
        pl: /została rozwiązana/,
        sv: /är avslutat/,
        et: /on lahendatud/,
        he: /נפתרה/,
      };
      for (const language of languages)
        for (const kind of ['surveyInvitation', 'surveyReminder'] as const)
          assert.doesNotMatch(text(first(kind), language), resolved[language], `${kind} ${language}`);
    });

    it('the second survey, after a follow-up, says so: its subject and opening are not the first’s', () => {
      const once = first('surveyInvitation', (m) => !m.round);
      const again = first('surveyInvitation', (m) => m.round === 2);
      for (const language of languages) {
        const [a, b] = [once, again].map((m) => render(m, language));
        assert.notEqual(a.subject, b.subject, language);
        const opening = (body: string) => body.split('\n').find((l) => l.length > 60)!;
        assert.notEqual(opening(a.text), opening(b.text), language);
      }
    });

    it('the reopen promise says until when, and without a reopen window promises no reopening', () => {
      for (const kind of ['noResponseClosure', 'questionsReminder', 'withdrawalConfirmation'] as const) {
        const until = first(kind, (m) => !!m.reopenUntil);
        for (const language of languages)
          assert.ok(
            text(until, language).includes(formatDay(until.reopenUntil!, language, ZONE)),
            `${kind} ${language}`,
          );
        const none = first(kind, (m) => !m.reopenUntil);
        assert.doesNotMatch(text(none, 'en'), /reopen it at any time/);
      }
    });

    it('seed 003: a voucher states its value, its validity and its code, in the e-mail and the letter', () => {
      const letter = first('resolutionLetter', (m) => m.remedy.kind === 'voucher');
      for (const language of languages) {
        for (const body of [text(letter, language), paper(letter, language)]) {
          assert.ok(body.includes('SORRY-15'), `${language}: code`);
          assert.ok(body.includes(formatDay('2026-06-10T12:00:00Z', language, ZONE)), `${language}: until`);
          assert.ok(/60/.test(body), `${language}: value`);
        }
      }
    });

    it('seed 003: every message prints as a letter that sends the customer to our address, never “reply to this e-mail”', () => {
      const email: Record<Language, RegExp> = {
        en: /reply to this e-mail|replying to this e-mail/,
        pl: /odpowiedz(?:ieć)? (?:proszę )?na tę wiadomość|odpowiadając na tę wiadomość/,
        sv: /svara (?:helt enkelt |gärna )?på det här mejlet/,
        et: /vastake (?:lihtsalt |palun )?sellele kirjale|vastata sellele kirjale/,
        he: /להשיב למייל הזה|בתשובה למייל הזה/,
      };
      for (const language of languages)
        for (const m of allCustomer)
          assert.doesNotMatch(paper(m, language), email[language], `${m.kind} ${language}`);
    });

    it('seed 003: the survey on paper prints its address and how to answer on paper', () => {
      const survey = first('surveyInvitation');
      for (const language of languages)
        assert.ok(paper(survey, language).includes(survey.surveyUrl), language);
    });

    it('seed 001 §1: the call back is honest — the customer did not ask for it', () => {
      const m = allStaff.find((x) => x.kind === 'callTask' && x.reason === 'callback-on-intake')!;
      const r = text(m, 'en');
      assert.doesNotMatch(r, /asked to be called back/);
      assert.doesNotMatch(render(m).subject, /requested/);
      assert.match(r, /We call every customer back/);
    });
  });

  describe('API', () => {
    it('lists every kind once', () => {
      assert.equal(new Set(messageKinds).size, messageKinds.length);
      assert.equal(messageKinds.length, customerMessageKinds.length + staffMessageKinds.length);
      assert.deepEqual(Object.keys(customerFixtures).sort(), [...customerMessageKinds].sort());
      assert.deepEqual(Object.keys(staffFixtures).sort(), [...staffMessageKinds].sort());
    });

    it('maps languages to locales and direction', () => {
      assert.deepEqual(
        languages.map((l) => localeFor(l)),
        ['en-GB', 'pl-PL', 'sv-SE', 'et-EE', 'he-IL'],
      );
      assert.deepEqual(
        languages.filter((l) => isRightToLeft(l)),
        ['he'],
      );
    });

    it('renders an unknown language in English', () => {
      const r = renderMessage(customerFixtures.withdrawalConfirmation[0], {
        language: 'fi' as Language,
        timeZone: ZONE,
      });
      assert.ok(r.subject.startsWith('Your complaint has been withdrawn'));
      assert.ok(r.html.includes('lang="en"'));
    });

    it('greets without a name when there is none', () => {
      assert.ok(
        render({ ...customerFixtures.noResponseClosure[0], customerName: '' }, 'en').text.startsWith(
          'Hello,',
        ),
      );
      assert.ok(
        render({ ...customerFixtures.noResponseClosure[0], customerName: ' ' }, 'et').text.startsWith(
          'Tere!',
        ),
      );
    });

    it('signs with the role and organisation when given', () => {
      const r = renderMessage(customerFixtures.acknowledgement[0], {
        language: 'sv',
        timeZone: ZONE,
        organisationName: 'Exempel AB',
      });
      assert.ok(r.text.includes(`Vänliga hälsningar\n${OWNER}\nComplaints specialist\nExempel AB`));
    });

    it('rejects a message without a reference or owner', () => {
      assert.throws(() => render({ ...customerFixtures.diagnosis[0], reference: '' }), MessageRenderError);
      assert.throws(() => render({ ...customerFixtures.diagnosis[0], ownerName: '' }), MessageRenderError);
      assert.throws(() => render({ kind: 'nonsense' } as unknown as Message), MessageRenderError);
    });
  });
});
