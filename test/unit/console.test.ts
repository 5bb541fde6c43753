// The console's pure parts: labels for the case's vocabulary in both languages, the conversation
// thread, field errors in the staff member's words, letters without inline styles, attachment lines,
// search terms, pages with nothing inline (the CSP allows none), times in the viewer's zone, forms
// turned into the API's bodies, the language choice, and sessions that end.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { attachmentsIn, withAttachmentList } from '../../domain/attachments';
import type { CaseView } from '../../domain/case';
import { decide, type LifecycleState } from '../../domain/lifecycle';
import { caseTerms, normalisedWords, queryTerms } from '../../infra/store/search-index';
import { actionRoutes } from '../../api/complaints/action-routes';
import type { RoutedAction } from '../../api/complaints/schemas';
import { renderLetterPage } from '../../api/letters/render';
import { casePage, documentationChoices, fieldMessage } from '../../api/console/case-page';
import { formToBody, formValues, rejectedFieldErrors } from '../../api/console/forms';
import { fromAcceptLanguage, translator, type MessageKey } from '../../api/console/i18n';
import {
  categoryLabel,
  deadlineLabel,
  deliveryState,
  purposeLabel,
  relabel,
  stageLabel,
  taskLabel,
  timelineLabel,
  withNames,
  withTasks,
} from '../../api/console/labels';
import { classesForStyles } from '../../api/console/letter-styles';
import { SessionStore } from '../../api/console/session';
import { conversation } from '../../api/console/thread';
import { duration, formatTime, isoToLocalInput, localInputToIso } from '../../api/console/time';
import {
  approvalsPage,
  countKey,
  named,
  opsPage,
  queuePage,
  searchPage,
  sentenceStart,
  type ListRow,
  type Viewer,
} from '../../api/console/views';
import { deadlineNames } from '../../domain/lifecycle/model';
import { stages } from '../../domain/case';
import { openedCase } from '../helpers/case-summaries';
import { shippedPolicy, shippedRoster } from '../helpers/complaints';
import { fromRoot } from '../../infra/paths';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const H = 3600_000;
const en = translator('en');
const pl = translator('pl');

const ctx = (now: number) => ({ policy: shippedPolicy(), roster: shippedRoster(), now });
const T0 = Date.parse('2026-03-02T08:00:00.000Z');

/** A case moved by the real core: diagnosed, acknowledged, the customer wrote, the address bounced. */
function workedCase(): CaseView {
  const c = openedCase('unit-thread-100001', new Date(T0).toISOString());
  let s: LifecycleState = c.diagnosed(T0 + H);
  s = decide(
    s,
    {
      type: 'delivered',
      effectId: s.outbox.find((e) => e.purpose === 'acknowledgement')!.id,
      outcome: 'sent',
      messageId: 'pm-1',
    },
    ctx(T0 + H),
  ).state;
  s = decide(
    s,
    { type: 'customer-message', message: { text: 'Thank you, waiting.', via: 'email', messageId: 'in-1' } },
    ctx(T0 + 2 * H),
  ).state;
  s = decide(
    s,
    {
      type: 'bounce',
      bounce: { email: 'maria@example.com', messageId: 'pm-1', type: 'HardBounce', inactive: true },
    },
    ctx(T0 + 3 * H),
  ).state;
  return c.view(s, T0 + 3 * H);
}

const viewer = (over: Partial<Viewer> = {}): Viewer => ({
  t: en,
  language: 'en',
  zone: 'Europe/Warsaw',
  now: NOW,
  path: '/console/queue',
  csrf: 'csrf-token',
  principal: { role: 'supervisor', subject: 'ewa-nowak', name: 'Ewa Nowak', keyId: 'k' },
  roster: shippedRoster(),
  policy: shippedPolicy(),
  ...over,
});

