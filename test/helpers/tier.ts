// The two test tiers. `npm test` runs every suite that guards a promise; `npm run test:extended`
// (COMPLAINT_TEST_TIER=extended, set by scripts/test.ts) adds what is slow: the tests whose titles
// carry EXTENDED (mocha's --grep leaves them out of `npm test`) and larger samples where a test
// takes its size from `extendedTier`.

/** True in `npm run test:extended`. */
export const extendedTier = process.env.COMPLAINT_TEST_TIER === 'extended';

/** Put at the end of a describe or it title: that test (or suite) runs in `npm run test:extended` only. */
export const EXTENDED = '@extended';
