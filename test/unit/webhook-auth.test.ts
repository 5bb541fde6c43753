// The webhooks' basic auth compares user and password together, in one constant-time comparison:
// a wrong user must cost exactly what a wrong password costs, or timing tells which one is right.
import { strict as assert } from 'node:assert';
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { basicAuth, credentialsMatch } from '../../api/auth';
import { TokenBuckets } from '../../api/rate-limit';

const expected = { user: 'postmark', password: 'webhook-secret-for-tests' };

function request(user: string, password: string): Request {
  const header = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return {
    get: (name: string) => (name.toLowerCase() === 'authorization' ? header : undefined),
    ip: '127.0.0.1',
    socket: {},
  } as unknown as Request;
}

/** The byte lengths of every timingSafeEqual call the middleware makes, and whether it let the request in. */
function comparisons(user: string, password: string): { lengths: number[]; passed: boolean } {
  const original = crypto.timingSafeEqual;
  const lengths: number[] = [];
  crypto.timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    lengths.push(a.byteLength, b.byteLength);
    return original(a, b);
  };
  try {
    let passed = false;
    const res = { setHeader: () => undefined } as unknown as Response;
    const next: NextFunction = (err?: unknown) => {
      passed = err === undefined;
    };
    basicAuth(expected, new TokenBuckets({ burst: 1000, perMinute: 1000 }))(
      request(user, password),
      res,
      next,
    );
    return { lengths, passed };
  } finally {
    crypto.timingSafeEqual = original;
  }
}

describe('webhook basic auth', () => {
  it('lets the right user and password in, and nobody else', () => {
    assert.equal(comparisons(expected.user, expected.password).passed, true);
    assert.equal(comparisons('someone', expected.password).passed, false);
    assert.equal(comparisons(expected.user, 'wrong-password').passed, false);
    assert.equal(comparisons('', '').passed, false);
    assert.equal(credentialsMatch(expected, { ...expected }), true);
    assert.equal(credentialsMatch({ ...expected, user: 'x' }, expected), false);
  });

  it('does the same constant-time work whether the user or the password is wrong', () => {
    const wrongUser = comparisons('someone-else', expected.password);
    const wrongPassword = comparisons(expected.user, 'wrong-password');
    const right = comparisons(expected.user, expected.password);
    assert.deepEqual(wrongUser.lengths, wrongPassword.lengths);
    assert.deepEqual(wrongUser.lengths, right.lengths);
    // One comparison of both hashes together, whatever the lengths given.
    assert.deepEqual(right.lengths, [64, 64]);
    assert.deepEqual(comparisons('u', 'p'.repeat(500)).lengths, [64, 64]);
  });
});
