// Telegram intake against e-mail intake, in one run (issue #20): the same number of new complaints
// arrive as Telegram messages (the Telegram sandbox posts each to the webhook) and as inbound e-mails
// (Postmark's inbound webhook), at the same concurrency; for each, the time from the webhook's request
// to the acknowledgement reaching the customer (in the chat; in the Postmark sandbox), and the
// channel's throughput (complaints acknowledged per second). One Temporal dev server, one worker, the
// embedded store, both sandboxes (test/helpers/api-stack.ts), on this machine.
//   npx tsc -p tsconfig.json && node dist/bench/telegram.js     (BENCH_N=40 BENCH_CONCURRENCY=8)
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createTelegramClient } from '../infra/telegram';
import { startApiStack } from '../test/helpers/api-stack';
import { SANDBOX_BOT_ID } from '../test/helpers/telegram';

const N = Number(process.env.BENCH_N ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SECRET = crypto.randomBytes(24).toString('base64url');
const WEBHOOK = { user: 'postmark', password: 'bench-webhook-secret' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function poll(check: () => Promise<boolean>, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return performance.now();
    if (Date.now() > deadline) throw new Error('timed out waiting for an acknowledgement');
    await sleep(20);
  }
}

async function main(): Promise<void> {
  const stack = await startApiStack();
  try {
    const api = await stack.serve({
      telegram: { webhookSecret: SECRET, botId: SANDBOX_BOT_ID, store: stack.store },
      webhookCredentials: WEBHOOK,
      ownAddresses: ['complaints@complaint-desk.test'],
    });
    const bot = createTelegramClient({ apiUrl: stack.telegram.url });
    await bot.setWebhook({ url: `${api}/webhooks/telegram`, secretToken: SECRET });
    const tg = stack.telegram.url;
    const auth = `Basic ${Buffer.from(`${WEBHOOK.user}:${WEBHOOK.password}`).toString('base64')}`;

    // Warm-up: one of each (the workflow bundle's first task, the first connections).
    const warm = await fetch(`${tg}/sandbox/updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { first_name: 'Warm' }, text: 'The parcel arrived damaged' }),
    });
    const warmChat = ((await warm.json()) as { entry: { chatId: number } }).entry.chatId;
    await poll(async () => (await botTexts(tg, warmChat)).length > 0);

    // --- Telegram
    const telegramLatency: number[] = [];
    const t0 = performance.now();
    await pool([...Array(N).keys()], CONCURRENCY, async (i) => {
      const start = performance.now();
      const res = await fetch(`${tg}/sandbox/updates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          from: { first_name: `Customer ${i}` },
          text: `My order ${i} arrived damaged, the box was crushed`,
        }),
      });
      const posted = (await res.json()) as { entry: { chatId: number }; delivery?: { status: number } };
      if (posted.delivery?.status !== 200) throw new Error(`webhook answered ${posted.delivery?.status}`);
      const end = await poll(async () => (await botTexts(tg, posted.entry.chatId)).length > 0);
      telegramLatency.push(end - start);
    });
    const telegramSeconds = (performance.now() - t0) / 1000;

    // --- E-mail
    const emailLatency: number[] = [];
    const e0 = performance.now();
    await pool([...Array(N).keys()], CONCURRENCY, async (i) => {
      const from = `bench-${i}-${crypto.randomBytes(4).toString('hex')}@example.com`;
      const start = performance.now();
      const res = await fetch(`${api}/webhooks/postmark/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body: JSON.stringify({
          MessageID: crypto.randomUUID(),
          From: from,
          FromName: `Customer ${i}`,
          FromFull: { Email: from, Name: `Customer ${i}` },
          To: 'complaints@complaint-desk.test',
          Subject: `Order ${i} damaged`,
          TextBody: `My order ${i} arrived damaged, the box was crushed`,
          MailboxHash: '',
          Headers: [],
          Attachments: [],
        }),
      });
      if (res.status !== 200) throw new Error(`inbound answered ${res.status}: ${await res.text()}`);
      const end = await poll(async () => {
        const r = await fetch(`${stack.sandbox.url}/sandbox/messages?to=${encodeURIComponent(from)}`);
        return ((await r.json()) as { messages: unknown[] }).messages.length > 0;
      });
      emailLatency.push(end - start);
    });
    const emailSeconds = (performance.now() - e0) / 1000;

    const line = (name: string, xs: number[], seconds: number) =>
      `${name.padEnd(9)} ${String(N).padStart(4)} complaints  acknowledgement p50 ${pct(xs, 50).toFixed(0).padStart(5)} ms  p95 ${pct(xs, 95).toFixed(0).padStart(5)} ms  max ${Math.max(
        ...xs,
      )
        .toFixed(0)
        .padStart(5)} ms  throughput ${(N / seconds).toFixed(1).padStart(5)} complaints/s`;
    console.log(
      `Webhook to acknowledgement, ${N} new complaints per channel at concurrency ${CONCURRENCY} (one dev server, one worker, embedded store):`,
    );
    console.log(line('telegram', telegramLatency, telegramSeconds));
    console.log(line('e-mail', emailLatency, emailSeconds));
  } finally {
    await stack.close();
  }
}

async function botTexts(tg: string, chatId: number): Promise<string[]> {
  const res = await fetch(`${tg}/sandbox/chats/${chatId}/messages`);
  const body = (await res.json()) as { messages: { direction: string; text?: string }[] };
  return body.messages.filter((m) => m.direction === 'bot').map((m) => m.text ?? '');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
