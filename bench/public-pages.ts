// Page weights and render times of the public complaint form and the printable letters, and how long
// Chromium takes to print a letter as PDF (cold: the browser starts; warm: it is running). Prints the
// figures; no Temporal needed. `npx tsc -p tsconfig.json && node dist/bench/public-pages.js`
import { performance } from 'node:perf_hooks';
import type { CaseView } from '../domain/case';
import { languages, type Language } from '../domain/types';
import { chromiumPdfEngine } from '../api/letters/pdf';
import { renderLetterPage } from '../api/letters/render';
import { renderComplaintForm } from '../api/public-form/render';
import { createFormTokens } from '../api/public-form/token';

function timed(rounds: number, fn: () => void): number {
  for (let i = 0; i < 50; i++) fn(); // warm-up
  const started = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  return ((performance.now() - started) / rounds) * 1000; // µs
}

/** A resolved case as the letters see it (only the fields they read). */
function resolvedCase(language: Language): CaseView {
  const at = '2026-11-20T09:30:00Z';
  return {
    reference: 'CD-2026-ABC234',
    customer: { name: language === 'he' ? 'נועה לוי' : 'Maria Kowalska', phone: '+48 600 100 200', language },
    owner: { id: 'anna-nowak', name: 'Anna Nowak', email: 'anna@example.com' },
    receivedAt: at,
    clocks: { diagnosis: { name: 'diagnosis', dueAt: '2026-11-21T09:30:00Z', state: 'met' } },
    resolution: {
      at: '2026-11-25T12:00:00Z',
      outcome: 'partially-upheld',
      explanation: 'The lamp was damaged in transport; the courier has confirmed it.',
      apology: 'I am sorry for the trouble this caused.',
      remedy: { kind: 'voucher', percent: 15, validityDays: 90 },
    },
    letterSentAt: '2026-11-25T12:00:00Z',
    timeline: [
      {
        at,
        kind: 'received',
        text: 'Complaint received by letter.',
        customerVisible: true,
        customerKind: 'received',
      },
      {
        at: '2026-11-20T10:00:00Z',
        kind: 'acknowledged',
        text: 'Acknowledged.',
        customerVisible: true,
        customerKind: 'acknowledged',
      },
    ],
  } as unknown as CaseView;
}

async function main(): Promise<void> {
  const tokens = createFormTokens('bench');
  const offer = { files: 3, fileBytes: 2 * 1024 * 1024, totalBytes: 5 * 1024 * 1024 };
  console.log('Public form (GET /complain): HTML bytes (CSS inline, no JS) and server render time');
  for (const language of languages) {
    const html = renderComplaintForm({ language, token: tokens.issue(), attachments: offer });
    const us = timed(2000, () =>
      renderComplaintForm({ language, token: tokens.issue(), attachments: offer }),
    );
    console.log(`  ${language}: ${Buffer.byteLength(html)} bytes, ${us.toFixed(1)} µs per render`);
  }
  console.log('Letters (GET /complaints/:id/letters/:kind): HTML bytes and server render time');
  for (const language of ['en', 'he'] as const) {
    for (const kind of ['acknowledgement', 'resolution'] as const) {
      const page = renderLetterPage(resolvedCase(language), kind);
      if (!page.ok) throw new Error(page.reason);
      const us = timed(1000, () => renderLetterPage(resolvedCase(language), kind));
      console.log(
        `  ${kind} (${language}): ${Buffer.byteLength(page.html)} bytes, ${us.toFixed(1)} µs per render`,
      );
    }
  }
  const engine = chromiumPdfEngine();
  try {
    const page = renderLetterPage(resolvedCase('he'), 'resolution');
    if (!page.ok) throw new Error(page.reason);
    let started = performance.now();
    const first = await engine.render(page.html);
    const cold = performance.now() - started;
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) {
      started = performance.now();
      await engine.render(page.html);
      warm.push(performance.now() - started);
    }
    warm.sort((a, b) => a - b);
    console.log(
      `PDF (Chromium, Hebrew resolution letter): ${first.length} bytes; cold ${cold.toFixed(0)} ms, warm p50 ${warm[5].toFixed(0)} ms, max ${warm[9].toFixed(0)} ms`,
    );
  } catch (err) {
    console.log(`PDF: not measured (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    await engine.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
