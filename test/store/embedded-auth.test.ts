// The embedded store (PGlite served on a port by infra/store/embedded.ts) lets nobody in without its
// password: a client proves it with SCRAM-SHA-256 before its first message reaches the database. A
// raw client that skips authentication and sends a query gets a fatal error and no row; a wrong
// password is refused as PostgreSQL refuses it. `npm run up` keeps the password in data/ (0600).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedStore, storePassword, type EmbeddedStore } from '../../infra/store/embedded';
import { tempDir } from '../helpers/stack';

/** A PostgreSQL startup message for user postgres, database postgres (protocol 3.0). */
function startupMessage(): Buffer {
  const params = Buffer.from('user\0postgres\0database\0postgres\0\0', 'latin1');
  const head = Buffer.alloc(8);
  head.writeInt32BE(params.length + 8, 0);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, params]);
}

function queryMessage(sql: string): Buffer {
  const body = Buffer.from(`${sql}\0`, 'utf8');
  const head = Buffer.alloc(5);
  head.write('Q', 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** Writes `messages` one after another and collects what comes back until the server closes. */
function rawExchange(port: number, messages: Buffer[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => {
      for (const m of messages) socket.write(m);
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    setTimeout(() => socket.destroy(), 5000).unref();
  });
}

/** The message types in a server's answer ('R' authentication, 'E' error, 'T'/'D' rows, …). */
function types(answer: Buffer): string[] {
  const out: string[] = [];
  for (let i = 0; i + 5 <= answer.length;) {
    out.push(String.fromCharCode(answer[i]));
    i += 1 + answer.readInt32BE(i + 1);
  }
  return out;
}

describe('the embedded store asks for its password', function () {
  this.timeout(60_000);
  let store: EmbeddedStore;
  before(async () => {
    store = await startEmbeddedStore({ password: 'a-test-password-of-some-length' });
  });
  after(async () => {
    await store?.stop();
  });

  it('lets a client with the password in, as PostgreSQL does (SCRAM-SHA-256)', async () => {
    assert.match(
      store.url,
      /^postgres:\/\/postgres:a-test-password-of-some-length@127\.0\.0\.1:\d+\/postgres$/,
    );
    const client = new Client({ connectionString: store.url });
    await client.connect();
    assert.deepEqual((await client.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    await client.end();
  });

  it('refuses a wrong password with 28P01', async () => {
    const client = new Client({ connectionString: store.url.replace(/:[^:@/]+@/, ':not-the-password@') });
    await assert.rejects(client.connect(), (err: { code?: string }) => err.code === '28P01');
  });

  it('answers a client that skips authentication with a fatal error, never a row', async () => {
    const answer = await rawExchange(store.port, [startupMessage(), queryMessage('SELECT 42 AS answer')]);
    const seen = types(answer);
    assert.equal(seen[0], 'R', 'it asks for authentication first');
    assert.equal(answer.readInt32BE(5), 10, 'SASL');
    assert.match(answer.toString('latin1'), /SCRAM-SHA-256/);
    assert.ok(seen.includes('E'), `a fatal error: ${seen.join(',')}`);
    assert.ok(!seen.includes('T') && !seen.includes('D'), `no rows: ${seen.join(',')}`);
    assert.match(answer.toString('latin1'), /28P01/);
  });

  it('`npm run up` generates the password once into the data folder, 0600', () => {
    const dir = tempDir('store-password');
    try {
      const first = storePassword(dir);
      assert.ok(first.length >= 32, 'a generated password');
      assert.equal(storePassword(dir), first, 'kept across starts');
      assert.equal(fs.statSync(path.join(dir, 'store-password')).mode & 0o777, 0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start without a real password', async () => {
    await assert.rejects(startEmbeddedStore({ password: 'short' }), /password/);
  });
});
