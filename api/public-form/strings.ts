// The words of the public complaint form (/complain) and its answer page, in every language the
// product serves. Same voice as the customer pages (api/pages/strings.ts): plain and warm; Hebrew
// uses plural or infinitive forms to avoid gendered verbs.
import type { Language } from '../../domain/types';

export interface FormStrings {
  /** The language's own name, for the language links. */
  languageName: string;
  title: string;
  intro: string;
  required: string;
  optional: string;
  name: string;
  email: string;
  phone: string;
  contactHint: string;
  order: string;
  orderHint: string;
  description: string;
  descriptionHint: string;
  attachments: string;
  /** {count} files, {size} per file, {total} in all. */
  attachmentsHint: string;
  honeypot: string;
  submit: string;
  languages: string;
  errorsHeading: string;
  errName: string;
  errContact: string;
  errEmail: string;
  errPhone: string;
  errOrder: string;
  errDescription: string;
  errFileTooLarge: string;
  errTooManyFiles: string;
  errFileType: string;
  errTooLarge: string;
  errTooFast: string;
  errExpired: string;
  errRejected: string;
  errNotForm: string;
  /** The form's token was used before, for other words: nothing changed (409). */
  errAlreadySent: string;
  answerTitle: string;
  answerText: string;
  answerEmail: string;
  answerNoEmail: string;
  reference: string;
  statusLink: string;
  statusHint: string;
  /** {count} file(s) received. */
  attachmentsReceived: string;
  /** The same form sent again: the reference, but the link only once. */
  answerRepeated: string;
}

const en: FormStrings = {
  languageName: 'English',
  title: 'Make a complaint',
  intro:
    'Tell us what went wrong. A named person will handle your complaint from start to finish, and you will hear from us soon.',
  required: 'required',
  optional: 'optional',
  name: 'Your name',
  email: 'E-mail address',
  phone: 'Phone number',
  contactHint: 'Give an e-mail address, a phone number, or both, so we can reach you.',
  order: 'Order reference',
  orderHint: 'If the complaint is about an order, its number helps us find it.',
  description: 'What happened?',
  descriptionHint: 'In your own words: what went wrong, when, and what you would like us to do.',
  attachments: 'Photos or documents',
  attachmentsHint: 'Up to {count} files (images, PDF or text), at most {size} each and {total} in all.',
  honeypot: 'Leave this field empty',
  submit: 'Send the complaint',
  languages: 'Language',
  errorsHeading: 'Please check the form',
  errName: 'Please give your name.',
  errContact: 'Please give an e-mail address or a phone number, so we can reach you.',
  errEmail: 'The e-mail address does not look right.',
  errPhone: 'The phone number does not look right (digits, spaces and a leading + only).',
  errOrder: 'The order reference is too long.',
  errDescription: 'Please tell us what happened (at most 20,000 characters).',
  errFileTooLarge: 'A file is larger than allowed; please send a smaller one.',
  errTooManyFiles: 'Too many files; please choose fewer.',
  errFileType: 'A file is of a type we cannot take (images, PDF and text only).',
  errTooLarge: 'The form is larger than we can take; please send smaller or fewer files.',
  errTooFast: 'That was very quick. Please check the form and send it again.',
  errExpired: 'The form had expired. Your text is still here: please check it and send it again.',
  errRejected: 'We could not accept this form. Please try again, or write to us by e-mail.',
  errNotForm: 'This address takes the complaint form only.',
  errAlreadySent:
    'This form was already sent, with other words. Nothing was changed. To make another complaint, check your text and send it again: it will reach us as a new complaint.',
  answerTitle: 'Thank you: your complaint has reached us',
  answerText:
    'Your complaint is registered. Keep the reference: it finds your complaint whenever you contact us.',
  answerEmail: 'We are sending you a confirmation by e-mail now, with the name of the person handling it.',
  answerNoEmail: 'As you gave no e-mail address, we will contact you by phone.',
  reference: 'Reference',
  statusLink: 'Follow your complaint',
  statusHint: 'This link is personal: it shows your complaint and lets you write to us. Do not share it.',
  attachmentsReceived: 'Files received: {count}.',
  answerRepeated:
    'This form had already been sent: it was not sent twice. For your safety the link to your complaint is shown only once; it is also in our e-mail. Quote the reference whenever you contact us.',
};

