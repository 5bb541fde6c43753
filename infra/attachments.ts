// Files a customer attaches on the public form. They are personal data, so they are kept like the
// case's payloads: sealed (AES-256-GCM) with the case's own data key (infra/codec), in the case
// store (case_attachments, by case key id and attachment id), so every API process serves them. The
// file name and type are sealed with the content; nothing readable is stored. Erasing the case
// destroys its key, and with it every attachment (crypto-shredding): a read then answers
// CaseKeyDestroyedError (410) and deletes the unreadable rows. Stored (committed) before the case
// starts, so a case never names an attachment that is not there. Earlier versions kept the sealed
// bytes in <DATA_DIR>/attachments/<case key id>/<attachment id>: importAttachmentFiles moves them in.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { CaseKeyDestroyedError, caseKeyId, type CaseKeyStore } from './codec/case-keys';
import { open, seal } from './codec/aes';
import { deleteAttachments, getAttachment, putAttachment, type Store } from './store';

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

export function storeAttachmentStore(store: Store, keys: CaseKeyStore): AttachmentStore {
  return {
    async put(workflowId, file) {
      const id = `a${crypto.createHash('sha256').update(file.data).update(file.name).digest('hex').slice(0, 32)}`;
      const { id: keyId, key } = await keys.keyForEncode(workflowId);
      const header = Buffer.from(JSON.stringify({ name: file.name, type: file.type }), 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(header.length);
      const sealed = seal(key, Buffer.concat([length, header, file.data]), aad(keyId, id));
      // Already there: the same file from the same case (a repeated submit); keep the first.
      await putAttachment(store, keyId, id, sealed);
      return { id, name: file.name, type: file.type, size: file.data.length };
    },
    async get(workflowId, id) {
      if (!ATTACHMENT_ID.test(id)) return undefined;
      const keyId = caseKeyId(workflowId);
      const sealed = await getAttachment(store, keyId, id);
      if (!sealed) return undefined;
      let key: Buffer;
      try {
        key = await keys.keyForDecode(keyId);
      } catch (err) {
        // Erased: the bytes can never be opened again; drop them (best effort) and say so.
        if (err instanceof CaseKeyDestroyedError) await deleteAttachments(store, keyId).catch(() => undefined);
        throw err;
      }
      const plain = open(key, sealed, aad(keyId, id));
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

/**
 * Moves the attachment files of earlier versions (<dir>/<case key id>/<attachment id>, the sealed
 * bytes in base64) into the store, as they are (still sealed). Idempotent: an attachment already
 * there is kept. Returns how many files were read; 0 when there is no such folder.
 */
export async function importAttachmentFiles(dir: string, store: Store): Promise<number> {
  let keyDirs: string[];
  try {
    keyDirs = await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let count = 0;
  for (const keyId of keyDirs) {
    let files: string[];
    try {
      files = await fsp.readdir(path.join(dir, keyId));
    } catch {
      continue; // not a folder
    }
    for (const id of files.filter((f) => ATTACHMENT_ID.test(f))) {
      const text = await fsp.readFile(path.join(dir, keyId, id), 'utf8');
      await putAttachment(store, keyId, id, Buffer.from(text, 'base64'));
      count++;
    }
  }
  return count;
}
