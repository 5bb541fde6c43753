import { strict as assert } from 'node:assert';
import {
  addClockTime,
  clockTimeBetween,
  formatDuration,
  isWorkingTime,
  localDateString,
  nextWorkingTime,
  parseDuration,
} from '../../domain/clock';
import { loadPolicy } from '../../infra/policy-files';
import type { BusinessClock, ClockPolicy } from '../../domain/types';

const HOUR = 3_600_000;
const MINUTE = 60_000;

// Instants are written with explicit offsets (+01:00 CET, +02:00 CEST), independently of the Intl
// arithmetic under test.
const at = (iso: string): number => {
  const ms = Date.parse(iso);
  assert.ok(!Number.isNaN(ms), iso);
  return ms;
};
const show = (ms: number): string => new Date(ms).toISOString();

const warsaw: BusinessClock = {
  kind: 'business',
  timeZone: 'Europe/Warsaw',
  workingDays: [1, 2, 3, 4, 5],
  hours: { start: '09:00', end: '17:00' },
  holidays: [],
};

function assertAdds(clock: ClockPolicy, start: string, durationMs: number, expected: string): void {
  assert.equal(
    show(addClockTime(at(start), durationMs, clock)),
    show(at(expected)),
    `${start} + ${formatDuration(durationMs)}`,
  );
}

describe('clock: calendar', () => {
  const calendar: ClockPolicy = { kind: 'calendar' };
  it('adds plain time and measures plain differences', () => {
    assertAdds(calendar, '2026-03-06T17:00:00+01:00', 24 * HOUR, '2026-03-07T17:00:00+01:00');
    assert.equal(
      clockTimeBetween(at('2026-03-06T17:00:00Z'), at('2026-03-09T17:00:00Z'), calendar),
      72 * HOUR,
    );
    assert.equal(
      clockTimeBetween(at('2026-03-09T17:00:00Z'), at('2026-03-06T17:00:00Z'), calendar),
      -72 * HOUR,
    );
    assert.equal(addClockTime(1000, -500, calendar), 500);
  });
});

