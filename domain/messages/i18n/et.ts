// Estonian. The customer is addressed with the polite, capitalised "Teie", usual in letters.
// Dates are numeric (06.03.2026): a month name would have to be inflected by the sentence.
// Names are only used where the nominative fits ("Minu nimi on …", "…: Mari Maasikas").
import { b, button, facts, h, isBlank, ltr, ol, own, p, t, timeline } from '../blocks';
import type { Block } from '../blocks';
import type { LetterRemedy, ReplyHint } from '../types';
import type { CustomerPack, Helpers } from './pack';

/** On a printed letter: where the customer can follow the case without e-mail. */
const online = (url: string) => t`Oma kaebuse käiku saate jälgida ka veebis: ${ltr(url)}`;
const replyHint = (hint: ReplyHint | undefined, hasStatusPage: boolean): string => {
  if (hint === 'status-page' && hasStatusPage) return 'Saate vastata oma kaebuse veebilehel (link allpool).';
  if (hint === 'email-or-status-page' && hasStatusPage) {
    return 'Võite lihtsalt vastata sellele kirjale või kirjutada vastused oma kaebuse veebilehele (link allpool).';
  }
  return 'Kõige lihtsam on vastata sellele kirjale – palun jätke kaebuse number teemareale alles.';
};

const days = (n: number): string => (n === 1 ? '1 päev' : `${n} päeva`);

function remedyBlocks(remedy: LetterRemedy, hh: Helpers): Block[] {
  switch (remedy.kind) {
    case 'refund':
      return [p(t`Raha tagastamine summas ${b(hh.money(remedy.amount, remedy.currency))}.`)];
    case 'voucher':
      return [
        p(
          remedy.value
            ? t`Sooduskupong ${b(hh.percent(remedy.percent))} ulatuses Teie ostu summast (${b(hh.money(remedy.value.amount, remedy.value.currency))}), mida saate kasutada järgmisel ostul meie juures. Kupong kehtib ${days(remedy.validityDays)}, kuni ${b(hh.day(remedy.validUntil, 'remedy.validUntil'))} (kaasa arvatud).`
            : t`Sooduskupong ${b(hh.percent(remedy.percent))} ulatuses Teie ostu summast, mida saate kasutada järgmisel ostul meie juures. Kupong kehtib ${days(remedy.validityDays)}, kuni ${b(hh.day(remedy.validUntil, 'remedy.validUntil'))} (kaasa arvatud).`,
        ),
        ...(remedy.code ? [p(t`Kupongi kood: ${b(remedy.code)}`)] : []),
      ];
    case 'replacement':
      return [p('Toote asendamine uuega.')];
    case 'repair':
      return [p('Toote parandamine.')];
    case 'none':
      return [];
  }
}

