// The words of the customer's own pages (status, survey, friendly errors) in every language the
// product serves. Written for a person who is already unhappy: plain, warm, never blaming; Hebrew
// avoids gendered verb forms where it can.
import type { ClosureReason, Stage } from '../../domain/case';
import type { TimelineKind } from '../../domain/messages/types';
import type { Language, Outcome } from '../../domain/types';

export interface PageStrings {
  locale: string;
  heading: string;
  reference: string;
  subject: string;
  handledBy: string;
  receivedAt: string;
  expectedBy: string;
  nextUpdateBy: string;
  statusHeading: string;
  /** {owner} is replaced by the owner's name. */
  stages: Record<Exclude<Stage, 'closed'>, string>;
  closed: Record<ClosureReason, string>;
  timelineHeading: string;
  timelineEmpty: string;
  kinds: Record<TimelineKind, string>;
  questionsHeading: string;
  questionsHint: string;
  decisionHeading: string;
  outcomes: Record<Outcome, string>;
  messageHeading: string;
  messageLabel: string;
  messageButton: string;
  withdrawHeading: string;
  withdrawText: string;
  withdrawReason: string;
  withdrawConfirm: string;
  withdrawButton: string;
  surveyCta: string;
  surveyHeading: string;
  surveyIntro: string;
  scoreLabel: string;
  scoreLow: string;
  scoreHigh: string;
  commentLabel: string;
  helpLabel: string;
  yes: string;
  no: string;
  surveyButton: string;
  surveyThanks: string;
  surveyClosed: string;
  /** {owner} is replaced by the owner's name. */
  sentMessage: string;
  sentWithdrawal: string;
  badLinkTitle: string;
  badLinkText: string;
  expiredTitle: string;
  expiredText: string;
  notFoundTitle: string;
  notFoundText: string;
  formErrorTitle: string;
  errEmpty: string;
  errConfirm: string;
  errScore: string;
  errHelp: string;
  errGeneric: string;
  back: string;
  tooManyTitle: string;
  tooManyText: string;
  unavailableTitle: string;
  unavailableText: string;
  closedNoMore: string;
  /** A closed case a reply still reopens: {date} is replaced by until when. */
  reopenHint: string;
  privateNote: string;
  startingText: string;
  caseClosedForAction: string;
}

