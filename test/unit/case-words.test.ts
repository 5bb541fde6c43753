// principles (001 §3, §5: empower the staff, give them what they need): what the case itself writes
// — its timeline's sentences and its tasks' notes, in English in the core — reaches a Polish reader
// in Polish, on the console page and in the staff e-mails alike, through one translator
// (domain/messages/case-words.ts). The cases here are driven through the real core across every kind
// of event (calls, bounces with Postmark's codes, escalations, extensions, approvals, letters, a
// reopening, unverified senders, closing); any sentence the core writes that a Polish page or e-mail
// still shows in English fails. Words a person wrote inside a sentence come back as written.
import { strict as assert } from 'node:assert';
import type { CaseView, Task } from '../../domain/case';
import { caseView } from '../../domain/lifecycle';
import { renderMessage, type Message } from '../../domain/messages';
import { casePage } from '../../api/console/case-page';
import { translator } from '../../api/console/i18n';
import { named, type Viewer } from '../../api/console/views';
import { DAY, HOUR, shippedPolicy, shippedRoster } from '../helpers/complaints';
import { Case, caseIn, iso } from '../helpers/lifecycle-case';

// What the people in these cases write (in Polish, so an English word left on the page is the case's).
const said = {
  callNote: 'Klientka nie odebrała.',
  reachedNote: 'Rozmowa przebiegła spokojnie.',
  note: 'Notatka wewnętrzna zespołu.',
  progress: 'Sprawdzamy przesyłkę u kuriera.',
  reassignment: 'urlop opiekunki',
  taskDone: 'Wysłano pocztą priorytetową.',
  extension: 'Czekamy na ekspertyzę producenta.',
  rejectNote: 'za wysoki bon',
  approveNote: 'zgoda wyjątkowa',
  followUp: 'Wymieniliśmy kuriera.',
  withdrawal: 'sprawa wyjaśniona',
  unverified: 'Piszę z adresu służbowego.',
  reply: 'Paczka znowu nie dotarła.',
};
// What the shared driver's owner writes (lifecycle-case.ts): the people's words in its cases.
const driverWords = [
  'The courier lost the parcel.',
  'Depot handling',
  'FastCourier',
  'Which address did you give?',
  'Here is the answer.',
  'Claim filed',
  'Courier review',
  'We checked with the courier.',
  'We are sorry.',
  'sorted out',
];
const peoplesWords: string[] = Object.values(said);
// The policy's own names (an escalation address's name) and the driver's error text. Escalation
// levels have Polish labels in the policy: their English names must not show.
const policyWords = ['Quality team'];
const providerWords = ['Postmark is down', 'inactive'];

/** English that is no Polish word: what a sentence left untranslated shows. */
const english =
  /\b(?:the|of|and|lead|head|service|was|were|is|are|for|with|not|could|been|will|after|customer|call|called|task|reminder|case|owner|promises?|overdue|sent|received|bounced|failed|permanently|approved|rejected|supervisor|outcome|letter|phone|reached|documented|resolution|extension|questions|survey|answered|withdrew|reopened|settled|closed|escalated|level|statutory|deadline|missed|delayed|retried|acknowledged|category|priority|handles|speaks|recorded|confirmed|address|held|accepted|unverified|message|tell|their|them|your|you|goes|waits|further|contact|instead|remedy|above|policy|awaits|decision|due|still|needs|done|expected|date|passed|told|given|update|reassigned|another|way|file)\b/i;
/** Postmark's codes: the case says what they mean, in English and in Polish. */
const postmarkCodes =
  /\b(?:InactiveRecipient|InvalidEmailRequest|MessageRenderError|HardBounce|SoftBounce|SpamComplaint|BadEmailAddress|ManuallyDeactivated|SMTPApiError)\b/;

function withoutPeoplesWords(text: string): string {
  let out = text;
  for (const w of [...Object.values(said), ...driverWords, ...policyWords, ...providerWords])
    out = out.split(w).join(' ');
  // The intake's keyword hits quote the complaint's own words ("courier" (en)).
  return out.replace(/"[^"]*" \([a-z]{2}\)/g, ' ');
}

