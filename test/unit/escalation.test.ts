import { strict as assert } from 'node:assert';
import { escalationLevel, escalationRecipients, topEscalationLevel } from '../../domain/escalation';
import { loadPolicy, loadRoster } from '../../infra/policy-files';
import type { Policy, Roster } from '../../domain/types';

describe('escalation chain', () => {
  let policy: Policy;
  let roster: Roster;
  before(() => {
    policy = loadPolicy('policy/default.json');
    roster = loadRoster('policy/roster.json', policy);
  });
  const emails = (level: number, ownerId = 'anna-kowalska') =>
    escalationRecipients(level, ownerId, roster, policy).map((r) => r.email);

  it('walks the levels in order and stops at the top', () => {
    assert.equal(topEscalationLevel(policy), 3);
    assert.equal(escalationLevel(2, policy)?.name, 'Supervisor');
  });

  it('level 0 is the owner alone; higher levels add team lead, supervisor, head and explicit addresses', () => {
    assert.deepEqual(emails(0), ['anna.kowalska@complaint-desk.example']);
    assert.deepEqual(emails(1), [
      'anna.kowalska@complaint-desk.example',
      'marek.zielinski@complaint-desk.example',
    ]);
    assert.deepEqual(emails(2), [
      'anna.kowalska@complaint-desk.example',
      'marek.zielinski@complaint-desk.example',
      'ewa.nowak@complaint-desk.example',
    ]);
    assert.deepEqual(emails(3), [
      'marek.zielinski@complaint-desk.example',
      'ewa.nowak@complaint-desk.example',
      'katarzyna.lewandowska@complaint-desk.example',
      'quality@complaint-desk.example',
    ]);
    assert.deepEqual(emails(3, 'noa-levi')[0], 'ingrid.johansson@complaint-desk.example');
    const quality = escalationRecipients(3, 'anna-kowalska', roster, policy).find((r) =>
      r.email.startsWith('quality'),
    );
    assert.equal(quality?.name, 'Quality team');
  });

  it('uses the top level above the top, and the head when nobody else can be found', () => {
    assert.deepEqual(emails(9), emails(3));
    assert.deepEqual(emails(1, 'someone-who-left'), ['katarzyna.lewandowska@complaint-desk.example']);
  });

  it('notifies each address once', () => {
    const p: Policy = {
      ...policy,
      escalation: {
        levels: [
          {
            level: 1,
            name: 'All',
            notify: [
              { role: 'head' },
              { role: 'head' },
              { name: 'Head again', email: 'KATARZYNA.LEWANDOWSKA@complaint-desk.example' },
            ],
            afterOverdueMs: 0,
          },
        ],
        reminderIntervalMs: policy.escalation.reminderIntervalMs,
      },
    };
    assert.equal(escalationRecipients(1, 'anna-kowalska', roster, p).length, 1);
  });
});
