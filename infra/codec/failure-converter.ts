// Failure messages and stack traces can quote personal data (a validation message naming an e-mail
// address): they go into an encoded payload, so the codec encrypts them too. Loaded by path
// (DataConverter.failureConverterPath) inside the workflow bundle as well: imports nothing but
// @temporalio/common.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
