// What the case itself writes (domain/lifecycle: its timeline's sentences, its tasks' notes, an
// escalation's reason, what awaits approval) said in Polish, for every Polish reader: the staff
// e-mails (staff-pl.ts) and the console (api/console) read the case through this one translator.
// The lifecycle keeps one English text because it is the case's record; words a person wrote inside
// it (a note, a reason, the customer's message) come back as written, never translated or changed.
// test/unit/case-words.test.ts drives cases through the core and fails on any sentence left English.
import { failureWordsPl } from '../delivery-failures';
// The same joining as the case's (a person's words end the sentence themselves), for a sentence read back.
import { sentence } from '../lifecycle/words';

/** How a reader's medium writes an instant, and (optionally) names the case's tasks and categories. */
export interface CaseWordsContext {
  dateTime(iso: string, field?: string): string;
  /** A task of the case in words ("„Pismo z rozstrzygnięciem”"); absent or unknown: its id. */
  task?(id: string): string | undefined;
  /** A complaint category by the policy's Polish name; absent or unknown: its id. */
  category?(id: string): string | undefined;
  /** An escalation level, named in English by the policy, by its Polish label; absent or unknown: as named. */
  level?(name: string): string | undefined;
  /** A root-cause category ("late-delivery") as the policy names it, in Polish quotes; absent or unknown: "[id]". */
  cause?(id: string): string | undefined;
}

export const priorities = {
  urgent: 'pilny',
  high: 'wysoki',
  normal: 'zwykły',
  low: 'niski',
} as const;
export const channels = {
  email: 'e-mail',
  phone: 'telefon',
  web: 'formularz WWW',
  social: 'media społecznościowe',
  fax: 'faks',
  letter: 'list',
  chat: 'czat',
  portal: 'strona statusu',
  telegram: 'Telegram',
} as const;
export const languageNames = {
  en: 'angielski',
  pl: 'polski',
  sv: 'szwedzki',
  et: 'estoński',
  he: 'hebrajski',
} as const;

/**
 * What a customer message, a staff notice or a task is for, in Polish: the console's labels
 * (api/console/i18n.ts takes its `purpose.*` words from here) and, lower-cased, the words inside the
 * case's sentences ("Przekaż klientowi (potwierdzenie przyjęcia) listownie").
 */
export const purposeNamesPl = {
  acknowledgement: 'Potwierdzenie przyjęcia',
  'formal-acknowledgement': 'Formalne potwierdzenie listem',
  diagnosis: 'Wstępna diagnoza',
  questions: 'Pytania do klienta',
  'questions-reminder': 'Przypomnienie o naszych pytaniach',
  progress: 'Informacja o postępie',
  'system-update': 'Informacja wysłana za opiekuna',
  delay: 'Nowy termin po przekroczonym',
  extension: 'Informacja o przedłużeniu',
  'resolution-letter': 'Pismo z rozstrzygnięciem',
  survey: 'Ankieta satysfakcji',
  'survey-reminder': 'Przypomnienie o ankiecie',
  'follow-up': 'Działania następcze',
  withdrawal: 'Potwierdzenie wycofania',
  'no-response': 'Zamknięcie bez odpowiedzi',
  reassignment: 'Nowy opiekun',
  'new-case': 'Nowa sprawa dla opiekuna',
  'customer-message': 'Klient napisał',
  task: 'Nowe zadanie',
  escalation: 'Eskalacja',
  'top-reminder': 'Przypomnienie o zaległości',
  'approval-request': 'Prośba o zatwierdzenie',
  'statutory-warning': 'Ostrzeżenie o terminie ustawowym',
  'statutory-breach': 'Przekroczony termin ustawowy',
  'follow-up-opened': 'Otwarto działania następcze',
  'documentation-reminder': 'Przypomnienie o dokumentacji',
  documentation: 'Dokumentacja',
  'diagnosis-delay': 'Przeprosiny i nowy termin diagnozy',
  'follow-up-delay': 'Przeprosiny i nowy termin działań następczych',
  reopened: 'Sprawa wznowiona',
  'call-reminder': 'Przypomnienie o telefonie do klienta',
} as const;
export type PurposeName = keyof typeof purposeNamesPl;

/** A word of one of the tables above for an id from the case; an id the table lacks as given. */
export const wordOf = (table: Readonly<Record<string, string>>, id: string): string =>
  Object.prototype.hasOwnProperty.call(table, id) ? table[id] : id;

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('pl') + s.slice(1);
/** A purpose inside a sentence ("survey-2" is the second survey): lower-cased; unknown ones as given. */
export function purposeWord(id: string): string {
  // Staff notices are numbered too: "task-T3", "escalation-2".
  const base = id.replace(/^task-T\d+$/, 'task').replace(/-\d+$/, '');
  return Object.prototype.hasOwnProperty.call(purposeNamesPl, base)
    ? lowerFirst(purposeNamesPl[base as PurposeName])
    : id;
}

/**
 * The case's deadlines (a promise's clock name, or another moment it waits for), in Polish: the
 * console's labels (its `deadline.*` words) and, lower-cased, the promises an overdue case names.
 */
