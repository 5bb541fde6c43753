// A letter's HTML carries inline style attributes (it is the e-mail's HTML, which mail clients need
// inline). The console's CSP allows no inline style, so for the console the attributes become classes
// and their rules a stylesheet the console serves beside the letter: the same look, nothing inline.
// Deterministic: the class is a hash of the style, so the page and its stylesheet, rendered apart,
// agree. Pure.
import crypto from 'node:crypto';

const unescapeAttr = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export function classesForStyles(html: string): { html: string; css: string } {
  const rules = new Map<string, string>();
  const out = html.replace(
    /<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*?)?(\/?)>/g,
    (tag, name: string, attrs = '', slash = '') => {
      const style = /\sstyle="([^"]*)"/.exec(attrs as string);
      if (!style) return tag;
      const declarations = unescapeAttr(style[1]);
      const cls = `ls-${crypto.createHash('sha256').update(declarations).digest('hex').slice(0, 10)}`;
      rules.set(cls, declarations);
      let rest = (attrs as string).replace(style[0], '');
      const existing = /\sclass="([^"]*)"/.exec(rest);
      rest = existing
        ? rest.replace(existing[0], ` class="${existing[1]} ${cls}"`)
        : `${rest} class="${cls}"`;
      return `<${name}${rest}${slash as string}>`;
    },
  );
  // Our own templates' styles; braces and angle brackets are dropped all the same.
  const css = [...rules].map(([cls, d]) => `.${cls}{${d.replace(/[{}<>]/g, '')}}`).join('\n');
  return { html: out, css };
}
