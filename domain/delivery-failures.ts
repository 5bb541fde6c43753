// Why an e-mail (or a Telegram message) did not reach the customer, in words. Postmark answers with
// codes (an API error's ErrorCode name, a bounce's Type): the case says what each means to the person
// who must now call or write, never the code itself ("failed permanently (InactiveRecipient)" told
// staff nothing). One table, English and Polish side by side: the core writes the English into the
// case's sentences; domain/messages/case-words.ts reads it back for a Polish reader.

export interface FailureWords {
  en: string;
  pl: string;
}

const failures: Record<string, FailureWords> = {
  // Postmark API errors (the send's ErrorCode, named by activities/email-errors.ts)
  InactiveRecipient: {
    en: 'the address is on file, but Postmark will not deliver to it: it was marked inactive after an earlier hard bounce or spam complaint',
    pl: 'adres jest w aktach, ale Postmark nie doręcza na niego poczty: oznaczono go jako nieaktywny po wcześniejszym trwałym zwrocie albo zgłoszeniu spamu',
  },
  InvalidEmailRequest: {
    en: 'the address on file is not a valid e-mail address',
    pl: 'adres w aktach nie jest poprawnym adresem e-mail',
  },
  MessageRenderError: {
    en: 'the message could not be put together from its template',
    pl: 'wiadomości nie udało się złożyć z szablonu',
  },
  TelegramRejected: { en: 'Telegram refused the message', pl: 'Telegram odrzucił wiadomość' },
  TelegramChatUnreachable: {
    en: 'the customer’s Telegram chat refuses our messages',
    pl: 'czat Telegrama klienta nie przyjmuje naszych wiadomości',
  },
  // Postmark bounce types (the bounce webhook's Type)
  HardBounce: {
    en: 'the address does not exist or refuses all mail',
    pl: 'adres nie istnieje albo nie przyjmuje żadnej poczty',
  },
  SoftBounce: {
    en: 'the mailbox could not take the e-mail for now (full or unavailable)',
    pl: 'skrzynka chwilowo nie mogła przyjąć e-maila (pełna lub niedostępna)',
  },
  Transient: { en: 'a passing delivery problem', pl: 'przejściowy problem z doręczeniem' },
  BadEmailAddress: {
    en: 'the address is not a valid e-mail address',
    pl: 'adres nie jest poprawnym adresem e-mail',
  },
  SpamComplaint: {
    en: 'the customer marked our e-mail as spam',
    pl: 'klient oznaczył nasz e-mail jako spam',
  },
  ManuallyDeactivated: {
    en: 'the address was switched off at Postmark by hand',
    pl: 'adres wyłączono ręcznie w Postmarku',
  },
  Blocked: {
    en: 'the customer’s mail server blocked our e-mail',
    pl: 'serwer pocztowy klienta zablokował nasz e-mail',
  },
  SMTPApiError: {
    en: 'Postmark’s mail server reported an error',
    pl: 'serwer pocztowy Postmarku zgłosił błąd',
  },
  DnsError: {
    en: 'the address’s domain could not be found',
    pl: 'nie znaleziono domeny adresu',
  },
  Unsubscribe: {
    en: 'the customer asked not to get our e-mails',
    pl: 'klient poprosił, żeby nie wysyłać mu e-maili',
  },
};

/** A bounce Postmark flagged inactive: it will send nothing more to that address. */
export const inactiveWords: FailureWords = {
  en: 'Postmark will deliver nothing more to the address',
  pl: 'Postmark nie doręczy już nic na ten adres',
};

/** A failure code in words; a code the table does not know yet is named as Postmark's code. */
export function failureWords(code: string): FailureWords {
  return failures[code] ?? { en: `Postmark’s code ${code}`, pl: `kod Postmarku ${code}` };
}

/**
 * English failure words (or a code, as cases written before the words carry it) in Polish; anything
 * else as given.
 */
export function failureWordsPl(said: string): string {
  if (failures[said]) return failures[said].pl;
  if (said === inactiveWords.en || said === 'inactive') return inactiveWords.pl;
  const known = Object.values(failures).find((w) => w.en === said);
  if (known) return known.pl;
  const code = /^Postmark’s code (\S+)$/.exec(said);
  return code ? `kod Postmarku ${code[1]}` : said;
}