export const deadlineNamesPl = {
  acknowledgement: 'Potwierdzenie przyjęcia',
  diagnosis: 'Diagnoza lub pytania',
  'diagnosis-after-answer': 'Diagnoza po odpowiedzi klienta',
  escalation: 'Kolejna eskalacja',
  'top-reminder': 'Przypomnienie na najwyższym szczeblu',
  'customer-update': 'Następna informacja dla klienta',
  resolution: 'Obiecane rozwiązanie',
  'statutory-warning': 'Ostrzeżenie o terminie ustawowym',
  statutory: 'Termin ustawowy',
  'questions-reminder': 'Przypomnienie o naszych pytaniach',
  'customer-answer': 'Odpowiedź klienta',
  'resolution-call': 'Rozmowa o wyniku',
  'survey-reminder': 'Przypomnienie o ankiecie',
  survey: 'Koniec ankiety',
  'follow-up': 'Działania następcze',
  'documentation-reminder': 'Przypomnienie o dokumentacji',
  'call-back': 'Oddzwonienie do klienta',
  'diagnosis-new-time': 'Diagnoza w nowym, podanym klientowi terminie',
  'follow-up-new-time': 'Działania następcze w nowym, podanym klientowi terminie',
} as const;

/** "the diagnosis, resolution promises are" (lifecycle's words) → "wstępna diagnoza, termin rozwiązania". */
export function overdueWhat(what: string): string {
  const m = /^the (.+) promises? (?:is|are)$/.exec(what);
  if (!m) return what === 'the case is' ? 'sprawa' : what;
  return m[1]
    .split(', ')
    .map((name) => lowerFirst(wordOf(deadlineNamesPl, name)))
    .join(', ');
}

export const outcomes = {
  upheld: 'uznana',
  'partially-upheld': 'uznana częściowo',
  rejected: 'odrzucona',
} as const;
const outcome = (id: string): string => wordOf(outcomes, id);
export const remedies = {
  refund: 'zwrot pieniędzy',
  voucher: 'bon',
  replacement: 'wymiana',
  repair: 'naprawa',
  none: 'brak',
} as const;
const closures: Record<string, string> = {
  resolved: 'rozwiązana',
  withdrawn: 'wycofana',
  'no-response': 'bez odpowiedzi klienta',
};
const closure = (id: string): string => closures[id] ?? id;
export const parties = {
  staff: 'nasz personel',
  supplier: 'dostawca',
  carrier: 'przewoźnik',
  customer: 'klient',
  unknown: 'nie wiadomo',
} as const;
/** How a task tells the customer (draft.ts's tellCustomer), in Polish. */
const hows: Record<string, string> = {
  'by phone': 'telefonicznie',
  'by letter': 'listownie',
  'in a letter faxed to their fax number (print it from the case)':
    'listem wysłanym faksem na jego numer (wydrukuj go ze sprawy)',
  'in a letter posted to their address (print it from the case)':
    'listem wysłanym pocztą na jego adres (wydrukuj go ze sprawy)',
  'another way: no e-mail, phone, address or working chat is on file — find one (print the letter from the case) and note how':
    'inną drogą: w aktach nie ma e-maila, telefonu, adresu ani działającego czatu – znajdź kontakt (list wydrukujesz ze sprawy) i zapisz, jak to zrobiono',
  'another way: the e-mail address on file does not take our e-mails (Postmark will not deliver to it) and no phone, postal address or working chat is on file — find one (print the letter from the case) and note how':
    'inną drogą: adres e-mail w aktach nie przyjmuje naszych e-maili (Postmark nie doręcza na niego poczty), a telefonu, adresu pocztowego ani działającego czatu nie ma – znajdź kontakt (list wydrukujesz ze sprawy) i zapisz, jak to zrobiono',
};
const consequences: Record<string, string> = {
  'deemed-accepted': 'reklamacja uznana z mocy prawa',
  'breach-recorded': 'przekroczenie zapisane',
};
const contactParts: Record<string, string> = {
  'e-mail address': 'adres e-mail',
  'phone number': 'numer telefonu',
  'postal address': 'adres pocztowy',
};
const deliverableWhy: Record<string, string> = {
  'the customer’s contact details were recorded': 'zapisano dane kontaktowe klienta',
  'the customer’s Telegram chat takes our messages again':
    'czat Telegrama klienta znów przyjmuje nasze wiadomości',
};
const reached = (how: string) =>
  how === 'reached the customer' ? 'udało się porozmawiać z klientem' : 'nie udało się dodzwonić do klienta';

