// Staff notices in Polish, for roster members whose `language` is "pl": the same notices as staff.ts,
// the same facts in the same order. What the case itself wrote in English (a task's text, an
// escalation's reason, what awaits approval) is said in Polish (caseWords); words a person wrote are
// quoted as written.
import { b, facts, isBlank, ltr, p, quote, t } from './blocks';
import type { StaffTemplates } from './staff';
import type { CallReason, MessageOf } from './types';

const callSubject: Record<CallReason, string> = {
  'no-email': 'brak adresu e-mail',
  bounced: 'nasz e-mail nie dotarł',
  'callback-on-intake': 'oddzwoń w sprawie reklamacji',
  'resolution-call': 'wyjaśnij decyzję',
  paper: 'korespondencja papierowa',
  other: 'zadanie',
};

const clip = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

function callReasonText(m: MessageOf<'callTask'>): string {
  const byPhone = m.taskKind !== 'write' && !isBlank(m.customerPhone);
  switch (m.reason) {
    case 'no-email':
      return 'Nie mamy adresu e-mail tego klienta, więc każda informacja musi do niego dotrzeć telefonicznie (albo listownie).';
    case 'bounced':
      return byPhone
        ? 'Nasz ostatni e-mail do klienta wrócił jako niedoręczony. Zadzwoń, przekaż informację, której klient nie dostał, i sprawdź jego adres e-mail.'
        : 'Nasz ostatni e-mail do klienta wrócił jako niedoręczony, a w aktach nie ma numeru telefonu. Napisz do klienta list i sprawdź jego dane kontaktowe.';
    case 'callback-on-intake':
      // Honest: the customer did not ask; our policy calls every complainant back (seed 001 §1).
      return 'Oddzwaniamy do każdego klienta w sprawie jego reklamacji, niezależnie od kanału zgłoszenia: rozmowa załatwia sprawę szybciej niż korespondencja. Zadzwoń do wskazanego niżej terminu; jego przekroczenie eskaluje sprawę.';
    case 'paper':
      return byPhone
        ? 'Klient złożył reklamację na papierze (list lub faks): zadzwoń do niego zgodnie z zadaniem i zapisz rozmowę przy tym zadaniu.'
        : 'Klient złożył reklamację na papierze (list lub faks), więc odpowiadamy mu na piśmie: wydrukuj list ze sprawy (zawiera jego adres), wyślij go pocztą lub faksem, a potem oznacz zadanie jako wykonane.';
    case 'resolution-call':
      return 'Decyzja jest gotowa. Zadzwoń do klienta i wyjaśnij wynik osobiście – zwłaszcza jeśli nie jest taki, na jaki liczył – zanim wyjdzie pismo.';
    case 'other':
      return 'Masz zadanie w tej sprawie.';
  }
}

function consequenceText(consequence: string): string {
  switch (consequence) {
    case 'deemed-accepted':
      return 'Z mocy prawa reklamację uważa się teraz za uznaną: roszczenie klienta trzeba spełnić tak, jakbyśmy ją uwzględnili.';
    case 'breach-recorded':
      return 'Przekroczenie terminu zapisano w sprawie; pokaże się w raportach terminów.';
    default:
      return `Skutek: ${consequence}`;
  }
}

const priorities: Record<string, string> = {
  urgent: 'pilny',
  high: 'wysoki',
  normal: 'zwykły',
  low: 'niski',
};
const channels: Record<string, string> = {
  email: 'e-mail',
  phone: 'telefon',
  web: 'formularz WWW',
  social: 'media społecznościowe',
  fax: 'faks',
  letter: 'list',
  chat: 'czat',
};
const languageNames: Record<string, string> = {
  en: 'angielski',
  pl: 'polski',
  sv: 'szwedzki',
  et: 'estoński',
  he: 'hebrajski',
};
/** The promises (clock names) an overdue reminder names, in Polish. */
const promiseNames: Record<string, string> = {
  acknowledgement: 'potwierdzenie przyjęcia',
  diagnosis: 'wstępna diagnoza',
  'diagnosis-after-answer': 'diagnoza po odpowiedzi klienta',
  resolution: 'termin rozwiązania',
  statutory: 'termin ustawowy',
  'follow-up': 'działania po ankiecie',
  'diagnosis-new-time': 'nowy termin diagnozy',
  'follow-up-new-time': 'nowy termin działań po ankiecie',
  'resolution-call': 'telefon z decyzją',
  'call-back': 'oddzwonienie do klienta',
};