const en: PageStrings = {
  locale: 'en-GB',
  heading: 'Your complaint',
  reference: 'Reference',
  subject: 'Subject',
  handledBy: 'Handled by',
  receivedAt: 'Received',
  expectedBy: 'Expected resolution by',
  nextUpdateBy: 'You will hear from us by',
  statusHeading: 'Where your case stands',
  stages: {
    intake: 'We have received your complaint and are assigning it to a member of our team.',
    diagnosis: '{owner} is looking into your complaint.',
    'waiting-on-customer': 'We have asked you a few questions and are waiting for your answer.',
    'in-progress': 'We are working on a solution.',
    'awaiting-approval': 'We have a proposed solution, which is being confirmed.',
    'resolution-call': 'We have reached a decision, and {owner} will call you to explain it.',
    survey: 'Your complaint has been resolved. Please tell us how we did.',
    'follow-up': 'We are following up to make sure the problem is really solved.',
    documentation: 'Your complaint has been resolved.',
  },
  closed: {
    resolved: 'Your complaint has been resolved and the case is closed.',
    withdrawn: 'The complaint was withdrawn. The case is closed.',
    'no-response':
      'We closed the case because we did not hear back from you. If you still need help, please write to us.',
  },
  timelineHeading: 'What has happened so far',
  timelineEmpty: 'Nothing yet.',
  kinds: {
    received: 'We received your complaint',
    acknowledged: 'We confirmed receipt',
    diagnosis: 'Preliminary diagnosis',
    questions: 'We asked you some questions',
    'customer-answer': 'Your message',
    update: 'Progress update',
    extension: 'New expected date',
    delay: 'Delay',
    escalation: 'Escalated',
    reassignment: 'New case handler',
    decision: 'Decision',
    call: 'Phone call',
    other: 'Update',
  },
  questionsHeading: 'Our questions to you',
  questionsHint: 'Answer in the form below, or reply to our e-mail.',
  decisionHeading: 'Our decision',
  outcomes: {
    upheld: 'Your complaint has been upheld.',
    'partially-upheld': 'Your complaint has been partly upheld.',
    rejected: 'Your complaint has not been upheld.',
  },
  messageHeading: 'Send us a message',
  messageLabel: 'Your message',
  messageButton: 'Send message',
  withdrawHeading: 'Withdraw your complaint',
  withdrawText: 'If you no longer need our help, you can withdraw the complaint. This cannot be undone.',
  withdrawReason: 'Reason (optional)',
  withdrawConfirm: 'Yes, I want to withdraw my complaint',
  withdrawButton: 'Withdraw complaint',
  surveyCta: 'Tell us how we did',
  surveyHeading: 'How did we do?',
  surveyIntro: 'Your answers help us handle complaints better.',
  scoreLabel: 'How satisfied are you with the way we handled your complaint?',
  scoreLow: 'very dissatisfied',
  scoreHigh: 'very satisfied',
  commentLabel: 'Anything you would like to add? (optional)',
  helpLabel: 'Do you still need help with this matter?',
  yes: 'Yes',
  no: 'No',
  surveyButton: 'Send answers',
  surveyThanks: 'Thank you for your answers.',
  surveyClosed: 'The survey for this complaint is not open at the moment.',
  sentMessage: 'Thank you. Your message has reached {owner}.',
  sentWithdrawal: 'We have received your request to withdraw the complaint. We will confirm it by e-mail.',
  badLinkTitle: 'This link does not work',
  badLinkText:
    'The link may be incomplete or mistyped. Open it again from our e-mail, or reply to any of our e-mails and we will help you.',
  expiredTitle: 'This link has expired',
  expiredText:
    'For your security, links to your complaint stop working after a while. Reply to any of our e-mails and we will send you a new one.',
  notFoundTitle: 'We could not find this complaint',
  notFoundText:
    'It may have been closed a long time ago. Reply to any of our e-mails, or write to us again, and we will help you.',
  formErrorTitle: 'Please check the form',
  errEmpty: 'Please write a message.',
  errConfirm: 'Please tick the box to confirm.',
  errScore: 'Please choose a score.',
  errHelp: 'Please answer whether you still need help.',
  errGeneric: 'Some of the answers could not be read.',
  back: 'Back to your complaint',
  tooManyTitle: 'Too many requests',
  tooManyText: 'Please wait a moment and try again.',
  unavailableTitle: 'We cannot show your complaint right now',
  unavailableText: 'Please try again in a few minutes.',
  closedNoMore: 'This case is closed. If you need more help, please write to us again.',
  reopenHint:
    'Your complaint is closed, but if you write to us here by {date}, we will reopen it and carry on where we left off.',
  privateNote: 'This page is meant for you only; please do not share its link.',
  startingText: 'We are just setting up your case. Please refresh the page in a moment.',
  caseClosedForAction:
    'This case is already closed, so we could not take this request. If you need more help, please write to us again.',
};

