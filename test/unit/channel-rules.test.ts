// Issue #20 as rule specs of the pure core: the channel model (limits as data, WhatsApp's window
// included though it is not wired), the language guessed from a first message, and a Telegram case's
// route: every customer message goes to the chat, a blocked bot (403) falls back to e-mail or a task.
import { strict as assert } from 'node:assert';
import { channelLimits, isSocialChannel, mayMessage } from '../../domain/channels';
import { guessLanguage } from '../../domain/language';
import { renderMessage, type Message } from '../../domain/messages';
import { routeFor, type Effect } from '../../domain/lifecycle';
import { channels, type Roster } from '../../domain/types';
import { chooseOwner } from '../../domain/owner';
import { nightEscalationContacts, offDutyOwners, onDutyAt, policyForChannel } from '../../domain/rota';
import { shippedPolicy, shippedRoster } from '../helpers/complaints';
import { HOUR } from '../helpers/complaints';
import { Case } from '../helpers/lifecycle-case';

const DAY = 24 * HOUR;
const telegram = { botId: 7000000001, chatId: 5000000001 };
const telegramCase = (customer: Record<string, unknown> = {}) =>
  new Case({ channel: 'telegram', customer: { email: undefined, phone: undefined, telegram, ...customer } });
/** A Telegram case whose first message to the chat was refused with 403 (the bot blocked): that message. */
const blockTheBot = (c: Case): Effect => {
  const failed = c.state.outbox.find((e) => e.do === 'tell-customer')!;
  c.apply({
    type: 'delivered',
    effectId: failed.id,
    outcome: 'permanent-failure',
    errorType: 'TelegramChatUnreachable',
    error: '403 blocked',
  });
  return failed;
};
const unsentTelegramCase = (email?: string) =>
  new Case({ channel: 'telegram', customer: { email, phone: undefined, telegram }, autoDeliver: false });
const via = (e: Effect) => (e.do === 'tell-customer' ? (e.via ?? 'email') : 'staff');

describe('issue #20: channel limits are data', () => {
  it('every channel a case can have has its limits', () => {
    for (const c of channels) assert.ok(channelLimits[c], c);
  });

  it('Telegram: no first message (a bot writes only after Start), no reply window, files, social', () => {
    assert.equal(mayMessage('telegram', undefined, 0), 'nothing');
    assert.equal(mayMessage('telegram', 0, 30 * DAY), 'anything');
    assert.ok(channelLimits.telegram.attachments);
    assert.ok(isSocialChannel('telegram'));
    assert.ok(!isSocialChannel('email'));
  });

  it('WhatsApp (modelled, not wired): anything within 24 h of the customer’s last message, templates only after', () => {
    assert.equal(mayMessage('whatsapp', 0, DAY - 1), 'anything');
    assert.equal(mayMessage('whatsapp', 0, DAY + 1), 'template-only');
    assert.equal(mayMessage('whatsapp', undefined, 0), 'nothing');
  });

  it('e-mail may write first, whenever', () => {
    assert.equal(mayMessage('email', undefined, 0), 'anything');
  });
});

describe('issue #20: the language of a first message', () => {
  const cases: [string, string][] = [
    ['Paczka przyszła zniszczona, proszę o zwrot', 'pl'],
    ['The package arrived damaged and the order is not complete', 'en'],
    ['Hej, paketet kom trasigt och jag vill ha pengarna tillbaka', 'sv'],
    ['Tere, pakk oli katki ja tellimus ei ole täielik', 'et'],
    ['החבילה הגיעה שבורה', 'he'],
  ];
  for (const [text, lang] of cases) it(`${lang}: ${text}`, () => assert.equal(guessLanguage(text), lang));

  it('no clue in the text: the messenger’s language hint, else the fallback', () => {
    assert.equal(guessLanguage('1234 ???', 'sv-SE'), 'sv');
    assert.equal(guessLanguage('1234 ???', 'de', 'pl'), 'pl');
  });
});

