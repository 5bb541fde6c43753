// Validation of Postmark's "send email" JSON, mirroring the checks the real API makes so a request the
// sandbox accepts is one Postmark would accept too (and the errors carry Postmark's ErrorCodes).
import { PostmarkErrorCode } from './constants';

export interface MailAddress {
  Email: string;
  Name: string;
}

export interface MessageHeader {
  Name: string;
  Value: string;
}

export interface AttachmentSummary {
  Name: string;
  ContentType: string;
  ContentLength: number;
  ContentID: string | null;
}

/** A message as Postmark received it, after validation. Field names follow Postmark's casing. */
export interface AcceptedEmail {
  From: string;
  To: string;
  Cc: string;
  Bcc: string;
  ReplyTo: string;
  Subject: string;
  HtmlBody: string;
  TextBody: string;
  Tag: string;
  Metadata: Record<string, string>;
  MessageStream: string;
  Headers: MessageHeader[];
  TrackOpens: boolean;
  TrackLinks: string;
  Attachments: AttachmentSummary[];
  ToAddresses: MailAddress[];
  CcAddresses: MailAddress[];
  BccAddresses: MailAddress[];
}

export interface PostmarkApiError {
  ErrorCode: number;
  Message: string;
}

export type ValidationResult = { ok: true; email: AcceptedEmail } | { ok: false; error: PostmarkApiError };

// Postmark's documented ceiling for To + Cc + Bcc on one message.
const MAX_RECIPIENTS = 50;

// Deliberately plain: a local part, an @, and a domain with at least one dot, no spaces or brackets.
const EMAIL_PATTERN = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

export function isValidEmail(address: string): boolean {
  return EMAIL_PATTERN.test(address);
}

/** Splits "A <a@x.io>, "Doe, J" <j@x.io>" on the commas that are outside quotes and angle brackets. */
export function splitAddressList(list: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  let inAngle = false;
  for (const ch of list) {
    if (ch === '"' && !inAngle) inQuotes = !inQuotes;
    else if (ch === '<' && !inQuotes) inAngle = true;
    else if (ch === '>' && !inQuotes) inAngle = false;
    if ((ch === ',' || ch === ';') && !inQuotes && !inAngle) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Parses one `Name <email>` or bare `email`; null when it is not an address Postmark would accept. */
export function parseAddress(raw: string): MailAddress | null {
  const trimmed = raw.trim();
  const angled = /^(.*)<([^<>]*)>\s*$/.exec(trimmed);
  const email = (angled ? angled[2] : trimmed).trim();
  const name = angled ? angled[1].trim().replace(/^"(.*)"$/, '$1') : '';
  return isValidEmail(email) ? { Email: email, Name: name } : null;
}

function illegalAddress(field: string, address: string): PostmarkApiError {
  const hint = address.includes('@') ? '' : " It must contain the '@' symbol.";
  return {
    ErrorCode: PostmarkErrorCode.InvalidEmailRequest,
    Message: `Error parsing '${field}': Illegal email address '${address}'.${hint}`,
  };
}

function invalid(message: string): { ok: false; error: PostmarkApiError } {
  return { ok: false, error: { ErrorCode: PostmarkErrorCode.InvalidEmailRequest, Message: message } };
}

function optionalString(body: Record<string, unknown>, field: string): string | PostmarkApiError {
  const value = body[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    return { ErrorCode: PostmarkErrorCode.InvalidJson, Message: `'${field}' must be a string.` };
  }
  return value;
}

function isApiError(value: unknown): value is PostmarkApiError {
  return typeof value === 'object' && value !== null && 'ErrorCode' in value;
}

function parseList(field: string, value: string): MailAddress[] | PostmarkApiError {
  const result: MailAddress[] = [];
  for (const part of splitAddressList(value)) {
    const parsed = parseAddress(part);
    if (!parsed) return illegalAddress(field, part);
    result.push(parsed);
  }
  return result;
}

/** Checks one message of POST /email or POST /email/batch. */
export function validateEmail(input: unknown): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      error: { ErrorCode: PostmarkErrorCode.InvalidJson, Message: 'Received invalid JSON input.' },
    };
  }
  const body = input as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const field of [
    'From',
    'To',
    'Cc',
    'Bcc',
    'ReplyTo',
    'Subject',
    'HtmlBody',
    'TextBody',
    'Tag',
    'MessageStream',
    'TrackLinks',
  ]) {
    const value = optionalString(body, field);
    if (isApiError(value)) return { ok: false, error: value };
    fields[field] = value;
  }

  if (fields.From.trim() === '') return invalid("Invalid 'From' value.");
  const from = parseAddress(fields.From);
  if (!from || splitAddressList(fields.From).length !== 1) {
    return invalid(`Invalid 'From' address: '${fields.From}'.`);
  }

  const lists: Record<'To' | 'Cc' | 'Bcc', MailAddress[]> = { To: [], Cc: [], Bcc: [] };
  for (const field of ['To', 'Cc', 'Bcc'] as const) {
    const parsed = parseList(field, fields[field]);
    if (isApiError(parsed)) return { ok: false, error: parsed };
    lists[field] = parsed;
  }
  const recipientCount = lists.To.length + lists.Cc.length + lists.Bcc.length;
  if (recipientCount === 0) return invalid('Zero recipients specified');
  if (recipientCount > MAX_RECIPIENTS) {
    return invalid(`Too many recipients: ${recipientCount}. A message can have at most ${MAX_RECIPIENTS}.`);
  }

  if (fields.ReplyTo !== '') {
    const replyTo = parseList('ReplyTo', fields.ReplyTo);
    if (isApiError(replyTo)) return { ok: false, error: replyTo };
  }

  if (fields.HtmlBody === '' && fields.TextBody === '') {
    return invalid('Provide either email TextBody or HtmlBody or both.');
  }

  const metadata = validateMetadata(body.Metadata);
  if (isApiError(metadata)) return { ok: false, error: metadata };

  const headers = validateHeaders(body.Headers);
  if (isApiError(headers)) return { ok: false, error: headers };

  const attachments = summarizeAttachments(body.Attachments);
  if (isApiError(attachments)) return { ok: false, error: attachments };

  return {
    ok: true,
    email: {
      From: fields.From,
      To: fields.To,
      Cc: fields.Cc,
      Bcc: fields.Bcc,
      ReplyTo: fields.ReplyTo,
      Subject: fields.Subject,
      HtmlBody: fields.HtmlBody,
      TextBody: fields.TextBody,
      Tag: fields.Tag,
      Metadata: metadata,
      // Postmark sends through the default transactional stream when none is named.
      MessageStream: fields.MessageStream || 'outbound',
      Headers: headers,
      TrackOpens: body.TrackOpens === true,
      TrackLinks: fields.TrackLinks || 'None',
      Attachments: attachments,
      ToAddresses: lists.To,
      CcAddresses: lists.Cc,
      BccAddresses: lists.Bcc,
    },
  };
}