const pl: PageStrings = {
  locale: 'pl-PL',
  heading: 'Twoja reklamacja',
  reference: 'Numer sprawy',
  subject: 'Temat',
  handledBy: 'Sprawę prowadzi',
  receivedAt: 'Otrzymano',
  expectedBy: 'Przewidywany termin rozwiązania',
  nextUpdateBy: 'Odezwiemy się najpóźniej',
  statusHeading: 'Na jakim etapie jest sprawa',
  stages: {
    intake: 'Otrzymaliśmy Twoją reklamację i przydzielamy ją osobie z naszego zespołu.',
    diagnosis: 'Twoją reklamację analizuje {owner}.',
    'waiting-on-customer': 'Zadaliśmy Ci kilka pytań i czekamy na odpowiedź.',
    'in-progress': 'Pracujemy nad rozwiązaniem.',
    'awaiting-approval': 'Mamy propozycję rozwiązania, która jest właśnie zatwierdzana.',
    'resolution-call': 'Mamy decyzję. Zadzwoni do Ciebie {owner}, aby ją omówić.',
    survey: 'Reklamacja została rozpatrzona. Powiedz nam, jak nam poszło.',
    'follow-up': 'Sprawdzamy, czy problem na pewno został rozwiązany.',
    documentation: 'Reklamacja została rozpatrzona.',
  },
  closed: {
    resolved: 'Reklamacja została rozpatrzona, a sprawa zamknięta.',
    withdrawn: 'Reklamacja została wycofana. Sprawa jest zamknięta.',
    'no-response':
      'Zamknęliśmy sprawę, ponieważ nie otrzymaliśmy odpowiedzi. Jeśli nadal potrzebujesz pomocy, napisz do nas.',
  },
  timelineHeading: 'Co wydarzyło się do tej pory',
  timelineEmpty: 'Na razie nic.',
  kinds: {
    received: 'Otrzymaliśmy reklamację',
    acknowledged: 'Potwierdziliśmy przyjęcie',
    diagnosis: 'Wstępna diagnoza',
    questions: 'Zadaliśmy Ci pytania',
    'customer-answer': 'Twoja wiadomość',
    update: 'Informacja o postępach',
    extension: 'Nowy przewidywany termin',
    delay: 'Opóźnienie',
    escalation: 'Sprawa przekazana wyżej',
    reassignment: 'Nowa osoba prowadząca',
    decision: 'Decyzja',
    call: 'Rozmowa telefoniczna',
    other: 'Informacja',
  },
  questionsHeading: 'Nasze pytania do Ciebie',
  questionsHint: 'Odpowiedz w formularzu poniżej lub odpisz na naszego e-maila.',
  decisionHeading: 'Nasza decyzja',
  outcomes: {
    upheld: 'Reklamacja została uznana.',
    'partially-upheld': 'Reklamacja została uznana częściowo.',
    rejected: 'Reklamacja nie została uznana.',
  },
  messageHeading: 'Napisz do nas',
  messageLabel: 'Twoja wiadomość',
  messageButton: 'Wyślij wiadomość',
  withdrawHeading: 'Wycofaj reklamację',
  withdrawText:
    'Jeśli nie potrzebujesz już naszej pomocy, możesz wycofać reklamację. Tej operacji nie można cofnąć.',
  withdrawReason: 'Powód (opcjonalnie)',
  withdrawConfirm: 'Tak, chcę wycofać reklamację',
  withdrawButton: 'Wycofaj reklamację',
  surveyCta: 'Oceń, jak nam poszło',
  surveyHeading: 'Jak nam poszło?',
  surveyIntro: 'Twoje odpowiedzi pomogą nam lepiej rozpatrywać reklamacje.',
  scoreLabel: 'Jak oceniasz sposób rozpatrzenia Twojej reklamacji?',
  scoreLow: 'bardzo źle',
  scoreHigh: 'bardzo dobrze',
  commentLabel: 'Czy chcesz coś dodać? (opcjonalnie)',
  helpLabel: 'Czy nadal potrzebujesz pomocy w tej sprawie?',
  yes: 'Tak',
  no: 'Nie',
  surveyButton: 'Wyślij odpowiedzi',
  surveyThanks: 'Dziękujemy za odpowiedzi.',
  surveyClosed: 'Ankieta dotycząca tej reklamacji nie jest teraz otwarta.',
  sentMessage: 'Dziękujemy. Twoja wiadomość dotarła do osoby prowadzącej sprawę ({owner}).',
  sentWithdrawal: 'Otrzymaliśmy prośbę o wycofanie reklamacji. Potwierdzimy to e-mailem.',
  badLinkTitle: 'Ten link nie działa',
  badLinkText:
    'Link może być niepełny lub błędnie przepisany. Otwórz go ponownie z naszego e-maila albo odpisz na dowolną naszą wiadomość, a pomożemy.',
  expiredTitle: 'Ten link wygasł',
  expiredText:
    'Dla Twojego bezpieczeństwa linki do reklamacji po pewnym czasie przestają działać. Odpisz na dowolną naszą wiadomość, a wyślemy nowy.',
  notFoundTitle: 'Nie znaleźliśmy tej reklamacji',
  notFoundText:
    'Mogła zostać zamknięta dawno temu. Odpisz na dowolną naszą wiadomość lub napisz do nas ponownie, a pomożemy.',
  formErrorTitle: 'Sprawdź formularz',
  errEmpty: 'Wpisz wiadomość.',
  errConfirm: 'Zaznacz pole, aby potwierdzić.',
  errScore: 'Wybierz ocenę.',
  errHelp: 'Odpowiedz, czy nadal potrzebujesz pomocy.',
  errGeneric: 'Nie udało się odczytać części odpowiedzi.',
  back: 'Wróć do reklamacji',
  tooManyTitle: 'Zbyt wiele prób',
  tooManyText: 'Odczekaj chwilę i spróbuj ponownie.',
  unavailableTitle: 'Nie możemy teraz pokazać Twojej reklamacji',
  unavailableText: 'Spróbuj ponownie za kilka minut.',
  closedNoMore: 'Ta sprawa jest zamknięta. Jeśli potrzebujesz dalszej pomocy, napisz do nas ponownie.',
  reopenHint:
    'Reklamacja jest zamknięta, ale jeśli napiszesz do nas tutaj do {date}, wznowimy ją i będziemy kontynuować od miejsca, w którym skończyliśmy.',
  privateNote: 'Ta strona jest przeznaczona tylko dla Ciebie. Nie udostępniaj jej linku.',
  startingText: 'Właśnie zakładamy Twoją sprawę. Odśwież stronę za chwilę.',
  caseClosedForAction:
    'Ta sprawa jest już zamknięta, więc nie mogliśmy przyjąć tej prośby. Jeśli potrzebujesz pomocy, napisz do nas ponownie.',
};