describe('clock: business hours (Europe/Warsaw, Mon-Fri 09:00-17:00)', () => {
  it('Friday 17:00 + 8h of working time is Monday 17:00', () => {
    assertAdds(warsaw, '2026-03-06T17:00:00+01:00', 8 * HOUR, '2026-03-09T17:00:00+01:00');
  });

  it('the business-hours policy gives a Friday-17:00 complaint its diagnosis deadline on Monday 17:00', () => {
    const policy = loadPolicy('policy/business-hours.json');
    const due = addClockTime(
      at('2026-03-06T17:00:00+01:00'),
      policy.priorities.normal.diagnosisMs,
      policy.clock,
    );
    assert.equal(show(due), show(at('2026-03-09T17:00:00+01:00')));
  });

  it('counts from the middle of a day and carries over to the next', () => {
    assertAdds(warsaw, '2026-03-10T13:30:00+01:00', 8 * HOUR, '2026-03-11T13:30:00+01:00');
    assertAdds(warsaw, '2026-03-10T13:30:00+01:00', 2 * HOUR, '2026-03-10T15:30:00+01:00');
    assertAdds(warsaw, '2026-03-06T16:00:00+01:00', 8 * HOUR, '2026-03-09T16:00:00+01:00');
  });

  it('starts counting at the next opening when the start is outside working hours', () => {
    assertAdds(warsaw, '2026-03-10T07:00:00+01:00', 2 * HOUR, '2026-03-10T11:00:00+01:00');
    assertAdds(warsaw, '2026-03-10T20:00:00+01:00', 2 * HOUR, '2026-03-11T11:00:00+01:00');
    assertAdds(warsaw, '2026-03-07T12:00:00+01:00', 30 * MINUTE, '2026-03-09T09:30:00+01:00'); // Saturday
  });

  it('keeps a deadline that falls exactly at closing time on that day', () => {
    assertAdds(warsaw, '2026-03-06T09:00:00+01:00', 8 * HOUR, '2026-03-06T17:00:00+01:00');
  });

  it('skips dated and yearly holidays', () => {
    const policy = loadPolicy('policy/business-hours.json');
    // 1h on Wednesday 23 December; 24 and 25 December are holidays, then the weekend.
    assertAdds(policy.clock, '2026-12-23T16:00:00+01:00', 8 * HOUR, '2026-12-28T16:00:00+01:00');
    // Easter Monday 2026 (a dated holiday): Friday 17:00 + 8h is Tuesday 17:00.
    assertAdds(policy.clock, '2026-04-03T17:00:00+02:00', 8 * HOUR, '2026-04-07T17:00:00+02:00');
    // Independence Day (yearly "11-11") falls on a Thursday in 2027.
    assertAdds(policy.clock, '2027-11-10T17:00:00+01:00', 8 * HOUR, '2027-11-12T17:00:00+01:00');
    assert.equal(isWorkingTime(at('2027-11-11T12:00:00+01:00'), policy.clock), false);
  });

  it('counts working hours by local wall time across the spring DST change', () => {
    // Clocks go forward on Sunday 29 March 2026; Friday is CET, Monday CEST.
    assertAdds(warsaw, '2026-03-27T09:00:00+01:00', 16 * HOUR, '2026-03-30T17:00:00+02:00');
    // A whole working week (40h) from Thursday to the next Wednesday, across the change.
    assertAdds(warsaw, '2026-03-26T09:00:00+01:00', 40 * HOUR, '2026-04-01T17:00:00+02:00');
    // A calendar week across the change is 7 days minus an hour, but exactly 5 working days.
    assert.equal(
      clockTimeBetween(at('2026-03-23T09:00:00+01:00'), at('2026-03-30T09:00:00+02:00'), warsaw),
      40 * HOUR,
    );
  });

  it('counts working hours by local wall time across the autumn DST change', () => {
    // Clocks go back on Sunday 25 October 2026.
    assertAdds(warsaw, '2026-10-23T13:00:00+02:00', 8 * HOUR, '2026-10-26T13:00:00+01:00');
    assert.equal(
      clockTimeBetween(at('2026-10-19T09:00:00+02:00'), at('2026-10-26T09:00:00+01:00'), warsaw),
      40 * HOUR,
    );
  });

  it('counts real elapsed time on a day that is 23 or 25 hours long', () => {
    const always: BusinessClock = {
      ...warsaw,
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      hours: { start: '00:00', end: '24:00' },
    };
    assert.equal(
      clockTimeBetween(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'), always),
      23 * HOUR,
    );
    assert.equal(
      clockTimeBetween(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'), always),
      25 * HOUR,
    );
    assertAdds(always, '2026-03-29T00:00:00+01:00', 24 * HOUR, '2026-03-30T01:00:00+02:00');
  });

  it('measures working time between two instants, and is negative backwards', () => {
    const from = at('2026-03-06T16:00:00+01:00');
    const to = at('2026-03-09T10:30:00+01:00');
    assert.equal(clockTimeBetween(from, to, warsaw), 2.5 * HOUR);
    assert.equal(clockTimeBetween(to, from, warsaw), -2.5 * HOUR);
    assert.equal(
      clockTimeBetween(at('2026-03-07T10:00:00+01:00'), at('2026-03-08T10:00:00+01:00'), warsaw),
      0,
    );
  });

  it('walks back over working time for a negative duration', () => {
    assertAdds(warsaw, '2026-03-09T10:00:00+01:00', -2 * HOUR, '2026-03-06T16:00:00+01:00');
  });

  it('gives the next working moment for reminders', () => {
    assert.equal(
      show(nextWorkingTime(at('2026-03-07T12:00:00+01:00'), warsaw)),
      show(at('2026-03-09T09:00:00+01:00')),
    );
    assert.equal(
      show(nextWorkingTime(at('2026-03-09T12:00:00+01:00'), warsaw)),
      show(at('2026-03-09T12:00:00+01:00')),
    );
    assert.equal(isWorkingTime(at('2026-03-09T17:00:00+01:00'), warsaw), false);
    assert.equal(localDateString(at('2026-03-08T23:30:00Z'), 'Europe/Warsaw'), '2026-03-09');
  });

  it('clockTimeBetween inverts addClockTime on many samples (holidays, weekends, DST, odd hours)', () => {
    const policy = loadPolicy('policy/business-hours.json');
    const clocks: ClockPolicy[] = [
      policy.clock,
      warsaw,
      {
        ...warsaw,
        timeZone: 'Asia/Jerusalem',
        workingDays: [7, 1, 2, 3, 4],
        hours: { start: '08:30', end: '16:45' },
      },
      { ...warsaw, timeZone: 'America/New_York', hours: { start: '00:00', end: '24:00' } },
      { kind: 'calendar' },
    ];
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const start2026 = at('2026-01-01T00:00:00Z');
    for (let i = 0; i < 2000; i++) {
      const clock = clocks[i % clocks.length];
      const start = start2026 + Math.floor(random() * 2 * 365 * 24 * HOUR);
      const duration = Math.floor(random() * 200 * HOUR);
      const end = addClockTime(start, duration, clock);
      assert.ok(end >= start);
      assert.equal(
        clockTimeBetween(start, end, clock),
        duration,
        `sample ${i}: ${show(start)} + ${duration}`,
      );
      const back = addClockTime(end, -duration, clock);
      assert.equal(clockTimeBetween(back, end, clock), duration, `sample ${i} backwards`);
      assert.ok(addClockTime(start, duration + MINUTE, clock) > end, `sample ${i}: monotonic`);
    }
  });
});

describe('durations', () => {
  it('parses human durations', () => {
    assert.equal(parseDuration('30s'), 30_000);
    assert.equal(parseDuration('15m'), 15 * MINUTE);
    assert.equal(parseDuration('24h'), 24 * HOUR);
    assert.equal(parseDuration('14d'), 14 * 24 * HOUR);
    assert.equal(parseDuration('1d12h'), 36 * HOUR);
    assert.equal(parseDuration('1h 30m'), 90 * MINUTE);
    assert.equal(parseDuration('8w'), 56 * 24 * HOUR);
    assert.equal(parseDuration('250ms'), 250);
    for (const bad of ['', '24', '24 hours', 'h', '1.5h', '12h1d', '-1h', '1m1m']) {
      assert.equal(parseDuration(bad), undefined, bad);
    }
  });

  it('formats durations for summaries, and the result parses back', () => {
    assert.equal(formatDuration(24 * HOUR), '24h');
    assert.equal(formatDuration(48 * HOUR), '48h');
    assert.equal(formatDuration(30_000), '30s');
    assert.equal(formatDuration(14 * 24 * HOUR), '14d');
    assert.equal(formatDuration(36 * HOUR), '36h');
    assert.equal(formatDuration(90 * MINUTE), '1h30m');
    assert.equal(formatDuration(0), '0s');
    for (const ms of [1, 999, 61_000, 3 * 24 * HOUR + 5 * HOUR, 1_234_567_890]) {
      assert.equal(parseDuration(formatDuration(ms)), ms);
    }
  });
});
