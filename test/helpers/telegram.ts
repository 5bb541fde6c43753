// The Telegram webhook's side for tests: an API app with the webhook on a free port of 127.0.0.1,
// storing in the given database. Its Temporal client never connects: nothing reaches a case yet.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import type { Store } from '../../infra/store';
import { botIdOfToken } from '../../infra/telegram';
import { DEFAULT_TELEGRAM_SANDBOX_TOKEN } from '../../sandbox/telegram/constants';

export const SANDBOX_BOT_ID = botIdOfToken(DEFAULT_TELEGRAM_SANDBOX_TOKEN)!;

export interface WebhookApi {
  url: string;
  close(): Promise<void>;
}

export async function webhookApi(store: Store, webhookSecret: string | undefined): Promise<WebhookApi> {
  const app = createApp({
    client: new Client(),
    namespace: 'default',
    ownerLoad: false,
    log: () => undefined,
    metrics: false,
    // Storage only: this app's Temporal client never connects (cases: telegram-cases.test.ts).
    telegram: { webhookSecret, botId: SANDBOX_BOT_ID, store, handOver: false },
  });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A PNG of one colour (big enough to see in a screenshot), as a customer's photo. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
