// The sandbox's defaults, free of express and fs so they are cheap to import.

/** Where the sandbox listens unless POSTMARK_SANDBOX_PORT says otherwise. */
export const DEFAULT_SANDBOX_PORT = 3001;
export const DEFAULT_SANDBOX_HOST = '127.0.0.1';

// The default server token is infra's (the e-mail activity sends it too).
export { DEFAULT_SANDBOX_SERVER_TOKEN } from '../infra/sandbox-token';

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
