// Hebrew (right to left). Hebrew verbs and adjectives agree with gender, and neither the customer's
// nor the owner's is known, so the text keeps to forms spelled alike for both: first person past and
// future ("קיבלתי", "אחזור אליך"), possessive suffixes ("תלונתך"), impersonal "אפשר/נא + infinitive"
// instead of imperatives, and "we" for present tense. References and codes are kept left-to-right.
import { b, button, facts, h, isBlank, ltr, ol, own, p, t, timeline } from '../blocks';
import type { Block } from '../blocks';
import type { LetterRemedy, ReplyHint } from '../types';
import type { CustomerPack, Helpers } from './pack';

/** On a printed letter: where the customer can follow the case without e-mail. */
const online = (url: string) => t`ניתן גם לעקוב אחר התלונה באתר: ${ltr(url)}`;
const replyHint = (hint: ReplyHint | undefined, hasStatusPage: boolean): string => {
  if (hint === 'status-page' && hasStatusPage) return 'אפשר להשיב בדף התלונה באתר (הקישור מופיע בהמשך).';
  if (hint === 'email-or-status-page' && hasStatusPage) {
    return 'אפשר פשוט להשיב למייל הזה, או להשיב בדף התלונה באתר (הקישור מופיע בהמשך).';
  }
  return 'הדרך הפשוטה ביותר היא להשיב למייל הזה – נא להשאיר את מספר התלונה בשורת הנושא.';
};

const days = (n: number): string => (n === 1 ? 'יום אחד' : n === 2 ? 'יומיים' : `${n} ימים`);

function remedyBlocks(remedy: LetterRemedy, hh: Helpers): Block[] {
  switch (remedy.kind) {
    case 'refund':
      return [p(t`החזר כספי בסך ${b(hh.money(remedy.amount, remedy.currency))}.`)];
    case 'voucher':
      return [
        p(
          remedy.value
            ? t`שובר בשווי ${b(hh.percent(remedy.percent))} מסכום הרכישה (${b(hh.money(remedy.value.amount, remedy.value.currency))}), לרכישה הבאה אצלנו. השובר תקף למשך ${days(remedy.validityDays)}, עד ${b(hh.day(remedy.validUntil, 'remedy.validUntil'))}.`
            : t`שובר בשווי ${b(hh.percent(remedy.percent))} מסכום הרכישה, לרכישה הבאה אצלנו. השובר תקף למשך ${days(remedy.validityDays)}, עד ${b(hh.day(remedy.validUntil, 'remedy.validUntil'))}.`,
        ),
        ...(remedy.code ? [p(t`קוד השובר: ${ltr(remedy.code)}`)] : []),
      ];
    case 'replacement':
      return [p('החלפת המוצר במוצר חדש.')];
    case 'repair':
      return [p('תיקון המוצר.')];
    case 'none':
      return [];
  }
}

