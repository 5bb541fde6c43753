import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { parsePolicy, parseRoster, PolicyFileError, rosterProblems } from '../../domain/policy';
import { languages } from '../../domain/types';
import { fromRoot } from '../../infra/paths';
import { loadPolicy, loadRoster } from '../../infra/policy-files';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const shipped = [
  'policy/default.json',
  'policy/demo.json',
  'policy/business-hours.json',
  'policy/business-hours-stockholm.json',
  'policy/business-hours-tallinn.json',
  'policy/business-hours-tel-aviv.json',
];

function rawDefault(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(fromRoot('policy', 'default.json'), 'utf8')) as Record<string, unknown>;
}

function throwsPolicyError(fn: () => unknown): PolicyFileError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof PolicyFileError, `expected a PolicyFileError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

describe('policy loader', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-test-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, content: unknown): string => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };

  it('loads every shipped policy, and the roster fits each of them', () => {
    const roster = loadRoster('policy/roster.json');
    for (const file of shipped) {
      const policy = loadPolicy(file);
      assert.ok(policy.version);
      assert.deepEqual(rosterProblems(roster, policy), [], file);
      loadRoster(fromRoot('policy', 'roster.json'), policy);
      // The snapshot handed to a workflow is plain data.
      assert.deepEqual(JSON.parse(JSON.stringify(policy)), policy);
    }
  });

  it('default.json carries the seeds numbers', () => {
    const p = loadPolicy('policy/default.json');
    assert.equal(p.clock.kind, 'calendar');
    assert.equal(p.priorities.normal.acknowledgementMs, 2 * HOUR);
    assert.equal(p.priorities.normal.diagnosisMs, 24 * HOUR);
    assert.equal(p.priorities.normal.customerUpdateIntervalMs, 48 * HOUR);
    assert.equal(p.priorities.normal.targetResolutionMs, 14 * DAY);
    assert.equal(p.priorities.normal.resolutionCallAttempts, 3);
    for (const t of Object.values(p.priorities)) {
      assert.ok(t.diagnosisMs <= 24 * HOUR, 'diagnosis or questions within 24h for everyone');
      assert.ok(t.customerUpdateIntervalMs <= 48 * HOUR, 'an update at least every 48h for everyone');
      assert.ok(t.acknowledgementMs <= 2 * HOUR, 'acknowledged within 2h for everyone');
    }
    assert.deepEqual(p.statutory && { ...p.statutory, basis: undefined }, {
      periodMs: 14 * DAY,
      days: 14,
      consequence: 'deemed-accepted',
      warnBeforeMs: 2 * DAY,
      basis: undefined,
    });
    assert.equal(p.pauseWhileWaitingOnCustomer, true);
    assert.equal(p.extensions.maxWithoutApproval, 2);
    // Seed 003: every outcome by phone; letter and fax complainants answered on paper.
    assert.deepEqual(p.resolutionCall, { when: 'always', callBackOnIntake: true });
    assert.deepEqual(p.paper, { channels: ['letter', 'fax'], survey: 'letter' });
    assert.equal(p.reopen.windowMs, 14 * 24 * 3_600_000);
    // Seed 003: vouchers only where the customer was wronged, valid for a limited time, with a code.
    assert.deepEqual(p.compensation.voucher.outcomes, ['upheld', 'partially-upheld']);
    assert.equal(p.compensation.voucher.defaultValidityDays, 90);
    assert.equal(p.compensation.voucher.code.length, 8);
    assert.deepEqual(p.survey, { minScore: 1, maxScore: 5, lowScoreThreshold: 2 });
    assert.deepEqual(p.languages, [...languages]);
    assert.deepEqual(
      p.categories.map((c) => c.id),
      ['delivery', 'product-defect', 'billing', 'service', 'other'],
    );
    assert.deepEqual(p.formalAcknowledgementChannels, ['fax', 'letter']);
    assert.deepEqual(
      p.escalation.levels.map((l) => [l.level, l.name]),
      [
        [1, 'Team lead'],
        [2, 'Supervisor'],
        [3, 'Head of customer service'],
      ],
    );
  });

  it('demo.json runs in seconds and inherits everything else from default.json', () => {
    const demo = loadPolicy('policy/demo.json');
    const base = loadPolicy('policy/default.json');
    assert.equal(demo.priorities.normal.diagnosisMs, 20_000);
    assert.equal(demo.priorities.normal.customerUpdateIntervalMs, 15_000);
    assert.equal(demo.priorities.normal.targetResolutionMs, 60_000);
    for (const t of Object.values(demo.priorities)) {
      for (const [name, value] of Object.entries(t)) {
        if (name.endsWith('Ms')) assert.ok(value <= 120_000, `${name} = ${value}`);
      }
    }
    assert.deepEqual(demo.statutory && { ...demo.statutory, basis: undefined }, {
      periodMs: 150_000,
      consequence: 'deemed-accepted',
      warnBeforeMs: 30_000,
      basis: undefined,
    });
    assert.deepEqual(demo.categories, base.categories);
    assert.deepEqual(demo.compensation, base.compensation);
    assert.ok(demo.escalation.levels.every((l) => l.afterOverdueMs <= 60_000));
  });

  it('business-hours.json has a Warsaw working-hours clock and an 8h diagnosis', () => {
    const p = loadPolicy('policy/business-hours.json');
    assert.equal(p.clock.kind, 'business');
    if (p.clock.kind !== 'business') return;
    assert.equal(p.clock.timeZone, 'Europe/Warsaw');
    assert.deepEqual(p.clock.workingDays, [1, 2, 3, 4, 5]);
    assert.deepEqual(p.clock.hours, { start: '09:00', end: '17:00' });
    assert.equal(p.clock.calendar?.country, 'PL');
    assert.ok(p.clock.holidays.includes(`${new Date().getUTCFullYear()}-12-24`));
    assert.equal(p.priorities.normal.diagnosisMs, 8 * HOUR);
    assert.equal(p.statutory?.periodMs, 14 * DAY);
  });

  it('the roster covers every language and category with six owners', () => {
    const roster = loadRoster('policy/roster.json');
    const policy = loadPolicy('policy/default.json');
    assert.equal(roster.owners.length, 6);
    for (const lang of languages)
      assert.ok(
        roster.owners.some((o) => o.languages.includes(lang)),
        lang,
      );
    for (const c of policy.categories)
      assert.ok(
        roster.owners.some((o) => o.categories.includes(c.id)),
        c.id,
      );
    assert.ok(roster.supervisors.length > 0);
    assert.ok(roster.head.email);
  });

  it('names the file and the field path of a bad duration', () => {
    const raw = rawDefault();
    (raw.priorities as Record<string, Record<string, unknown>>).urgent.diagnosis = '24 hours';
    const err = throwsPolicyError(() => parsePolicy(raw, 'policy/default.json'));
    assert.equal(
      err.message,
      'policy/default.json: priorities.urgent.diagnosis: expected a duration like "24h" (got "24 hours")',
    );
    const file = write('bad.json', raw);
    const fromFile = throwsPolicyError(() => loadPolicy(file));
    assert.match(
      fromFile.message,
      /bad\.json: priorities\.urgent\.diagnosis: expected a duration like "24h"/,
    );
    assert.equal(fromFile.source, file);
  });

  it('lists every problem, with array indices, typos and cross-field rules', () => {
    const raw = rawDefault();
    raw.clock = {
      kind: 'business',
      timeZone: 'Europe/Warszawa',
      workingDays: [1, 8],
      hours: { start: '17:00', end: '09:00' },
    };
    const priorities = raw.priorities as Record<string, Record<string, unknown>>;
    priorities.normal.diagnosys = '24h';
    priorities.low.customerReplyReminder = '30d';
    priorities.high.diagnosis = 24;
    const categories = raw.categories as { keywords: Record<string, string[]> }[];
    delete categories[1].keywords.he;
    raw.escalation = { levels: [{ name: 'Lead', notify: ['boss'] }] };
    const err = throwsPolicyError(() => parsePolicy(raw, 'policy/x.json'));
    const lines = err.message.split('\n');
    const expectLine = (re: RegExp) =>
      assert.ok(
        lines.some((l) => re.test(l)),
        `${re} in\n${err.message}`,
      );
    expectLine(/^policy\/x\.json: clock\.timeZone: expected an IANA time zone/);
    expectLine(/^policy\/x\.json: clock\.workingDays\[1\]: expected ISO weekday 1-7/);
    expectLine(/^policy\/x\.json: clock\.hours\.end: opening must be before closing/);
    expectLine(/^policy\/x\.json: priorities\.normal: Unrecognized key: "diagnosys"/);
    expectLine(/^policy\/x\.json: priorities\.high\.diagnosis: expected a duration like "24h"$/);
    expectLine(/^policy\/x\.json: escalation\.levels\[0\]\.notify\[0\]: expected a role/);
    // Cross-field rules run once the fields themselves are valid.
    const raw2 = rawDefault();
    (raw2.priorities as Record<string, Record<string, unknown>>).low.customerReplyReminder = '30d';
    delete (raw2.categories as { keywords: Record<string, string[]> }[])[1].keywords.he;
    const err2 = throwsPolicyError(() => parsePolicy(raw2, 'policy/x.json'));
    assert.match(
      err2.message,
      /priorities\.low\.customerReplyReminder: must be shorter than customerReplyLimit/,
    );
    assert.match(err2.message, /categories\[1\]\.keywords\.he: missing keywords/);
  });

  it('rejects statutory clocks given both ways, and unknown fallback categories', () => {
    const raw = rawDefault();
    raw.statutory = { days: 14, period: '14d', consequence: 'deemed-accepted', warnBefore: '2d' };
    raw.fallbackCategory = 'misc';
    const err = throwsPolicyError(() => parsePolicy(raw, 'p.json'));
    assert.match(err.message, /statutory\.days: give either days or period/);
    assert.match(err.message, /fallbackCategory: "misc" is not one of the categories/);
  });

  it('blames the base file for a bad inherited value, and the extending file for its own', () => {
    const base = rawDefault();
    (base.priorities as Record<string, Record<string, unknown>>).urgent.followUp = 'soon';
    write('base.json', base);
    const child = write('child.json', {
      extends: 'base.json',
      version: 'x',
      priorities: { low: { surveyWait: 'never' } },
    });
    const err = throwsPolicyError(() => loadPolicy(child));
    assert.match(err.message, /base\.json: priorities\.urgent\.followUp: expected a duration/);
    assert.match(err.message, /\(in .*child\.json\) priorities\.low\.surveyWait: expected a duration/);
  });

  it('applies extends as a JSON merge patch (null removes a key)', () => {
    const child = write('merge.json', {
      extends: fromRoot('policy', 'default.json'),
      version: 'merge-1',
      statutory: null,
      priorities: { urgent: { diagnosis: '2h' } },
    });
    const p = loadPolicy(child);
    assert.equal(p.version, 'merge-1');
    assert.equal(p.statutory, undefined);
    assert.equal(p.priorities.urgent.diagnosisMs, 2 * HOUR);
    assert.equal(p.priorities.urgent.acknowledgementMs, 30 * 60_000);
    const loop = write('loop.json', { extends: 'loop.json' });
    assert.match(throwsPolicyError(() => loadPolicy(loop)).message, /extends: circular/);
  });

  it('loads YAML as well as JSON', () => {
    const file = write('default.yaml', YAML.stringify(rawDefault()));
    assert.deepEqual(loadPolicy(file), loadPolicy('policy/default.json'));
  });

  it('reports unreadable and malformed files by name', () => {
    assert.match(
      throwsPolicyError(() => loadPolicy(path.join(tmp, 'missing.json'))).message,
      /missing\.json: cannot read/,
    );
    const broken = write('broken.json', '{ "version": ');
    assert.match(throwsPolicyError(() => loadPolicy(broken)).message, /broken\.json: not valid JSON/);
  });

  it('validates the roster: references, duplicates, and fit with the policy', () => {
    const raw = JSON.parse(fs.readFileSync(fromRoot('policy', 'roster.json'), 'utf8')) as {
      owners: Record<string, unknown>[];
    };
    raw.owners[0].teamLead = 'nobody';
    raw.owners[1].id = raw.owners[2].id;
    raw.owners[3].email = 'not-an-address';
    const err = throwsPolicyError(() => parseRoster(raw, 'policy/roster.json'));
    assert.match(err.message, /policy\/roster\.json: owners\[3\]\.email: expected an e-mail address/);
    // Reference checks run once every entry is well-formed.
    raw.owners[3].email = 'kadri@complaint-desk.example';
    const err2 = throwsPolicyError(() => parseRoster(raw, 'policy/roster.json'));
    assert.match(err2.message, /owners\[0\]\.teamLead: no team lead "nobody"/);
    assert.match(err2.message, /owners\[2\]\.id: id "sara-lindqvist" is used twice/);

    const roster = loadRoster('policy/roster.json');
    const onlyPolish = { ...roster, owners: roster.owners.filter((o) => o.languages.includes('pl')) };
    const problems = rosterProblems(onlyPolish, loadPolicy('policy/default.json'));
    assert.ok(problems.includes('owners: nobody speaks "sv"'), problems.join('\n'));
    const unknownCategory = { ...roster, owners: [{ ...roster.owners[0], categories: ['returns'] }] };
    assert.ok(
      rosterProblems(unknownCategory, loadPolicy('policy/default.json')).some((p) =>
        p.includes('unknown category "returns"'),
      ),
    );
  });
});