describe('issue #20: a Telegram case answers in its chat', () => {
  it('the acknowledgement and every later customer message go to the chat, none by e-mail', () => {
    const c = telegramCase({ email: 'anna@example.com' });
    assert.deepEqual(routeFor(c.state, c.policy, 'acknowledgement'), { by: 'telegram' });
    const ack = c.toCustomer('acknowledgement');
    assert.equal(ack.length, 1);
    assert.equal(via(ack[0]), 'telegram');
    assert.equal(
      c.state.clocks.acknowledgement.state,
      'met',
      'the chat message keeps the acknowledgement promise',
    );
    c.diagnose();
    assert.ok(c.toCustomer().every((e) => via(e) === 'telegram'));
    // The case view says so too: the console shows "by Telegram", not "by e-mail".
    const toCustomer = c.state.deliveries.filter((d) => d.audience === 'customer');
    assert.ok(toCustomer.length >= 2);
    assert.ok(toCustomer.every((d) => d.via === 'telegram'));
  });

  it('a message from the chat is the customer’s (via telegram) and reaches the owner', () => {
    const c = telegramCase();
    c.apply({
      type: 'customer-message',
      message: { text: 'Any news?', via: 'telegram', messageId: 'telegram-7000000001-2' },
    });
    c.apply({
      type: 'customer-message',
      message: { text: 'Any news?', via: 'telegram', messageId: 'telegram-7000000001-2' },
    });
    assert.equal(
      c.state.timeline.filter((t) => t.kind === 'customer-message').length,
      1,
      'one update id, one message',
    );
    assert.equal(c.toStaff('customer-message').length, 1);
  });

  it('403 (bot blocked) with an e-mail on file: recorded, and the message goes by e-mail', () => {
    const c = unsentTelegramCase('anna@example.com');
    const failed = blockTheBot(c);
    assert.equal(failed.do === 'tell-customer' && failed.via, 'telegram');
    assert.ok(c.state.telegramUnreachableAt, 'the case records it');
    assert.ok(c.state.timeline.some((t) => /blocked/.test(t.text)));
    const again = c.state.outbox.find((e) => e.do === 'tell-customer' && e.purpose === 'acknowledgement');
    assert.ok(
      again && again.do === 'tell-customer' && again.via === undefined,
      'the acknowledgement goes by e-mail',
    );
    assert.deepEqual(routeFor(c.state, c.policy, 'progress'), { by: 'email' });
  });

  it('403 without an e-mail: a task for the owner, and later messages too', () => {
    const c = unsentTelegramCase();
    blockTheBot(c);
    assert.ok(c.state.telegramUnreachableAt);
    const task = c.openTasks().find((t) => t.purpose === 'acknowledgement' && t.kind === 'write');
    assert.ok(task);
    // No address to post a letter to: the task says so, rather than "posted to their address".
    assert.doesNotMatch(task.note ?? '', /posted to their address/);
    assert.match(task.note ?? '', /no e-mail, phone, address or working chat/);
    assert.ok(!c.state.outbox.some((e) => e.do === 'tell-customer'), 'nothing waits for the chat');

    // The customer unblocks the bot and writes in the chat: the case answers there again, and what a
    // person was to tell them for want of a way goes to the chat now (its task closes).
    c.apply({
      type: 'customer-message',
      message: { text: 'Sorry, blocked you by mistake', via: 'telegram', messageId: 'telegram-1-99' },
    });
    assert.equal(c.state.telegramUnreachableAt, undefined);
    assert.deepEqual(routeFor(c.state, c.policy, 'progress'), { by: 'telegram' });
    assert.equal(c.state.tasks.find((t) => t.id === task.id)?.closedAs, 'moot');
    const resent = c.state.outbox.find((e) => e.do === 'tell-customer' && e.purpose === 'acknowledgement');
    assert.ok(resent && resent.do === 'tell-customer' && resent.via === 'telegram');
    // An e-mail from them says nothing about the chat.
    const c2 = unsentTelegramCase('anna@example.com');
    blockTheBot(c2);
    c2.apply({
      type: 'customer-message',
      message: { text: 'Write to me here', via: 'email', from: 'anna@example.com', messageId: 'in-1' },
    });
    assert.ok(c2.state.telegramUnreachableAt, 'still blocked as far as we know');
  });
});

describe('contact details the customer gave, recorded by the owner', () => {
  it('a blocked Telegram customer’s e-mail address: the waiting message goes by e-mail, its task closes, and so do later ones', () => {
    const c = unsentTelegramCase();
    blockTheBot(c);
    const task = c.openTasks().find((t) => t.purpose === 'acknowledgement')!;
    assert.ok(task.message, 'the task carries the message it stands in for');
    c.act('contact-details', { email: 'anna@example.net', actedBy: 'Anna Kowalska' });
    assert.equal(c.state.customer.email, 'anna@example.net');
    assert.equal(c.state.tasks.find((t) => t.id === task.id)?.closedAs, 'moot');
    const mail = c.state.outbox.find((e) => e.do === 'tell-customer' && e.purpose === 'acknowledgement');
    assert.ok(mail && mail.do === 'tell-customer' && mail.via === undefined, 'by e-mail');
    assert.deepEqual(routeFor(c.state, c.policy, 'progress'), { by: 'email' });
    assert.throws(() => c.act('contact-details', {}), /at least one/);
  });
});

