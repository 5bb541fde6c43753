// The whole lifecycle on the real time-skipping test server, the real worker bundle and activities,
// and the Postmark sandbox: what the customer and the staff receive at each step.
import assert from 'node:assert/strict';
import * as defs from '../../workflows/definitions';
import {
  acknowledgement,
  DAY,
  diagnosisIn,
  HOUR,
  mails,
  stageIs,
  shippedPolicy,
  shippedRoster,
  start,
  view,
  closedRecord,
  tellOutcomeByPhone,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('complaint lifecycle: happy path (time-skipping server)', function () {
  const suite = timeSkippingSuite();

  it('acknowledges, diagnoses, updates, resolves, surveys and closes a documented case', async () => {
    const c = await start(suite.stack);
    const ack = await acknowledgement(suite.stack, c.id);
    let v = await view(c.handle);
    assert.equal(v.stage, 'diagnosis');
    assert.equal(ack.To, c.email);
    assert.match(ack.Subject, new RegExp(c.reference));
    assert.ok(ack.TextBody.includes(v.owner.name), 'the acknowledgement names the owner');
    assert.equal(v.clocks.acknowledgement.state, 'met');
    assert.equal(v.policyVersion.length > 0, true);

    // The owner learns the case is theirs from one e-mail: what it is, when it is due, where it is.
    const [notice, ...more] = await mails(suite.stack, { caseId: c.id, kind: 'newCase' });
    assert.equal(more.length, 0, 'one new-case notice');
    assert.equal(notice.To, v.owner.email);
    assert.equal(notice.Metadata.audience, 'staff');
    // In the owner's own language and zone (the roster's).
    const reader = shippedRoster().owners.find((o) => o.id === v.owner.id)!;
    // The category as the policy words it, not its id.
    const label = (lang: 'en' | 'pl') =>
      shippedPolicy().categories.find((x) => x.id === v.category)!.labels[lang]!;
    const zone = reader.timeZone!.replace('/', '\\/');
    if (reader.language === 'pl') {
      assert.match(
        notice.Subject,
        new RegExp(`Nowa sprawa dla Ciebie – priorytet \\S+, ${label('pl')}.*${c.reference}`),
      );
      for (const fact of ['Kanał: e-mail', 'Język klienta: angielski', `Numer sprawy: ${c.reference}`])
        assert.ok(notice.TextBody.includes(fact), fact);
      assert.match(notice.TextBody, new RegExp(`Potwierdzenie do: .+, godz\\. \\d{2}:\\d{2} \\(${zone}\\)`));
    } else {
      assert.match(
        notice.Subject,
        new RegExp(`New case for you – ${v.priority} priority, ${label('en')}.*${c.reference}`),
      );
      for (const fact of [`Channel: ${v.channel}`, 'Customer language: English', `Reference: ${c.reference}`])
        assert.ok(notice.TextBody.includes(fact), fact);
      assert.match(notice.TextBody, new RegExp(`Acknowledgement due by: .+ at \\d{2}:\\d{2} \\(${zone}\\)`));
      assert.match(
        notice.TextBody,
        new RegExp(`Diagnosis or questions due by: .+ at \\d{2}:\\d{2} \\(${zone}\\)`),
      );
    }
    assert.ok(notice.TextBody.includes(`/console/cases/${c.id}`), 'links to the case in the console');
    assert.ok(!notice.TextBody.includes(c.email!), 'no customer e-mail address');

    v = await c.handle.executeUpdate(defs.diagnosisUpdate, {
      args: [
        await diagnosisIn(suite.stack, 5 * DAY, {
          summary: 'The courier damaged the parcel in transit.',
          probableCause: 'Rough handling at the depot',
        }),
      ],
    });
    assert.equal(v.stage, 'in-progress');
    assert.equal(v.clocks.diagnosis.state, 'met');
    assert.ok((await mails(suite.stack, { caseId: c.id, kind: 'diagnosis' })).length === 1);

    await c.handle.executeUpdate(defs.progressUpdate, {
      args: [{ message: 'A replacement lamp is on its way.', customerVisible: true }],
    });
    v = await c.handle.executeUpdate(defs.resolutionUpdate, {
      args: [
        {
          outcome: 'upheld',
          explanation: 'The lamp was broken in transit.',
          apology: 'We are truly sorry.',
          remedy: { kind: 'replacement' },
        },
      ],
    });
    // Every outcome is told by phone first (seed 003), then the letter and the survey go out.
    assert.equal(v.stage, 'resolution-call');
    assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'resolutionLetter' })).length, 0);
    v = await tellOutcomeByPhone(c.handle);
    assert.equal(v.stage, 'survey');
    const letter = (await mails(suite.stack, { caseId: c.id, kind: 'resolutionLetter' }))[0];
    assert.ok(letter, 'resolution letter sent');
    assert.ok(letter.TextBody.includes('We are truly sorry.'));
    assert.equal((await mails(suite.stack, { caseId: c.id, kind: 'surveyInvitation' })).length, 1);

    await c.handle.signal(defs.surveyAnswerSignal, { score: 5, comment: 'Great', stillNeedHelp: false });
    await stageIs(c.handle, 'documentation');
    await c.handle.executeUpdate(defs.documentationUpdate, {
      args: [
        {
          rootCause: 'Parcel crushed at depot',
          contributingFactors: ['packaging'],
          responsibleParty: 'FastCourier',
          correctiveAction: 'Replacement sent',
          preventiveAction: 'Double-boxing for lamps',
        },
      ],
    });
    const record = await closedRecord(suite.stack, c.handle);
    assert.equal(record.stage, 'closed');
    assert.equal(record.closure, 'resolved');
    assert.ok(record.durations.toAcknowledgementMs! < HOUR);
    assert.ok(record.clocksMet.includes('diagnosis'));
    assert.equal(record.surveyAnswers[0].score, 5);
    assert.equal(record.updatesSent.byOwner, 1);
  });
});
