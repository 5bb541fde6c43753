// The memo is left in clear on purpose: it holds no personal data (reference, language, a request
// fingerprint), and an erased case's memo must still read, or one erasure would break every listing,
// sweep and archive run that decodes memos (the SDK's list() and describe() decode them eagerly).
// Each memo value is a RawValue whose payload carries CLEAR_METADATA_KEY; the encryption codec passes
// such payloads through, and they decode as ordinary JSON.
import { RawValue, type Payload } from '@temporalio/common';

export const CLEAR_METADATA_KEY = 'complaint-desk-clear';
const utf8 = new TextEncoder();

/** A memo for client.workflow.start(): every value JSON-encoded and marked to stay unencrypted. */
export function clearMemo(memo: Record<string, unknown>): Record<string, RawValue> {
  return Object.fromEntries(
    Object.entries(memo)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [
        k,
        RawValue.fromPayload({
          metadata: { encoding: utf8.encode('json/plain'), [CLEAR_METADATA_KEY]: utf8.encode('memo') },
          data: utf8.encode(JSON.stringify(v)),
        }),
      ]),
  );
}

export function isClear(payload: Payload): boolean {
  return payload.metadata?.[CLEAR_METADATA_KEY] !== undefined;
}
