// PDF from the printable letter page, printed by the headless Chromium the project already uses
// (Debian's package; infra/chromium.ts). Chromium shapes Hebrew and lays out right to left exactly
// as on screen, which no pure-JS PDF library we could pin does as well. One browser per process,
// started on first use and restarted if it dies; scripts off and every network request refused, so a
// letter can load nothing. Without Chromium the engine says why (PdfUnavailable: a 503, not a crash).
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../infra/chromium';

export class PdfUnavailable extends Error {
  override name = 'PdfUnavailable';
}

export interface PdfEngine {
  render(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

export function chromiumPdfEngine(opts: { executablePath?: string; timeoutMs?: number } = {}): PdfEngine {
  let browser: Promise<Browser> | undefined;
  const timeout = opts.timeoutMs ?? 20_000;
  const launch = (): Promise<Browser> => {
    const executablePath = opts.executablePath ?? chromiumPath();
    if (!executablePath)
      return Promise.reject(
        new PdfUnavailable(
          'No Chromium found for PDF letters: install Debian\'s "chromium" package or set CHROMIUM_PATH. The printable HTML letter works without it.',
        ),
      );
    return chromium.launch({ executablePath, args: chromiumArgs, timeout }).then(
      (b) => {
        b.on('disconnected', () => (browser = undefined));
        return b;
      },
      (err: unknown) => {
        throw new PdfUnavailable(
          `Chromium could not be started for PDF letters (${err instanceof Error ? err.message.split('\n')[0] : String(err)}).`,
        );
      },
    );
  };
  return {
    async render(html) {
      browser ??= launch().catch((err: unknown) => {
        browser = undefined; // the next request tries again (Chromium may have been installed since)
        throw err;
      });
      const context = await (await browser).newContext({ javaScriptEnabled: false });
      try {
        await context.route('**/*', (route) => route.abort());
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load', timeout });
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        await context.close().catch(() => undefined);
      }
    },
    async close() {
      const b = browser;
      browser = undefined;
      await (await b?.catch(() => undefined))?.close();
    },
  };
}