const sv: PageStrings = {
  locale: 'sv-SE',
  heading: 'Ditt klagomål',
  reference: 'Ärendenummer',
  subject: 'Ämne',
  handledBy: 'Handläggs av',
  receivedAt: 'Mottaget',
  expectedBy: 'Beräknad lösning senast',
  nextUpdateBy: 'Du hör från oss senast',
  statusHeading: 'Så här ligger ärendet till',
  stages: {
    intake: 'Vi har tagit emot ditt klagomål och tilldelar det en medarbetare.',
    diagnosis: '{owner} utreder ditt klagomål.',
    'waiting-on-customer': 'Vi har ställt några frågor till dig och väntar på ditt svar.',
    'in-progress': 'Vi arbetar på en lösning.',
    'awaiting-approval': 'Vi har ett förslag till lösning som håller på att godkännas.',
    'resolution-call': 'Vi har fattat ett beslut, och {owner} ringer dig för att förklara det.',
    survey: 'Ditt klagomål är hanterat. Berätta gärna hur vi skötte det.',
    'follow-up': 'Vi följer upp för att säkerställa att problemet verkligen är löst.',
    documentation: 'Ditt klagomål är hanterat.',
  },
  closed: {
    resolved: 'Ditt klagomål är hanterat och ärendet är avslutat.',
    withdrawn: 'Klagomålet har dragits tillbaka. Ärendet är avslutat.',
    'no-response':
      'Vi avslutade ärendet eftersom vi inte fick något svar. Skriv till oss om du fortfarande behöver hjälp.',
  },
  timelineHeading: 'Vad som har hänt hittills',
  timelineEmpty: 'Inget ännu.',
  kinds: {
    received: 'Vi tog emot ditt klagomål',
    acknowledged: 'Vi bekräftade mottagandet',
    diagnosis: 'Preliminär bedömning',
    questions: 'Vi ställde frågor till dig',
    'customer-answer': 'Ditt meddelande',
    update: 'Lägesrapport',
    extension: 'Nytt beräknat datum',
    delay: 'Försening',
    escalation: 'Ärendet eskalerades',
    reassignment: 'Ny handläggare',
    decision: 'Beslut',
    call: 'Telefonsamtal',
    other: 'Uppdatering',
  },
  questionsHeading: 'Våra frågor till dig',
  questionsHint: 'Svara i formuläret nedan eller svara på vårt e-postmeddelande.',
  decisionHeading: 'Vårt beslut',
  outcomes: {
    upheld: 'Ditt klagomål har godkänts.',
    'partially-upheld': 'Ditt klagomål har delvis godkänts.',
    rejected: 'Ditt klagomål har inte godkänts.',
  },
  messageHeading: 'Skicka ett meddelande till oss',
  messageLabel: 'Ditt meddelande',
  messageButton: 'Skicka meddelande',
  withdrawHeading: 'Dra tillbaka klagomålet',
  withdrawText: 'Om du inte längre behöver vår hjälp kan du dra tillbaka klagomålet. Det går inte att ångra.',
  withdrawReason: 'Anledning (valfritt)',
  withdrawConfirm: 'Ja, jag vill dra tillbaka mitt klagomål',
  withdrawButton: 'Dra tillbaka klagomålet',
  surveyCta: 'Berätta hur vi skötte det',
  surveyHeading: 'Hur gick det?',
  surveyIntro: 'Dina svar hjälper oss att hantera klagomål bättre.',
  scoreLabel: 'Hur nöjd är du med hur vi hanterade ditt klagomål?',
  scoreLow: 'mycket missnöjd',
  scoreHigh: 'mycket nöjd',
  commentLabel: 'Vill du lägga till något? (valfritt)',
  helpLabel: 'Behöver du fortfarande hjälp med det här ärendet?',
  yes: 'Ja',
  no: 'Nej',
  surveyButton: 'Skicka svar',
  surveyThanks: 'Tack för dina svar.',
  surveyClosed: 'Enkäten för det här klagomålet är inte öppen just nu.',
  sentMessage: 'Tack! Ditt meddelande har nått {owner}.',
  sentWithdrawal:
    'Vi har tagit emot din begäran om att dra tillbaka klagomålet. Vi bekräftar det via e-post.',
  badLinkTitle: 'Länken fungerar inte',
  badLinkText:
    'Länken kan vara ofullständig eller felskriven. Öppna den igen från vårt e-postmeddelande, eller svara på något av våra meddelanden så hjälper vi dig.',
  expiredTitle: 'Länken har slutat gälla',
  expiredText:
    'Av säkerhetsskäl slutar länkar till ditt klagomål att fungera efter en tid. Svara på något av våra e-postmeddelanden så skickar vi en ny.',
  notFoundTitle: 'Vi hittade inte klagomålet',
  notFoundText:
    'Det kan ha avslutats för länge sedan. Svara på något av våra meddelanden eller skriv till oss igen, så hjälper vi dig.',
  formErrorTitle: 'Kontrollera formuläret',
  errEmpty: 'Skriv ett meddelande.',
  errConfirm: 'Kryssa i rutan för att bekräfta.',
  errScore: 'Välj ett betyg.',
  errHelp: 'Svara på om du fortfarande behöver hjälp.',
  errGeneric: 'Vissa svar kunde inte läsas.',
  back: 'Tillbaka till ditt klagomål',
  tooManyTitle: 'För många försök',
  tooManyText: 'Vänta en stund och försök igen.',
  unavailableTitle: 'Vi kan inte visa ditt klagomål just nu',
  unavailableText: 'Försök igen om några minuter.',
  closedNoMore: 'Ärendet är avslutat. Skriv till oss igen om du behöver mer hjälp.',
  reopenHint:
    'Ditt ärende är avslutat, men skriver du till oss här senast den {date} öppnar vi det igen och fortsätter där vi slutade.',
  privateNote: 'Den här sidan är bara till för dig. Dela inte länken.',
  startingText: 'Vi håller på att lägga upp ditt ärende. Ladda om sidan om en liten stund.',
  caseClosedForAction:
    'Ärendet är redan avslutat, så vi kunde inte ta emot begäran. Skriv till oss igen om du behöver mer hjälp.',
};

