// Kept free of express and fs so the e-mail activity can import the sandbox's defaults cheaply.

/** Where the sandbox listens unless POSTMARK_SANDBOX_PORT says otherwise. */
export const DEFAULT_SANDBOX_PORT = 3001;
export const DEFAULT_SANDBOX_HOST = '127.0.0.1';

/**
 * The server token the sandbox accepts when none are configured, and the one the e-mail activity
 * sends when no real POSTMARK_SERVER_TOKEN is set. Any other token gets Postmark's 401 / ErrorCode 10,
 * so a misconfigured token shows up locally exactly as it would against the real API.
 */
export const DEFAULT_SANDBOX_SERVER_TOKEN = 'complaint-desk-sandbox-token';

/** Postmark's API error codes that the sandbox produces (https://postmarkapp.com/developer/api/overview#error-codes). */
export const PostmarkErrorCode = {
  BadOrMissingToken: 10,
  InvalidEmailRequest: 300,
  InvalidJson: 402,
  InactiveRecipient: 406,
  TooManyBatchMessages: 410,
  RateLimitExceeded: 429,
  MessageNotFound: 701,
} as const;
