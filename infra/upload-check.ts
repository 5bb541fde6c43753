// What an uploaded file is, from its content: the type a client declares is whatever it likes (an
// HTML page as "image/png"), so the type kept with a file is the one its first bytes show, from an
// allow-list of things a customer photographs or scans and nothing that runs. And its name as a
// label only: no folders, no control or invisible characters — a right-to-left override turns
// "invoice‮fdp.exe" into what reads as "invoiceexe.pdf" — and an extension that matches the type.

/** Images, PDF and plain text. */
export const acceptedTypes = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/pdf',
  'text/plain',
] as const;
export type AcceptedType = (typeof acceptedTypes)[number];

/** Extensions a file of each type may keep; the first is added when the name has none of them. */
const extensions: Record<AcceptedType, string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/heic': ['heic', 'heif'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'text'],
};

const startsWith = (data: Buffer, bytes: number[] | string, at = 0) => {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return data.length >= at + b.length && data.subarray(at, at + b.length).equals(b);
};

/** Signatures of things that run or unpack, refused even when the rest would pass as text. */
const refused: (number[] | string)[] = [
  'MZ', // Windows executables
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O (fat), Java classes
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O
  'PK\x03\x04', // zip, and documents that are zips (docx, xlsx, odt)
  '#!', // scripts
  '{\\rtf',
];

/** HEIF brands (ISO base media "ftyp" box) of HEIC photos. */
const heicBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/**
 * Text a browser or an editor shows as text: UTF-8 (a BOM allowed), no control characters but tabs,
 * line and page breaks, and not markup (a browser sniffing it would render a page or an image).
 */
function isPlainText(data: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return false;
  }
  return !/^\uFEFF?\s*</.test(text);
}

/** The accepted type the content shows, or undefined (refused). */
export function sniffType(data: Buffer): AcceptedType | undefined {
  if (data.length === 0) return undefined;
  if (refused.some((signature) => startsWith(data, signature))) return undefined;
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(data, 'GIF87a') || startsWith(data, 'GIF89a')) return 'image/gif';
  if (startsWith(data, 'RIFF') && startsWith(data, 'WEBP', 8)) return 'image/webp';
  if (startsWith(data, 'ftyp', 4) && heicBrands.has(data.toString('latin1', 8, 12))) return 'image/heic';
  if (startsWith(data, '%PDF-')) return 'application/pdf';
  if (isPlainText(data)) return 'text/plain';
  return undefined;
}

/**
 * Characters a name never keeps: controls and format characters (bidi embeddings, overrides and
 * isolates, zero-width ones, the BOM), line and paragraph separators, and what file systems refuse.
 */
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const reserved = /[<>:"/\\|?*]/g;

/** A file name as a label only (never a path on our disk): one name, visible characters, the type's extension. */
export function cleanFileName(name: string, type: AcceptedType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    .replace(invisible, '')
    .replace(reserved, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!clean) clean = 'attachment';
  const allowed = extensions[type];
  const extension = /\.([^.]+)$/.exec(clean)?.[1]?.toLowerCase();
  const suffix = extension && allowed.includes(extension) ? '' : `.${allowed[0]}`;
  const room = 120 - suffix.length;
  if (clean.length > room) {
    // Keep the end (the extension) when the name is long.
    const keep = suffix ? '' : clean.slice(clean.lastIndexOf('.'));
    clean = clean.slice(0, room - keep.length).trimEnd() + keep;
  }
  return clean + suffix;
}
