// Calendars for the business-hours clock (principles: "business-day clocks with time zone and
// holidays"; what helpdesk users ask for first). The days off the pinned calendar library gives for
// Poland, Sweden, Estonia and Israel, 2024-2030, held against the official lists (sources in
// docs/calendars.md); half days, closures and the snapshot a case keeps.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import { calendarDays, calendarLibrary } from '../../domain/calendars';
import { addClockTime, isWorkingTime } from '../../domain/clock';
import { parsePolicy, PolicyFileError } from '../../domain/policy';
import { loadPolicy } from '../../infra/policy-files';
import type { BusinessClock } from '../../domain/types';
import { calendarWarnings } from '../../domain/calendar-warnings';
import { fromRoot } from '../../infra/paths';

const HOUR = 3_600_000;
const years = [2024, 2025, 2026, 2027, 2028, 2029, 2030];

// Each official list, written out per year. Movable feasts: Western Easter (PL, SE, EE) and the
// Hebrew calendar (IL), taken from the published lists, not from the library.
const easterSunday: Record<number, string> = {
  2024: '03-31',
  2025: '04-20',
  2026: '04-05',
  2027: '03-28',
  2028: '04-16',
  2029: '04-01',
  2030: '04-21',
};
const shift = (year: number, mmdd: string, days: number) =>
  new Date(Date.UTC(year, Number(mmdd.slice(0, 2)) - 1, Number(mmdd.slice(3)) + days))
    .toISOString()
    .slice(0, 10);

/** Poland, ustawa o dniach wolnych od pracy (Dz.U. 1951 nr 4 poz. 28, as amended; 24 December from 2025). */
function polish(year: number): string[] {
  const e = easterSunday[year];
  return [
    `${year}-01-01`,
    `${year}-01-06`,
    shift(year, e, 0), // Wielkanoc
    shift(year, e, 1), // Poniedziałek Wielkanocny
    `${year}-05-01`,
    `${year}-05-03`,
    shift(year, e, 49), // Zielone Świątki
    shift(year, e, 60), // Boże Ciało
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    ...(year >= 2025 ? [`${year}-12-24`] : []),
    `${year}-12-25`,
    `${year}-12-26`,
  ].sort();
}

/** Sweden, lag (1989:253) om allmänna helgdagar, plus the eves banks close (midsommar-, jul-, nyårsafton). */
const midsommarafton: Record<number, string> = {
  2024: '06-21',
  2025: '06-20',
  2026: '06-19',
  2027: '06-25',
  2028: '06-23',
  2029: '06-22',
  2030: '06-21',
};
const allaHelgonsDag: Record<number, string> = {
  2024: '11-02',
  2025: '11-01',
  2026: '10-31',
  2027: '11-06',
  2028: '11-04',
  2029: '11-03',
  2030: '11-02',
};
function swedish(year: number): string[] {
  const e = easterSunday[year];
  return [
    `${year}-01-01`,
    `${year}-01-06`,
    shift(year, e, -2), // långfredagen
    shift(year, e, 0),
    shift(year, e, 1), // annandag påsk
    `${year}-05-01`,
    shift(year, e, 39), // Kristi himmelsfärdsdag
    shift(year, e, 49), // pingstdagen
    `${year}-06-06`,
    `${year}-${midsommarafton[year]}`, // bank
    shift(year, midsommarafton[year], 1), // midsommardagen
    `${year}-${allaHelgonsDag[year]}`,
    `${year}-12-24`, // bank
    `${year}-12-25`,
    `${year}-12-26`,
    `${year}-12-31`, // bank
  ].sort();
}

/** Estonia, pühade ja tähtpäevade seadus § 2 (riigipühad). */
function estonian(year: number): string[] {
  const e = easterSunday[year];
  return [
    `${year}-01-01`,
    `${year}-02-24`,
    shift(year, e, -2), // suur reede
    shift(year, e, 0), // ülestõusmispühade 1. püha
    `${year}-05-01`,
    shift(year, e, 49), // nelipühade 1. püha
    `${year}-06-23`,
    `${year}-06-24`,
    `${year}-08-20`,
    `${year}-12-24`,
    `${year}-12-25`,
    `${year}-12-26`,
  ].sort();
}

/**
 * Israel, the days of rest of the Hours of Work and Rest Law § 18A: Rosh Hashanah (2 days), Yom
 * Kippur, Sukkot, Shemini Atzeret, Pesach first and seventh day, Shavuot, and Independence Day
 * (moved off Friday, Saturday and Monday by government decision). The published dates.
 */
