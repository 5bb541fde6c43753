// Keyword categorisation and prioritisation of an incoming complaint (seed 001 §7, §9; ISO 10002
// initial assessment: health and safety first). Pure: runs inside the workflow at intake.
//
// Matching rules for a keyword as written in the policy:
// - case- and diacritic-insensitive ("pozar" matches "pożar", "Lost" matches "lost");
// - whole words by default; a "*" at the end of a word makes that word a prefix ("kurier*" matches
//   "kuriera", "kurierem"; "porażeni* prądem" matches "porażenie prądem"), which inflected
//   languages (Polish, Estonian, Swedish) need;
// - Hebrew attaches prefixes (ו, ה, ב, ל, מ, ש, כ) to words, so a Hebrew keyword also matches
//   after up to three of them ("החבילה", "והחבילה" match "חבילה"); final letter forms count as
//   plain ones, and points (niqqud) are ignored;
// - which languages' keywords apply: the case's language, English (written everywhere), and any
//   language whose own letters appear in the text (ł/ą/ę... Polish, å Swedish, õ Estonian, ä/ö
//   Swedish and Estonian, Hebrew script), so a case filed under the wrong language still finds its
//   safety words. All five at once would not do: folded diacritics make Swedish "rök" (smoke)
//   Polish "rok" (year).
import type { Channel, KeywordsByLanguage, Language, Policy, Priority } from './types';
import { priorities } from './types';

export interface CategoriseInput {
  subject: string;
  description: string;
  channel: Channel;
  language: Language;
}

export interface Categorisation {
  category: string;
  priority: Priority;
  /** Every keyword that matched (category, safety and raise keywords), as written in the policy. */
  matchedKeywords: string[];
  /** Why this category and priority, one short sentence each, for the case timeline. */
  reasons: string[];
  /** A safety keyword matched (the case is urgent and may deserve immediate attention). */
  safety: boolean;
}

export function categorise(input: CategoriseInput, policy: Policy): Categorisation {
  const raw = `${input.subject}\n${input.description}`;
  const text = normalisedText(raw);
  const active = activeLanguages(raw, input.language);
  const reasons: string[] = [];
  const matched: string[] = [];

  // Category: most distinct keyword hits; then most hits in the case's language; then policy order.
  let best: { id: string; hits: Hit[]; own: number } | undefined;
  for (const category of policy.categories) {
    const hits = findKeywords(text, category.keywords, active);
    if (hits.length === 0) continue;
    const own = hits.filter((h) => h.language === input.language).length;
    if (!best || hits.length > best.hits.length || (hits.length === best.hits.length && own > best.own)) {
      best = { id: category.id, hits, own };
    }
  }
  const categoryId = best?.id ?? policy.fallbackCategory;
  if (best) {
    matched.push(...best.hits.map((h) => h.keyword));
    reasons.push(`category ${categoryId}: ${describe(best.hits)}`);
  } else {
    reasons.push(`category ${categoryId}: no category keyword matched`);
  }

  const category = policy.categories.find((c) => c.id === categoryId);
  let priority: Priority = category?.defaultPriority ?? 'normal';
  if (category && priority !== 'normal') reasons.push(`default priority of ${categoryId} is ${priority}`);

  const safetyHits = findKeywords(text, policy.priorityRules.safetyKeywords, active);
  if (safetyHits.length > 0) {
    matched.push(...safetyHits.map((h) => h.keyword));
    priority = 'urgent';
    reasons.push(`urgent: safety keyword ${describe(safetyHits)}`);
  }

  const raiseHits = findKeywords(text, policy.priorityRules.raiseKeywords, active);
  if (raiseHits.length > 0) {
    matched.push(...raiseHits.map((h) => h.keyword));
    const raised = raise(priority);
    if (raised !== priority) reasons.push(`raised ${priority} → ${raised}: ${describe(raiseHits)}`);
    priority = raised;
  }

  if (policy.priorityRules.raiseChannels.includes(input.channel)) {
    const raised = raise(priority);
    if (raised !== priority) reasons.push(`raised ${priority} → ${raised}: public channel ${input.channel}`);
    priority = raised;
  }

  return {
    category: categoryId,
    priority,
    matchedKeywords: [...new Set(matched)],
    reasons,
    safety: safetyHits.length > 0,
  };
}

/** One step more urgent (urgent stays urgent). */
export function raise(priority: Priority): Priority {
  return priorities[Math.max(0, priorities.indexOf(priority) - 1)];
}

/** Whether a single keyword (policy syntax, see above) occurs in a text. */
export function matchesKeyword(text: string, keyword: string): boolean {
  return keywordMatcher(keyword)(normalisedText(text));
}

// ---------------------------------------------------------------------------------------------

interface Hit {
  keyword: string;
  language: Language;
}

function describe(hits: Hit[]): string {
  return hits.map((h) => `"${h.keyword}" (${h.language})`).join(', ');
}

function findKeywords(text: string, keywords: KeywordsByLanguage, active: Set<Language>): Hit[] {
  const hits: Hit[] = [];
  for (const [language, list] of Object.entries(keywords) as [Language, string[]][]) {
    if (!active.has(language)) continue;
    for (const keyword of list) {
      if (keywordMatcher(keyword)(text)) hits.push({ keyword, language });
    }
  }
  return hits;
}

const HEBREW = /\p{Script=Hebrew}/u;

// Letters that only (or mostly) one of the supported languages writes.
const SCRIPT_HINTS: [RegExp, Language[]][] = [
  [/[ąćęłńóśźż]/iu, ['pl']],
  [/å/iu, ['sv']],
  [/[õšž]/iu, ['et']],
  [/[äö]/iu, ['sv', 'et']],
  [HEBREW, ['he']],
];

function activeLanguages(raw: string, language: Language): Set<Language> {
  const active = new Set<Language>([language, 'en']);
  for (const [re, langs] of SCRIPT_HINTS) if (re.test(raw)) langs.forEach((l) => active.add(l));
  return active;
}
const HEBREW_PREFIXES = 'ומשהכלב';
const FINAL_FORMS: Record<string, string> = { ך: 'כ', ם: 'מ', ן: 'נ', ף: 'פ', ץ: 'צ' };
// Letters that do not decompose under NFD, so stripping combining marks leaves them as they are.
const FOLD: Record<string, string> = { ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ı: 'i' };

/** Lower case, no diacritics (Hebrew points included), words separated by single spaces, padded. */
function normalisedText(text: string): string {
  const words = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łøæœßđıךםןףץ]/g, (ch) => FOLD[ch] ?? FINAL_FORMS[ch] ?? ch)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return ` ${words} `;
}

const matchers = new Map<string, (text: string) => boolean>();

function keywordMatcher(keyword: string): (text: string) => boolean {
  let matcher = matchers.get(keyword);
  if (matcher) return matcher;
  const words = keyword
    .trim()
    .split(/\s+/)
    .map((word) => ({ star: word.endsWith('*'), core: normalisedText(word.replace(/\*$/, '')).trim() }))
    .filter((w) => w.core !== '');
  if (words.length === 0) {
    matcher = () => false;
  } else {
    // The text is normalised to single spaces and padded, so " word " is a whole word.
    const body = words.map((w) => escapeRegExp(w.core) + (w.star ? '[^ ]*' : '')).join(' ');
    const open = HEBREW.test(keyword) ? ` [${HEBREW_PREFIXES}]{0,3}` : ' ';
    const close = words[words.length - 1].star ? '' : ' ';
    const re = new RegExp(`${open}${body}${close}`, 'u');
    matcher = (text) => re.test(text);
  }
  matchers.set(keyword, matcher);
  return matcher;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
