// Reads the public form (multipart/form-data, or urlencoded when no file input is sent) with busboy,
// within limits. A file over its limit, one too many, or one whose content is not of a type we take
// (infra/upload-check.ts: the declared type counts for nothing) is dropped and reported, while the text fields are still read: the page can then show the customer's own
// words again with the reason, and nothing they typed is lost. Only a body far beyond every limit is
// cut off (413) without reading it.
import busboy from 'busboy';
import type { Request } from 'express';
import { cleanFileName, sniffType } from '../../infra/upload-check';

export interface FormLimits {
  /** Bytes per attached file. */
  fileBytes: number;
  /** Files per form. */
  files: number;
  /** Bytes of all files together. */
  totalBytes: number;
}

export interface UploadedFile {
  name: string;
  type: string;
  data: Buffer;
}

export type FileProblem = 'file-too-large' | 'too-many-files' | 'file-type' | 'too-large';

export interface ParsedForm {
  fields: Record<string, string>;
  files: UploadedFile[];
  problems: FileProblem[];
}

/** Text fields: the description's 20,000 characters in UTF-8, with room to spare. */
const FIELD_BYTES = 100_000;
const FIELDS = 20;

export class FormBodyError extends Error {
  constructor(readonly reason: 'not-a-form' | 'too-large' | 'unreadable') {
    super(reason);
  }
}

/** Beyond this the body is not read at all (a form never needs it). */
export function hardLimit(limits: FormLimits): number {
  return limits.totalBytes + FIELD_BYTES * 2 + 64 * 1024;
}

export function parseForm(req: Request, limits: FormLimits): Promise<ParsedForm> {
  const type = req.get('content-type') ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type))
    return Promise.reject(new FormBodyError('not-a-form'));
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > hardLimit(limits))
    return Promise.reject(new FormBodyError('too-large'));
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    const problems = new Set<FileProblem>();
    let total = 0;
    let received = 0;
    /** Counted when a file starts (its content arrives later). */
    let taken = 0;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: {
          fileSize: limits.fileBytes,
          // One more than allowed, so "too many" can be told apart from "exactly enough".
          files: limits.files + 1,
          fields: FIELDS,
          fieldSize: FIELD_BYTES,
          parts: FIELDS + limits.files + 1,
        },
      });
    } catch {
      return reject(new FormBodyError('unreadable'));
    }
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > hardLimit(limits)) {
        req.unpipe(parser);
        req.resume();
        reject(new FormBodyError('too-large'));
      }
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) problems.add('too-large');
      else if (!(name in fields)) fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      // A file input left empty still sends a part with no name and no content.
      if (!info.filename) return void stream.resume();
      if (taken >= limits.files) {
        problems.add('too-many-files');
        return void stream.resume();
      }
      taken++;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => problems.add('file-too-large'));
      stream.on('close', () => {
        if ((stream as unknown as { truncated?: boolean }).truncated) return;
        const data = Buffer.concat(chunks);
        total += data.length;
        if (total > limits.totalBytes) return void problems.add('too-large');
        // The type its content shows, never the one the client declares.
        const type = sniffType(data);
        if (!type) return void problems.add('file-type');
        files.push({ name: cleanFileName(info.filename ?? '', type), type, data });
      });
    });
    parser.on('filesLimit', () => problems.add('too-many-files'));
    parser.on('fieldsLimit', () => problems.add('too-large'));
    parser.on('partsLimit', () => problems.add('too-large'));
    parser.on('error', () => reject(new FormBodyError('unreadable')));
    parser.on('close', () => resolve({ fields, files, problems: [...problems] }));
    req.on('error', () => reject(new FormBodyError('unreadable')));
    req.pipe(parser);
  });
}
