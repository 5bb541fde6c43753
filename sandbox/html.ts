// The inbox a person opens in a browser. Everything that came from a message is escaped; the HTML
// body is shown in a fully sandboxed iframe (srcdoc, no scripts, no same-origin) so it renders as
// sent, right-to-left Hebrew included, without being able to touch the page around it.
import { parseAddress, splitAddressList } from './message';
import type { StoredMessage } from './store';
import { recipientsOf } from './store';

export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Hebrew", Arial, sans-serif;
         margin: 0; color: #1d2330; background: #f5f6f8; }
  header { background: #1d2330; color: #fff; padding: 12px 24px; display: flex; gap: 16px; align-items: baseline; }
  header a { color: #fff; text-decoration: none; font-weight: 600; }
  header .note { color: #aab; font-size: 13px; }
  main { padding: 16px 24px; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: start; padding: 8px 10px; border-bottom: 1px solid #e3e5ea; vertical-align: top; font-size: 14px; }
  th { background: #eceef2; font-weight: 600; }
  tr:hover td { background: #fafbfc; }
  .tag { display: inline-block; background: #e8f0fe; color: #1a4fb4; border-radius: 4px; padding: 1px 6px; font-size: 12px; }
  .meta { font-family: ui-monospace, Menlo, monospace; font-size: 12px; color: #555; }
  .empty { padding: 32px; text-align: center; color: #777; background: #fff; }
  .banner { background: #fdecea; color: #8a1c13; padding: 8px 24px; font-weight: 600; }
  form.filters { display: flex; gap: 8px; margin-bottom: 12px; flex-wrap: wrap; }
  form.filters input { padding: 4px 8px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; background: #fff; padding: 12px 16px; margin: 0 0 16px; }
  dt { font-weight: 600; color: #555; }
  dd { margin: 0; }
  h2 { font-size: 16px; margin: 20px 0 8px; }
  iframe { width: 100%; height: 560px; border: 1px solid #d5d8de; background: #fff; resize: vertical; }
  pre { background: #fff; border: 1px solid #d5d8de; padding: 12px; white-space: pre-wrap; font-size: 14px; }
`;

function page(title: string, body: string, banner: string | null): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><a href="/">Postmark sandbox</a><span class="note">complaint-desk · local only, nothing is delivered</span></header>
${banner ? `<div class="banner">${escapeHtml(banner)}</div>` : ''}
<main>
${body}
</main>
</body>
</html>`;
}

/**
 * Renders "Name <a@b.c>, ..." with the display name isolated (<bdi>) and the address forced
 * left-to-right, so a Hebrew name next to a Latin address does not scramble the angle brackets.
 */
export function formatAddresses(list: string): string {
  return splitAddressList(list)
    .map((raw) => {
      const a = parseAddress(raw);
      if (!a) return `<span dir="auto">${escapeHtml(raw)}</span>`;
      const email = `<span dir="ltr">${a.Name ? '&lt;' : ''}${escapeHtml(a.Email)}${a.Name ? '&gt;' : ''}</span>`;
      return a.Name ? `<bdi>${escapeHtml(a.Name)}</bdi> ${email}` : email;
    })
    .join(', ');
}

function formatTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function metadataText(metadata: Record<string, string>): string {
  return Object.entries(metadata)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

export interface InboxView {
  messages: StoredMessage[];
  total: number;
  filters: { to?: string; caseId?: string; tag?: string };
  outage: number | null;
  inactive: string[];
}

export function outageBanner(outage: number | null): string | null {
  return outage === null ? null : `Simulated outage: the Postmark API answers HTTP ${outage}.`;
}

export function renderInbox(view: InboxView): string {
  const { messages, filters } = view;
  const rows = messages
    .map(
      (m) => `<tr>
  <td class="meta">${escapeHtml(formatTime(m.ReceivedAt))}</td>
  <td>${formatAddresses(m.From)}</td>
  <td dir="auto">${escapeHtml(recipientsOf(m).join(', '))}</td>
  <td dir="auto"><a href="/messages/${encodeURIComponent(m.MessageID)}">${escapeHtml(m.Subject || '(no subject)')}</a></td>
  <td>${m.Tag ? `<span class="tag">${escapeHtml(m.Tag)}</span>` : ''}</td>
  <td class="meta" dir="auto">${escapeHtml(metadataText(m.Metadata))}</td>
</tr>`,
    )
    .join('\n');
  const form = `<form class="filters" method="get" action="/">
  <input name="to" placeholder="recipient" value="${escapeHtml(filters.to ?? '')}">
  <input name="caseId" placeholder="caseId" value="${escapeHtml(filters.caseId ?? '')}">
  <input name="tag" placeholder="tag" value="${escapeHtml(filters.tag ?? '')}">
  <button type="submit">Filter</button> <a href="/">clear</a>
</form>`;
  const table = messages.length
    ? `<table>
<thead><tr><th>Received (UTC)</th><th>From</th><th>To</th><th>Subject</th><th>Tag</th><th>Metadata</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : `<div class="empty">No messages${view.total ? ' match these filters' : ' yet'}.</div>`;
  const inactive = view.inactive.length
    ? `<h2>Inactive recipients (sends to them get ErrorCode 406)</h2><p class="meta">${escapeHtml(view.inactive.join(', '))}</p>`
    : '';
  return page(
    `Postmark sandbox inbox (${messages.length})`,
    `${form}\n<p class="meta">${messages.length} of ${view.total} message(s), newest first.</p>\n${table}\n${inactive}`,
    outageBanner(view.outage),
  );
}

export function renderMessage(m: StoredMessage, outage: number | null): string {
  const row = (label: string, value: string) =>
    value ? `<dt>${escapeHtml(label)}</dt><dd dir="auto">${escapeHtml(value)}</dd>` : '';
  const addressRow = (label: string, value: string) =>
    value ? `<dt>${escapeHtml(label)}</dt><dd>${formatAddresses(value)}</dd>` : '';
  const details = [
    row('Subject', m.Subject),
    addressRow('From', m.From),
    addressRow('To', m.To),
    addressRow('Cc', m.Cc),
    addressRow('Bcc', m.Bcc),
    addressRow('Reply-To', m.ReplyTo),
    row('Received', formatTime(m.ReceivedAt)),
    row('MessageID', m.MessageID),
    row('Message stream', m.MessageStream),
    row('Tag', m.Tag),
    ...Object.entries(m.Metadata).map(([k, v]) => row(`Metadata ${k}`, v)),
    ...m.Headers.map((h) => row(`Header ${h.Name}`, h.Value)),
    row(
      'Attachments',
      m.Attachments.map((a) => `${a.Name} (${a.ContentType}, ${a.ContentLength} bytes)`).join(', '),
    ),
    row('Not delivered (inactive)', m.InactiveRecipientsSkipped.join(', ')),
  ].join('\n');
  const html = m.HtmlBody
    ? `<h2>HTML part</h2>
<iframe title="HTML body" sandbox="" referrerpolicy="no-referrer" srcdoc="${escapeHtml(m.HtmlBody)}"></iframe>`
    : '<h2>HTML part</h2><p class="meta">(none)</p>';
  const text = m.TextBody
    ? `<h2>Plain-text part</h2>\n<pre dir="auto">${escapeHtml(m.TextBody)}</pre>`
    : '<h2>Plain-text part</h2><p class="meta">(none)</p>';
  return page(
    m.Subject || '(no subject)',
    `<dl>\n${details}\n</dl>\n${html}\n${text}\n<p class="meta"><a href="/sandbox/messages/${encodeURIComponent(m.MessageID)}">JSON</a></p>`,
    outageBanner(outage),
  );
}

export function renderNotFound(id: string): string {
  return page('Not found', `<div class="empty">No message with ID ${escapeHtml(id)}.</div>`, null);
}
