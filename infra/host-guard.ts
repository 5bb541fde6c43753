// A Host check in front of a server that has none: the Temporal dev server's Web UI answers any Host
// header and hands out its settings (the codec endpoint URL, with its token) to whoever asks. A page
// on another site whose DNS name is rebound to this machine would be such an asker. The guard listens
// on the UI's port, answers 421 for a Host that is not allowed, and passes everything else to the
// UI, which listens on a loopback port of its own.
import http from 'node:http';
import net from 'node:net';
import { hostAllowed } from './http-edge';

export interface HostGuard {
  port: number;
  close(): Promise<void>;
}

export async function startHostGuard(opts: {
  host: string;
  port: number;
  target: { host: string; port: number };
  allowedHosts: readonly string[];
}): Promise<HostGuard> {
  const refuse = (res: http.ServerResponse) => {
    res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('This server does not answer for that host name (see ALLOWED_HOSTS).\n');
  };
  const server = http.createServer((req, res) => {
    if (!hostAllowed(req.headers.host, opts.allowedHosts)) return refuse(res);
    const upstream = http.request(
      {
        host: opts.target.host,
        port: opts.target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The Web UI is not answering.\n');
    });
    req.pipe(upstream);
  });
  // Upgrades (should the UI ever use WebSockets) pass through under the same check.
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    if (!hostAllowed(req.headers.host, opts.allowedHosts)) return void socket.destroy();
    const upstream = net.connect(opts.target.port, opts.target.host, () => {
      const headers = Object.entries(req.headers)
        .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v ?? ''}`]))
        .join('\r\n');
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