export const he: CustomerPack = {
  greeting: (name) => (isBlank(name) ? 'שלום,' : `שלום ${name},`),
  signOff: () => 'בברכה,',
  footer: (ref) => t`בעת מענה, נא להשאיר את מספר התלונה ${ref} בשורת הנושא.`,
  statusLinkLabel: 'למעקב אחר מצב התלונה',
  outcomes: {
    upheld: 'התלונה נמצאה מוצדקת',
    'partially-upheld': 'התלונה נמצאה מוצדקת בחלקה',
    rejected: 'התלונה נדחתה',
  },
  timeline: {
    received: 'התלונה התקבלה',
    acknowledged: 'נשלח אישור על קבלת התלונה',
    diagnosis: 'נשלחה הערכה ראשונית',
    questions: 'ביקשנו מידע נוסף',
    'customer-answer': 'התקבלה תשובתך',
    update: 'נשלח עדכון על התקדמות הטיפול',
    extension: 'המועד למתן תשובה הוארך',
    delay: 'עדכנו על עיכוב',
    escalation: 'התלונה הועברה לבדיקה נוספת',
    reassignment: 'הטיפול הועבר לגורם מטפל אחר',
    decision: 'התקבלה החלטה',
    call: 'שיחת טלפון',
    other: 'הערה',
  },
  chat: {
    publicAcknowledgement: (name, link) =>
      `${name ? `${name}, תודה` : 'תודה'} שסיפרת לנו, ואנו מצטערים על כך. כדי שלא יהיה צורך לכתוב כאן שום דבר אישי, נשמח להמשיך איתך בצ׳אט פרטי: ${link}`,
    welcome:
      'שלום! ספרו לנו כאן, במילים שלכם, מה השתבש (גם תמונה עוזרת). ההודעה הראשונה פותחת את התלונה, והאדם שמטפל בה יענה בצ׳אט הזה.',
    openCase: (reference, ownerName) =>
      `התלונה שלך ${reference} פתוחה ונמצאת בטיפול של ${ownerName}: אפשר לכתוב כאן וההודעה תגיע.`,
    photo: '[תמונה]',
    document: (fileName) => (fileName ? `[מסמך ${fileName}]` : '[מסמך]'),
    unsupported: (kind) => `[${kind}: לא ניתן לקריאה כאן]`,
    empty: '(הודעה ריקה)',
  },
  chatWording: [
    [
      'הדרך הפשוטה ביותר היא להשיב למייל הזה – נא להשאיר את מספר התלונה בשורת הנושא.',
      'הדרך הפשוטה ביותר היא להשיב בצ׳אט הזה.',
    ],
    ['בתשובה למייל הזה', 'בתשובה בצ׳אט הזה'],
    ['להשיב למייל הזה', 'להשיב בצ׳אט הזה'],
    ['להשיב למייל זה', 'להשיב בצ׳אט הזה'],
  ],
  paperWording: [
    [
      'הדרך הפשוטה ביותר היא להשיב למייל הזה – נא להשאיר את מספר התלונה בשורת הנושא.',
      'הדרך הפשוטה ביותר היא לכתוב אלינו לכתובת שבראש מכתב זה, בציון מספר התלונה.',
    ],
    ['בתשובה למייל הזה', 'במכתב לכתובת שבראש מכתב זה'],
    ['להשיב למייל הזה', 'לכתוב אלינו לכתובת שבראש מכתב זה'],
    ['להשיב למייל זה', 'לכתוב אלינו לכתובת שבראש מכתב זה'],
    ['(הקישור מופיע בהמשך)', '(הכתובת מופיעה בהמשך)'],
  ],
  paperWordingWithoutAddress: [
    ['במכתב לכתובת שבראש מכתב זה', 'במכתב אלינו'],
    [' לכתובת שבראש מכתב זה', ''],
    ['בחזרה לכתובת שבראשו', 'בחזרה אלינו'],
  ],
  statusOnPaper: online,
  templates: {
    acknowledgement: (m, hh) => ({
      subject: 'קיבלנו את תלונתך',
      blocks: [
        p(
          t`תודה שפנית אלינו, וצר לי שנאלצת לעשות זאת. תלונתך הגיעה אלינו ב־${hh.dateTime(m.receivedAt, 'receivedAt')}, והיא כבר בטיפול.`,
        ),
        p(
          hh.paper
            ? t`שמי ${m.ownerName}, ואטפל בתלונתך באופן אישי מתחילתה ועד סופה. אם יש לך שאלות או שברצונך להוסיף משהו, אפשר לכתוב אלינו לכתובת שבראש מכתב זה, בציון מספר התלונה ${hh.ref} – הפנייה תגיע ישירות אליי.`
            : t`שמי ${m.ownerName}, ואטפל בתלונתך באופן אישי מתחילתה ועד סופה. אם יש לך שאלות או שברצונך להוסיף משהו, אפשר פשוט להשיב למייל הזה – הוא יגיע ישירות אליי.`,
        ),
        p(
          t`כעת אבדוק לעומק מה קרה. אחזור אליך עד ${b(hh.dateTime(m.nextContactBy, 'nextContactBy'))} לכל המאוחר – עם הערכה ראשונית, או עם שאלות אם אזדקק למידע נוסף.`,
        ),
        p(
          'אעדכן אותך בכל התפתחות בטיפול בתלונתך עד לסיומו, ותהא ההחלטה אשר תהא, אסביר בבירור כיצד הגענו אליה.',
        ),
        facts([
          ['מספר התלונה', [hh.ref]],
          ['מועד קבלת התלונה', hh.dateTime(m.receivedAt, 'receivedAt')],
          ['הגורם המטפל', m.ownerRole ? `${m.ownerName} (${m.ownerRole})` : m.ownerName],
          ['העדכון הבא עד', hh.dateTime(m.nextContactBy, 'nextContactBy')],
        ]),
        p(t`בכל פנייה אחרת בעניין זה, נא לציין את מספר התלונה ${hh.ref}.`),
      ],
    }),

    diagnosis: (m, hh) => ({
      subject: 'הערכה ראשונית של תלונתך',
      blocks: [
        p('כפי שהבטחתי, להלן ההערכה הראשונית שלי לגבי תלונתך.'),
        ...(isBlank(m.apology) ? [] : [own(m.apology ?? '')]),
        h('מה מצאתי עד כה'),
        own(m.summary),
        p(
          t`זוהי הערכה ראשונית: אמשיך לבדוק את הפרטים, ואם משהו ישתנה – אעדכן אותך. להערכתי אוכל למסור לך תשובה סופית עד ${b(hh.day(m.expectedResolutionBy, 'expectedResolutionBy'))}.`,
        ),
        p(
          'אם משהו כאן אינו תואם את מה שקרה, או אם פספסתי משהו, אפשר פשוט להשיב למייל הזה – זה יעזור לי לבחון את העניין כראוי.',
        ),
      ],
    }),

    diagnosisDelay: (m, hh) => ({
      subject: 'עדכון: ההערכה הראשונית של תלונתך מתעכבת',
      blocks: [
        p(
          t`הבטחתי לך הערכה ראשונית של תלונתך עד ${b(hh.dateTime(m.promisedBy, 'promisedBy'))}, ולא עמדתי בכך. צר לי מאוד – אין סיבה להמתין בלי לשמוע מאיתנו.`,
        ),
        p(
          t`אמשיך לטפל בתלונתך, ואחזור אליך עד ${b(hh.dateTime(m.newContactBy, 'newContactBy'))} לכל המאוחר – עם הערכה ראשונית, או עם שאלות אם אזדקק למידע נוסף.`,
        ),
        p(
          hh.paper
            ? t`אם ברצונך להוסיף משהו בינתיים, אפשר לכתוב אלינו לכתובת שבראש מכתב זה, בציון מספר התלונה ${hh.ref}.`
            : 'אם ברצונך להוסיף משהו בינתיים, אפשר פשוט להשיב למייל הזה.',
        ),
      ],
    }),

    reopenNotice: (m, hh) => ({
      subject: 'פתחתי מחדש את תלונתך',
      blocks: [
        p('תודה שחזרת אליי. פתחתי מחדש את תלונתך, והיא שוב בטיפולי.'),
        p(
          t`אין צורך להסביר שוב דבר – כל ההיסטוריה של התלונה לפניי. אחזור אליך עד ${b(hh.dateTime(m.nextContactBy, 'nextContactBy'))} לכל המאוחר.`,
        ),
      ],
    }),

    questions: (m, hh) => ({
      subject: 'כמה שאלות לגבי תלונתך',
      blocks: [
        p('כדי להתקדם בטיפול בתלונתך, דרוש לי מידע נוסף:'),
        ol(m.questions),
        p(
          t`אשמח לקבל את התשובות עד ${b(hh.dateTime(m.answerBy, 'answerBy'))}. ${replyHint(m.replyHint, !!m.statusUrl)}`,
        ),
        p('ברגע שאקבל אותן, אמשיך בטיפול בתלונתך. תודה על העזרה!'),
      ],
    }),

    questionsReminder: (m, hh) => ({
      subject: 'תזכורת: אנחנו ממתינים לתשובותיך',
      blocks: [
        p('זוהי תזכורת קצרה: טרם קיבלתי את תשובותיך לשאלות ששלחתי. בלעדיהן לא אוכל להשלים את בדיקת תלונתך.'),
        p('אלה השאלות, לתזכורת:'),
        ol(m.questions),
        p(
          t`אם אקבל את התשובות עד ${b(hh.dateTime(m.answerBy, 'answerBy'))}, אחזור לטפל בעניין מיד. ${replyHint(m.replyHint, !!m.statusUrl)}`,
        ),
        p(
          m.reopenUntil
            ? t`אם לא אשמע ממך עד אז, אסגור את התלונה בשלב זה – אך אם תגיע ממך תשובה עד ${b(hh.day(m.reopenUntil, 'reopenUntil'))}, אפתח אותה מחדש ונמשיך מהנקודה שבה עצרנו.`
            : 'אם לא אשמע ממך עד אז, אסגור את התלונה בשלב זה – אם תגיע פנייה מאוחר יותר, נבחן את העניין מחדש.',
        ),
        p('אם כבר שלחת את התשובות – תודה, ואפשר להתעלם מהודעה זו.'),
      ],
    }),

    noResponseClosure: (m, hh) => ({
      subject: 'סגרנו את תלונתך בשלב זה',
      blocks: [
        p('ביקשתי ממך מידע נוסף בנוגע לתלונתך, אך מאחר שלא קיבלתי תשובה, סגרתי את התלונה בשלב זה.'),
        p(
          m.reopenUntil
            ? t`אין פירוש הדבר שהעניין נגמר. אם עדיין חשוב לך שנטפל בו, אפשר פשוט להשיב למייל הזה עד ${b(hh.day(m.reopenUntil, 'reopenUntil'))} ולציין את מספר התלונה ${hh.ref} – אפתח את התלונה מחדש ונמשיך מהנקודה שבה עצרנו, בלי להתחיל הכול מהתחלה.`
            : t`אין פירוש הדבר שהעניין נגמר. אם עדיין חשוב לך שנטפל בו, אפשר לכתוב אלינו ולציין את מספר התלונה ${hh.ref} – ונבחן את העניין מחדש.`,
        ),
        p('אם כבר אין לך צורך בעזרתנו, אין צורך לעשות דבר. תודה שסיפרת לנו על הבעיה.'),
      ],
    }),

    progressUpdate: (m, hh) => {
      // No date once the promised one was missed: the owner has not set a new one yet.
      const by = b(m.expectedResolutionBy ? hh.day(m.expectedResolutionBy, 'expectedResolutionBy') : '');
      const subject = 'עדכון לגבי תלונתך';
      if (m.sentBy === 'owner' && !isBlank(m.message)) {
        return {
          subject,
          blocks: [
            p('הנה העדכון האחרון לגבי תלונתך:'),
            own(m.message),
            p(
              m.expectedResolutionBy
                ? t`להערכתי אוכל למסור לך תשובה עד ${by}. אם יש לך שאלות בינתיים, אפשר פשוט להשיב למייל הזה.`
                : t`עדיין אין בידי מועד חדש ומדויק למסירת התשובה; אעדכן ברגע שאפשר. אם יש לך שאלות בינתיים, אפשר פשוט להשיב למייל הזה.`,
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
                  ? t`רצינו לעדכן שאנחנו ממשיכים לטפל בתלונתך – היא לא נשכחה. הטיפול בתלונה נמצא בידי ${m.ownerName}, ואנו צופים למסור לך תשובה עד ${by}.`
                  : t`רצינו לעדכן שאנחנו ממשיכים לטפל בתלונתך – היא לא נשכחה. הטיפול בתלונה נמצא בידי ${m.ownerName}, ונעדכן במועד הצפוי החדש ברגע שיהיה ידוע.`,
              ),
              p('אם יש לך שאלות בינתיים, אפשר פשוט להשיב למייל הזה.'),
            ]
          : [
              p('עדכון קצר לגבי תלונתך:'),
              own(m.message),
              p(
                m.expectedResolutionBy
                  ? t`אנו צופים למסור לך תשובה עד ${by}. אם יש לך שאלות בינתיים, אפשר פשוט להשיב למייל הזה.`
                  : t`נעדכן במועד הצפוי החדש ברגע שיהיה ידוע. אם יש לך שאלות בינתיים, אפשר פשוט להשיב למייל הזה.`,
              ),
            ],
      };
    },

    delayNotice: (m, hh) => ({
      subject: 'הטיפול בתלונתך נמשך יותר ממה שהבטחנו',
      blocks: [
        p(
          t`הבטחנו למסור לך תשובה עד ${b(hh.day(m.promisedBy, 'promisedBy'))}, ולא עמדנו בכך. ברצוני להתנצל – ידוע לי כמה מתסכלת ההמתנה, במיוחד אחרי שכבר נתקלת בבעיה.`,
        ),
        m.newExpectedBy
          ? p(
              t`הטיפול בתלונתך נמשך, ולהערכתי אוכל למסור לך תשובה עד ${b(hh.day(m.newExpectedBy, 'newExpectedBy'))}. עד אז אעדכן אותך באופן שוטף, כך שלא יהיה צורך לרדוף אחרינו.`,
            )
          : p(
              'הטיפול בתלונתך נמשך. עדיין אין בידי מועד חדש ודאי, אך אחזור אליך ברגע שאוכל – ולא אשאיר אותך בלי עדכון.',
            ),
        p('אם ברצונך לשוחח על כך בינתיים, אפשר פשוט להשיב למייל הזה.'),
      ],
    }),

    extensionNotice: (m, hh) => ({
      subject: 'נזדקק לזמן נוסף לטיפול בתלונתך',
      blocks: [
        p('רציתי לעדכן אותך מוקדם ככל האפשר שהטיפול בתלונתך יימשך זמן רב יותר ממה שהערכנו בתחילה.'),
        h('הסיבה'),
        own(m.reason),
        p(
          t`המועד המשוער החדש למתן תשובה הוא ${b(hh.day(m.newExpectedBy, 'newExpectedBy'))}. סליחה על ההמתנה הנוספת; אמשיך לעדכן אותך לאורך הדרך.`,
        ),
        p('אם יש לך שאלות, אפשר פשוט להשיב למייל הזה.'),
      ],
    }),

    resolutionLetter: (m, hh) => ({
      subject: 'החלטה בעניין תלונתך',
      formal: true,
      blocks: [
        p(
          t`במכתב זה מפורטת החלטתנו בעניין תלונתך, שהגיעה אלינו ב־${hh.day(m.receivedAt, 'receivedAt')}, לצד סיכום של מהלך הטיפול בה.${m.timeline.some((e) => e.kind === 'call') ? ' המכתב מאשר בכתב את מה ששוחחנו עליו בטלפון.' : ''}`,
        ),
        ...(m.callAttempts?.length
          ? [
              p(
                t`ניסינו להתקשר אליך כדי למסור לך את החלטתנו באופן אישי (${m.callAttempts.map((a, i) => hh.dateTime(a, `callAttempts.${i}`)).join(', ')}), אך לא הצלחנו להשיג אותך, ולכן אנו שולחים אותה בכתב.`,
              ),
            ]
          : []),
        facts([
          ['מספר התלונה', [hh.ref]],
          ['מועד קבלת התלונה', hh.dateTime(m.receivedAt, 'receivedAt')],
          ['הגורם המטפל', m.ownerName],
          ['ההחלטה', he.outcomes[m.outcome]],
        ]),
        h('החלטתנו'),
        p(
          m.outcome === 'upheld'
            ? 'לאחר שבדקנו את תלונתך, מצאנו שהיא מוצדקת.'
            : m.outcome === 'partially-upheld'
              ? 'לאחר שבדקנו את תלונתך, מצאנו שהיא מוצדקת בחלקה.'
              : 'בדקנו את תלונתך ביסודיות, ולצערנו לא נוכל לקבל אותה. ידוע לי שזו לא התשובה שקיווית לה, ולכן חשוב לי להסביר בבירור את נימוקינו.',
        ),
        own(m.explanation),
        ...(isBlank(m.apology) ? [] : [own(m.apology)]),
        ...(m.remedy.kind === 'none'
          ? []
          : [
              h('מה אנו מציעים'),
              ...remedyBlocks(m.remedy, hh),
              ...(isBlank(m.howToUseRemedy) ? [] : [own(m.howToUseRemedy ?? '')]),
            ]),
        h('מהלך הטיפול בתלונתך'),
        timeline(
          m.timeline.map((e) => ({
            when: hh.dateTime(e.at, 'timeline.at'),
            what: he.timeline[e.kind],
            note: e.text,
          })),
        ),
        h('אם ההחלטה אינה מקובלת עליך'),
        p(
          hh.paper
            ? t`אם ההחלטה אינה מקובלת עליך, אשמח לשמוע – אפשר לכתוב אלינו לכתובת שבראש מכתב זה, בציון מספר התלונה ${hh.ref}, ואסביר כל דבר שאינו ברור. ניתן גם להמשיך ולפנות בעניין התלונה אל:`
            : 'אם ההחלטה אינה מקובלת עליך, אשמח לשמוע – אפשר להשיב למייל הזה, ואסביר כל דבר שאינו ברור. ניתן גם להמשיך ולפנות בעניין התלונה אל:',
        ),
        // The desk's words, not someone's own: a letter or a chat rewords its "reply to this e-mail".
        p(m.disagreementRoute),
        p('תודה שהקדשת מזמנך לספר לנו על כך. תלונות כמו שלך עוזרות לנו להשתפר.'),
      ],
    }),

    surveyInvitation: (m, hh) => ({
      // The second survey, after a follow-up, says so rather than repeating the first.
      subject: m.round ? 'לאחר הטיפול הנוסף: איך היינו?' : 'איך טיפלנו בתלונתך? נשמח לשמוע',
      statusLink: false,
      blocks: [
        p(
          m.round
            ? 'בעקבות תשובתך האחרונה חזרנו לטפל בתלונתך, ואשמח לשאול שוב מה דעתך על הטיפול. אם משהו עדיין אינו בסדר, חשוב לי לדעת.'
            : 'עכשיו, כשהטיפול בתלונתך הסתיים, אשמח לשמוע מה דעתך על האופן שבו טיפלנו בה. דעתך הכנה עוזרת לנו להשתפר – ואם משהו עדיין אינו בסדר, חשוב לי לדעת.',
        ),
        p('זה לוקח כדקה: ציון מ־1 עד 5, ואם ברצונך – גם הערה.'),
        ...(hh.paper
          ? [
              p(
                t`אפשר להשיב באתר בכתובת ${ltr(m.surveyUrl)}, או לכתוב את הציון וההערה על מכתב זה ולשלוח אותו בחזרה לכתובת שבראשו, בציון מספר התלונה ${hh.ref}.`,
              ),
              p('והאם יש עוד משהו שנוכל לעזור בו? אפשר לכתוב על כך בתשובה.'),
            ]
          : [
              button('למילוי הסקר', m.surveyUrl),
              p('והאם יש עוד משהו שנוכל לעזור בו? אפשר לכתוב על כך בסקר או פשוט להשיב למייל הזה.'),
            ]),
      ],
    }),

    surveyReminder: (m, hh) => ({
      subject: 'יש לך דקה לחוות את דעתך?',
      statusLink: false,
      blocks: [
        p('לפני כמה ימים שאלתי מה דעתך על הטיפול בתלונתך. אם עדיין לא הספקת להשיב, אשמח מאוד לשמוע את דעתך.'),
        p('זה לוקח כדקה: ציון מ־1 עד 5, ואם ברצונך – גם הערה.'),
        ...(hh.paper
          ? [
              p(
                t`אפשר להשיב באתר בכתובת ${ltr(m.surveyUrl)}, או לכתוב את הציון וההערה על מכתב זה ולשלוח אותו בחזרה לכתובת שבראשו, בציון מספר התלונה ${hh.ref}.`,
              ),
            ]
          : [
              button('למילוי הסקר', m.surveyUrl),
              p('והאם יש עוד משהו שנוכל לעזור בו? אפשר לכתוב על כך בסקר או פשוט להשיב למייל הזה.'),
            ]),
        p('אם כבר מילאת את הסקר – תודה, ואפשר להתעלם מתזכורת זו.'),
      ],
    }),

    followUpNotice: (m, hh) => ({
      subject: 'תודה על המשוב – אחזור אליך',
      blocks: [
        p('תודה על המשוב הכן. צר לי שהטיפול בתלונתך לא עמד במלואו בציפיותיך.'),
        p(
          t`חשוב לי להבין מה השתבש ולוודא שהבעיה אכן נפתרה. אחזור אליך עד ${b(hh.dateTime(m.followUpBy, 'followUpBy'))}.`,
        ),
        p('אם ברצונך להוסיף משהו לפני כן, אפשר פשוט להשיב למייל הזה.'),
      ],
    }),

    withdrawalConfirmation: (m, hh) => ({
      subject: 'תלונתך בוטלה לבקשתך',
      blocks: [
        p('בהתאם לבקשתך, ביטלתי את תלונתך וסגרתי את הטיפול בה. אין צורך לעשות דבר נוסף.'),
        p(
          m.reopenUntil
            ? t`אם דעתך תשתנה, אפשר פשוט להשיב למייל הזה עד ${b(hh.day(m.reopenUntil, 'reopenUntil'))} ולציין את מספר התלונה ${hh.ref} – ואפתח את התלונה מחדש מהנקודה שבה עצרנו. בכל עניין אחר שנוכל לעזור בו, אפשר לכתוב אלינו בכל עת.`
            : t`אם דעתך תשתנה, או אם יש משהו אחר שנוכל לעזור בו, אפשר פשוט להשיב למייל הזה ולציין את מספר התלונה ${hh.ref}.`,
        ),
        p('תודה על העדכון.'),
      ],
    }),

    reassignmentNotice: (m) => ({
      subject: 'שינוי בגורם המטפל בתלונתך',
      blocks: [
        p(t`שמי ${m.newOwnerName}, ומהיום הטיפול בתלונתך עובר אליי מידי ${m.previousOwnerName}.`),
        p('קיבלתי את כל המידע על תלונתך, כך שאין צורך להסביר שוב דבר.'),
        p('אם יש לך שאלות, אפשר פשוט להשיב למייל הזה – הוא יגיע ישירות אליי.'),
      ],
    }),
  },
};
