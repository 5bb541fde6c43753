// The data converter every client and worker of complaint-desk uses: payload encryption with a key
// per case, and failures encoded so the codec encrypts their messages. One codec per key folder and
// process, so the API's client, the worker and its client share the unwrapped-key cache.
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config';
import { fileCaseKeyStore, type CaseKeyStore } from './case-keys';
import { EncryptionCodec } from './encryption-codec';
import { developmentKeyring, fixedKeyring, parseKeks } from './keyring';
import { isProduction } from '../secrets';

export * from './case-keys';
export * from './encryption-codec';
export * from './clear-memo';

export const failureConverterPath = require.resolve('./failure-converter');

export interface KeySettings {
  keysDir: string;
  /** COMPLAINT_KEKS; unset: development KEKs generated into keysDir. */
  keks?: string;
  /** COMPLAINT_KEK_ID. */
  currentKekId?: string;
}

export function keySettings(config: Config): KeySettings {
  return { keysDir: config.keysDir, keks: config.COMPLAINT_KEKS, currentKekId: config.COMPLAINT_KEK_ID };
}

const codecs = new Map<string, EncryptionCodec>();

export function encryptionCodec(settings: KeySettings): EncryptionCodec {
  const cacheKey = JSON.stringify([settings.keysDir, settings.keks ?? '', settings.currentKekId ?? '']);
  let codec = codecs.get(cacheKey);
  if (!codec) {
    // Development KEKs are generated per machine: never in production (infra/secrets.ts).
    if (!settings.keks && isProduction())
      throw new Error('COMPLAINT_KEKS is required when COMPLAINT_DESK_ENV=production');
    const keyring = settings.keks
      ? fixedKeyring(parseKeks(settings.keks), settings.currentKekId)
      : developmentKeyring(settings.keysDir, settings.currentKekId);
    codec = new EncryptionCodec(fileCaseKeyStore(settings.keysDir, keyring));
    codecs.set(cacheKey, codec);
  }
  return codec;
}

/** For Client, Worker and replay options: `dataConverter: complaintDataConverter(keySettings(config))`. */
export function complaintDataConverter(settings: KeySettings): DataConverter {
  return { payloadCodecs: [encryptionCodec(settings)], failureConverterPath };
}

/** Crypto-shredding for the erasure endpoint: after it, the case's payloads fail to decode (CaseKeyDestroyedError). */
export function destroyCaseKey(settings: KeySettings, workflowId: string): Promise<void> {
  return caseKeys(settings).destroyCaseKey(workflowId);
}

export function caseKeys(settings: KeySettings): CaseKeyStore {
  return encryptionCodec(settings).keys;
}