const pl: FormStrings = {
  languageName: 'Polski',
  title: 'Złóż reklamację',
  intro:
    'Napisz nam, co poszło nie tak. Twoją reklamację od początku do końca poprowadzi jedna, imiennie wskazana osoba i wkrótce się odezwiemy.',
  required: 'wymagane',
  optional: 'opcjonalnie',
  name: 'Imię i nazwisko',
  email: 'Adres e-mail',
  phone: 'Numer telefonu',
  contactHint: 'Podaj adres e-mail, numer telefonu lub oba, abyśmy mogli się z Tobą skontaktować.',
  order: 'Numer zamówienia',
  orderHint: 'Jeśli reklamacja dotyczy zamówienia, jego numer pomoże nam je odnaleźć.',
  description: 'Co się stało?',
  descriptionHint: 'Własnymi słowami: co poszło nie tak, kiedy i czego od nas oczekujesz.',
  attachments: 'Zdjęcia lub dokumenty',
  attachmentsHint: 'Do {count} plików (zdjęcia, PDF lub tekst), najwyżej {size} każdy i {total} łącznie.',
  honeypot: 'Pozostaw to pole puste',
  submit: 'Wyślij reklamację',
  languages: 'Język',
  errorsHeading: 'Sprawdź formularz',
  errName: 'Podaj imię i nazwisko.',
  errContact: 'Podaj adres e-mail lub numer telefonu, abyśmy mogli się z Tobą skontaktować.',
  errEmail: 'Adres e-mail wygląda na niepoprawny.',
  errPhone: 'Numer telefonu wygląda na niepoprawny (tylko cyfry, spacje i + na początku).',
  errOrder: 'Numer zamówienia jest za długi.',
  errDescription: 'Opisz, co się stało (najwyżej 20 000 znaków).',
  errFileTooLarge: 'Plik jest większy, niż to możliwe; wyślij mniejszy.',
  errTooManyFiles: 'Za dużo plików; wybierz mniej.',
  errFileType: 'Nie możemy przyjąć pliku tego rodzaju (tylko zdjęcia, PDF i tekst).',
  errTooLarge: 'Formularz jest za duży; wyślij mniejsze lub mniej plików.',
  errTooFast: 'To było bardzo szybkie. Sprawdź formularz i wyślij go ponownie.',
  errExpired: 'Formularz wygasł. Twój tekst jest nadal tutaj: sprawdź go i wyślij ponownie.',
  errRejected: 'Nie mogliśmy przyjąć tego formularza. Spróbuj ponownie lub napisz do nas e-mail.',
  errNotForm: 'Ten adres przyjmuje tylko formularz reklamacji.',
  errAlreadySent:
    'Ten formularz został już wysłany z inną treścią. Niczego nie zmieniono. Aby złożyć kolejną reklamację, sprawdź tekst i wyślij go ponownie: trafi do nas jako nowa reklamacja.',
  answerTitle: 'Dziękujemy: Twoja reklamacja do nas dotarła',
  answerText:
    'Reklamacja została zarejestrowana. Zachowaj numer: dzięki niemu odnajdziemy ją przy każdym kontakcie.',
  answerEmail: 'Wysyłamy teraz potwierdzenie e-mailem, z nazwiskiem osoby, która ją prowadzi.',
  answerNoEmail: 'Ponieważ nie podano adresu e-mail, skontaktujemy się telefonicznie.',
  reference: 'Numer reklamacji',
  statusLink: 'Sprawdzaj stan reklamacji',
  statusHint: 'Ten link jest osobisty: pokazuje Twoją reklamację i pozwala do nas pisać. Nie udostępniaj go.',
  attachmentsReceived: 'Otrzymane pliki: {count}.',
  answerRepeated:
    'Ten formularz został już wysłany: nie wysłaliśmy go drugi raz. Dla bezpieczeństwa link do reklamacji pokazujemy tylko raz; jest też w naszym e-mailu. Kontaktując się z nami, podaj numer reklamacji.',
};

