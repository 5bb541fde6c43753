// The Telegram sandbox's durable state, kept like the Postmark sandbox's: files in its data folder
// (default <DATA_DIR>/telegram-sandbox), loaded at start, each change written (atomically) before it
// is acknowledged. state.json holds the bot's webhook, the chats and every message either way; the
// files customers sent are in files/ (one file per upload). Only the switchable failures live in
// memory, like the Postmark sandbox's outage switch.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ensurePrivateDir, PRIVATE_FILE_MODE, writeFileAtomic } from '../../infra/files';

export interface SandboxUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface SandboxChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
  /** A private chat's customer blocked the bot: sendMessage answers 403 until unblocked. */
  blocked: boolean;
  /** Message ids count per chat, for both sides, as in Telegram. */
  lastMessageId: number;
}

export interface PhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size: number;
}

export interface DocumentRef {
  file_id: string;
  file_unique_id: string;
  file_name: string;
  mime_type: string;
  file_size: number;
}

/** One try to deliver an update to the bot's webhook, and what the webhook answered. */
export interface Delivery {
  at: string;
  url: string;
  /** Which X-Telegram-Bot-Api-Secret-Token was sent: the registered one, another one, or none. */
  secret: 'right' | 'wrong' | 'missing';
  /** The webhook's HTTP status; null when it did not answer. */
  status: number | null;
  /** The start of the webhook's answer, or why there was none. */
  answer: string;
}

/** One message of a chat, written by the customer (an update to the bot) or sent by the bot. */
export interface ChatEntry {
  seq: number;
  chatId: number;
  messageId: number;
  /** Unix time, as in Telegram. */
  date: number;
  direction: 'customer' | 'bot';
  from: SandboxUser;
  text?: string;
  caption?: string;
  photo?: PhotoSize[];
  document?: DocumentRef;
  /** The bot's reply_parameters.message_id, when it answered a particular message. */
  replyToMessageId?: number;
  /** The bot's parse_mode, kept to show what it asked for (the text is shown as sent). */
  parseMode?: string;
  /** Customer messages: the update that carries it, its body, and each delivery of it. */
  updateId?: number;
  update?: Record<string, unknown>;
  deliveries?: Delivery[];
  /** Customer messages kept back to be delivered later (out of order). */
  held?: boolean;
}

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_path: string;
  mime_type: string;
  file_name?: string;
  /** The bytes, in files/<blob>. Several file ids (a photo's sizes) may share one. */
  blob: string;
}

export interface WebhookRegistration {
  url: string;
  secretToken?: string;
  maxConnections: number;
  allowedUpdates?: string[];
  setAt: string;
}

interface State {
  nextUpdateId: number;
  nextUserId: number;
  nextFileNo: number;
  nextSeq: number;
  webhook: WebhookRegistration | null;
  chats: SandboxChat[];
  entries: ChatEntry[];
  files: StoredFile[];
}

const emptyState = (): State => ({
  // Telegram's update ids "start from a certain positive number"; any will do.
  nextUpdateId: 100_000_001,
  nextUserId: 5_000_000_001,
  nextFileNo: 0,
  nextSeq: 1,
  webhook: null,
  chats: [],
  entries: [],
  files: [],
});

export class TelegramSandboxStore {
  private state: State;
  private readonly stateFile: string;
  private readonly filesDir: string;
  private writing: Promise<void> = Promise.resolve();

  /** Loads what earlier runs kept; synchronous so the app can be built without awaiting. */
  constructor(readonly dataDir: string) {
    this.stateFile = path.join(dataDir, 'state.json');
    this.filesDir = path.join(dataDir, 'files');
    ensurePrivateDir(this.filesDir);
    this.state = emptyState();
    try {
      this.state = { ...emptyState(), ...(JSON.parse(fs.readFileSync(this.stateFile, 'utf8')) as State) };
    } catch {
      // No state yet, or a file edited into invalid JSON: start empty rather than not at all.
    }
  }

  get webhook(): WebhookRegistration | null {
    return this.state.webhook;
  }

  chats(): SandboxChat[] {
    return [...this.state.chats];
  }

  chat(id: number): SandboxChat | undefined {
    return this.state.chats.find((c) => c.id === id);
  }

  chatByUsername(username: string): SandboxChat | undefined {
    const name = username.replace(/^@/, '').toLowerCase();
    return this.state.chats.find((c) => c.username?.toLowerCase() === name);
  }

