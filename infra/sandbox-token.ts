/**
 * The server token the Postmark sandbox accepts when none are configured, and the one the e-mail
 * activity sends when no real POSTMARK_SERVER_TOKEN is set. Any other token gets Postmark's 401 /
 * ErrorCode 10, so a misconfigured token shows up locally exactly as it would against the real API.
 * Here rather than in sandbox/, which the activities do not import.
 */
export const DEFAULT_SANDBOX_SERVER_TOKEN = 'complaint-desk-sandbox-token';
