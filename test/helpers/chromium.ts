// The browser tests use the same Chromium as the PDF letters (infra/chromium.ts).
export { chromiumArgs, chromiumPath } from '../../infra/chromium';
