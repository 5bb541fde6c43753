// principles (001 §3, §5: empower the staff, give them what they need): every staff e-mail reaches its
// reader in their own language and time zone, as the roster says. The core decides it (with the
// case's roster snapshot); the activity renders with what the effect carries.
import { strict as assert } from 'node:assert';
import type { ComplaintInput } from '../../domain/case';
import { categorise } from '../../domain/categorise';
import { decide, nextDeadline, openCase, type Effect, type LifecycleState } from '../../domain/lifecycle';
import { chooseOwner } from '../../domain/owner';
import { parseRoster, PolicyFileError } from '../../domain/policy';
import { staffReaderOf } from '../../domain/staff-reader';
import type { Policy, Roster } from '../../domain/types';
import { renderMessage, type Message } from '../../domain/messages';
import { DAY, HOUR, shippedPolicy, shippedRoster } from '../helpers/complaints';
import { Case, caseIn, iso } from '../helpers/lifecycle-case';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');

function open(ownerId: string, policy: Policy = shippedPolicy(), roster: Roster = shippedRoster()) {
  const input: ComplaintInput = {
    complaintId: `c-staff-${ownerId}`,
    reference: 'CD-2026-STAFF1',
    receivedAt: new Date(T0).toISOString(),
    customer: { name: 'Maria Kowalska', email: 'maria@example.com', language: 'en' },
    channel: 'email',
    subject: 'Parcel late',
    description: 'The parcel has not arrived.',
    policy,
    roster,
  };
  const categorisation = categorise(
    { subject: input.subject, description: input.description, channel: 'email', language: 'en' },
    policy,
  );
  const chosen = chooseOwner(roster, { language: 'en', category: categorisation.category }, {});
  const owner = roster.owners.find((o) => o.id === ownerId)!;
  const ctx = { policy, roster, now: T0 };
  const opened = openCase(input, { categorisation, choice: { ...chosen, owner }, noticeOwner: true }, ctx);
  return { ...opened, policy, roster };
}

/** Lets the case's deadlines fire until it has escalated once: the escalation e-mails. */
function escalated(state: LifecycleState, policy: Policy, roster: Roster): Effect[] {
  let now = T0;
  for (let i = 0; i < 20; i++) {
    const next = nextDeadline(state, policy, now)!;
    now = next.at;
    const d = decide(state, { type: 'deadline', name: next.name }, { policy, roster, now });
    state = d.state;
    const mails = d.effects.filter((e) => e.do === 'notify-staff' && e.message.kind === 'escalation');
    if (mails.length) return mails;
  }
  assert.fail('never escalated');
}

const readers = (effects: Effect[]) =>
  effects.flatMap((e) =>
    e.do === 'notify-staff' ? [`${e.to.name}: ${e.to.language} ${e.to.timeZone}`] : [],
  );

describe('principles: empower the staff — every staff e-mail in its reader’s language and time zone', () => {
  it('the new-case notice goes to a Polish owner in Polish, Warsaw time', () => {
    const { effects } = open('anna-kowalska');
    assert.deepEqual(readers(effects), ['Anna Kowalska: pl Europe/Warsaw']);
  });

  it('escalations reach each person of the level in their own language and zone', () => {
    const anna = open('anna-kowalska');
    assert.deepEqual(readers(escalated(anna.state, anna.policy, anna.roster)).sort(), [
      'Anna Kowalska: pl Europe/Warsaw',
      'Marek Zieliński: pl Europe/Warsaw',
    ]);
    const sara = open('sara-lindqvist');
    assert.deepEqual(readers(escalated(sara.state, sara.policy, sara.roster)).sort(), [
      'Ingrid Johansson: en Europe/Stockholm',
      'Sara Lindqvist: en Europe/Stockholm',
    ]);
  });

  it('an escalation names its level by the policy’s label in the reader’s language', () => {
    const anna = open('anna-kowalska');
    const mails = escalated(anna.state, anna.policy, anna.roster);
    const toAnna = mails.find((e) => e.do === 'notify-staff' && e.to.name === 'Anna Kowalska');
    assert.ok(toAnna && toAnna.do === 'notify-staff');
    const { subject, text } = renderMessage(toAnna.message as Message, {
      language: 'pl',
      timeZone: 'Europe/Warsaw',
    });
    assert.match(subject, /poziom 1 \(Kierownik zespołu\)/);
    assert.doesNotMatch(`${subject}\n${text}`, /Team lead/);
    // English readers keep the policy's name.
    const sara = open('sara-lindqvist');
    const toSara = escalated(sara.state, sara.policy, sara.roster).find((e) => e.do === 'notify-staff');
    assert.ok(toSara && toSara.do === 'notify-staff');
    assert.match(
      renderMessage(toSara.message as Message, { language: 'en', timeZone: 'UTC' }).subject,
      /Team lead/,
    );
  });

  it('a reader the roster does not name (an escalation address) gets English in the team’s zone', () => {
    const roster = shippedRoster();
    assert.deepEqual(staffReaderOf(roster, 'someone@elsewhere.example', { clock: { kind: 'calendar' } }), {
      language: 'en',
      timeZone: 'UTC',
    });
    assert.deepEqual(
      staffReaderOf(roster, 'nobody@elsewhere.example', {
        clock: { kind: 'calendar', timeZone: 'Europe/Tallinn' },
      }),
      { language: 'en', timeZone: 'Europe/Tallinn' },
    );
    // Addresses compare without case, as mail does.
    assert.equal(
      staffReaderOf(roster, 'ANNA.KOWALSKA@complaint-desk.example', shippedPolicy()).language,
      'pl',
    );
  });

  it('a roster written before language and zone existed: English in the team’s zone, as before', () => {
    const old = shippedRoster();
    for (const o of old.owners) {
      delete o.language;
      delete o.timeZone;
    }
    const { effects } = open('anna-kowalska', shippedPolicy(), old);
    assert.deepEqual(readers(effects), ['Anna Kowalska: en UTC']);
  });

  it('the roster refuses a language staff e-mails are not written in, and a zone that does not exist', () => {
    const raw = JSON.parse(JSON.stringify(shippedRoster())) as { owners: Record<string, unknown>[] };
    raw.owners[2].language = 'sv';
    raw.owners[3].timeZone = 'Europe/Atlantis';
    try {
      parseRoster(raw, 'policy/roster.json');
      assert.fail('accepted');
    } catch (err) {
      assert.ok(err instanceof PolicyFileError);
      assert.match(err.message, /owners\[2\]\.language: staff e-mails are written in en, pl/);
      assert.match(err.message, /owners\[3\]\.timeZone: expected an IANA time zone/);
    }
  });
});