describe('issue #20: around the clock — the social clock and the on-duty rota', () => {
  const business = shippedPolicy('business-hours');
  const roster: Roster = {
    ...shippedRoster(),
    onDuty: [
      { personId: 'noa-levi', days: [1, 2, 3, 4, 5], from: '17:00', to: '09:00', timeZone: 'Europe/Warsaw' },
    ],
  };
  // Wednesday 13 January 2027 in Warsaw (CET, UTC+1).
  const wed2300 = Date.parse('2027-01-13T22:00:00Z');
  const wed1000 = Date.parse('2027-01-13T09:00:00Z');
  const thu0300 = Date.parse('2027-01-14T02:00:00Z');
  const sat0300 = Date.parse('2027-01-16T02:00:00Z');

  it('a social channel’s case keeps the social clock (24/7 by default) and remembers the office clock', () => {
    const p = policyForChannel(business, 'telegram');
    assert.equal(p.clock.kind, 'calendar');
    assert.equal(p.clock.timeZone, 'Europe/Warsaw');
    assert.equal(p.social?.officeClock?.kind, 'business');
    assert.equal(policyForChannel(business, 'email'), business, 'e-mail keeps office hours');
    assert.equal(policyForChannel(p, 'telegram'), p, 'applied once');
  });

  it('a policy may give social channels a clock of its own', () => {
    const own = { ...business, social: { clock: { kind: 'calendar' as const, timeZone: 'UTC' } } };
    assert.equal(policyForChannel(own, 'social').clock.timeZone, 'UTC');
  });

  it('shifts past midnight count on the next morning; the rota names who is on', () => {
    assert.deepEqual(onDutyAt(roster, wed2300), ['noa-levi']);
    assert.deepEqual(onDutyAt(roster, thu0300), ['noa-levi'], 'Wednesday’s shift runs into Thursday');
    assert.deepEqual(onDutyAt(roster, sat0300), ['noa-levi'], 'Friday’s shift runs into Saturday');
    assert.deepEqual(onDutyAt(roster, wed1000), []);
  });

  it('at night a social case is owned by someone on duty; by day, and for e-mail, as usual', () => {
    const choose = (channel: 'telegram' | 'email', at: number) =>
      chooseOwner(
        roster,
        { language: 'pl', category: 'delivery' },
        {},
        offDutyOwners(roster, business, channel, at),
      ).owner.id;
    assert.equal(choose('telegram', wed2300), 'noa-levi');
    assert.notEqual(choose('telegram', wed1000), 'noa-levi');
    assert.notEqual(choose('email', wed2300), 'noa-levi', 'e-mail waits for the office');
    // Nobody on duty (Sunday afternoon is no shift here): the usual choice, not nobody.
    assert.deepEqual(offDutyOwners(roster, business, 'telegram', Date.parse('2027-01-17T14:00:00Z')), []);
  });
});

describe('issue #20: a Telegram message speaks of the chat, not of an e-mail', () => {
  for (const language of ['en', 'pl', 'sv', 'et', 'he'] as const)
    it(`${language}: the acknowledgement asks for a reply in the chat`, () => {
      const c = telegramCase({ language });
      const ack = c.toCustomer('acknowledgement')[0];
      const message = { ...ack.message, statusUrl: 'https://desk.example/c/token' } as Message;
      const email = renderMessage(message, { language, timeZone: 'UTC' }).text;
      const chat = renderMessage(message, { language, timeZone: 'UTC', medium: 'chat' }).text;
      assert.notEqual(chat, email, 'the wording changes');
      assert.ok(chat.includes('https://desk.example/c/token'), 'the status link stays');
      assert.doesNotMatch(chat, /e-mail|mejl|למייל|sellele kirjale/);
      // No subject line in a chat: the footer is the reference alone, not "keep it in the subject".
      const footer = (text: string) => text.trim().split('\n').pop()!;
      assert.notEqual(footer(chat), footer(email));
      assert.ok(footer(chat).includes(message.reference), footer(chat));
    });
});

describe('issue #20: escalation at night reaches the people on duty', () => {
  it('a social case escalated at night also tells the team lead on duty; by day only the chain', () => {
    const business = shippedPolicy('business-hours');
    const wed2300 = Date.parse('2027-01-13T22:00:00Z'); // Wednesday 23:00 in Warsaw
    const c = new Case({
      channel: 'telegram',
      customer: { email: undefined, phone: undefined, telegram },
      policy: policyForChannel(business, 'telegram'),
      receivedAt: wed2300,
    });
    c.now = wed2300;
    const shipped = shippedRoster();
    const ownLead = shipped.owners.find((o) => o.id === c.state.owner.id)!.teamLead;
    const nightLead = shipped.teamLeads.find((l) => l.id !== ownLead)!;
    (c as unknown as { roster: Roster }).roster = {
      ...shipped,
      onDuty: [
        {
          personId: nightLead.id,
          days: [1, 2, 3, 4, 5, 6, 7],
          from: '17:00',
          to: '09:00',
          timeZone: 'Europe/Warsaw',
        },
      ],
    };
    // Nobody acts: the diagnosis (8 h on the social clock) is missed before the office opens.
    c.advanceTo(Date.parse('2027-01-14T07:59:00Z'));
    const night = c.decided.filter(
      (x) => x.effect.do === 'notify-staff' && x.effect.purpose.startsWith('escalation-'),
    );
    assert.ok(night.length > 0, 'escalated during the night');
    assert.ok(
      night.some((x) => x.effect.do === 'notify-staff' && x.effect.to.email === nightLead.email),
      'the team lead on duty is told',
    );
    assert.deepEqual(
      nightEscalationContacts(c.roster, c.policy, 'telegram', Date.parse('2027-01-14T10:00:00Z')),
      [],
    );
    assert.deepEqual(nightEscalationContacts(c.roster, c.policy, 'email', wed2300), []);
  });
});
