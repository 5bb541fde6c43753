import { strict as assert } from 'node:assert';
import { checkRemedy, voucherValue } from '../../domain/compensation';
import { loadPolicy } from '../../infra/policy-files';
import type { Policy } from '../../domain/types';

describe('compensation caps', () => {
  let policy: Policy;
  before(() => {
    policy = loadPolicy('policy/default.json'); // voucher <= 20% for <= 365 days; refund <= 500 PLN and <= 100% of the order
  });
  const order = { amount: 800, currency: 'PLN' };

  it('accepts a voucher within the caps and values it', () => {
    const r = checkRemedy({ kind: 'voucher', percent: 15, validityDays: 90 }, order, policy);
    assert.equal(r.withinPolicy, true);
    assert.deepEqual(r.voucherValue, { amount: 120, currency: 'PLN' });
    assert.ok(r.reasons.includes('voucher worth 120.00 PLN'));
  });

  it('needs approval above the voucher percentage or validity cap', () => {
    const r = checkRemedy({ kind: 'voucher', percent: 25, validityDays: 400 }, order, policy);
    assert.equal(r.withinPolicy, false);
    assert.ok(r.reasons.includes('voucher 25% is above the 20% cap'));
    assert.ok(r.reasons.includes('voucher validity 400 days is above the 365-day cap'));
  });

  it('values a voucher only when the order amount is known, rounding to cents', () => {
    assert.equal(voucherValue(10, undefined), undefined);
    assert.equal(voucherValue(10, { currency: 'PLN' }), undefined);
    assert.deepEqual(voucherValue(15, { amount: 99.99, currency: 'EUR' }), { amount: 15, currency: 'EUR' });
    assert.deepEqual(voucherValue(12.5, { amount: 10.1, currency: 'SEK' }), {
      amount: 1.26,
      currency: 'SEK',
    });
    const r = checkRemedy({ kind: 'voucher', percent: 10, validityDays: 30 }, undefined, policy);
    assert.equal(r.withinPolicy, true);
    assert.equal(r.voucherValue, undefined);
  });

  it('checks a refund against the cap for its currency and the order value', () => {
    assert.equal(
      checkRemedy({ kind: 'refund', amount: 450, currency: 'PLN' }, order, policy).withinPolicy,
      true,
    );
    const big = checkRemedy({ kind: 'refund', amount: 650, currency: 'PLN' }, order, policy);
    assert.equal(big.withinPolicy, false);
    assert.ok(big.reasons.includes('refund 650.00 PLN is above the 500 PLN cap'));
    const moreThanPaid = checkRemedy(
      { kind: 'refund', amount: 100, currency: 'EUR' },
      { amount: 80, currency: 'EUR' },
      policy,
    );
    assert.equal(moreThanPaid.withinPolicy, false);
    assert.match(moreThanPaid.reasons[0], /above 100% of the order \(80 EUR\)/);
    const noCap = checkRemedy({ kind: 'refund', amount: 10, currency: 'NOK' }, undefined, policy);
    assert.equal(noCap.withinPolicy, false);
    assert.ok(noCap.reasons.includes('no refund cap is set for NOK'));
  });

  it('with only a percentage cap, an unknown order amount needs approval', () => {
    const pct: Policy = {
      ...policy,
      compensation: { ...policy.compensation, refund: { allowed: true, maxPercentOfOrder: 50 } },
    };
    assert.equal(
      checkRemedy({ kind: 'refund', amount: 40, currency: 'PLN' }, { amount: 100, currency: 'PLN' }, pct)
        .withinPolicy,
      true,
    );
    assert.equal(
      checkRemedy({ kind: 'refund', amount: 60, currency: 'PLN' }, { amount: 100, currency: 'PLN' }, pct)
        .withinPolicy,
      false,
    );
    const unknown = checkRemedy({ kind: 'refund', amount: 10, currency: 'PLN' }, undefined, pct);
    assert.equal(unknown.withinPolicy, false);
    assert.match(unknown.reasons[0], /order amount in PLN is unknown/);
  });

  it('replacement and repair follow the allowed flags; no remedy is always within policy', () => {
    assert.equal(checkRemedy({ kind: 'replacement' }, order, policy).withinPolicy, true);
    assert.equal(checkRemedy({ kind: 'repair' }, order, policy).withinPolicy, true);
    assert.equal(checkRemedy({ kind: 'none' }, order, policy).withinPolicy, true);
    const strict: Policy = {
      ...policy,
      compensation: {
        ...policy.compensation,
        replacement: { allowed: false },
        refund: { ...policy.compensation.refund, allowed: false },
      },
    };
    assert.equal(checkRemedy({ kind: 'replacement' }, order, strict).withinPolicy, false);
    assert.equal(
      checkRemedy({ kind: 'refund', amount: 1, currency: 'PLN' }, order, strict).withinPolicy,
      false,
    );
  });
});