const sv: FormStrings = {
  languageName: 'Svenska',
  title: 'Lämna ett klagomål',
  intro:
    'Berätta vad som gick fel. En namngiven person tar hand om ditt klagomål från början till slut, och du hör snart av oss.',
  required: 'obligatoriskt',
  optional: 'valfritt',
  name: 'Ditt namn',
  email: 'E-postadress',
  phone: 'Telefonnummer',
  contactHint: 'Ange en e-postadress, ett telefonnummer eller båda, så att vi kan nå dig.',
  order: 'Ordernummer',
  orderHint: 'Gäller klagomålet en beställning hjälper ordernumret oss att hitta den.',
  description: 'Vad hände?',
  descriptionHint: 'Med dina egna ord: vad gick fel, när, och vad vill du att vi gör.',
  attachments: 'Bilder eller dokument',
  attachmentsHint: 'Upp till {count} filer (bilder, PDF eller text), högst {size} var och {total} totalt.',
  honeypot: 'Lämna det här fältet tomt',
  submit: 'Skicka klagomålet',
  languages: 'Språk',
  errorsHeading: 'Kontrollera formuläret',
  errName: 'Ange ditt namn.',
  errContact: 'Ange en e-postadress eller ett telefonnummer, så att vi kan nå dig.',
  errEmail: 'E-postadressen ser inte riktig ut.',
  errPhone: 'Telefonnumret ser inte riktigt ut (bara siffror, mellanslag och ett inledande +).',
  errOrder: 'Ordernumret är för långt.',
  errDescription: 'Berätta vad som hände (högst 20 000 tecken).',
  errFileTooLarge: 'En fil är större än tillåtet; skicka en mindre.',
  errTooManyFiles: 'För många filer; välj färre.',
  errFileType: 'En fil är av en typ vi inte kan ta emot (bara bilder, PDF och text).',
  errTooLarge: 'Formuläret är för stort; skicka mindre eller färre filer.',
  errTooFast: 'Det gick mycket snabbt. Kontrollera formuläret och skicka det igen.',
  errExpired: 'Formuläret hade gått ut. Din text finns kvar: kontrollera den och skicka igen.',
  errRejected: 'Vi kunde inte ta emot formuläret. Försök igen, eller skriv till oss via e-post.',
  errNotForm: 'Den här adressen tar bara emot klagomålsformuläret.',
  errAlreadySent:
    'Formuläret har redan skickats med en annan text. Inget har ändrats. Vill du lämna ett nytt klagomål, kontrollera texten och skicka den igen: den kommer då fram som ett nytt klagomål.',
  answerTitle: 'Tack: ditt klagomål har kommit fram',
  answerText:
    'Ditt klagomål är registrerat. Spara referensen: med den hittar vi ditt ärende när du kontaktar oss.',
  answerEmail: 'Vi skickar nu en bekräftelse via e-post, med namnet på den som handlägger ärendet.',
  answerNoEmail: 'Eftersom ingen e-postadress angavs kontaktar vi dig per telefon.',
  reference: 'Referens',
  statusLink: 'Följ ditt klagomål',
  statusHint: 'Länken är personlig: den visar ditt klagomål och låter dig skriva till oss. Dela den inte.',
  attachmentsReceived: 'Mottagna filer: {count}.',
  answerRepeated:
    'Formuläret hade redan skickats: det skickades inte två gånger. Av säkerhetsskäl visas länken till ditt klagomål bara en gång; den finns också i vårt e-postmeddelande. Ange referensen när du kontaktar oss.',
};

