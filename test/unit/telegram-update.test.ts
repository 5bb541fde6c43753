// The Telegram webhook's edge: which Updates are taken, what is stored of them, and what is a 400.
import { strict as assert } from 'node:assert';
import { fieldErrors } from '../../api/problems';
import { receivedMessageOf, telegramUpdateSchema } from '../../api/telegram-schemas';

const BOT = 7000000001;
const dana = { id: 5000000001, is_bot: false, first_name: 'דנה', last_name: 'כהן', language_code: 'he' };
const privateChat = { id: 5000000001, type: 'private', first_name: 'דנה', last_name: 'כהן' };

/** An update as Telegram sends it, with fields we do not read (entities, is_premium…). */
const textUpdate = {
  update_id: 100000007,
  message: {
    message_id: 12,
    from: { ...dana, is_premium: true },
    chat: privateChat,
    date: 1767225600,
    text: 'החבילה הגיעה שבורה',
    entities: [{ type: 'bold', offset: 0, length: 3 }],
  },
};

function parse(body: unknown) {
  return telegramUpdateSchema.safeParse(body);
}

function taken(body: unknown) {
  const update = parse(body);
  assert.ok(update.success, JSON.stringify(!update.success && update.error.issues));
  const result = receivedMessageOf(BOT, update.data);
  assert.ok('message' in result, JSON.stringify(result));
  return result.message;
}

describe('Telegram webhook: the updates taken', () => {
  it('takes a text message, with the sender, the chat and Telegram’s date; ignores unknown fields', () => {
    assert.deepEqual(taken(textUpdate), {
      botId: BOT,
      updateId: 100000007,
      chat: { id: 5000000001, type: 'private' },
      messageId: 12,
      sentAt: '2026-01-01T00:00:00.000Z',
      from: { id: 5000000001, firstName: 'דנה', lastName: 'כהן', languageCode: 'he' },
      kind: 'text',
      text: 'החבילה הגיעה שבורה',
      files: [],
    });
  });

  it('takes a photo by its largest size, with the caption as its text', () => {
    const message = taken({
      update_id: 5,
      message: {
        message_id: 13,
        from: dana,
        chat: privateChat,
        date: 1767225601,
        caption: 'The box',
        photo: [
          { file_id: 'small', file_unique_id: 's', width: 90, height: 68, file_size: 1200 },
          { file_id: 'large', file_unique_id: 'l', width: 1280, height: 960, file_size: 98000 },
          { file_id: 'medium', file_unique_id: 'm', width: 320, height: 240, file_size: 9000 },
        ],
      },
    });
    assert.equal(message.kind, 'photo');
    assert.equal(message.text, 'The box');
    assert.deepEqual(message.files, [
      { role: 'photo', fileId: 'large', fileUniqueId: 'l', width: 1280, height: 960, fileSize: 98000 },
    ]);
  });

  it('takes a document with its name and type; an uncaptioned one has empty text', () => {
    const message = taken({
      update_id: 6,
      message: {
        message_id: 14,
        from: dana,
        chat: privateChat,
        date: 1767225602,
        document: {
          file_id: 'doc',
          file_unique_id: 'd',
          file_name: 'invoice.pdf',
          mime_type: 'application/pdf',
        },
      },
    });
    assert.equal(message.kind, 'document');
    assert.equal(message.text, '');
    assert.deepEqual(message.files, [
      {
        role: 'document',
        fileId: 'doc',
        fileUniqueId: 'd',
        fileName: 'invoice.pdf',
        mimeType: 'application/pdf',
      },
    ]);
  });

  it('stores what it cannot take as unsupported (so the customer can be told), and a group message as is', () => {
    const sticker = taken({
      update_id: 7,
      message: {
        message_id: 15,
        from: dana,
        chat: privateChat,
        date: 1767225603,
        sticker: { file_id: 'st', file_unique_id: 'st', width: 512, height: 512, is_animated: false },
      },
    });
    assert.equal(sticker.kind, 'unsupported');
    assert.equal(sticker.unsupported, 'sticker');
    assert.deepEqual(sticker.files, []);
    const group = taken({
      update_id: 8,
      message: {
        message_id: 900,
        from: dana,
        chat: { id: -1001234567890, type: 'supergroup', title: 'Shop customers', username: 'shop_customers' },
        date: 1767225604,
        text: '@complaint_desk_bot my parcel is late',
      },
    });
    assert.deepEqual(group.chat, {
      id: -1001234567890,
      type: 'supergroup',
      title: 'Shop customers',
      username: 'shop_customers',
    });
  });

  it('ignores updates without a message, and service messages, with the reason', () => {
    for (const [body, reason] of [
      [{ update_id: 9, edited_message: textUpdate.message }, 'edited_message updates are not taken'],
      [
        {
          update_id: 10,
          my_chat_member: { chat: privateChat, from: dana, date: 1767225605 },
        },
        'my_chat_member updates are not taken',
      ],
      [
        {
          update_id: 11,
          message: {
            message_id: 16,
            from: dana,
            chat: privateChat,
            date: 1767225606,
            new_chat_members: [dana],
          },
        },
        'a service message, not one a customer wrote',
      ],
    ] as const) {
      const update = parse(body);
      assert.ok(update.success);
      assert.deepEqual(receivedMessageOf(BOT, update.data), { ignored: reason });
    }
  });
});

describe('Telegram webhook: bad input', () => {
  const problemsOf = (body: unknown) => {
    const result = parse(body);
    assert.ok(!result.success, `accepted ${JSON.stringify(body)}`);
    return fieldErrors(result.error).map((e) => `${e.field}: ${e.message}`);
  };

  it('names each bad field', () => {
    assert.deepEqual(problemsOf({ message: textUpdate.message }), ['update_id: required']);
    assert.deepEqual(problemsOf({ update_id: -1, message: textUpdate.message }), [
      'update_id: Too small: expected number to be >=0',
    ]);
    const noChat = { ...textUpdate.message, chat: undefined };
    assert.deepEqual(problemsOf({ update_id: 1, message: noChat }), ['message.chat: required']);
    assert.deepEqual(problemsOf({ update_id: 1, message: { ...textUpdate.message, text: 42 } }), [
      'message.text: expected text',
    ]);
    assert.deepEqual(
      problemsOf({ update_id: 1, message: { ...textUpdate.message, chat: { id: 1, type: 'room' } } }),
      ['message.chat.type: Invalid option: expected one of "private"|"group"|"supergroup"|"channel"'],
    );
    assert.deepEqual(
      problemsOf({ update_id: 1, message: { ...textUpdate.message, text: 'x'.repeat(4097) } }),
      ['message.text: Too big: expected string to have <=4096 characters'],
    );
  });

  it('refuses what is not an update at all', () => {
    assert.deepEqual(problemsOf({ update_id: 1 }), [': the update carries nothing besides its update_id']);
    assert.ok(problemsOf([textUpdate]).length > 0);
    assert.ok(problemsOf('update').length > 0);
    assert.ok(problemsOf(null).length > 0);
  });
});
