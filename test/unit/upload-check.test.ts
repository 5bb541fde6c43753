// Uploads are what their content is: the public form's parser keeps a file with the type its first
// bytes show (from the allow-list), refuses anything else whatever the client declared, and keeps
// its name as a visible label with the type's extension (no bidi overrides, no folders).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createTelegramActivities } from '../../activities/telegram';
import { parseForm, type ParsedForm } from '../../api/public-form/multipart';
import type { AttachmentStore } from '../../infra/attachments';
import type { TelegramClient } from '../../infra/telegram';
import { cleanFileName, sniffType } from '../../infra/upload-check';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic')]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');

describe('upload checks', () => {
  it('sniffs the allowed types from content', () => {
    assert.equal(sniffType(PNG), 'image/png');
    assert.equal(sniffType(JPEG), 'image/jpeg');
    assert.equal(sniffType(Buffer.from('GIF89a\x01\x00\x01\x00')), 'image/gif');
    assert.equal(sniffType(WEBP), 'image/webp');
    assert.equal(sniffType(HEIC), 'image/heic');
    assert.equal(sniffType(PDF), 'application/pdf');
    assert.equal(sniffType(Buffer.from('Order 123: the lamp arrived broken.\r\nMaria')), 'text/plain');
    assert.equal(sniffType(Buffer.from('\uFEFFZamówienie nr 5 — szkło pęknięte.')), 'text/plain');
  });

  it('refuses markup, programs, archives and binary whatever the name or declared type', () => {
    for (const [what, data] of [
      ['HTML', HTML],
      ['SVG', Buffer.from('  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
      ['XML', Buffer.from('<?xml version="1.0"?><x/>')],
      ['a Windows program', Buffer.from('MZ\x90\x00\x03')],
      ['an ELF program', Buffer.from('\x7fELF\x02\x01', 'latin1')],
      ['a zip (docx)', Buffer.from('PK\x03\x04\x14\x00', 'latin1')],
      ['a script', Buffer.from('#!/bin/sh\nrm -rf /\n')],
      ['binary', Buffer.from([0, 1, 2, 3, 250, 251])],
      ['Latin-1 text (not UTF-8)', Buffer.from('caf\xe9', 'latin1')],
      ['nothing', Buffer.alloc(0)],
    ] as const)
      assert.equal(sniffType(data), undefined, what);
  });

  it('keeps a name as a visible label with the type’s extension', () => {
    assert.equal(cleanFileName('invoice\u202Efdp.exe', 'application/pdf'), 'invoicefdp.exe.pdf');
    assert.equal(cleanFileName('\u2067photo\u2069\u200B.jpg', 'image/jpeg'), 'photo.jpg');
    assert.equal(cleanFileName('C:\\Users\\maria\\Desktop\\lamp.PNG', 'image/png'), 'lamp.PNG');
    assert.equal(cleanFileName('../../etc/passwd', 'text/plain'), 'passwd.txt');
    assert.equal(cleanFileName('report.html', 'text/plain'), 'report.html.txt');
    assert.equal(cleanFileName('scan', 'image/heic'), 'scan.heic');
    assert.equal(cleanFileName('  ...  ', 'image/gif'), 'attachment.gif');
    assert.equal(cleanFileName('a<b>:c?.pdf', 'application/pdf'), 'a_b__c_.pdf');
    assert.equal(cleanFileName('Zdje\u0328cie.jpg', 'image/jpeg'), 'Zdjęcie.jpg', 'NFC');
    const long = cleanFileName(`${'x'.repeat(300)}.pdf`, 'application/pdf');
    assert.ok(long.length <= 120 && long.endsWith('.pdf'), long);
  });

  describe('the public form’s parser', () => {
    let server: http.Server;
    let url: string;
    before(async () => {
      const app = express();
      app.post('/', (req, res) => {
        parseForm(req, { fileBytes: 100_000, files: 3, totalBytes: 200_000 }).then(
          (form) =>
            res.end(
              JSON.stringify({ ...form, files: form.files.map((f) => ({ ...f, data: f.data.length })) }),
            ),
          (err: Error) => res.status(400).end(err.message),
        );
      });
      server = http.createServer(app);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((r) => server.close(() => r())));

    async function post(files: { name: string; type: string; data: Buffer }[]) {
      const form = new FormData();
      form.set('name', 'Maria');
      for (const f of files) form.append('attachments', new Blob([f.data], { type: f.type }), f.name);
      const res = await fetch(url, { method: 'POST', body: form });
      return (await res.json()) as Omit<ParsedForm, 'files'> & { files: { name: string; type: string }[] };
    }

    it('keeps the sniffed type, not the declared one, and refuses HTML declared as a photo', async () => {
      const parsed = await post([
        { name: 'lamp.png', type: 'application/octet-stream', data: PNG },
        { name: 'receipt.txt', type: 'image/png', data: Buffer.from('Paid 120 PLN on 2 May.') },
        { name: 'photo.png', type: 'image/png', data: HTML },
      ]);
      assert.deepEqual(
        parsed.files.map((f) => [f.name, f.type]),
        [
          ['lamp.png', 'image/png'],
          ['receipt.txt', 'text/plain'],
        ],
      );
      assert.deepEqual(parsed.problems, ['file-type']);
    });

    it('strips bidi controls from names', async () => {
      const parsed = await post([{ name: 'invoice\u202Efdp.exe', type: 'application/pdf', data: PDF }]);
      assert.deepEqual(
        parsed.files.map((f) => f.name),
        ['invoicefdp.exe.pdf'],
      );
    });
  });

  describe('a Telegram customer’s files', () => {
    // The sender's client declares a document's name and type (Telegram passes both on untouched):
    // the case keeps what the content is, as the public form does (#19 item 11 on the channel #20 added).
    async function fetched(
      files: { name?: string; type?: string; data: Buffer; role?: 'photo' | 'document' }[],
    ) {
      const stored: { name: string; type: string; data: Buffer }[] = [];
      const attachments: AttachmentStore = {
        put(_workflowId, file) {
          stored.push(file);
          return Promise.resolve({
            id: `a${String(stored.length).padStart(32, '0')}`,
            name: file.name,
            type: file.type,
            size: file.data.length,
          });
        },
        get: () => Promise.resolve(undefined),
      };
      const client = {
        getFile: (fileId: string) =>
          Promise.resolve({ file_id: fileId, file_unique_id: fileId, file_path: `documents/${fileId}` }),
        downloadFile: (file: { file_id: string } | string) =>
          Promise.resolve(files[Number(typeof file === 'string' ? file : file.file_id)].data),
      } as unknown as TelegramClient;
      const result = await createTelegramActivities({ client, attachments }).fetchMessengerFiles({
        caseId: 'c1',
        workflowId: 'complaint-c1',
        files: files.map((f, i) => ({
          role: f.role ?? 'document',
          fileId: String(i),
          ...(f.name !== undefined ? { fileName: f.name } : {}),
          ...(f.type !== undefined ? { mimeType: f.type } : {}),
        })),
      });
      return { result, stored };
    }

    it('keeps the sniffed type and a clean name, and refuses HTML declared as a photo', async () => {
      const { result, stored } = await fetched([
        { name: 'photo.png', type: 'image/png', data: HTML },
        { name: 'invoice\u202Egnp.exe', type: 'image/png', data: PDF },
        { name: 'lamp', type: 'application/octet-stream', data: PNG },
        { role: 'photo', data: JPEG },
      ]);
      assert.deepEqual(
        stored.map((f) => [f.name, f.type]),
        [
          ['invoicegnp.exe.pdf', 'application/pdf'],
          ['lamp.png', 'image/png'],
          ['telegram-photo-4.jpg', 'image/jpeg'],
        ],
      );
      assert.deepEqual(
        result.attachments.map((a) => a.type),
        ['application/pdf', 'image/png', 'image/jpeg'],
      );
      assert.match(result.failed ?? '', /^document 1: /);
      assert.ok(!(result.failed ?? '').includes('photo.png'), 'names no file (a name can be personal data)');
    });
  });
});