/** Nothing inline: no style attribute or element, no script but the console's own file. */
function assertNothingInline(html: string, what: string): void {
  assert.doesNotMatch(html, /\sstyle\s*=/i, `${what}: a style attribute`);
  assert.doesNotMatch(html, /<style[\s>]/i, `${what}: a style element`);
  for (const m of html.matchAll(/<script\b([^>]*)>/gi))
    assert.match(m[1], /\ssrc="\/console\/assets\//, `${what}: a script not from the console`);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${what}: an event handler attribute`);
}

describe('console labels', () => {
  it('has a word in English and Polish for every stage and deadline, and for purposes and tasks', () => {
    for (const stage of stages) {
      assert.doesNotMatch(stageLabel(pl, stage), /-/, stage);
      assert.notEqual(stageLabel(pl, stage), stageLabel(en, stage), `${stage} in Polish`);
    }
    for (const name of [...deadlineNames, 'statutory', 'follow-up']) {
      assert.ok(deadlineLabel(en, name), name);
      assert.notEqual(deadlineLabel(pl, name), deadlineLabel(en, name), `${name} in Polish`);
    }
    assert.equal(purposeLabel(en, 'survey-reminder-2'), 'Survey reminder');
    assert.equal(purposeLabel(en, 'task-T3'), 'New task');
    assert.equal(purposeLabel(en, 'escalation-2'), 'Escalation');
    assert.equal(
      purposeLabel(en, 'something-new'),
      'something new',
      'words, not an id, for one not known yet',
    );
    assert.equal(
      taskLabel(en, { kind: 'write', reason: 'other', purpose: 'formal-acknowledgement' }),
      'Write to the customer · for: Formal acknowledgement letter',
    );
    assert.equal(
      taskLabel(pl, { kind: 'call', reason: 'no-email', purpose: 'acknowledgement' }),
      'Zadzwoń do klienta · dotyczy: Potwierdzenie przyjęcia · brak adresu e-mail',
    );
    assert.equal(categoryLabel(shippedPolicy(), 'pl', 'delivery'), 'Dostawa');
    assert.equal(
      withNames(shippedRoster(), `Approved by ${shippedRoster().supervisors[0].id}: refund`),
      `Approved by ${shippedRoster().supervisors[0].name}: refund`,
    );
    assert.equal(
      relabel(
        pl,
        shippedRoster(),
        shippedPolicy(),
        'Documented: root cause [packaging] Weak box; Task T3: Tell the customer (resolution-letter) by letter; Decision: partially-upheld.',
      ),
      'Documented: root cause “Packaging not fit for the goods” Weak box; Task T3: Tell the customer (Pismo z rozstrzygnięciem) by letter; Decision: uznana częściowo.',
    );
    assert.equal(deliveryState({ status: 'pending' }), 'queued');
    assert.equal(deliveryState({ status: 'pending', delayedSince: 'x' }), 'delayed');
    assert.equal(deliveryState({ status: 'failed', detail: 'bounced (HardBounce)' }), 'bounced');
    assert.equal(deliveryState({ status: 'failed', detail: 'MessageRenderError: x' }), 'failed');
    // Both catalogues have the same keys (the type says so); spot-check that none is left empty.
    for (const key of ['conversation', 'errRequired', 'delivery.bounced', 'openLetter'] as MessageKey[])
      assert.ok(pl(key) && pl(key) !== en(key), key);
  });
});

/** The timeline kinds the core writes, read from its source: `note('kind', …)` and `kind: 'kind'` pushes. */
function timelineKindsInDomain(): Set<string> {
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory()
          ? files(path.join(dir, e.name))
          : e.name.endsWith('.ts')
            ? [path.join(dir, e.name)]
            : [],
      );
  const kinds = new Set<string>();
  for (const file of files(fromRoot('domain', 'lifecycle'))) {
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/\bnote\(\s*'([a-z-]+)'/g)) kinds.add(m[1]);
    for (const m of source.matchAll(/timeline\.push\(\{[^}]*?kind: '([a-z-]+)'/g)) kinds.add(m[1]);
  }
  return kinds;
}

describe('console documentation lists', () => {
  it('offers every root cause and contributing factor by its label in the viewer’s language', () => {
    const lists = shippedPolicy().documentation;
    const pl = documentationChoices(lists, 'pl');
    const en = documentationChoices(lists, 'en');
    assert.equal(
      pl.rootCauseCategories.find((c) => c.id === 'packaging')?.name,
      'Opakowanie nieodpowiednie do towaru',
    );
    assert.equal(
      en.rootCauseCategories.find((c) => c.id === 'packaging')?.name,
      'Packaging not fit for the goods',
    );
    // Every choice of the shipped policy has its Polish label: none is shown in English on a Polish page.
    for (const list of ['rootCauseCategories', 'contributingFactors'] as const)
      for (const [i, c] of lists[list].entries()) {
        assert.ok(c.labels?.pl, `${list}.${c.id}: a Polish label`);
        assert.equal(pl[list][i].name, c.labels.pl);
        assert.equal(en[list][i].name, c.name);
      }
  });
});

describe('console timeline', () => {
  it('has a heading in English and Polish for every kind of entry the case writes', () => {
    const kinds = timelineKindsInDomain();
    for (const known of ['closing', 'reopened', 'sender-confirmed', 'unverified-message', 'received'])
      assert.ok(kinds.has(known), `the source scan finds '${known}'`);
    for (const kind of kinds) {
      assert.doesNotMatch(timelineLabel(en, kind), /^[a-z]/, `'${kind}' has an English heading`);
      assert.notEqual(timelineLabel(pl, kind), timelineLabel(en, kind), `'${kind}' in Polish`);
    }
  });
});

