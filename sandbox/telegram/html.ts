// The Telegram sandbox's pages: the chats, each conversation (what the customer wrote and what the
// bot sent), and forms to write as a customer. Everything from a message is escaped and laid out
// with dir="auto" and <bdi>, so Hebrew (right-to-left) text and names render as written next to
// Latin ones. No scripts: plain forms.
import { escapeHtml } from '../html';
import type { Failure } from './app';
import type { ChatEntry, Delivery, SandboxChat } from './store';

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Hebrew", Arial, sans-serif;
         margin: 0; color: #1d2330; background: #eef1f5; }
  header { background: #24476b; color: #fff; padding: 12px 24px; display: flex; gap: 16px; align-items: baseline; }
  header a { color: #fff; text-decoration: none; font-weight: 600; }
  header .note { color: #c9d6e3; font-size: 13px; }
  main { padding: 16px 24px; max-width: 1100px; }
  section { background: #fff; padding: 12px 16px; margin-bottom: 16px; border-radius: 6px; }
  h1 { font-size: 20px; margin: 0 0 12px; }
  h2 { font-size: 16px; margin: 0 0 8px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; padding: 6px 8px; border-bottom: 1px solid #e3e5ea; vertical-align: top; font-size: 14px; }
  .meta { font-family: ui-monospace, Menlo, monospace; font-size: 12px; color: #555; }
  .banner { background: #fdecea; color: #8a1c13; padding: 8px 24px; font-weight: 600; }
  .badge { display: inline-block; border-radius: 4px; padding: 1px 6px; font-size: 12px; background: #e8f0fe; color: #1a4fb4; }
  .badge.bad { background: #fdecea; color: #8a1c13; }
  .badge.good { background: #e6f4ea; color: #1e6b34; }
  .thread { display: flex; flex-direction: column; gap: 10px; }
  .msg { max-width: 70%; padding: 8px 12px; border-radius: 10px; background: #fff; border: 1px solid #d5d8de; }
  .msg.customer { align-self: flex-start; }
  .msg.bot { align-self: flex-end; background: #e3f1ff; border-color: #b9d7f5; }
  .msg p { margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .msg img { max-width: 320px; max-height: 240px; display: block; margin: 4px 0; }
  .msg form { display: inline; }
  .deliveries { margin: 4px 0 0; padding-inline-start: 18px; }
  form.post { display: grid; gap: 8px; max-width: 640px; }
  form.post textarea { min-height: 70px; font: inherit; }
  form.inline { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  label { font-size: 14px; }
`;

function page(title: string, body: string, failure: Failure): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><a href="/">Telegram sandbox</a><span class="note">complaint-desk · local only, nothing reaches Telegram</span></header>
${failureBanner(failure)}
<main>
${body}
</main>
</body>
</html>`;
}

function failureBanner(failure: Failure): string {
  if (failure.mode === null) return '';
  const what =
    failure.mode === 401
      ? '401 Unauthorized (the token is revoked)'
      : failure.mode === 429
        ? `429 Too Many Requests (retry after ${failure.retryAfter} s)`
        : `${failure.mode}`;
  const left = failure.remaining === null ? '' : `, ${failure.remaining} more time(s)`;
  return `<div class="banner" role="status">Simulated failure: the Bot API answers ${escapeHtml(what)}${escapeHtml(left)}.</div>`;
}

export interface WebhookView {
  url?: string;
  secret: boolean;
  pending: number;
  lastError?: string;
}

function webhookSection(webhook: WebhookView): string {
  const state = webhook.url
    ? `<p>Updates go to <span class="meta" dir="ltr">${escapeHtml(webhook.url)}</span> ${
        webhook.secret
          ? '<span class="badge good">with its secret token</span>'
          : '<span class="badge bad">without a secret token</span>'
      }</p>`
    : '<p><span class="badge bad">No webhook set</span> The bot sets it with setWebhook: start complaint-desk with <code>npm run up</code>.</p>';
  const pending = `<p class="meta">Pending updates: ${webhook.pending}${
    webhook.lastError ? ` · last error: ${escapeHtml(webhook.lastError)}` : ''
  }</p>`;
  return `<section><h2>The bot's webhook</h2>${state}${pending}</section>`;
}

function failureForm(failure: Failure): string {
  const option = (value: string, label: string) =>
    `<option value="${value}"${String(failure.mode ?? '') === value ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  return `<section><h2>Failures of the Bot API</h2>
<form class="inline" method="post" action="/failure">
  <label>Answer every call with <select name="mode">
    ${option('', 'nothing: work normally')}
    ${option('401', '401: the token is revoked')}
    ${option('429', '429: flood control')}
    ${option('500', '500: internal error')}
    ${option('502', '502: bad gateway')}
    ${option('503', '503: unavailable')}
  </select></label>
  <label>retry_after (429) <input name="retryAfter" type="number" min="1" max="3600" value="${failure.retryAfter}"></label>
  <label>times (empty: until switched off) <input name="remaining" type="number" min="1" value="${failure.remaining ?? ''}"></label>
  <button type="submit">Switch</button>
</form>
<p class="meta">A blocked bot (403) is per chat: block it on the chat's page.</p></section>`;
}

/** The fields every "write as the customer" form has. */
function messageFields(): string {
  return `<label>Text (the caption, with a file)<br><textarea name="text" dir="auto"></textarea></label>
  <label>File <input type="file" name="file"></label>
  <div class="inline"><label><input type="radio" name="as" value="photo" checked> as a photo</label>
    <label><input type="radio" name="as" value="document"> as a document</label></div>
  <label>Secret token <select name="secret">
    <option value="right">the right one</option>
    <option value="wrong">a wrong one</option>
    <option value="missing">none</option>
  </select></label>
  <label><input type="checkbox" name="hold" value="1"> hold it back: deliver it later (out of order)</label>`;
}

function chatName(chat: SandboxChat): string {
  if (chat.type !== 'private') return chat.title ?? String(chat.id);
  return [chat.first_name, chat.last_name].filter(Boolean).join(' ') || String(chat.id);
}

function snippet(entry: ChatEntry | undefined): string {
  if (!entry) return '';
  const text = entry.text ?? entry.caption ?? (entry.photo ? '(photo)' : entry.document ? '(document)' : '');
  return [...text].slice(0, 80).join('');
}

const time = (unix: number) =>
  new Date(unix * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');

export interface InboxView {
  chats: { chat: SandboxChat; last?: ChatEntry; count: number }[];
  webhook: WebhookView;
  failure: Failure;
}

export function renderInbox(view: InboxView): string {
  const rows = view.chats
    .map(
      ({ chat, last, count }) => `<tr>
  <td><a href="/chats/${chat.id}"><bdi>${escapeHtml(chatName(chat))}</bdi></a>${
    chat.username ? ` <span class="meta" dir="ltr">@${escapeHtml(chat.username)}</span>` : ''
  }${chat.blocked ? ' <span class="badge bad">blocked the bot</span>' : ''}</td>
  <td class="meta">${escapeHtml(chat.type)} · ${chat.id}</td>
  <td dir="auto">${escapeHtml(snippet(last))}</td>
  <td class="meta">${count}</td>
</tr>`,
    )
    .join('\n');
  const chats = view.chats.length
    ? `<table><thead><tr><th>Chat</th><th>Type · id</th><th>Last message</th><th>Messages</th></tr></thead><tbody>
${rows}
</tbody></table>`
    : '<p>No chats yet: write as a new customer below.</p>';
  return page(
    `Telegram sandbox (${view.chats.length} chats)`,
    `<h1>Chats with the bot</h1>
${webhookSection(view.webhook)}
<section>${chats}</section>
<section><h2>Write as a new customer</h2>
<form class="post" method="post" action="/chats" enctype="multipart/form-data">
  <div class="inline">
    <label>First name <input name="first_name" dir="auto" required></label>
    <label>Last name <input name="last_name" dir="auto"></label>
    <label>Username <input name="username" dir="ltr"></label>
    <label>Language (Telegram's language_code) <input name="language_code" size="5" placeholder="en" dir="ltr"></label>
    <label>In a new group titled <input name="group_title" dir="auto" placeholder="empty: a private chat"></label>
  </div>
  ${messageFields()}
  <button type="submit">Send to the bot</button>
</form></section>
${failureForm(view.failure)}`,
    view.failure,
  );
}

function deliveryLine(d: Delivery): string {
  const ok = d.status !== null && d.status >= 200 && d.status <= 299;
  return `<li class="meta"><span class="badge ${ok ? 'good' : 'bad'}">${d.status ?? 'no answer'}</span> ${escapeHtml(
    d.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
  )} · secret ${escapeHtml(d.secret)} · <span dir="ltr">${escapeHtml(d.answer.slice(0, 200))}</span></li>`;
}

/**
 * Under the bot's answer in a group that links to a private chat (t.me/<bot>?start=…): the button a
 * person would tap, as the author of the message it answers — their private chat then gets the
 * /start with the link's parameter, as Telegram sends it.
 */
function followLinkForm(entry: ChatEntry, entries: ChatEntry[]): string {
  const param = /https:\/\/t\.me\/[A-Za-z0-9_]+\?start=([A-Za-z0-9_-]{1,64})/.exec(entry.text ?? '')?.[1];
  const author = entries.find(
    (e) => e.messageId === entry.replyToMessageId && e.direction === 'customer',
  )?.from;
  if (entry.direction !== 'bot' || !param || !author) return '';
  const hidden = (name: string, value: string | number | undefined) =>
    value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(String(value))}">`;
  return `<form class="inline" method="post" action="/start">
  ${hidden('param', param)}${hidden('user_id', author.id)}${hidden('first_name', author.first_name)}${hidden('last_name', author.last_name)}${hidden('language_code', author.language_code)}
  <button type="submit">Follow the link as <bdi>${escapeHtml(author.first_name)}</bdi> (their private chat sends /start)</button>
</form>`;
}

function entryHtml(entry: ChatEntry, entries: ChatEntry[] = []): string {
  const who = [entry.from.first_name, entry.from.last_name].filter(Boolean).join(' ');
  const text = entry.text ?? entry.caption;
  const largest = entry.photo?.at(-1);
  const parts = [
    `<div class="meta"><bdi>${escapeHtml(who)}</bdi> · #${entry.messageId} · ${time(entry.date)}${
      entry.replyToMessageId !== undefined
        ? ` · reply to <a href="#m${entry.replyToMessageId}">#${entry.replyToMessageId}</a>`
        : ''
    }${entry.parseMode ? ` · parse_mode ${escapeHtml(entry.parseMode)} (shown as sent)` : ''}</div>`,
    largest ? `<img src="/files/${encodeURIComponent(largest.file_id)}" alt="photo from the customer">` : '',
    entry.document
      ? `<p>📎 <a href="/files/${encodeURIComponent(entry.document.file_id)}" dir="auto">${escapeHtml(
          entry.document.file_name,
        )}</a> <span class="meta">${escapeHtml(entry.document.mime_type)}, ${entry.document.file_size} bytes</span></p>`
      : '',
    text !== undefined ? `<p dir="auto">${escapeHtml(text)}</p>` : '',
    followLinkForm(entry, entries),
  ];
  if (entry.direction === 'customer' && entry.updateId !== undefined) {
    parts.push(
      `<div class="meta">update_id ${entry.updateId}${entry.held ? ' <span class="badge">held back</span>' : ''}</div>`,
      entry.deliveries?.length
        ? `<ul class="deliveries">${entry.deliveries.map(deliveryLine).join('')}</ul>`
        : '',
      `<form class="inline" method="post" action="/updates/${entry.updateId}/deliver">
  <select name="secret" aria-label="secret token"><option value="right">right secret</option><option value="wrong">wrong secret</option><option value="missing">no secret</option></select>
  <button type="submit">${entry.held ? 'Deliver now' : 'Deliver again'}</button>
</form>`,
    );
  }
  return `<article class="msg ${entry.direction}" id="m${entry.messageId}">${parts.join('\n')}</article>`;
}

export interface ChatView {
  chat: SandboxChat;
  entries: ChatEntry[];
  webhook: WebhookView;
  failure: Failure;
}

/** In a group: who writes — a member who wrote before, or a new member by first name. */
function memberFields(entries: ChatEntry[]): string {
  const members = new Map<number, string>();
  for (const e of entries)
    if (e.direction === 'customer')
      members.set(e.from.id, [e.from.first_name, e.from.last_name].filter(Boolean).join(' '));
  const options = [...members]
    .map(([id, name]) => `<option value="${id}">${escapeHtml(name)} (${id})</option>`)
    .join('');
  return `<div class="inline">
    <label>As <select name="member">${options}<option value="new">a new member…</option></select></label>
    <label>New member's first name <input name="first_name" dir="auto"></label>
    <label>Language <input name="language_code" size="5" placeholder="en" dir="ltr"></label>
  </div>`;
}

export function renderChat(view: ChatView): string {
  const { chat } = view;
  const blockForm = `<form class="inline" method="post" action="/chats/${chat.id}/block">
  <input type="hidden" name="blocked" value="${chat.blocked ? '0' : '1'}">
  ${chat.blocked ? '<span class="badge bad">The customer blocked the bot: sendMessage answers 403.</span>' : ''}
  <button type="submit">${chat.blocked ? 'Unblock the bot' : chat.type === 'private' ? 'Block the bot (as the customer)' : 'Remove the bot from the group'}</button>
</form>`;
  const thread = view.entries.length
    ? `<div class="thread">${view.entries.map((e) => entryHtml(e, view.entries)).join('\n')}</div>`
    : '<p>No messages yet.</p>';
  return page(
    `${chatName(chat)} · Telegram sandbox`,
    `<h1><bdi>${escapeHtml(chatName(chat))}</bdi> <span class="meta">${escapeHtml(chat.type)} · ${chat.id}</span></h1>
<section>${blockForm}</section>
<section>${thread}</section>
<section><h2>${chat.type === 'private' ? 'Write as this customer' : 'Write in this group'}</h2>
<form class="post" method="post" action="/chats/${chat.id}/messages" enctype="multipart/form-data">
  ${chat.type === 'private' ? '' : memberFields(view.entries)}
  ${messageFields()}
  <button type="submit">Send to the bot</button>
</form></section>
${webhookSection(view.webhook)}
${failureForm(view.failure)}`,
    view.failure,
  );
}

export function renderNotFound(message: string): string {
  return page(
    'Telegram sandbox',
    `<section><p>${escapeHtml(message)}</p><p><a href="/">All chats</a></p></section>`,
    {
      mode: null,
      retryAfter: 5,
      remaining: null,
    },
  );
}