/** "the diagnosis, resolution promises are" (lifecycle's words) → "wstępna diagnoza, termin rozwiązania". */
function overdueWhat(what: string): string {
  const m = /^the (.+) promises? (?:is|are)$/.exec(what);
  if (!m) return what === 'the case is' ? 'sprawa' : what;
  return m[1]
    .split(', ')
    .map((name) => promiseNames[name] ?? name)
    .join(', ');
}

/** A customer message's purpose (the outbox's id; "survey-2" is the second survey), in Polish. */
const purposes: Record<string, string> = {
  acknowledgement: 'potwierdzenie przyjęcia',
  'formal-acknowledgement': 'formalne potwierdzenie przyjęcia',
  diagnosis: 'wstępna diagnoza',
  questions: 'pytania do klienta',
  'questions-reminder': 'przypomnienie o naszych pytaniach',
  progress: 'informacja o postępie',
  'system-update': 'informacja o postępie',
  delay: 'nowy termin po przekroczonym',
  extension: 'informacja o przedłużeniu',
  'resolution-letter': 'pismo z rozstrzygnięciem',
  survey: 'ankieta satysfakcji',
  'survey-reminder': 'przypomnienie o ankiecie',
  'follow-up': 'działania po ankiecie',
  withdrawal: 'potwierdzenie wycofania',
  'no-response': 'zamknięcie bez odpowiedzi',
  reassignment: 'nowa osoba prowadząca',
  'diagnosis-delay': 'przeprosiny i nowy termin diagnozy',
  'follow-up-delay': 'przeprosiny i nowy termin działań po ankiecie',
  reopened: 'wznowienie sprawy',
};
const purpose = (id: string): string => purposes[id.replace(/-\d+$/, '')] ?? id;
const outcomes: Record<string, string> = {
  upheld: 'uznana',
  'partially-upheld': 'uznana częściowo',
  rejected: 'odrzucona',
};
const outcome = (id: string): string => outcomes[id] ?? id;
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
};
const consequences: Record<string, string> = {
  'deemed-accepted': 'reklamacja uznana z mocy prawa',
  'breach-recorded': 'przekroczenie zapisane',
};
const caseTexts: Record<string, string> = {
  'Call the customer back about the complaint: a call settles things faster than writing.':
    'Oddzwoń do klienta w sprawie reklamacji: rozmowa załatwia sprawę szybciej niż korespondencja.',
  'Call the customer back about the complaint.': 'Oddzwoń do klienta w sprawie reklamacji.',
  'Send the formal acknowledgement letter.': 'Wyślij listem formalne potwierdzenie przyjęcia.',
  'Document the case (root cause, factors, responsible party, actions) to close it.':
    'Udokumentuj sprawę (przyczyna źródłowa, czynniki, strona odpowiedzialna, działania), żeby ją zamknąć.',
  'Reminder: call the customer with the outcome.': 'Przypomnienie: zadzwoń do klienta z decyzją.',
  'The customer’s e-mail bounced: contact them by phone or letter instead.':
    'E-mail do klienta wrócił jako niedoręczony: skontaktuj się z nim telefonicznie albo listownie.',
  'The promised resolution date passed.': 'Minął obiecany termin rozwiązania.',
  'the outcome going out in writing without the owner’s call (no call was made by its deadline)':
    'wysłanie decyzji na piśmie bez telefonu osoby prowadzącej (nikt nie zadzwonił z nią w terminie)',
};
const remedyKinds: Record<string, string> = { replacement: 'wymiana', repair: 'naprawa' };
/** One reason of the compensation check (domain/compensation.ts), in Polish; unknown ones as written. */
const remedyReasons: [RegExp, (m: string[]) => string][] = [
  [/^(replacement|repair) is not offered without approval$/, ([, k]) => `${remedyKinds[k]} wymaga zgody`],
  [/^(replacement|repair) is allowed$/, ([, k]) => `${remedyKinds[k]} jest dozwolona`],
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
type Hh = { dateTime(iso: string, field?: string): string };
const caseTextPatterns: [RegExp, (m: string[], hh: Hh) => string | undefined][] = [
  [
    /^Call the customer with the outcome \(([^)]+)\); the written outcome follows the call\.$/,
    ([, o]) => `Zadzwoń do klienta z decyzją (${outcome(o)}); pismo z rozstrzygnięciem wyjdzie po rozmowie.`,
  ],
  [
    /^Call the customer with the outcome \(([^)]+)\)\.$/,
    ([, o]) => `Zadzwoń do klienta z decyzją (${outcome(o)}).`,
  ],
  [
    /^Reminder(?: \(task (\S+)\))?: call the customer with the outcome \(([^)]+)\); the written outcome waits for your call\.$/,
    ([, task, o]) =>
      `Przypomnienie${task ? ` (zadanie ${task})` : ''}: zadzwoń do klienta z decyzją (${outcome(o)}); pismo z rozstrzygnięciem czeka na Twój telefon.`,
  ],
  [
    /^Tell the customer \(([^)]+)\) by (phone|letter): the e-mail could not be delivered\.$/,
    ([, id, by]) => `Przekaż klientowi (${purpose(id)}) ${hows[`by ${by}`]}: e-mail do niego nie dotarł.`,
  ],
  [
    /^Tell the customer \(([^)]+)\) (.+)\.$/s,
    ([, id, how]) => (hows[how] ? `Przekaż klientowi (${purpose(id)}) ${hows[how]}.` : undefined),
  ],
  [
    /^The (\S+) e-mail bounced: tell the customer by (phone|letter)\.$/,
    ([, id, by]) =>
      `E-mail (${purpose(id)}) wrócił jako niedoręczony: przekaż go klientowi ${hows[`by ${by}`]}.`,
  ],
  [
    /^Revise the resolution: the supervisor rejected it( \(.*\))?\.$/s,
    ([, because]) => `Popraw rozstrzygnięcie: przełożony je odrzucił${because ?? ''}.`,
  ],
  [
    /^The extension to (\S+) was not approved( \(.*\))?: resolve by the promised date\.$/s,
    ([, at, because], hh) =>
      `Przedłużenie do ${hh.dateTime(at)} nie zostało zatwierdzone${because ?? ''}: rozwiąż sprawę w obiecanym terminie.`,
  ],
  [
    /^(the .+ promises? (?:is|are)|the case is) overdue\.$/,
    ([, what]) => `Po terminie: ${overdueWhat(what)}.`,
  ],
  [
    /^Statutory deadline missed \(([^)]+)\)\.$/,
    ([, c]) => `Przekroczony termin ustawowy (${consequences[c] ?? c}).`,
  ],
  [
    /^a remedy above the policy \((.*)\)$/s,
    ([, reasons]) => `rekompensata ponad politykę (${reasons.split('; ').map(remedyReason).join('; ')})`,
  ],
  [
    /^an extension to (\S+), (?:more than (\d+) extensions|longer than (\S+)) \((.*)\)$/s,
    ([, at, count, length, why], hh) =>
      `przedłużenie do ${hh.dateTime(at)}, ${count ? `więcej przedłużeń niż ${count}` : `dłuższe niż ${length}`} (${why})`,
  ],
  [
    /^Resolution extended to (\S+): (.*)$/s,
    ([, at, why], hh) => `Termin rozwiązania przedłużony do ${hh.dateTime(at)}: ${why}`,
  ],
];