const pl = translator('pl');
const viewer: Viewer = {
  t: pl,
  language: 'pl',
  zone: 'Europe/Warsaw',
  now: Date.parse('2026-06-01T12:00:00Z'),
  path: '/console/cases/c-rules',
  csrf: 'csrf-token',
  principal: { role: 'supervisor', subject: 'ewa-nowak', name: 'Ewa Nowak', keyId: 'k' },
  roster: shippedRoster(),
  policy: shippedPolicy(),
};
const supervisor = 'ewa-nowak';
const letter = {
  channel: 'letter' as const,
  customer: { postalAddress: { lines: ['ul. Długa 1', '00-001 Warszawa'] } },
};

/** Owner-side moves the driver lacks, with the people's words above. */
const callOn = (c: Case, reached: boolean, taskId?: string, note?: string) =>
  c.act('calls', { reached, ...(taskId ? { taskId } : {}), ...(note ? { note } : {}) });
const openTask = (c: Case, test: (t: Task) => boolean) => c.openTasks().find(test);

const cases: [string, () => Case[]][] = [
  [
    'nobody works the case: the call back missed, the diagnosis late and told again, escalations to the top, the statutory deadline',
    () => {
      const c = new Case({ language: 'pl', noticeOwner: true });
      c.advance(40 * DAY);
      return [c];
    },
  ],
  [
    'calls, notes, an update, contact details, a reassignment, the outcome called, a survey by phone, a follow-up, documentation, closing and a reply that reopens',
    () => {
      const c = new Case({ language: 'pl' });
      c.now += HOUR;
      const back = openTask(c, (t) => t.reason === 'callback-on-intake')!;
      callOn(c, false, back.id, said.callNote);
      callOn(c, true, back.id, said.reachedNote);
      c.act('notes', { text: said.note });
      c.diagnose();
      c.act('progress', { message: said.progress, customerVisible: true });
      c.act('contact-details', { phone: '+48 600 999 888' });
      c.act('reassignment', {
        ownerId: 'piotr-wisniewski',
        reason: said.reassignment,
        supervisorId: supervisor,
      });
      c.resolve('partially-upheld');
      callOn(c, false, openTask(c, (t) => t.reason === 'resolution-call')!.id, said.callNote);
      c.call(true);
      c.act('survey-answer', { score: 1, stillNeedHelp: true, via: 'phone' });
      c.act('follow-up', { note: said.followUp });
      c.answerSurvey(4);
      if (c.state.stage === 'documentation') c.document();
      c.now += HOUR;
      c.customerWrites(said.reply);
      return [c];
    },
  ],
  [
    'a letter complainant: the formal acknowledgement, every message a letter task, letters marked sent (with a note and without), tasks done with a note',
    () => {
      const c = new Case({ language: 'pl', ...letter });
      c.now += HOUR;
      // Letters as "mark the letter sent" (api/letters/sent.ts) completes them, without a note and
      // with one; in a second case, tasks done by hand with a note.
      const writes = (k: Case) => k.openTasks().filter((x) => x.kind === 'write');
      for (const t of writes(c))
        c.act('task-completion', { taskId: t.id, letterSent: true, by: 'anna-kowalska' });
      c.diagnose();
      for (const t of writes(c))
        c.act('task-completion', {
          taskId: t.id,
          letterSent: true,
          note: said.taskDone,
          by: 'anna-kowalska',
        });
      c.advance(3 * DAY);
      const byHand = new Case({ language: 'pl', ...letter });
      byHand.now += HOUR;
      for (const t of writes(byHand))
        byHand.act('task-completion', { taskId: t.id, note: said.taskDone, by: 'anna-kowalska' });
      byHand.diagnose();
      byHand.advance(3 * DAY);
      return [c, byHand];
    },
  ],
  [
    'e-mails that fail: delayed, refused by Postmark (InactiveRecipient) for the customer and staff, a message that does not render',
    () => {
      const c = new Case({ language: 'pl', autoDeliver: false, noticeOwner: true });
      c.deliverNext('delayed');
      c.deliverNext('permanent-failure');
      for (let i = 0; i < 3; i++) c.deliverNext('permanent-failure');
      const other = new Case({ language: 'pl', autoDeliver: false });
      const effect = other.state.outbox.find((e) => e.do === 'tell-customer')!;
      other.apply({
        type: 'delivered',
        effectId: effect.id,
        outcome: 'permanent-failure',
        errorType: 'MessageRenderError',
        error: 'template',
      });
      return [c, other];
    },
  ],
  [
    'bounces: a HardBounce of the acknowledgement (inactive), then a SpamComplaint without its e-mail',
    () => {
      const c = new Case({ language: 'pl' });
      c.now += HOUR;
      const ack = c.performed.find((p) => p.effect.purpose === 'acknowledgement')!;
      c.apply({
        type: 'bounce',
        bounce: { email: 'maria@example.com', messageId: ack.messageId, type: 'HardBounce', inactive: true },
      });
      const other = new Case({ language: 'pl' });
      other.apply({
        type: 'bounce',
        bounce: { email: 'maria@example.com', type: 'SpamComplaint', inactive: false },
      });
      c.state.timeline.push(...other.state.timeline);
      c.state.tasks.push(...other.state.tasks.map((t) => ({ ...t, id: `${t.id}x` })));
      return [c];
    },
  ],
  [
    'an address Postmark will not deliver to and no phone or postal address: find another way',
    () => {
      const c = new Case({ language: 'pl', autoDeliver: false, customer: { phone: undefined } });
      while (c.state.outbox.length) c.deliverNext('permanent-failure');
      c.autoDeliver = true;
      c.now += HOUR;
      c.diagnose();
      return [c];
    },
  ],
  [
    'a case opened before ruleset 2: its calls name no task, its bounce tasks say how in a word',
    () => {
      const c = new Case({ language: 'pl', ruleset: 1, autoDeliver: false });
      while (c.state.outbox.length) c.deliverNext('permanent-failure');
      c.autoDeliver = true;
      c.now += HOUR;
      c.diagnose();
      callOn(c, true, undefined, said.reachedNote);
      c.resolve('rejected');
      c.advance(3 * DAY);
      const paper = new Case({ language: 'pl', ruleset: 1, ...letter });
      return [c, paper];
    },
  ],
  [
    'approvals: a remedy above the caps rejected and approved, an extension beyond the policy, the outcome in writing without the call',
    () => {
      const c = caseIn('awaiting-approval', { language: 'pl' });
      c.act('approval', { decision: 'reject', note: said.rejectNote, supervisorId: supervisor });
      c.resolve('rejected', { kind: 'voucher', percent: 10, validityDays: 30 });
      c.act('approval', { decision: 'approve', note: said.approveNote, supervisorId: supervisor });
      const ext = caseIn('in-progress', { language: 'pl' });
      ext.act('extension', { newExpectedBy: iso(ext.now + 60 * DAY), reason: said.extension });
      ext.act('approval', { decision: 'reject', note: said.rejectNote, supervisorId: supervisor });
      ext.act('extension', { newExpectedBy: iso(ext.now + 5 * DAY), reason: said.extension });
      ext.act('extension', { newExpectedBy: iso(ext.now + 60 * DAY), reason: said.extension });
      ext.act('approval', { decision: 'approve', supervisorId: supervisor });
      const call = caseIn('resolution-call', { language: 'pl' });
      call.advance(2 * DAY);
      call.act('approval', { decision: 'reject', note: said.rejectNote, supervisorId: supervisor });
      const waived = caseIn('resolution-call', { language: 'pl' });
      waived.advance(2 * DAY);
      waived.act('approval', { decision: 'approve', supervisorId: supervisor });
      return [c, ext, call, waived];
    },
  ],
  [
    'an unverified sender confirmed, our questions unanswered, a withdrawal, a complaint by phone',
    () => {
      const c = caseIn('waiting-on-customer', { language: 'pl' });
      c.apply({
        type: 'customer-message',
        message: { text: said.unverified, via: 'email', from: 'maria@work.example', messageId: 'in-9' },
      });
      c.act('sender-confirmation', { address: 'maria@work.example' });
      const quiet = caseIn('waiting-on-customer', { language: 'pl' });
      quiet.advance(30 * DAY);
      const gone = caseIn('in-progress', { language: 'pl' });
      gone.apply({ type: 'withdrawal', withdrawal: { reason: said.withdrawal } });
      const phoned = new Case({ language: 'pl', channel: 'phone' });
      return [c, quiet, gone, phoned];
    },
  ],
  [
    'Telegram: the chat refuses us, the customer writes there again with files, a message Telegram rejects; a settled case withdrawn; a message after the close',
    () => {
      const telegram = { botId: 7000000001, chatId: 5000000001 };
      const chat = new Case({
        language: 'pl',
        channel: 'telegram',
        customer: { email: 'maria@example.com', phone: undefined, telegram },
        autoDeliver: false,
      });
      const refused = (c: Case, errorType: string) =>
        c.apply({
          type: 'delivered',
          effectId: c.state.outbox.find((e) => e.do === 'tell-customer')!.id,
          outcome: 'permanent-failure',
          errorType,
          error: '403',
        });
      refused(chat, 'TelegramChatUnreachable');
      const alone = new Case({
        language: 'pl',
        channel: 'telegram',
        customer: { email: undefined, phone: undefined, telegram },
        autoDeliver: false,
      });
      refused(alone, 'TelegramChatUnreachable');
      alone.now += HOUR;
      alone.apply({
        type: 'customer-message',
        message: {
          text: said.reply,
          via: 'telegram',
          messageId: 'telegram-1-9',
          files: [{ role: 'photo', fileId: 'f-1', fileName: 'paczka.jpg', mimeType: 'image/jpeg' }],
        },
      });
      alone.apply({
        type: 'files-fetched',
        key: 'telegram-1-9',
        attachments: [{ id: 'a-1', name: 'paczka.jpg', type: 'image/jpeg', size: 2048 }],
        failed: 'paczka2.jpg',
      });
      alone.deliverAll();
      const rejected = new Case({
        language: 'pl',
        channel: 'telegram',
        customer: { email: undefined, phone: '+48 600 100 200', telegram },
        autoDeliver: false,
      });
      refused(rejected, 'TelegramRejected');
      const settled = caseIn('documentation', { language: 'pl' });
      settled.apply({ type: 'withdrawal', withdrawal: { reason: said.withdrawal } });
      const late = caseIn('closed', { language: 'pl' });
      late.now += late.policy.reopen.windowMs + DAY;
      late.customerWrites(said.reply);
      return [chat, alone, rejected, settled, late];
    },
  ],
];

