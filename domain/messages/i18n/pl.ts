// Polish. The customer is addressed with a capitalised "Ty" (warm, and the custom in letters); the
// gender of neither the customer nor the owner is known, so the text avoids the gendered past tense
// in the first and second person singular ("otrzymałem/otrzymałam"). After the greeting's comma
// the first paragraph starts in lower case, as Polish letters do.
import { b, button, facts, h, isBlank, ltr, ol, own, p, t, timeline } from '../blocks';
import type { Block } from '../blocks';
import type { LetterRemedy, ReplyHint } from '../types';
import type { CustomerPack, Helpers } from './pack';

/** On a printed letter: where the customer can follow the case without e-mail. */
const online = (url: string) => t`Przebieg reklamacji możesz też śledzić online: ${ltr(url)}`;
const replyHint = (hint: ReplyHint | undefined, hasStatusPage: boolean): string => {
  if (hint === 'status-page' && hasStatusPage)
    return 'Odpowiedzi możesz wpisać na stronie Twojej reklamacji (link poniżej).';
  if (hint === 'email-or-status-page' && hasStatusPage) {
    return 'Możesz po prostu odpowiedzieć na tę wiadomość albo wpisać odpowiedzi na stronie Twojej reklamacji (link poniżej).';
  }
  return 'Najprościej odpowiedzieć na tę wiadomość – prosimy nie usuwać numeru reklamacji z tematu.';
};

const days = (n: number): string => (n === 1 ? '1 dzień' : `${n} dni`);

function remedyBlocks(remedy: LetterRemedy, hh: Helpers): Block[] {
  switch (remedy.kind) {
    case 'refund':
      return [p(t`Zwrot kwoty ${b(hh.money(remedy.amount, remedy.currency))}.`)];
    case 'voucher':
      return [
        p(
          remedy.value
            ? t`Bon o wartości ${b(hh.percent(remedy.percent))} kwoty Twojego zakupu (${b(hh.money(remedy.value.amount, remedy.value.currency))}), do wykorzystania przy kolejnych zakupach u nas. Bon jest ważny przez ${days(remedy.validityDays)}, do ${b(hh.day(remedy.validUntil, 'remedy.validUntil'))}.`
            : t`Bon o wartości ${b(hh.percent(remedy.percent))} kwoty Twojego zakupu, do wykorzystania przy kolejnych zakupach u nas. Bon jest ważny przez ${days(remedy.validityDays)}, do ${b(hh.day(remedy.validUntil, 'remedy.validUntil'))}.`,
        ),
        ...(remedy.code ? [p(t`Kod bonu: ${b(remedy.code)}`)] : []),
      ];
    case 'replacement':
      return [p('Wymiana produktu na nowy.')];
    case 'repair':
      return [p('Naprawa produktu.')];
    case 'none':
      return [];
  }
}

