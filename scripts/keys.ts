// `npm run keys`: the staff API keys in the case store (api_keys), which every API process reads
// (within a second of a change). Keys are shown once, when added; the store keeps only their SHA-256.
//
//   npm run keys -- add <agent|supervisor|operator> <subject> [name…]   a new key, printed once
//   npm run keys -- list                                                 every key (hash prefix, role, who, state)
//   npm run keys -- revoke <hash prefix>                                 revokes a key, ends its sessions and codec tokens
//   npm run keys -- import [file]                                        a keys file of earlier versions (API_KEYS_FILE)
//
// The store: DATABASE_URL, else the embedded one a running `npm run up` serves (its address in
// <DATA_DIR>/store-url).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashKey, importKeyFile, keyIdOf, keysFile, roles, type Role } from '../api/keys';
import { loadConfig } from '../infra/config';
import { loadRoster } from '../infra/policy-files';
import { addApiKeys, allApiKeys, openStore, redactUrl, revokeApiKey, type Store } from '../infra/store';

/** Where `npm run up` writes the address of the embedded store it serves (development only). */
export const storeUrlFile = (dataDir: string) => path.join(dataDir, 'store-url');

const usage = `Usage:
  npm run keys -- add <agent|supervisor|operator> <subject> [name]
  npm run keys -- list
  npm run keys -- revoke <hash prefix (8+ hex digits, from list)>
  npm run keys -- import [file]   (default: API_KEYS_FILE, else <DATA_DIR>/api-keys.json)`;

function databaseUrl(config: ReturnType<typeof loadConfig>): string {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  const file = storeUrlFile(config.DATA_DIR);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  throw new Error(
    `Set DATABASE_URL to the case store, or run this while \`npm run up\` runs (it writes ${file}).`,
  );
}

export async function runKeys(argv: string[], store: Store, config = loadConfig()): Promise<string[]> {
  const [command, ...args] = argv;
  switch (command) {
    case 'add': {
      const [role, subject, ...nameParts] = args;
      if (!roles.includes(role as Role) || !subject) throw new Error(usage);
      // An agent key acts for an owner, a supervisor key for a supervisor: a person of the roster
      // (the console and the API name them, and owner filters match them). Operators need not be.
      if (role !== 'operator') {
        const roster = loadRoster(config.COMPLAINT_ROSTER);
        const people =
          role === 'agent'
            ? roster.owners
            : [...roster.supervisors, ...roster.teamLeads, ...(roster.head ? [roster.head] : [])];
        if (!people.some((p) => p.id === subject))
          throw new Error(
            `"${subject}" is not ${role === 'agent' ? 'an owner' : 'a supervisor, team lead or head'} in the roster (${config.COMPLAINT_ROSTER}): ${people.map((p) => p.id).join(', ')}.`,
          );
      }
      const key = `cd_${role}_${crypto.randomBytes(24).toString('base64url')}`;
      const hash = hashKey(key);
      await addApiKeys(store, [{ hash, role: role as Role, subject, name: nameParts.join(' ') || subject }]);
      return [`Added the ${role} key for ${subject} (id ${keyIdOf(hash)}). The key, shown this once:`, key];
    }
    case 'list': {
      const keys = await allApiKeys(store);
      if (keys.length === 0) return ['No API keys in the store.'];
      return keys.map(
        (k) =>
          `${keyIdOf(k.hash)}  ${k.role.padEnd(10)} ${k.subject.padEnd(20)} ${k.name.padEnd(22)} ${
            k.revokedAt ? `revoked ${k.revokedAt}` : `live since ${k.createdAt}`
          }`,
      );
    }
    case 'revoke': {
      const [prefix] = args;
      if (!prefix) throw new Error(usage);
      const result = await revokeApiKey(store, prefix.toLowerCase());
      if ('error' in result) throw new Error(result.error);
      return [
        `Revoked ${keyIdOf(result.revoked.hash)} (${result.revoked.role} ${result.revoked.subject}); ` +
          `${result.sessionsEnded} console session(s) ended. Every API refuses it, and its codec tokens, within a second.`,
      ];
    }
    case 'import': {
      const file = args[0] ?? config.API_KEYS_FILE ?? keysFile(config.DATA_DIR);
      if (!fs.existsSync(file)) throw new Error(`No keys file ${file}.`);
      const added = await importKeyFile(store, file);
      return [`Imported ${added} new key(s) from ${file} (keys already in the store were left as they are).`];
    }
    default:
      throw new Error(usage);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const argv = process.argv.slice(2);
  if (!argv[0] || argv[0] === 'help' || argv[0] === '--help') {
    console.log(usage);
    return;
  }
  const url = databaseUrl(config);
  const store = await openStore({ DATABASE_URL: url, DATABASE_POOL_MAX: 1 });
  try {
    for (const line of await runKeys(argv, store, config)) console.log(line);
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n(case store: ${redactUrl(url)})`, {
      cause: err,
    });
  } finally {
    await store.end();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
