// Seed 003: a letter or fax complainant gets every message as a printed letter. Paper cannot be
// replied to, clicked or opened in a mail program, and a letter may only send the customer to "the
// address at the top of this letter" when the letterhead prints one. Every customer message kind is
// printed here for a letter complainant in every language, with and without our postal address,
// as the printed page (api/letters/render.ts) shows it — the resolution letter exactly as the
// lifecycle writes it into the letter task.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { CaseView } from '../../domain/case';
import { disagreementRoute } from '../../domain/locale-defaults';
import {
  customerMessageKinds,
  type CustomerMessage,
  type CustomerMessageKind,
  type MessageOf,
} from '../../domain/messages';
import { parsePolicy } from '../../domain/policy';
import { languages, type Language, type Policy } from '../../domain/types';
import { renderLetterPage, type Letterhead } from '../../api/letters/render';
import { letterSettings } from '../../api/letters/settings';
import { policyWith, shippedPolicy } from '../helpers/complaints';
import { caseIn } from '../helpers/lifecycle-case';
import { fromRoot } from '../../infra/paths';

const REF = 'CD-2026-ABC234';
const STATUS = 'https://desk.example.com/c/tok123';
const SURVEY = 'https://desk.example.com/c/tok123/survey';
const base = { customerName: 'Maria', reference: REF, ownerName: 'Anna Nowak' };

/** The resolution letter the lifecycle puts in a letter complainant's task (its words as decided). */
function lifecycleResolutionLetter(language: Language): MessageOf<'resolutionLetter'> {
  const c = caseIn('in-progress', {
    channel: 'letter',
    language,
    customer: { language, postalAddress: { lines: ['ul. Długa 1', '00-001 Warszawa'] } },
  });
  c.resolveAndCall('rejected');
  const task = c.openTasks().find((t) => t.purpose === 'resolution-letter');
  assert.equal(task?.message?.kind, 'resolutionLetter', 'the outcome is a letter task carrying its message');
  return task.message;
}

/** Every customer message kind, in the variants whose words differ (a missing kind fails to compile). */
function messagesFor(language: Language): { [K in CustomerMessageKind]: MessageOf<K>[] } {
  const questions = { ...base, questions: ['Which address did you give?'], answerBy: '2026-03-09T16:00:00Z' };
  return {
    acknowledgement: [
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
        summary: 'The courier dropped the parcel.',
        expectedResolutionBy: '2026-03-12T16:00:00Z',
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
      { ...questions, kind: 'questions' },
      { ...questions, kind: 'questions', replyHint: 'status-page' },
      { ...questions, kind: 'questions', replyHint: 'email-or-status-page' },
    ],
    questionsReminder: [
      { ...questions, kind: 'questionsReminder' },
      {
        ...questions,
        kind: 'questionsReminder',
        replyHint: 'status-page',
        reopenUntil: '2026-03-23T16:00:00Z',
      },
      { ...questions, kind: 'questionsReminder', replyHint: 'email-or-status-page' },
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
      { ...base, kind: 'progressUpdate', message: 'The warehouse is checking.', sentBy: 'owner' },
      {
        ...base,
        kind: 'progressUpdate',
        message: '',
        expectedResolutionBy: '2026-03-12T16:00:00Z',
        sentBy: 'system',
      },
      { ...base, kind: 'progressUpdate', message: '', sentBy: 'system' },
      { ...base, kind: 'progressUpdate', message: 'A short note.', sentBy: 'system' },
      {
        ...base,
        kind: 'progressUpdate',
        message: 'A short note.',
        expectedResolutionBy: '2026-03-12T16:00:00Z',
        sentBy: 'system',
      },
    ],
    delayNotice: [
      { ...base, kind: 'delayNotice', promisedBy: '2026-03-12T16:00:00Z' },
      {
        ...base,
        kind: 'delayNotice',
        promisedBy: '2026-03-12T16:00:00Z',
        newExpectedBy: '2026-03-19T16:00:00Z',
      },
    ],
    extensionNotice: [
      {
        ...base,
        kind: 'extensionNotice',
        newExpectedBy: '2026-03-19T16:00:00Z',
        reason: 'The manufacturer is testing the part.',
      },
    ],
    resolutionLetter: [
      lifecycleResolutionLetter(language),
      {
        ...base,
        kind: 'resolutionLetter',
        receivedAt: '2026-03-05T09:15:00Z',
        outcome: 'upheld',
        explanation: 'The parcel was damaged in transit.',
        apology: 'We are sorry.',
        remedy: {
          kind: 'voucher',
          percent: 15,
          validityDays: 90,
          validUntil: '2026-06-10T12:00:00Z',
          code: 'SORRY-15',
        },
        timeline: [{ at: '2026-03-05T09:15:00Z', kind: 'received' }],
        disagreementRoute: disagreementRoute(language),
        callAttempts: ['2026-03-10T09:00:00Z'],
      },
    ],
    surveyInvitation: [
      { ...base, kind: 'surveyInvitation', surveyUrl: SURVEY },
      { ...base, kind: 'surveyInvitation', surveyUrl: SURVEY, round: 2 },
    ],
    surveyReminder: [{ ...base, kind: 'surveyReminder', surveyUrl: SURVEY }],
    followUpNotice: [{ ...base, kind: 'followUpNotice', followUpBy: '2026-03-25T10:00:00Z' }],
    withdrawalConfirmation: [
      { ...base, kind: 'withdrawalConfirmation' },
      { ...base, kind: 'withdrawalConfirmation', reopenUntil: '2026-03-30T10:00:00Z' },
    ],
    reassignmentNotice: [
      {
        customerName: 'Maria',
        reference: REF,
        kind: 'reassignmentNotice',
        newOwnerName: 'Jan Kowalski',
        previousOwnerName: 'Anna Nowak',
      },
    ],
  };
}