const et: FormStrings = {
  languageName: 'Eesti',
  title: 'Esita kaebus',
  intro:
    'Kirjeldage, mis läks valesti. Teie kaebusega tegeleb algusest lõpuni üks nimeline inimene ja võtame teiega peagi ühendust.',
  required: 'kohustuslik',
  optional: 'vabatahtlik',
  name: 'Teie nimi',
  email: 'E-posti aadress',
  phone: 'Telefoninumber',
  contactHint: 'Andke e-posti aadress, telefoninumber või mõlemad, et saaksime teiega ühendust võtta.',
  order: 'Tellimuse number',
  orderHint: 'Kui kaebus puudutab tellimust, aitab selle number meil tellimuse üles leida.',
  description: 'Mis juhtus?',
  descriptionHint: 'Oma sõnadega: mis läks valesti, millal ja mida soovite, et me teeksime.',
  attachments: 'Fotod või dokumendid',
  attachmentsHint: 'Kuni {count} faili (pildid, PDF või tekst), igaüks kuni {size} ja kokku kuni {total}.',
  honeypot: 'Jätke see väli tühjaks',
  submit: 'Saada kaebus',
  languages: 'Keel',
  errorsHeading: 'Palun kontrollige vormi',
  errName: 'Palun sisestage oma nimi.',
  errContact: 'Palun andke e-posti aadress või telefoninumber, et saaksime teiega ühendust võtta.',
  errEmail: 'E-posti aadress ei tundu õige.',
  errPhone: 'Telefoninumber ei tundu õige (ainult numbrid, tühikud ja algne +).',
  errOrder: 'Tellimuse number on liiga pikk.',
  errDescription: 'Palun kirjeldage, mis juhtus (kuni 20 000 märki).',
  errFileTooLarge: 'Fail on lubatust suurem; palun saatke väiksem.',
  errTooManyFiles: 'Liiga palju faile; palun valige vähem.',
  errFileType: 'Sellist faili ei saa me vastu võtta (ainult pildid, PDF ja tekst).',
  errTooLarge: 'Vorm on liiga suur; palun saatke väiksemaid või vähem faile.',
  errTooFast: 'See läks väga kiiresti. Palun kontrollige vormi ja saatke see uuesti.',
  errExpired: 'Vorm oli aegunud. Teie tekst on alles: palun kontrollige seda ja saatke uuesti.',
  errRejected: 'Me ei saanud seda vormi vastu võtta. Proovige uuesti või kirjutage meile e-postiga.',
  errNotForm: 'See aadress võtab vastu ainult kaebuse vormi.',
  errAlreadySent:
    'See vorm on juba teistsuguse tekstiga saadetud. Midagi ei muudetud. Uue kaebuse esitamiseks kontrollige teksti ja saatke see uuesti: see jõuab meieni uue kaebusena.',
  answerTitle: 'Aitäh: teie kaebus jõudis meieni',
  answerText:
    'Teie kaebus on registreeritud. Hoidke viitenumber alles: selle järgi leiame kaebuse iga kord, kui meiega ühendust võtate.',
  answerEmail: 'Saadame teile kohe e-postiga kinnituse koos kaebusega tegeleva inimese nimega.',
  answerNoEmail: 'Kuna e-posti aadressi ei antud, võtame teiega ühendust telefoni teel.',
  reference: 'Viitenumber',
  statusLink: 'Jälgige oma kaebust',
  statusHint: 'See link on isiklik: see näitab teie kaebust ja võimaldab meile kirjutada. Ärge jagage seda.',
  attachmentsReceived: 'Vastu võetud faile: {count}.',
  answerRepeated:
    'See vorm oli juba saadetud: seda ei saadetud kaks korda. Turvalisuse huvides näitame kaebuse linki ainult üks kord; see on ka meie e-kirjas. Meiega ühendust võttes öelge viitenumber.',
};

