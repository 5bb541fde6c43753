// The simulated team and customers (domain/simulation) against the pure lifecycle core, no server:
// the moves they make keep or miss the promises their behaviour says, the same seed makes the same
// moves, and the month's report counts and attributes every miss.
import { strict as assert } from 'node:assert';
import { caseSummary } from '../../domain/archive/summary';
import type { CaseView, ComplaintInput } from '../../domain/case';
import { categorise } from '../../domain/categorise';
import {
  beforeSending,
  caseView,
  decide,
  nextDeadline,
  nextEffect,
  openCase,
  type CaseEvent,
  type DecisionContext,
  type LifecycleState,
} from '../../domain/lifecycle';
import { chooseOwner } from '../../domain/owner';
import {
  actingTime,
  casePlan,
  defaultBehaviour,
  nextMove,
  type Behaviour,
  type Move,
} from '../../domain/simulation/agents';
import { simulatedComplaint } from '../../domain/simulation/complaints';
import { pick, randomFor } from '../../domain/simulation/random';
import {
  combinedReport,
  missParty,
  simulationReport,
  sliceSizes,
  summaryLine,
} from '../../domain/simulation/report';
import { responsiblePartyKinds } from '../../domain/case';
import { DAY, HOUR, shippedPolicy, shippedRoster } from '../helpers/complaints';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const policy = shippedPolicy();
const roster = shippedRoster();

/** Everyone behaves one way: the given owner and survey behaviour, nothing else random. */
function only(owner: keyof Behaviour['owners'], more: Partial<Behaviour> = {}): Behaviour {
  return {
    ...defaultBehaviour,
    owners: { prompt: 0, late: 0, silent: 0, [owner]: 1 },
    customers: { answers: 1, silent: 0, bounces: 0 },
    survey: { good: 1, poor: 0, 'still-need-help': 0, silent: 0 },
    questions: 0,
    extension: 0,
    outcomes: { upheld: 1, 'partially-upheld': 0, rejected: 0 },
    remedyAboveCap: 0,
    callReached: 1,
    ...more,
  };
}

/**
 * One case run by the pure core the way the workflow runs it (e-mails sent at once, deadlines fired at
 * their time) while the simulated team and customer make their moves: the simulation without a server.
 */
function run(seed: string, n: number, behaviour: Behaviour, days = 60) {
  const complaint = simulatedComplaint(seed, n, T0);
  const input: ComplaintInput = {
    ...complaint,
    complaintId: `sim-${n}`,
    reference: `CD-2026-SIM${n}`,
    receivedAt: new Date(T0).toISOString(),
    policy,
    roster,
  };
  let now = T0;
  const ctx = (): DecisionContext => ({ policy, roster, now });
  const categorisation = categorise(
    { subject: input.subject, description: input.description, channel: input.channel, language: 'en' },
    policy,
  );
  const choice = chooseOwner(roster, { language: 'en', category: categorisation.category }, {});
  let state: LifecycleState = openCase(input, { categorisation, choice }, ctx()).state;
  let sent = 0;
  const apply = (event: CaseEvent) => {
    state = decide(state, event, ctx()).state;
    for (let effect = nextEffect(state); effect; effect = nextEffect(state)) {
      const dropped = beforeSending(state, effect.id, ctx());
      state = dropped
        ? dropped.state
        : decide(
            state,
            { type: 'delivered', effectId: effect.id, outcome: 'sent', messageId: `pm-${++sent}` },
            ctx(),
          ).state;
    }
  };
  apply({ type: 'deadline', name: 'acknowledgement' }); // sends what intake decided (not yet due)
  const moves: { at: number; move: Move }[] = [];
  const mctx = {
    seed,
    behaviour,
    supervisorId: roster.supervisors[0].id,
    documentation: policy.documentation,
  };
  for (let guard = 0; guard < 500 && state.stage !== 'closed' && now < T0 + days * DAY; guard++) {
    const view = caseView(state, ctx());
    const move = nextMove(view, mctx);
    const deadline = nextDeadline(state, policy, now);
    if (move && (!deadline || move.at <= deadline.at)) {
      now = Math.max(now, move.at);
      moves.push({ at: now, move });
      if (move.kind === 'action') apply({ type: 'action', action: move.action, input: move.input });
      else if (move.kind === 'message') apply({ type: 'customer-message', message: move.signal });
      else if (move.kind === 'survey') apply({ type: 'survey-answer', answer: move.signal });
      else apply({ type: 'bounce', bounce: move.signal });
    } else if (deadline) {
      now = Math.max(now, deadline.at);
      apply({ type: 'deadline', name: deadline.name });
    } else break;
  }
  const view: CaseView = caseView(state, ctx());
  return { view, moves, plan: casePlan(seed, view.complaintId, behaviour) };
}

const missed = (v: CaseView) =>
  [...(v.previousClocks ?? []), ...Object.values(v.clocks)]
    .filter((c) => c.state === 'missed')
    .map((c) => c.name);

