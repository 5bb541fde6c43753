// The console's pure parts: the queue's order, badges, counts and stuck cases; times in the viewer's
// zone; forms turned into the API's bodies; the language choice; sessions that end.
import assert from 'node:assert/strict';
import { actionRequestSchemas } from '../../api/schemas';
import { formToBody, formValues } from '../../api/console/forms';
import { fromAcceptLanguage, translator } from '../../api/console/i18n';
import {
  badgesOf,
  filterQueue,
  queueCounts,
  sortQueue,
  stuckReason,
  type QueueItem,
} from '../../api/console/queue';
import { SessionStore } from '../../api/console/session';
import { duration, formatTime, localInputToIso } from '../../api/console/time';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const H = 3600_000;
const item = (over: Partial<QueueItem>): QueueItem => ({
  id: `c${Math.random().toString(16).slice(2, 12)}`,
  status: 'RUNNING',
  startedAt: new Date(NOW - 10 * H).toISOString(),
  links: { self: '/complaints/x' },
  ...over,
});
const rules = { now: NOW, dueSoonMs: 4 * H };

describe('console queue', () => {
  it('puts the earliest next deadline first and cases without one last', () => {
    const a = item({ reference: 'CD-2026-AAAAAA', nextDeadline: new Date(NOW + 5 * H).toISOString() });
    const b = item({ reference: 'CD-2026-BBBBBB', nextDeadline: new Date(NOW - H).toISOString() });
    const c = item({ reference: 'CD-2026-CCCCCC' });
    assert.deepEqual(
      sortQueue([a, c, b]).map((i) => i.reference),
      ['CD-2026-BBBBBB', 'CD-2026-AAAAAA', 'CD-2026-CCCCCC'],
    );
  });

  it('badges overdue, due soon, waiting on the customer and awaiting approval, and counts them', () => {
    const overdue = item({ overdue: true, nextDeadline: new Date(NOW + 10 * H).toISOString() });
    const soon = item({ nextDeadline: new Date(NOW + 3 * H).toISOString(), stage: 'waiting-on-customer' });
    const later = item({ nextDeadline: new Date(NOW + 30 * H).toISOString(), stage: 'awaiting-approval' });
    assert.deepEqual(badgesOf(overdue, rules), ['overdue']);
    assert.deepEqual(badgesOf(soon, rules), ['due-soon', 'waiting']);
    assert.deepEqual(badgesOf(later, rules), ['approval']);
    assert.deepEqual(queueCounts([overdue, soon, later], rules), {
      total: 3,
      overdue: 1,
      'due-soon': 1,
      waiting: 1,
      approval: 1,
    });
    assert.deepEqual(filterQueue([overdue, soon, later], { badge: 'waiting' }, rules), [soon]);
    assert.deepEqual(filterQueue([overdue, soon, later], { stage: 'awaiting-approval' }, rules), [later]);
  });

  it('calls a case stuck when its deadline passed long ago or it has none', () => {
    const grace = 15 * 60_000;
    assert.equal(
      stuckReason(item({ nextDeadline: new Date(NOW - H).toISOString() }), NOW, grace),
      'late-deadline',
    );
    assert.equal(
      stuckReason(item({ nextDeadline: new Date(NOW - 60_000).toISOString() }), NOW, grace),
      undefined,
    );
    assert.equal(stuckReason(item({}), NOW, grace), 'no-deadline');
    assert.equal(
      stuckReason(item({ startedAt: new Date(NOW - 60_000).toISOString() }), NOW, grace),
      undefined,
    );
    assert.equal(stuckReason(item({ status: 'COMPLETED' }), NOW, grace), undefined);
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
    assert.ok(actionRequestSchemas.resolution.safeParse(resolution).success);
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
    assert.ok(actionRequestSchemas.diagnosis.safeParse(diagnosis).success);
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
    assert.ok(actionRequestSchemas.documentation.safeParse(documentation).success);
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

  it('ends a session after its idle time and after its absolute time, however busy', () => {
    let now = 0;
    const store = new SessionStore({ idleMs: 100, absoluteMs: 250, maxSessions: 10 }, () => now);
    const principal = { role: 'agent' as const, subject: 'a', name: 'A', keyId: 'k' };
    const idle = store.create(principal);
    now = 101;
    assert.equal(store.get(idle), undefined);
    const busy = store.create(principal);
    for (now = 150; now <= 340; now += 50) assert.ok(store.get(busy), `alive at ${now}`);
    now = 360;
    assert.equal(store.get(busy), undefined);
  });
});
