import net from 'node:net';

/** Resolves when something accepts connections on host:port, false when refused. */
export function isPortTaken(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.once('listening', () => server.close(() => resolve(false)));
    server.listen(port, host);
  });
}

/** A port the OS says is free right now (there is a small race until someone binds it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
    readonly envVar: string,
  ) {
    super(
      `Port ${port} (${what}) is already in use: is complaint-desk already running? ` +
        `Stop it, or choose another port with ${envVar}.`,
    );
    this.name = 'PortInUseError';
  }
}

export async function assertPortFree(
  port: number,
  host: string,
  what: string,
  envVar: string,
): Promise<void> {
  if (await isPortTaken(port, host)) throw new PortInUseError(port, what, envVar);
}