describe('console counts', () => {
  it('puts a count’s words in the form its number takes, in English and Polish', () => {
    const say = (lang: 'en' | 'pl', key: MessageKey, n: number) =>
      `${n} ${translator(lang)(countKey(lang, key, n))}`;
    assert.equal(say('en', 'countAttention', 1), '1 needs attention');
    assert.equal(say('en', 'countAttention', 3), '3 need attention');
    assert.equal(say('en', 'countMessage', 1), '1 new customer message');
    assert.equal(say('en', 'countMessage', 0), '0 new customer messages');
    assert.equal(say('en', 'countTaskOverdue', 1), '1 task overdue');
    assert.equal(say('pl', 'countTaskOverdue', 1), '1 zadanie po terminie');
    assert.equal(say('pl', 'countTaskOverdue', 3), '3 zadania po terminie');
    assert.equal(say('pl', 'countTaskOverdue', 5), '5 zadań po terminie');
    assert.equal(say('pl', 'countMessage', 22), '22 nowe wiadomości od klientów');
    assert.equal(say('pl', 'countAttention', 2), '2 wymagają uwagi');
    assert.equal(say('pl', 'countApproval', 12), '12 czeka na zatwierdzenie');
    assert.equal(say('en', 'countOverdue', 1), '1 overdue', 'a key without forms stays as it is');
  });

  it('says every Polish count in its form for 0, 1, 2–4 and 5+ (PluralRules "many" for 0 and 5+)', () => {
    const rules = new Intl.PluralRules('pl');
    assert.deepEqual(
      [0, 1, 2, 5, 12, 22, 25].map((n) => rules.select(n)),
      ['many', 'one', 'few', 'many', 'many', 'few', 'many'],
    );
    const say = (key: MessageKey, n: number) => `${n} ${pl(countKey('pl', key, n), { hours: 4 })}`;
    const expected: Record<string, string[]> = {
      countOverdue: ['po terminie', 'po terminie', 'po terminie', 'po terminie'],
      countDueSoon: [
        'terminów w ciągu 4 h',
        'termin w ciągu 4 h',
        'terminy w ciągu 4 h',
        'terminów w ciągu 4 h',
      ],
      countMessage: [
        'nowych wiadomości od klientów',
        'nowa wiadomość od klienta',
        'nowe wiadomości od klientów',
        'nowych wiadomości od klientów',
      ],
      countTaskOverdue: [
        'zadań po terminie',
        'zadanie po terminie',
        'zadania po terminie',
        'zadań po terminie',
      ],
      countApproval: [
        'czeka na zatwierdzenie',
        'czeka na zatwierdzenie',
        'czekają na zatwierdzenie',
        'czeka na zatwierdzenie',
      ],
      countAttention: ['wymaga uwagi', 'wymaga uwagi', 'wymagają uwagi', 'wymaga uwagi'],
    };
    for (const [key, words] of Object.entries(expected))
      assert.deepEqual(
        [0, 1, 2, 5].map((n) => say(key as MessageKey, n)),
        [0, 1, 2, 5].map((n, i) => `${n} ${words[i]}`),
        key,
      );
    assert.equal(say('countDueSoon', 22), '22 terminy w ciągu 4 h');
    assert.equal(`0 ${en(countKey('en', 'countDueSoon', 0), { hours: 4 })}`, '0 due within 4 h');
  });

  it('says a promise’s and a sending’s state in Polish without a gender the deadline may not have', () => {
    // The states follow "Wstępna diagnoza" (f), "Potwierdzenie" (n), "Pytania" (pl) alike.
    assert.deepEqual(
      (['met', 'missed', 'cancelled'] as const).map((k) => pl(k)),
      ['dotrzymano', 'nie dotrzymano', 'anulowano'],
    );
    assert.equal(pl('delivery.sent'), 'wysyłka udana');
    assert.deepEqual(
      (['met', 'missed', 'cancelled', 'delivery.sent'] as const).map((k) => en(k)),
      ['met', 'missed', 'cancelled', 'sent'],
      'English unchanged',
    );
  });
});

describe('console header', () => {
  it('names the signed-in person’s role in the page’s language', () => {
    const page = searchPage(viewer({ t: pl, language: 'pl' }), '', undefined, '');
    assert.match(page, /Zalogowano: Ewa Nowak \(przełożony\)/);
    assert.match(searchPage(viewer(), '', undefined, ''), /Signed in as Ewa Nowak \(supervisor\)/);
  });
});

