// The weekly team review (domain/insights/weekly.ts): every number checked against the case records it
// was built from, for a week with cases of every shape run through the real lifecycle core; ISO weeks
// in a time zone; the CSV, text and HTML renderings say the same.
import assert from 'node:assert/strict';
import type { CaseSummary } from '../../domain/archive/summary';
import { isoWeekOf, parseIsoWeek, previousIsoWeek, WeekError } from '../../domain/insights/week';
import {
  agendaLabels,
  buildWeeklyReview,
  ownerAt,
  promiseKinds,
  type WeeklyReview,
} from '../../domain/insights/weekly';
import {
  weeklyReviewCsv,
  weeklyReviewHtml,
  weeklyReviewSubject,
  weeklyReviewText,
} from '../../domain/insights/weekly-render';
import { shippedPolicy } from '../helpers/complaints';
import { reviewWeek, weekEnd, weekOfCases, weekStart, type ShapedCases } from '../helpers/weekly-cases';

describe('ISO weeks in the team time zone', () => {
  it('parses a week into local Mondays, across a DST change', () => {
    const w48 = parseIsoWeek('2026-W48', 'UTC');
    assert.equal(new Date(w48.from).toISOString(), '2026-11-23T00:00:00.000Z');
    assert.equal(new Date(w48.to).toISOString(), '2026-11-30T00:00:00.000Z');
    const warsaw = parseIsoWeek('2026-W13', 'Europe/Warsaw'); // clocks go forward on Sunday 29 March
    assert.equal(new Date(warsaw.from).toISOString(), '2026-03-22T23:00:00.000Z');
    assert.equal(new Date(warsaw.to).toISOString(), '2026-03-29T22:00:00.000Z');
    assert.equal(parseIsoWeek('2026-W01', 'UTC').from, Date.parse('2025-12-29T00:00:00Z'));
    assert.equal(parseIsoWeek('2026-W53', 'UTC').from, Date.parse('2026-12-28T00:00:00Z'));
  });

  it('refuses what is not a week, with what is wrong', () => {
    assert.throws(() => parseIsoWeek('2025-W53', 'UTC'), /2025 has weeks W01 to W52/);
    assert.throws(() => parseIsoWeek('2026-W00', 'UTC'), WeekError);
    assert.throws(() => parseIsoWeek('2026-48', 'UTC'), /expected an ISO week like "2026-W48"/);
    assert.throws(() => parseIsoWeek('1999-W10', 'UTC'), /out of range/);
  });

  it('knows the week of an instant and the week just ended', () => {
    const monday8 = Date.parse('2026-11-30T07:00:00Z'); // 08:00 in Warsaw
    assert.equal(isoWeekOf(monday8, 'Europe/Warsaw').week, '2026-W49');
    assert.equal(previousIsoWeek(monday8, 'Europe/Warsaw').week, '2026-W48');
    // 23:30 on Sunday in Warsaw (22:30 UTC) is still week 48; 00:30 on Monday is week 49.
    assert.equal(isoWeekOf(Date.parse('2026-11-29T22:30:00Z'), 'Europe/Warsaw').week, '2026-W48');
    assert.equal(isoWeekOf(Date.parse('2026-11-29T23:30:00Z'), 'Europe/Warsaw').week, '2026-W49');
    assert.equal(isoWeekOf(Date.parse('2027-01-01T12:00:00Z'), 'UTC').week, '2026-W53');
  });
});

