// The custom search attributes operators use to find cases in the Temporal Web UI. This is the only
// list: the dev server, the test environments and temporal-compose.yml are checked against it.
// No personal data goes in here: search attributes are never encrypted.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ComplaintStage = defineSearchAttributeKey('ComplaintStage', SearchAttributeType.KEYWORD);
export const ComplaintPriority = defineSearchAttributeKey('ComplaintPriority', SearchAttributeType.KEYWORD);
export const ComplaintCategory = defineSearchAttributeKey('ComplaintCategory', SearchAttributeType.KEYWORD);
export const ComplaintOwner = defineSearchAttributeKey('ComplaintOwner', SearchAttributeType.KEYWORD);
export const ComplaintNextDeadline = defineSearchAttributeKey(
  'ComplaintNextDeadline',
  SearchAttributeType.DATETIME,
);
export const ComplaintEscalationLevel = defineSearchAttributeKey(
  'ComplaintEscalationLevel',
  SearchAttributeType.INT,
);
export const ComplaintOverdue = defineSearchAttributeKey('ComplaintOverdue', SearchAttributeType.BOOL);
/** The reference the customer reads out on the phone (CD-2026-000123): not personal data. */
export const ComplaintReference = defineSearchAttributeKey('ComplaintReference', SearchAttributeType.KEYWORD);

/**
 * Why a case needs an operator now (domain/lifecycle/attention.ts): email-undelivered, email-failed,
 * task-overdue, approval-waiting, statutory-at-risk, statutory-breached. Absent when nothing does.
 */
export const ComplaintAttention = defineSearchAttributeKey(
  'ComplaintAttention',
  SearchAttributeType.KEYWORD_LIST,
);

export const complaintSearchAttributes = [
  ComplaintStage,
  ComplaintPriority,
  ComplaintCategory,
  ComplaintOwner,
  ComplaintNextDeadline,
  ComplaintEscalationLevel,
  ComplaintOverdue,
  ComplaintReference,
  ComplaintAttention,
] as const;

/** The names the Temporal CLI takes in `--search-attribute Name=Type`. */
export const cliTypeName: Record<SearchAttributeType, string> = {
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

export function searchAttributeCliFlags(): string[] {
  return complaintSearchAttributes.flatMap((k) => ['--search-attribute', `${k.name}=${cliTypeName[k.type]}`]);
}