describe('console sentences', () => {
  it('reads the case’s task ids and instants in its sentences as words, in the viewer’s zone', () => {
    const tasks = [
      { id: 'T2', kind: 'call' },
      { id: 'T3', kind: 'write', purpose: 'resolution-letter' },
    ];
    assert.equal(
      withTasks(en, tasks, 'Task T3 done: The T3 letter was sent.'),
      'Task “Resolution letter” done: The letter “Resolution letter” was sent.',
    );
    assert.equal(
      withTasks(pl, tasks, 'Call on T2 reached the customer.'),
      'Call on “Zadzwoń do klienta” reached the customer.',
    );
    // Only this case's tasks, only where the case names them.
    assert.equal(withTasks(en, tasks, 'Task T9 done; model T3 on desk.'), 'Task T9 done; model T3 on desk.');
    assert.equal(
      named(viewer(), 'Extension to 2027-01-16T05:20:33.213Z (longer than 14d): a new table.'),
      'Extension to 16 Jan 2027, 06:20 CET (longer than 14d): a new table.',
    );
    // The intake's reasons: the category by the policy's name, a language by its name.
    assert.equal(
      named(
        viewer(),
        'Category delivery, priority normal (category delivery: "courier" (en)); owner Anna Kowalska (speaks pl and handles delivery; 0 open cases).',
      ),
      'Category “Delivery”, priority normal (category “Delivery”: "courier" (en)); owner Anna Kowalska (speaks Polish and handles “Delivery”; 0 open cases).',
    );
    assert.equal(named(viewer(), 'A delivery category of goods.'), 'A delivery category of goods.');
    // A purpose of one word too; a parenthesis that names no purpose stays.
    assert.equal(
      named(
        viewer({ t: pl, language: 'pl' }),
        'Tell the customer (acknowledgement) by letter; Settled (resolved).',
      ),
      'Tell the customer (Potwierdzenie przyjęcia) by letter; Settled (resolved).',
    );
    // The real core's sentences on the case page: its bounced e-mail's task is named by what it is for.
    const view = workedCase();
    assert.ok(view.tasks.length, 'the bounce opened a task');
    assert.ok(
      view.timeline.some((e) => /\bTask T\d+\b/.test(e.text)),
      'the case writes its task ids',
    );
    const page = casePage(viewer(), {
      view,
      full: true,
      actions: [],
      canCompleteTasks: true,
      owners: [],
      documentationLists: { rootCauseCategories: [], contributingFactors: [] },
      nonce: 'n'.repeat(24),
    });
    const timeline = /<section class="card" aria-labelledby="h-timeline">[\s\S]*?<\/section>/.exec(page)![0];
    assert.doesNotMatch(timeline, /\bT\d+\b/, 'no task id in the timeline');
    assert.match(timeline, /Task “[^”]+” for /);
    // A person's own words stay as written, even where they look like the case's ids.
    const said: CaseView = {
      ...view,
      timeline: [
        ...view.timeline,
        {
          at: view.receivedAt,
          kind: 'customer-message',
          text: 'Task T1 on T1, category delivery (diagnosis).',
          customerVisible: true,
          customerKind: 'customer-answer',
          customerText: 'Task T1 on T1, category delivery (diagnosis).',
        },
      ],
    };
    const withWords = casePage(viewer(), {
      view: said,
      full: true,
      actions: [],
      canCompleteTasks: true,
      owners: [],
      documentationLists: { rootCauseCategories: [], contributingFactors: [] },
      nonce: 'n'.repeat(24),
    });
    assert.match(withWords, /Task T1 on T1, category delivery \(diagnosis\)\./);
  });
});