export const pl: CustomerPack = {
  greeting: (name) => (isBlank(name) ? 'Dzień dobry,' : `Dzień dobry, ${name},`),
  signOff: (formal) => (formal ? 'Z poważaniem' : 'Pozdrawiam serdecznie'),
  footer: (ref) => t`Odpowiadając, prosimy zachować numer ${ref} w temacie wiadomości.`,
  statusLinkLabel: 'Sprawdź status reklamacji',
  outcomes: {
    upheld: 'reklamacja uznana w całości',
    'partially-upheld': 'reklamacja uznana w części',
    rejected: 'reklamacja nieuznana',
  },
  timeline: {
    received: 'Otrzymanie reklamacji',
    acknowledged: 'Potwierdzenie przyjęcia reklamacji',
    diagnosis: 'Wstępna ocena reklamacji',
    questions: 'Prośba o dodatkowe informacje',
    'customer-answer': 'Otrzymanie Twojej odpowiedzi',
    update: 'Informacja o postępach',
    extension: 'Przedłużenie terminu',
    delay: 'Informacja o opóźnieniu',
    escalation: 'Przekazanie sprawy do dodatkowej weryfikacji',
    reassignment: 'Zmiana osoby prowadzącej',
    decision: 'Decyzja',
    call: 'Rozmowa telefoniczna',
    other: 'Uwagi',
  },
  chat: {
    publicAcknowledgement: (name, link) =>
      `${name ? `${name}, dziękujemy` : 'Dziękujemy'} za zgłoszenie i przepraszamy za kłopot. Żeby nie pisać tu niczego osobistego, zapraszamy do rozmowy prywatnej: ${link}`,
    welcome:
      'Dzień dobry! Prosimy opisać tutaj własnymi słowami, co się stało (zdjęcie też pomoże). Pierwsza wiadomość otwiera reklamację, a osoba, która się nią zajmie, odpowie w tym czacie.',
    openCase: (reference, ownerName) =>
      `Twoja reklamacja ${reference} jest otwarta i zajmuje się nią ${ownerName}: wystarczy napisać tutaj.`,
    photo: '[zdjęcie]',
    document: (fileName) => (fileName ? `[dokument ${fileName}]` : '[dokument]'),
    unsupported: (kind) => `[${kind}: nie do odczytania tutaj]`,
    empty: '(pusta wiadomość)',
  },
  chatWording: [
    [
      'Najprościej odpowiedzieć na tę wiadomość – prosimy nie usuwać numeru reklamacji z tematu.',
      'Najprościej odpowiedzieć w tym czacie.',
    ],
    ['odpowiedz proszę na tę wiadomość', 'odpowiedz proszę w tym czacie'],
    ['odpowiedz na tę wiadomość', 'odpowiedz w tym czacie'],
    ['odpowiadając na tę wiadomość', 'odpowiadając w tym czacie'],
    ['odpowiedzieć na tę wiadomość', 'odpowiedzieć w tym czacie'],
  ],
  paperWording: [
    [
      'Najprościej odpowiedzieć na tę wiadomość – prosimy nie usuwać numeru reklamacji z tematu.',
      'Najprościej napisać do nas na adres podany w nagłówku tego listu, podając numer reklamacji.',
    ],
    ['odpowiedz proszę na tę wiadomość', 'napisz proszę do nas na adres podany w nagłówku tego listu'],
    ['odpowiedz na tę wiadomość', 'napisz do nas na adres podany w nagłówku tego listu'],
    ['odpowiadając na tę wiadomość', 'pisząc do nas na adres podany w nagłówku tego listu'],
    ['odpowiedzieć na tę wiadomość', 'napisać do nas na adres podany w nagłówku tego listu'],
    ['zignoruj proszę tę wiadomość', 'zignoruj proszę ten list'],
    ['(link poniżej)', '(adres poniżej)'],
  ],
  paperWordingWithoutAddress: [
    [' na adres podany w nagłówku tego listu', ''],
    ['odesłać go na adres podany w nagłówku', 'odesłać go do nas'],
  ],
  statusOnPaper: online,
  templates: {
    acknowledgement: (m, hh) => ({
      subject: 'Potwierdzamy przyjęcie Twojej reklamacji',
      blocks: [
        p(
          t`dziękuję za Twoją wiadomość. Przykro mi, że doszło do sytuacji, która skłoniła Cię do złożenia reklamacji. Dotarła ona do nas ${hh.dateTime(m.receivedAt, 'receivedAt')} i już się nią zajmujemy.`,
        ),
        p(
          hh.paper
            ? t`Nazywam się ${m.ownerName} i to ja będę zajmować się Twoją reklamacją od początku do końca. Jeśli masz pytania albo chcesz coś dodać, napisz do nas na adres podany w nagłówku tego listu, podając numer reklamacji ${hh.ref} – list trafi bezpośrednio do mnie.`
            : t`Nazywam się ${m.ownerName} i to ja będę zajmować się Twoją reklamacją od początku do końca. Jeśli masz pytania albo chcesz coś dodać, po prostu odpowiedz na tę wiadomość – trafi bezpośrednio do mnie.`,
        ),
        p(
          t`Teraz dokładnie przyjrzę się temu, co się wydarzyło. Odezwę się do Ciebie najpóźniej ${b(hh.dateTime(m.nextContactBy, 'nextContactBy'))} – ze wstępną oceną sytuacji albo z pytaniami, jeśli będę potrzebować dodatkowych informacji.`,
        ),
        p(
          'Będę informować Cię o każdym etapie rozpatrywania reklamacji, a niezależnie od tego, jaka będzie decyzja, jasno wyjaśnię, jak do niej doszliśmy.',
        ),
        facts([
          ['Numer reklamacji', [hh.ref]],
          ['Data wpływu', hh.dateTime(m.receivedAt, 'receivedAt')],
          ['Osoba prowadząca', m.ownerRole ? `${m.ownerName} (${m.ownerRole})` : m.ownerName],
          ['Kolejny kontakt najpóźniej', hh.dateTime(m.nextContactBy, 'nextContactBy')],
        ]),
        p(
          t`Jeśli będziesz kontaktować się z nami w tej sprawie w inny sposób, podaj proszę numer ${hh.ref}.`,
        ),
      ],
    }),

    diagnosis: (m, hh) => ({
      subject: 'Wstępna ocena Twojej reklamacji',
      blocks: [
        p('zgodnie z zapowiedzią przesyłam wstępną ocenę Twojej reklamacji.'),
        ...(isBlank(m.apology) ? [] : [own(m.apology ?? '')]),
        h('Co udało mi się ustalić'),
        own(m.summary),
        p(
          t`To jeszcze wstępna ocena: nadal sprawdzam szczegóły i jeśli coś się zmieni, dam Ci znać. Ostateczną odpowiedź planuję przekazać do ${b(hh.day(m.expectedResolutionBy, 'expectedResolutionBy'))}.`,
        ),
        p(
          'Jeśli coś tu nie zgadza się z tym, co się wydarzyło, albo czegoś brakuje, odpowiedz proszę na tę wiadomość – to pomoże mi rzetelnie rozpatrzyć Twoją reklamację.',
        ),
      ],
    }),

    diagnosisDelay: (m, hh) => ({
      subject: 'Przepraszam za opóźnienie w sprawie Twojej reklamacji',
      blocks: [
        p(
          t`wstępna ocena Twojej reklamacji miała dotrzeć do Ciebie do ${b(hh.dateTime(m.promisedBy, 'promisedBy'))}, a tego terminu nie udało się dotrzymać. Przepraszam – nie powinno się czekać bez żadnej wiadomości.`,
        ),
        p(
          t`Nadal zajmuję się Twoją sprawą i odezwę się najpóźniej ${b(hh.dateTime(m.newContactBy, 'newContactBy'))} – ze wstępną oceną albo z pytaniami, jeśli będę potrzebować więcej informacji.`,
        ),
        p(
          hh.paper
            ? t`Jeśli chcesz w międzyczasie coś dodać, napisz do nas na adres podany w nagłówku tego listu, podając numer ${hh.ref}.`
            : 'Jeśli chcesz w międzyczasie coś dodać, po prostu odpowiedz na tę wiadomość.',
        ),
      ],
    }),

    reopenNotice: (m, hh) => ({
      subject: 'Twoja reklamacja została wznowiona',
      blocks: [
        p('dziękuję za wiadomość. Twoja reklamacja została wznowiona i znów się nią zajmuję.'),
        p(
          t`Nie musisz niczego wyjaśniać od nowa – mam pełną historię sprawy. Odezwę się najpóźniej ${b(hh.dateTime(m.nextContactBy, 'nextContactBy'))}.`,
        ),
      ],
    }),

    questions: (m, hh) => ({
      subject: 'Kilka pytań dotyczących Twojej reklamacji',
      blocks: [
        p('aby móc dalej zajmować się Twoją reklamacją, potrzebuję od Ciebie kilku dodatkowych informacji:'),
        ol(m.questions),
        p(
          t`Czy możesz przesłać mi odpowiedzi do ${b(hh.dateTime(m.answerBy, 'answerBy'))}? ${replyHint(m.replyHint, !!m.statusUrl)}`,
        ),
        p('Gdy tylko je otrzymam, wrócę do pracy nad Twoją sprawą. Dziękuję za pomoc.'),
      ],
    }),

    questionsReminder: (m, hh) => ({
      subject: 'Przypomnienie: czekam na Twoje odpowiedzi',
      blocks: [
        p(
          'piszę ponownie, ponieważ nie dotarły do mnie jeszcze Twoje odpowiedzi na moje pytania. Bez nich nie mogę dokończyć rozpatrywania Twojej reklamacji.',
        ),
        p('Przypominam moje pytania:'),
        ol(m.questions),
        p(
          t`Jeśli odpowiesz do ${b(hh.dateTime(m.answerBy, 'answerBy'))}, od razu wrócę do Twojej sprawy. ${replyHint(m.replyHint, !!m.statusUrl)}`,
        ),
        p(
          m.reopenUntil
            ? t`Jeśli do tego czasu nie otrzymam odpowiedzi, na razie zamknę reklamację – ale jeśli odpowiesz do ${b(hh.day(m.reopenUntil, 'reopenUntil'))}, wznowię ją i będziemy kontynuować od miejsca, w którym skończyliśmy.`
            : 'Jeśli do tego czasu nie otrzymam odpowiedzi, na razie zamknę reklamację – jeśli napiszesz do nas później, ponownie zajmiemy się sprawą.',
        ),
        p('Jeśli odpowiedzi zostały już wysłane, dziękuję – w takim razie zignoruj proszę tę wiadomość.'),
      ],
    }),

    noResponseClosure: (m, hh) => ({
      subject: 'Na razie zamykamy Twoją reklamację',
      blocks: [
        p(
          'w związku z Twoją reklamacją poprosiliśmy o dodatkowe informacje, ale nie otrzymaliśmy odpowiedzi, dlatego na razie zamykamy sprawę.',
        ),
        p(
          m.reopenUntil
            ? t`Nie oznacza to jednak, że sprawa jest zakończona na dobre. Jeśli nadal chcesz, żebyśmy się nią zajęli, po prostu odpowiedz na tę wiadomość do ${b(hh.day(m.reopenUntil, 'reopenUntil'))}, podając numer ${hh.ref} – wznowię reklamację i będziemy kontynuować od miejsca, w którym skończyliśmy. Nie trzeba będzie zaczynać od nowa.`
            : t`Nie oznacza to jednak, że sprawa jest zakończona na dobre. Jeśli nadal chcesz, żebyśmy się nią zajęli, po prostu napisz do nas, podając numer ${hh.ref} – ponownie zajmiemy się sprawą.`,
        ),
        p(
          'Jeśli nie potrzebujesz już naszej pomocy, nie musisz nic robić. Dziękujemy za zgłoszenie problemu – to dla nas ważna informacja.',
        ),
      ],
    }),

    progressUpdate: (m, hh) => {
      // No date once the promised one was missed: the owner has not set a new one yet.
      const by = b(m.expectedResolutionBy ? hh.day(m.expectedResolutionBy, 'expectedResolutionBy') : '');
      const subject = 'Informacja o postępach w sprawie Twojej reklamacji';
      if (m.sentBy === 'owner' && !isBlank(m.message)) {
        return {
          subject,
          blocks: [
            p('oto najnowsze informacje dotyczące Twojej reklamacji:'),
            own(m.message),
            p(
              m.expectedResolutionBy
                ? t`Nadal planuję przekazać Ci odpowiedź do ${by}. Jeśli w międzyczasie masz pytania, po prostu odpowiedz na tę wiadomość.`
                : t`Nie mogę jeszcze podać pewnego nowego terminu odpowiedzi – przekażę go, gdy tylko będzie to możliwe. Jeśli w międzyczasie masz pytania, po prostu odpowiedz na tę wiadomość.`,
            ),
          ],
        };
      }
      return {
        subject,
        blocks: isBlank(m.message)
          ? [
              p(
                m.expectedResolutionBy
                  ? t`chcemy dać Ci znać, że nadal pracujemy nad Twoją reklamacją – nie zapomnieliśmy o niej. Sprawę prowadzi ${m.ownerName}, a odpowiedź planujemy przekazać do ${by}.`
                  : t`chcemy dać Ci znać, że nadal pracujemy nad Twoją reklamacją – nie zapomnieliśmy o niej. Sprawę prowadzi ${m.ownerName} i poda nowy przewidywany termin, gdy tylko będzie znany.`,
              ),
              p('Jeśli w międzyczasie masz pytania, po prostu odpowiedz na tę wiadomość.'),
            ]
          : [
              p('krótka informacja o tym, co dzieje się z Twoją reklamacją:'),
              own(m.message),
              p(
                m.expectedResolutionBy
                  ? t`Odpowiedź planujemy przekazać do ${by}. Jeśli w międzyczasie masz pytania, po prostu odpowiedz na tę wiadomość.`
                  : t`Nowy przewidywany termin odpowiedzi przekażemy, gdy tylko będzie znany. Jeśli w międzyczasie masz pytania, po prostu odpowiedz na tę wiadomość.`,
              ),
            ],
      };
    },

    delayNotice: (m, hh) => ({
      subject: 'Rozpatrzenie Twojej reklamacji trwa dłużej, niż obiecaliśmy',
      blocks: [
        p(
          t`obiecaliśmy, że otrzymasz odpowiedź do ${b(hh.day(m.promisedBy, 'promisedBy'))}, i nie udało nam się dotrzymać tego terminu. Bardzo przepraszam – wiem, że czekanie jest frustrujące, zwłaszcza po tym, co już Cię spotkało.`,
        ),
        m.newExpectedBy
          ? p(
              t`Nadal pracuję nad Twoją sprawą i teraz przewiduję, że przekażę Ci odpowiedź do ${b(hh.day(m.newExpectedBy, 'newExpectedBy'))}. Do tego czasu będę Cię informować na bieżąco, tak aby nie trzeba było się o nic dopytywać.`,
            )
          : p(
              'Nadal pracuję nad Twoją sprawą. Nie mogę jeszcze podać pewnego nowego terminu, ale napiszę, gdy tylko będzie to możliwe – i nie zostawię Cię bez informacji.',
            ),
        p('Jeśli chcesz w międzyczasie o tym porozmawiać, po prostu odpowiedz na tę wiadomość.'),
      ],
    }),

    extensionNotice: (m, hh) => ({
      subject: 'Potrzebujemy więcej czasu na rozpatrzenie Twojej reklamacji',
      blocks: [
        p(
          'chcę Cię jak najwcześniej uprzedzić, że rozpatrzenie Twojej reklamacji potrwa dłużej, niż początkowo zakładaliśmy.',
        ),
        h('Dlaczego'),
        own(m.reason),
        p(
          t`Nowy przewidywany termin odpowiedzi to ${b(hh.day(m.newExpectedBy, 'newExpectedBy'))}. Przepraszam za dodatkowe oczekiwanie – będę Cię informować o postępach.`,
        ),
        p('Jeśli masz pytania, po prostu odpowiedz na tę wiadomość.'),
      ],
    }),

    resolutionLetter: (m, hh) => ({
      subject: 'Decyzja w sprawie Twojej reklamacji',
      formal: true,
      blocks: [
        p(
          t`w tym piśmie przedstawiam decyzję w sprawie Twojej reklamacji, którą otrzymaliśmy ${hh.day(m.receivedAt, 'receivedAt')}, oraz podsumowanie przebiegu jej rozpatrywania.${m.timeline.some((e) => e.kind === 'call') ? ' Potwierdza ono na piśmie to, o czym rozmawialiśmy telefonicznie.' : ''}`,
        ),
        ...(m.callAttempts?.length
          ? [
              p(
                t`Próbowaliśmy zadzwonić do Ciebie, aby osobiście przekazać naszą decyzję (${m.callAttempts.map((a, i) => hh.dateTime(a, `callAttempts.${i}`)).join(', ')}), ale nie udało nam się połączyć, dlatego przesyłamy ją na piśmie.`,
              ),
            ]
          : []),
        facts([
          ['Numer reklamacji', [hh.ref]],
          ['Data wpływu', hh.dateTime(m.receivedAt, 'receivedAt')],
          ['Osoba prowadząca', m.ownerName],
          ['Decyzja', pl.outcomes[m.outcome]],
        ]),
        h('Nasza decyzja'),
        p(
          m.outcome === 'upheld'
            ? 'Po rozpatrzeniu Twojej reklamacji przyznajemy Ci rację i uznajemy ją w całości.'
            : m.outcome === 'partially-upheld'
              ? 'Po rozpatrzeniu Twojej reklamacji uznajemy ją w części.'
              : 'Po dokładnym rozpatrzeniu Twojej reklamacji nie możemy jej uznać. Wiem, że to nie jest odpowiedź, na którą liczysz, dlatego chcę jasno wyjaśnić nasze powody.',
        ),
        own(m.explanation),
        ...(isBlank(m.apology) ? [] : [own(m.apology)]),
        ...(m.remedy.kind === 'none'
          ? []
          : [
              h('Co proponujemy'),
              ...remedyBlocks(m.remedy, hh),
              ...(isBlank(m.howToUseRemedy) ? [] : [own(m.howToUseRemedy ?? '')]),
            ]),
        h('Przebieg rozpatrywania reklamacji'),
        timeline(
          m.timeline.map((e) => ({
            when: hh.dateTime(e.at, 'timeline.at'),
            what: pl.timeline[e.kind],
            note: e.text,
          })),
        ),
        h('Jeśli nie zgadzasz się z decyzją'),
        p(
          hh.paper
            ? t`Jeśli nie zgadzasz się z naszą decyzją, daj mi proszę znać – napisz do nas na adres podany w nagłówku tego listu, podając numer reklamacji ${hh.ref}, a wyjaśnię wszystko, co budzi wątpliwości. Masz też prawo skierować sprawę dalej:`
            : 'Jeśli nie zgadzasz się z naszą decyzją, daj mi proszę znać – odpowiedz na tę wiadomość, a wyjaśnię wszystko, co budzi wątpliwości. Masz też prawo skierować sprawę dalej:',
        ),
        // The desk's words, not someone's own: a letter or a chat rewords its "reply to this e-mail".
        p(m.disagreementRoute),
        p(
          'Dziękuję za zgłoszenie tej sprawy i za cierpliwość. Takie reklamacje pomagają nam działać lepiej.',
        ),
      ],
    }),

    surveyInvitation: (m, hh) => ({
      // The second survey, after a follow-up, says so rather than repeating the first.
      subject: m.round
        ? 'Po ponownym zajęciu się sprawą: jak nas oceniasz?'
        : 'Jak oceniasz rozpatrzenie Twojej reklamacji?',
      statusLink: false,
      blocks: [
        p(
          m.round
            ? 'Po Twojej ostatniej odpowiedzi jeszcze raz zajęliśmy się Twoją reklamacją, dlatego chcę ponownie zapytać, jak oceniasz naszą pracę. Jeśli coś nadal jest nie tak, chcę o tym wiedzieć.'
            : 'Twoja reklamacja została już rozpatrzona, dlatego chcę zapytać, jak oceniasz naszą pracę. Szczera opinia pomaga nam działać lepiej – a jeśli coś nadal jest nie tak, chcę o tym wiedzieć.',
        ),
        p('To zajmie około minuty: ocena w skali od 1 do 5 i, jeśli chcesz, krótki komentarz.'),
        ...(hh.paper
          ? [
              p(
                t`Możesz odpowiedzieć online pod adresem ${ltr(m.surveyUrl)} albo wpisać ocenę i komentarz na tym liście i odesłać go na adres podany w nagłówku, podając numer ${hh.ref}.`,
              ),
              p('Czy możemy pomóc Ci jeszcze w czymś? Napisz o tym w odpowiedzi.'),
            ]
          : [
              button('Oceń rozpatrzenie reklamacji', m.surveyUrl),
              p(
                'Czy możemy pomóc Ci jeszcze w czymś? Napisz o tym w ankiecie albo po prostu odpowiedz na tę wiadomość.',
              ),
            ]),
      ],
    }),

    surveyReminder: (m, hh) => ({
      subject: 'Czy znajdziesz minutę na ocenę?',
      statusLink: false,
      blocks: [
        p(
          'kilka dni temu zapytaliśmy, jak oceniasz sposób rozpatrzenia Twojej reklamacji. Jeśli nie było jeszcze okazji odpowiedzieć, nadal bardzo zależy nam na Twojej opinii.',
        ),
        p('To zajmie około minuty: ocena w skali od 1 do 5 i, jeśli chcesz, krótki komentarz.'),
        ...(hh.paper
          ? [
              p(
                t`Możesz odpowiedzieć online pod adresem ${ltr(m.surveyUrl)} albo wpisać ocenę i komentarz na tym liście i odesłać go na adres podany w nagłówku, podając numer ${hh.ref}.`,
              ),
            ]
          : [
              button('Oceń rozpatrzenie reklamacji', m.surveyUrl),
              p(
                'Czy możemy pomóc Ci jeszcze w czymś? Napisz o tym w ankiecie albo po prostu odpowiedz na tę wiadomość.',
              ),
            ]),
        p('Jeśli ankieta jest już wypełniona, dziękuję – w takim razie zignoruj proszę to przypomnienie.'),
      ],
    }),

    followUpNotice: (m, hh) => ({
      subject: 'Dziękuję za opinię – odezwę się',
      blocks: [
        p(
          'dziękuję za szczerą opinię. Przykro mi, że sposób rozpatrzenia Twojej reklamacji nie spełnił w pełni Twoich oczekiwań.',
        ),
        p(
          t`Chcę zrozumieć, co poszło nie tak, i upewnić się, że problem naprawdę został rozwiązany. Skontaktuję się z Tobą najpóźniej ${b(hh.dateTime(m.followUpBy, 'followUpBy'))}.`,
        ),
        p('Jeśli chcesz wcześniej coś dodać, po prostu odpowiedz na tę wiadomość.'),
      ],
    }),

    withdrawalConfirmation: (m, hh) => ({
      subject: 'Potwierdzenie wycofania reklamacji',
      blocks: [
        p(
          'zgodnie z Twoją prośbą wycofaliśmy Twoją reklamację i zamknęliśmy sprawę. Nie musisz już nic robić.',
        ),
        p(
          m.reopenUntil
            ? t`Jeśli zmienisz zdanie, po prostu odpowiedz na tę wiadomość do ${b(hh.day(m.reopenUntil, 'reopenUntil'))}, podając numer ${hh.ref} – wznowię reklamację od miejsca, w którym skończyliśmy. Jeśli będziemy mogli pomóc Ci w czymś innym, napisz do nas w dowolnym momencie.`
            : t`Jeśli zmienisz zdanie albo będziemy mogli pomóc Ci w czymś innym, po prostu odpowiedz na tę wiadomość, podając numer ${hh.ref}.`,
        ),
        p('Dziękujemy za informację.'),
      ],
    }),

    reassignmentNotice: (m) => ({
      subject: 'Nowa osoba prowadząca Twoją reklamację',
      blocks: [
        p(
          t`nazywam się ${m.newOwnerName} i od dziś to ja prowadzę Twoją reklamację – przejmuję ją po osobie, która zajmowała się nią do tej pory (${m.previousOwnerName}).`,
        ),
        p('Znam całą historię Twojej sprawy, więc nie musisz niczego wyjaśniać od nowa.'),
        p('Jeśli masz pytania, po prostu odpowiedz na tę wiadomość – trafi bezpośrednio do mnie.'),
      ],
    }),
  },
};
