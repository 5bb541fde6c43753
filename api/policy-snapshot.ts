// The policy and roster a new case takes, re-read every few seconds so an edited file applies to the
// next complaint without a restart. A file that stops validating keeps the last good snapshot (and
// says so in the log) rather than stopping intake.
import { loadPolicy, loadRoster } from '../infra/policy-files';
import type { Policy, Roster } from '../domain/types';
import { PolicyFileError } from '../domain/policy';
import type { AppContext } from './context';
import type { IntakeDeps } from './intake';
import { problems } from './problems';

export function policySnapshot(
  policyFile: string,
  rosterFile: string,
  opts: { maxAgeMs?: number; log?: (message: string) => void } = {},
): () => { policy: Policy; roster: Roster } {
  const maxAgeMs = opts.maxAgeMs ?? 5000;
  let current: { policy: Policy; roster: Roster } | undefined;
  let loadedAt = 0;
  return () => {
    if (current && Date.now() - loadedAt < maxAgeMs) return current;
    try {
      const policy = loadPolicy(policyFile);
      current = { policy, roster: loadRoster(rosterFile, policy) };
    } catch (err) {
      if (!current) throw err;
      opts.log?.(
        `keeping the previous policy and roster: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    loadedAt = Date.now();
    return current;
  };
}

/** The app's policy and roster, or a 503 when the files cannot be used (and none was read before). */
export function snapshotOrThrow(ctx: Pick<AppContext, 'snapshot'>): { policy: Policy; roster: Roster } {
  try {
    return ctx.snapshot();
  } catch (err) {
    if (err instanceof PolicyFileError)
      throw problems.unavailable('The complaint policy or roster cannot be used right now.');
    throw err;
  }
}

/**
 * What every intake (the API, the public form, the inbound e-mail and Telegram webhooks) starts a
 * case with: this app's Temporal client and queue, the policy as it is now, the owner chosen here
 * (the case carries it: patch owner-at-intake) and the key of external ids.
 */
export function intakeDeps(
  ctx: Pick<
    AppContext,
    'client' | 'taskQueue' | 'snapshot' | 'historyEventLimit' | 'owners' | 'externalIdKey'
  >,
): IntakeDeps {
  return {
    client: ctx.client,
    taskQueue: ctx.taskQueue,
    snapshot: () => snapshotOrThrow(ctx),
    historyEventLimit: ctx.historyEventLimit,
    owners: ctx.owners,
    externalIdKey: ctx.externalIdKey,
  };
}