const pesach: Record<number, string> = {
  2024: '04-23',
  2025: '04-13',
  2026: '04-02',
  2027: '04-22',
  2028: '04-11',
  2029: '03-31',
  2030: '04-18',
};
const independence: Record<number, string> = {
  2024: '05-14',
  2025: '05-01',
  2026: '04-22',
  2027: '05-12',
  2028: '05-02',
  2029: '04-19',
  2030: '05-08',
};
const roshHashanah: Record<number, string> = {
  2024: '10-03',
  2025: '09-23',
  2026: '09-12',
  2027: '10-02',
  2028: '09-21',
  2029: '09-10',
  2030: '09-28',
};
function israeli(year: number): string[] {
  const p = pesach[year];
  const r = roshHashanah[year];
  return [
    shift(year, p, 0),
    shift(year, p, 6), // seventh day of Pesach
    `${year}-${independence[year]}`,
    shift(year, p, 50), // Shavuot
    shift(year, r, 0),
    shift(year, r, 1),
    shift(year, r, 9), // Yom Kippur
    shift(year, r, 14), // Sukkot
    shift(year, r, 21), // Shemini Atzeret / Simchat Torah
  ].sort();
}

describe(`principles: business-day clocks with holidays — the ${calendarLibrary.name} ${calendarLibrary.version} calendars`, () => {
  const cases = [
    { country: 'PL', daysOff: ['public'] as const, official: polish },
    { country: 'SE', daysOff: ['public', 'bank'] as const, official: swedish },
    { country: 'EE', daysOff: ['public'] as const, official: estonian },
    { country: 'IL', daysOff: ['public'] as const, official: israeli },
  ];
  for (const { country, daysOff, official } of cases) {
    it(`${country}: every day off 2024-2030 is the official list's, no more, no less`, () => {
      const days = calendarDays({ country, daysOff: [...daysOff] }, 2024, 2030).daysOff.map((d) => d.date);
      const expected = years.flatMap(official);
      assert.deepEqual(
        days.filter((d) => !expected.includes(d)),
        [],
        'days off the official list does not have',
      );
      assert.deepEqual(
        expected.filter((d) => !days.includes(d)),
        [],
        'official days off the calendar misses',
      );
    });
  }

  it('SE: the afternoon-off eves close at noon (trettondags-, valborgsmässo-, allhelgonaafton)', () => {
    const half = calendarDays(
      { country: 'SE', daysOff: ['public', 'bank'], eves: { closeAt: '13:00' } },
      2026,
      2026,
    ).halfDays;
    assert.deepEqual(
      half.map((d) => `${d.date} ${d.closeAt}`),
      ['2026-01-05 12:00', '2026-04-30 12:00', '2026-10-30 12:00'],
    );
  });

  it('IL: the eve of each day of rest (erev chag) closes at the policy’s time, unless it is a day off itself', () => {
    const half = calendarDays(
      { country: 'IL', daysOff: ['public'], eves: { closeAt: '13:00' } },
      2026,
      2026,
    ).halfDays;
    assert.deepEqual(
      half.map((d) => d.date),
      // erev Pesach, erev 7th day, Yom HaZikaron, erev Shavuot, erev RH, erev YK, erev Sukkot, erev SA
      [
        '2026-04-01',
        '2026-04-07',
        '2026-04-21',
        '2026-05-21',
        '2026-09-11',
        '2026-09-20',
        '2026-09-25',
        '2026-10-02',
      ],
    );
    assert.ok(half.every((d) => d.closeAt === '13:00'));
    assert.ok(!half.some((d) => d.date === '2026-09-12'), 'the second day of Rosh Hashanah is a day off');
  });

  it('without eves, no half days', () => {
    assert.deepEqual(calendarDays({ country: 'IL', daysOff: ['public'] }, 2026, 2026).halfDays, []);
  });
});