const et: PageStrings = {
  locale: 'et-EE',
  heading: 'Teie kaebus',
  reference: 'Viitenumber',
  subject: 'Teema',
  handledBy: 'Menetleja',
  receivedAt: 'Vastu võetud',
  expectedBy: 'Eeldatav lahendus hiljemalt',
  nextUpdateBy: 'Anname teile teada hiljemalt',
  statusHeading: 'Kaebuse seis',
  stages: {
    intake: 'Oleme teie kaebuse kätte saanud ja määrame sellele menetleja.',
    diagnosis: '{owner} uurib teie kaebust.',
    'waiting-on-customer': 'Esitasime teile mõned küsimused ja ootame teie vastust.',
    'in-progress': 'Töötame lahenduse kallal.',
    'awaiting-approval': 'Meil on lahendusettepanek, mida praegu kinnitatakse.',
    'resolution-call': 'Otsus on tehtud ja {owner} helistab teile, et seda selgitada.',
    survey: 'Teie kaebus on lahendatud. Palun andke teada, kuidas meil läks.',
    'follow-up': 'Kontrollime, et probleem oleks tõesti lahendatud.',
    documentation: 'Teie kaebus on lahendatud.',
  },
  closed: {
    resolved: 'Teie kaebus on lahendatud ja menetlus on lõpetatud.',
    withdrawn: 'Kaebus on tagasi võetud. Menetlus on lõpetatud.',
    'no-response':
      'Lõpetasime menetluse, sest me ei saanud teilt vastust. Kui vajate endiselt abi, kirjutage meile.',
  },
  timelineHeading: 'Mis on seni toimunud',
  timelineEmpty: 'Veel mitte midagi.',
  kinds: {
    received: 'Saime teie kaebuse kätte',
    acknowledged: 'Kinnitasime kättesaamist',
    diagnosis: 'Esialgne hinnang',
    questions: 'Esitasime teile küsimusi',
    'customer-answer': 'Teie sõnum',
    update: 'Ülevaade edenemisest',
    extension: 'Uus eeldatav tähtaeg',
    delay: 'Viivitus',
    escalation: 'Kaebus edastati kõrgemale tasandile',
    reassignment: 'Uus menetleja',
    decision: 'Otsus',
    call: 'Telefonikõne',
    other: 'Teade',
  },
  questionsHeading: 'Meie küsimused teile',
  questionsHint: 'Vastake allolevas vormis või vastake meie e-kirjale.',
  decisionHeading: 'Meie otsus',
  outcomes: {
    upheld: 'Teie kaebus rahuldati.',
    'partially-upheld': 'Teie kaebus rahuldati osaliselt.',
    rejected: 'Teie kaebust ei rahuldatud.',
  },
  messageHeading: 'Saatke meile sõnum',
  messageLabel: 'Teie sõnum',
  messageButton: 'Saada sõnum',
  withdrawHeading: 'Kaebuse tagasivõtmine',
  withdrawText: 'Kui te ei vaja enam meie abi, võite kaebuse tagasi võtta. Seda ei saa hiljem tühistada.',
  withdrawReason: 'Põhjus (valikuline)',
  withdrawConfirm: 'Jah, soovin oma kaebuse tagasi võtta',
  withdrawButton: 'Võta kaebus tagasi',
  surveyCta: 'Andke teada, kuidas meil läks',
  surveyHeading: 'Kuidas meil läks?',
  surveyIntro: 'Teie vastused aitavad meil kaebusi paremini lahendada.',
  scoreLabel: 'Kui rahul olete sellega, kuidas me teie kaebust menetlesime?',
  scoreLow: 'väga rahulolematu',
  scoreHigh: 'väga rahul',
  commentLabel: 'Kas soovite midagi lisada? (valikuline)',
  helpLabel: 'Kas vajate selles küsimuses endiselt abi?',
  yes: 'Jah',
  no: 'Ei',
  surveyButton: 'Saada vastused',
  surveyThanks: 'Täname vastuste eest.',
  surveyClosed: 'Selle kaebuse küsitlus ei ole praegu avatud.',
  sentMessage: 'Aitäh! Teie sõnum jõudis menetlejani ({owner}).',
  sentWithdrawal: 'Saime teie soovi kaebus tagasi võtta. Kinnitame selle e-kirjaga.',
  badLinkTitle: 'See link ei tööta',
  badLinkText:
    'Link võib olla poolik või valesti kirjutatud. Avage see uuesti meie e-kirjast või vastake ükskõik millisele meie kirjale ja me aitame teid.',
  expiredTitle: 'See link on aegunud',
  expiredText:
    'Teie turvalisuse huvides lakkavad kaebuse lingid mõne aja pärast töötamast. Vastake ükskõik millisele meie e-kirjale ja me saadame teile uue.',
  notFoundTitle: 'Me ei leidnud seda kaebust',
  notFoundText:
    'Võimalik, et see suleti ammu. Vastake ükskõik millisele meie kirjale või kirjutage meile uuesti ja me aitame teid.',
  formErrorTitle: 'Palun kontrollige vormi',
  errEmpty: 'Palun kirjutage sõnum.',
  errConfirm: 'Kinnitamiseks märkige ruut.',
  errScore: 'Palun valige hinne.',
  errHelp: 'Palun vastake, kas vajate endiselt abi.',
  errGeneric: 'Mõnda vastust ei õnnestunud lugeda.',
  back: 'Tagasi kaebuse juurde',
  tooManyTitle: 'Liiga palju päringuid',
  tooManyText: 'Palun oodake hetk ja proovige uuesti.',
  unavailableTitle: 'Me ei saa teie kaebust praegu kuvada',
  unavailableText: 'Palun proovige mõne minuti pärast uuesti.',
  closedNoMore: 'See menetlus on lõpetatud. Kui vajate veel abi, kirjutage meile uuesti.',
  reopenHint:
    'Teie kaebuse menetlus on lõpetatud, kuid kui kirjutate meile siin hiljemalt {date}, avame selle uuesti ja jätkame sealt, kus pooleli jäime.',
  privateNote: 'See leht on mõeldud ainult teile. Palun ärge jagage selle linki.',
  startingText: 'Loome praegu teie kaebuse menetlust. Palun värskendage lehte hetke pärast.',
  caseClosedForAction:
    'See menetlus on juba lõpetatud, seega ei saanud me seda soovi vastu võtta. Kui vajate veel abi, kirjutage meile uuesti.',
};

