// Shared enums and the shape of a validated policy and roster.
// Plain TypeScript only (no zod, no Node built-ins): Temporal workflow code imports this file, and
// the zod schemas in policy-schema.ts reuse these arrays and are checked against these types.

export const languages = ['en', 'pl', 'sv', 'et', 'he'] as const;
export type Language = (typeof languages)[number];

/** The languages staff e-mails are written in (domain/messages/staff*.ts); a roster member picks one. */
export const staffLanguages = ['en', 'pl'] as const;
export type StaffLanguage = (typeof staffLanguages)[number];

/** Most urgent first: "raise one step" means moving one place to the left. */
export const priorities = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof priorities)[number];

export const channels = ['email', 'phone', 'web', 'social', 'fax', 'letter', 'chat', 'telegram'] as const;
export type Channel = (typeof channels)[number];

export const outcomes = ['upheld', 'partially-upheld', 'rejected'] as const;
export type Outcome = (typeof outcomes)[number];

export const remedyKinds = ['refund', 'voucher', 'replacement', 'repair', 'none'] as const;
export type RemedyKind = (typeof remedyKinds)[number];

export type Remedy =
  | { kind: 'refund'; amount: number; currency: string }
  | { kind: 'voucher'; percent: number; validityDays: number }
  | { kind: 'replacement' }
  | { kind: 'repair' }
  | { kind: 'none' };

export const resolutionCallModes = ['always', 'when-not-upheld', 'never'] as const;
export type ResolutionCallMode = (typeof resolutionCallModes)[number];

/** How a customer who complained on paper (letter, fax) gets the satisfaction survey. */
export const paperSurveyModes = ['letter', 'phone'] as const;
export type PaperSurveyMode = (typeof paperSurveyModes)[number];

/** What happens when the statutory clock runs out without an answer. */
export const statutoryConsequences = ['deemed-accepted', 'breach-recorded'] as const;
export type StatutoryConsequence = (typeof statutoryConsequences)[number];

/** Roles an escalation level can notify; they are resolved against the roster for the case's owner. */
export const escalationRoles = ['owner', 'teamLead', 'supervisor', 'head'] as const;
export type EscalationRole = (typeof escalationRoles)[number];

// ---------------------------------------------------------------------------------------------
// Policy (the output of policySchema: every duration already in milliseconds)

export interface CalendarClock {
  kind: 'calendar';
  /** The team's zone for reports and schedules (UTC when absent); deadlines count every hour anyway. */
  timeZone?: string;
}

export interface BusinessClock {
  kind: 'business';
  /** IANA zone in which the working hours and holidays are meant, e.g. "Europe/Warsaw". */
  timeZone: string;
  /** ISO weekday numbers: 1 = Monday ... 7 = Sunday. */
  workingDays: number[];
  /** Local wall-clock times "HH:MM"; end may be "24:00". */
  hours: { start: string; end: string };
  /** Days off: "YYYY-MM-DD" (one day) or "MM-DD" (every year); the calendar's dates included. */
  holidays: string[];
  /** Days that close early: "YYYY-MM-DD" or "MM-DD" → local closing time "HH:MM" (eves). */
  halfDays?: Record<string, string>;
  /** The organisation closed, whole local days from..to ("YYYY-MM-DD", inclusive). */
  closures?: { from: string; to: string; reason: string }[];
  /**
   * The public-holiday calendar the snapshot's dates came from (domain/calendars.ts): which one,
   * from which library, and the years it covers; later days count as working days.
   */
  calendar?: {
    country: string;
    region?: string;
    daysOff: ('public' | 'bank' | 'optional' | 'school' | 'observance')[];
    eves?: { closeAt: string; before?: string[] };
    source: string;
    from: string;
    through: string;
  };
}

export type ClockPolicy = CalendarClock | BusinessClock;

/** What complaints are counted by for trend alerts. */
export const trendDimensions = [
  'category',
  /** The case's owner: one employee's complaints (seed 002); shown to supervisors only. */
  'owner',
  'product',
  'supplier',
  'carrier',
  'location',
  'hour-of-day',
] as const;
export type TrendDimension = (typeof trendDimensions)[number];

