import { strict as assert } from 'node:assert';
import { escapeHtml, formatAddresses } from '../../sandbox/html';
import { parseAddress, splitAddressList, validateEmail } from '../../sandbox/message';

const valid = {
  From: 'Desk <desk@complaint-desk.test>',
  To: 'dana@example.com',
  Subject: 'Hi',
  TextBody: 'Hello',
};

describe('sandbox message validation', () => {
  it('splits address lists on commas outside quotes and angle brackets', () => {
    assert.deepEqual(splitAddressList('"Doe, Jane" <jane@x.io>, bob@x.io; <c@x.io>'), [
      '"Doe, Jane" <jane@x.io>',
      'bob@x.io',
      '<c@x.io>',
    ]);
    assert.deepEqual(splitAddressList(' , '), []);
  });

  it('parses display names and rejects what is not an address', () => {
    assert.deepEqual(parseAddress('"Doe, Jane" <jane@x.io>'), { Email: 'jane@x.io', Name: 'Doe, Jane' });
    assert.deepEqual(parseAddress('דנה כהן <dana@example.com>'), {
      Email: 'dana@example.com',
      Name: 'דנה כהן',
    });
    assert.deepEqual(parseAddress('bob@x.io'), { Email: 'bob@x.io', Name: '' });
    for (const bad of ['bob', 'bob@', '@x.io', 'bob@localhost', 'a b@x.io', 'Bob <bob>']) {
      assert.equal(parseAddress(bad), null, bad);
    }
  });

  it('accepts a minimal message and fills Postmark defaults', () => {
    const result = validateEmail(valid);
    assert.ok(result.ok);
    assert.equal(result.email.MessageStream, 'outbound');
    assert.deepEqual(result.email.ToAddresses, [{ Email: 'dana@example.com', Name: '' }]);
    assert.deepEqual(result.email.Metadata, {});
  });

  it('refuses what Postmark refuses, with ErrorCode 300', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...valid, From: undefined }, /Invalid 'From' value/],
      [{ ...valid, From: 'a@x.io, b@x.io' }, /Invalid 'From' address/],
      [{ ...valid, To: '' }, /Zero recipients/],
      [
        { ...valid, Cc: 'nope' },
        /Error parsing 'Cc': Illegal email address 'nope'. It must contain the '@' symbol/,
      ],
      [{ ...valid, ReplyTo: 'x@' }, /Error parsing 'ReplyTo'/],
      [{ ...valid, TextBody: '' }, /Provide either email TextBody or HtmlBody/],
      [{ ...valid, Metadata: { caseId: 'a', CASEID: 'b' } }, /duplicated/],
      [{ ...valid, Metadata: { n: 1 } }, /must be a string/],
      [{ ...valid, Headers: [{ Name: 'X' }] }, /Headers/],
      [{ ...valid, To: Array.from({ length: 51 }, (_, i) => `r${i}@x.io`).join(',') }, /Too many recipients/],
    ];
    for (const [input, message] of cases) {
      const result = validateEmail(input);
      assert.ok(!result.ok, JSON.stringify(input));
      assert.equal(result.error.ErrorCode, 300);
      assert.match(result.error.Message, message);
    }
  });

  it('refuses non-object bodies and non-string fields as invalid JSON (402)', () => {
    for (const input of [null, [], 'x', { ...valid, Subject: 5 }]) {
      const result = validateEmail(input);
      assert.ok(!result.ok);
      assert.equal(result.error.ErrorCode, 402);
    }
  });
});

describe('sandbox HTML helpers', () => {
  it('escapes everything that could open markup or an attribute', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('isolates display names and keeps addresses left-to-right', () => {
    assert.equal(
      formatAddresses('דנה <dana@example.com>, <b>@x'),
      '<bdi>דנה</bdi> <span dir="ltr">&lt;dana@example.com&gt;</span>, <span dir="auto">&lt;b&gt;@x</span>',
    );
  });
});