function validateMetadata(value: unknown): Record<string, string> | PostmarkApiError {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ErrorCode: PostmarkErrorCode.InvalidEmailRequest, Message: "'Metadata' must be an object." };
  }
  const result: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    // Postmark rejects keys that differ only in case, because its metadata search ignores case.
    if (seen.has(key.toLowerCase())) {
      return {
        ErrorCode: PostmarkErrorCode.InvalidEmailRequest,
        Message: `Metadata key '${key}' is duplicated (keys are case-insensitive).`,
      };
    }
    seen.add(key.toLowerCase());
    if (typeof v !== 'string') {
      return {
        ErrorCode: PostmarkErrorCode.InvalidEmailRequest,
        Message: `Metadata value for '${key}' must be a string.`,
      };
    }
    result[key] = v;
  }
  return result;
}

function validateHeaders(value: unknown): MessageHeader[] | PostmarkApiError {
  if (value === undefined || value === null) return [];
  const bad = {
    ErrorCode: PostmarkErrorCode.InvalidEmailRequest,
    Message: "'Headers' must be a list of {Name, Value}.",
  };
  if (!Array.isArray(value)) return bad;
  const headers: MessageHeader[] = [];
  for (const h of value as unknown[]) {
    if (typeof h !== 'object' || h === null) return bad;
    const { Name, Value } = h as Record<string, unknown>;
    if (typeof Name !== 'string' || Name === '' || typeof Value !== 'string') return bad;
    headers.push({ Name, Value });
  }
  return headers;
}

// Attachments are accepted but only summarized: the inbox shows what was attached, not the bytes.
function summarizeAttachments(value: unknown): AttachmentSummary[] | PostmarkApiError {
  if (value === undefined || value === null) return [];
  const bad = {
    ErrorCode: PostmarkErrorCode.InvalidEmailRequest,
    Message: "'Attachments' must be a list of {Name, Content, ContentType}.",
  };
  if (!Array.isArray(value)) return bad;
  const result: AttachmentSummary[] = [];
  for (const a of value as unknown[]) {
    if (typeof a !== 'object' || a === null) return bad;
    const { Name, Content, ContentType, ContentID } = a as Record<string, unknown>;
    if (typeof Name !== 'string' || typeof Content !== 'string' || typeof ContentType !== 'string')
      return bad;
    result.push({
      Name,
      ContentType,
      ContentLength: Buffer.byteLength(Content, 'base64'),
      ContentID: typeof ContentID === 'string' ? ContentID : null,
    });
  }
  return result;
}
