// What each language supplies for the customer-facing messages. A language file is written by
// hand, sentence by sentence, rather than filled from one template with swapped words: word order,
// grammatical gender and politeness differ too much for that to read naturally.
import type { Block, Inline, Segment } from '../blocks';
import type { CustomerMessageKind, MessageOf, Outcome, TimelineKind } from '../types';

/** Formatting bound to the reader's language and time zone. */
export interface Helpers {
  /** Date and time, for near deadlines ("by 6 March 2026 at 14:30"). */
  dateTime(iso: string, field?: string): string;
  /** The day only, for resolution dates and expiry. */
  day(iso: string, field?: string): string;
  money(amount: number, currency: string): string;
  percent(value: number): string;
  /** The case reference, kept left-to-right in Hebrew prose. */
  ref: Segment;
  /** A printed letter, not an e-mail: nobody can "reply to this e-mail" to paper. */
  paper?: boolean;
}

export interface Draft {
  /** Without the reference: the renderer appends "[CD-…]" to every subject. */
  subject: string;
  blocks: Block[];
  /** Formal letters get the formal greeting and sign-off. */
  formal?: boolean;
  /** Link to the status page after the body; default true when the message has one. */
  statusLink?: boolean;
}

export type CustomerTemplates = {
  [K in CustomerMessageKind]: (m: MessageOf<K>, h: Helpers) => Draft;
};

export interface CustomerPack {
  /** `name` may be empty: then a greeting without a name. */
  greeting(name: string, formal: boolean): string;
  signOff(formal: boolean): string;
  /** Small print under every message: keep the reference when replying. */
  footer(ref: Segment): Inline;
  statusLinkLabel: string;
  outcomes: Record<Outcome, string>;
  timeline: Record<TimelineKind, string>;
  templates: CustomerTemplates;
  /**
   * A printed letter cannot be answered by replying to it: each pair turns the e-mail's words for
   * that (first) into the letter's (second), applied in order to the letter's paragraphs.
   */
  paperWording: readonly (readonly [string, string])[];
  /**
   * Applied after `paperWording` when the letterhead prints no postal address of ours: each pair
   * turns a phrase that points to "the address at the top of this letter" into one that stays true
   * without it.
   */
  paperWordingWithoutAddress: readonly (readonly [string, string])[];
  /** On a printed letter, where the e-mail has its status-page button: the page's address spelled out. */
  statusOnPaper(url: string): Inline;
  /** The same for a message sent in a messenger chat (#20): "reply to this e-mail" becomes "reply in this chat". */
  chatWording: readonly (readonly [string, string])[];
  /** A messenger's words outside any case (#20, docs/telegram.md). */
  chat: ChatWords;
}

export interface ChatWords {
  /**
   * The short public answer under a complaint written in a group: thanks, and the private chat to go
   * on in (the link), so that nothing personal is asked or told in public. `name` may be empty.
   */
  publicAcknowledgement(name: string, link: string): string;
  /** The answer to /start without a complaint: what to write to open one. */
  welcome: string;
  /** The answer to /start in a chat whose complaint is open: which one, and who handles it. */
  openCase(reference: string, ownerName: string): string;
  /** What a case records for a file without a caption, or a kind of message we cannot read. */
  photo: string;
  document(fileName?: string): string;
  unsupported(kind: string): string;
  empty: string;
}