export const et: CustomerPack = {
  greeting: (name, formal) =>
    formal
      ? isBlank(name)
        ? 'Lugupeetud klient'
        : `Lugupeetud ${name}`
      : isBlank(name)
        ? 'Tere!'
        : `Tere, ${name}!`,
  signOff: (formal) => (formal ? 'Lugupidamisega' : 'Parimate soovidega'),
  footer: (ref) => t`Vastamisel jätke palun kaebuse number ${ref} teemareale alles.`,
  statusLinkLabel: 'Vaadake kaebuse menetluse seisu',
  outcomes: {
    upheld: 'Kaebus rahuldatud',
    'partially-upheld': 'Kaebus osaliselt rahuldatud',
    rejected: 'Kaebus jäetud rahuldamata',
  },
  timeline: {
    received: 'Kaebus saabus',
    acknowledged: 'Kinnitasime kaebuse kättesaamist',
    diagnosis: 'Saatsime esialgse hinnangu',
    questions: 'Palusime Teilt lisateavet',
    'customer-answer': 'Saime Teie vastuse',
    update: 'Andsime ülevaate menetluse käigust',
    extension: 'Vastamise tähtaega pikendati',
    delay: 'Teatasime viivitusest',
    escalation: 'Kaebus suunati täiendavaks läbivaatamiseks',
    reassignment: 'Kaebuse menetleja vahetus',
    decision: 'Otsus',
    call: 'Telefonikõne',
    other: 'Märkus',
  },
  chat: {
    publicAcknowledgement: (name, link) =>
      `${name ? `${name}, aitäh` : 'Aitäh'}, et sellest teada andsite, ja vabandame juhtunu pärast. Et siin ei peaks midagi isiklikku kirjutama, jätkake palun meiega privaatvestluses: ${link}`,
    welcome:
      'Tere! Kirjeldage siin oma sõnadega, mis valesti läks (ka foto aitab). Teie esimene sõnum avab kaebuse ja selle menetleja vastab teile selles vestluses.',
    openCase: (reference, ownerName) =>
      `Teie kaebus ${reference} on avatud ja seda menetleb ${ownerName}: kirjutage siia ja sõnum jõuab temani.`,
    photo: '[foto]',
    document: (fileName) => (fileName ? `[dokument ${fileName}]` : '[dokument]'),
    unsupported: (kind) => `[${kind}: siin loetamatu]`,
    empty: '(tühi sõnum)',
  },
  chatWording: [
    [
      'Kõige lihtsam on vastata sellele kirjale – palun jätke kaebuse number teemareale alles.',
      'Kõige lihtsam on vastata siin vestluses.',
    ],
    ['Võite lihtsalt vastata sellele kirjale', 'Võite lihtsalt vastata siin vestluses'],
    ['vastake lihtsalt sellele kirjale', 'vastake lihtsalt siin vestluses'],
    ['vastake palun sellele kirjale', 'vastake palun siin vestluses'],
    ['vastates lihtsalt sellele kirjale', 'vastates lihtsalt siin vestluses'],
    ['vastake sellele kirjale', 'vastake siin vestluses'],
  ],
  paperWording: [
    [
      'Kõige lihtsam on vastata sellele kirjale – palun jätke kaebuse number teemareale alles.',
      'Kõige lihtsam on kirjutada meile selle kirja päises toodud aadressil ja märkida kaebuse number.',
    ],
    [
      'Võite lihtsalt vastata sellele kirjale',
      'Võite lihtsalt kirjutada meile selle kirja päises toodud aadressil',
    ],
    ['vastake lihtsalt sellele kirjale', 'kirjutage meile lihtsalt selle kirja päises toodud aadressil'],
    ['vastake palun sellele kirjale', 'kirjutage meile palun selle kirja päises toodud aadressil'],
    ['vastates lihtsalt sellele kirjale', 'kirjutades meile lihtsalt selle kirja päises toodud aadressil'],
    ['vastake sellele kirjale', 'kirjutage meile selle kirja päises toodud aadressil'],
    ['(link allpool)', '(aadress allpool)'],
  ],
  paperWordingWithoutAddress: [
    [' selle kirja päises toodud aadressil', ''],
    ['saata selle tagasi päises toodud aadressil', 'saata selle meile tagasi'],
  ],
  statusOnPaper: online,
  templates: {
    acknowledgement: (m, hh) => ({
      subject: 'Oleme Teie kaebuse kätte saanud',
      blocks: [
        p(
          t`Aitäh, et meiega ühendust võtsite, ja mul on kahju, et selleks põhjust oli. Teie kaebus jõudis meieni ${hh.dateTime(m.receivedAt, 'receivedAt')} ja on nüüd heades kätes.`,
        ),
        p(
          hh.paper
            ? t`Minu nimi on ${m.ownerName} ja tegelen Teie kaebusega isiklikult algusest lõpuni. Kui Teil on küsimusi või soovite midagi lisada, kirjutage meile selle kirja päises toodud aadressil ja märkige kaebuse number ${hh.ref} – kiri jõuab otse minuni.`
            : t`Minu nimi on ${m.ownerName} ja tegelen Teie kaebusega isiklikult algusest lõpuni. Kui Teil on küsimusi või soovite midagi lisada, vastake lihtsalt sellele kirjale – see jõuab otse minuni.`,
        ),
        p(
          t`Järgmiseks uurin põhjalikult, mis juhtus. Annan Teile endast märku hiljemalt ${b(hh.dateTime(m.nextContactBy, 'nextContactBy'))} – kas esialgse hinnanguga või küsimustega, kui vajan veel lisateavet.`,
        ),
        p(
          'Annan Teile teada igast edasisest sammust, kuni kaebus on lahendatud, ja olenemata sellest, milline on otsus, selgitan Teile üksikasjalikult, kuidas me selleni jõudsime.',
        ),
        facts([
          ['Kaebuse number', [hh.ref]],
          ['Saabumise aeg', hh.dateTime(m.receivedAt, 'receivedAt')],
          ['Kaebusega tegeleb', m.ownerRole ? `${m.ownerName} (${m.ownerRole})` : m.ownerName],
          ['Järgmine teade hiljemalt', hh.dateTime(m.nextContactBy, 'nextContactBy')],
        ]),
        p(t`Kui võtate meiega selles asjas ühendust muul viisil, märkige palun kaebuse number ${hh.ref}.`),
      ],
    }),

    diagnosis: (m, hh) => ({
      subject: 'Esialgne hinnang Teie kaebusele',
      blocks: [
        p('Nagu lubatud, saadan esialgse hinnangu Teie kaebusele.'),
        ...(isBlank(m.apology) ? [] : [own(m.apology ?? '')]),
        h('Mida olen seni välja selgitanud'),
        own(m.summary),
        p(
          t`See on esialgne hinnang: kontrollin veel üksikasju ja kui midagi muutub, annan Teile teada. Loodan anda Teile lõpliku vastuse hiljemalt ${b(hh.day(m.expectedResolutionBy, 'expectedResolutionBy'))}.`,
        ),
        p(
          'Kui midagi ei vasta sellele, mis tegelikult juhtus, või kui olen millestki mööda vaadanud, vastake palun sellele kirjale – see aitab mul asja õigesti hinnata.',
        ),
      ],
    }),

    diagnosisDelay: (m, hh) => ({
      subject: 'Olen Teile vastuse võlgu',
      blocks: [
        p(
          t`Lubasin Teile esialgse hinnangu Teie kaebusele hiljemalt ${b(hh.dateTime(m.promisedBy, 'promisedBy'))}, kuid ma ei jõudnud sellega õigeks ajaks valmis. Vabandan – Te ei peaks jääma teadmatusse ootama.`,
        ),
        p(
          t`Tegelen Teie kaebusega ja annan Teile endast märku hiljemalt ${b(hh.dateTime(m.newContactBy, 'newContactBy'))} – kas esialgse hinnanguga või küsimustega, kui vajan veel lisateavet.`,
        ),
        p(
          hh.paper
            ? t`Kui soovite vahepeal midagi lisada, kirjutage meile selle kirja päises toodud aadressil ja märkige kaebuse number ${hh.ref}.`
            : 'Kui soovite vahepeal midagi lisada, vastake lihtsalt sellele kirjale.',
        ),
      ],
    }),

    reopenNotice: (m, hh) => ({
      subject: 'Avasin Teie kaebuse uuesti',
      blocks: [
        p('Aitäh, et andsite endast teada. Avasin Teie kaebuse uuesti ja tegelen sellega edasi.'),
        p(
          t`Teil ei ole vaja midagi uuesti selgitada – kogu kaebuse ajalugu on mul olemas. Annan Teile endast märku hiljemalt ${b(hh.dateTime(m.nextContactBy, 'nextContactBy'))}.`,
        ),
      ],
    }),

    questions: (m, hh) => ({
      subject: 'Mõned küsimused Teie kaebuse kohta',
      blocks: [
        p('Teie kaebusega edasi liikumiseks vajan Teilt veidi lisateavet:'),
        ol(m.questions),
        p(
          t`Kas saaksite oma vastused saata hiljemalt ${b(hh.dateTime(m.answerBy, 'answerBy'))}? ${replyHint(m.replyHint, !!m.statusUrl)}`,
        ),
        p('Niipea kui vastused on käes, jätkan Teie kaebuse menetlemist. Aitäh abi eest!'),
      ],
    }),

    questionsReminder: (m, hh) => ({
      subject: 'Meeldetuletus: vajan jätkamiseks Teie vastuseid',
      blocks: [
        p(
          'Kirjutan uuesti, sest ma ei ole veel saanud Teie vastuseid oma küsimustele. Ilma nendeta ei saa ma Teie kaebuse menetlemist lõpule viia.',
        ),
        p('Tuletan küsimused meelde:'),
        ol(m.questions),
        p(
          t`Kui vastate hiljemalt ${b(hh.dateTime(m.answerBy, 'answerBy'))}, võtan asja kohe uuesti ette. ${replyHint(m.replyHint, !!m.statusUrl)}`,
        ),
        p(
          m.reopenUntil
            ? t`Kui ma selleks ajaks Teilt vastust ei saa, sulgen kaebuse esialgu – kuid kui vastate hiljemalt ${b(hh.day(m.reopenUntil, 'reopenUntil'))}, avan selle uuesti ja jätkame sealt, kus pooleli jäime.`
            : 'Kui ma selleks ajaks Teilt vastust ei saa, sulgen kaebuse esialgu – kui kirjutate meile hiljem, vaatame asja uuesti üle.',
        ),
        p('Kui olete vastused juba saatnud, siis aitäh – sel juhul võite selle kirja tähelepanuta jätta.'),
      ],
    }),

    noResponseClosure: (m, hh) => ({
      subject: 'Oleme Teie kaebuse esialgu sulgenud',
      blocks: [
        p(
          'Palusin Teilt Teie kaebuse kohta lisateavet, kuid kuna ma ei ole vastust saanud, olen kaebuse esialgu sulgenud.',
        ),
        p(
          m.reopenUntil
            ? t`See ei tähenda, et asi oleks lõplikult lõpetatud. Kui soovite endiselt, et me sellega tegeleksime, vastake lihtsalt sellele kirjale hiljemalt ${b(hh.day(m.reopenUntil, 'reopenUntil'))} ja märkige kaebuse number ${hh.ref} – avan kaebuse uuesti ja jätkame sealt, kus pooleli jäime. Otsast alustama ei pea.`
            : t`See ei tähenda, et asi oleks lõplikult lõpetatud. Kui soovite endiselt, et me sellega tegeleksime, kirjutage meile ja märkige kaebuse number ${hh.ref} – vaatame asja uuesti üle.`,
        ),
        p(
          'Kui Te meie abi enam ei vaja, ei pea Te midagi tegema. Aitäh, et meile probleemist teada andsite.',
        ),
      ],
    }),

    progressUpdate: (m, hh) => {
      // No date once the promised one was missed: the owner has not set a new one yet.
      const by = b(m.expectedResolutionBy ? hh.day(m.expectedResolutionBy, 'expectedResolutionBy') : '');
      const subject = 'Ülevaade Teie kaebuse menetlemisest';
      if (m.sentBy === 'owner' && !isBlank(m.message)) {
        return {
          subject,
          blocks: [
            p('Siin on viimane teave Teie kaebuse kohta:'),
            own(m.message),
            p(
              m.expectedResolutionBy
                ? t`Loodan endiselt anda Teile vastuse hiljemalt ${by}. Kui Teil on vahepeal küsimusi, vastake lihtsalt sellele kirjale.`
                : t`Ma ei saa veel anda kindlat uut vastamise kuupäeva, kuid annan selle teada niipea kui võimalik. Kui Teil on vahepeal küsimusi, vastake lihtsalt sellele kirjale.`,
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
                  ? t`Soovime Teile teada anda, et tegeleme Teie kaebusega endiselt – see ei ole ununenud. Kaebusega tegeleb ${m.ownerName} ja loodame anda Teile vastuse hiljemalt ${by}.`
                  : t`Soovime Teile teada anda, et tegeleme Teie kaebusega endiselt – see ei ole ununenud. Kaebusega tegeleb ${m.ownerName}, kes teatab Teile uue eeldatava kuupäeva niipea, kui see on teada.`,
              ),
              p('Kui Teil on vahepeal küsimusi, vastake lihtsalt sellele kirjale.'),
            ]
          : [
              p('Lühike ülevaade Teie kaebuse seisust:'),
              own(m.message),
              p(
                m.expectedResolutionBy
                  ? t`Loodame anda Teile vastuse hiljemalt ${by}. Kui Teil on vahepeal küsimusi, vastake lihtsalt sellele kirjale.`
                  : t`Teatame Teile uue eeldatava kuupäeva niipea, kui see on teada. Kui Teil on vahepeal küsimusi, vastake lihtsalt sellele kirjale.`,
              ),
            ],
      };
    },

    delayNotice: (m, hh) => ({
      subject: 'Teie kaebuse lahendamine võtab lubatust kauem aega',
      blocks: [
        p(
          t`Lubasime Teile vastuse anda hiljemalt ${b(hh.day(m.promisedBy, 'promisedBy'))}, kuid me ei suutnud seda tähtaega pidada. Vabandan – tean, kui ebameeldiv on oodata, eriti pärast seda, mis juba juhtus.`,
        ),
        m.newExpectedBy
          ? p(
              t`Tegelen Teie kaebusega edasi ja loodan nüüd anda Teile vastuse hiljemalt ${b(hh.day(m.newExpectedBy, 'newExpectedBy'))}. Seni hoian Teid kursis, et Te ei peaks meilt ise järele pärima.`,
            )
          : p(
              'Tegelen Teie kaebusega edasi. Ma ei saa veel kindlat uut kuupäeva öelda, kuid annan endast märku niipea kui võimalik – ja ma ei jäta Teid teadmatusse.',
            ),
        p('Kui soovite vahepeal asja arutada, vastake lihtsalt sellele kirjale.'),
      ],
    }),

    extensionNotice: (m, hh) => ({
      subject: 'Vajame Teie kaebuse lahendamiseks rohkem aega',
      blocks: [
        p(
          'Soovin Teile võimalikult vara teada anda, et Teie kaebuse lahendamine võtab kauem aega, kui esialgu arvasime.',
        ),
        h('Põhjus'),
        own(m.reason),
        p(
          t`Uus eeldatav vastamise kuupäev on ${b(hh.day(m.newExpectedBy, 'newExpectedBy'))}. Vabandan lisaootamise pärast ja hoian Teid vahepeal kursis.`,
        ),
        p('Kui Teil on küsimusi, vastake lihtsalt sellele kirjale.'),
      ],
    }),

    resolutionLetter: (m, hh) => ({
      subject: 'Otsus Teie kaebuse kohta',
      formal: true,
      blocks: [
        p(
          t`Teie kaebus saabus meile ${hh.day(m.receivedAt, 'receivedAt')}. Selles kirjas teatan Teile meie otsusest ning annan ülevaate kaebuse menetlemisest.${m.timeline.some((e) => e.kind === 'call') ? ' Kiri kinnitab kirjalikult seda, mida telefonis arutasime.' : ''}`,
        ),
        ...(m.callAttempts?.length
          ? [
              p(
                t`Püüdsime Teile helistada, et teatada otsusest isiklikult (${m.callAttempts.map((a, i) => hh.dateTime(a, `callAttempts.${i}`)).join(', ')}), kuid ei saanud Teiega ühendust, seetõttu saadame selle kirjalikult.`,
              ),
            ]
          : []),
        facts([
          ['Kaebuse number', [hh.ref]],
          ['Saabumise aeg', hh.dateTime(m.receivedAt, 'receivedAt')],
          ['Kaebusega tegeles', m.ownerName],
          ['Otsus', et.outcomes[m.outcome]],
        ]),
        h('Meie otsus'),
        p(
          m.outcome === 'upheld'
            ? 'Oleme Teie kaebuse läbi vaadanud ja leiame, et see on põhjendatud. Rahuldame Teie kaebuse.'
            : m.outcome === 'partially-upheld'
              ? 'Oleme Teie kaebuse läbi vaadanud ja rahuldame selle osaliselt.'
              : 'Oleme Teie kaebuse hoolikalt läbi vaadanud, kuid kahjuks ei saa me seda rahuldada. Tean, et see ei ole vastus, mida lootsite, seetõttu soovin selgelt selgitada, miks me nii otsustasime.',
        ),
        own(m.explanation),
        ...(isBlank(m.apology) ? [] : [own(m.apology)]),
        ...(m.remedy.kind === 'none'
          ? []
          : [
              h('Mida pakume'),
              ...remedyBlocks(m.remedy, hh),
              ...(isBlank(m.howToUseRemedy) ? [] : [own(m.howToUseRemedy ?? '')]),
            ]),
        h('Kuidas Teie kaebust menetlesime'),
        timeline(
          m.timeline.map((e) => ({
            when: hh.dateTime(e.at, 'timeline.at'),
            what: et.timeline[e.kind],
            note: e.text,
          })),
        ),
        h('Kui Te ei ole otsusega nõus'),
        p(
          hh.paper
            ? t`Kui Te ei ole meie otsusega nõus, andke mulle palun teada – kirjutage meile selle kirja päises toodud aadressil, märkides kaebuse numbri ${hh.ref}, ja selgitan kõike, mis jäi arusaamatuks. Samuti võite oma kaebusega edasi pöörduda:`
            : 'Kui Te ei ole meie otsusega nõus, andke mulle palun teada – vastake sellele kirjale ja selgitan kõike, mis jäi arusaamatuks. Samuti võite oma kaebusega edasi pöörduda:',
        ),
        // The desk's words, not someone's own: a letter or a chat rewords its "reply to this e-mail".
        p(m.disagreementRoute),
        p('Aitäh, et leidsite aega sellest meile rääkida. Sellised kaebused aitavad meil paremaks saada.'),
      ],
    }),

    surveyInvitation: (m, hh) => ({
      // The second survey, after a follow-up, says so rather than repeating the first.
      subject: m.round
        ? 'Pärast uuesti käsitlemist: kuidas me hakkama saime?'
        : 'Kuidas me Teie kaebusega hakkama saime?',
      statusLink: false,
      blocks: [
        p(
          m.round
            ? 'Pärast Teie viimast vastust tegelesime Teie kaebusega uuesti ja sooviksin veel kord küsida, kuidas me Teie hinnangul hakkama saime. Kui miski on endiselt korrast ära, tahan sellest teada.'
            : 'Nüüd, kui olete saanud meie vastuse oma kaebusele, sooviksin teada, kuidas me Teie hinnangul hakkama saime. Teie aus arvamus aitab meil paremaks saada – ja kui miski on endiselt korrast ära, tahan sellest teada.',
        ),
        p('See võtab umbes minuti: hinne 1 kuni 5 ja soovi korral kommentaar.'),
        ...(hh.paper
          ? [
              p(
                t`Võite vastata veebis aadressil ${ltr(m.surveyUrl)} või kirjutada oma hinde ja kommentaari sellele kirjale ning saata selle tagasi päises toodud aadressil, märkides kaebuse numbri ${hh.ref}.`,
              ),
              p('Kas saame Teid veel millegagi aidata? Kirjutage sellest oma vastuses.'),
            ]
          : [
              button('Vastake küsitlusele', m.surveyUrl),
              p(
                'Kas saame Teid veel millegagi aidata? Kirjutage sellest küsitluses või vastake lihtsalt sellele kirjale.',
              ),
            ]),
      ],
    }),

    surveyReminder: (m, hh) => ({
      subject: 'Kas leiaksite minuti tagasiside andmiseks?',
      statusLink: false,
      blocks: [
        p(
          'Mõni päev tagasi küsisin, kuidas jäite rahule Teie kaebuse menetlemisega. Kui Teil pole veel olnud võimalust vastata, ootan Teie arvamust endiselt väga.',
        ),
        p('See võtab umbes minuti: hinne 1 kuni 5 ja soovi korral kommentaar.'),
        ...(hh.paper
          ? [
              p(
                t`Võite vastata veebis aadressil ${ltr(m.surveyUrl)} või kirjutada oma hinde ja kommentaari sellele kirjale ning saata selle tagasi päises toodud aadressil, märkides kaebuse numbri ${hh.ref}.`,
              ),
            ]
          : [
              button('Vastake küsitlusele', m.surveyUrl),
              p(
                'Kas saame Teid veel millegagi aidata? Kirjutage sellest küsitluses või vastake lihtsalt sellele kirjale.',
              ),
            ]),
        p('Kui olete juba vastanud, siis aitäh – sel juhul võite selle meeldetuletuse tähelepanuta jätta.'),
      ],
    }),

    followUpNotice: (m, hh) => ({
      subject: 'Aitäh tagasiside eest – võtan Teiega ühendust',
      blocks: [
        p(
          'Aitäh ausa tagasiside eest. Mul on kahju, et me ei vastanud Teie kaebuse menetlemisel täielikult Teie ootustele.',
        ),
        p(
          t`Soovin mõista, mis läks valesti, ja veenduda, et probleem on tõesti lahendatud. Võtan Teiega ühendust hiljemalt ${b(hh.dateTime(m.followUpBy, 'followUpBy'))}.`,
        ),
        p('Kui soovite juba enne seda midagi lisada, vastake lihtsalt sellele kirjale.'),
      ],
    }),

    withdrawalConfirmation: (m, hh) => ({
      subject: 'Teie kaebus on tagasi võetud',
      blocks: [
        p(
          'Vastavalt Teie soovile olen Teie kaebuse tagasi võtnud ja menetluse lõpetanud. Te ei pea enam midagi tegema.',
        ),
        p(
          m.reopenUntil
            ? t`Kui muudate meelt, vastake lihtsalt sellele kirjale hiljemalt ${b(hh.day(m.reopenUntil, 'reopenUntil'))} ja märkige kaebuse number ${hh.ref} – avan kaebuse uuesti sealt, kus pooleli jäime. Kui saame Teid millegi muuga aidata, kirjutage meile igal ajal.`
            : t`Kui muudate meelt või kui saame Teid millegi muuga aidata, vastake lihtsalt sellele kirjale ja märkige kaebuse number ${hh.ref}.`,
        ),
        p('Aitäh, et andsite meile teada.'),
      ],
    }),

    reassignmentNotice: (m) => ({
      subject: 'Teie kaebusega tegeleb nüüd uus kontaktisik',
      blocks: [
        p(
          t`Minu nimi on ${m.newOwnerName} ja alates tänasest tegelen Teie kaebusega mina. Varem tegeles sellega minu kolleeg ${m.previousOwnerName}.`,
        ),
        p('Olen saanud kogu Teie kaebuse ajaloo, nii et Te ei pea midagi uuesti selgitama.'),
        p('Kui Teil on küsimusi, vastake lihtsalt sellele kirjale – see jõuab otse minuni.'),
      ],
    }),
  },
};