/**
 * What the case itself wrote in English (domain/lifecycle: a task's text, an escalation's reason,
 * what awaits approval), in Polish; anything else — words a person wrote — as written. The lifecycle
 * keeps one English text because it is the case's note too; test/unit/staff-emails.test.ts drives
 * cases to hold this table to what the lifecycle writes.
 */
export function caseWords(text: string, hh: Hh): string {
  if (caseTexts[text]) return caseTexts[text];
  for (const [pattern, say] of caseTextPatterns) {
    const m = pattern.exec(text);
    const said = m ? say([...m], hh) : undefined;
    if (said) return said;
  }
  return text;
}

export const staffTemplatesPl: StaffTemplates = {
  newCase: (m, hh) => ({
    subject: `Nowa sprawa dla Ciebie – priorytet ${priorities[m.priority] ?? m.priority}, ${m.categoryLabels?.pl ?? m.category}`,
    recipientName: m.ownerName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`Reklamacja ${ltr(m.reference)} od klienta ${m.customerName} została przydzielona Tobie: prowadzisz ją od początku do końca. Klient zna już Twoje imię i nazwisko.`,
      ),
      facts([
        ['Numer sprawy', [ltr(m.reference)]],
        ['Kategoria', m.categoryLabels?.pl ?? m.category],
        ['Priorytet', priorities[m.priority] ?? m.priority],
        ['Kanał', channels[m.channel] ?? m.channel],
        ['Język klienta', languageNames[m.customerLanguage] ?? m.customerLanguage],
        ['Wpłynęła', hh.dateTime(m.receivedAt, 'receivedAt')],
        ['Potwierdzenie do', hh.dateTime(m.acknowledgementDueBy, 'acknowledgementDueBy')],
        ['Wstępna diagnoza lub pytania do', hh.dateTime(m.diagnosisDueBy, 'diagnosisDueBy')],
      ]),
      p(
        t`Przekaż klientowi wstępną ocenę albo zapytaj o to, czego potrzebujesz, do ${b(hh.dateTime(m.diagnosisDueBy, 'diagnosisDueBy'))}. Treść reklamacji i dane kontaktowe klienta są w sprawie.`,
      ),
    ],
  }),

  callTask: (m, hh) => {
    const write = m.taskKind === 'write' || (m.reason === 'bounced' && isBlank(m.customerPhone));
    return {
      subject:
        m.reason === 'other'
          ? `Twoje zadanie${isBlank(m.note) ? ' w reklamacji' : `: ${clip(caseWords(m.note ?? '', hh), 70)}`}`
          : `Twoje zadanie: ${write ? 'kontakt z klientem' : 'telefon do klienta'} ${m.customerName} – ${callSubject[m.reason]}`,
      recipientName: m.ownerName,
      caseUrl: m.caseUrl,
      blocks: [
        p('To zadanie dla Ciebie jako osoby prowadzącej sprawę; klient nie widzi tego e-maila.'),
        p(
          m.reason === 'other'
            ? t`Masz zadanie w reklamacji ${ltr(m.reference)} (klient: ${m.customerName}).`
            : t`${write ? 'Skontaktuj się z klientem' : 'Zadzwoń do klienta'}: ${b(m.customerName)}, w sprawie reklamacji ${ltr(m.reference)}.`,
        ),
        ...(m.reason === 'other' ? [] : [p(callReasonText(m))]),
        ...(isBlank(m.note) ? [] : [quote(caseWords(m.note ?? '', hh))]),
        facts([
          ['Klient', m.customerName],
          [
            'Telefon',
            isBlank(m.customerPhone) ? 'brak w aktach – sprawdź sprawę' : [ltr(m.customerPhone ?? '')],
          ],
          ...(m.dueBy ? [['Termin', hh.dateTime(m.dueBy, 'dueBy')] as const] : []),
          ['Numer sprawy', [ltr(m.reference)]],
        ]),
        p('Po wszystkim zapisz wynik w sprawie, żeby historia klienta była kompletna.'),
      ],
    };
  },

  escalation: (m, hh) => ({
    subject: `Sprawa eskalowana do Ciebie – poziom ${m.level} (${m.levelName})`,
    recipientName: m.recipientName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`Reklamacja ${ltr(m.reference)}, prowadzona przez: ${m.ownerName}, została eskalowana do Ciebie na poziom ${String(m.level)} (${m.levelName}).`,
      ),
      p('Powód:'),
      quote(caseWords(m.reason, hh)),
      p(
        t`Przejrzyj sprawę i uzgodnij dalsze kroki z osobą prowadzącą (${m.ownerName}), żeby klient nie czekał.`,
      ),
    ],
  }),

  customerMessageNotice: (m) => ({
    subject: 'Nowa wiadomość od klienta',
    recipientName: m.ownerName,
    caseUrl: m.caseUrl,
    blocks: [
      p(t`Klient napisał w sprawie reklamacji ${ltr(m.reference)}:`),
      quote(m.excerpt),
      p(
        'Cała wiadomość jest w sprawie. Odpowiedz klientowi albo zapisz, dlaczego odpowiedź nie jest potrzebna.',
      ),
    ],
  }),

  unverifiedMessageNotice: (m) => ({
    subject: 'Niezweryfikowany e-mail w sprawie reklamacji',
    recipientName: m.ownerName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        m.reason === 'retired-address'
          ? t`E-mail od ${ltr(m.sender)} trafił do reklamacji ${ltr(m.reference)} przez adres odpowiedzi, którego sprawa już nie używa (został zmieniony):`
          : t`E-mail od ${ltr(m.sender)} trafił do reklamacji ${ltr(m.reference)}, ale nie jest to adres klienta:`,
      ),
      quote(m.excerpt),
      p(
        'Nie jest częścią akt klienta i nic z niego nie jest pokazywane ani cytowane klientowi. Nie działaj na jego podstawie, dopóki nie wiesz, kto go wysłał.',
      ),
      p(
        'Jeśli to klient pisze z innego adresu, potwierdź nadawcę w sprawie („Potwierdź nadawcę jako klienta”): e-mail zostanie wtedy przyjęty jako jego.',
      ),
    ],
  }),

  statutoryWarning: (m, hh) => ({
    subject: 'Zbliża się termin ustawowy',
    recipientName: m.ownerName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`Ustawowy termin odpowiedzi na reklamację ${ltr(m.reference)} upływa ${b(hh.dateTime(m.deadline, 'deadline'))}.`,
      ),
      p(
        'Do tego czasu klient musi dostać naszą ostateczną odpowiedź na piśmie. Jeśli decyzja nie jest możliwa w terminie, porozmawiaj dziś z przełożonym.',
      ),
    ],
  }),

  overdueReminder: (m, hh) => ({
    subject: 'Nadal po terminie: prosimy o działanie',
    recipientName: m.recipientName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`Reklamacja ${ltr(m.reference)} (prowadzi: ${m.ownerName}) jest na szczycie ścieżki eskalacji i od ${b(hh.dateTime(m.overdueSince, 'overdueSince'))} jest po terminie: ${overdueWhat(m.what)}.`,
      ),
      p(
        'Od ostatniego przypomnienia nikt nie podjął działania. Zajmij się sprawą albo ustal dziś, kto to zrobi.',
      ),
    ],
  }),

  statutoryBreach: (m, hh) => ({
    subject: 'Termin ustawowy przekroczony',
    recipientName: m.recipientName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`Ustawowy termin w reklamacji ${ltr(m.reference)} upłynął ${b(hh.dateTime(m.deadline, 'deadline'))}, a klient nie dostał ostatecznej odpowiedzi.`,
      ),
      p(consequenceText(m.consequence)),
      p('Dopilnuj, żeby klient dostał ostateczną odpowiedź teraz, i sprawdź, dlaczego termin minął.'),
    ],
  }),

  approvalRequest: (m, hh) => ({
    subject: 'Potrzebna Twoja zgoda',
    recipientName: m.supervisorName,
    caseUrl: m.caseUrl,
    blocks: [
      p(t`${m.ownerName} prosi o Twoją zgodę w reklamacji ${ltr(m.reference)}:`),
      quote(caseWords(m.what, hh)),
      p(
        m.caseUrl
          ? 'Sprawa czeka na Twoją decyzję: otwórz ją w konsoli (przycisk poniżej), żeby zatwierdzić albo odrzucić.'
          : 'Sprawa czeka na Twoją decyzję: zatwierdź ją albo odrzuć w sprawie.',
      ),
    ],
  }),

  followUpOpened: (m, hh) => ({
    subject: 'Działania po ankiecie satysfakcji',
    recipientName: m.recipientName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        m.score === undefined || !Number.isFinite(m.score)
          ? t`Odpowiedź klienta w ankiecie do reklamacji ${ltr(m.reference)} wymaga dalszych działań.`
          : t`Klient ocenił obsługę reklamacji ${ltr(m.reference)} na ${b(`${m.score}/5`)}.`,
      ),
      ...(isBlank(m.comment) ? [] : [p('Komentarz klienta:'), quote(m.comment ?? '')]),
      p(
        t`${m.ownerName} obiecał(a) klientowi, że wrócimy do sprawy do ${b(hh.dateTime(m.followUpBy, 'followUpBy'))}, żeby zrozumieć, co poszło nie tak, i upewnić się, że problem naprawdę jest rozwiązany.`,
      ),
    ],
  }),
};

/** The parts of every staff notice around its template. */
export const staffChromePl = {
  greeting: (name: string) => (isBlank(name) ? 'Dzień dobry,' : `Dzień dobry, ${name},`),
  button: 'Otwórz sprawę w konsoli',
  footer: (reference: string) => t`Automatyczne powiadomienie complaint-desk w sprawie ${reference}.`,
};
