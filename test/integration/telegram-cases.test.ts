// Telegram customers end to end (issue #20): the Telegram sandbox posts a customer's messages to the
// API's webhook; the first message of a chat opens a case on a real Temporal dev server, whose worker
// answers in the chat through the sandbox's Bot API (the acknowledgement with the status link, an
// owner's reply); a second message reaches the same case; repeats change nothing; a customer who
// blocked the bot is answered by e-mail or a task; flood control (429) is waited out; with Temporal
// unreachable the webhook answers 503 and keeps the message to be delivered again.
import { strict as assert } from 'node:assert';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../../infra/ports';
import { createApp } from '../../api/app';
import { hashKey } from '../../api/keys';
import { storeAttachmentStore } from '../../infra/attachments';
import { caseKeys } from '../../infra/codec';
import type { CaseView } from '../../domain/case';
import { createTelegramClient } from '../../infra/telegram';
import { channelHealth } from '../../infra/store/telegram-cases';
import type { PostResult } from '../../sandbox/telegram/app';
import { actionUpdates, caseViewQuery, complaintWorkflowId } from '../../workflows/definitions';
import { send, startApiStack, type ApiStack } from '../helpers/api-stack';
import { testKeysDir } from '../helpers/stack';
import { eventually } from '../helpers/complaints';
import { SANDBOX_BOT_ID } from '../helpers/telegram';

const SECRET = crypto.randomBytes(24).toString('base64url');

interface SandboxEntry {
  direction: 'customer' | 'bot';
  text?: string;
}

const SUPERVISOR_KEY = 'telegram-cases-supervisor';

