// sendEmail run through the Temporal SDK's activity harness against the real sandbox over HTTP.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { ServerClient } from 'postmark';
import {
  createEmailActivities,
  createPostmarkClient,
  INACTIVE_RECIPIENT,
  INVALID_EMAIL_REQUEST,
  POSTMARK_AUTHENTICATION,
  POSTMARK_RATE_LIMITED,
  POSTMARK_UNAVAILABLE,
  POSTMARK_UNREACHABLE,
} from '../../activities/email';
import type { EmailActivities, SendEmailInput, SendEmailResult } from '../../activities/email';
import { FileEmailLedger } from '../../activities/email-ledger';
import { createActivities } from '../../activities';
import type { ComplaintActivities, StaffMessageInput } from '../../activities/types';
import { createLinkSigner } from '../../infra/links';
import { startSandbox } from '../../sandbox/server';
import type { RunningSandbox } from '../../sandbox/server';
import type { StoredMessage } from '../../sandbox/store';
import { freePort } from '../../infra/ports';

const DEFAULT_FROM = 'Complaint Desk <complaints@complaint-desk.test>';

describe('sendEmail activity (integration, real sandbox)', function () {
  this.timeout(20_000);
  let tmp: string;
  let running: RunningSandbox;
  let postmark: ServerClient;
  let ledger: FileEmailLedger;
  let activities: EmailActivities;
  let env: MockActivityEnvironment;
  let seq = 0;

  const input = (overrides: Partial<SendEmailInput> = {}): SendEmailInput => {
    const caseId = overrides.caseId ?? `C-${++seq}`;
    return {
      idempotencyKey: `${caseId}:acknowledgement:1`,
      caseId,
      to: 'Dana Levi <dana@example.com>',
      subject: 'We received your complaint',
      htmlBody: `<p>Case ${caseId} is open.</p>`,
      textBody: `Case ${caseId} is open.`,
      tag: 'acknowledgement',
      ...overrides,
    };
  };

  // run() cannot infer the result type from the function, hence the explicit type arguments.
  const runIn = (a: EmailActivities, i: SendEmailInput) =>
    env.run<[SendEmailInput], SendEmailResult, EmailActivities['sendEmail']>(a.sendEmail, i);
  const send = (i: SendEmailInput) => runIn(activities, i);

  async function inSandbox(caseId: string): Promise<StoredMessage[]> {
    const res = await fetch(`${running.url}/sandbox/messages?caseId=${encodeURIComponent(caseId)}`);
    return ((await res.json()) as { messages: StoredMessage[] }).messages;
  }

  async function failure(promise: Promise<unknown>): Promise<ApplicationFailure> {
    try {
      await promise;
    } catch (err) {
      assert.ok(err instanceof ApplicationFailure, `expected an ApplicationFailure, got ${String(err)}`);
      return err;
    }
    assert.fail('expected sendEmail to fail');
  }

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'email-activity-'));
    running = await startSandbox({
      port: 0,
      dataDir: path.join(tmp, 'sandbox'),
      inactiveRecipients: ['bounced@example.com'],
    });
    postmark = createPostmarkClient({ sandboxUrl: running.url, timeoutSeconds: 5 });
    ledger = new FileEmailLedger(path.join(tmp, 'ledger'));
    activities = createEmailActivities({ postmark, ledger, defaultFrom: DEFAULT_FROM });
    env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  });

  afterEach(async () => {
    await running.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  // principles (001 §3, §5): every staff e-mail in its reader's language and zone, as the effect says.
  it('a staff notice goes out in the language and time zone its effect carries (older effects: English, UTC)', async () => {
    const acts = createActivities({
      postmark,
      ledger,
      from: DEFAULT_FROM,
      replyToAddress: 'complaints@complaint-desk.test',
      links: createLinkSigner('a-test-link-secret-of-enough-length'),
      publicBaseUrl: 'http://127.0.0.1:3000',
    });
    const notice = (caseId: string, to: StaffMessageInput['to']): StaffMessageInput => ({
      caseId,
      idempotencyKey: `${caseId}:new-case:1`,
      purpose: 'new-case',
      recipientRole: 'owner',
      to,
      message: {
        kind: 'newCase',
        ownerName: to.name,
        reference: 'CD-2026-STAFF1',
        customerName: 'Maria Kowalska',
        category: 'delivery',
        priority: 'normal',
        channel: 'email',
        customerLanguage: 'en',
        receivedAt: '2026-03-05T09:00:00Z',
        acknowledgementDueBy: '2026-03-05T11:00:00Z',
        diagnosisDueBy: '2026-03-06T09:00:00Z',
      },
    });
    const run = (i: StaffMessageInput) =>
      env.run<[StaffMessageInput], unknown, ComplaintActivities['sendStaffMessage']>(
        (x) => acts.sendStaffMessage(x),
        i,
      );
    await run(
      notice('C-staff-pl', {
        name: 'Anna Kowalska',
        email: 'anna@example.com',
        language: 'pl',
        timeZone: 'Europe/Warsaw',
      }),
    );
    const [pl] = await inSandbox('C-staff-pl');
    assert.ok(pl.Subject.startsWith('Nowa sprawa dla Ciebie – priorytet zwykły, delivery'), pl.Subject);
    assert.ok(
      pl.TextBody.includes('Potwierdzenie do: 5 marca 2026, godz. 12:00 (Europe/Warsaw)'),
      pl.TextBody,
    );
    await run(notice('C-staff-old', { name: 'James Whitaker', email: 'james@example.com' }));
    const [old] = await inSandbox('C-staff-old');
    assert.ok(old.Subject.startsWith('New case for you – normal priority, delivery'), old.Subject);
    assert.ok(old.TextBody.includes('5 March 2026 at 11:00 (UTC)'), old.TextBody);
  });

  it('sends once, with caseId and idempotencyKey in the metadata', async () => {
    const i = input({
      metadata: { purpose: 'acknowledgement', caseid: 'ignored' },
      replyTo: 'case@desk.test',
    });
    const result = await send(i);
    assert.equal(result.status, 'sent');

    const [message, ...rest] = await inSandbox(i.caseId);
    assert.equal(rest.length, 0);
    assert.equal(message.MessageID, result.messageId);
    assert.equal(message.From, DEFAULT_FROM);
    assert.equal(message.To, 'Dana Levi <dana@example.com>');
    assert.equal(message.ReplyTo, 'case@desk.test');
    assert.equal(message.Tag, 'acknowledgement');
    assert.equal(message.MessageStream, 'outbound');
    assert.deepEqual(message.Metadata, {
      purpose: 'acknowledgement',
      caseId: i.caseId,
      idempotencyKey: i.idempotencyKey,
    });

    const entry = await ledger.get(i.idempotencyKey);
    assert.equal(entry?.status, 'sent');
    assert.equal(entry?.messageId, result.messageId);
  });

  it('returns already-sent for the same key and the sandbox holds exactly one message', async () => {
    const i = input();
    const first = await send(i);
    const second = await send(i);
    assert.deepEqual(second, { messageId: first.messageId, status: 'already-sent' });
    assert.equal((await inSandbox(i.caseId)).length, 1);

    // A new ledger object on the same directory (a restarted worker) remembers it too.
    const restarted = createEmailActivities({
      postmark,
      ledger: new FileEmailLedger(ledger.dir),
      defaultFrom: DEFAULT_FROM,
    });
    assert.equal((await runIn(restarted, i)).status, 'already-sent');
    assert.equal((await inSandbox(i.caseId)).length, 1);
  });

  it('sends once when two attempts with the same key overlap', async () => {
    const i = input();
    const results = await Promise.all([send(i), send(i), send(i)]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['already-sent', 'already-sent', 'sent']);
    assert.equal(new Set(results.map((r) => r.messageId)).size, 1);
    assert.equal((await inSandbox(i.caseId)).length, 1);
  });

  it('does not send twice after a crash between the send and recording it', async () => {
    const i = input();
    // What a crashed attempt leaves behind: the ledger says "sending", Postmark has the message.
    await ledger.markSending(i.idempotencyKey, {
      caseId: i.caseId,
      to: i.to,
      tag: i.tag,
      subject: i.subject,
    });
    const earlier = await postmark.sendEmail({
      From: DEFAULT_FROM,
      To: i.to,
      Subject: i.subject,
      TextBody: i.textBody,
      Tag: i.tag,
      Metadata: { caseId: i.caseId, idempotencyKey: i.idempotencyKey },
    });

    const result = await send(i);
    assert.deepEqual(result, { messageId: earlier.MessageID, status: 'already-sent' });
    assert.equal((await inSandbox(i.caseId)).length, 1);
    assert.equal((await ledger.get(i.idempotencyKey))?.status, 'sent');
  });

  it('sends when a crashed attempt recorded "sending" but never reached Postmark', async () => {
    const i = input();
    await ledger.markSending(i.idempotencyKey, {
      caseId: i.caseId,
      to: i.to,
      tag: i.tag,
      subject: i.subject,
    });
    const result = await send(i);
    assert.equal(result.status, 'sent');
    assert.equal((await inSandbox(i.caseId)).length, 1);
  });

  it('fails non-retryably with InactiveRecipient for a bounced address', async () => {
    const i = input({ to: 'bounced@example.com' });
    const err = await failure(send(i));
    assert.equal(err.type, INACTIVE_RECIPIENT);
    assert.equal(err.nonRetryable, true);
    assert.deepEqual(err.details?.[0], {
      statusCode: 422,
      errorCode: 406,
      recipients: ['bounced@example.com'],
    });
    assert.equal((await inSandbox(i.caseId)).length, 0);
    assert.equal((await ledger.get(i.idempotencyKey))?.status, 'rejected');
  });

  it('fails non-retryably with InvalidEmailRequest for a malformed address', async () => {
    const err = await failure(send(input({ to: 'dana-at-example.com' })));
    assert.equal(err.type, INVALID_EMAIL_REQUEST);
    assert.equal(err.nonRetryable, true);
  });

  it('fails non-retryably with PostmarkAuthentication for a wrong token', async () => {
    const wrong = createPostmarkClient({ sandboxUrl: running.url, sandboxToken: 'not-the-token' });
    const a = createEmailActivities({ postmark: wrong, ledger, defaultFrom: DEFAULT_FROM });
    const err = await failure(runIn(a, input()));
    assert.equal(err.type, POSTMARK_AUTHENTICATION);
    assert.equal(err.nonRetryable, true);
  });

  for (const mode of [500, 503] as const) {
    it(`fails retryably during an outage (${mode}) and a later retry sends exactly once`, async () => {
      const i = input();
      running.sandbox.setOutage(mode);
      const err = await failure(send(i));
      assert.equal(err.type, POSTMARK_UNAVAILABLE);
      assert.equal(err.nonRetryable, false);
      assert.deepEqual(err.details?.[0], { statusCode: mode, errorCode: 0 });

      running.sandbox.setOutage(null);
      assert.equal((await send(i)).status, 'sent');
      assert.equal((await send(i)).status, 'already-sent');
      assert.equal((await inSandbox(i.caseId)).length, 1);
    });
  }

  it('fails retryably when rate limited (429)', async () => {
    running.sandbox.setOutage(429);
    const err = await failure(send(input()));
    assert.equal(err.type, POSTMARK_RATE_LIMITED);
    assert.equal(err.nonRetryable, false);
  });

  it('fails retryably when Postmark cannot be reached', async () => {
    const nowhere = createPostmarkClient({
      sandboxUrl: `http://127.0.0.1:${await freePort()}`,
      timeoutSeconds: 2,
    });
    const a = createEmailActivities({ postmark: nowhere, ledger, defaultFrom: DEFAULT_FROM });
    const err = await failure(runIn(a, input()));
    assert.equal(err.type, POSTMARK_UNREACHABLE);
    assert.equal(err.nonRetryable, false);
  });
});