describe('simulated team and customers (pure, on the lifecycle core)', () => {
  it('draws the same numbers for the same key and others for another key', () => {
    const a = randomFor('s', 'c1', 'plan');
    const b = randomFor('s', 'c1', 'plan');
    const c = randomFor('s', 'c2', 'plan');
    const xs = [a(), a(), a()];
    assert.deepEqual(xs, [b(), b(), b()]);
    assert.notDeepEqual(xs, [c(), c(), c()]);
    const r = randomFor('weights');
    const counts = { x: 0, y: 0 };
    for (let i = 0; i < 10_000; i++) counts[pick(r, { x: 0.8, y: 0.2 })]++;
    assert.ok(counts.x > 7_600 && counts.x < 8_400, `x drawn ${counts.x} times of 10,000 at weight 0.8`);
  });

  it('times a prompt person before the deadline, a late one after it, a silent one long after', () => {
    const r = randomFor('timing');
    for (let i = 0; i < 100; i++) {
      assert.ok(actingTime('prompt', 0, 100_000, r) < 100_000);
      const late = actingTime('late', 0, 100_000, r);
      assert.ok(late > 100_000 && late <= 200_000);
      assert.ok(actingTime('silent', 0, 100_000, r) >= 300_000);
    }
  });

  it('a prompt owner and an answering customer: the case closes with every promise kept', () => {
    const { view, moves } = run('prompt', 1, only('prompt'));
    assert.equal(view.stage, 'closed');
    assert.equal(view.closure, 'resolved');
    assert.deepEqual(missed(view), []);
    assert.deepEqual(view.missedUpdates, {});
    assert.deepEqual(
      [...new Set(moves.map((m) => (m.move.kind === 'action' ? m.move.action : m.move.kind)))],
      // Every outcome is told by phone before the letter (seed 003).
      ['diagnosis', 'progress', 'resolution', 'calls', 'survey', 'documentation'],
    );
  });

  it('a late owner misses the diagnosis and the promised date, and the system writes the updates', () => {
    const { view } = run('late', 2, only('late'));
    assert.equal(view.stage, 'closed');
    assert.ok(missed(view).includes('diagnosis'), `missed: ${missed(view).join(', ')}`);
    assert.ok(missed(view).includes('resolution'), `missed: ${missed(view).join(', ')}`);
    assert.ok((view.missedUpdates[view.owner.id] ?? 0) > 0);
    assert.ok(view.escalationLevel > 0);
  });

  it('a silent owner still closes the case in the end, with the misses on record', () => {
    const { view } = run('silent', 3, only('silent'));
    assert.equal(view.stage, 'closed');
    assert.ok(missed(view).includes('statutory'), `missed: ${missed(view).join(', ')}`);
  });

  it('questions, an extension, an unfavourable outcome by phone and a follow-up all happen', () => {
    const { view, moves } = run(
      'story',
      4,
      only('prompt', {
        questions: 1,
        extension: 1,
        outcomes: { upheld: 0, 'partially-upheld': 0, rejected: 1 },
        survey: { good: 0, poor: 1, 'still-need-help': 0, silent: 0 },
      }),
    );
    assert.equal(view.closure, 'resolved', moves.map((m) => m.move.kind).join(' '));
    assert.ok(view.questions?.answeredAt);
    assert.equal(view.extensions.length, 1);
    assert.ok(view.resolutionCall?.reached);
    assert.ok(view.followUp?.doneAt);
    assert.equal(view.surveyAnswers.length, 2);
  });

  it('a bounced address: the owner acknowledges by phone, and the survey stays unanswered', () => {
    const { view } = run('bounce', 5, only('prompt', { customers: { answers: 0, silent: 0, bounces: 1 } }));
    assert.ok(view.customerEmailBounced);
    assert.equal(view.clocks.acknowledgement.state, 'missed');
    assert.ok(view.clocks.acknowledgement.metAt, 'kept late, by the owner’s call');
    assert.equal(view.surveyAnswers.length, 0);
    assert.equal(view.stage, 'closed');
  });

  it('makes exactly the same moves for the same seed', () => {
    const a = run('same', 6, defaultBehaviour);
    const b = run('same', 6, defaultBehaviour);
    assert.deepEqual(a.moves, b.moves);
    assert.deepEqual(a.view, b.view);
  });

  it('reports the share kept and attributes every miss to its clock, party and behaviour', () => {
    const cases = [1, 2, 3, 5].map((n) => {
      const behaviour =
        n === 1
          ? only('prompt')
          : n === 2
            ? only('late')
            : n === 3
              ? only('silent')
              : only('prompt', { customers: { answers: 0, silent: 0, bounces: 1 } });
      const { view, plan } = run(`report-${n}`, n, behaviour);
      return { summary: caseSummary(view, 1), owner: plan.owner, customer: plan.customer };
    });
    const window = { from: new Date(T0).toISOString(), to: new Date(T0 + 60 * DAY).toISOString() };
    const report = simulationReport(cases, window);
    const allClocks = cases.flatMap((c) => c.summary.clocks).filter((c) => c.state !== 'cancelled');
    assert.equal(report.promises.kept, allClocks.filter((c) => c.state === 'met').length);
    assert.equal(report.promises.missed, allClocks.filter((c) => c.state === 'missed').length);
    assert.equal(report.misses.length, report.promises.missed);
    assert.equal(
      report.attribution.reduce((n, a) => n + a.count, 0),
      report.misses.length,
      'every miss is in one group',
    );
    assert.ok(report.misses.every((m) => m.behaviour !== 'prompt' || m.party !== 'owner'));
    assert.ok(report.misses.some((m) => m.clock === 'acknowledgement' && m.party === 'customer'));
    assert.equal(report.cases.closed, 4);
    assert.match(
      summaryLine(report, 60),
      /^simulated 4 cases over 60 days: (\d+) of (\d+) customer-facing promises kept \(\d+\.\d%\); \d+ missed \(owner \d+, system 0, customer 1\); \d+ update intervals covered by the system; 4 cases closed$/,
    );
    // A window that ends before anything was due counts nothing.
    const empty = simulationReport(cases, { from: window.from, to: new Date(T0 + HOUR).toISOString() });
    assert.equal(empty.promises.kept + empty.promises.missed, 0);
    assert.equal(empty.promises.share, 1);
    assert.equal(missParty('acknowledgement', 'answers'), 'system');
    assert.equal(missParty('diagnosis', 'bounces'), 'owner');
  });
  it('gives complaints intake facts from small pools, the same for the same seed', () => {
    const all = Array.from({ length: 300 }, (_, n) => simulatedComplaint('facts', n, T0));
    assert.deepEqual(all[7], simulatedComplaint('facts', 7, T0));
    const values = (f: (c: (typeof all)[number]) => string | undefined) =>
      new Set(all.map(f).filter((x) => x !== undefined));
    assert.equal(values((c) => c.facts.carrier).size, 3);
    assert.equal(values((c) => c.facts.product?.sku).size, 4);
    assert.equal(values((c) => c.facts.supplier).size, 3);
    assert.equal(values((c) => c.facts.location).size, 3);
    for (const c of all) {
      const at = Date.parse(c.facts.incidentAt!);
      assert.ok(at <= T0 && at > T0 - 3 * DAY, `incident at ${c.facts.incidentAt}`);
      // A parcel names its carrier, a product its supplier; a double charge names neither.
      if (c.subject === 'Delivery is late') assert.ok(c.facts.carrier && !c.facts.product);
      if (c.subject === 'Kettle stopped working') assert.ok(c.facts.supplier && !c.facts.carrier);
      if (c.subject === 'Charged twice') assert.deepEqual(Object.keys(c.facts), ['incidentAt']);
    }
  });

  it('documents closed cases with a category, factors and a party from the policy’s lists', () => {
    const categories = policy.documentation.rootCauseCategories.map((c) => c.id);
    const factors = policy.documentation.contributingFactors.map((f) => f.id);
    const seen = new Set<string>();
    for (let n = 0; n < 12; n++) {
      const { view } = run('documented', n, only('prompt'));
      assert.equal(view.stage, 'closed');
      const doc = view.documentation!;
      assert.ok(categories.includes(doc.rootCauseCategory!), doc.rootCauseCategory);
      assert.ok(doc.contributingFactors.length >= 1);
      assert.ok(
        doc.contributingFactors.every((f) => factors.includes(f)),
        doc.contributingFactors.join(),
      );
      assert.ok(responsiblePartyKinds.includes(doc.responsiblePartyKind!));
      if (doc.responsiblePartyKind === 'carrier' && view.facts?.carrier)
        assert.equal(doc.responsibleParty, view.facts.carrier);
      seen.add(doc.rootCauseCategory!);
    }
    assert.ok(seen.size >= 3, `categories: ${[...seen].join(', ')}`);
  });

  it('splits a month into even slices and adds their reports up to the report of all the cases', () => {
    assert.deepEqual(sliceSizes(1000, 100), Array(10).fill(100));
    assert.deepEqual(sliceSizes(250, 100), [84, 83, 83]);
    assert.deepEqual(sliceSizes(6, 100), [6]);
    const cases = [1, 2, 3, 5, 6, 7].map((n) => {
      const behaviour = n === 2 ? only('late') : n === 3 ? only('silent') : defaultBehaviour;
      const { view, plan } = run(`slices-${n}`, n, behaviour);
      return { summary: caseSummary(view, 1), owner: plan.owner, customer: plan.customer };
    });
    const window = { from: new Date(T0).toISOString(), to: new Date(T0 + 60 * DAY).toISOString() };
    const later = { from: new Date(T0 + DAY).toISOString(), to: new Date(T0 + 61 * DAY).toISOString() };
    const whole = simulationReport(cases, window);
    const combined = combinedReport([
      simulationReport(cases.slice(0, 2), window),
      simulationReport(cases.slice(2), window),
    ]);
    assert.deepEqual(combined, whole);
    const shifted = combinedReport([simulationReport(cases, window), simulationReport([], later)]);
    assert.deepEqual(shifted.window, { from: window.from, to: later.to });
    assert.equal(summaryLine(shifted, 60), summaryLine(whole, 60));
    assert.throws(() => combinedReport([]), /at least one report/);
  });
});