describe('console conversation', () => {
  it('shows the complaint, what was sent (with its delivery state) and what the customer wrote, in order', () => {
    const { thread, staff } = conversation(workedCase());
    const kinds = thread.map((e) => (e.kind === 'sent' ? `sent:${e.purpose}:${e.state}` : e.kind));
    assert.deepEqual(kinds, [
      'complaint',
      'sent:acknowledgement:bounced',
      // The address bounced before the diagnosis went out: not sent, a task stands in for it.
      'sent:diagnosis:dropped',
      'received',
    ]);
    const received = thread.find((e) => e.kind === 'received');
    assert.deepEqual(received && { text: received.text, via: received.via }, {
      text: 'Thank you, waiting.',
      via: 'email',
    });
    assert.ok(
      staff.some((s) => s.purpose === 'customer-message'),
      'the owner’s notice is listed apart',
    );
  });

  it('shows the sender’s own date (an e-mail’s Date header) beside the complaint in the reader’s language, not in the words', () => {
    const opened = openedCase('unit-thread-100002', new Date(T0).toISOString(), {
      senderDate: 'Mon, 2 Mar 2026 08:30:00 +0100',
    });
    const view = opened.view();
    assert.equal(view.senderDate, 'Mon, 2 Mar 2026 08:30:00 +0100', 'the case keeps it as written');
    assert.doesNotMatch(view.description, /Mon, 2 Mar|sender/, 'not in the customer’s words');
    const complaint = conversation(view).thread[0];
    assert.ok(complaint.kind === 'complaint');
    assert.equal(complaint.senderDate, view.senderDate);
    const page = (v: Viewer) =>
      casePage(v, {
        view,
        full: true,
        actions: [],
        canCompleteTasks: true,
        owners: [],
        documentationLists: { rootCauseCategories: [], contributingFactors: [] },
        nonce: 'n'.repeat(24),
      });
    const polish = page(viewer({ t: pl, language: 'pl' }));
    const meta = /<span class="sender-date">([\s\S]*?)<\/span>(?=<\/p>)/.exec(polish)?.[1] ?? '';
    assert.match(meta, /^data nadawcy: /, 'the label in Polish');
    // Its instant as the page writes every time (07:30 UTC is 08:30 in Warsaw), not the header's English.
    assert.match(meta, /08:30/);
    assert.doesNotMatch(polish, /Mon, 2 Mar|Date header/);
    assert.match(page(viewer()), /<span class="sender-date">dated by the sender: /);
    // A header that is no date: as written.
    const odd = casePage(viewer(), {
      view: { ...view, senderDate: 'sometime <soon>' },
      full: true,
      actions: [],
      canCompleteTasks: true,
      owners: [],
      documentationLists: { rootCauseCategories: [], contributingFactors: [] },
      nonce: 'n'.repeat(24),
    });
    assert.match(odd, /dated by the sender: sometime &lt;soon&gt;/);
  });

  it('opens a messenger’s fetched files from the complaint too, each once', () => {
    const photo = { id: `a${'3'.repeat(32)}`, name: 'telegram-photo-1.png', type: 'image/png', size: 900 };
    const view = { ...workedCase(), attachments: [{ ...photo, at: '2026-12-01T10:00:00Z' }] };
    const complaint = conversation(view).thread[0];
    assert.ok(complaint.kind === 'complaint');
    assert.deepEqual(complaint.files, [photo]);
  });

  it('reads back the attachment lines the public form writes', () => {
    const files = [
      { id: `a${'1'.repeat(32)}`, name: 'photo (1).jpg', type: 'image/jpeg', size: 2048 },
      { id: `a${'2'.repeat(32)}`, name: 'receipt.pdf', type: 'application/pdf', size: 100 },
    ];
    const text = withAttachmentList('The lamp is broken.', files);
    const back = attachmentsIn(text);
    assert.equal(back.text, 'The lamp is broken.');
    assert.deepEqual(
      back.files.map((f) => [f.id, f.name, f.type]),
      files.map((f) => [f.id, f.name, f.type]),
    );
    assert.deepEqual(attachmentsIn('No files.\n\nAttachments:\n- not ours'), {
      text: 'No files.\n\nAttachments:\n- not ours',
      files: [],
    });
  });
});

