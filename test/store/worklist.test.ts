// The console's worklist in the case store, on both databases: records written as the record
// activity writes them (facts in clear, the brief sealed with the case key, blind-index tokens) from
// cases moved by the real lifecycle core; the queue's urgency order, badges, counts, filters and
// pages; search by reference, name, e-mail, phone and subject words without any readable personal
// data in the table; the approvals inbox; the operator's lists; and the erasure leaving nothing to
// find a case by.
import assert from 'node:assert/strict';
import { caseSummary } from '../../domain/archive/summary';
import type { CaseView } from '../../domain/case';
import { decide, type LifecycleState } from '../../domain/lifecycle';
import { encryptionCodec } from '../../infra/codec';
import {
  awaitingApproval,
  blindTokens,
  createStore,
  eraseCaseRecord,
  findByReference,
  findByTokens,
  migrate,
  nextInQueue,
  openBrief,
  operatorLists,
  queryTerms,
  queuePage,
  searchKey,
  worklistRecord,
  writeCaseRecord,
  type Store,
  type WorklistRow,
} from '../../infra/store';
import { complaintWorkflowId } from '../../workflows/definitions';
import { openedCase } from '../helpers/case-summaries';
import { shippedPolicy, shippedRoster } from '../helpers/complaints';
import { freshDatabase, storeBackends, type TestDatabase } from '../helpers/postgres';
import { testKeysDir } from '../helpers/stack';

const H = 3600_000;
const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const codec = () => encryptionCodec({ keysDir: testKeysDir() });

async function record(store: Store, view: CaseView, version: number, attention: string[] = []) {
  const w = await worklistRecord(codec(), complaintWorkflowId(view.complaintId), view, attention);
  return writeCaseRecord(store, caseSummary(view, version), Buffer.from('sealed-view'), new Date(), w);
}

const ctx = (now: number) => ({ policy: shippedPolicy(), roster: shippedRoster(), now });
const act = (s: LifecycleState, action: string, input: unknown, at: number) =>
  decide(s, { type: 'action', action: action as never, input }, ctx(at)).state;
/** The acknowledgement e-mail went out (its promise kept). */
const acknowledged = (s: LifecycleState, at: number) =>
  decide(
    s,
    {
      type: 'delivered',
      effectId: s.outbox.find((e) => e.purpose === 'acknowledgement')!.id,
      outcome: 'sent',
    },
    ctx(at),
  ).state;