  /** The chat's messages, oldest first. */
  entries(chatId?: number): ChatEntry[] {
    return this.state.entries.filter((e) => chatId === undefined || e.chatId === chatId);
  }

  entryOfUpdate(updateId: number): ChatEntry | undefined {
    return this.state.entries.find((e) => e.updateId === updateId);
  }

  file(fileId: string): StoredFile | undefined {
    return this.state.files.find((f) => f.file_id === fileId);
  }

  fileByPath(filePath: string): StoredFile | undefined {
    return this.state.files.find((f) => f.file_path === filePath);
  }

  readBlob(file: StoredFile): Promise<Buffer> {
    return fsp.readFile(path.join(this.filesDir, file.blob));
  }

  takeUserId(): number {
    return this.state.nextUserId++;
  }

  takeUpdateId(): number {
    return this.state.nextUpdateId++;
  }

  async setWebhook(webhook: WebhookRegistration | null): Promise<void> {
    this.state.webhook = webhook;
    await this.save();
  }

  async upsertChat(chat: SandboxChat): Promise<SandboxChat> {
    const i = this.state.chats.findIndex((c) => c.id === chat.id);
    if (i >= 0) this.state.chats[i] = chat;
    else this.state.chats.push(chat);
    await this.save();
    return chat;
  }

  /** Adds a message with the chat's next message id and the next sequence number. */
  async addEntry(entry: Omit<ChatEntry, 'seq' | 'messageId'>): Promise<ChatEntry> {
    const chat = this.chat(entry.chatId);
    if (!chat) throw new Error(`No chat ${entry.chatId}`);
    chat.lastMessageId += 1;
    const stored: ChatEntry = { ...entry, seq: this.state.nextSeq++, messageId: chat.lastMessageId };
    this.state.entries.push(stored);
    await this.save();
    return stored;
  }

  async updateEntry(entry: ChatEntry): Promise<void> {
    const i = this.state.entries.findIndex((e) => e.seq === entry.seq);
    if (i >= 0) this.state.entries[i] = entry;
    await this.save();
  }

  /**
   * Keeps an upload: the bytes once, and a file id for each of `variants` (a photo's sizes share the
   * bytes). Returns the stored files in the order of the variants.
   */
  async addFile(
    bytes: Buffer,
    meta: { mimeType: string; fileName?: string; folder: 'photos' | 'documents' },
    variants = 1,
  ): Promise<StoredFile[]> {
    const blob = randomUUID();
    const tmp = path.join(this.filesDir, `${blob}.tmp`);
    await fsp.writeFile(tmp, bytes, { mode: PRIVATE_FILE_MODE });
    await fsp.rename(tmp, path.join(this.filesDir, blob));
    const extension =
      /\.([A-Za-z0-9]{1,8})$/.exec(meta.fileName ?? '')?.[1]?.toLowerCase() ?? extensionOf(meta.mimeType);
    const files: StoredFile[] = [];
    for (let i = 0; i < variants; i++) {
      const no = this.state.nextFileNo++;
      const unique = `AQAD${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      files.push({
        // Shaped like Telegram's opaque ids; nothing reads meaning into them.
        file_id: `${meta.folder === 'photos' ? 'AgAC' : 'BQAC'}${randomUUID().replace(/-/g, '')}`,
        file_unique_id: unique,
        file_size: bytes.length,
        file_path: `${meta.folder}/file_${no}.${extension}`,
        mime_type: meta.mimeType,
        ...(meta.fileName ? { file_name: meta.fileName } : {}),
        blob,
      });
    }
    this.state.files.push(...files);
    await this.save();
    return files;
  }

  /** Forgets every chat, message and file; the webhook stays registered (the bot set it). */
  async clear(): Promise<number> {
    const count = this.state.entries.length;
    const blobs = new Set(this.state.files.map((f) => f.blob));
    this.state = { ...emptyState(), webhook: this.state.webhook };
    await this.save();
    await Promise.all([...blobs].map((b) => fsp.rm(path.join(this.filesDir, b), { force: true })));
    return count;
  }

  // Serialized so two quick changes cannot finish writing in the wrong order.
  private save(): Promise<void> {
    const content = JSON.stringify(this.state, null, 1);
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.stateFile, content));
    return this.writing;
  }
}

function extensionOf(mimeType: string): string {
  return (
    {
      'image/jpeg': 'jpg',
      'image/png': 'png',
      'image/gif': 'gif',
      'image/webp': 'webp',
      'application/pdf': 'pdf',
      'text/plain': 'txt',
    }[mimeType] ?? 'bin'
  );
}
