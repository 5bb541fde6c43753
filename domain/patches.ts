// The patch ids of the complaint workflow (workflows/complaint.ts, workflows/records.ts), in the order
// they shipped. docs/running-cases.md describes each and the policy that retires them; `npm run
// patches` counts, per id, the running cases that still need the path from before it.

export const complaintPatchIds = [
  'attention',
  'record-case',
  'owner-at-intake',
  'owner-notice',
  'steady-timers',
  'record-clocks',
  'record-queue',
  'seed-promises',
  'telegram-route',
  'telegram-files',
] as const;

export type ComplaintPatchId = (typeof complaintPatchIds)[number];