describe('the weekly team review', () => {
  let cases: ShapedCases;
  let review: WeeklyReview;
  const lowScoreThreshold = 2;
  const inWeek = (iso?: string) => !!iso && Date.parse(iso) >= weekStart && Date.parse(iso) < weekEnd;

  before(() => {
    cases = weekOfCases();
    review = buildWeeklyReview({
      week: parseIsoWeek(reviewWeek, 'UTC'),
      timeZone: 'UTC',
      cases: cases.all,
      names: {},
      lowScoreThreshold,
      now: weekEnd + 3_600_000,
    });
  });

  it('has cases of every shape in the week', () => {
    assert.equal(cases.kept.closure, 'resolved');
    assert.equal(cases.withdrawn.closure, 'withdrawn');
    assert.ok(cases.missed.clocks.some((c) => c.state === 'missed'));
    assert.ok(cases.extended.extensions.some((e) => inWeek(e.at)));
    assert.ok(cases.extended.escalations.some((e) => inWeek(e.at)));
    assert.ok(cases.followUp.followUp && inWeek(cases.followUp.followUp.doneAt));
    assert.ok(inWeek(cases.statutory.statutory?.breachedAt));
  });

  it('counts opened, closed and open per owner from the records', () => {
    const relevant = cases.all;
    for (const o of review.owners) {
      const mine = (c: CaseSummary, at: number) => ownerAt(c, at) === o.ownerId;
      assert.equal(
        o.opened,
        relevant.filter((c) => inWeek(c.receivedAt) && mine(c, Date.parse(c.receivedAt))).length,
      );
      assert.equal(o.closed, relevant.filter((c) => inWeek(c.closedAt) && c.owner.id === o.ownerId).length);
      assert.equal(
        o.open,
        relevant.filter(
          (c) =>
            Date.parse(c.receivedAt) < weekEnd &&
            (!c.closedAt || Date.parse(c.closedAt) >= weekEnd) &&
            mine(c, weekEnd - 1),
        ).length,
        `${o.ownerId} open`,
      );
    }
    // kept, missed, extended, withdrawn opened in the week; followUp and statutory before it; after: later.
    assert.equal(review.totals.opened, 4);
    assert.equal(review.totals.closed, 2);
    assert.deepEqual(review.closedBy, { resolved: 1, 'no-response': 0, withdrawn: 1 });
    assert.equal(review.totals.open, 4); // missed, extended, followUp (a second survey), statutory
    assert.ok(!review.owners.some((o) => o.ownerId === 'anna-kowalska' && o.closed !== 1), 'before excluded');
  });

  it('counts every promise kept and missed per clock, at the time it was decided', () => {
    const expect: Record<string, Record<string, { kept: number; missed: number }>> = {};
    const add = (owner: string, kind: string, outcome: 'kept' | 'missed') => {
      expect[owner] ??= {};
      expect[owner][kind] ??= { kept: 0, missed: 0 };
      expect[owner][kind][outcome]++;
    };
    const kindOf = (name: string) => (name === 'diagnosis-after-answer' ? 'diagnosis' : name);
    for (const c of cases.all) {
      for (const clock of c.clocks) {
        if (clock.state === 'met' && inWeek(clock.metAt))
          add(ownerAt(c, Date.parse(clock.metAt!)), kindOf(clock.name), 'kept');
        if (clock.state === 'missed' && inWeek(clock.missedAt))
          add(ownerAt(c, Date.parse(clock.missedAt!)), kindOf(clock.name), 'missed');
      }
      for (const u of c.customerUpdates ?? [])
        if (inWeek(u.at)) add(ownerAt(c, Date.parse(u.at)), 'updates', u.by === 'owner' ? 'kept' : 'missed');
    }
    for (const o of review.owners)
      for (const k of promiseKinds)
        assert.deepEqual(
          o.promises[k],
          expect[o.ownerId]?.[k] ?? { kept: 0, missed: 0 },
          `${o.ownerId} ${k}`,
        );
    const piotr = review.owners.find((o) => o.ownerId === 'piotr-wisniewski')!;
    assert.equal(piotr.promises.diagnosis.missed, 1, 'the silent owner missed the diagnosis');
    assert.equal(piotr.promises.acknowledgement.kept, 1);
    const anna = review.owners.find((o) => o.ownerId === 'anna-kowalska')!;
    assert.equal(anna.missed, 0, 'the kept case kept everything');
    assert.equal(anna.promises.updates.kept, 1);
    assert.equal(review.owners.find((o) => o.ownerId === 'james-whitaker')!.promises.statutory.missed, 1);
    const sum = (f: (o: WeeklyReview['owners'][number]) => number) =>
      review.owners.reduce((n, o) => n + f(o), 0);
    assert.equal(
      review.totals.kept,
      sum((o) => o.kept),
    );
    assert.equal(
      review.totals.missed,
      sum((o) => o.missed),
    );
    for (const k of promiseKinds)
      assert.equal(
        review.totals.promises[k].missed,
        sum((o) => o.promises[k].missed),
      );
  });

  it('counts escalations, extensions, surveys, follow-ups, remedies and root causes from the records', () => {
    const all = cases.all;
    const escalations = all.flatMap((c) => c.escalations.filter((e) => inWeek(e.at)));
    assert.equal(review.totals.escalations, escalations.length);
    const byLevel: Record<string, number> = {};
    for (const e of escalations) byLevel[e.level] = (byLevel[e.level] ?? 0) + 1;
    assert.deepEqual(review.escalationsByLevel, byLevel);
    assert.equal(
      review.totals.extensions,
      all.flatMap((c) => c.extensions.filter((e) => inWeek(e.at))).length,
    );
    assert.equal(review.totals.extensions, 1);

    const answers = all.flatMap((c) => c.surveyAnswers.filter((a) => inWeek(a.at)));
    assert.equal(review.surveys.answers, answers.length);
    assert.equal(review.surveys.answers, 3);
    const mean = answers.reduce((n, a) => n + a.score, 0) / answers.length;
    assert.equal(review.surveys.averageScore, Math.round(mean * 100) / 100);
    assert.equal(review.surveys.lowScores, answers.filter((a) => a.score <= lowScoreThreshold).length);
    assert.equal(review.surveys.stillNeedHelp, answers.filter((a) => a.stillNeedHelp).length);
    assert.equal(
      review.surveys.distribution.reduce((n, d) => n + d.count, 0),
      answers.length,
    );

    assert.equal(review.followUps.opened, all.filter((c) => inWeek(c.followUp?.openedAt)).length);
    assert.equal(review.followUps.done, all.filter((c) => inWeek(c.followUp?.doneAt)).length);
    assert.deepEqual(review.followUps, { opened: 2, done: 1 });

    const granted = all.filter(
      (c) => c.resolution && inWeek(c.resolution.at) && c.resolution.remedy.kind !== 'none',
    );
    assert.equal(review.remedies.granted, granted.length);
    assert.deepEqual(review.remedies.byKind, { refund: 1, voucher: 1, replacement: 1 });
    assert.deepEqual(review.remedies.value, [{ currency: 'PLN', amount: 50, count: 1 }]);

    const documented = all.filter((c) => c.documentation && inWeek(c.documentation.at));
    assert.equal(
      review.rootCauses.reduce((n, r) => n + r.count, 0),
      documented.length,
    );
    assert.deepEqual(
      review.rootCauses.map((r) => r.category).sort(),
      documented.map((c) => c.documentation!.rootCauseCategory).sort(),
    );
    assert.deepEqual(review.responsibleParties.map((p) => p.kind).sort(), ['carrier', 'supplier']);
  });

  it('lists the cases to discuss, each with its reasons', () => {
    const reasons = Object.fromEntries(review.toDiscuss.map((d) => [d.reference, d.reasons]));
    assert.deepEqual(reasons[cases.statutory.reference], ['overdue', 'statutory-breach']);
    assert.deepEqual(reasons[cases.extended.reference], ['low-score', 'reopened']);
    assert.deepEqual(reasons[cases.followUp.reference], ['reopened']);
    assert.deepEqual(reasons[cases.missed.reference], ['overdue']);
    assert.equal(reasons[cases.kept.reference], undefined);
    assert.equal(reasons[cases.withdrawn.reference], undefined);
    assert.equal(reasons[cases.before.reference], undefined);
    assert.equal(reasons[cases.after.reference], undefined);
  });

  it('renders the same numbers as CSV, text and HTML', () => {
    const csv = weeklyReviewCsv(review).trimEnd().split('\r\n');
    assert.equal(csv.length, review.owners.length + 2);
    const header = csv[0].split(',');
    const total = csv[csv.length - 1].split(',');
    const col = (name: string) => total[header.indexOf(name)];
    assert.equal(total[0], reviewWeek);
    assert.equal(col('owner_id'), 'TOTAL');
    assert.equal(Number(col('opened')), review.totals.opened);
    assert.equal(Number(col('promises_missed')), review.totals.missed);
    assert.equal(Number(col('statutory_missed')), review.totals.promises.statutory.missed);
    assert.equal(Number(col('remedies_granted')), review.totals.remedies);

    const text = weeklyReviewText(review);
    const html = weeklyReviewHtml(review);
    for (const d of review.toDiscuss) {
      assert.ok(text.includes(d.reference), d.reference);
      assert.ok(html.includes(d.reference), d.reference);
    }
    assert.match(text, new RegExp(`Opened ${review.totals.opened}, closed ${review.totals.closed}`));
    assert.match(html, /Piotr Wiśniewski/);
    assert.match(html, /Refunds 50\.00 PLN/);
  });

  it('escapes what it did not write', () => {
    const html = weeklyReviewHtml({
      ...review,
      owners: [{ ...review.owners[0], ownerName: '<script>x</script>' }],
    });
    assert.ok(!html.includes('<script>x'));
    const csv = weeklyReviewCsv({
      ...review,
      owners: [{ ...review.owners[0], ownerName: '=HYPERLINK("x")' }],
    });
    assert.ok(csv.includes(`"'=HYPERLINK(""x"")"`));
  });
});

