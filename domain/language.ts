// A small, pure guess of a customer's language from what they wrote, among the languages we answer
// in (en, pl, sv, et, he). Letters only one language uses count most, then common short words; the
// messenger's own language hint (Telegram's language_code) breaks a tie. The owner can always say
// better: this only chooses the language of the first answer.
import { languages, type Language } from './types';

const letters: Partial<Record<Language, RegExp>> = {
  he: /[\u0590-\u05FF]/g,
  pl: /[ąćęłńśźż]/gi,
  et: /[õ]/gi,
  sv: /[å]/gi,
};

const words: Record<Language, string[]> = {
  en: [
    'the',
    'and',
    'is',
    'my',
    'was',
    'not',
    'with',
    'order',
    'broken',
    'please',
    'you',
    'i',
    'it',
    'have',
    'package',
    'arrived',
    'damaged',
  ],
  pl: [
    'nie',
    'jest',
    'się',
    'i',
    'w',
    'na',
    'że',
    'mam',
    'paczka',
    'zamówienie',
    'dzień',
    'dobry',
    'proszę',
    'przyszła',
    'to',
  ],
  sv: [
    'och',
    'är',
    'jag',
    'inte',
    'min',
    'det',
    'hej',
    'tack',
    'paketet',
    'beställning',
    'trasig',
    'kom',
    'med',
    'har',
  ],
  et: ['ja', 'on', 'ei', 'minu', 'tere', 'aitäh', 'pakk', 'tellimus', 'katki', 'palun', 'see', 'oli', 'mul'],
  he: [],
};

/** The language of `text`, or `hint` (when it is one of ours), or `fallback`. */
export function guessLanguage(text: string, hint?: string, fallback: Language = 'en'): Language {
  const score: Record<Language, number> = { en: 0, pl: 0, sv: 0, et: 0, he: 0 };
  for (const [lang, re] of Object.entries(letters) as [Language, RegExp][])
    score[lang] += (text.match(re)?.length ?? 0) * 3;
  // Swedish and Estonian share ä and ö; each language's own words decide between them.
  const tokens = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  for (const lang of languages) for (const t of tokens) if (words[lang].includes(t)) score[lang] += 1;
  const hinted = languages.find((l) => hint?.toLowerCase().startsWith(l));
  const best = Math.max(...Object.values(score));
  if (best === 0) return hinted ?? fallback;
  const leaders = languages.filter((l) => score[l] === best);
  if (hinted && leaders.includes(hinted)) return hinted;
  return leaders[0];
}
