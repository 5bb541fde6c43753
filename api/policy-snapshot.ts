// The policy and roster a new case takes, re-read every few seconds so an edited file applies to the
// next complaint without a restart. A file that stops validating keeps the last good snapshot (and
// says so in the log) rather than stopping intake.
import { loadPolicy, loadRoster } from '../infra/policy-files';
import type { Policy, Roster } from '../domain/types';

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