const caseTexts: Record<string, string> = {
  'Call the customer back about the complaint: a call settles things faster than writing.':
    'Oddzwoń do klienta w sprawie reklamacji: rozmowa załatwia sprawę szybciej niż korespondencja.',
  'Call the customer back about the complaint.': 'Oddzwoń do klienta w sprawie reklamacji.',
  'Send the formal acknowledgement letter.': 'Wyślij listem formalne potwierdzenie przyjęcia.',
  'Document the case (root cause, factors, responsible party, actions) to close it.':
    'Udokumentuj sprawę (przyczyna źródłowa, czynniki, strona odpowiedzialna, działania), żeby ją zamknąć.',
  'Reminder: document the case (root cause, factors, responsible party, actions) to close it.':
    'Przypomnienie: udokumentuj sprawę (przyczyna źródłowa, czynniki, strona odpowiedzialna, działania), żeby ją zamknąć.',
  'Reminder: call the customer with the outcome.': 'Przypomnienie: zadzwoń do klienta z decyzją.',
  'The customer’s e-mail bounced: contact them by phone or letter instead.':
    'E-mail do klienta wrócił jako niedoręczony: skontaktuj się z nim telefonicznie albo listownie.',
  'The promised resolution date passed.': 'Minął obiecany termin rozwiązania.',
  'the outcome going out in writing without the owner’s call (no call was made by its deadline)':
    'wysłanie decyzji na piśmie bez telefonu osoby prowadzącej (nikt nie zadzwonił z nią w terminie)',
  'No call with the outcome was made in time: may the outcome go out in writing without the call?':
    'Nikt nie zadzwonił do klienta z decyzją w terminie: czy decyzja może wyjść na piśmie bez telefonu?',
  'No resolution call was recorded in time; the outcome goes out in writing.':
    'W terminie nie zapisano rozmowy z decyzją; decyzja wychodzi na piśmie.',
  'The customer did not answer our questions in time.':
    'Klient nie odpowiedział w terminie na nasze pytania.',
  'The customer wrote in the Telegram chat again: our messages go there again.':
    'Klient znów napisał na czacie Telegrama: nasze wiadomości znów tam trafiają.',
  'A message arrived after the case closed.': 'Wiadomość przyszła po zamknięciu sprawy.',
};
/** One reason of the compensation check (domain/compensation.ts), in Polish; unknown ones as written. */
const remedyReasons: [RegExp, (m: string[]) => string][] = [
  [
    /^(replacement|repair) is not offered without approval$/,
    ([, k]) => `${wordOf(remedies, k)} wymaga zgody`,
  ],
  [/^(replacement|repair) is allowed$/, ([, k]) => `${wordOf(remedies, k)} jest dozwolona`],
  [/^vouchers are not offered without approval$/, () => 'bon wymaga zgody'],
  [
    /^a voucher with a (\S+) outcome needs approval \(the customer was not wronged\)$/,
    ([, o]) => `bon przy decyzji „${outcome(o)}” wymaga zgody (klient nie został pokrzywdzony)`,
  ],
  [/^a voucher must be worth more than 0%$/, () => 'bon musi mieć wartość większą niż 0%'],
  [/^voucher (\S+)% is above the (\S+)% cap$/, ([, v, cap]) => `bon ${v}% przekracza limit ${cap}%`],
  [/^voucher (\S+)% is within the (\S+)% cap$/, ([, v, cap]) => `bon ${v}% mieści się w limicie ${cap}%`],
  [
    /^a voucher must be valid for at least one whole day$/,
    () => 'bon musi być ważny co najmniej jeden pełny dzień',
  ],
  [
    /^voucher validity (\d+) days is above the (\d+)-day cap$/,
    ([, days, cap]) => `ważność bonu ${days} dni przekracza limit ${cap} dni`,
  ],
  [/^voucher worth (\S+ \S+)$/, ([, v]) => `wartość bonu ${v}`],
  [/^refunds are not offered without approval$/, () => 'zwrot pieniędzy wymaga zgody'],
  [/^a refund must be more than zero$/, () => 'zwrot musi być większy od zera'],
  [/^no refund cap is set for (\S+)$/, ([, c]) => `brak limitu zwrotu w ${c}`],
  [/^refund (\S+ \S+) is above the (\S+ \S+) cap$/, ([, r, cap]) => `zwrot ${r} przekracza limit ${cap}`],
  [
    /^refund (\S+ \S+) is within the (\S+ \S+) cap$/,
    ([, r, cap]) => `zwrot ${r} mieści się w limicie ${cap}`,
  ],
  [
    /^refund (\S+ \S+) is above (\S+)% of the order \((\S+ \S+)\)$/,
    ([, r, pc, limit]) => `zwrot ${r} przekracza ${pc}% wartości zamówienia (${limit})`,
  ],
  [
    /^refund (\S+ \S+) is within (\S+)% of the order$/,
    ([, r, pc]) => `zwrot ${r} mieści się w ${pc}% wartości zamówienia`,
  ],
  [
    /^the order amount in (\S+) is unknown, so the (\S+)% cap cannot be checked$/,
    ([, c, pc]) => `kwota zamówienia w ${c} jest nieznana, więc limitu ${pc}% nie da się sprawdzić`,
  ],
  [
    /^order amount in (\S+) unknown: the (\S+)% cap was not checked$/,
    ([, c, pc]) => `kwota zamówienia w ${c} nieznana: limitu ${pc}% nie sprawdzono`,
  ],
  [/^the policy sets no refund cap$/, () => 'polityka nie ustala limitu zwrotu'],
  [/^no remedy$/, () => 'bez rekompensaty'],
];
const remedyReason = (reason: string): string => {
  for (const [pattern, say] of remedyReasons) {
    const m = pattern.exec(reason);
    if (m) return say([...m]);
  }
  return reason;
};
type Say = (m: string[], c: CaseWordsContext) => string | undefined;