describe('principles: business-day clocks with holidays — the business-hours clock', () => {
  const at = (iso: string) => Date.parse(iso);
  const iso = (ms: number) => new Date(ms).toISOString();

  it('the Warsaw business-hours policy keeps movable holidays off after 2028 (Easter Monday, Corpus Christi 2029)', () => {
    const clock = loadPolicy('policy/business-hours.json').clock;
    // Before: only 2026-2028 were typed in, so these counted as working days.
    assert.equal(isWorkingTime(at('2029-04-02T10:00:00+02:00'), clock), false, 'Easter Monday 2029');
    assert.equal(isWorkingTime(at('2029-05-31T10:00:00+02:00'), clock), false, 'Corpus Christi 2029');
    assert.equal(isWorkingTime(at('2029-04-03T10:00:00+02:00'), clock), true, 'the Tuesday after');
  });

  it('a snapshot carries its calendar and the years it covers, and a case keeps it', () => {
    const clock = loadPolicy('policy/business-hours.json').clock as BusinessClock;
    const year = new Date().getUTCFullYear();
    assert.equal(clock.calendar?.country, 'PL');
    assert.equal(clock.calendar?.source, `date-holidays@${calendarLibrary.version}`);
    assert.equal(clock.calendar?.from, `${year - 1}-01-01`);
    assert.equal(clock.calendar?.through, `${year + 3}-12-31`);
    // Plain JSON, as a workflow receives it: the clock reads the dates without the library.
    const copy = JSON.parse(JSON.stringify(clock)) as BusinessClock;
    assert.deepEqual(copy, clock);
  });

  it('a Swedish eve closes early: Valborgsmässoafton 2026 (Thursday) counts 09:00-12:00', () => {
    const clock = loadPolicy('policy/business-hours-stockholm.json').clock;
    assert.equal(isWorkingTime(at('2026-04-30T11:59:00+02:00'), clock), true);
    assert.equal(isWorkingTime(at('2026-04-30T12:00:00+02:00'), clock), false);
    // 4 working hours from Thursday 10:00: 2 on the eve, 1 May is a holiday, 2 on Monday 4 May.
    assert.equal(
      iso(addClockTime(at('2026-04-30T10:00:00+02:00'), 4 * HOUR, clock)),
      iso(at('2026-05-04T11:00:00+02:00')),
    );
    assert.equal(isWorkingTime(at('2026-06-19T10:00:00+02:00'), clock), false, 'midsommarafton is off');
  });

  it('an Israeli eve closes early and the week runs Sunday to Thursday: erev Pesach 2026', () => {
    const clock = loadPolicy('policy/business-hours-tel-aviv.json').clock;
    assert.equal(isWorkingTime(at('2026-04-01T12:30:00+03:00'), clock), true, 'erev Pesach morning');
    assert.equal(isWorkingTime(at('2026-04-01T13:30:00+03:00'), clock), false, 'erev Pesach afternoon');
    assert.equal(isWorkingTime(at('2026-04-02T10:00:00+03:00'), clock), false, 'Pesach');
    assert.equal(isWorkingTime(at('2026-04-05T10:00:00+03:00'), clock), true, 'a Sunday');
    assert.equal(isWorkingTime(at('2026-04-03T10:00:00+03:00'), clock), false, 'a Friday');
  });

  it('an Estonian calendar: Victory Day and Midsummer Day off, the working day before shorter by three hours', () => {
    const clock = loadPolicy('policy/business-hours-tallinn.json').clock;
    assert.equal(isWorkingTime(at('2027-06-23T10:00:00+03:00'), clock), false);
    assert.equal(isWorkingTime(at('2027-06-24T10:00:00+03:00'), clock), false);
    assert.equal(isWorkingTime(at('2027-06-22T13:30:00+03:00'), clock), true);
    assert.equal(isWorkingTime(at('2027-06-22T14:30:00+03:00'), clock), false, 'before Victory Day');
    // New Year's Day 2028 is a Saturday: the working day before it is Friday 31 December 2027.
    assert.equal(isWorkingTime(at('2027-12-31T14:30:00+02:00'), clock), false);
    assert.equal(isWorkingTime(at('2027-12-31T13:30:00+02:00'), clock), true);
    // Christmas Eve 2028 is a Sunday: Friday 22 December closes early; Saturday 23 is no working day.
    assert.equal(isWorkingTime(at('2028-12-22T14:30:00+02:00'), clock), false);
  });

  it('organisation closures and the file’s own half days are off, or short, whatever the calendar says', () => {
    const policy = parsePolicy(
      {
        ...baseFile(),
        clock: {
          kind: 'business',
          timeZone: 'Europe/Warsaw',
          workingDays: [1, 2, 3, 4, 5],
          hours: { start: '09:00', end: '17:00' },
          calendar: { country: 'PL' },
          halfDays: [{ date: '2026-12-23', closeAt: '12:00' }],
          closures: [{ from: '2026-12-28', to: '2026-12-31', reason: 'stocktaking' }],
        },
      },
      'policy/x.json',
    );
    const clock = policy.clock;
    assert.equal(isWorkingTime(at('2026-12-29T10:00:00+01:00'), clock), false, 'closed for stocktaking');
    assert.equal(isWorkingTime(at('2026-12-23T11:00:00+01:00'), clock), true);
    assert.equal(isWorkingTime(at('2026-12-23T12:30:00+01:00'), clock), false, 'the half day');
    // Wednesday 23 Dec 11:00 + 2h: 1h that day, 24-27 off (Wigilia, Christmas, weekend), 28-31 closed,
    // 1 January a holiday, then the weekend: Monday 4 January 2027 09:00 + 1h.
    assert.equal(
      iso(addClockTime(at('2026-12-23T11:00:00+01:00'), 2 * HOUR, clock)),
      iso(at('2027-01-04T10:00:00+01:00')),
    );
  });

  it('refuses a calendar the library does not know, and a closure that ends before it starts', () => {
    const bad = (clock: object) => {
      try {
        parsePolicy({ ...baseFile(), clock }, 'policy/x.json');
      } catch (err) {
        assert.ok(err instanceof PolicyFileError);
        return err.message;
      }
      assert.fail('accepted');
    };
    const clock = {
      kind: 'business',
      timeZone: 'Europe/Warsaw',
      workingDays: [1, 2, 3, 4, 5],
      hours: { start: '09:00', end: '17:00' },
    };
    assert.match(
      bad({ ...clock, calendar: { country: 'XX' } }),
      /clock\.calendar: not a calendar date-holidays/,
    );
    assert.match(
      bad({ ...clock, closures: [{ from: '2026-12-31', to: '2026-12-28', reason: 'x' }] }),
      /clock\.closures\[0\]\.to: must not be before from/,
    );
  });

  it('a snapshot taken before half days and closures existed counts as it always did', () => {
    const old: BusinessClock = {
      kind: 'business',
      timeZone: 'Europe/Warsaw',
      workingDays: [1, 2, 3, 4, 5],
      hours: { start: '09:00', end: '17:00' },
      holidays: ['12-24', '2026-04-06'],
    };
    assert.equal(isWorkingTime(at('2026-04-06T10:00:00+02:00'), old), false);
    assert.equal(isWorkingTime(at('2029-04-02T10:00:00+02:00'), old), true, 'its own dates, nothing added');
  });
});

