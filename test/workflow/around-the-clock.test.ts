// Around the clock (issue #20, seed 001): a Telegram complaint at 23:00 on the business-hours policy
// is acknowledged in the chat at once, counts its promises on the social clock (24/7), and is owned
// by the agent on duty that night — not by whoever fits best but is asleep.
import assert from 'node:assert/strict';
import { localWeekdayMinute } from '../../domain/clock';
import type { Roster } from '../../domain/types';
import { timingsFor } from '../../domain/rules';
import { policyForChannel } from '../../domain/rota';
import { SANDBOX_BOT_ID } from '../helpers/telegram';
import {
  complaintRequest,
  engineNow,
  eventually,
  shippedPolicy,
  shippedRoster,
  start,
  view,
} from '../helpers/complaints';
import { timeSkippingSuite } from '../helpers/stack';

describe('around the clock: a social complaint at night', function () {
  const suite = timeSkippingSuite();

  it('a Telegram complaint at 23:00 on the business-hours policy is acknowledged at once and owned by the on-duty agent', async () => {
    // The engine's clock moves to the next 23:00 in Warsaw.
    const now = await engineNow(suite.stack);
    const { minute } = localWeekdayMinute(now, 'Europe/Warsaw');
    const toEleven = ((23 * 60 - minute + 24 * 60) % (24 * 60)) * 60_000 || 24 * 3_600_000;
    await suite.env.sleep(toEleven);
    const at = await engineNow(suite.stack);
    assert.equal(localWeekdayMinute(at, 'Europe/Warsaw').minute >= 23 * 60, true);

    // Noa is on the night shift; the Polish-speaking owners who would fit best are not.
    const roster: Roster = {
      ...shippedRoster(),
      onDuty: [
        {
          personId: 'noa-levi',
          days: [1, 2, 3, 4, 5, 6, 7],
          from: '17:00',
          to: '09:00',
          timeZone: 'Europe/Warsaw',
        },
      ],
    };
    // The customer's chat exists in the sandbox (they wrote to the bot).
    const written = await fetch(`${suite.stack.telegram.url}/sandbox/updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { first_name: 'Anna' }, text: 'Paczka przyszła zniszczona', hold: true }),
    });
    const chatId = ((await written.json()) as { entry: { chatId: number } }).entry.chatId;

    const business = shippedPolicy('business-hours');
    const c = await start(
      suite.stack,
      complaintRequest({
        channel: 'telegram',
        customer: { name: 'Anna', language: 'pl', telegram: { botId: SANDBOX_BOT_ID, chatId } },
        receivedAt: new Date(at).toISOString(),
      }),
      { policy: business, roster },
    );
    const v = await eventually(async () => {
      const x = await view(c.handle);
      return x.clocks.acknowledgement?.state === 'met' ? x : undefined;
    }, 'the acknowledgement');
    assert.equal(v.owner.id, 'noa-levi', 'the on-duty agent owns it');
    assert.ok(Date.parse(v.clocks.acknowledgement.metAt!) - at < 60_000, 'acknowledged at once, at night');
    // The promises count on the social clock: the diagnosis is due 8 hours on (07:00), not the next working day's end.
    const social = policyForChannel(business, 'telegram');
    assert.equal(social.clock.kind, 'calendar');
    const diagnosisMs = timingsFor(v.priority, social).diagnosisMs;
    assert.equal(Date.parse(v.clocks.diagnosis.dueAt), Date.parse(v.receivedAt) + diagnosisMs);
    // The acknowledgement is in the chat.
    const chat = (await (
      await fetch(`${suite.stack.telegram.url}/sandbox/chats/${chatId}/messages`)
    ).json()) as {
      messages: { direction: string; text?: string }[];
    };
    const ack = chat.messages.find((m) => m.direction === 'bot');
    assert.ok(ack?.text?.includes(v.reference), 'the acknowledgement with the reference in the chat');
    assert.ok(ack?.text?.includes(v.owner.name));
    await c.handle.terminate('test done');
  });
});
