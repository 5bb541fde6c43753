// The HTTP edge every server of ours shares (the API, the Postmark sandbox, the Web UI's guard):
// strict routing, the Host check against DNS rebinding, and whether a path decodes at all.
import express from 'express';

/**
 * A router that matches paths case-sensitively and tells "/x/" from "/x". Express's default ignores
 * both, which let "/Metrics" and "/metrics/" past a proxy rule for "/metrics". Every router of the
 * API and the sandbox is made here.
 */
export function strictRouter(): express.Router {
  return express.Router({ caseSensitive: true, strict: true });
}

/** The express settings that make the app's own routes strict too. */
export function strictApp(app: express.Express): express.Express {
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  return app;
}

/** Names every process answers on this machine. */
export const loopbackHosts = ['localhost', '127.0.0.1', '::1'];

/** A Host header's name: lower case, without the port, the brackets of an IPv6 address or a final dot. */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const h = header.trim().toLowerCase();
  const name = h.startsWith('[') ? h.slice(1, h.indexOf(']')) : h.replace(/:\d*$/, '');
  return name.replace(/\.$/, '') || undefined;
}

/**
 * Whether `header` names an allowed host: loopback names, each configured name exactly, ".example.com"
 * for it and every name under it, "*" for any (the check off: only behind a proxy that checks).
 */
export function hostAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  const name = hostName(header);
  if (!name) return false;
  if (loopbackHosts.includes(name)) return true;
  return allowed.some((entry) => {
    const a = entry.trim().toLowerCase().replace(/\.$/, '');
    if (a === '*') return true;
    if (a.startsWith('.')) return name === a.slice(1) || name.endsWith(a);
    return name === (hostName(a) ?? a);
  });
}

/** Whether a path's percent-encoding decodes (a lone "%", "%ff" or a broken UTF-8 sequence does not). */
export function decodablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