/** What each language's e-mail says that paper cannot do: reply to it, follow a link, click. */
const emailWording: Record<Language, RegExp> = {
  en: /e-?mail|link below|\bclick|reply to this|in this chat/i,
  pl: /e-?mail|\bmail|tę wiadomość|link(?:u)? poniżej|klikn/i,
  sv: /mejl|e-post|länk(?:en)? nedan|klicka/i,
  // Not "meil": it is also "we have" ("meile": to us).
  et: /\be-kir|\be-post|\be-?mail|link allpool|kliki|vasta\w* (?:lihtsalt |palun )?sellele kirjale/i,
  he: /מייל|דוא"ל|דואר אלקטרוני|הקישור|לחצ/,
};

/** How each language points to the address printed at the top of the letter. */
const ourAddressWording: Record<Language, RegExp> = {
  en: /address at the top|at the top of this letter/i,
  pl: /nagłówku/i,
  sv: /överst/i,
  et: /päises/i,
  he: /שבראש/,
};

const withAddress: Letterhead = {
  organisation: 'Example Shop Ltd',
  postalAddress: ['Customer Care', '1 Market Street', '00-001 Warsaw'],
  lines: ['+48 22 100 00 00'],
};
const withoutAddress: Letterhead = { organisation: 'Example Shop Ltd', lines: ['+48 22 100 00 00'] };

/** The printed page of a letter complainant's task carrying `message`, as text. */
function printed(message: CustomerMessage, language: Language, letterhead: Letterhead) {
  const view = {
    reference: REF,
    channel: 'letter',
    customer: { name: 'Maria', language, postalAddress: { lines: ['ul. Długa 1', '00-001 Warszawa'] } },
    owner: { id: 'anna', name: 'Anna Nowak', email: 'anna@example.com' },
    receivedAt: '2026-03-05T09:15:00Z',
    clocks: {},
    timeline: [],
    tasks: [{ id: 'T7', kind: 'write', reason: 'paper', purpose: 'x', createdAt: '', message }],
  } as unknown as CaseView;
  const page = renderLetterPage(view, 'T7', { letterhead, statusUrl: STATUS, surveyUrl: SURVEY });
  assert.ok(page.ok, `${message.kind} ${language}: ${page.ok ? '' : page.reason}`);
  const head = /<div class="letterhead">([\s\S]*?)<\/div>\n<p class="meta">/.exec(page.html)![1];
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/\s+/g, ' ');
  const body = /<h1>([\s\S]*)<\/main>/.exec(page.html)![1];
  assert.doesNotMatch(body, /<a[\s>]/, `${message.kind} ${language}: nothing to click on paper`);
  return { head: text(head), body: text(body) };
}