/** Trend alerts: a Poisson CUSUM per series against its own baseline (domain/insights/trends.ts). */
export interface TrendPolicy {
  baselineWindowMs: number;
  monitorWindowMs: number;
  /** The multiple of the baseline rate to detect quickly (the CUSUM's reference value follows). */
  shift: number;
  /** The in-control average run length: each series' threshold h is set so that, with no change, it
   *  signals on average once in this long. */
  falseAlarmEveryMs: number;
  /** The lowest baseline rate a series is compared with. */
  minBaselinePerDay: number;
  /**
   * Series below that floor also run a burst CUSUM: against their own rate (its upper `confidence`
   * bound from the baseline's few complaints), for a rise to `burstPerDay`.
   */
  sparse?: { burstPerDay: number; confidence: number };
  dimensions: TrendDimension[];
}

/** Per-priority times, measured on the policy clock (working time when the clock is "business"). */
export interface PriorityTimings {
  /** Tell the customer the complaint arrived, and who handles it. */
  acknowledgementMs: number;
  /** Preliminary diagnosis, or questions about what is missing. */
  diagnosisMs: number;
  /** The customer hears from the owner at least this often. */
  customerUpdateIntervalMs: number;
  /** Expected resolution promised to the customer (can be extended). */
  targetResolutionMs: number;
  /** How long to wait for the customer's answer to a question before giving up / closing. */
  customerReplyLimitMs: number;
  /** When to remind a silent customer (after the question was asked). */
  customerReplyReminderMs: number;
  /** How long the satisfaction survey stays open. */
  surveyWaitMs: number;
  /** When to remind the customer about an unanswered survey. */
  surveyReminderMs: number;
  /** Time between attempts to reach the customer by phone with the outcome. */
  resolutionCallRetryMs: number;
  /** How many times to try the resolution call before falling back to writing. */
  resolutionCallAttempts: number;
  /** Deadline for the owner's follow-up after a poor survey score or "I still need help". */
  followUpMs: number;
}

/** A legal deadline: calendar time from receipt, never paused, independent of the policy clock. */
export interface StatutoryClock {
  periodMs: number;
  /** Set when the file gave the period in days (as the law does); informational. */
  days?: number;
  consequence: StatutoryConsequence;
  warnBeforeMs: number;
  /** Where the rule comes from, for letters and audit, e.g. "Art. 7a Polish consumer rights act". */
  basis?: string;
}

export type EscalationTarget = { role: EscalationRole } | { name: string; email: string };

/** A root cause or contributing factor of the documentation lists; labels name it for other staff. */
export interface DocumentationChoice {
  id: string;
  name: string;
  labels?: Partial<Record<Language, string>>;
}

export interface EscalationLevel {
  /** 1-based; level 0 is the owner alone and is not listed. */
  level: number;
  name: string;
  /** Its name in other languages (the policy's labels); absent: the name. */
  labels?: Partial<Record<Language, string>>;
  notify: EscalationTarget[];
  /** This level is reached once a deadline has been overdue this long (on the policy clock). */
  afterOverdueMs: number;
}

/** How voucher codes are made: the prefix, then `length` characters drawn from `alphabet`. */
export interface VoucherCodePolicy {
  prefix: string;
  length: number;
  alphabet: string;
}

export interface VoucherPolicy {
  allowed: boolean;
  maxPercent: number;
  maxValidityDays: number;
  /** The validity a voucher gets when the owner names none. */
  defaultValidityDays: number;
  /** The outcomes a voucher may go with without a supervisor (seed 003: only where the customer was wronged). */
  outcomes: Outcome[];
  code: VoucherCodePolicy;
}

export interface CompensationPolicy {
  voucher: VoucherPolicy;
  /** Caps per currency (ISO 4217 code) and/or as a percentage of the order; a refund in a currency
   *  without a cap, or above any cap, needs a supervisor. */
  refund: { allowed: boolean; maxAmount?: Record<string, number>; maxPercentOfOrder?: number };
  replacement: { allowed: boolean };
  repair: { allowed: boolean };
}

export type KeywordsByLanguage = Partial<Record<Language, string[]>>;

export interface CategoryPolicy {
  id: string;
  /** Name of the category in each supported language, for letters. */
  labels: Partial<Record<Language, string>>;
  defaultPriority: Priority;
  keywords: KeywordsByLanguage;
}

export interface PriorityRules {
  /** Any of these makes a case urgent (ISO 10002: health and safety at once). */
  safetyKeywords: KeywordsByLanguage;
  /** Each kind of rule below that applies raises priority one step (legal threats, press...). */
  raiseKeywords: KeywordsByLanguage;
  /** Public channels raise priority one step. */
  raiseChannels: Channel[];
}