describe('console forms and pages', () => {
  it('says what is wrong in the staff member’s words, never the schema’s', () => {
    const schema = [
      'required',
      'expected an ISO 8601 date-time with a time zone, e.g. 2026-03-05T10:00:00Z',
      'must be in the future',
      'at most 5000 characters',
      'Invalid option: expected one of "ours"|"third-party"',
      'something only a schema says',
    ];
    assert.deepEqual(
      schema.map((m) => fieldMessage(pl, m)),
      [
        'Wypełnij to pole.',
        'Wybierz datę i godzinę.',
        'Wybierz termin w przyszłości.',
        'Najwyżej 5000 znaków.',
        'Wybierz jedną z opcji.',
        'Ta wartość nie jest akceptowana.',
      ],
    );
  });

  it('says on the follow-up form, in English and Polish, that its text goes to the customer', () => {
    const view = workedCase();
    const model = {
      view,
      full: true,
      actions: ['follow-up', 'notes'] as RoutedAction[],
      canCompleteTasks: false,
      owners: [],
      documentationLists: { rootCauseCategories: [], contributingFactors: [] },
      nonce: 'n'.repeat(24),
    };
    const field = (html: string) =>
      /<label for="follow-up-note">([^<]*)<[\s\S]*?<p class="hint" id="follow-up-note-about">([^<]*)<\/p><textarea id="follow-up-note"[^>]*aria-describedby="follow-up-note-about"/.exec(
        html,
      );
    const english = field(casePage(viewer(), model));
    assert.ok(english, 'the English follow-up field has its label and hint');
    assert.match(english[1], /for the customer/);
    assert.match(english[2], /customer reads this on their status page/);
    const polish = field(casePage(viewer({ t: pl, language: 'pl' }), model));
    assert.ok(polish, 'the Polish follow-up field has its label and hint');
    assert.match(polish[1], /dla klienta/);
    assert.match(polish[2], /Klient przeczyta ten tekst na swojej stronie statusu/);
    // The internal note keeps its plain label: only text for the customer says so.
    assert.doesNotMatch(casePage(viewer(), model), /id="notes-text-about"/);
  });

  it('puts the case’s refusal of a survey score at the field, in Polish, with the case’s own scale', () => {
    const detail = 'score: a whole number from 0 to 10.';
    const errors = rejectedFieldErrors('survey-answer', detail);
    assert.deepEqual(errors, [
      { field: 'score', pointer: '/score', message: 'a whole number from 0 to 10.' },
    ]);
    // A sentence that names the action (not a field of its form) stays the case's refusal.
    assert.deepEqual(rejectedFieldErrors('reassignment', 'reassignment: unknown owner "x".'), []);
    assert.deepEqual(rejectedFieldErrors('survey-answer', 'no colon here'), []);
    const view = { ...workedCase(), surveyScale: { min: 0, max: 10 } };
    const page = casePage(viewer({ t: pl, language: 'pl' }), {
      view,
      full: true,
      actions: ['survey-answer'],
      canCompleteTasks: false,
      owners: [],
      documentationLists: { rootCauseCategories: [], contributingFactors: [] },
      nonce: 'n'.repeat(24),
      form: { action: 'survey-answer', values: { score: '11' }, message: pl('fixErrors'), errors },
    });
    assert.match(
      page,
      /<p class="field-error" id="survey-answer-score-error">Wpisz liczbę całkowitą od 0 do 10\.<\/p><input type="number" step="1" min="0" max="10" id="survey-answer-score" name="score" value="11" required aria-required="true" aria-invalid="true"/,
    );
    assert.doesNotMatch(page, /whole number|score:/, 'no words of the domain’s check');
  });

  it('shows a letter customer’s postal address and fax number to those who see personal data only', () => {
    const base = workedCase();
    const view = {
      ...base,
      customer: {
        ...base.customer,
        fax: '+48 22 555 01 02',
        postalAddress: { lines: ['Maria <Kowalska>', 'ul. Długa 5', '00-001 Warszawa'] },
      },
    };
    const model = {
      view,
      full: true,
      actions: [] as RoutedAction[],
      canCompleteTasks: false,
      owners: [],
      documentationLists: { rootCauseCategories: [], contributingFactors: [] },
      nonce: 'n'.repeat(24),
    };
    const polish = casePage(viewer({ t: pl, language: 'pl' }), model);
    assert.match(
      polish,
      /<dt>Faks<\/dt><dd>\+48 22 555 01 02<\/dd>\s*<dt>Adres pocztowy<\/dt><dd class="address">Maria &lt;Kowalska&gt;<br>ul\. Długa 5<br>00-001 Warszawa<\/dd>/,
    );
    assert.match(casePage(viewer(), model), /<dt>Postal address<\/dt>/);
    const restricted = casePage(viewer(), { ...model, full: false });
    assert.doesNotMatch(restricted, /Długa|555 01 02|Postal address/);
  });

  it('draws every page without inline style or script, and marks required fields', () => {
    const view = workedCase();
    const row: ListRow = {
      complaintId: view.complaintId,
      reference: view.reference,
      stage: view.stage,
      ownerId: view.owner.id,
      category: view.category,
      priority: view.priority,
      language: 'en',
      channel: 'email',
      escalationLevel: 1,
      overdue: true,
      receivedAt: view.receivedAt,
      nextDeadline: { name: 'resolution', at: new Date(NOW + H).toISOString() },
      attention: ['email-failed'],
      approval: { kind: 'extension', requestedAt: new Date(NOW - H).toISOString() },
      erased: false,
      badges: ['overdue', 'message', 'attention', 'approval'],
      customer: { name: 'Maria <Kowalska>', subject: 'Lamp', approvalSummary: 'Extension' },
    };
    const v = viewer();
    const queue = queuePage(v, {
      title: 'Team queue',
      rows: [row],
      counts: {
        total: 1,
        overdue: 1,
        'due-soon': 0,
        message: 1,
        'task-overdue': 0,
        approval: 1,
        attention: 1,
      },
      matching: 120,
      page: 2,
      pageSize: 50,
      filter: { badge: 'message' },
      dueSoonHours: 4,
      stages: ['diagnosis'],
      priorities: ['normal'],
      categories: ['delivery'],
      owners: [{ id: view.owner.id, name: view.owner.name }],
      showsCustomers: true,
    });
    assert.match(queue, /Maria &lt;Kowalska&gt;/);
    assert.match(queue, /href="\/console\/queue\?badge=message&amp;page=3" rel="next"/);
    assert.match(queue, /1 open case</);
    assert.equal((queue.match(/Times shown in/g) ?? []).length, 1, 'the zone is named once');
    const page = casePage(v, {
      view,
      full: true,
      actions: ['diagnosis', 'notes', 'resolution'],
      canCompleteTasks: true,
      owners: [],
      documentationLists: { rootCauseCategories: [], contributingFactors: [] },
      nonce: 'n'.repeat(24),
      form: {
        action: 'diagnosis',
        values: {},
        message: 'x',
        errors: [{ field: 'expectedResolutionBy', pointer: '/expectedResolutionBy', message: 'required' }],
      },
    });
    assert.match(
      page,
      /<input type="datetime-local" id="diagnosis-expectedResolutionBy"[^>]* min="[^"]+"[^>]* required aria-required="true" aria-invalid="true"/,
    );
    assert.match(page, /Fill in this field\./);
    assert.doesNotMatch(page, /ISO 8601|\.:/, 'no schema wording, no ".:"');
    assert.match(page, /bounced/);
    const pages = {
      queue,
      case: page,
      approvals: approvalsPage(v, [row], 'Done', 'nonce'),
      ops: opsPage(v, {
        attention: [row],
        stuck: [{ ...row, why: 'no-deadline' }],
        overdue: [row],
        counts: { attention: 1, stuck: 1, overdue: 1 },
        graceMinutes: 15,
        webUi: (id) => `http://ui/${id}`,
      }),
      search: searchPage(v, 'maria', [row], 'scope'),
    };
    for (const [what, html] of Object.entries(pages)) assertNothingInline(html, what);
    // A request waits; it is not late (it read "(1 h late)").
    assert.match(pages.approvals, /\(waiting 1 h\)/);
    assert.doesNotMatch(pages.approvals, / late\)/);
  });

  it('starts what awaits approval with a capital letter, in English and Polish', () => {
    const summary = 'refund 5000.00 PLN is above the 500 PLN cap';
    const row = {
      complaintId: 'c-1',
      reference: 'CMP-1',
      stage: 'awaiting-approval',
      ownerId: 'anna-kowalska',
      language: 'en',
      channel: 'email',
      escalationLevel: 1,
      overdue: false,
      receivedAt: new Date(NOW - 5 * H).toISOString(),
      approval: { kind: 'remedy', requestedAt: new Date(NOW - H).toISOString() },
      erased: false,
      badges: ['approval'],
      customer: { name: 'Maria', subject: 'Lamp', approvalSummary: summary },
    } as unknown as ListRow;
    const paragraph = (html: string) => /<\/dl>\s*<p>([^<]*)<\/p>/.exec(html)?.[1];
    assert.equal(paragraph(approvalsPage(viewer(), [row])), 'Refund 5000.00 PLN is above the 500 PLN cap');
    const polish = paragraph(approvalsPage(viewer({ t: pl, language: 'pl' }), [row]));
    assert.ok(polish && /^\p{Lu}/u.test(polish), `Polish summary starts in capital: ${polish}`);
    assert.notEqual(polish, 'Refund 5000.00 PLN is above the 500 PLN cap', 'said in Polish');
    assert.equal(sentenceStart({ language: 'pl' }, 'źródło'), 'Źródło');
    assert.equal(sentenceStart({ language: 'en' }, '5000 PLN'), '5000 PLN');
  });

  it('turns a letter’s inline styles into classes of its own stylesheet', () => {
    const view = workedCase();
    const page = renderLetterPage(view, 'acknowledgement', {
      stylesheetHref: '/x.css',
      toolbarHtml: '<nav>t</nav>',
    });
    assert.ok(page.ok);
    assert.match(page.html, /\sstyle="/, 'the letter itself is written with inline styles');
    const { html, css } = classesForStyles(page.html);
    assertNothingInline(html.replace(/<script[^>]*><\/script>/g, ''), 'the console letter');
    assert.match(html, /<link rel="stylesheet" href="\/x.css">/);
    for (const cls of html.matchAll(/class="[^"]*?(ls-[0-9a-f]{10})/g))
      assert.ok(css.includes(`.${cls[1]}{`), cls[1]);
    assert.equal(classesForStyles(page.html).css, css, 'the same rules when drawn again');
  });
});