describe('Telegram customers: from the chat to a case and back (integration)', function () {
  this.timeout(120_000);
  let stack: ApiStack;
  let api: string;

  const sandboxUrl = () => stack.telegram.url;
  const post = async (body: Record<string, unknown>): Promise<PostResult> => {
    const res = await fetch(`${sandboxUrl()}/sandbox/updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as PostResult;
  };
  const deliver = async (updateId: number): Promise<PostResult> => {
    const res = await fetch(`${sandboxUrl()}/sandbox/updates/${updateId}/deliver`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret: 'right' }),
    });
    return (await res.json()) as PostResult;
  };
  const answerOf = (r: PostResult) => JSON.parse(r.delivery!.answer) as Record<string, unknown>;
  const botMessages = async (chatId: number): Promise<string[]> => {
    const res = await fetch(`${sandboxUrl()}/sandbox/chats/${chatId}/messages`);
    const body = (await res.json()) as { messages: SandboxEntry[] };
    return body.messages.filter((m) => m.direction === 'bot').map((m) => m.text ?? '');
  };
  const view = (complaintId: string) =>
    stack.client.workflow.getHandle(complaintWorkflowId(complaintId)).query(caseViewQuery);
  const row = async (updateId: number) =>
    (
      await stack.store.query<{ state: string; message: unknown; complaint_id: string | null }>(
        'SELECT state, message, complaint_id FROM telegram_messages WHERE bot_id = $1 AND update_id = $2',
        [SANDBOX_BOT_ID, updateId],
      )
    ).rows[0];

  before(async function () {
    // A paused outbox (a revoked token) tries again after 2 s here, not the policy's 2 minutes.
    stack = await startApiStack({ policy: (p) => (p.delivery.maxRetryIntervalMs = 2_000) });
    api = await stack.serve({
      telegram: {
        webhookSecret: SECRET,
        botId: SANDBOX_BOT_ID,
        store: stack.store,
        client: createTelegramClient({ apiUrl: stack.telegram.url }),
      },
      // The attachments the worker sealed, as the API serves them (api/server.ts gives the same store).
      publicForm: { attachments: storeAttachmentStore(stack.store, caseKeys({ keysDir: testKeysDir() })) },
      keys: () => [
        {
          hash: hashKey(SUPERVISOR_KEY),
          role: 'supervisor',
          subject: stack.roster.supervisors[0].id,
          name: 'S',
        },
      ],
    });
    const bot = createTelegramClient({ apiUrl: stack.telegram.url });
    assert.equal(await bot.setWebhook({ url: `${api}/webhooks/telegram`, secretToken: SECRET }), true);
  });
  after(async () => {
    await stack?.close();
  });
  afterEach(() => stack.telegram.sandbox.setFailure({ mode: null }));

  let chatId: number;
  let complaintId: string;

  it('the first message opens a complaint in the customer’s language, and the acknowledgement with the status link arrives in the chat', async () => {
    const first = await post({
      from: { first_name: 'Anna', last_name: 'Nowak', language_code: 'en' },
      text: 'Paczka przyszła zniszczona, proszę o zwrot pieniędzy',
    });
    assert.equal(first.delivery?.status, 200, first.delivery?.answer);
    const answer = answerOf(first);
    assert.equal(answer.result, 'stored');
    assert.equal(answer.state, 'opened-case');
    complaintId = String(answer.complaintId);
    chatId = first.entry.chatId;
    const [ack] = await eventually(async () => {
      const sent = await botMessages(chatId);
      return sent.length ? sent : undefined;
    }, 'the acknowledgement in the chat');
    assert.match(ack, /\/c\/[A-Za-z0-9_.-]+/, 'the status link');
    // The chat has it; the case records it as sent a moment later.
    const v: CaseView = await eventually(async () => {
      const x = await view(complaintId);
      return x.clocks.acknowledgement.state === 'met' ? x : undefined;
    }, 'the acknowledgement recorded');
    assert.equal(v.channel, 'telegram');
    assert.equal(v.customer.name, 'Anna Nowak');
    assert.equal(v.customer.language, 'pl', 'Polish words win over the app’s English');
    assert.ok(ack.includes(v.reference), 'the reference in the chat message');
    // The row moved on and holds no personal text any more.
    const r = await row(first.entry.updateId!);
    assert.equal(r.state, 'opened-case');
    assert.equal(r.message, null);
    assert.equal(r.complaint_id, complaintId);
    // Personal data stays out of the memo (the chat id travels only in the encrypted input).
    const described = await stack.client.workflow.getHandle(complaintWorkflowId(complaintId)).describe();
    assert.ok(!JSON.stringify(described.memo).includes(String(chatId)));
  });

  it('a repeated delivery changes nothing; a second message reaches the same case as the customer’s', async () => {
    const firstUpdate = (await fetch(`${sandboxUrl()}/sandbox/chats/${chatId}/messages`).then((r) =>
      r.json(),
    )) as {
      messages: { updateId?: number }[];
    };
    const again = await deliver(firstUpdate.messages.find((m) => m.updateId)!.updateId!);
    assert.equal(answerOf(again).result, 'repeat');
    const second = await post({ chatId, text: 'Do you need photos of the box?' });
    assert.equal(answerOf(second).state, 'with-case');
    assert.equal(answerOf(second).complaintId, complaintId);
    await deliver(second.entry.updateId!);
    const v = await eventually(async () => {
      const x = await view(complaintId);
      return x.timeline.some((t) => t.kind === 'customer-message') ? x : undefined;
    }, 'the message on the case');
    assert.equal(
      v.timeline.filter((t) => t.kind === 'customer-message').length,
      1,
      'once, however often delivered',
    );
  });

  it('a photo is taken as a message of the case (its file ids kept for the case to fetch)', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const photo = await post({
      chatId,
      text: 'The box',
      photo: { contentType: 'image/png', base64: png.toString('base64') },
    });
    assert.equal(answerOf(photo).state, 'with-case');
    const files = await stack.store.query<{ files: unknown[] }>(
      'SELECT files FROM telegram_messages WHERE bot_id = $1 AND update_id = $2',
      [SANDBOX_BOT_ID, photo.entry.updateId],
    );
    assert.equal(files.rows[0].files.length, 1);
    // The case fetches it with getFile and seals it with its key: an attachment of the case.
    const v = await eventually(async () => {
      const x = await view(complaintId);
      return x.attachments?.length ? x : undefined;
    }, 'the photo as an attachment of the case');
    assert.equal(v.attachments![0].type, 'image/png');
    assert.equal(v.attachments![0].size, png.length);
    assert.ok(v.timeline.some((t) => t.text.includes(v.attachments![0].id)));
    assert.deepEqual(v.pendingFiles, []);
    // Staff find it in the API's case view, and download it from there.
    const seen = await send(`${api}/complaints/${complaintId}`, { method: 'GET', key: SUPERVISOR_KEY });
    assert.equal(seen.status, 200, seen.text);
    const listed = (seen.json as { attachments?: { id: string; type: string }[] }).attachments;
    assert.deepEqual(
      listed?.map((a) => [a.id, a.type]),
      [[v.attachments![0].id, 'image/png']],
    );
    const file = await fetch(`${api}/complaints/${complaintId}/attachments/${listed[0].id}`, {
      headers: { authorization: `Bearer ${SUPERVISOR_KEY}` },
    });
    assert.equal(file.status, 200);
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), png);
  });

  it('a complaint written in a group is answered in public with a link; its author’s /start opens the case in private, anyone else’s gets the welcome', async () => {
    const author = { id: 990_000_101, first_name: 'Maja', language_code: 'pl' };
    const words = 'Zamówienie nie dotarło od dwóch tygodni i nikt nie odpowiada';
    const inGroup = await post({ group: { title: 'Sklep – klienci' }, from: author, text: words });
    assert.equal(answerOf(inGroup).state, 'public-acknowledged', inGroup.delivery?.answer);
    assert.equal(answerOf(inGroup).complaintId, undefined, 'no case opened in public');
    const [publicAnswer] = await botMessages(inGroup.entry.chatId);
    assert.match(publicAnswer, /^Maja, dziękujemy/, 'in the author’s language, by first name only');
    assert.ok(!publicAnswer.includes(words), 'nothing of the complaint repeated in public');
    const link = /https:\/\/t\.me\/complaint_desk_bot\?start=([A-Za-z0-9_-]{1,64})$/.exec(publicAnswer);
    assert.ok(link, publicAnswer);
    // The group message keeps its words until its author comes; a repeat changes nothing.
    assert.equal((await row(inGroup.entry.updateId!)).state, 'public-acknowledged');
    assert.equal(answerOf(await deliver(inGroup.entry.updateId!)).result, 'repeat');
    assert.equal((await botMessages(inGroup.entry.chatId)).length, 1, 'answered in public once');
    // The author writes again before following the link: one public answer per person, the words wait.
    const again1 = await post({ chatId: inGroup.entry.chatId, from: author, text: 'Halo? Dalej czekam.' });
    assert.equal(answerOf(again1).state, 'public-acknowledged');
    assert.equal((await botMessages(inGroup.entry.chatId)).length, 1, 'not invited twice');

    // Someone else in the group follows the link: they get the welcome, not the author's case.
    const other = await post({ from: { id: 990_000_102, first_name: 'Olek' }, text: `/start ${link[1]}` });
    assert.equal(answerOf(other).state, 'welcomed');
    assert.equal((await botMessages(other.entry.chatId)).length, 1);
    assert.equal((await row(inGroup.entry.updateId!)).state, 'public-acknowledged');
    // A forged link is no link: the welcome too.
    const forged = await post({
      from: { id: 990_000_103, first_name: 'Ewa' },
      text: `/start g${inGroup.entry.updateId}_${'A'.repeat(22)}`,
    });
    assert.equal(answerOf(forged).state, 'welcomed');

    // The author follows it: their complaint opens in the private chat with the words from the group.
    const started = await post({ from: author, text: `/start ${link[1]}` });
    assert.equal(answerOf(started).state, 'opened-case', started.delivery?.answer);
    const caseId = String(answerOf(started).complaintId);
    assert.equal(started.entry.chatId, author.id, 'a private chat is the person’s id');
    const ack = await eventually(async () => {
      const sent = await botMessages(author.id);
      return sent.length ? sent[0] : undefined;
    }, 'the acknowledgement in the private chat');
    const v = await view(caseId);
    assert.ok(ack.includes(v.reference));
    assert.equal(v.description, words);
    assert.equal(v.customer.language, 'pl');
    assert.equal((await botMessages(inGroup.entry.chatId)).length, 1, 'nothing more in public');
    // What they wrote meanwhile came with it; what they write in the group now goes to their case.
    const later = await post({
      chatId: inGroup.entry.chatId,
      from: author,
      text: 'Jeszcze jedno: kurier DPD.',
    });
    assert.equal(answerOf(later).state, 'with-case');
    assert.equal(answerOf(later).complaintId, caseId);
    const withAll = await eventually(async () => {
      const x = await view(caseId);
      const said = x.timeline.filter((t) => t.kind === 'customer-message').map((t) => t.text);
      return said.some((t) => t.includes('Dalej czekam')) && said.some((t) => t.includes('kurier DPD'))
        ? x
        : undefined;
    }, 'the waiting and the later group words on the case');
    assert.ok(withAll);
    assert.equal((await botMessages(inGroup.entry.chatId)).length, 1, 'still one public answer');
    const groupRow = await row(inGroup.entry.updateId!);
    assert.equal(groupRow.state, 'opened-case');
    assert.equal(groupRow.message, null, 'the words are with the case now, not in the row');
    // The link has done its work: following it again opens nothing new.
    const again = await post({ chatId: author.id, text: `/start ${link[1]}` });
    assert.equal(answerOf(again).state, 'not-taken');
    // …but says which complaint is open, and who handles it, in the customer's language.
    const reminder = await eventually(async () => {
      const sent = await botMessages(author.id);
      return sent.at(-1)?.startsWith('Twoja reklamacja') ? sent.at(-1) : undefined;
    }, 'the answer to /start in a chat with its case');
    assert.ok(reminder.includes(v.reference) && reminder.includes(v.owner.name), reminder);
  });

  it('a bare /start is answered with the welcome in the customer’s language, and opens no case', async () => {
    const start = await post({
      from: { id: 990_000_104, first_name: 'Lina', language_code: 'sv' },
      text: '/start',
    });
    assert.equal(answerOf(start).state, 'welcomed');
    assert.equal(answerOf(start).complaintId, undefined);
    const [welcome] = await botMessages(start.entry.chatId);
    assert.match(welcome, /^Hej!/);
    // Their next message is the complaint.
    const first = await post({ chatId: start.entry.chatId, text: 'Min beställning kom aldrig fram' });
    assert.equal(answerOf(first).state, 'opened-case');
  });

  it('an owner’s reply goes to the chat; under flood control (429) it waits for retry_after and arrives', async () => {
    const before = (await botMessages(chatId)).length;
    stack.telegram.sandbox.setFailure({ mode: 429, retryAfter: 1, remaining: 1 });
    const handle = stack.client.workflow.getHandle(complaintWorkflowId(complaintId));
    await handle.executeUpdate(actionUpdates.diagnosis, {
      args: [
        {
          summary: 'The parcel was crushed in transit.',
          probableCause: 'Carrier handling',
          responsibleParty: { kind: 'third-party', name: 'Carrier' },
          expectedResolutionBy: new Date(Date.now() + 5 * 86_400_000).toISOString(),
          apology: 'I am sorry the parcel reached you like this.',
        } as never,
      ],
    });
    const sent = await eventually(async () => {
      const all = await botMessages(chatId);
      return all.length > before ? all : undefined;
    }, 'the diagnosis in the chat after the 429');
    assert.ok(sent.at(-1)!.includes('I am sorry the parcel reached you like this.'));
  });

  it('a customer who blocked the bot (403) is answered by the owner (a task), and the case records it; an e-mail address the owner records takes the next message', async () => {
    const opened = await post({
      from: { first_name: 'Erik' },
      text: 'Hej, paketet kom trasigt och jag vill ha pengarna tillbaka',
    });
    const id = String(answerOf(opened).complaintId);
    // Blocked after the acknowledgement: the next message to the chat is refused.
    await eventually(
      async () => ((await botMessages(opened.entry.chatId)).length ? true : undefined),
      'the acknowledgement',
    );
    await fetch(`${sandboxUrl()}/sandbox/chats/${opened.entry.chatId}/block`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blocked: true }),
    });
    await stack.client.workflow.getHandle(complaintWorkflowId(id)).executeUpdate(actionUpdates.progress, {
      args: [{ message: 'We have asked the carrier for the photos.', customerVisible: true }],
    });
    const v = await eventually(async () => {
      const x = await view(id);
      return x.telegramUnreachableAt ? x : undefined;
    }, 'the 403 recorded on the case');
    assert.equal(v.customer.language, 'sv');
    assert.ok(
      v.tasks.some((t) => t.purpose === 'progress' && !t.closedAt),
      'a task for the owner to tell the customer',
    );

    // The owner reaches Erik another way and records the e-mail address he gives: from then on the
    // case writes to it (403 falls back to e-mail once an address is known).
    const bad = await send(`${api}/complaints/${id}/contact-details`, {
      method: 'POST',
      key: SUPERVISOR_KEY,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.text, /give an e-mail address, a phone number or a postal address/);
    const recorded = await send(`${api}/complaints/${id}/contact-details`, {
      method: 'POST',
      key: SUPERVISOR_KEY,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'erik.svensson@example.net' }),
    });
    assert.equal(recorded.status, 200, recorded.text);
    assert.ok(
      (recorded.json as { timeline: { internal: { kind: string; text: string }[] } }).timeline.internal.some(
        (t) => t.kind === 'contact-details' && !t.text.includes('@'),
      ),
      'the timeline says what was recorded, not the address',
    );
    await stack.client.workflow.getHandle(complaintWorkflowId(id)).executeUpdate(actionUpdates.progress, {
      args: [{ message: 'The carrier sent the photos.', customerVisible: true }],
    });
    const mail = await eventually(async () => {
      const res = await fetch(`${stack.sandbox.url}/sandbox/messages?to=erik.svensson%40example.net`);
      const { messages } = (await res.json()) as { messages: { TextBody: string }[] };
      return messages.find((m) => m.TextBody.includes('The carrier sent the photos.'));
    }, 'the next message by e-mail');
    assert.ok(mail);
    // The update the blocked chat never got went by e-mail too, and its task closed.
    const res = await fetch(`${stack.sandbox.url}/sandbox/messages?to=erik.svensson%40example.net`);
    const { messages } = (await res.json()) as { messages: { TextBody: string }[] };
    assert.ok(messages.some((m) => m.TextBody.includes('We have asked the carrier for the photos.')));
    const after = await view(id);
    assert.ok(!after.tasks.some((t) => t.purpose === 'progress' && !t.closedAt && !t.doneAt));
  });

  it('a revoked token (401) pauses the chat’s messages and shows as channel health and as the case’s attention; a working token sends them and clears both', async () => {
    const before = (await botMessages(chatId)).length;
    stack.telegram.sandbox.setFailure({ mode: 401 });
    const handle = stack.client.workflow.getHandle(complaintWorkflowId(complaintId));
    await handle.executeUpdate(actionUpdates.progress, {
      args: [{ message: 'The carrier has answered.', customerVisible: true }],
    });
    const health = await eventually(async () => {
      const rows = await channelHealth(stack.store);
      const t = rows.find((r) => r.channel === 'telegram');
      return t?.state === 'token-revoked' ? t : undefined;
    }, 'the channel marked unhealthy');
    assert.ok(!health.detail?.includes(':AA'), 'never the token');
    await eventually(async () => {
      const d = await handle.describe();
      const attention = d.searchAttributes.ComplaintAttention as string[] | undefined;
      return attention?.includes('channel-unhealthy') ? true : undefined;
    }, 'ComplaintAttention channel-unhealthy');
    assert.equal((await botMessages(chatId)).length, before, 'nothing sent while the token is refused');

    // The token works again (renewed, or Telegram's outage over): the paused message goes out at the
    // outbox's next try, the channel is healthy and the case needs no attention for it.
    stack.telegram.sandbox.setFailure({ mode: null });
    const sent = await eventually(async () => {
      const all = await botMessages(chatId);
      return all.length > before ? all : undefined;
    }, 'the paused message sent');
    assert.ok(sent.at(-1)!.includes('The carrier has answered.'));
    await eventually(async () => {
      const t = (await channelHealth(stack.store)).find((r) => r.channel === 'telegram');
      return t?.state === 'ok' ? true : undefined;
    }, 'the channel healthy again');
    await eventually(async () => {
      const d = await handle.describe();
      const attention = (d.searchAttributes.ComplaintAttention as string[] | undefined) ?? [];
      return attention.includes('channel-unhealthy') ? undefined : true;
    }, 'ComplaintAttention without channel-unhealthy');
  });

  it('with Temporal unreachable the webhook answers 503 and the message stays received', async () => {
    const server = http.createServer(
      createApp({
        // A Temporal address where nothing listens: every call fails as with the server down.
        client: new Client({
          connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 1_000 }),
          namespace: stack.namespace,
        }),
        namespace: stack.namespace,
        taskQueue: 'nowhere',
        snapshot: () => ({ policy: stack.policy, roster: stack.roster }),
        ownerLoad: false,
        log: () => undefined,
        metrics: false,
        store: stack.store,
        telegram: {
          webhookSecret: SECRET,
          botId: SANDBOX_BOT_ID,
          store: stack.store,
          client: createTelegramClient({ apiUrl: stack.telegram.url }),
        },
        timeouts: { queryMs: 2_000 },
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const down = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const update = {
        update_id: 990000001,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: 5999999999, type: 'private' },
          from: { id: 5999999999, is_bot: false, first_name: 'Ola' },
          text: 'Halo?',
        },
      };
      const res = await fetch(`${down}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      });
      assert.equal(res.status, 503, await res.text());
      const r = await row(990000001);
      assert.equal(r.state, 'received');
      assert.ok(r.message, 'kept to be handed over when Telegram delivers again');
      // Telegram delivers again to an API whose Temporal is up: the case opens.
      const again = await fetch(`${api}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      });
      const body = (await again.json()) as Record<string, unknown>;
      assert.equal(body.result, 'repeat');
      assert.equal(body.state, 'opened-case');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
