// The project's documents as the doc tests read them: README.md and every Markdown file under docs/,
// each with its path relative to the project root.
import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../../infra/paths';

export interface Doc {
  /** Relative to the project root, with forward slashes: "README.md", "docs/api.md". */
  file: string;
  text: string;
}

export function readDoc(file: string): Doc {
  return { file, text: fs.readFileSync(fromRoot(...file.split('/')), 'utf8') };
}

/** README.md, then docs/**\/*.md in name order. */
export function projectDocs(): Doc[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(fromRoot(dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.md')) found.push(rel);
    }
  };
  walk('docs');
  return ['README.md', ...found.sort()].map(readDoc);
}

/** The fenced ```sh blocks of a document, in order. */
export const shellBlocks = (text: string): string[] =>
  [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export const headingSlug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The anchors a document's headings give (outside code blocks), numbered on repeats as GitHub does. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = headingSlug(heading);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** Relative links of a document, resolved against its folder: [text](target#anchor). */
export function relativeLinks(doc: Doc): { target: string; anchor?: string; raw: string }[] {
  const text = doc.text.replace(/```[\s\S]*?```/g, '');
  const inline = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  const reference = [...text.matchAll(/^\[[^\]]+\]: (\S+)$/gm)].map((m) => m[1]);
  return [...inline, ...reference]
    .filter((raw) => !/^[a-z]+:/i.test(raw))
    .map((raw) => {
      const [pathPart, anchor] = raw.split('#');
      const target = pathPart
        ? path.posix.normalize(path.posix.join(path.posix.dirname(doc.file), pathPart))
        : doc.file;
      return { target, anchor, raw };
    });
}