describe('console search terms', () => {
  it('normalises names, e-mails, phones and words the same way when writing and when searching', () => {
    assert.deepEqual(normalisedWords('Łukasz  Wiśniewski-Öberg'), ['lukasz', 'wisniewski', 'oberg']);
    const terms = caseTerms({
      name: 'Łukasz Wiśniewski',
      email: 'L.W@Example.com',
      phone: '+48 601 234 567',
      subject: 'Pralka',
    });
    for (const q of ['wisniewski lukasz', 'l.w@example.COM', '601 234 567', 'pralka'])
      for (const term of queryTerms(q).terms) assert.ok(terms.includes(term), `${q}: ${term}`);
    assert.deepEqual(queryTerms('x').terms, [], 'one letter finds nothing');
  });
});

describe('console times', () => {
  it('names the zone and reads form times in the viewer zone, across daylight saving', () => {
    assert.match(formatTime('2026-11-27T11:00:00Z', 'en', 'Europe/Warsaw'), /12:00.*(CET|GMT\+1)/);
    assert.match(formatTime('2026-07-01T11:00:00Z', 'pl', 'Europe/Warsaw'), /13:00.*(CEST|GMT\+2)/);
    assert.equal(localInputToIso('2026-11-27T12:00', 'Europe/Warsaw'), '2026-11-27T11:00:00.000Z');
    assert.equal(localInputToIso('2026-07-01T12:00', 'Europe/Warsaw'), '2026-07-01T10:00:00.000Z');
    assert.equal(localInputToIso('2026-07-01T12:00', 'Asia/Jerusalem'), '2026-07-01T09:00:00.000Z');
    assert.equal(localInputToIso('tomorrow', 'UTC'), 'tomorrow', 'left for the schema to refuse');
    assert.equal(isoToLocalInput('2026-07-01T10:00:00.000Z', 'Europe/Warsaw'), '2026-07-01T12:00');
    assert.equal(isoToLocalInput('2026-11-27T11:00:00.000Z', 'Europe/Warsaw'), '2026-11-27T12:00');
    assert.equal(duration(3 * 86_400_000 + 4 * H), '3 d 4 h');
    assert.equal(duration(-(2 * H + 5 * 60_000)), '2 h 5 min');
  });
});

