// The console's settings (ApiDeps.console): apart from its routes, so the app context can name them.
import type { SessionLimits } from './session';

export interface ConsoleOptions {
  /** The Temporal Web UI, for links to a case's workflow (e.g. http://localhost:8233). */
  temporalUiUrl?: string;
  sessions?: Partial<SessionLimits>;
  /** Sign-in attempts per client address per minute (each attempt counts, right or wrong). */
  signInPerMinute?: number;
  /** "Due soon" in the queue: the next deadline within this many hours. */
  dueSoonHours?: number;
  /** A running case whose next deadline passed this long ago is stuck. */
  stuckAfterMinutes?: number;
  /** Cases per page of the queue. */
  pageSize?: number;
}