export interface Policy {
  version: string;
  name: string;
  description?: string;
  languages: Language[];
  clock: ClockPolicy;
  pauseWhileWaitingOnCustomer: boolean;
  statutory?: StatutoryClock;
  priorities: Record<Priority, PriorityTimings>;
  escalation: { levels: EscalationLevel[]; reminderIntervalMs: number };
  delivery: { maxRetryIntervalMs: number; attemptWindowMs: number };
  /**
   * When a case needs attention before any promise is late (ComplaintAttention), in elapsed time.
   * Cases that started before it existed carry policy snapshots without it (defaultAttentionPolicy).
   */
  attention: { undeliveredAfterMs: number; approvalWaitingAfterMs: number };
  trends: TrendPolicy;
  /** Personal data of a closed case is erased this long after the close (3 years by default). */
  erasure: { afterCloseMs: number };
  extensions: {
    /** Extensions the owner may make alone; the next one needs a supervisor. */
    maxWithoutApproval: number;
    /** Longest single extension. */
    maxLengthMs: number;
  };
  compensation: CompensationPolicy;
  resolutionCall: { when: ResolutionCallMode; callBackOnIntake: boolean };
  /**
   * Customers who complained on paper: every message to them is a printable letter (posted, or faxed
   * to a fax complainant), and their survey goes as a letter or by phone.
   */
  paper: { channels: Channel[]; survey: PaperSurveyMode };
  /** Our postal address, printed at the top of every letter (none: no letter promises one). */
  organisation?: { postalAddress?: string[] };
  /** A customer's reply this long after the close reopens the same case with the same owner. */
  reopen: { windowMs: number };
  survey: { minScore: number; maxScore: number; lowScoreThreshold: number };
  /** Channels whose complaints also get a formal acknowledgement letter (fax, letter). */
  formalAcknowledgementChannels: Channel[];
  categories: CategoryPolicy[];
  /** Category used when no keyword matches. */
  fallbackCategory: string;
  priorityRules: PriorityRules;
  /** The lists a case's documentation chooses from, so causes and factors can be counted. */
  documentation: DocumentationPolicy;
  /**
   * Social channels (domain/channels.ts: Telegram, social, chat) keep their own clock: around the
   * clock (a calendar clock in the office's zone) unless set. `officeClock` is what a social case's
   * snapshot keeps of the office clock it replaced (for the on-duty rota: who works at night).
   */
  social?: { clock?: ClockPolicy; officeClock?: ClockPolicy };
}

export interface DocumentationPolicy {
  rootCauseCategories: DocumentationChoice[];
  contributingFactors: DocumentationChoice[];
}

// ---------------------------------------------------------------------------------------------
// Roster

export interface Person {
  id: string;
  name: string;
  email: string;
  phone?: string;
  /** The language of the staff e-mails this person gets (English when absent). */
  language?: StaffLanguage;
  /** IANA zone the times in their e-mails are shown in (the team's, the policy clock's, when absent). */
  timeZone?: string;
}

export interface Owner extends Person {
  languages: Language[];
  categories: string[];
  /** id of a team lead. */
  teamLead: string;
}

export interface TeamLead extends Person {
  /** id of the supervisor who approves this team's exceptions. */
  supervisor: string;
}

export interface Roster {
  owners: Owner[];
  teamLeads: TeamLead[];
  /** Approve extensions beyond the limit and compensation above the caps. */
  supervisors: Person[];
  /** Head of customer service. */
  head: Person;
  /** Where trend alerts go besides the head (a quality team's mailbox). */
  quality?: { name: string; email: string; language?: StaffLanguage; timeZone?: string };
  /**
   * Who is on duty outside office hours (seed 001: social complaints answered around the clock):
   * owners of social cases and escalation at night are chosen among them.
   */
  onDuty?: DutyShift[];
}

/** One recurring shift: a roster member on duty on these weekdays from `from` to `to` (may pass midnight). */
export interface DutyShift {
  personId: string;
  /** ISO weekdays the shift starts on, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Local "HH:MM"; a shift with `to` before `from` ends the next day. */
  from: string;
  to: string;
  /** The shift's zone; the policy clock's (or UTC) when absent. */
  timeZone?: string;
}
