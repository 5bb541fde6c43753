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
import { shippedPolicy, shippedRoster } from '../helpers/complaints';

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
