// A tiny document model: templates describe a message once as blocks, and this file renders the
// same blocks as HTML and as plain text. Every piece of text is escaped here and nowhere else, so
// a template cannot forget to.
import { escapeHtml, isSafeUrl } from './format';

/** Plain text, text kept left-to-right inside right-to-left prose (references, codes), or bold. */
export type Segment = string | { readonly ltr: string } | { readonly strong: string };
export type Inline = readonly Segment[];

export type Block =
  | { readonly type: 'paragraph'; readonly content: Inline }
  | { readonly type: 'heading'; readonly text: string }
  /** Text someone wrote (owner, customer): line breaks kept; `quoted` sets it apart visually. */
  | { readonly type: 'verbatim'; readonly text: string; readonly quoted: boolean }
  | { readonly type: 'list'; readonly items: readonly Inline[]; readonly ordered: boolean }
  | { readonly type: 'facts'; readonly rows: readonly (readonly [string, Inline])[] }
  | { readonly type: 'timeline'; readonly rows: readonly { when: string; what: string; note?: string }[] }
  | { readonly type: 'button'; readonly label: string; readonly url: string }
  | { readonly type: 'signature'; readonly lines: readonly string[] };

export const ltr = (text: string): Segment => ({ ltr: text });
export const b = (text: string): Segment => ({ strong: text });

/** Tagged template: t`Your reference is ${ltr(ref)}.` keeps the parts apart until rendering. */
export function t(strings: TemplateStringsArray, ...values: Segment[]): Inline {
  const out: Segment[] = [];
  strings.forEach((s, i) => {
    if (s) out.push(s);
    if (i < values.length) out.push(values[i]);
  });
  return out;
}

const inline = (content: Inline | string): Inline => (typeof content === 'string' ? [content] : content);

export const p = (content: Inline | string): Block => ({ type: 'paragraph', content: inline(content) });
export const h = (text: string): Block => ({ type: 'heading', text });
export const own = (text: string): Block => ({ type: 'verbatim', text, quoted: false });
export const quote = (text: string): Block => ({ type: 'verbatim', text, quoted: true });
export const ol = (items: readonly string[]): Block => ({
  type: 'list',
  items: items.map((i) => [i]),
  ordered: true,
});
export const facts = (rows: readonly (readonly [string, Inline | string])[]): Block => ({
  type: 'facts',
  rows: rows.map(([label, value]) => [label, inline(value)] as const),
});
export const timeline = (rows: readonly { when: string; what: string; note?: string }[]): Block => ({
  type: 'timeline',
  rows,
});
export const button = (label: string, url: string): Block => ({ type: 'button', label, url });
export const signature = (lines: readonly string[]): Block => ({ type: 'signature', lines });

export const isBlank = (text: string | undefined): boolean => !text || text.trim() === '';

/** Normalises someone's own text: unified line breaks, no trailing spaces, at most one blank line. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface Document {
  lang: string;
  rtl: boolean;
  subject: string;
  blocks: readonly Block[];
  footer: Inline;
}

// ---------------------------------------------------------------------------------------------
// Plain text

const LRM = '\u200e';
const RLM = '\u200f';

function inlineText(content: Inline, rtl: boolean): string {
  return content
    .map((s) => {
      if (typeof s === 'string') return s;
      if ('ltr' in s) return rtl ? `${LRM}${s.ltr}${LRM}` : s.ltr;
      return s.strong;
    })
    .join('');
}

function blockText(block: Block, rtl: boolean): string {
  switch (block.type) {
    case 'paragraph':
      return inlineText(block.content, rtl);
    case 'heading':
      return block.text;
    case 'verbatim':
      return tidy(block.text);
    case 'list':
      return block.items
        .map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${inlineText(item, rtl)}`)
        .join('\n');
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${inlineText(value, rtl)}`).join('\n');
    case 'timeline':
      return block.rows
        .map((r) => `${r.when} – ${r.what}${r.note ? `\n    ${tidy(r.note).replace(/\n/g, '\n    ')}` : ''}`)
        .join('\n');
    case 'button':
      return `${block.label}: ${block.url}`;
    case 'signature':
      return block.lines.join('\n');
  }
}

export function renderText(doc: Document): string {
  const body = [...doc.blocks.map((bl) => blockText(bl, doc.rtl)), inlineText(doc.footer, doc.rtl)]
    .filter((s) => s !== '')
    .join('\n\n');
  // Plain-text readers guess each line's direction from its first strong character; a leading
  // right-to-left mark keeps Hebrew lines that start with a name, number or link right-aligned.
  return `${doc.rtl ? body.replace(/^(?=.)/gm, RLM) : body}\n`;
}

/** Subjects are plain text; in Hebrew the reference is fenced so its brackets don't flip. */
export function subjectLine(subject: string, reference: string, rtl: boolean): string {
  return rtl ? `${subject} ${LRM}[${reference}]${LRM}` : `${subject} [${reference}]`;
}

// ---------------------------------------------------------------------------------------------
// HTML (inline styles only: many mail clients drop <style> elements)

