// Kept free of express and fs so the Bot API client and the configuration can import the Telegram
// sandbox's defaults cheaply (as sandbox/constants.ts does for the Postmark sandbox).

/** Where the Telegram sandbox listens unless TELEGRAM_SANDBOX_PORT says otherwise. */
export const DEFAULT_TELEGRAM_SANDBOX_PORT = 3002;
export const DEFAULT_TELEGRAM_SANDBOX_HOST = '127.0.0.1';

/**
 * The bot token the sandbox accepts when none are configured, and the one the client sends when no
 * real TELEGRAM_BOT_TOKEN is set. Shaped like a real token (`<bot id>:<secret>`): the number before
 * the colon is the bot's id, as with Telegram. Any other token gets Telegram's 401 "Unauthorized".
 */
export const DEFAULT_TELEGRAM_SANDBOX_TOKEN = '7000000001:AAcomplaint-desk-telegram-sandbox';

/** Telegram's limit on files a bot may fetch with getFile (https://core.telegram.org/bots/api#getfile). */
export const TELEGRAM_BOT_FILE_LIMIT_BYTES = 20 * 1024 * 1024;
/** Telegram's limits on a message's text and on a caption, in characters. */
export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;