const he: FormStrings = {
  languageName: 'עברית',
  title: 'הגשת תלונה',
  intro: 'ספרו לנו מה השתבש. אדם אחד, בשמו, יטפל בתלונה מתחילתה ועד סופה, ונחזור אליכם בקרוב.',
  required: 'חובה',
  optional: 'לא חובה',
  name: 'שם',
  email: 'כתובת דוא״ל',
  phone: 'מספר טלפון',
  contactHint: 'יש למסור כתובת דוא״ל, מספר טלפון או את שניהם, כדי שנוכל ליצור קשר.',
  order: 'מספר הזמנה',
  orderHint: 'אם התלונה נוגעת להזמנה, המספר שלה יעזור לנו למצוא אותה.',
  description: 'מה קרה?',
  descriptionHint: 'במילים שלכם: מה השתבש, מתי, ומה הייתם רוצים שנעשה.',
  attachments: 'תמונות או מסמכים',
  attachmentsHint: 'עד {count} קבצים (תמונות, PDF או טקסט), עד {size} לכל קובץ ועד {total} בסך הכול.',
  honeypot: 'יש להשאיר שדה זה ריק',
  submit: 'שליחת התלונה',
  languages: 'שפה',
  errorsHeading: 'יש לבדוק את הטופס',
  errName: 'יש למסור שם.',
  errContact: 'יש למסור כתובת דוא״ל או מספר טלפון, כדי שנוכל ליצור קשר.',
  errEmail: 'כתובת הדוא״ל אינה נראית תקינה.',
  errPhone: 'מספר הטלפון אינו נראה תקין (ספרות, רווחים ו-+ בהתחלה בלבד).',
  errOrder: 'מספר ההזמנה ארוך מדי.',
  errDescription: 'יש לתאר מה קרה (עד 20,000 תווים).',
  errFileTooLarge: 'קובץ גדול מהמותר; יש לשלוח קובץ קטן יותר.',
  errTooManyFiles: 'יותר מדי קבצים; יש לבחור פחות.',
  errFileType: 'איננו יכולים לקבל קובץ מסוג זה (תמונות, PDF וטקסט בלבד).',
  errTooLarge: 'הטופס גדול מדי; יש לשלוח קבצים קטנים יותר או פחות קבצים.',
  errTooFast: 'זה היה מהיר מאוד. יש לבדוק את הטופס ולשלוח שוב.',
  errExpired: 'תוקף הטופס פג. הטקסט עדיין כאן: יש לבדוק אותו ולשלוח שוב.',
  errRejected: 'לא יכולנו לקבל את הטופס. אפשר לנסות שוב, או לכתוב לנו בדוא״ל.',
  errNotForm: 'כתובת זו מקבלת את טופס התלונה בלבד.',
  errAlreadySent:
    'הטופס הזה כבר נשלח עם תוכן אחר. דבר לא שונה. כדי להגיש תלונה נוספת יש לבדוק את הטקסט ולשלוח שוב: הוא יתקבל כתלונה חדשה.',
  answerTitle: 'תודה: התלונה הגיעה אלינו',
  answerText: 'התלונה נרשמה. כדאי לשמור את מספר הפנייה: בעזרתו נמצא את התלונה בכל פנייה אלינו.',
  answerEmail: 'אישור נשלח עכשיו בדוא״ל, עם שם האדם שמטפל בתלונה.',
  answerNoEmail: 'מכיוון שלא נמסרה כתובת דוא״ל, ניצור קשר בטלפון.',
  reference: 'מספר פנייה',
  statusLink: 'מעקב אחר התלונה',
  statusHint: 'הקישור אישי: הוא מציג את התלונה ומאפשר לכתוב אלינו. אין להעביר אותו לאחרים.',
  attachmentsReceived: 'קבצים שהתקבלו: {count}.',
  answerRepeated:
    'הטופס הזה כבר נשלח: הוא לא נשלח פעמיים. מטעמי אבטחה הקישור לתלונה מוצג פעם אחת בלבד; הוא נמצא גם בדוא״ל ששלחנו. בכל פנייה אלינו יש לציין את מספר הפנייה.',
};

export const formStrings: Record<Language, FormStrings> = { en, pl, sv, et, he };
