// Where the headless Chromium is: the browser tests and the PDF letters (api/letters) use the same
// one. Debian's package (or CHROMIUM_PATH); nothing is downloaded at run time.
import fs from 'node:fs';

/** Debian's Chromium (or CHROMIUM_PATH); undefined when neither exists. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && fs.existsSync(p));
}

/** Flags for a headless Chromium on a machine with no network but loopback. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
