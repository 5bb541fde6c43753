// The sandbox's durable state: one JSON file per accepted message (written atomically, so a crash
// never leaves half a message) and a plain-text list of inactive recipients a person can edit.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { ensurePrivateDir, writeFileAtomic } from '../infra/files';
import path from 'node:path';
import type { AcceptedEmail } from './message';

export interface StoredMessage extends AcceptedEmail {
  MessageID: string;
  /** When the sandbox accepted it (ISO 8601, UTC). */
  ReceivedAt: string;
  /** Monotonic across restarts; orders messages accepted within the same millisecond. */
  Sequence: number;
  Status: 'Sent';
  /** Recipients dropped because they were inactive while others on the message were not. */
  InactiveRecipientsSkipped: string[];
}

export interface MessageFilter {
  /** Matches any To, Cc or Bcc address, case-insensitively. */
  recipient?: string;
  fromEmail?: string;
  tag?: string;
  /** Substring of the subject, case-insensitively (as Postmark's search does). */
  subject?: string;
  messageStream?: string;
  /** Each [key, value] must match Metadata; keys case-insensitively, values exactly. */
  metadata?: Array<[string, string]>;
  fromDate?: Date;
  toDate?: Date;
}

export function recipientsOf(m: AcceptedEmail): string[] {
  return [...m.ToAddresses, ...m.CcAddresses, ...m.BccAddresses].map((a) => a.Email);
}

export function matchesFilter(m: StoredMessage, f: MessageFilter): boolean {
  const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (f.recipient && !recipientsOf(m).some((r) => eq(r, f.recipient!))) return false;
  if (f.fromEmail) {
    const fromAddress = /<([^<>]*)>\s*$/.exec(m.From)?.[1] ?? m.From;
    if (!eq(fromAddress.trim(), f.fromEmail)) return false;
  }
  if (f.tag && !eq(m.Tag, f.tag)) return false;
  if (f.subject && !m.Subject.toLowerCase().includes(f.subject.toLowerCase())) return false;
  if (f.messageStream && !eq(m.MessageStream, f.messageStream)) return false;
  for (const [key, value] of f.metadata ?? []) {
    const actual = Object.entries(m.Metadata).find(([k]) => eq(k, key))?.[1];
    if (actual !== value) return false;
  }
  const received = new Date(m.ReceivedAt).getTime();
  if (f.fromDate && received < f.fromDate.getTime()) return false;
  if (f.toDate && received > f.toDate.getTime()) return false;
  return true;
}

export class MessageStore {
  private readonly dir: string;
  private readonly messages = new Map<string, StoredMessage>();
  private nextSequence = 1;

  /** Loads what earlier runs accepted; synchronous so the app can be built without awaiting. */
  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'messages');
    ensurePrivateDir(this.dir);
    for (const name of fs.readdirSync(this.dir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const m = JSON.parse(fs.readFileSync(path.join(this.dir, name), 'utf8')) as StoredMessage;
        this.messages.set(m.MessageID, m);
        this.nextSequence = Math.max(this.nextSequence, m.Sequence + 1);
      } catch {
        // A file someone edited into invalid JSON should not stop the inbox from starting.
      }
    }
  }

  async add(email: AcceptedEmail, inactiveSkipped: string[] = []): Promise<StoredMessage> {
    const message: StoredMessage = {
      ...email,
      MessageID: randomUUID(),
      ReceivedAt: new Date().toISOString(),
      Sequence: this.nextSequence++,
      Status: 'Sent',
      InactiveRecipientsSkipped: inactiveSkipped,
    };
    // Persist before acknowledging: "accepted" must mean "survives a restart".
    await writeFileAtomic(path.join(this.dir, `${message.MessageID}.json`), JSON.stringify(message, null, 2));
    this.messages.set(message.MessageID, message);
    return message;
  }

  get(id: string): StoredMessage | undefined {
    return this.messages.get(id);
  }

  /** Newest first. */
  list(filter: MessageFilter = {}): StoredMessage[] {
    return [...this.messages.values()]
      .filter((m) => matchesFilter(m, filter))
      .sort((a, b) => b.Sequence - a.Sequence);
  }

  get size(): number {
    return this.messages.size;
  }

  /** Deletes every message; returns how many there were. */
  async clear(): Promise<number> {
    const ids = [...this.messages.keys()];
    this.messages.clear();
    await Promise.all(ids.map((id) => fsp.rm(path.join(this.dir, `${id}.json`), { force: true })));
    return ids.length;
  }
}

/**
 * Addresses Postmark would refuse as inactive (hard bounce, spam complaint, manual suppression).
 * The file holds one address per line ('#' starts a comment); changes made at runtime are written back.
 */
export class InactiveRecipients {
  private readonly set = new Set<string>();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    initial: string[] = [],
  ) {
    ensurePrivateDir(path.dirname(file));
    if (fs.existsSync(file)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        const address = line.replace(/#.*/, '').trim();
        if (address) this.set.add(address.toLowerCase());
      }
    }
    for (const address of initial) if (address.trim()) this.set.add(address.trim().toLowerCase());
  }

  has(address: string): boolean {
    return this.set.has(address.trim().toLowerCase());
  }

  list(): string[] {
    return [...this.set].sort();
  }

  async add(addresses: string[]): Promise<void> {
    for (const a of addresses) if (a.trim()) this.set.add(a.trim().toLowerCase());
    await this.save();
  }

  async remove(addresses: string[]): Promise<void> {
    for (const a of addresses) this.set.delete(a.trim().toLowerCase());
    await this.save();
  }

  async replace(addresses: string[]): Promise<void> {
    this.set.clear();
    await this.add(addresses);
  }

  // Serialized so two quick changes cannot finish writing in the wrong order.
  private save(): Promise<void> {
    const content =
      '# Inactive recipients of the Postmark sandbox: one address per line.\n' +
      this.list().join('\n') +
      '\n';
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.file, content));
    return this.writing;
  }
}