for (const backend of storeBackends) {
  describe(`console worklist in the store on ${backend === 'embedded' ? 'the embedded database' : 'PostgreSQL'}`, function () {
    let db: TestDatabase;
    let store: Store;
    let owner: string;
    const clock = { now: T0 + 3 * H, dueSoonMs: 4 * H };
    // The last six characters make the reference (CD-2026-100001, ...).
    const ids = {
      fresh: 'wl-fresh-100001',
      overdue: 'wl-overdue-100002',
      message: 'wl-message-100003',
      approval: 'wl-approval-100004',
      closed: 'wl-closed-100005',
      other: 'wl-other-100006',
    };

    before(async function () {
      this.timeout(60_000);
      db = await freshDatabase(backend);
      store = createStore(db.url, { max: 4 });
      await migrate(store);

      // Just opened: the acknowledgement is due within the due-soon window.
      const fresh = openedCase(ids.fresh, new Date(T0 + 2 * H).toISOString(), {
        customer: {
          name: 'Zofia Wiśniewska',
          email: 'Zofia.W@example.com',
          phone: '+48 601 234 567',
          language: 'pl',
        },
        subject: 'Pralka przyszła uszkodzona',
      });
      owner = fresh.state.owner.id;
      await record(store, fresh.view(), 1);
      // Opened three hours before `now` and never acknowledged nor diagnosed by then: overdue.
      const late = openedCase(ids.overdue, new Date(T0 - 30 * H).toISOString());
      await record(store, late.view(late.state, T0 - 30 * H + 26 * H), 1);
      // Diagnosed, then the customer wrote: a new customer message.
      const msg = openedCase(ids.message, new Date(T0).toISOString(), {
        customer: { name: 'Jan Nowak', email: 'jan@example.com', language: 'en' },
        subject: 'Invoice shows the wrong amount',
      });
      const diagnosed = act(
        acknowledged(msg.state, T0 + 0.5 * H),
        'diagnosis',
        {
          summary: 'Looking into it.',
          probableCause: 'Billing run',
          responsibleParty: { kind: 'ours', name: 'Billing' },
          expectedResolutionBy: new Date(T0 + 5 * 24 * H).toISOString(),
        },
        T0 + H,
      );
      const wrote = decide(
        diagnosed,
        { type: 'customer-message', message: { text: 'Any news?', via: 'email' } },
        ctx(T0 + 2 * H),
      ).state;
      await record(store, msg.view(wrote, T0 + 2 * H), 2);
      // A refund above the caps waits for a supervisor.
      const ap = openedCase(ids.approval, new Date(T0).toISOString());
      const resolved = act(
        acknowledged(ap.diagnosed(T0 + H), T0 + 1.5 * H),
        'resolution',
        {
          outcome: 'upheld',
          explanation: 'Broken in transit.',
          apology: 'Sorry.',
          remedy: { kind: 'refund', amount: 5000, currency: 'PLN' },
        },
        T0 + 2 * H,
      );
      assert.equal(resolved.stage, 'awaiting-approval');
      await record(store, ap.view(resolved, T0 + 2 * H), 2, ['approval-waiting']);
      // Withdrawn: closed, in no queue, still found by search.
      const cl = openedCase(ids.closed, new Date(T0).toISOString(), {
        customer: { name: 'Zofia Wiśniewska', email: 'other@example.com', language: 'pl' },
      });
      const closed = decide(cl.state, { type: 'withdrawal', withdrawal: {} }, ctx(T0 + H)).state;
      await record(store, cl.view(closed, T0 + H), 2);
      // Another owner's.
      const ot = openedCase(ids.other, new Date(T0 + 2 * H).toISOString(), {
        customer: { name: 'Zofia Wiśniewska', email: 'z3@example.com', language: 'en' },
      });
      const view = ot.view();
      await record(store, { ...view, owner: { ...view.owner, id: 'someone-else' } }, 1);
    });
    after(async function () {
      await store?.end();
      await db?.drop();
    });

    const refs = (rows: WorklistRow[]) => rows.map((r) => r.complaintId);

    it('keeps no readable personal data in the worklist columns', async function () {
      const { rows } = await store.query('SELECT * FROM case_records');
      const dump = JSON.stringify(rows);
      const secrets = [
        'Wiśniewska',
        'Wisniewska',
        'zofia',
        'Nowak',
        'jan@example',
        '601 234 567',
        '601234567',
        'Pralka',
        'Invoice',
      ];
      for (const secret of secrets)
        assert.ok(!dump.toLowerCase().includes(secret.toLowerCase()), `"${secret}" readable in the table`);
    });

    it('serves a person’s open cases by urgency, with badges, counts, filters and pages', async function () {
      const page = await queuePage(store, { owners: [owner] }, {}, { size: 10, offset: 0 }, clock);
      assert.deepEqual(refs(page.rows), [ids.overdue, ids.message, ids.approval, ids.fresh]);
      const badges = Object.fromEntries(page.rows.map((r) => [r.complaintId, r.badges]));
      assert.ok(badges[ids.overdue].includes('overdue'));
      assert.deepEqual(badges[ids.message], ['message']);
      assert.deepEqual(badges[ids.approval], ['approval', 'attention']);
      assert.deepEqual(badges[ids.fresh], ['due-soon']);
      assert.equal(page.counts.total, 4);
      assert.equal(page.counts.approval, 1);
      assert.equal(page.counts.message, 1);
      assert.equal(page.matching, 4);
      const second = await queuePage(store, { owners: [owner] }, {}, { size: 2, offset: 2 }, clock);
      assert.deepEqual(refs(second.rows), [ids.approval, ids.fresh]);
      const messages = await queuePage(
        store,
        { owners: [owner] },
        { badge: 'message' },
        { size: 10, offset: 0 },
        clock,
      );
      assert.deepEqual(refs(messages.rows), [ids.message]);
      assert.equal(messages.matching, 1);
      assert.equal(messages.counts.total, 4, 'the counts are the whole queue’s');
      const everyone = await queuePage(store, {}, {}, { size: 10, offset: 0 }, clock);
      assert.equal(everyone.counts.total, 5);
      assert.equal(await nextInQueue(store, { owners: [owner] }, ids.message, clock), ids.approval);
      assert.equal(await nextInQueue(store, { owners: [owner] }, 'not-in-queue', clock), ids.overdue);
      // The brief opens for the rows shown.
      const brief = await openBrief(
        codec(),
        page.rows.find((r) => r.complaintId === ids.fresh)!,
      );
      assert.equal(brief?.name, 'Zofia Wiśniewska');
      assert.equal(brief?.subject, 'Pralka przyszła uszkodzona');
    });

    it('finds cases by reference, name, e-mail, phone and subject words through the blind index', async function () {
      const key = await searchKey(codec());
      const find = async (q: string, owners?: string[]) =>
        refs(await findByTokens(store, blindTokens(key, queryTerms(q).terms), { owners }, clock));
      assert.deepEqual((await find('wisniewska zofia')).sort(), [ids.closed, ids.fresh, ids.other].sort());
      assert.deepEqual((await find('Wiśniewska', [owner])).sort(), [ids.closed, ids.fresh].sort());
      assert.deepEqual(await find('zofia.w@EXAMPLE.com'), [ids.fresh]);
      assert.deepEqual(await find('601-234-567'), [ids.fresh]);
      assert.deepEqual(await find('0048 601 234 567'), [ids.fresh]);
      assert.deepEqual(await find('wrong amount'), [ids.message]);
      assert.deepEqual(await find('wrong colour'), []);
      assert.deepEqual(await find('  '), []);
      const reference = (await findByReference(store, 'CD-2026-100004', clock)).map((r) => r.complaintId);
      assert.deepEqual(reference, [ids.approval]);
    });

    it('lists what waits for approval and what an operator must look at', async function () {
      const approvals = await awaitingApproval(store, { owners: [owner] }, clock);
      assert.deepEqual(refs(approvals.rows), [ids.approval]);
      assert.equal(approvals.count, 1);
      const ops = await operatorLists(store, { ...clock, now: T0 + 30 * H }, 15 * 60_000);
      assert.deepEqual(refs(ops.attention), [ids.approval]);
      // A day later no record moved: the acknowledgements due hours ago were never acted on (the
      // engine is down); the cases that wait for their next update are not stuck.
      const stuck = Object.fromEntries(ops.stuck.map((r) => [r.complaintId, r.why]));
      assert.equal(stuck[ids.fresh], 'late-deadline');
      assert.equal(stuck[ids.other], 'late-deadline');
      assert.equal(stuck[ids.message], undefined);
      assert.equal(stuck[ids.approval], undefined);
      assert.equal(ops.counts.attention, 1);
      assert.equal(ops.counts.stuck, ops.stuck.length);
      assert.ok(!ops.overdue.some((r) => stuck[r.complaintId]), 'a stuck case is listed once');
    });

    it('leaves nothing to find an erased case by, and a late write does not bring it back', async function () {
      const key = await searchKey(codec());
      const tokens = blindTokens(key, queryTerms('jan@example.com').terms);
      assert.deepEqual(refs(await findByTokens(store, tokens, {}, clock)), [ids.message]);
      await eraseCaseRecord(store, ids.message);
      assert.deepEqual(refs(await findByTokens(store, tokens, {}, clock)), []);
      const msg = openedCase(ids.message, new Date(T0).toISOString(), {
        customer: { name: 'Jan Nowak', email: 'jan@example.com', language: 'en' },
      });
      await record(store, msg.view(), 9);
      const { rows } = await store.query(
        'SELECT brief, search_tokens, personal FROM case_records WHERE complaint_id = $1',
        [ids.message],
      );
      assert.deepEqual(rows[0], { brief: null, search_tokens: null, personal: null });
      assert.deepEqual(refs(await findByTokens(store, tokens, {}, clock)), []);
    });
  });
}
