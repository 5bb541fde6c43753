import { strict as assert } from 'node:assert';
import { categorise, matchesKeyword, raise, type CategoriseInput } from '../../domain/categorise';
import { loadPolicy } from '../../infra/policy-files';
import type { Policy } from '../../domain/types';

describe('categorise', () => {
  let policy: Policy;
  before(() => {
    policy = loadPolicy('policy/default.json');
  });
  const run = (
    language: CategoriseInput['language'],
    subject: string,
    description = '',
    channel: CategoriseInput['channel'] = 'email',
  ) => categorise({ subject, description, channel, language }, policy);

  it('English: a late parcel is a delivery complaint of normal priority', () => {
    const r = run(
      'en',
      'Where is my parcel?',
      'The courier is two weeks late and the tracking shows nothing.',
    );
    assert.equal(r.category, 'delivery');
    assert.equal(r.priority, 'normal');
    assert.ok(r.matchedKeywords.includes('parcel*'));
    assert.ok(r.matchedKeywords.includes('courier*'));
    assert.equal(r.safety, false);
    assert.match(r.reasons[0], /^category delivery: .*"parcel\*" \(en\)/);
  });

  it('Polish: inflected words and missing diacritics still match', () => {
    assert.equal(
      run('pl', 'Kurier zgubił moją paczkę', 'Przesyłka nie dotarła do dziś.').category,
      'delivery',
    );
    assert.equal(
      run('pl', 'ZEPSUTY CZAJNIK', 'czajnik przestal dzialac po tygodniu, to wada fabryczna').category,
      'product-defect',
    );
    assert.equal(run('pl', 'Podwójne obciążenie karty', 'Na fakturze jest zła kwota.').category, 'billing');
    assert.equal(
      run('pl', 'Skandaliczna obsługa klienta', 'Konsultant był niegrzeczny i rozłączył się.').category,
      'service',
    );
  });

  it('Swedish and Estonian', () => {
    assert.equal(
      run('sv', 'Paketet har inte kommit', 'Leveransen är försenad sedan tio dagar.').category,
      'delivery',
    );
    assert.equal(
      run('sv', 'Trasig diskmaskin', 'Den fungerar inte och garantin gäller.').category,
      'product-defect',
    );
    assert.equal(
      run('sv', 'Fel på fakturan', 'Jag blev dubbeldebiterad på mitt kreditkort.').category,
      'billing',
    );
    assert.equal(
      run('et', 'Pakk on kadunud', 'Kuller ei toonud saadetist, see on hilinenud.').category,
      'delivery',
    );
    assert.equal(
      run('et', 'Katki telefon', 'Ekraan ei tööta, garantii peaks kehtima.').category,
      'product-defect',
    );
    assert.equal(
      run('et', 'Ebaviisakas teenindaja', 'Klienditeeninduses keegi ei vastanud.').category,
      'service',
    );
  });

  it('Hebrew: keywords match behind attached prefixes and despite final letters or points', () => {
    const r = run('he', 'החבילה לא הגיעה', 'והשליח לא ענה לטלפון');
    assert.equal(r.category, 'delivery');
    assert.ok(r.matchedKeywords.includes('חבילה'));
    assert.ok(r.matchedKeywords.includes('שליח'));
    assert.equal(run('he', 'המכשיר שבור', 'הוא הפסיק לעבוד אחרי יום').category, 'product-defect');
    assert.equal(run('he', 'חיוב כפול', 'קיבלתי חשבונית עם מחיר שגוי').category, 'billing');
    assert.equal(run('he', 'נציג גס רוח', 'הנציגה צעקה עליי').category, 'service');
    assert.ok(matchesKeyword('וּבַחֲבִילָה', 'חבילה'), 'niqqud and prefixes ו+ב');
    assert.ok(matchesKeyword('יצא עשן', 'עשן'), 'final nun');
    assert.ok(!matchesKeyword('ראש', 'אש'), 'ר is not a prefix letter');
  });

  // Everyday complaints in each language's common words, one table per language: each must land in
  // its shipped category (a leaking washing machine, "Pralka przecieka", was "Other" at intake).
  const everyday: Record<CategoriseInput['language'], [string, string][]> = {
    en: [
      ['The washing machine leaks', 'product-defect'],
      ['Water is leaking from the fridge', 'product-defect'],
      ['The kettle won’t switch on', 'product-defect'],
      ['My phone does not turn on any more', 'product-defect'],
      ['The dishwasher is very noisy', 'product-defect'],
      ['The bike frame is rusty after a month', 'product-defect'],
      ['The sofa cover is torn', 'product-defect'],
      ['I have not received my order', 'delivery'],
      ['You sent me the wrong item', 'delivery'],
      ['Order never received', 'delivery'],
      ['Still no refund for my return', 'billing'],
      ['The discount code was not applied', 'billing'],
      ['You took the wrong amount from my account', 'billing'],
      ['Nobody called me back', 'service'],
      ['The hotline kept me on hold for an hour', 'service'],
      ['The manager was unhelpful', 'service'],
    ],
    pl: [
      ['Pralka przecieka', 'product-defect'],
      ['Z lodówki cieknie woda', 'product-defect'],
      ['Czajnik nie włącza się', 'product-defect'],
      ['Telefon się nie ładuje', 'product-defect'],
      ['Zmywarka strasznie hałasuje', 'product-defect'],
      ['Rama roweru zardzewiała po miesiącu', 'product-defect'],
      ['Kurtka rozdarła się po tygodniu', 'product-defect'],
      ['Nie otrzymałem zamówienia', 'delivery'],
      ['Przysłano mi nie ten produkt', 'delivery'],
      ['Listonosz nie zostawił awizo', 'delivery'],
      ['Nadal nie dostałem zwrotu pieniędzy', 'billing'],
      ['Kod rabatowy nie został uwzględniony', 'billing'],
      ['Naliczono mi za dużo', 'billing'],
      ['Nikt do mnie nie oddzwonił', 'service'],
      ['Na infolinii czekałem godzinę', 'service'],
      ['Kierownik sklepu był niemiły', 'service'],
    ],
    sv: [
      ['Tvättmaskinen läcker', 'product-defect'],
      ['Det läcker vatten från kylskåpet', 'product-defect'],
      ['Vattenkokaren startar inte', 'product-defect'],
      ['Mobilen laddar inte', 'product-defect'],
      ['Diskmaskinen väsnas väldigt mycket', 'product-defect'],
      ['Cykelramen har börjat rosta', 'product-defect'],
      ['Soffans klädsel är sönderriven', 'product-defect'],
      ['Jag har inte fått min beställning', 'delivery'],
      ['Ni skickade fel vara', 'delivery'],
      ['Ombudet hittar inte min försändelse', 'delivery'],
      ['Jag har fortfarande inte fått pengarna tillbaka', 'billing'],
      ['Rabattkoden drogs inte av', 'billing'],
      ['Fel belopp drogs från mitt konto', 'billing'],
      ['Ingen ringde tillbaka', 'service'],
      ['Jag fick vänta en timme i telefonkön', 'service'],
      ['Säljaren var inkompetent', 'service'],
    ],
    et: [
      ['Pesumasin lekib', 'product-defect'],
      ['Külmikust tilgub vett', 'product-defect'],
      ['Veekeetja ei lülitu sisse', 'product-defect'],
      ['Telefon ei lae', 'product-defect'],
      ['Nõudepesumasin teeb kõva müra', 'product-defect'],
      ['Jalgratta raam on roostes', 'product-defect'],
      ['Diivani kate on rebenenud', 'product-defect'],
      ['Tellimus ei ole kohale jõudnud', 'delivery'],
      ['Saatsite mulle vale toote', 'delivery'],
      ['Ma pole tellimust saanud', 'delivery'],
      ['Raha pole siiani tagasi kantud', 'billing'],
      ['Sooduskoodi ei arvestatud', 'billing'],
      ['Kontolt võeti vale summa', 'billing'],
      ['Keegi ei helistanud tagasi', 'service'],
      ['Klienditugi ei vasta telefonile', 'service'],
      ['Poe juhataja oli ebameeldiv', 'service'],
    ],
    he: [
      ['מכונת הכביסה דולפת', 'product-defect'],
      ['יש נזילה מהמקרר', 'product-defect'],
      ['הקומקום לא נדלק', 'product-defect'],
      ['הטלפון לא נטען', 'product-defect'],
      ['המדיח עושה רעש חזק', 'product-defect'],
      ['שלדת האופניים החלידה', 'product-defect'],
      ['הריפוד של הספה נקרע', 'product-defect'],
      ['לא קיבלתי את ההזמנה', 'delivery'],
      ['שלחתם לי מוצר שגוי', 'delivery'],
      ['ההזמנה מתעכבת כבר שבועיים', 'delivery'],
      ['עדיין לא קיבלתי החזר כספי', 'billing'],
      ['הקופון לא נוצל בהזמנה', 'billing'],
      ['ירד לי סכום שגוי מהכרטיס', 'billing'],
      ['אף אחד לא חזר אליי', 'service'],
      ['חיכיתי שעה על הקו במוקד', 'service'],
      ['המנהל לא עזר לי בכלל', 'service'],
    ],
  };
  for (const [language, complaints] of Object.entries(everyday) as [
    CategoriseInput['language'],
    [string, string][],
  ][]) {
    it(`${language}: everyday complaints land in their category by its common words`, () => {
      const wrong = complaints
        .map(([text, expected]) => [text, expected, run(language, text).category])
        .filter(([, expected, got]) => expected !== got)
        .map(([text, expected, got]) => `"${text}": ${got}, expected ${expected}`);
      assert.deepEqual(wrong, [], wrong.join('\n'));
    });
  }

  it('falls back to "other" when no category keyword matches', () => {
    const r = run('en', 'Question', 'I would like to talk to someone.');
    assert.equal(r.category, 'other');
    assert.match(r.reasons[0], /no category keyword matched/);
  });

  it('a safety word makes a case urgent, in every language', () => {
    const cases: [CategoriseInput['language'], string][] = [
      ['en', 'The charger caught fire and burned my hand'],
      ['pl', 'Ładowarka zaczęła dymić i poparzyła mi rękę'],
      ['pl', 'Porażenie prądem przy włączaniu pralki'],
      ['sv', 'Laddaren började brinna och jag fick en stöt'],
      ['et', 'Laadija hakkas suitsema ja sain elektrilöögi'],
      ['he', 'המטען התחמם ויצא עשן'],
      ['he', 'הילד נכווה מהקומקום'],
    ];
    for (const [language, text] of cases) {
      const r = run(language, 'Complaint', text);
      assert.equal(r.priority, 'urgent', `${language}: ${text}`);
      assert.equal(r.safety, true);
      assert.ok(r.reasons.some((x) => x.startsWith('urgent: safety keyword')));
    }
  });

  it('finds safety words even when the case has the wrong language, from the letters in the text', () => {
    assert.equal(run('en', 'Reklamacja', 'Pralka się zapaliła, był pożar w łazience').priority, 'urgent');
    assert.equal(run('en', 'תלונה', 'יצא עשן מהמכשיר').priority, 'urgent');
  });

  it("does not let one language's keyword fire on another language's ordinary word", () => {
    // Swedish "rök" (smoke) folds to Polish "rok" (year); Swedish keywords do not apply to this Polish text.
    const r = run('pl', 'Reklamacja', 'Kupiłem ten telewizor rok temu.');
    assert.notEqual(r.priority, 'urgent');
    // Swedish "brand" (fire) is English "brand".
    assert.notEqual(run('en', 'Brand new phone', 'The brand new phone arrived fine').priority, 'urgent');
  });

  it('a public channel raises the priority one step', () => {
    assert.equal(run('en', 'Late parcel', 'Still waiting for the courier.', 'social').priority, 'high');
    const r = run('en', 'Late parcel', 'Still waiting for the courier.', 'social');
    assert.ok(r.reasons.some((x) => /raised normal → high: public channel social/.test(x)));
    assert.equal(run('en', 'Fire!', 'smoke everywhere', 'social').priority, 'urgent');
  });

  it('legal threats raise priority; raises stack but never pass urgent', () => {
    assert.equal(
      run('pl', 'Opóźniona paczka', 'Sprawę skieruję do sądu i do rzecznika praw konsumenta.').priority,
      'high',
    );
    assert.equal(run('en', 'Late parcel', 'My lawyer will contact you.', 'social').priority, 'urgent');
    assert.equal(raise('urgent'), 'urgent');
    assert.equal(raise('low'), 'normal');
  });

  it('uses the category default priority and breaks ties by the case language, then policy order', () => {
    const custom: Policy = {
      ...policy,
      categories: [
        { id: 'a', labels: {}, defaultPriority: 'low', keywords: { en: ['alpha'] } },
        { id: 'b', labels: {}, defaultPriority: 'high', keywords: { en: ['beta'], pl: ['gamma'] } },
        { id: 'other', labels: {}, defaultPriority: 'normal', keywords: {} },
      ],
    };
    const c = (language: CategoriseInput['language'], text: string) =>
      categorise({ subject: text, description: '', channel: 'web', language }, custom);
    assert.deepEqual([c('en', 'alpha').category, c('en', 'alpha').priority], ['a', 'low']);
    assert.deepEqual([c('en', 'beta').category, c('en', 'beta').priority], ['b', 'high']);
    assert.equal(c('en', 'alpha beta').category, 'a', 'same hits: policy order');
    assert.equal(c('pl', 'alpha gamma').category, 'b', 'same hits: the case language wins');
  });

  it('matches whole words unless a keyword ends with "*"', () => {
    assert.ok(matchesKeyword('I was billed twice', 'billed'));
    assert.ok(!matchesKeyword('my charger', 'charge'));
    assert.ok(matchesKeyword('kurierem', 'kurier*'));
    assert.ok(!matchesKeyword('kurierem', 'kurier'));
    assert.ok(matchesKeyword('porażenia prądem', 'porażeni* prądem'));
    assert.ok(matchesKeyword("It hasn't arrived.", "hasn't arrived"));
    assert.ok(matchesKeyword('PRZESYŁKA', 'przesył*'));
  });
});