const colours = { text: '#1f2937', muted: '#6b7280', line: '#e5e7eb', quote: '#f3f4f6', accent: '#1d4ed8' };

function inlineHtml(content: Inline, rtl: boolean): string {
  return content
    .map((s) => {
      if (typeof s === 'string') return escapeHtml(s);
      if ('ltr' in s) return rtl ? `<span dir="ltr">${escapeHtml(s.ltr)}</span>` : escapeHtml(s.ltr);
      return `<strong>${escapeHtml(s.strong)}</strong>`;
    })
    .join('');
}

/** Someone's own text as paragraphs: blank lines split paragraphs, single breaks become <br>. */
function verbatimHtml(text: string, style: string): string {
  return tidy(text)
    .split('\n\n')
    .map((para) => `<p style="${style}">${para.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

function blockHtml(block: Block, rtl: boolean): string {
  const start = rtl ? 'right' : 'left';
  const end = rtl ? 'left' : 'right';
  switch (block.type) {
    case 'paragraph':
      return `<p style="margin:0 0 16px;">${inlineHtml(block.content, rtl)}</p>`;
    case 'heading':
      return `<h2 style="margin:28px 0 10px;font-size:18px;line-height:1.3;color:#111827;">${escapeHtml(block.text)}</h2>`;
    case 'verbatim':
      return block.quoted
        ? `<div style="margin:0 0 16px;padding:12px 16px;background-color:${colours.quote};border-${start}:4px solid ${colours.line};border-radius:4px;">\n${verbatimHtml(block.text, 'margin:0 0 8px;')}\n</div>`
        : verbatimHtml(block.text, 'margin:0 0 16px;');
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const items = block.items
        .map((item) => `<li style="margin:0 0 8px;">${inlineHtml(item, rtl)}</li>`)
        .join('\n');
      return `<${tag} style="margin:0 0 16px;padding-${start}:24px;padding-${end}:0;">\n${items}\n</${tag}>`;
    }
    case 'facts': {
      const rows = block.rows
        .map(
          ([label, value]) =>
            `<tr><td style="padding:6px 0;padding-${end}:16px;color:${colours.muted};vertical-align:top;white-space:nowrap;text-align:${start};">${escapeHtml(label)}</td>` +
            `<td style="padding:6px 0;vertical-align:top;text-align:${start};">${inlineHtml(value, rtl)}</td></tr>`,
        )
        .join('\n');
      return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 20px;border-collapse:collapse;border-top:1px solid ${colours.line};border-bottom:1px solid ${colours.line};">\n${rows}\n</table>`;
    }
    case 'timeline': {
      const rows = block.rows
        .map((r) => {
          const note = r.note
            ? `<div style="margin-top:4px;color:${colours.muted};">${tidy(r.note).split('\n').map(escapeHtml).join('<br>')}</div>`
            : '';
          return (
            `<tr><td style="padding:8px 0;padding-${end}:16px;border-top:1px solid ${colours.line};color:${colours.muted};vertical-align:top;white-space:nowrap;text-align:${start};">${escapeHtml(r.when)}</td>` +
            `<td style="padding:8px 0;border-top:1px solid ${colours.line};vertical-align:top;text-align:${start};">${escapeHtml(r.what)}${note}</td></tr>`
          );
        })
        .join('\n');
      return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 20px;border-collapse:collapse;width:100%;">\n${rows}\n</table>`;
    }
    case 'button':
      return isSafeUrl(block.url)
        ? `<p style="margin:24px 0;"><a href="${escapeHtml(block.url)}" style="display:inline-block;padding:12px 22px;background-color:${colours.accent};color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;">${escapeHtml(block.label)}</a></p>`
        : `<p style="margin:0 0 16px;">${escapeHtml(block.label)}: <span dir="ltr">${escapeHtml(block.url)}</span></p>`;
    case 'signature':
      return `<p style="margin:28px 0 0;">${block.lines.map(escapeHtml).join('<br>')}</p>`;
  }
}

export function renderHtml(doc: Document): string {
  const dir = doc.rtl ? 'rtl' : 'ltr';
  const align = doc.rtl ? 'right' : 'left';
  const body = doc.blocks.map((bl) => blockHtml(bl, doc.rtl)).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(doc.lang)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.subject)}</title>
</head>
<body dir="${dir}" style="margin:0;padding:0;background-color:#f4f4f5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background-color:#f4f4f5;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background-color:#ffffff;border-radius:8px;">
<tr><td dir="${dir}" style="padding:32px 28px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.55;color:${colours.text};text-align:${align};">
${body}
</td></tr>
</table>
<p dir="${dir}" style="max-width:600px;margin:16px auto 0;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:1.5;color:${colours.muted};text-align:${align};">${inlineHtml(doc.footer, doc.rtl)}</p>
</td></tr>
</table>
</body>
</html>
`;
}

/** The blocks alone as HTML, for a page that has its own frame (the printable letters). */
export function renderBlocksHtml(blocks: readonly Block[], rtl: boolean): string {
  return blocks.map((bl) => blockHtml(bl, rtl)).join('\n');
}