const taskRef = (id: string, c: CaseWordsContext) => c.task?.(id) ?? id;
const categoryRef = (id: string, c: CaseWordsContext) => c.category?.(id) ?? id;
/** durations.ts's utc() ("2026-03-02 08:00:00 UTC") as the instant it is, for the reader's clock. */
const utcAt = (text: string, c: CaseWordsContext) => {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(text);
  return m ? c.dateTime(`${m[1]}T${m[2]}.000Z`) : text;
};
/** A remark in parentheses after a sentence of the case (" (the supervisor's note)"): as written. */
const remark = (because: string | undefined) => because ?? '';

/** One reason the intake gives for its category and priority (domain/categorise.ts). */
const intakeReasons: [RegExp, Say][] = [
  [
    /^category (\S+): no category keyword matched$/,
    ([, id], c) => `kategoria ${categoryRef(id, c)}: żadne słowo kluczowe nie pasuje`,
  ],
  [/^category (\S+): (.*)$/s, ([, id, hits], c) => `kategoria ${categoryRef(id, c)}: ${hits}`],
  [
    /^default priority of (\S+) is (\S+)$/,
    ([, id, p], c) => `domyślny priorytet kategorii ${categoryRef(id, c)}: ${wordOf(priorities, p)}`,
  ],
  [/^urgent: safety keyword (.*)$/s, ([, hits]) => `pilny: słowo dotyczące bezpieczeństwa ${hits}`],
  [
    /^raised (\S+) → (\S+): public channel (\S+)$/,
    ([, from, to, ch]) =>
      `podniesiony z „${wordOf(priorities, from)}” na „${wordOf(priorities, to)}”: kanał publiczny (${wordOf(channels, ch)})`,
  ],
  [
    /^raised (\S+) → (\S+): (.*)$/s,
    ([, from, to, hits]) =>
      `podniesiony z „${wordOf(priorities, from)}” na „${wordOf(priorities, to)}”: ${hits}`,
  ],
  [/^defaults$/, () => 'domyślne'],
];
/** Why the intake chose the owner (domain/owner.ts). */
const ownerReasons: [RegExp, Say][] = [
  [
    /^speaks (\S+) and handles (\S+)$/,
    ([, l, id], c) => `zna język ${wordOf(languageNames, l)} i obsługuje kategorię ${categoryRef(id, c)}`,
  ],
  [
    /^speaks (\S+); nobody who also handles (\S+) is available$/,
    ([, l, id], c) =>
      `zna język ${wordOf(languageNames, l)}; nikt, kto obsługuje też kategorię ${categoryRef(id, c)}, nie jest dostępny`,
  ],
  [
    /^handles (\S+); nobody who speaks (\S+) is available$/,
    ([, id, l], c) =>
      `obsługuje kategorię ${categoryRef(id, c)}; nikt, kto zna język ${wordOf(languageNames, l)}, nie jest dostępny`,
  ],
  [
    /^nobody speaks (\S+) or handles (\S+)$/,
    ([, l, id], c) =>
      `nikt nie zna języka ${wordOf(languageNames, l)} ani nie obsługuje kategorii ${categoryRef(id, c)}`,
  ],
  [/^only excluded owners are left$/, () => 'zostały tylko osoby wykluczone'],
  [/^(\d+) open cases?$/, ([, n]) => `otwarte sprawy: ${n}`],
];
function byRules(rules: [RegExp, Say][], text: string, c: CaseWordsContext): string {
  for (const [pattern, say] of rules) {
    const m = pattern.exec(text);
    const said = m ? say([...m], c) : undefined;
    if (said !== undefined) return said;
  }
  return text;
}
const listed = (rules: [RegExp, Say][], text: string, c: CaseWordsContext) =>
  text
    .split('; ')
    .map((part) => byRules(rules, part, c))
    .join('; ');

/**
 * What awaited approval, then the supervisor's note in parentheses as written: the summary of a
 * remedy (the compensation check's reasons), an extension, or the letter without the call.
 */
function approvalSummary(text: string, c: CaseWordsContext): string {
  const whole = caseWordsPl(text, c);
  if (whole !== text) return whole;
  for (const [english, polish] of Object.entries(caseTexts))
    if (text.startsWith(`${english} (`)) return `${polish}${text.slice(english.length)}`;
  const parts = text.split('; ');
  const last = parts.length - 1;
  const said = parts.map((part, i) => {
    const reason = remedyReason(part);
    if (reason !== part || i !== last) return reason;
    // The last reason may carry the supervisor's note: " (…)" at its end, kept as written.
    for (let at = part.indexOf(' ('); at > 0; at = part.indexOf(' (', at + 1)) {
      const head = remedyReason(part.slice(0, at));
      if (head !== part.slice(0, at)) return `${head}${part.slice(at)}`;
    }
    return part;
  });
  return said.join('; ');
}