const he: PageStrings = {
  locale: 'he-IL',
  heading: 'התלונה שלך',
  reference: 'מספר פנייה',
  subject: 'נושא',
  handledBy: 'בטיפול של',
  receivedAt: 'התקבלה',
  expectedBy: 'מועד משוער לפתרון',
  nextUpdateBy: 'נעדכן אותך עד',
  statusHeading: 'מצב הטיפול בפנייה',
  stages: {
    intake: 'קיבלנו את התלונה שלך ואנחנו מעבירים אותה לטיפול של אחד מאנשי הצוות.',
    diagnosis: 'התלונה שלך נבדקת על ידי {owner}.',
    'waiting-on-customer': 'שאלנו אותך כמה שאלות ואנחנו ממתינים לתשובתך.',
    'in-progress': 'אנחנו עובדים על פתרון.',
    'awaiting-approval': 'יש לנו הצעה לפתרון, והיא נמצאת כעת בשלב אישור.',
    'resolution-call': 'התקבלה החלטה, ונתקשר אליך כדי להסביר אותה.',
    survey: 'הטיפול בתלונה שלך הסתיים. נשמח לשמוע איך טיפלנו בה.',
    'follow-up': 'אנחנו בודקים שהבעיה אכן נפתרה.',
    documentation: 'הטיפול בתלונה שלך הסתיים.',
  },
  closed: {
    resolved: 'הטיפול בתלונה שלך הסתיים והפנייה נסגרה.',
    withdrawn: 'התלונה בוטלה. הפנייה נסגרה.',
    'no-response': 'סגרנו את הפנייה כי לא קיבלנו ממך תשובה. אם עדיין יש צורך בעזרה, אפשר לכתוב לנו.',
  },
  timelineHeading: 'מה קרה עד עכשיו',
  timelineEmpty: 'עדיין אין עדכונים.',
  kinds: {
    received: 'קיבלנו את התלונה',
    acknowledged: 'אישרנו את קבלת התלונה',
    diagnosis: 'אבחון ראשוני',
    questions: 'שאלנו אותך כמה שאלות',
    'customer-answer': 'ההודעה שלך',
    update: 'עדכון על ההתקדמות',
    extension: 'מועד משוער חדש',
    delay: 'עיכוב',
    escalation: 'הפנייה הועברה לדרג גבוה יותר',
    reassignment: 'שינוי בגורם המטפל',
    decision: 'החלטה',
    call: 'שיחת טלפון',
    other: 'עדכון',
  },
  questionsHeading: 'השאלות שלנו אליך',
  questionsHint: 'אפשר לענות בטופס שלמטה או להשיב להודעת הדוא״ל שלנו.',
  decisionHeading: 'ההחלטה שלנו',
  outcomes: {
    upheld: 'התלונה שלך התקבלה.',
    'partially-upheld': 'התלונה שלך התקבלה באופן חלקי.',
    rejected: 'התלונה שלך לא התקבלה.',
  },
  messageHeading: 'שליחת הודעה אלינו',
  messageLabel: 'ההודעה שלך',
  messageButton: 'שליחת הודעה',
  withdrawHeading: 'ביטול התלונה',
  withdrawText: 'אם כבר אין צורך בעזרתנו, אפשר לבטל את התלונה. לא ניתן לבטל פעולה זו.',
  withdrawReason: 'סיבה (לא חובה)',
  withdrawConfirm: 'כן, אני רוצה לבטל את התלונה',
  withdrawButton: 'ביטול התלונה',
  surveyCta: 'ספרו לנו איך טיפלנו בפנייה',
  surveyHeading: 'איך היה?',
  surveyIntro: 'התשובות שלך יעזרו לנו לטפל בתלונות טוב יותר.',
  scoreLabel: 'עד כמה הטיפול בתלונה שלך השביע את רצונך?',
  scoreLow: 'בכלל לא מרוצה',
  scoreHigh: 'מרוצה מאוד',
  commentLabel: 'רוצה להוסיף משהו? (לא חובה)',
  helpLabel: 'האם עדיין יש צורך בעזרה בעניין הזה?',
  yes: 'כן',
  no: 'לא',
  surveyButton: 'שליחת התשובות',
  surveyThanks: 'תודה על התשובות.',
  surveyClosed: 'הסקר על התלונה הזו אינו פתוח כרגע.',
  sentMessage: 'תודה, ההודעה שלך הגיעה אל {owner}.',
  sentWithdrawal: 'קיבלנו את בקשתך לבטל את התלונה. נאשר זאת בדוא״ל.',
  badLinkTitle: 'הקישור אינו תקין',
  badLinkText:
    'ייתכן שהקישור חלקי או שהועתק עם טעות. אפשר לפתוח אותו שוב מהודעת הדוא״ל שלנו, או להשיב לאחת ההודעות שלנו ונשמח לעזור.',
  expiredTitle: 'תוקף הקישור פג',
  expiredText:
    'לשם אבטחה, הקישורים לתלונה מפסיקים לעבוד לאחר זמן מה. אפשר להשיב לאחת מהודעות הדוא״ל שלנו ונשלח קישור חדש.',
  notFoundTitle: 'לא מצאנו את התלונה',
  notFoundText: 'ייתכן שהיא נסגרה לפני זמן רב. אפשר להשיב לאחת ההודעות שלנו או לכתוב לנו שוב, ונשמח לעזור.',
  formErrorTitle: 'כדאי לבדוק את הטופס',
  errEmpty: 'נא לכתוב הודעה.',
  errConfirm: 'נא לסמן את התיבה לאישור.',
  errScore: 'נא לבחור ציון.',
  errHelp: 'נא לציין אם עדיין יש צורך בעזרה.',
  errGeneric: 'לא הצלחנו לקרוא חלק מהתשובות.',
  back: 'חזרה לתלונה',
  tooManyTitle: 'יותר מדי בקשות',
  tooManyText: 'נא להמתין רגע ולנסות שוב.',
  unavailableTitle: 'לא הצלחנו להציג את התלונה כרגע',
  unavailableText: 'נא לנסות שוב בעוד כמה דקות.',
  closedNoMore: 'הפנייה הזו סגורה. אם יש צורך בעזרה נוספת, אפשר לכתוב לנו שוב.',
  reopenHint: 'התלונה סגורה, אך אם תגיע מכאן פנייה עד {date}, נפתח אותה מחדש ונמשיך מהנקודה שבה עצרנו.',
  privateNote: 'הדף הזה מיועד לך בלבד. נא לא לשתף את הקישור.',
  startingText: 'אנחנו פותחים עכשיו את הפנייה שלך. נא לרענן את הדף בעוד רגע.',
  caseClosedForAction:
    'הפנייה הזו כבר סגורה, ולכן לא יכולנו לטפל בבקשה. אם יש צורך בעזרה נוספת, אפשר לכתוב לנו שוב.',
};

export const pageStrings: Record<Language, PageStrings> = { en, pl, sv, et, he };

/** The best of our languages for an Accept-Language header ("iw" is Hebrew's old code). */
export function languageFromAcceptLanguage(header: string | undefined): Language {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { base: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q) : 1, i };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { base } of ranked) {
    const code = base === 'iw' ? 'he' : base;
    if (code in pageStrings) return code as Language;
  }
  return 'en';
}
