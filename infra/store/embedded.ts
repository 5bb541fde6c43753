// The embedded case store: PGlite (PostgreSQL compiled to WebAssembly) in the data folder, served
// over the PostgreSQL wire protocol so the worker and the API reach it with `pg` and the same SQL as
// a real PostgreSQL. One process (`npm run up`) owns the files: PGlite has no lock on its folder.
//
// Why not PGLiteSocketServer from @electric-sql/pglite-socket: its 0.2 line accepts several
// connections (maxConnections, default 1) but queues single protocol messages, so two clients'
// extended-protocol queries (Parse/Bind/Execute/Sync) can interleave on PGlite's one session —
// one client's Bind lands on the other's unnamed statement. Here a client's messages up to its Sync
// (or a simple Query) run as one unit, and a client inside a transaction keeps the database until it
// commits or rolls back, so every connection sees the isolation it would on PostgreSQL (serialised).
import fs from 'node:fs';
import net from 'node:net';
import { PGlite } from '@electric-sql/pglite';

export interface EmbeddedStore {
  /** postgres://… for `pg` (DATABASE_URL of the worker and the API). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** Starts PGlite on `dataDir` (in memory when absent) and serves it on host:port (0: a free port). */
export async function startEmbeddedStore(options: {
  dataDir?: string;
  host?: string;
  port?: number;
}): Promise<EmbeddedStore> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const host = options.host ?? '127.0.0.1';

  // The one session is held by one connection at a time: for one batch, or for a whole transaction.
  let owner: object | undefined;
  const waiting: { conn: object; go: () => void }[] = [];
  const acquire = (conn: object) =>
    owner === undefined || owner === conn
      ? ((owner = conn), Promise.resolve())
      : new Promise<void>((go) => waiting.push({ conn, go }));
  const release = (conn: object) => {
    if (owner !== conn) return;
    owner = undefined;
    const next = waiting.shift();
    if (next) {
      owner = next.conn;
      next.go();
    }
  };

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const conn = {};
    let buffer = Buffer.alloc(0);
    let started = false;
    let pending: Buffer[] = [];
    let chain = Promise.resolve();
    let closed = false;

    const run = (batch: Buffer) => {
      chain = chain.then(async () => {
        if (closed) return;
        await acquire(conn);
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(new Uint8Array(batch), {
              onRawData: (data) => {
                if (!closed) socket.write(Buffer.from(data));
              },
            }),
          );
        } catch (err) {
          socket.destroy(err as Error);
        } finally {
          if (!db.isInTransaction()) release(conn);
        }
      });
    };

    const end = () => {
      if (closed) return;
      closed = true;
      sockets.delete(socket);
      // A client gone inside a transaction must not leave the session in it.
      chain = chain.then(async () => {
        if (owner === conn && db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
        release(conn);
        const i = waiting.findIndex((w) => w.conn === conn);
        if (i >= 0) waiting.splice(i, 1);
      });
    };
    socket.on('close', end);
    socket.on('error', end);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write('N'); // no TLS on loopback
            buffer = buffer.subarray(8);
            continue;
          }
          if (code === CANCEL_REQUEST) return void socket.end();
          if (buffer.length < length) return;
          run(buffer.subarray(0, length));
          buffer = buffer.subarray(length);
          started = true;
          continue;
        }
        if (buffer.length < 5) return;
        const length = 1 + buffer.readInt32BE(1);
        if (buffer.length < length) return;
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        const type = String.fromCharCode(message[0]);
        if (type === 'X') return void socket.end(); // Terminate: the session stays for the others
        pending.push(message);
        if (type === 'S' || type === 'Q') {
          const batch = Buffer.concat(pending);
          pending = [];
          run(batch);
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    port,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
