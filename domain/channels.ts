// The channels a complaint comes in on, and what each one lets us do, as data (issue #20). The
// lifecycle reads these limits instead of naming channels: whether we may write first, how long after
// the customer's last message we may still write freely (WhatsApp's 24 hours, after which only
// approved templates go), whether files come with messages, whether the channel is public, and
// whether it is answered around the clock (social channels: the policy's own clock for them).
// Pure data and functions: the workflow bundle imports this file.
import type { Channel } from './types';

export interface ChannelLimits {
  /** We may write to the customer before they wrote to us there (e-mail yes; Telegram: only after Start). */
  mayMessageFirst: boolean;
  /**
   * After the customer's last message, how long we may write anything (ms); absent: no window.
   * Outside it only `outsideWindow` sends are allowed (WhatsApp: 24 h, then templates only).
   */
  replyWindowMs?: number;
  /** What may go outside the reply window: nothing, or pre-approved templates only. */
  outsideWindow: 'anything' | 'template-only' | 'nothing';
  /** Customers can send files (photos, documents) that become attachments of the case. */
  attachments: boolean;
  /** Where the conversation is seen: private (one customer and us), public (posts), or both kinds of chat. */
  visibility: 'private' | 'public' | 'both';
  /** A social channel: its complaints follow the policy's social clock (24/7 by default), not office hours. */
  social: boolean;
  /** The customer is reached on it by a message we send ourselves (not a task for a person). */
  sendsMessages: boolean;
}

/** The channels we model, including ones not yet wired (WhatsApp), so the model is checked against them. */
export type ChannelKind = Channel | 'whatsapp';

const DAY = 86_400_000;

export const channelLimits: Record<ChannelKind, ChannelLimits> = {
  email: {
    mayMessageFirst: true,
    outsideWindow: 'anything',
    attachments: true,
    visibility: 'private',
    social: false,
    sendsMessages: true,
  },
  web: {
    mayMessageFirst: true,
    outsideWindow: 'anything',
    attachments: true,
    visibility: 'private',
    social: false,
    sendsMessages: true,
  },
  phone: {
    mayMessageFirst: true,
    outsideWindow: 'anything',
    attachments: false,
    visibility: 'private',
    social: false,
    sendsMessages: false,
  },
  letter: {
    mayMessageFirst: true,
    outsideWindow: 'anything',
    attachments: true,
    visibility: 'private',
    social: false,
    sendsMessages: false,
  },
  fax: {
    mayMessageFirst: true,
    outsideWindow: 'anything',
    attachments: true,
    visibility: 'private',
    social: false,
    sendsMessages: false,
  },
  chat: {
    mayMessageFirst: false,
    outsideWindow: 'anything',
    attachments: true,
    visibility: 'private',
    social: true,
    sendsMessages: false,
  },
  // Recorded by staff from a social network (no integration): social clock, answered by people.
  social: {
    mayMessageFirst: false,
    outsideWindow: 'anything',
    attachments: true,
    visibility: 'both',
    social: true,
    sendsMessages: false,
  },
  // A bot may write to a person only after they started it; no reply window after that. Groups are
  // public, private chats private: a group gets a short public answer with a link to the private
  // chat, where the case goes on (docs/telegram.md, "Public replies").
  telegram: {
    mayMessageFirst: false,
    outsideWindow: 'anything',
    attachments: true,
    visibility: 'both',
    social: true,
    sendsMessages: true,
  },
  // Not wired yet: the Cloud API's customer-service window is 24 h from the customer's last
  // message; outside it only approved templates may be sent.
  whatsapp: {
    mayMessageFirst: false,
    replyWindowMs: DAY,
    outsideWindow: 'template-only',
    attachments: true,
    visibility: 'private',
    social: true,
    sendsMessages: true,
  },
};

export function limitsOf(channel: ChannelKind): ChannelLimits {
  return channelLimits[channel];
}

/** Whether a case on `channel` follows the policy's social clock (around the clock by default). */
export const isSocialChannel = (channel: ChannelKind): boolean => channelLimits[channel].social;

/**
 * What we may send the customer on `channel` now: anything, only a template, or nothing (they have
 * not written to us there, or the window closed on a channel that takes nothing outside it).
 * `lastInboundAt`: the customer's last message on the channel (epoch ms), absent when they never wrote.
 */
export function mayMessage(
  channel: ChannelKind,
  lastInboundAt: number | undefined,
  now: number,
): 'anything' | 'template-only' | 'nothing' {
  const l = channelLimits[channel];
  if (lastInboundAt === undefined) return l.mayMessageFirst ? 'anything' : 'nothing';
  if (l.replyWindowMs === undefined || now - lastInboundAt <= l.replyWindowMs) return 'anything';
  return l.outsideWindow;
}

/** The health of a channel's connection as operators see it (a revoked token stops every send). */
export type ChannelHealth = { state: 'ok' } | { state: 'token-revoked'; since: string; detail?: string };

/**
 * How long a complaint written in a group waits for its author to follow the link to a private chat;
 * then its words are cleared (docs/telegram.md, "Public replies").
 */
export const PUBLIC_MESSAGE_WAIT_MS = 7 * DAY;
