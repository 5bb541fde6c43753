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
//
// PGlite itself trusts whoever connects (a superuser without a password). Here a client first proves
// the store's password with SCRAM-SHA-256, as PostgreSQL asks it (the password never crosses the
// socket); only then does its startup message reach PGlite. `npm run up` generates the password into
// <DATA_DIR>/store-password (0600); tests and benches get a random one per start.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { persistentSecret } from '../files';

export interface EmbeddedStore {
  /** postgres://… for `pg` (DATABASE_URL of the worker and the API). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** The password `npm run up` serves the store with: generated once into <dataDir>/store-password (0600). */
export function storePassword(dataDir: string): string {
  return persistentSecret(dataDir, 'store-password', 24);
}

/** SCRAM-SHA-256 (RFC 5802/7677) as PostgreSQL speaks it: the server's side of one exchange. */
const SCRAM_ITERATIONS = 4096;
const hmac = (key: Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest();

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const authentication = (code: number, data = Buffer.alloc(0)) =>
  message('R', Buffer.concat([int32(code), data]));
function fatal(code: string, text: string): Buffer {
  const field = (k: string, v: string) => Buffer.from(`${k}${v}\0`, 'utf8');
  return message(
    'E',
    Buffer.concat([
      field('S', 'FATAL'),
      field('V', 'FATAL'),
      field('C', code),
      field('M', text),
      Buffer.from([0]),
    ]),
  );
}

/** The credentials of one password: what the server keeps (never the password itself). */
function scramVerifier(password: string) {
  const salt = crypto.randomBytes(16);
  const salted = crypto.pbkdf2Sync(password.normalize('NFKC'), salt, SCRAM_ITERATIONS, 32, 'sha256');
  return {
    salt,
    storedKey: sha256(hmac(salted, 'Client Key')),
    serverKey: hmac(salted, 'Server Key'),
  };
}

type Scram = ReturnType<typeof scramVerifier>;

/** One client's SCRAM exchange: feeds it the client's 'p' messages, answers with what to send back. */
function scramExchange(verifier: Scram) {
  let clientFirstBare = '';
  let serverFirst = '';
  let nonce = '';
  return {
    first(payload: Buffer): Buffer | undefined {
      // SASLInitialResponse: mechanism\0, int32 length, client-first-message.
      const end = payload.indexOf(0);
      if (end < 0 || payload.toString('latin1', 0, end) !== 'SCRAM-SHA-256') return undefined;
      const length = payload.readInt32BE(end + 1);
      const clientFirst = payload.toString('utf8', end + 5, end + 5 + Math.max(0, length));
      const m = /^n,,(n=[^,]*,r=([!-+\--~]+))$/.exec(clientFirst);
      if (!m) return undefined;
      clientFirstBare = m[1];
      nonce = m[2] + crypto.randomBytes(18).toString('base64');
      serverFirst = `r=${nonce},s=${verifier.salt.toString('base64')},i=${SCRAM_ITERATIONS}`;
      return authentication(11, Buffer.from(serverFirst, 'utf8'));
    },
    final(payload: Buffer): Buffer | undefined {
      const clientFinal = payload.toString('utf8');
      const m = /^(c=biws,r=([^,]+)),p=([A-Za-z0-9+/=]+)$/.exec(clientFinal);
      if (!m || m[2] !== nonce) return undefined;
      const authMessage = `${clientFirstBare},${serverFirst},${m[1]}`;
      const proof = Buffer.from(m[3], 'base64');
      const signature = hmac(verifier.storedKey, authMessage);
      if (proof.length !== signature.length) return undefined;
      const clientKey = Buffer.from(proof.map((b, i) => b ^ signature[i]));
      if (!crypto.timingSafeEqual(sha256(clientKey), verifier.storedKey)) return undefined;
      const serverSignature = hmac(verifier.serverKey, authMessage).toString('base64');
      return authentication(12, Buffer.from(`v=${serverSignature}`, 'utf8'));
    },
  };
}

/**
 * Starts PGlite on `dataDir` (in memory when absent) and serves it on host:port (0: a free port) to
 * clients that know `password` (a random one when absent: it is in the returned url).
 */
export async function startEmbeddedStore(options: {
  dataDir?: string;
  host?: string;
  port?: number;
  password?: string;
}): Promise<EmbeddedStore> {
  const password = options.password ?? crypto.randomBytes(24).toString('base64url');
  if (password.length < 16) throw new Error('The embedded store needs a password of at least 16 characters.');
  const verifier = scramVerifier(password);
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
    /** The startup message, held back from PGlite until the client has proved the password. */
    let startup: Buffer | undefined;
    let scram: ReturnType<typeof scramExchange> | undefined;
    let pendingFinal = false;
    let refused = false;
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
      if (refused) return;
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
          if (length < 8 || length > 10_000) return void socket.destroy();
          if (buffer.length < length) return;
          startup = Buffer.from(buffer.subarray(0, length));
          buffer = buffer.subarray(length);
          started = true;
          scram = scramExchange(verifier);
          // AuthenticationSASL: the one mechanism offered.
          socket.write(authentication(10, Buffer.from('SCRAM-SHA-256\0\0', 'latin1')));
          continue;
        }
        if (buffer.length < 5) return;
        const length = 1 + buffer.readInt32BE(1);
        if (length < 5 || (startup && length > 10_000)) return void socket.destroy();
        if (buffer.length < length) return;
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        const type = String.fromCharCode(message[0]);
        if (startup) {
          // Authenticating: only SASL messages, in order; anything wrong ends the connection.
          const answer =
            type !== 'p'
              ? undefined
              : pendingFinal
                ? scram?.final(message.subarray(5))
                : scram?.first(message.subarray(5));
          if (!answer) {
            refused = true;
            return void socket.end(fatal('28P01', 'password authentication failed for user "postgres"'));
          }
          socket.write(answer);
          if (!pendingFinal) {
            pendingFinal = true;
            continue;
          }
          // Proved: PGlite gets the startup message and answers with AuthenticationOk and the rest.
          const held = startup;
          startup = undefined;
          run(held);
          continue;
        }
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
    url: `postgres://postgres:${encodeURIComponent(password)}@${host}:${port}/postgres`,
    port,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
