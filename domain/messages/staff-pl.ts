// Staff notices in Polish, for roster members whose `language` is "pl": the same notices as staff.ts,
// the same facts in the same order. What the case itself wrote in English (a task's text, an
// escalation's reason, what awaits approval) is said in Polish by case-words.ts, the one translator
// the console reads the case with too; words a person wrote are quoted as written.
import { b, facts, isBlank, ltr, p, quote, t } from './blocks';
import {
  caseWordsPl as caseWords,
  channels,
  languageNames,
  overdueWhat,
  priorities,
  wordOf,
} from './case-words';
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

export const staffTemplatesPl: StaffTemplates = {
  newCase: (m, hh) => ({
    subject: `Nowa sprawa dla Ciebie – priorytet ${wordOf(priorities, m.priority)}, ${m.categoryLabels?.pl ?? m.category}`,
    recipientName: m.ownerName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`Reklamacja ${ltr(m.reference)} od klienta ${m.customerName} została przydzielona Tobie: prowadzisz ją od początku do końca. Klient zna już Twoje imię i nazwisko.`,
      ),
      facts([
        ['Numer sprawy', [ltr(m.reference)]],
        ['Kategoria', m.categoryLabels?.pl ?? m.category],
        ['Priorytet', wordOf(priorities, m.priority)],
        ['Kanał', wordOf(channels, m.channel)],
        ['Język klienta', wordOf(languageNames, m.customerLanguage)],
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
    subject: `Sprawa eskalowana do Ciebie – poziom ${m.level} (${m.levelLabels?.pl ?? m.levelName})`,
    recipientName: m.recipientName,
    caseUrl: m.caseUrl,
    blocks: [
      p(
        t`Reklamacja ${ltr(m.reference)}, prowadzona przez: ${m.ownerName}, została eskalowana do Ciebie na poziom ${String(m.level)} (${m.levelLabels?.pl ?? m.levelName}).`,
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
