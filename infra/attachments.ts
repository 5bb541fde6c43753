// Files a customer attaches on the public form. They are personal data, so they are kept like the
// case's payloads: sealed (AES-256-GCM) with the case's own data key (infra/codec), in
// <DATA_DIR>/attachments/<case key id>/<attachment id>. The file name and type are sealed with the
// content; nothing readable is left on disk. Erasing the case destroys its key, and with it every
// attachment (crypto-shredding), with nothing more to delete. Written (and synced) before the case
// starts, so a case never names an attachment that is not on disk.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { caseKeyId, type CaseKeyStore } from './codec/case-keys';
import { open, seal } from './codec/aes';
import { createFileExclusive, ensurePrivateDirAsync } from './files';

export interface AttachmentMeta {
  /** Content address: the same file attached twice (a double submit) is stored once. */
  id: string;
  name: string;
  type: string;
  size: number;
}

export interface AttachmentStore {
  put(workflowId: string, file: { name: string; type: string; data: Buffer }): Promise<AttachmentMeta>;
  /** undefined when there is no such attachment; throws CaseKeyDestroyedError once the case was erased. */
  get(workflowId: string, id: string): Promise<{ meta: AttachmentMeta; data: Buffer } | undefined>;
}

export const ATTACHMENT_ID = /^a[0-9a-f]{32}$/;

const aad = (keyId: string, id: string) => `complaint-desk/attachment/${keyId}/${id}`;

export function fileAttachmentStore(dir: string, keys: CaseKeyStore): AttachmentStore {
  const fileOf = (keyId: string, id: string) => path.join(dir, keyId, id);
  return {
    async put(workflowId, file) {
      const id = `a${crypto.createHash('sha256').update(file.data).update(file.name).digest('hex').slice(0, 32)}`;
      const { id: keyId, key } = await keys.keyForEncode(workflowId);
      const header = Buffer.from(JSON.stringify({ name: file.name, type: file.type }), 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(header.length);
      const sealed = seal(key, Buffer.concat([length, header, file.data]), aad(keyId, id));
      await ensurePrivateDirAsync(path.join(dir, keyId));
      // Already there: the same file from the same case (a repeated submit); keep the first.
      await createFileExclusive(fileOf(keyId, id), sealed.toString('base64'));
      return { id, name: file.name, type: file.type, size: file.data.length };
    },
    async get(workflowId, id) {
      if (!ATTACHMENT_ID.test(id)) return undefined;
      const keyId = caseKeyId(workflowId);
      let text: string;
      try {
        text = await fsp.readFile(fileOf(keyId, id), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      const key = await keys.keyForDecode(keyId);
      const plain = open(key, Buffer.from(text, 'base64'), aad(keyId, id));
      const headerLength = plain.readUInt32BE(0);
      const header = JSON.parse(plain.subarray(4, 4 + headerLength).toString('utf8')) as {
        name: string;
        type: string;
      };
      const data = plain.subarray(4 + headerLength);
      return { meta: { id, name: header.name, type: header.type, size: data.length }, data };
    },
  };
}