describe('printed letters: no e-mail wording, and our address promised only where it is printed (seed 003)', () => {
  for (const language of languages) {
    it(`${language}: every message kind printed for a letter complainant says nothing only e-mail can do`, () => {
      const all = messagesFor(language);
      const problems: string[] = [];
      for (const kind of customerMessageKinds) {
        for (const message of all[kind] as CustomerMessage[]) {
          for (const letterhead of [withAddress, withoutAddress]) {
            const { body } = printed(message, language, letterhead);
            const found = emailWording[language].exec(body);
            if (found)
              problems.push(
                `${kind}: "${found[0]}" in …${body.slice(Math.max(0, found.index - 80), found.index + 40)}…`,
              );
          }
        }
      }
      assert.deepEqual(problems, [], `${language}:\n${problems.join('\n')}`);
    });

    it(`${language}: with our postal address on the letterhead, the letters send the customer to it; without, they never mention one`, () => {
      const all = messagesFor(language);
      let pointed = 0;
      const problems: string[] = [];
      for (const kind of customerMessageKinds) {
        for (const message of all[kind] as CustomerMessage[]) {
          const withIt = printed(message, language, withAddress);
          for (const line of withAddress.postalAddress!)
            assert.ok(withIt.head.includes(line), `${kind}: "${line}" at the top of the letter`);
          if (ourAddressWording[language].test(withIt.body)) pointed++;
          const without = printed(message, language, withoutAddress);
          const found = ourAddressWording[language].exec(without.body);
          if (found)
            problems.push(
              `${kind}: "${found[0]}" in …${without.body.slice(Math.max(0, found.index - 80), found.index + 40)}…`,
            );
        }
      }
      assert.deepEqual(
        problems,
        [],
        `${language}: our address promised without one:\n${problems.join('\n')}`,
      );
      assert.ok(
        pointed >= 5,
        `${language}: the letters that ask for an answer send it to our address (${pointed})`,
      );
    });
  }
});

describe('our postal address: the policy’s organisation.postalAddress, at the top of every letter', () => {
  const pdf = { render: () => Promise.resolve(Buffer.alloc(0)), close: () => Promise.resolve() };

  it('the policy takes the address lines and refuses empty ones', () => {
    const raw = () =>
      JSON.parse(fs.readFileSync(fromRoot('policy', 'default.json'), 'utf8')) as Record<string, unknown>;
    const parsed = parsePolicy(
      { ...raw(), organisation: { postalAddress: [' Customer Care ', 'ul. Prosta 1'] } },
      'test.json',
    );
    assert.deepEqual(parsed.organisation, { postalAddress: ['Customer Care', 'ul. Prosta 1'] });
    assert.throws(
      () => parsePolicy({ ...raw(), organisation: { postalAddress: ['x', ' '] } }, 'test.json'),
      /test\.json: organisation\.postalAddress\[1\]: an empty address line/,
    );
    assert.equal(shippedPolicy().organisation, undefined, 'the shipped policy invents no address');
  });

  it('the letterhead reads the policy at every print: with an address it is printed and promised, without one neither', () => {
    let policy: Policy = shippedPolicy();
    const settings = letterSettings({
      letterhead: { organisation: 'Example Shop Ltd', lines: ['+48 22 100 00 00'] },
      postalAddress: () => policy.organisation?.postalAddress,
      pdf,
    });
    const ack = messagesFor('en').acknowledgement[0];
    const before = printed(ack, 'en', settings.letterhead);
    assert.doesNotMatch(before.head, /Prosta/);
    assert.doesNotMatch(before.body, ourAddressWording.en);
    assert.match(before.body, /write to us, quoting your reference/);

    policy = policyWith(
      (p) => (p.organisation = { postalAddress: ['Customer Care', 'ul. Prosta 1', '00-001 Warszawa'] }),
    );
    const after = printed(ack, 'en', settings.letterhead);
    assert.match(
      after.head,
      /Example Shop Ltd Customer Care ul\. Prosta 1 00-001 Warszawa \+48 22 100 00 00/,
    );
    assert.match(after.body, /write to us at the address at the top of this letter, quoting your reference/);
  });
});