// The lifecycle writes its task texts, escalation reasons and approval requests in English (they are
// the case's notes too). A Polish reader's e-mail said them in English inside Polish text (the
// call-back task of every case with a phone: "Call the customer back about the complaint…"); it
// gives them in Polish. Words a person wrote are quoted as written.
describe('principles: empower the staff — what the case itself wrote reaches a Polish reader in Polish', () => {
  const letter = {
    channel: 'letter' as const,
    customer: { postalAddress: { lines: ['ul. Długa 1', '00-001 Warszawa'] } },
  };
  const cases: [string, () => Case][] = [
    [
      'a case nobody works: the call back, the missed diagnosis, escalations to the top',
      () => {
        const c = new Case({ language: 'pl', noticeOwner: true });
        c.advance(4 * DAY);
        return c;
      },
    ],
    [
      'an outcome not called: the miss, the supervisor asked, the reminders',
      () => {
        const c = caseIn('resolution-call', { language: 'pl' });
        c.advance(5 * DAY);
        return c;
      },
    ],
    [
      'a letter complainant: every message a letter task',
      () => {
        const c = new Case({ language: 'pl', ...letter });
        c.now += HOUR;
        c.diagnose();
        c.advance(3 * DAY);
        return c;
      },
    ],
    [
      'a promised resolution date and the statutory deadline passing',
      () => {
        const c = new Case({ language: 'pl' });
        c.now += HOUR;
        c.callBack();
        c.diagnose(2 * DAY);
        c.advance(20 * DAY);
        return c;
      },
    ],
    ['documentation', () => caseIn('documentation', { language: 'pl' })],
    [
      'approvals: a voucher above the caps and with a rejection, an extension beyond the policy',
      () => {
        const c = caseIn('awaiting-approval', { language: 'pl' });
        c.act('approval', { approve: false });
        c.resolve('rejected', { kind: 'voucher', percent: 10, validityDays: 30 });
        c.act('approval', { approve: false });
        c.resolve('upheld');
        const other = caseIn('in-progress', { language: 'pl' });
        other.act('extension', { newExpectedBy: iso(other.now + 60 * DAY), reason: 'Czekamy na kuriera.' });
        c.decided.push(...other.decided);
        assert.equal(c.toStaff('approval-request').length, 3);
        return c;
      },
    ],
  ];
  for (const [label, run] of cases)
    it(label, () => {
      const c = run();
      const mails = c.toStaff().filter((e) => e.to.language === 'pl');
      assert.ok(mails.length > 2, `${mails.length} e-mails to Polish readers`);
      for (const e of mails) {
        const m = e.message as { note?: string; reason?: string; what?: string };
        const { text } = renderMessage(e.message as Message, { language: 'pl', timeZone: 'Europe/Warsaw' });
        for (const english of [m.note, m.reason, m.what])
          if (english && /[a-z]/.test(english))
            assert.ok(
              !text.includes(english),
              `${e.purpose} (${e.message.kind}) quotes in English: ${english}`,
            );
        assert.doesNotMatch(
          text,
          /\b(?:the customer|the outcome|overdue|Reminder|promises?|Statutory)\b/,
          e.purpose,
        );
        // The promises' own names (clock ids) are said in Polish too.
        assert.doesNotMatch(
          text,
          /\b(?:resolution-call|call-back|diagnosis-new-time|follow-up-new-time)\b/,
          e.purpose,
        );
      }
    });
});
