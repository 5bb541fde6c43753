// Swedish. "Du" throughout, as Swedish customer service writes even in formal letters; "ärende"
// for the case and "klagomål" for the complaint itself.
import { b, button, facts, h, isBlank, ltr, ol, own, p, t, timeline } from '../blocks';
import type { Block } from '../blocks';
import type { LetterRemedy, ReplyHint } from '../types';
import type { CustomerPack, Helpers } from './pack';

/** On a printed letter: where the customer can follow the case without e-mail. */
const online = (url: string) => t`Du kan också följa ditt ärende på nätet: ${ltr(url)}`;
const replyHint = (hint: ReplyHint | undefined, hasStatusPage: boolean): string => {
  if (hint === 'status-page' && hasStatusPage) return 'Du kan svara på ärendets statussida (länk nedan).';
  if (hint === 'email-or-status-page' && hasStatusPage) {
    return 'Du kan svara direkt på det här mejlet eller på ärendets statussida (länk nedan).';
  }
  return 'Enklast är att svara på det här mejlet – behåll gärna ärendenumret i ämnesraden.';
};

const days = (n: number): string => (n === 1 ? '1 dag' : `${n} dagar`);

function remedyBlocks(remedy: LetterRemedy, hh: Helpers): Block[] {
  switch (remedy.kind) {
    case 'refund':
      return [p(t`Återbetalning av ${b(hh.money(remedy.amount, remedy.currency))}.`)];
    case 'voucher':
      return [
        p(
          remedy.value
            ? t`Ett värdebevis på ${b(hh.percent(remedy.percent))} av ditt köpbelopp (${b(hh.money(remedy.value.amount, remedy.value.currency))}), att använda vid ditt nästa köp hos oss. Det gäller i ${days(remedy.validityDays)}, till och med den ${b(hh.day(remedy.validUntil, 'remedy.validUntil'))}.`
            : t`Ett värdebevis på ${b(hh.percent(remedy.percent))} av ditt köpbelopp, att använda vid ditt nästa köp hos oss. Det gäller i ${days(remedy.validityDays)}, till och med den ${b(hh.day(remedy.validUntil, 'remedy.validUntil'))}.`,
        ),
        ...(remedy.code ? [p(t`Värdebevisets kod: ${b(remedy.code)}`)] : []),
      ];
    case 'replacement':
      return [p('Vi byter ut produkten mot en ny.')];
    case 'repair':
      return [p('Vi reparerar produkten.')];
    case 'none':
      return [];
  }
}