describe('console forms', () => {
  it('turn into bodies the API schemas accept, with only the remedy fields of its kind', () => {
    const resolution = formToBody(
      'resolution',
      {
        outcome: 'upheld',
        explanation: 'Broken in transit.',
        apology: 'Sorry.',
        'remedy.kind': 'voucher',
        'remedy.percent': '10',
        'remedy.validityDays': '90',
        'remedy.amount': '5',
        howToUseRemedy: '',
      },
      'UTC',
    );
    assert.deepEqual(resolution.remedy, { kind: 'voucher', percent: 10, validityDays: 90 });
    assert.ok(actionRoutes.resolution.body.safeParse(resolution).success);
    const diagnosis = formToBody(
      'diagnosis',
      {
        summary: 'S',
        probableCause: 'P',
        'responsibleParty.kind': 'ours',
        'responsibleParty.name': 'Us',
        expectedResolutionBy: '2099-01-01T10:00',
      },
      'Europe/Warsaw',
    );
    assert.equal(diagnosis.expectedResolutionBy, '2099-01-01T09:00:00.000Z');
    assert.ok(actionRoutes.diagnosis.body.safeParse(diagnosis).success);
    assert.deepEqual(formToBody('progress', { message: 'm' }, 'UTC'), {
      message: 'm',
      customerVisible: false,
    });
    assert.deepEqual(formToBody('calls', { reached: 'yes', taskId: 'T2' }, 'UTC'), {
      reached: true,
      taskId: 'T2',
    });
    // Checked boxes post the field once each; formValues keeps them one per line.
    const documentation = formToBody(
      'documentation',
      formValues({
        rootCause: 'R',
        rootCauseCategory: 'packaging',
        contributingFactors: ['packaging', 'carrier-handling'],
        responsibleParty: 'FastCourier',
        responsiblePartyKind: 'carrier',
        correctiveAction: 'C',
        preventiveAction: 'P',
      }),
      'UTC',
    );
    assert.deepEqual(documentation.contributingFactors, ['packaging', 'carrier-handling']);
    assert.equal(documentation.rootCauseCategory, 'packaging');
    assert.equal(documentation.responsiblePartyKind, 'carrier');
    assert.ok(actionRoutes.documentation.body.safeParse(documentation).success);
    // No box checked: no contributing factor (the field is required, an empty list is an answer).
    assert.deepEqual(formToBody('documentation', {}, 'UTC'), { contributingFactors: [] });
    // Another repeated field still counts once.
    assert.equal(formValues({ decision: ['approve', 'reject'] }).decision, 'approve');
  });
});

describe('console language and sessions', () => {
  it('picks a supported language from Accept-Language by weight, and translates both ways', () => {
    assert.equal(fromAcceptLanguage('de-DE,pl;q=0.9,en;q=0.8'), 'pl');
    assert.equal(fromAcceptLanguage('en-GB,pl;q=0.5'), 'en');
    assert.equal(fromAcceptLanguage('de, fr'), undefined);
    assert.equal(translator('pl')('openCases', { count: 3 }), 'Otwarte sprawy: 3');
    assert.equal(translator('en')('openCases', { count: 3 }), '3 open cases');
  });

  it('ends a session after its idle time and after its absolute time, however busy', async () => {
    let now = 0;
    const store = new SessionStore({ idleMs: 100, absoluteMs: 250, maxSessions: 10 }, () => now);
    const principal = { role: 'agent' as const, subject: 'a', name: 'A', keyId: 'k' };
    const idle = await store.create(principal);
    now = 101;
    assert.equal(await store.get(idle), undefined);
    const busy = await store.create(principal);
    for (now = 150; now <= 340; now += 50) assert.ok(await store.get(busy), `alive at ${now}`);
    now = 360;
    assert.equal(await store.get(busy), undefined);
  });
});