/** The case's own sentences: its timeline but a person's words, and its tasks' notes. */
function caseSentences(c: Case): string[] {
  const own = (e: CaseView['timeline'][number]) =>
    e.kind === 'note' ||
    e.customerKind === 'customer-answer' ||
    (e.customerText !== undefined && e.customerText === e.text);
  return [
    ...new Set([
      ...c.state.timeline.filter((e) => !own(e)).map((e) => e.text),
      // A closing note is a person's (the call's, the task's) unless the case wrote it ("Sent by e-mail instead: …").
      ...c.state.tasks.flatMap((t) => [
        t.note ?? '',
        t.closingNote && !peoplesWords.includes(t.closingNote) ? t.closingNote : '',
      ]),
    ]),
  ].filter(Boolean);
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

describe('principles: empower the staff — the case’s own sentences reach a Polish reader in Polish', () => {
  for (const [label, run] of cases)
    it(label, () => {
      const run_ = run();
      const mails = run_.flatMap((c) => c.toStaff().filter((e) => e.to.language === 'pl'));
      assert.ok(mails.length > 0, 'e-mails to Polish readers');
      for (const c of run_) saysInPolish(c);
      for (const e of mails) {
        const { text } = renderMessage(e.message as Message, { language: 'pl', timeZone: 'Europe/Warsaw' });
        const left = english.exec(withoutPeoplesWords(text.replace(/https?:\/\/\S+/g, ' ')));
        assert.equal(
          left,
          null,
          `${e.purpose} (${e.message.kind}) says in English ("${left?.[0]}"):\n${text}`,
        );
        assert.doesNotMatch(text, postmarkCodes, e.purpose);
      }
    });

  function saysInPolish(c: Case): void {
    const sentences = caseSentences(c);
    assert.ok(sentences.length > 2, `${sentences.length} sentences`);
    // The console: every sentence as the page says it, and the page itself.
    const view = caseView(c.state, c.ctx());
    const page = casePage(viewer, {
      view,
      full: true,
      actions: [],
      canCompleteTasks: true,
      owners: [],
      documentationLists: { rootCauseCategories: [], contributingFactors: [] },
      nonce: 'n'.repeat(24),
    });
    for (const s of sentences) {
      assert.doesNotMatch(s, postmarkCodes, `the core writes Postmark's code: ${s}`);
      const polish = named(viewer, s, view.tasks);
      const left = english.exec(withoutPeoplesWords(polish));
      assert.equal(left, null, `the console says in English ("${left?.[0]}"): ${s}\n→ ${polish}`);
      assert.doesNotMatch(polish, postmarkCodes, polish);
      assert.ok(!page.includes(esc(s)), `the Polish page shows the case's English: ${s}`);
    }
    // What a person wrote stays as written.
    for (const w of Object.values(said))
      if (sentences.some((s) => s.includes(w)))
        assert.ok(
          sentences.some((s) => named(viewer, s, view.tasks).includes(w)),
          `a person's words changed: ${w}`,
        );
  }

  it('a bounce task tells the truth: an address on file that Postmark will not deliver to is not "no e-mail"', () => {
    const [, run] = cases.find(([label]) => label.startsWith('an address Postmark'))!;
    const [c] = run();
    const another = c.state.tasks.filter((t) => /another way/.test(t.note ?? ''));
    assert.ok(another.length > 0, 'a task asks for another way');
    for (const t of another) {
      assert.doesNotMatch(t.note!, /no e-mail/, t.note);
      assert.match(t.note!, /e-mail address on file .*Postmark will not deliver to it/, t.note);
      const polish = named(viewer, t.note!, c.state.tasks);
      assert.match(polish, /adres e-mail w aktach/, polish);
      assert.doesNotMatch(polish, /nie ma e-maila/, polish);
    }
  });

  it('the cases above write every kind of sentence the core has', () => {
    // One sample of each family the core writes (domain/lifecycle): a family no case reaches would
    // go untested, so the list above must keep reaching them all.
    const families = [
      /^Complaint received by/,
      /^Category .*; owner/,
      /^Acknowledged by e-mail/,
      /^Acknowledged on the incoming call/,
      /^Acknowledged (?:by phone|in writing) by/,
      /^Task T\d+ for /,
      /^Task T\d+ done/,
      /^Task T\d+ done: (?!the letter was sent)/,
      /^Task T\d+ done: the letter was sent\.$/,
      /^Task T\d+ done \(the letter was sent\): /,
      /^Call on T\d+ (?:reached|did not reach)/,
      /^Call (?:reached|did not reach)/,
      /^Escalated to /,
      /^Reminder at the top of the chain/,
      /^Statutory deadline \S+ approaching/,
      /^Statutory deadline missed: /,
      /^The (?:preliminary diagnosis|follow-up) promised by/,
      /^The promised resolution date passed; /,
      /^No update from the owner in time/,
      /^Preliminary diagnosis: /,
      /^Questions to the customer: /,
      /^Decision: /,
      /^Remedy above the policy awaits/,
      /^Extension beyond the policy/,
      /^(?:Approved|Rejected) by /,
      /^New expected resolution date/,
      /did not call the customer with the outcome by/,
      /^The supervisor wants the call made/,
      /^Without the owner’s call/,
      /told the customer the outcome by phone/,
      /^Outcome communicated in writing/,
      /^Survey answered: /,
      /^Survey answer given/,
      /^Follow-up opened after the survey/,
      /^Settled \(/,
      /^Documented: /,
      /^Case closed: /,
      /^Reopened by the customer's reply/,
      /recorded the customer's/,
      /now handles the complaint/,
      /^Unverified e-mail from/,
      /confirmed \S+ as the customer's address/,
      /^The customer did not answer our questions/,
      /^The customer withdrew the complaint/,
      /^E-mail to the customer failed permanently/,
      /^E-mail to the customer bounced/,
      /^The \S+ e-mail could not be sent/,
      /^The \S+ e-mail to .* is delayed/,
      /^Could not e-mail /,
      /^Tell the customer \(/,
      /^The \S+ e-mail bounced: tell the customer/,
      /^The customer’s e-mail bounced: contact them/,
      /^Call the customer back about the complaint/,
      /^Call the customer with the outcome/,
      /^Reminder: call the customer with the outcome/,
      /^Send the formal acknowledgement letter/,
      /^Document the case/,
      /^Revise the resolution/,
      /^The extension to \S+ was not approved/,
      /^Acknowledged in the customer’s Telegram chat/,
      /^The customer's Telegram chat refuses our messages/,
      /^The customer wrote in the Telegram chat again/,
      /^Sent by (?:e-mail|Telegram) instead/,
      /^The \S+ Telegram message could not be sent/,
      /^The customer sent /,
      /^A file the customer sent could not be fetched/,
      /^The customer asked to withdraw the settled complaint/,
      /^A message arrived after the case closed/,
    ];
    const all = cases.flatMap(([, run]) => run().flatMap(caseSentences));
    const missing = families.filter((f) => !all.some((s) => f.test(s)));
    assert.deepEqual(
      missing.map((f) => f.source),
      [],
    );
  });
});

describe('a person’s words inside the case’s sentences: no second full stop, the category apart', () => {
  /** A full stop after words that end a sentence already ("coming..", "padding.;", "Sorted!."). */
  const doubled = /(?<!\.)\.\.(?!\.)|[!?…]\.|\.;/;

  it('a call’s, a task’s and a withdrawal’s words keep their own end, in English and in Polish', () => {
    const c = new Case({ language: 'pl', ...letter });
    c.now += HOUR;
    const [call] = c.openTasks().filter((t) => t.kind === 'call');
    const [write] = c.openTasks().filter((t) => t.kind === 'write');
    if (call) callOn(c, true, call.id, 'Told him a replacement is coming.');
    c.act('task-completion', { taskId: write.id, note: 'Posted today…', by: 'anna-kowalska' });
    const gone = caseIn('in-progress', { language: 'pl' });
    gone.apply({ type: 'withdrawal', withdrawal: { reason: 'Sorted out!' } });
    const texts = [...c.state.timeline, ...gone.state.timeline].map((e) => e.text);
    const expected = [
      ...(call ? [`Call on ${call.id} reached the customer: Told him a replacement is coming.`] : []),
      `Task ${write.id} done: Posted today…`,
      'The customer withdrew the complaint: Sorted out!',
    ];
    for (const e of expected) assert.ok(texts.includes(e), `${e}\nin: ${texts.join('\n')}`);
    for (const s of texts) {
      assert.doesNotMatch(s, doubled, s);
      assert.doesNotMatch(named(viewer, s, c.state.tasks), doubled, s);
    }
    assert.ok(
      texts.some((s) => named(viewer, s, c.state.tasks).endsWith(': Posted today…')),
      'the task’s words as written in Polish',
    );
  });

  it('the documentation: the root cause’s category and words apart, the category by its Polish label, in Polish quotes', () => {
    const c = caseIn('documentation', { language: 'pl' });
    c.act('documentation', {
      rootCause: 'Kettle box had no inner padding.',
      rootCauseCategory: 'packaging',
      contributingFactors: ['peak-season'],
      responsibleParty: 'Boxes Ltd.',
      responsiblePartyKind: 'supplier',
      correctiveAction: 'Claim filed',
      preventiveAction: 'Courier review',
    });
    const s = c.state.timeline.find((e) => e.text.startsWith('Documented: '))!.text;
    assert.equal(
      s,
      'Documented: root cause [packaging] — Kettle box had no inner padding; responsible (supplier) Boxes Ltd.',
    );
    const packaging = shippedPolicy().documentation.rootCauseCategories.find((k) => k.id === 'packaging')!;
    const [cause, causePl] = [packaging.name, packaging.labels!.pl!];
    const polish = named(viewer, s, c.state.tasks);
    assert.equal(
      polish,
      `Udokumentowano: przyczyna źródłowa „${causePl}” — Kettle box had no inner padding; odpowiedzialny: (dostawca) Boxes Ltd.`,
    );
    // An English reader: the category by its name, apart from the words.
    const en = named({ ...viewer, t: translator('en'), language: 'en' }, s, c.state.tasks);
    assert.equal(
      en,
      `Documented: root cause “${cause}” — Kettle box had no inner padding; responsible (supplier) Boxes Ltd.`,
    );
    // A case documented before the separator: still read, the category in Polish quotes.
    const before =
      'Documented: root cause [packaging] Kurier zgubił paczkę; responsible (carrier) FastCourier.';
    assert.equal(
      named(viewer, before, []),
      `Udokumentowano: przyczyna źródłowa „${causePl}” — Kurier zgubił paczkę; odpowiedzialny: (przewoźnik) FastCourier.`,
    );
  });

  it('a letter marked sent before the case said it itself (the API’s "The T3 letter was sent") reads in Polish', () => {
    const tasks = [{ id: 'T1', kind: 'write', purpose: 'acknowledgement' }];
    assert.equal(
      named(viewer, 'Task T1 done: The T1 letter was sent.', tasks),
      'Zadanie „Potwierdzenie przyjęcia” wykonane: list wysłany.',
    );
    assert.equal(named(viewer, 'The T1 letter was sent', tasks), 'List wysłany.');
  });
});
