// Search over personal data without keeping it readable: a keyed blind index. The customer's name,
// e-mail, phone and the subject's words are normalised into terms, and the store keeps only each
// term's HMAC under a key no database dump contains (derived from the codec's shared data key, which
// is wrapped by the KEK). A search computes the same HMACs for what was typed and asks for records
// holding all of them; the names shown are then opened from the sealed brief, row by row. Equal
// terms give equal tokens (that is what makes the search work), so the index says which cases share a
// word, never what the word is. The erasure deletes a case's tokens with its brief.
import crypto from 'node:crypto';
import type { EncryptionCodec } from '../codec';

/** Words as they are compared: lower case, without diacritics, letters and digits only. */
export function normalisedWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/ß/g, 'ss')
    .replace(/[øö]/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/đ/g, 'd')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2);
}

/** A phone number as compared: its last nine digits (so "+48 601 234 567" and "601-234-567" meet). */
export function phoneTerm(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 6 ? `p:${digits.slice(-9)}` : undefined;
}

export function emailTerm(email: string): string | undefined {
  const e = email.trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(e) ? `e:${e}` : undefined;
}

/** The terms a case is found by. */
export function caseTerms(c: { name: string; email?: string; phone?: string; subject: string }): string[] {
  const terms = new Set<string>();
  for (const w of [...normalisedWords(c.name), ...normalisedWords(c.subject)]) terms.add(`w:${w}`);
  const email = c.email && emailTerm(c.email);
  if (email) terms.add(email);
  const phone = c.phone && phoneTerm(c.phone);
  if (phone) terms.add(phone);
  return [...terms].slice(0, 100);
}

/**
 * The terms a query asks for, all of which a case must have: an e-mail address, a phone number, or
 * words (of the name or the subject, in any order). Empty when nothing searchable was typed.
 */
export function queryTerms(q: string): { kind: 'email' | 'phone' | 'words'; terms: string[] } {
  const text = q.trim();
  if (text.includes('@')) {
    const term = emailTerm(text);
    return { kind: 'email', terms: term ? [term] : [] };
  }
  if (/^\+?[\d\s()./-]{6,}$/.test(text)) {
    const term = phoneTerm(text);
    if (term) return { kind: 'phone', terms: [term] };
  }
  return { kind: 'words', terms: [...new Set(normalisedWords(text))].slice(0, 8).map((w) => `w:${w}`) };
}

export type SearchKey = Buffer;

/** Each term's keyed hash, as the store keeps it. */
export function blindTokens(key: SearchKey, terms: readonly string[]): string[] {
  return terms.map((t) =>
    crypto.createHmac('sha256', key).update(t).digest().subarray(0, 16).toString('base64url'),
  );
}

const keys = new WeakMap<EncryptionCodec, Promise<SearchKey>>();

/**
 * The index key of every process that shares the codec's key store (API and worker): derived
 * (HKDF) from the shared data key, made once and wrapped by the KEK like every case key.
 */
export function searchKey(codec: EncryptionCodec): Promise<SearchKey> {
  let key = keys.get(codec);
  if (!key) {
    key = codec.keys
      .keyForEncode(undefined)
      .then(({ key: shared }) =>
        Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.alloc(0), 'complaint-desk/search-index/v1', 32)),
      );
    void key.catch(() => keys.delete(codec));
    keys.set(codec, key);
  }
  return key;
}