const caseTextPatterns: [RegExp, Say][] = [
  // Tasks (their notes) and what they say
  [
    /^Call the customer with the outcome \(([^)]+)\); the written outcome follows the call\.( No phone number is on file: ask the customer for one and record it \(contact details\); without a call by the deadline, a supervisor decides whether the outcome goes out in writing\.)?$/,
    ([, o, noPhone]) =>
      `Zadzwoń do klienta z decyzją (${outcome(o)}); pismo z rozstrzygnięciem wyjdzie po rozmowie.${
        noPhone
          ? ' W aktach nie ma numeru telefonu: poproś klienta o numer i zapisz go (dane kontaktowe); bez rozmowy do terminu przełożony zdecyduje, czy rozstrzygnięcie wyjdzie na piśmie.'
          : ''
      }`,
  ],
  [
    /^Call the customer with the outcome \(([^)]+)\)\.$/,
    ([, o]) => `Zadzwoń do klienta z decyzją (${outcome(o)}).`,
  ],
  [
    /^Reminder(?: \(task (\S+)\))?: call the customer with the outcome \(([^)]+)\); the written outcome waits for your call\.$/,
    ([, task, o], c) =>
      `Przypomnienie${task ? ` (zadanie ${taskRef(task, c)})` : ''}: zadzwoń do klienta z decyzją (${outcome(o)}); pismo z rozstrzygnięciem czeka na Twój telefon.`,
  ],
  [
    /^Tell the customer \(([^)]+)\) by (phone|letter): the e-mail could not be delivered\.$/,
    ([, id, by]) => `Przekaż klientowi (${purposeWord(id)}) ${hows[`by ${by}`]}: e-mail do niego nie dotarł.`,
  ],
  [
    /^Tell the customer \(([^)]+)\) (.+)\.$/s,
    ([, id, how]) => (hows[how] ? `Przekaż klientowi (${purposeWord(id)}) ${hows[how]}.` : undefined),
  ],
  [
    /^The (\S+) e-mail bounced: tell the customer by (phone|letter)\.$/,
    ([, id, by]) =>
      `E-mail (${purposeWord(id)}) wrócił jako niedoręczony: przekaż go klientowi ${hows[`by ${by}`]}.`,
  ],
  [
    /^Revise the resolution: the supervisor rejected it( \(.*\))?\.$/s,
    ([, because]) => `Popraw rozstrzygnięcie: przełożony je odrzucił${remark(because)}.`,
  ],
  [
    /^The extension to (\S+) was not approved( \(.*\))?: resolve by the promised date\.$/s,
    ([, at, because], c) =>
      `Przedłużenie do ${c.dateTime(at)} nie zostało zatwierdzone${remark(because)}: rozwiąż sprawę w obiecanym terminie.`,
  ],
  [
    /^The case was reassigned to you: (.*)\. Introduce yourself to the customer\.$/s,
    ([, why]) => `Sprawa została przekazana Tobie: ${why}. Przedstaw się klientowi.`,
  ],
  // Escalations and what awaits approval
  [
    /^(the .+ promises? (?:is|are)|the case is) overdue\.$/,
    ([, what]) => `Po terminie: ${overdueWhat(what)}.`,
  ],
  [
    /^Statutory deadline missed \(([^)]+)\)\.$/,
    ([, k]) => `Przekroczony termin ustawowy (${consequences[k] ?? k}).`,
  ],
  [
    /^a remedy above the policy \((.*)\)$/s,
    ([, reasons]) => `rekompensata ponad politykę (${reasons.split('; ').map(remedyReason).join('; ')})`,
  ],
  [
    /^an extension to (\S+), (?:more than (\d+) extensions|longer than (\S+)) \((.*)\)$/s,
    ([, at, count, length, why], c) =>
      `przedłużenie do ${c.dateTime(at)}, ${count ? `więcej przedłużeń niż ${count}` : `dłuższe niż ${length}`} (${why})`,
  ],
  [
    /^Extension to (\S+) \((?:more than (\d+) extensions|longer than (\S+))\): (.*)$/s,
    ([, at, count, length, why], c) =>
      `Przedłużenie do ${c.dateTime(at)} (${count ? `więcej przedłużeń niż ${count}` : `dłuższe niż ${length}`}): ${why}`,
  ],
  [
    /^Resolution extended to (\S+): (.*)$/s,
    ([, at, why], c) => `Termin rozwiązania przedłużony do ${c.dateTime(at)}: ${why}`,
  ],
  // The timeline
  [/^Complaint received by (\S+)\.$/, ([, ch]) => `Reklamacja wpłynęła (kanał: ${wordOf(channels, ch)}).`],
  [
    /^Category (\S+), priority (\S+) \((.*)\); owner (.+) \((.*)\)\.$/s,
    ([, id, p, reasons, name, why], c) =>
      `Kategoria ${categoryRef(id, c)}, priorytet ${wordOf(priorities, p)} (${listed(intakeReasons, reasons, c)}); prowadzi: ${name} (${listed(ownerReasons, why, c)}).`,
  ],
  [
    /^Acknowledged (on the incoming call|by e-mail|in the customer’s Telegram chat); (.+) handles the complaint\.$/,
    ([, how, name]) =>
      `Przyjęcie potwierdzone ${how === 'by e-mail' ? 'e-mailem' : how === 'on the incoming call' ? 'podczas rozmowy z klientem' : 'na czacie Telegrama klienta'}; reklamację prowadzi ${name}.`,
  ],
  [
    /^Acknowledged (by phone|in writing) by (.+)\.$/,
    ([, how, name]) =>
      `Przyjęcie potwierdzone ${how === 'by phone' ? 'telefonicznie' : 'na piśmie'} (${name}).`,
  ],
  [
    /^Task (T\d+) for ([^:]+): (.*)$/s,
    ([, id, name, text], c) => `Zadanie ${taskRef(id, c)} dla: ${name}. ${caseWordsPl(text, c)}`,
  ],
  // A person's words at a sentence's end carry its end (the case adds no second full stop after
  // them, lifecycle/words.ts): "(?:: (words)|\.)$" keeps them whole, their punctuation included.
  [
    /^Task (T\d+) done(?:: the letter was sent\.| \(the letter was sent\): ([\s\S]+))$/,
    ([, id, note], c) =>
      `Zadanie ${taskRef(id, c)} wykonane${note ? ` (list wysłany): ${note}` : ': list wysłany.'}`,
  ],
  // Before a letter was marked sent in the case's words, the API wrote its own: "The T3 letter was sent".
  [
    /^Task (T\d+) done: The (\S+) letter was sent\.$/,
    ([, id], c) => `Zadanie ${taskRef(id, c)} wykonane: list wysłany.`,
  ],
  [/^The (\S+) letter was sent$/, () => 'List wysłany.'],
  [
    /^Task (T\d+) done(?:: ([\s\S]+)|\.)$/,
    ([, id, note], c) => `Zadanie ${taskRef(id, c)} wykonane${note ? `: ${note}` : '.'}`,
  ],
  [
    /^Call on (T\d+) (reached the customer|did not reach the customer)(?:: ([\s\S]+)|\.)$/,
    ([, id, how, note], c) =>
      `Rozmowa (zadanie ${taskRef(id, c)}): ${reached(how)}${note ? `: ${note}` : '.'}`,
  ],
  [
    /^Call (reached the customer|did not reach the customer)(?:: ([\s\S]+)|\.)$/,
    ([, how, note]) => `Rozmowa: ${reached(how)}${note ? `: ${note}` : '.'}`,
  ],
  [
    /^Customer not reached after (\d+) attempts; the outcome goes out in writing\.$/,
    ([, n]) => `Nie udało się dodzwonić do klienta (prób: ${n}); decyzja wychodzi na piśmie.`,
  ],
  [
    /^(.+) told the customer the outcome by phone\.$/,
    ([, name]) => `${name}: decyzja przekazana klientowi telefonicznie.`,
  ],
  [
    /^(.+) did not call the customer with the outcome by (\S+): missed; the letter waits for the call or a supervisor’s decision\.$/,
    ([, name, at], c) =>
      `${name}: brak telefonu do klienta z decyzją do ${c.dateTime(at)}; termin przekroczony, pismo czeka na rozmowę albo decyzję przełożonego.`,
  ],
  [
    /^The supervisor wants the call made before the written outcome( \(.*\))?\.$/s,
    ([, because]) => `Przełożony chce, żeby przed pismem z decyzją odbyła się rozmowa${remark(because)}.`,
  ],
  [
    /^Without the owner’s call, the outcome goes out in writing \(decided by (.+)\)\.$/,
    ([, name]) => `Decyzja wychodzi na piśmie bez telefonu osoby prowadzącej (zdecydował(a): ${name}).`,
  ],
  [
    /^(Approved|Rejected) by ([^:]+): (.*)$/s,
    ([, how, name, what], c) =>
      `${how === 'Approved' ? 'Zatwierdzone' : 'Odrzucone'} (${name}): ${approvalSummary(what, c)}`,
  ],
  [
    /^Remedy above the policy awaits a supervisor: (.*)$/s,
    ([, reasons]) =>
      `Rekompensata ponad politykę czeka na przełożonego: ${reasons.split('; ').map(remedyReason).join('; ')}`,
  ],
  [
    /^Extension beyond the policy \((?:more than (\d+) extensions|longer than (\S+))\) awaits a supervisor: (.*)$/s,
    ([, count, length, why]) =>
      `Przedłużenie ponad politykę (${count ? `więcej przedłużeń niż ${count}` : `dłuższe niż ${length}`}) czeka na przełożonego: ${why}`,
  ],
  [
    /^Escalated to (.+) \(level (\d+)\): (.*)$/s,
    ([, level, n, reason], c) =>
      `Eskalacja: ${c.level?.(level) ?? level} (poziom ${n}): ${caseWordsPl(reason, c)}`,
  ],
  [
    /^Reminder at the top of the chain: (the .+ promises? (?:is|are)|the case is) still overdue\.$/,
    ([, what]) => `Przypomnienie na najwyższym szczeblu eskalacji: nadal po terminie: ${overdueWhat(what)}.`,
  ],
  [
    /^Statutory deadline (\S+) approaching\.$/,
    ([, at], c) => `Zbliża się termin ustawowy: ${c.dateTime(at)}.`,
  ],
  [
    /^Statutory deadline missed: (\S+)\.$/,
    ([, k]) => `Przekroczony termin ustawowy: ${consequences[k] ?? k}.`,
  ],
  [
    /^The (follow-up|preliminary diagnosis) promised by (\S+) was missed; the customer was told (.+)\.$/,
    ([, what, by, next], c) =>
      `Nie dotrzymano terminu (${what === 'follow-up' ? 'działania po ankiecie' : 'wstępna diagnoza'}: ${c.dateTime(by)}); klient dostał nowy termin: ${utcAt(next, c)}.`,
  ],
  [
    /^The promised resolution date passed; the customer was given (\S+)\.$/,
    ([, at], c) => `Minął obiecany termin rozwiązania; klient dostał nowy termin: ${c.dateTime(at)}.`,
  ],
  [
    /^No update from the owner in time: the system sent one \(miss recorded for (.+)\)\.$/,
    ([, name]) =>
      `Osoba prowadząca nie wysłała w terminie informacji o postępie: wysłał ją system (zaległość zapisana: ${name}).`,
  ],
  [
    /^Decision: (\S+) \(remedy: (\S+)\)\.$/,
    ([, o, r]) => `Decyzja: ${outcome(o)} (rekompensata: ${wordOf(remedies, r)}).`,
  ],
  [/^Outcome communicated in writing: (\S+)\.$/, ([, o]) => `Decyzję przekazano na piśmie: ${outcome(o)}.`],
  [
    // The category and the words apart by " — " (before, by a space alone: still read).
    /^Documented: root cause (?:\[([a-z0-9-]+)\] (?:— )?)?([\s\S]*); responsible (?:\((staff|supplier|carrier|customer|unknown)\) )?([\s\S]*?)\.?$/,
    ([, category, cause, kind, party], c) =>
      `Udokumentowano: przyczyna źródłowa ${category ? `${c.cause?.(category) ?? `[${category}]`} — ` : ''}${cause}; odpowiedzialny: ${kind ? `(${wordOf(parties, kind)}) ` : ''}${sentence(party)}`,
  ],
  [/^Case closed: (\S+)\.$/, ([, k]) => `Sprawa zamknięta: ${closure(k)}.`],
  [
    /^Settled \((\S+)\): the case closes once it is documented\.$/,
    ([, k]) => `Załatwiona (${closure(k)}): sprawa zamknie się po udokumentowaniu.`,
  ],
  [
    /^Follow-up opened after the survey; due (.+)\.$/,
    ([, at], c) => `Po ankiecie otwarto działania następcze; termin: ${utcAt(at, c)}.`,
  ],
  [
    /^Survey answered: (\d+)\/5(, still needs help)?\.$/,
    ([, n, help]) => `Odpowiedź na ankietę: ${n}/5${help ? ', klient nadal potrzebuje pomocy' : ''}.`,
  ],
  [
    /^Survey answer given (by phone|on paper), recorded by (.+)\.$/,
    ([, how, name]) =>
      `Odpowiedź na ankietę udzielona ${how === 'by phone' ? 'telefonicznie' : 'na piśmie'}; zapisał(a): ${name}.`,
  ],
  [
    /^Answer recorded \((phone|letter)\)\.$/,
    ([, how]) => `Odpowiedź zapisana (${how === 'phone' ? 'telefonicznie' : 'na piśmie'}).`,
  ],
  [
    /^Sent by (e-mail|Telegram) instead: (.+)\.$/,
    ([, by, why]) =>
      `Wysłano zamiast tego ${by === 'e-mail' ? 'e-mailem' : 'przez Telegram'}: ${deliverableWhy[why] ?? why}.`,
  ],
  [
    /^(.+) recorded the customer's (.+)\.$/,
    ([, name, what]) =>
      `${name}: zapisano dane kontaktowe klienta (${what
        .split(', ')
        .map((w) => contactParts[w] ?? w)
        .join(', ')}).`,
  ],
  [
    /^(.+) confirmed (\S+) as the customer's address; (\d+) held e-mail\(s\) accepted\.$/,
    ([, name, address, n]) =>
      `${name}: potwierdzono ${address} jako adres klienta; przyjęte wstrzymane e-maile: ${n}.`,
  ],
  [
    /^(.+) now handles the complaint \(was (.+)\)\.$/,
    ([, next, previous]) => `Reklamację prowadzi teraz ${next} (wcześniej: ${previous}).`,
  ],
  [/^Preliminary diagnosis: (.*)$/s, ([, summary]) => `Wstępna diagnoza: ${summary}`],
  [/^Questions to the customer: (.*)$/s, ([, questions]) => `Pytania do klienta: ${questions}`],
  [
    /^New expected resolution date (\S+): (.*)$/s,
    ([, at, why], c) => `Nowy przewidywany termin rozwiązania ${c.dateTime(at)}: ${why}`,
  ],
  [/^The customer sent (.*)\.$/s, ([, files]) => `Klient przesłał: ${files}.`],
  [
    /^A file the customer sent could not be fetched: (.*)\.$/s,
    ([, why]) => `Nie udało się pobrać pliku przesłanego przez klienta: ${why}.`,
  ],
  [
    /^Unverified e-mail from (\S*) \((through a reply address this case no longer uses|not the customer’s address)\); not part of the customer’s record unless the owner confirms the sender:\n([\s\S]*)$/,
    ([, from, why, text]) =>
      `Niezweryfikowany e-mail od ${from} (${why.startsWith('through') ? 'przez adres odpowiedzi, którego sprawa już nie używa' : 'to nie jest adres klienta'}); nie należy do akt klienta, dopóki osoba prowadząca nie potwierdzi nadawcy:\n${text}`,
  ],
  [
    /^The customer asked to withdraw the settled complaint(?:: ([\s\S]+)|\.)$/,
    ([, why]) => `Klient poprosił o wycofanie załatwionej reklamacji${why ? `: ${why}` : '.'}`,
  ],
  [
    /^The customer withdrew the complaint(?:: ([\s\S]+)|\.)$/,
    ([, why]) => `Klient wycofał reklamację${why ? `: ${why}` : '.'}`,
  ],
  [
    /^Reopened by the customer's reply \(it was (\S+)\); (.+) carries on\.$/,
    ([, k, name]) => `Wznowiona odpowiedzią klienta (była: ${closure(k)}); dalej prowadzi ${name}.`,
  ],
  // Deliveries
  [
    /^E-mail to the customer bounced \((.+)\)(?: — the (\S+) e-mail)?; further contact by phone or letter\.$/s,
    ([, why, id]) =>
      `E-mail do klienta wrócił jako niedoręczony (${why
        .replace(/, inactive$/, '; inactive')
        .split('; ')
        .map(failureWordsPl)
        .join(
          '; ',
        )})${id ? ` — e-mail (${purposeWord(id)})` : ''}; dalszy kontakt telefonicznie albo listownie.`,
  ],
  [
    /^E-mail to the customer failed permanently \((.+)\); further contact by phone or letter\.$/s,
    ([, why]) =>
      `E-mail do klienta nie dotarł i nie dotrze (${failureWordsPl(why)}); dalszy kontakt telefonicznie albo listownie.`,
  ],
  [
    /^The (\S+) e-mail could not be sent \((.+)\)\.$/s,
    ([, id, why]) => `Nie udało się wysłać e-maila (${purposeWord(id)}): ${failureWordsPl(why)}.`,
  ],
  [
    /^The (\S+) Telegram message could not be sent \((.+)\)\.$/s,
    ([, id, why]) =>
      `Nie udało się wysłać wiadomości na Telegramie (${purposeWord(id)}): ${failureWordsPl(why)}.`,
  ],
  [
    /^The customer's Telegram chat refuses our messages \(the bot was blocked\); further contact (by e-mail|by the owner \(a task\))\.$/,
    ([, how]) =>
      `Czat Telegrama klienta nie przyjmuje naszych wiadomości (bot został zablokowany); dalszy kontakt ${how === 'by e-mail' ? 'e-mailem' : 'przez osobę prowadzącą (zadanie)'}.`,
  ],
  [
    /^The (\S+) e-mail to (.+) is delayed: ([\s\S]*)\. It is retried\.$/,
    ([, id, to, error]) =>
      `E-mail (${purposeWord(id)}) do ${to === 'customer' ? 'klienta' : to} jest opóźniony: ${error}. Wysyłka zostanie ponowiona.`,
  ],
  [
    /^Could not e-mail (.+) \((\S+)\): ([\s\S]*)\.$/,
    ([, name, id, error]) => `Nie udało się wysłać e-maila do: ${name} (${purposeWord(id)}): ${error}.`,
  ],
  // What awaits approval for a remedy: the compensation check's reasons alone (the approvals inbox).
  [
    /^([\s\S]+)$/,
    ([, text]) => {
      const parts = text.split('; ');
      const said = parts.map(remedyReason);
      return said.every((x, i) => x !== parts[i]) ? said.join('; ') : undefined;
    },
  ],
];

/**
 * A sentence the case wrote (in English) in Polish; anything else — words a person wrote — as
 * written. Sentences that quote a person (a call's note, a withdrawal's reason) keep the quote.
 */
export function caseWordsPl(text: string, c: CaseWordsContext): string {
  if (caseTexts[text]) return caseTexts[text];
  return byRules(caseTextPatterns, text, c);
}
