// The data converter every client and worker of complaint-desk uses: payload encryption with a key
// per case, and failures encoded so the codec encrypts their messages. One codec per key settings and
// process, so the API's client, the worker and its client share the unwrapped-key cache. With a
// database (every worker and API: DATABASE_URL) the keys live in the case store, shared by every
// machine; without one (tests and benchmarks of a single process) in the keys folder.
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config';
// db and migrate directly, not ../store: the store's modules import this one.
import { createStore, type Store } from '../store/db';
import { migrate } from '../store/migrate';
import { fileCaseKeyStore, type CaseKeyStore } from './case-keys';
import { pgCaseKeyStore } from './pg-case-keys';
import { EncryptionCodec } from './encryption-codec';
import { developmentKeyring, fixedKeyring, parseKeks } from './keyring';
import { isProduction } from '../secrets';

export * from './case-keys';
export * from './encryption-codec';
export * from './clear-memo';
export { CaseKeyStoreUnavailableError, importKeyFolder, pgCaseKeyStore } from './pg-case-keys';

export const failureConverterPath = require.resolve('./failure-converter');

export interface KeySettings {
  keysDir: string;
  /** COMPLAINT_KEKS; unset: development KEKs generated into keysDir. */
  keks?: string;
  /** COMPLAINT_KEK_ID. */
  currentKekId?: string;
  /**
   * DATABASE_URL: the case keys live in its case_keys table (the keys folder's cases/ is imported
   * once). Unset: in keysDir/cases (a single process: tests, benchmarks).
   */
  databaseUrl?: string;
}

export function keySettings(config: Config): KeySettings {
  return {
    keysDir: config.keysDir,
    keks: config.COMPLAINT_KEKS,
    currentKekId: config.COMPLAINT_KEK_ID,
    databaseUrl: config.DATABASE_URL,
  };
}

/** The case store for keys, opened (and migrated) on first use; a failed open is tried again next time. */
function lazyKeyStore(url: string): () => Promise<Store> {
  let opened: Promise<Store> | undefined;
  return () =>
    (opened ??= (async () => {
      // A pool of its own, small: keys are cached, so the store sees a query per key and second at most.
      const store = createStore(url, { max: 2, allowExitOnIdle: true });
      try {
        await migrate(store);
      } catch (err) {
        await store.end().catch(() => undefined);
        throw err;
      }
      return store;
    })().catch((err: unknown) => {
      opened = undefined;
      throw err;
    }));
}

const codecs = new Map<string, EncryptionCodec>();

export function encryptionCodec(settings: KeySettings): EncryptionCodec {
  const cacheKey = JSON.stringify([
    settings.keysDir,
    settings.keks ?? '',
    settings.currentKekId ?? '',
    settings.databaseUrl ?? '',
  ]);
  let codec = codecs.get(cacheKey);
  if (!codec) {
    // Development KEKs are generated per machine: never in production (infra/secrets.ts).
    if (!settings.keks && isProduction())
      throw new Error('COMPLAINT_KEKS is required when COMPLAINT_DESK_ENV=production');
    const keyring = settings.keks
      ? fixedKeyring(parseKeks(settings.keks), settings.currentKekId)
      : developmentKeyring(settings.keysDir, settings.currentKekId);
    codec = new EncryptionCodec(
      settings.databaseUrl
        ? pgCaseKeyStore(lazyKeyStore(settings.databaseUrl), keyring, {
            importFrom: path.join(settings.keysDir, 'cases'),
          })
        : fileCaseKeyStore(settings.keysDir, keyring),
    );
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