describe('seed 003: each representative presents their open complaints and their closed ones', () => {
  let cases: ShapedCases;
  let review: WeeklyReview;

  before(() => {
    cases = weekOfCases();
    review = buildWeeklyReview({
      week: parseIsoWeek(reviewWeek, 'UTC'),
      timeZone: 'UTC',
      cases: cases.all,
      names: { 'anna-kowalska': 'Anna Kowalska', 'noa-levi': 'Noa Levi', 'sara-lindqvist': 'Sara Lindqvist' },
      lowScoreThreshold: 2,
      now: weekEnd + 3_600_000,
      labels: agendaLabels(shippedPolicy()),
    });
  });

  const agendaOf = (ownerId: string) => review.agenda.find((a) => a.ownerId === ownerId);

  it('gives every owner with open or closed cases an agenda: open at the week’s end, closed in it', () => {
    const open = review.agenda.flatMap((a) => a.open.map((o) => o.reference)).sort();
    const closed = review.agenda.flatMap((a) => a.closed.map((c) => c.reference)).sort();
    const openAtEnd = cases.all.filter(
      (c) => Date.parse(c.receivedAt) < weekEnd && (!c.closedAt || Date.parse(c.closedAt) >= weekEnd),
    );
    const closedIn = cases.all.filter(
      (c) => c.closedAt && Date.parse(c.closedAt) >= weekStart && Date.parse(c.closedAt) < weekEnd,
    );
    assert.deepEqual(open, openAtEnd.map((c) => c.reference).sort());
    assert.deepEqual(closed, closedIn.map((c) => c.reference).sort());
    assert.ok(!open.includes(cases.after.reference) && !closed.includes(cases.before.reference));
    // Each under its owner, by name.
    assert.deepEqual(
      agendaOf('anna-kowalska')?.closed.map((c) => c.reference),
      [cases.kept.reference],
    );
    assert.equal(agendaOf('anna-kowalska')?.ownerName, 'Anna Kowalska');
  });

  it('flags the open cases to discuss — overdue, escalated (to which level) — and lists them first', () => {
    const missed = review.agenda.flatMap((a) => a.open).find((o) => o.reference === cases.missed.reference)!;
    assert.ok(missed.flags.includes('overdue'), JSON.stringify(missed));
    const extended = agendaOf('sara-lindqvist')!.open.find((o) => o.reference === cases.extended.reference)!;
    assert.ok(extended.flags.includes('escalated'));
    assert.ok(extended.escalationLevel >= 1);
    for (const a of review.agenda)
      for (let i = 1; i < a.open.length; i++)
        assert.ok(a.open[i - 1].flags.length >= a.open[i].flags.length, 'flagged first');
  });

  it('a closed case comes with its problem, root cause and solution', () => {
    const kept = agendaOf('anna-kowalska')!.closed[0];
    assert.deepEqual(kept.problem, {
      category: cases.kept.category,
      product: 'LAMP-1',
      carrier: 'FastParcel',
    });
    assert.equal(kept.rootCause?.category, 'Damaged in transport', 'the policy’s name, not the id');
    assert.equal(kept.rootCause?.text, 'Crushed in the sorting centre.');
    assert.equal(kept.rootCause?.responsiblePartyKind, 'carrier');
    assert.equal(kept.solution.outcome, 'upheld');
    assert.equal(kept.solution.remedy, 'refund 50 PLN');
    assert.equal(kept.solution.correctiveAction, 'Refund.');
    assert.equal(kept.solution.preventiveAction, 'Better packaging.');
    // A withdrawn case is on the agenda too, undocumented.
    const withdrawn = review.agenda
      .flatMap((a) => a.closed)
      .find((c) => c.reference === cases.withdrawn.reference)!;
    assert.equal(withdrawn.closure, 'withdrawn');
  });

  it('the e-mail and the page carry the agenda, in English or in Polish, dates in the reader’s zone', () => {
    const text = weeklyReviewText(review);
    assert.ok(text.includes('The meeting’s agenda'));
    assert.ok(text.includes('Problem: '));
    assert.ok(text.includes('Root cause: Damaged in transport; “Crushed in the sorting centre.”'), text);
    assert.ok(text.includes('Solution: resolved; upheld; refund 50 PLN; corrective action: Refund.'), text);
    const pl = weeklyReviewText(review, { language: 'pl', timeZone: 'Europe/Warsaw' });
    assert.ok(pl.startsWith(`Tygodniowy przegląd reklamacji ${reviewWeek}`), pl);
    for (const word of [
      'Porządek spotkania',
      'Otwarte sprawy do omówienia',
      'Zamknięte w tym tygodniu',
      'Przyczyna: ',
    ])
      assert.ok(pl.includes(word), word);
    assert.match(pl, /najbliższy termin .+ \(Europe\/Warsaw\)/);
    const html = weeklyReviewHtml(review, { language: 'pl', timeZone: 'Europe/Warsaw' });
    assert.ok(html.includes('<html lang="pl">'));
    assert.ok(html.includes('Porządek spotkania'));
    assert.equal(
      weeklyReviewSubject(review, { language: 'pl' }).slice(0, 30),
      'Tygodniowy przegląd reklamacji',
    );
  });
});

