import { strict as assert } from 'node:assert';
import { ApplicationFailure } from '@temporalio/common';
import { Errors } from 'postmark';
import {
  createPostmarkClient,
  INACTIVE_RECIPIENT,
  INVALID_EMAIL_REQUEST,
  NON_RETRYABLE_EMAIL_ERROR_TYPES,
  POSTMARK_AUTHENTICATION,
  POSTMARK_RATE_LIMITED,
  POSTMARK_REJECTED,
  POSTMARK_UNAVAILABLE,
  POSTMARK_UNREACHABLE,
  toActivityFailure,
} from '../../activities/email';
import { DEFAULT_SANDBOX_SERVER_TOKEN } from '../../sandbox/constants';

function mapped(err: Errors.PostmarkError): ApplicationFailure {
  const failure = toActivityFailure(err);
  assert.ok(failure instanceof ApplicationFailure);
  return failure;
}

describe('e-mail activity error mapping', () => {
  it('maps permanent Postmark refusals to non-retryable failures', () => {
    const inactive = mapped(
      new Errors.InactiveRecipientsError(
        'You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: a@x.io. Inactive recipients are ...',
        406,
        422,
      ),
    );
    assert.equal(inactive.type, INACTIVE_RECIPIENT);
    assert.equal(inactive.nonRetryable, true);
    assert.deepEqual(inactive.details, [{ statusCode: 422, errorCode: 406, recipients: ['a@x.io'] }]);

    const cases: Array<[Errors.PostmarkError, string]> = [
      [new Errors.InvalidEmailRequestError("Invalid 'From' value.", 300, 422), INVALID_EMAIL_REQUEST],
      [new Errors.InvalidAPIKeyError('bad token', 10, 401), POSTMARK_AUTHENTICATION],
      [new Errors.ApiInputError('Sender signature not confirmed', 401, 422), POSTMARK_REJECTED],
    ];
    for (const [err, type] of cases) {
      const failure = mapped(err);
      assert.equal(failure.type, type);
      assert.equal(failure.nonRetryable, true);
      assert.equal(failure.cause, err);
    }
  });

  it('keeps transient failures retryable', () => {
    const cases: Array<[Errors.PostmarkError, string]> = [
      [new Errors.RateLimitExceededError('slow down', 429, 429), POSTMARK_RATE_LIMITED],
      [new Errors.InternalServerError('boom', 0, 500), POSTMARK_UNAVAILABLE],
      [new Errors.ServiceUnavailablerError('later', 0, 503), POSTMARK_UNAVAILABLE],
      [new Errors.UnknownError('gateway', 0, 502), POSTMARK_UNAVAILABLE],
      [new Errors.PostmarkError('fetch failed'), POSTMARK_UNREACHABLE],
    ];
    for (const [err, type] of cases) {
      const failure = mapped(err);
      assert.equal(failure.type, type);
      assert.equal(failure.nonRetryable, false);
      assert.ok(!NON_RETRYABLE_EMAIL_ERROR_TYPES.includes(type as never));
    }
  });

  it('passes other errors through untouched', () => {
    const err = new Error('disk full');
    assert.equal(toActivityFailure(err), err);
  });
});

describe('createPostmarkClient', () => {
  it('points the official client at the sandbox when there is no real token', () => {
    const client = createPostmarkClient({ sandboxUrl: 'http://127.0.0.1:3001' });
    const options = client.getClientOptions();
    assert.equal(options.useHttps, false);
    assert.equal(options.requestHost, '127.0.0.1:3001');
    assert.equal(options.timeout, 10);
    assert.equal((client as unknown as { token: string }).token, DEFAULT_SANDBOX_SERVER_TOKEN);
  });

  it('uses real Postmark over HTTPS when a server token is given', () => {
    const client = createPostmarkClient({ serverToken: 'real-token', sandboxUrl: 'http://127.0.0.1:3001' });
    const options = client.getClientOptions();
    assert.equal(options.useHttps, true);
    assert.equal(options.requestHost, 'api.postmarkapp.com');
    assert.equal((client as unknown as { token: string }).token, 'real-token');
  });
});
