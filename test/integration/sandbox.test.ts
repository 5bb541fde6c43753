// The Postmark sandbox driven by the official `postmark` client over real HTTP, as the activity uses it.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Errors, ServerClient } from 'postmark';
import type { Models } from 'postmark';
import { DEFAULT_SANDBOX_SERVER_TOKEN } from '../../sandbox/constants';
import { startSandbox } from '../../sandbox/server';
import type { RunningSandbox } from '../../sandbox/server';
import type { StoredMessage } from '../../sandbox/store';

const FROM = 'Complaint Desk <complaints@complaint-desk.test>';

function clientFor(running: RunningSandbox, token = DEFAULT_SANDBOX_SERVER_TOKEN): ServerClient {
  return new ServerClient(token, { useHttps: false, requestHost: `127.0.0.1:${running.port}`, timeout: 5 });
}

async function listed(running: RunningSandbox, query = ''): Promise<StoredMessage[]> {
  const res = await fetch(`${running.url}/sandbox/messages${query}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { messages: StoredMessage[] }).messages;
}

async function rejection(promise: Promise<unknown>): Promise<Errors.PostmarkError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof Errors.PostmarkError, `expected a PostmarkError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the request to be rejected');
}

function email(overrides: Partial<Models.Message> = {}): Models.Message {
  return {
    From: FROM,
    To: 'dana@example.com',
    Subject: 'We received your complaint',
    HtmlBody: '<p>Hello Dana, <b>case C-1</b> is open.</p>',
    TextBody: 'Hello Dana, case C-1 is open.',
    Tag: 'acknowledgement',
    Metadata: { caseId: 'C-1', idempotencyKey: 'C-1:acknowledgement:1' },
    MessageStream: 'outbound',
    ...overrides,
  };
}

describe('Postmark sandbox (integration)', function () {
  this.timeout(20_000);
  let dataDir: string;
  let running: RunningSandbox;
  let client: ServerClient;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'postmark-sandbox-'));
    running = await startSandbox({ port: 0, dataDir, inactiveRecipients: ['bounced@example.com'] });
    client = clientFor(running);
  });

  afterEach(async () => {
    await running.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts a single e-mail with Postmark response fields and keeps every field', async () => {
    const response = await client.sendEmail(
      email({
        Cc: 'copy@example.com',
        ReplyTo: 'Case C-1 <reply+C-1@complaint-desk.test>',
        Headers: [{ Name: 'X-Case', Value: 'C-1' }],
      }),
    );
    assert.equal(response.ErrorCode, 0);
    assert.equal(response.Message, 'OK');
    assert.equal(response.To, 'dana@example.com');
    assert.match(response.MessageID, /^[0-9a-f-]{36}$/);
    assert.ok(!Number.isNaN(Date.parse(response.SubmittedAt)));

    const [stored] = await listed(running);
    assert.equal(stored.MessageID, response.MessageID);
    assert.equal(stored.From, FROM);
    assert.equal(stored.To, 'dana@example.com');
    assert.equal(stored.Cc, 'copy@example.com');
    assert.equal(stored.ReplyTo, 'Case C-1 <reply+C-1@complaint-desk.test>');
    assert.equal(stored.Subject, 'We received your complaint');
    assert.equal(stored.HtmlBody, '<p>Hello Dana, <b>case C-1</b> is open.</p>');
    assert.equal(stored.TextBody, 'Hello Dana, case C-1 is open.');
    assert.equal(stored.Tag, 'acknowledgement');
    assert.deepEqual(stored.Metadata, { caseId: 'C-1', idempotencyKey: 'C-1:acknowledgement:1' });
    assert.equal(stored.MessageStream, 'outbound');
    assert.deepEqual(stored.Headers, [{ Name: 'X-Case', Value: 'C-1' }]);
    assert.ok(stored.ReceivedAt);
  });

  it('answers a batch with 200 and one result per message, failures included', async () => {
    const results = await client.sendEmailBatch([
      email({ To: 'one@example.com' }),
      email({ To: 'not-an-address' }),
      email({ To: 'bounced@example.com' }),
      email({ To: 'two@example.com', Metadata: { caseId: 'C-2' } }),
    ]);
    assert.deepEqual(
      results.map((r) => r.ErrorCode),
      [0, 300, 406, 0],
    );
    assert.equal(results[0].To, 'one@example.com');
    assert.ok(results[0].MessageID);
    assert.match(results[1].Message, /Illegal email address 'not-an-address'/);
    assert.match(results[2].Message, /Found inactive addresses: bounced@example.com/);
    assert.equal(results[2].MessageID, undefined);
    assert.equal((await listed(running)).length, 2);
  });

  it('refuses a wrong server token with 401 / ErrorCode 10, and a missing one too', async () => {
    const err = await rejection(clientFor(running, 'wrong-token').sendEmail(email()));
    assert.ok(err instanceof Errors.InvalidAPIKeyError);
    assert.equal(err.statusCode, 401);
    assert.equal(err.code, 10);

    // The official client refuses to be built without a token, so send this one by hand.
    const res = await fetch(`${running.url}/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(email()),
    });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { ErrorCode: number }).ErrorCode, 10);
    assert.equal((await listed(running)).length, 0);
  });

  it('refuses invalid requests with 422 / ErrorCode 300', async () => {
    const badTo = await rejection(client.sendEmail(email({ To: 'dana-at-example.com' })));
    assert.ok(badTo instanceof Errors.InvalidEmailRequestError);
    assert.equal(badTo.statusCode, 422);
    assert.equal(badTo.code, 300);
    assert.match(badTo.message, /Illegal email address 'dana-at-example.com'/);

    const badFrom = await rejection(client.sendEmail(email({ From: '' })));
    assert.equal(badFrom.code, 300);
    const noBody = await rejection(client.sendEmail(email({ HtmlBody: undefined, TextBody: undefined })));
    assert.equal(noBody.code, 300);
    const noRecipient = await rejection(client.sendEmail(email({ To: undefined })));
    assert.equal(noRecipient.code, 300);
    assert.equal((await listed(running)).length, 0);
  });

  it('refuses invalid JSON with 422 / ErrorCode 402', async () => {
    const res = await fetch(`${running.url}/email`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Postmark-Server-Token': DEFAULT_SANDBOX_SERVER_TOKEN,
      },
      body: '{"From": ',
    });
    assert.equal(res.status, 422);
    assert.equal(((await res.json()) as { ErrorCode: number }).ErrorCode, 402);
  });

  it('refuses inactive recipients with 422 / ErrorCode 406; the list changes at runtime over HTTP', async () => {
    const err = await rejection(client.sendEmail(email({ To: 'Bounced <BOUNCED@example.com>' })));
    assert.ok(err instanceof Errors.InactiveRecipientsError);
    assert.equal(err.code, 406);
    assert.deepEqual(err.recipients, ['BOUNCED@example.com']);

    const add = await fetch(`${running.url}/sandbox/inactive-recipients`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'later@example.com' }),
    });
    assert.deepEqual(await add.json(), { recipients: ['bounced@example.com', 'later@example.com'] });
    assert.equal((await rejection(client.sendEmail(email({ To: 'later@example.com' })))).code, 406);

    // Only some recipients inactive: Postmark accepts and says whom it skips.
    const partial = await client.sendEmail(email({ To: 'later@example.com, fine@example.com' }));
    assert.equal(partial.ErrorCode, 0);
    assert.match(partial.Message, /will not deliver to these inactive addresses: later@example.com/);

    await fetch(`${running.url}/sandbox/inactive-recipients/later@example.com`, { method: 'DELETE' });
    assert.equal((await client.sendEmail(email({ To: 'later@example.com' }))).ErrorCode, 0);

    assert.ok(running.sandbox.inactive.has('bounced@example.com'));
    await running.sandbox.inactive.remove(['bounced@example.com']);
    assert.equal((await client.sendEmail(email({ To: 'bounced@example.com' }))).ErrorCode, 0);
  });

  it('simulates outages (500, 503) switched over HTTP and in-process', async () => {
    const on = await fetch(`${running.url}/sandbox/outage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 500 }),
    });
    assert.deepEqual(await on.json(), { mode: 500 });
    const e500 = await rejection(client.sendEmail(email()));
    assert.ok(e500 instanceof Errors.InternalServerError);
    assert.equal(e500.statusCode, 500);

    running.sandbox.setOutage(503);
    const e503 = await rejection(client.sendEmailBatch([email()]));
    assert.ok(e503 instanceof Errors.ServiceUnavailablerError);
    assert.equal(e503.statusCode, 503);
    // The control API and the inbox keep working during an outage.
    assert.equal((await fetch(`${running.url}/sandbox/messages`)).status, 200);
    assert.match(
      await (await fetch(`${running.url}/`)).text(),
      /Simulated outage: the Postmark API answers HTTP 503/,
    );

    running.sandbox.setOutage(429);
    assert.ok((await rejection(client.sendEmail(email()))) instanceof Errors.RateLimitExceededError);

    const off = await fetch(`${running.url}/sandbox/outage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: null }),
    });
    assert.deepEqual(await off.json(), { mode: null });
    assert.equal((await client.sendEmail(email())).ErrorCode, 0);
    assert.equal((await listed(running)).length, 1);
  });

  it('keeps messages and the inactive list across a restart on the same data directory', async () => {
    const first = await client.sendEmail(email({ Subject: 'first' }));
    const second = await client.sendEmail(email({ Subject: 'second' }));
    await running.sandbox.inactive.add(['gone@example.com']);
    await running.close();

    running = await startSandbox({ port: 0, dataDir });
    client = clientFor(running);
    const messages = await listed(running);
    assert.deepEqual(
      messages.map((m) => m.MessageID),
      [second.MessageID, first.MessageID],
    );
    assert.equal((await rejection(client.sendEmail(email({ To: 'gone@example.com' })))).code, 406);
    const third = await client.sendEmail(email({ Subject: 'third' }));
    assert.equal((await listed(running))[0].MessageID, third.MessageID);
  });

  it('lists messages as JSON filtered by recipient, caseId and tag, and clears them', async () => {
    await client.sendEmail(
      email({ To: 'dana@example.com', Metadata: { caseId: 'C-1' }, Tag: 'acknowledgement' }),
    );
    await client.sendEmail(email({ To: 'dana@example.com', Metadata: { caseId: 'C-1' }, Tag: 'resolution' }));
    await client.sendEmail(
      email({ To: 'omer@example.com', Metadata: { caseId: 'C-2' }, Tag: 'acknowledgement' }),
    );

    assert.equal((await listed(running, '?to=DANA@example.com')).length, 2);
    assert.equal((await listed(running, '?caseId=C-2')).length, 1);
    assert.equal((await listed(running, '?caseId=C-1&tag=resolution')).length, 1);
    assert.equal((await listed(running, '?to=omer@example.com&caseId=C-1')).length, 0);

    const cleared = await fetch(`${running.url}/sandbox/messages`, { method: 'DELETE' });
    assert.deepEqual(await cleared.json(), { deleted: 3 });
    assert.equal((await listed(running)).length, 0);
  });

  it('answers outbound message search (recipient, tag, metadata_*, paging) and details like Postmark', async () => {
    const a = await client.sendEmail(
      email({ To: 'dana@example.com', Metadata: { caseId: 'C-1', idempotencyKey: 'k1' } }),
    );
    await client.sendEmail(
      email({ To: 'dana@example.com', Metadata: { caseId: 'C-1', idempotencyKey: 'k2' } }),
    );
    await client.sendEmail(email({ To: 'omer@example.com', Tag: 'resolution', Metadata: { caseId: 'C-2' } }));

    const byKey = await client.getOutboundMessages({ count: 10, offset: 0, metadata_idempotencyKey: 'k1' });
    assert.equal(byKey.TotalCount, 1);
    assert.equal(byKey.Messages[0].MessageID, a.MessageID);
    assert.deepEqual(byKey.Messages[0].To, [{ Email: 'dana@example.com', Name: '' }]);
    assert.deepEqual(byKey.Messages[0].Recipients, ['dana@example.com']);
    assert.equal(byKey.Messages[0].Status, 'Sent');

    const byRecipient = await client.getOutboundMessages({
      count: 1,
      offset: 1,
      recipient: 'dana@example.com',
    });
    assert.equal(byRecipient.TotalCount, 2);
    assert.equal(byRecipient.Messages.length, 1);
    assert.equal(
      byRecipient.Messages[0].MessageID,
      a.MessageID,
      'newest first, so offset 1 is the older one',
    );
    assert.equal((await client.getOutboundMessages({ tag: 'resolution' })).TotalCount, 1);

    const details = await client.getOutboundMessageDetails(a.MessageID);
    assert.equal(details.HtmlBody, '<p>Hello Dana, <b>case C-1</b> is open.</p>');
    assert.equal(details.TextBody, 'Hello Dana, case C-1 is open.');
    assert.equal(details.MessageEvents[0].Type, 'Delivered');

    const missing = await rejection(client.getOutboundMessageDetails('00000000-0000-0000-0000-000000000000'));
    assert.equal(missing.statusCode, 422);
    assert.equal(missing.code, 701);
  });

  it('shows the inbox and each message as HTML, escaped', async () => {
    const sent = await client.sendEmail(
      email({
        Subject: 'Your complaint <script>alert(1)</script>',
        HtmlBody: '<p dir="rtl">שלום &amp; "welcome"</p>',
        TextBody: 'Plain text part for Dana',
      }),
    );
    const inbox = await (await fetch(`${running.url}/`)).text();
    assert.match(inbox, /Your complaint &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(inbox, /<script>/);
    assert.ok(inbox.includes(`/messages/${sent.MessageID}`));
    assert.ok(inbox.includes('caseId=C-1'));

    const res = await fetch(`${running.url}/messages/${sent.MessageID}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const page = await res.text();
    assert.ok(
      page.includes('srcdoc="&lt;p dir=&quot;rtl&quot;&gt;שלום &amp;amp; &quot;welcome&quot;&lt;/p&gt;"'),
    );
    assert.match(page, /<iframe[^>]* sandbox=""/);
    assert.ok(page.includes('Plain text part for Dana'));
    assert.ok(page.includes('idempotencyKey'));
    assert.equal((await fetch(`${running.url}/messages/nope`)).status, 404);
  });

  it('answers only allowed host names (DNS rebinding), strict paths, and 400 for a path that does not decode', async () => {
    await client.sendEmail(email());
    const get = (path: string, host: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: running.port, path, headers: { host } },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    const own = `127.0.0.1:${running.port}`;
    assert.equal((await get('/sandbox/messages', own)).status, 200);
    assert.equal((await get('/sandbox/messages', `localhost:${running.port}`)).status, 200);
    const rebound = await get('/sandbox/messages', `attacker.example:${running.port}`);
    assert.equal(rebound.status, 421);
    assert.doesNotMatch(rebound.text, /dana@example\.com/);
    assert.equal((await get('/', 'attacker.example')).status, 421, 'the inbox page too');
    assert.equal((await get('/Sandbox/messages', own)).status, 404);
    assert.equal((await get('/sandbox/messages/', own)).status, 404);
    const bad = await get('/messages/%ff', own);
    assert.equal(bad.status, 400);
    assert.doesNotMatch(bad.text, /URIError|at .*\.js/);
    const configured = await startSandbox({ port: 0, dataDir, allowedHosts: ['mail.example.test'] });
    try {
      const res = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: configured.port,
            path: '/sandbox/health',
            headers: { host: 'mail.example.test' },
          },
          (r) => {
            r.resume();
            resolve(r.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      assert.equal(res, 200);
    } finally {
      await configured.close();
    }
  });

  it('reports a port already in use by name, not with a stack trace', async () => {
    await assert.rejects(
      startSandbox({ port: running.port, dataDir }),
      (err: Error) => err.name === 'PortInUseError' && err.message.includes(`Port ${running.port}`),
    );
  });
});