describe('weekly review: cases per channel and hour (issue #20, sizing the team around the clock)', () => {
  it('counts every case received in the week by its channel and its local hour', () => {
    const cases = weekOfCases();
    const review = buildWeeklyReview({
      week: parseIsoWeek(reviewWeek, 'UTC'),
      timeZone: 'UTC',
      cases: cases.all,
      names: {},
      lowScoreThreshold: 2,
      now: weekEnd + 3_600_000,
    });
    const received = cases.all.filter((c) => {
      const t = Date.parse(c.receivedAt);
      return t >= weekStart && t < weekEnd;
    });
    const a = review.arrivals!;
    assert.equal(
      Object.values(a.byChannel).reduce((x, y) => x + y, 0),
      received.length,
    );
    assert.equal(
      a.byHour.reduce((x, y) => x + y, 0),
      received.length,
    );
    assert.equal(a.byHour.length, 24);
    for (const c of received)
      assert.ok(
        a.byChannelAndHour.some(
          (x) => x.channel === c.channel && x.hour === new Date(c.receivedAt).getUTCHours(),
        ),
      );
    assert.match(weeklyReviewText(review), /Cases received per channel/);
    // The e-mailed (HTML) review shows them too: a row per channel, a column per hour.
    const html = weeklyReviewHtml(review);
    assert.match(html, /<h2>Cases received per channel/);
    for (const channel of Object.keys(a.byChannel))
      assert.ok(html.includes(`<tr><td>${channel} (${a.byChannel[channel]})</td>`), channel);
  });
});