export const sv: CustomerPack = {
  greeting: (name) => (isBlank(name) ? 'Hej,' : `Hej ${name},`),
  signOff: (formal) => (formal ? 'Med vänliga hälsningar' : 'Vänliga hälsningar'),
  footer: (ref) => t`Behåll gärna ärendenumret ${ref} i ämnesraden när du svarar.`,
  statusLinkLabel: 'Se status för ditt ärende',
  outcomes: {
    upheld: 'Godkänt',
    'partially-upheld': 'Delvis godkänt',
    rejected: 'Ej godkänt',
  },
  timeline: {
    received: 'Klagomålet togs emot',
    acknowledged: 'Mottagningsbekräftelse skickades',
    diagnosis: 'Första bedömning skickades',
    questions: 'Vi bad om mer information',
    'customer-answer': 'Ditt svar kom in',
    update: 'Lägesuppdatering',
    extension: 'Beräknat datum flyttades fram',
    delay: 'Vi meddelade en försening',
    escalation: 'Ärendet lyftes för ytterligare granskning',
    reassignment: 'Ny kontaktperson',
    decision: 'Beslut',
    call: 'Telefonsamtal',
    other: 'Anteckning',
  },
  chat: {
    publicAcknowledgement: (name, link) =>
      `${name ? `${name}, tack` : 'Tack'} för att du hör av dig, och vi beklagar det som hänt. För att inget personligt ska behöva skrivas här, fortsätt gärna med oss i en privat chatt: ${link}`,
    welcome:
      'Hej! Berätta här med egna ord vad som gick fel (ett foto hjälper också). Ditt första meddelande öppnar ditt klagomål, och den som handlägger det svarar i den här chatten.',
    openCase: (reference, ownerName) =>
      `Ditt klagomål ${reference} är öppet och ${ownerName} handlägger det: skriv här så når det fram.`,
    photo: '[foto]',
    document: (fileName) => (fileName ? `[dokument ${fileName}]` : '[dokument]'),
    unsupported: (kind) => `[${kind}: kan inte läsas här]`,
    empty: '(ett tomt meddelande)',
  },
  chatWording: [
    [
      'Enklast är att svara på det här mejlet – behåll gärna ärendenumret i ämnesraden.',
      'Enklast är att svara här i chatten.',
    ],
    ['svara helt enkelt på det här mejlet', 'svara helt enkelt här i chatten'],
    ['svara gärna på det här mejlet', 'svara gärna här i chatten'],
    ['svara på det här mejlet', 'svara här i chatten'],
    ['det här mejlet', 'det här meddelandet'],
    ['svara på detta e-postmeddelande', 'svara här i chatten'],
  ],
  paperWording: [
    [
      'Enklast är att svara på det här mejlet – behåll gärna ärendenumret i ämnesraden.',
      'Enklast är att skriva till oss på adressen överst i det här brevet och ange ärendenumret.',
    ],
    [
      'svara direkt på det här mejlet eller på ärendets statussida',
      'skriva till oss på adressen överst i det här brevet eller svara på ärendets statussida',
    ],
    ['svara helt enkelt på det här mejlet', 'skriv helt enkelt till oss på adressen överst i det här brevet'],
    ['svara gärna på det här mejlet', 'skriv gärna till oss på adressen överst i det här brevet'],
    ['svara på det här mejlet', 'skriva till oss på adressen överst i det här brevet'],
    ['det här mejlet', 'det här brevet'],
    ['svara på detta e-postmeddelande', 'skriv till oss på adressen överst i det här brevet'],
    ['(länk nedan)', '(adressen står nedan)'],
  ],
  paperWordingWithoutAddress: [
    [' på adressen överst i det här brevet', ''],
    ['skicka tillbaka det till adressen överst', 'skicka tillbaka det till oss'],
  ],
  statusOnPaper: online,
  templates: {
    acknowledgement: (m, hh) => ({
      subject: 'Vi har tagit emot ditt klagomål',
      blocks: [
        p(
          t`Tack för att du hörde av dig – och jag är ledsen att du hade anledning till det. Ditt klagomål kom in till oss den ${hh.dateTime(m.receivedAt, 'receivedAt')}, och nu är det i goda händer.`,
        ),
        p(
          hh.paper
            ? t`Jag heter ${m.ownerName} och det är jag som tar hand om ditt ärende hela vägen. Om du har frågor eller vill lägga till något kan du skriva till oss på adressen överst i det här brevet och ange ärendenumret ${hh.ref}, så kommer det direkt till mig.`
            : t`Jag heter ${m.ownerName} och det är jag som tar hand om ditt ärende hela vägen. Om du har frågor eller vill lägga till något är det bara att svara på det här mejlet, så kommer det direkt till mig.`,
        ),
        p(
          t`Nu ska jag noggrant gå igenom vad som har hänt. Du hör av mig senast den ${b(hh.dateTime(m.nextContactBy, 'nextContactBy'))} – antingen med en första bedömning eller med frågor, om det är något mer jag behöver veta.`,
        ),
        p(
          'Jag håller dig informerad om varje nytt steg tills ditt ärende är avgjort, och oavsett vad utfallet blir kommer jag att förklara tydligt hur vi har kommit fram till det.',
        ),
        facts([
          ['Ärendenummer', [hh.ref]],
          ['Mottaget', hh.dateTime(m.receivedAt, 'receivedAt')],
          ['Handläggare', m.ownerRole ? `${m.ownerName} (${m.ownerRole})` : m.ownerName],
          ['Nästa besked senast', hh.dateTime(m.nextContactBy, 'nextContactBy')],
        ]),
        p(t`Ange gärna ärendenumret ${hh.ref} om du kontaktar oss om det här på något annat sätt.`),
      ],
    }),

    diagnosis: (m, hh) => ({
      subject: 'En första bedömning av ditt klagomål',
      blocks: [
        p('Som utlovat kommer här min första bedömning av ditt klagomål.'),
        ...(isBlank(m.apology) ? [] : [own(m.apology ?? '')]),
        h('Det här har jag kommit fram till hittills'),
        own(m.summary),
        p(
          t`Det här är en preliminär bedömning: jag fortsätter att kontrollera detaljerna och hör av mig om något ändras. Jag räknar med att kunna ge dig ett slutligt besked senast den ${b(hh.day(m.expectedResolutionBy, 'expectedResolutionBy'))}.`,
        ),
        p(
          'Om något inte stämmer med hur det gick till, eller om jag har missat något, svara gärna på det här mejlet – det hjälper mig att göra en riktig bedömning.',
        ),
      ],
    }),

    diagnosisDelay: (m, hh) => ({
      subject: 'Jag är skyldig dig ett besked om ditt klagomål',
      blocks: [
        p(
          t`Jag lovade dig en första bedömning av ditt klagomål senast den ${b(hh.dateTime(m.promisedBy, 'promisedBy'))}, och det har jag inte klarat. Jag ber om ursäkt – du ska inte behöva vänta utan besked.`,
        ),
        p(
          t`Jag arbetar med ditt ärende, och du hör av mig senast den ${b(hh.dateTime(m.newContactBy, 'newContactBy'))} – med min första bedömning, eller med frågor om det är något mer jag behöver veta.`,
        ),
        p(
          hh.paper
            ? t`Vill du lägga till något under tiden kan du skriva till oss på adressen överst i det här brevet och ange ärendenumret ${hh.ref}.`
            : 'Vill du lägga till något under tiden är det bara att svara på det här mejlet.',
        ),
      ],
    }),

    reopenNotice: (m, hh) => ({
      subject: 'Jag har öppnat ditt ärende igen',
      blocks: [
        p('Tack för att du hörde av dig. Jag har öppnat ditt ärende igen och tar hand om det på nytt.'),
        p(
          t`Du behöver inte förklara något igen – jag har hela historiken. Du hör av mig senast den ${b(hh.dateTime(m.nextContactBy, 'nextContactBy'))}.`,
        ),
      ],
    }),

    questions: (m, hh) => ({
      subject: 'Några frågor om ditt klagomål',
      blocks: [
        p('För att kunna gå vidare med ditt klagomål behöver jag lite mer information från dig:'),
        ol(m.questions),
        p(
          t`Kan du skicka dina svar senast den ${b(hh.dateTime(m.answerBy, 'answerBy'))}? ${replyHint(m.replyHint, !!m.statusUrl)}`,
        ),
        p('Så snart jag har dem fortsätter jag arbetet med ditt ärende. Tack för hjälpen!'),
      ],
    }),

    questionsReminder: (m, hh) => ({
      subject: 'Påminnelse: jag behöver dina svar för att gå vidare',
      blocks: [
        p(
          'Jag skriver igen eftersom jag ännu inte har fått svar på mina frågor. Utan dem kan jag inte slutföra utredningen av ditt klagomål.',
        ),
        p('Här är frågorna igen:'),
        ol(m.questions),
        p(
          t`Om du svarar senast den ${b(hh.dateTime(m.answerBy, 'answerBy'))} tar jag tag i ärendet direkt. ${replyHint(m.replyHint, !!m.statusUrl)}`,
        ),
        p(
          m.reopenUntil
            ? t`Hör jag inget från dig innan dess avslutar jag ärendet tills vidare – men svarar du senast den ${b(hh.day(m.reopenUntil, 'reopenUntil'))} öppnar jag det igen och vi fortsätter där vi slutade.`
            : 'Hör jag inget från dig innan dess avslutar jag ärendet tills vidare – skriver du till oss senare tittar vi på det igen.',
        ),
        p('Om du redan har skickat dina svar: tack, och bortse i så fall från det här meddelandet.'),
      ],
    }),

    noResponseClosure: (m, hh) => ({
      subject: 'Vi har avslutat ditt ärende tills vidare',
      blocks: [
        p(
          'Jag bad dig om lite mer information om ditt klagomål, men eftersom jag inte har fått något svar har jag avslutat ärendet tills vidare.',
        ),
        p(
          m.reopenUntil
            ? t`Det betyder inte att saken är avslutad för gott. Om du fortfarande vill att vi tittar på det är det bara att svara på det här mejlet senast den ${b(hh.day(m.reopenUntil, 'reopenUntil'))} och ange ärendenummer ${hh.ref}, så öppnar jag ärendet igen och vi fortsätter där vi slutade. Du behöver inte börja om från början.`
            : t`Det betyder inte att saken är avslutad för gott. Om du fortfarande vill att vi tittar på det är det bara att skriva till oss och ange ärendenummer ${hh.ref}, så tittar vi på det igen.`,
        ),
        p(
          'Om du inte längre behöver vår hjälp kan du bortse från det här mejlet. Tack för att du berättade för oss om problemet.',
        ),
      ],
    }),

    progressUpdate: (m, hh) => {
      // No date once the promised one was missed: the owner has not set a new one yet.
      const by = b(m.expectedResolutionBy ? hh.day(m.expectedResolutionBy, 'expectedResolutionBy') : '');
      const subject = 'En uppdatering om ditt ärende';
      if (m.sentBy === 'owner' && !isBlank(m.message)) {
        return {
          subject,
          blocks: [
            p('Här är det senaste om ditt ärende:'),
            own(m.message),
            p(
              m.expectedResolutionBy
                ? t`Jag räknar fortfarande med att kunna ge dig besked senast den ${by}. Om du har frågor under tiden är det bara att svara på det här mejlet.`
                : t`Jag kan ännu inte ge dig ett säkert nytt datum för beskedet, men jag hör av mig så snart jag kan. Om du har frågor under tiden är det bara att svara på det här mejlet.`,
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
                  ? t`Vi vill bara berätta att vi fortfarande arbetar med ditt klagomål – det är inte bortglömt. ${m.ownerName} har hand om ärendet, och vi räknar med att kunna ge dig besked senast den ${by}.`
                  : t`Vi vill bara berätta att vi fortfarande arbetar med ditt klagomål – det är inte bortglömt. ${m.ownerName} har hand om ärendet och meddelar dig det nya beräknade datumet så snart det är känt.`,
              ),
              p('Om du har frågor under tiden är det bara att svara på det här mejlet.'),
            ]
          : [
              p('En kort uppdatering om ditt ärende:'),
              own(m.message),
              p(
                m.expectedResolutionBy
                  ? t`Vi räknar med att kunna ge dig besked senast den ${by}. Om du har frågor under tiden är det bara att svara på det här mejlet.`
                  : t`Vi meddelar dig det nya beräknade datumet så snart det är känt. Om du har frågor under tiden är det bara att svara på det här mejlet.`,
              ),
            ],
      };
    },

    delayNotice: (m, hh) => ({
      subject: 'Ditt ärende tar längre tid än vi lovade',
      blocks: [
        p(
          t`Vi lovade att du skulle få besked senast den ${b(hh.day(m.promisedBy, 'promisedBy'))}, och det har vi inte klarat. Jag ber om ursäkt – jag vet att det är frustrerande att vänta, särskilt när du redan har haft problem.`,
        ),
        m.newExpectedBy
          ? p(
              t`Jag arbetar fortfarande med ditt ärende och räknar nu med att kunna ge dig besked senast den ${b(hh.day(m.newExpectedBy, 'newExpectedBy'))}. Fram till dess håller jag dig uppdaterad, så att du inte behöver jaga oss.`,
            )
          : p(
              'Jag arbetar fortfarande med ditt ärende. Jag kan inte ge dig något säkert nytt datum ännu, men jag hör av mig så snart jag kan – och jag lämnar dig inte utan besked.',
            ),
        p('Vill du prata om det under tiden är det bara att svara på det här mejlet.'),
      ],
    }),

    extensionNotice: (m, hh) => ({
      subject: 'Vi behöver mer tid för ditt ärende',
      blocks: [
        p(
          'Jag vill så tidigt som möjligt berätta att det kommer att ta längre tid än vi först räknade med att hantera ditt klagomål.',
        ),
        h('Varför'),
        own(m.reason),
        p(
          t`Nytt beräknat datum för besked är den ${b(hh.day(m.newExpectedBy, 'newExpectedBy'))}. Jag beklagar den extra väntetiden och håller dig informerad under tiden.`,
        ),
        p('Om du har frågor är det bara att svara på det här mejlet.'),
      ],
    }),

    resolutionLetter: (m, hh) => ({
      subject: 'Beslut om ditt klagomål',
      formal: true,
      blocks: [
        p(
          t`I det här brevet får du vårt beslut om ditt klagomål, som vi tog emot den ${hh.day(m.receivedAt, 'receivedAt')}, och en sammanfattning av hur vi har hanterat det.${m.timeline.some((e) => e.kind === 'call') ? ' Brevet bekräftar skriftligt det vi pratade om i telefon.' : ''}`,
        ),
        ...(m.callAttempts?.length
          ? [
              p(
                t`Vi försökte ringa dig för att berätta vårt beslut personligen (${m.callAttempts.map((a, i) => hh.dateTime(a, `callAttempts.${i}`)).join(', ')}), men nådde dig inte, så vi skickar det skriftligt.`,
              ),
            ]
          : []),
        facts([
          ['Ärendenummer', [hh.ref]],
          ['Mottaget', hh.dateTime(m.receivedAt, 'receivedAt')],
          ['Handläggare', m.ownerName],
          ['Beslut', sv.outcomes[m.outcome]],
        ]),
        h('Vårt beslut'),
        p(
          m.outcome === 'upheld'
            ? 'Vi har gått igenom ditt klagomål och ger dig rätt.'
            : m.outcome === 'partially-upheld'
              ? 'Vi har gått igenom ditt klagomål och ger dig delvis rätt.'
              : 'Vi har noggrant gått igenom ditt klagomål, men vi kan tyvärr inte ge dig rätt. Jag vet att det inte är det besked du hoppades på, så jag vill förklara våra skäl tydligt.',
        ),
        own(m.explanation),
        ...(isBlank(m.apology) ? [] : [own(m.apology)]),
        ...(m.remedy.kind === 'none'
          ? []
          : [
              h('Det här erbjuder vi'),
              ...remedyBlocks(m.remedy, hh),
              ...(isBlank(m.howToUseRemedy) ? [] : [own(m.howToUseRemedy ?? '')]),
            ]),
        h('Så har vi hanterat ditt ärende'),
        timeline(
          m.timeline.map((e) => ({
            when: hh.dateTime(e.at, 'timeline.at'),
            what: sv.timeline[e.kind],
            note: e.text,
          })),
        ),
        h('Om du inte håller med'),
        p(
          hh.paper
            ? t`Om du inte är nöjd med vårt beslut, säg gärna till – skriv till oss på adressen överst i det här brevet och ange ärendenumret ${hh.ref}, så går jag igenom allt som är oklart med dig. Du kan också gå vidare med ditt klagomål:`
            : 'Om du inte är nöjd med vårt beslut, säg gärna till – svara på det här mejlet så går jag igenom allt som är oklart med dig. Du kan också gå vidare med ditt klagomål:',
        ),
        // The desk's words, not someone's own: a letter or a chat rewords its "reply to this e-mail".
        p(m.disagreementRoute),
        p(
          'Tack för att du tog dig tid att berätta om det här. Klagomål som ditt hjälper oss att bli bättre.',
        ),
      ],
    }),

    surveyInvitation: (m, hh) => ({
      // The second survey, after a follow-up, says so rather than repeating the first.
      subject: m.round
        ? 'Efter vår uppföljning: hur tycker du att det gick?'
        : 'Hur tycker du att vi hanterade ditt klagomål?',
      statusLink: false,
      blocks: [
        p(
          m.round
            ? 'Efter ditt senaste svar tog vi upp ditt klagomål igen, och jag vill gärna fråga en gång till hur du tycker att vi skötte det. Om något fortfarande inte stämmer vill jag veta det.'
            : 'Nu när du har fått vårt besked om ditt klagomål vill jag gärna höra hur du tycker att vi skötte det. Din ärliga åsikt hjälper oss att bli bättre – och om något fortfarande inte stämmer vill jag veta det.',
        ),
        p('Det tar ungefär en minut: ett betyg från 1 till 5, och en kommentar om du vill.'),
        ...(hh.paper
          ? [
              p(
                t`Du kan svara på nätet på ${ltr(m.surveyUrl)}, eller skriva ditt betyg och din kommentar på det här brevet och skicka tillbaka det till adressen överst, med ärendenumret ${hh.ref}.`,
              ),
              p('Finns det något mer vi kan hjälpa dig med? Berätta det i ditt svar.'),
            ]
          : [
              button('Svara på enkäten', m.surveyUrl),
              p(
                'Finns det något mer vi kan hjälpa dig med? Berätta det i enkäten eller svara helt enkelt på det här mejlet.',
              ),
            ]),
      ],
    }),

    surveyReminder: (m, hh) => ({
      subject: 'Har du en minut över för att tycka till?',
      statusLink: false,
      blocks: [
        p(
          'För några dagar sedan frågade jag hur du tyckte att vi hanterade ditt klagomål. Om du inte har hunnit svara ännu vill jag fortfarande gärna höra vad du tycker.',
        ),
        p('Det tar ungefär en minut: ett betyg från 1 till 5, och en kommentar om du vill.'),
        ...(hh.paper
          ? [
              p(
                t`Du kan svara på nätet på ${ltr(m.surveyUrl)}, eller skriva ditt betyg och din kommentar på det här brevet och skicka tillbaka det till adressen överst, med ärendenumret ${hh.ref}.`,
              ),
            ]
          : [
              button('Svara på enkäten', m.surveyUrl),
              p(
                'Finns det något mer vi kan hjälpa dig med? Berätta det i enkäten eller svara helt enkelt på det här mejlet.',
              ),
            ]),
        p('Om du redan har svarat: tack, och bortse i så fall från den här påminnelsen.'),
      ],
    }),

    followUpNotice: (m, hh) => ({
      subject: 'Tack för din återkoppling – jag hör av mig',
      blocks: [
        p(
          'Tack för din ärliga återkoppling. Jag är ledsen att vi inte helt levde upp till dina förväntningar när vi hanterade ditt klagomål.',
        ),
        p(
          t`Jag vill förstå vad som gick fel och försäkra mig om att problemet verkligen är löst. Jag hör av mig till dig senast den ${b(hh.dateTime(m.followUpBy, 'followUpBy'))}.`,
        ),
        p('Vill du berätta mer innan dess är det bara att svara på det här mejlet.'),
      ],
    }),

    withdrawalConfirmation: (m, hh) => ({
      subject: 'Ditt klagomål har återkallats',
      blocks: [
        p(
          'Som du önskade har jag återkallat ditt klagomål och avslutat ärendet. Du behöver inte göra något mer.',
        ),
        p(
          m.reopenUntil
            ? t`Om du ändrar dig är det bara att svara på det här mejlet senast den ${b(hh.day(m.reopenUntil, 'reopenUntil'))} och ange ärendenummer ${hh.ref}, så öppnar jag ärendet igen där vi slutade. Är det något annat vi kan hjälpa till med kan du skriva till oss när som helst.`
            : t`Om du ändrar dig, eller om det är något annat vi kan hjälpa till med, är det bara att svara på det här mejlet och ange ärendenummer ${hh.ref}.`,
        ),
        p('Tack för att du meddelade oss.'),
      ],
    }),

    reassignmentNotice: (m) => ({
      subject: 'Ny kontaktperson för ditt ärende',
      blocks: [
        p(
          t`Jag heter ${m.newOwnerName} och från och med i dag tar jag hand om ditt klagomål i stället för min kollega ${m.previousOwnerName}.`,
        ),
        p('Jag har fått hela historiken i ärendet, så du behöver inte förklara något igen.'),
        p('Om du har frågor är det bara att svara på det här mejlet – det kommer direkt till mig.'),
      ],
    }),
  },
};
