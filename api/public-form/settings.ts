// The public complaint form's settings (ApiDeps.publicForm): apart from its routes, so the app
// context can name them.
import type { AttachmentStore } from '../../infra/attachments';
import type { FormLimits } from './multipart';

export interface PublicFormSettings extends FormLimits {
  /** Where attachments are kept (sealed with the case key); without it the form takes no files. */
  attachments?: AttachmentStore;
  /** Complaints per client address per minute (a burst of as many). */
  perMinute: number;
  /** A form sent sooner than this after it was shown is sent back ("check and send again"). */
  minFillMs: number;
  /** Signs form tokens; API processes behind one address need the same one. Default: random per process. */
  secret?: string;
}

export const defaultPublicFormSettings: PublicFormSettings = {
  fileBytes: 2 * 1024 * 1024,
  files: 3,
  totalBytes: 5 * 1024 * 1024,
  perMinute: 5,
  minFillMs: 3000,
};
