// One word per concept (docs/glossary.md): the words the glossary retired for people stay out of what
// people read — the console's texts in every language, the trend alert and weekly review e-mails as
// rendered, and the case e-mails' templates. "Signal" is a customer's message into a running case
// (Temporal's word), never a trend alert; "clock" is the engine's name for a promise, never shown.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { consoleLanguages, isMessageKey, translator } from '../../api/console/i18n';
import { trendAlertEmail } from '../../domain/insights/trend-alert';
import type { TrendAlert } from '../../domain/insights/trends';
import { parseIsoWeek } from '../../domain/insights/week';
import { buildWeeklyReview } from '../../domain/insights/weekly';
import { weeklyReviewHtml, weeklyReviewSubject, weeklyReviewText } from '../../domain/insights/weekly-render';
import { staffLanguages } from '../../domain/types';
import { fromRoot } from '../../infra/paths';
import { reviewWeek, weekEnd, weekOfCases } from '../helpers/weekly-cases';

/** Retired words, as they would be written in each language people read here. */
const retired: { word: string; means: string; pattern: RegExp }[] = [
  { word: 'signal', means: 'a trend alert', pattern: /\bsignal|sygna[łl]/i },
  { word: 'clock', means: 'a promise', pattern: /\bclock|zegar/i },
];

function assertNoRetiredWords(text: string, where: string): void {
  for (const r of retired) {
    const hit = r.pattern.exec(text);
    assert.equal(
      hit,
      null,
      `${where} says "${hit?.[0]}" (${r.word} for ${r.means}): the glossary's word is used instead`,
    );
  }
}

/** A file's text without its comments: what can reach a reader. */
function withoutComments(file: string): string {
  return fs
    .readFileSync(fromRoot(...file.split('/')), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const alert: TrendAlert = {
  id: 'carrier:dhl:2026-11-30T10:00:00.000Z',
  dimension: 'carrier',
  key: 'dhl',
  value: 'DHL',
  startedAt: '2026-11-30T10:00:00.000Z',
  detectedAt: '2026-11-30T12:00:00.000Z',
  evidence: {
    bucket: 'hour',
    method: 'cusum',
    owners: 3,
    baselineFrom: '2026-10-26T00:00:00.000Z',
    baselineTo: '2026-11-23T00:00:00.000Z',
    baselineCount: 40,
    baselinePerBucket: 0.06,
    reference: 0.09,
    threshold: 4.2,
    windowFrom: '2026-11-30T10:00:00.000Z',
    windowTo: '2026-11-30T12:00:00.000Z',
    count: 9,
    expected: 0.12,
    statistic: 8.7,
    counts: [4, 5],
    cases: ['CD-2026-000101', 'CD-2026-000102'],
  },
};

describe('the glossary’s retired words', () => {
  it('the checks find the words they look for (in English and Polish)', () => {
    for (const text of ['The signal shows', 'Sygnał jest widoczny', 'the diagnosis clock', 'zegar'])
      assert.throws(() => assertNoRetiredWords(text, 'a sample'), /glossary/);
    assert.doesNotThrow(() => assertNoRetiredWords('Trend alert: promises kept, the deadline', 'a sample'));
  });

  it('are in no console text, in any language', () => {
    const source = fs.readFileSync(fromRoot('api', 'console', 'i18n.ts'), 'utf8');
    const keys = [...source.matchAll(/^ {2}'?([\w.-]+)'?:/gm)].map((m) => m[1]).filter(isMessageKey);
    assert.ok(new Set(keys).size > 200, `found only ${keys.length} console texts to check`);
    for (const language of consoleLanguages) {
      const t = translator(language);
      for (const key of new Set(keys)) assertNoRetiredWords(t(key), `console ${language} "${key}"`);
    }
  });

  it('are in no trend alert or weekly review e-mail, in any staff language', () => {
    const cases = weekOfCases();
    const review = buildWeeklyReview({
      week: parseIsoWeek(reviewWeek, 'UTC'),
      timeZone: 'UTC',
      cases: cases.all,
      names: {},
      lowScoreThreshold: 2,
      now: weekEnd,
    });
    for (const language of staffLanguages) {
      const reader = { language, timeZone: 'Europe/Warsaw' };
      const mail = trendAlertEmail(alert, reader);
      for (const [part, text] of Object.entries(mail))
        assertNoRetiredWords(text, `the ${language} trend alert's ${part}`);
      assertNoRetiredWords(weeklyReviewSubject(review, reader), `the ${language} weekly review's subject`);
      assertNoRetiredWords(weeklyReviewText(review, reader), `the ${language} weekly review's text`);
      assertNoRetiredWords(weeklyReviewHtml(review, reader), `the ${language} weekly review's HTML`);
    }
  });

  it('are in no case e-mail or letter template', () => {
    const dir = fromRoot('domain', 'messages', 'i18n');
    const files = [
      ...fs.readdirSync(dir).map((f) => `domain/messages/i18n/${f}`),
      'domain/messages/staff.ts',
      'domain/messages/staff-pl.ts',
      'domain/messages/case-words.ts',
      'domain/delivery-failures.ts',
      'domain/messages/blocks.ts',
    ];
    for (const file of files) assertNoRetiredWords(withoutComments(file), file);
  });
});