describe('principles: business-day clocks with holidays — a calendar whose data ends warns', () => {
  const now = Date.parse('2028-03-01T00:00:00Z');
  it('a hand-typed calendar whose dated holidays end within a year warns, naming the last year', () => {
    const clock: BusinessClock = {
      kind: 'business',
      timeZone: 'Europe/Warsaw',
      workingDays: [1, 2, 3, 4, 5],
      hours: { start: '09:00', end: '17:00' },
      holidays: ['01-01', '2026-04-06', '2027-03-29', '2028-04-17'],
    };
    const warnings = calendarWarnings({ clock }, now);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].endsOn, '2028-12-31');
    assert.match(warnings[0].message, /2028-12-31/);
    assert.deepEqual(calendarWarnings({ clock }, Date.parse('2027-06-01T00:00:00Z')), []);
  });

  it('a library calendar computes every year: no end to warn about, the snapshot covers three years on', () => {
    const policy = loadPolicy('policy/business-hours.json');
    assert.deepEqual(calendarWarnings(policy, Date.now()), []);
  });

  it('library data older than a year warns: laws change, a newer release brings them', () => {
    const policy = loadPolicy('policy/business-hours.json');
    const library = { name: 'date-holidays', version: '3.37.0', released: '2026-09-21' };
    assert.deepEqual(calendarWarnings(policy, Date.parse('2027-09-20T00:00:00Z'), library), []);
    const [w] = calendarWarnings(policy, Date.parse('2027-09-22T00:00:00Z'), library);
    assert.equal(w?.subject, 'library');
  });

  it('a calendar clock has no holidays to run out', () => {
    assert.deepEqual(calendarWarnings(loadPolicy('policy/default.json'), now), []);
  });
});

/** The default policy as its file states it, to vary one part. */
function baseFile(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(fromRoot('policy', 'default.json'), 'utf8')) as Record<string, unknown>;
}
