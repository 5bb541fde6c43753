// Zod schemas for the policy document and the roster. The file form is written by people
// (durations as "24h"); the output is the plain snapshot a workflow receives (durations in ms).
// Only edge code (loader, API, activities) imports this module: zod stays out of workflows,
// which import the types from ./types instead.
import { z } from 'zod';
import { calendarDays, calendarLibrary, holidayTypes, knownCalendar, snapshotYears } from './calendars';
import { parseDuration } from './durations';
import * as t from './types';

const DURATION_HINT = 'expected a duration like "24h"';

function durationSchema(options: { positive: boolean }) {
  return z.string({ error: DURATION_HINT }).transform((text, ctx): number => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `${DURATION_HINT} (got ${JSON.stringify(text)})` });
      return z.NEVER;
    }
    if (options.positive && ms <= 0) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration longer than zero' });
      return z.NEVER;
    }
    return ms;
  });
}

/** A duration string, output in milliseconds; zero is not allowed. */
export const durationMs = durationSchema({ positive: true });
/** A duration string, output in milliseconds; zero allowed ("0s"). */
export const optionalDelayMs = durationSchema({ positive: false });

export const languageSchema = z.enum(t.languages, {
  error: `expected one of ${t.languages.join(', ')}`,
});
export const prioritySchema = z.enum(t.priorities, {
  error: `expected one of ${t.priorities.join(', ')}`,
});
export const channelSchema = z.enum(t.channels, { error: `expected one of ${t.channels.join(', ')}` });
export const outcomeSchema = z.enum(t.outcomes, { error: `expected one of ${t.outcomes.join(', ')}` });

const voucherPercent = z.number().positive().max(100).describe('Its value in percent of the purchase.');

/** A remedy as the owner proposes it: a voucher may leave its validity to the policy's default. */
export const remedyInputSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('refund').describe('Money back.'),
      amount: z.number().positive().describe('The amount refunded.'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "PLN"')
        .describe('ISO 4217 code of the amount.'),
    }),
    z.strictObject({
      kind: z.literal('voucher').describe('A voucher for a next purchase, with a code from the policy.'),
      percent: voucherPercent,
      validityDays: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('How many days it stays valid from the letter; absent: the policy’s defaultValidityDays.'),
    }),
    z.strictObject({ kind: z.literal('replacement').describe('A replacement item.') }),
    z.strictObject({ kind: z.literal('repair').describe('A repair.') }),
    z.strictObject({ kind: z.literal('none').describe('No remedy.') }),
  ],
  { error: `expected kind ${t.remedyKinds.join(', ')}` },
);

export const remedySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('refund').describe('Money back.'),
      amount: z.number().positive().describe('The amount refunded.'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "PLN"')
        .describe('ISO 4217 code of the amount.'),
    }),
    z.strictObject({
      kind: z.literal('voucher').describe('A voucher for a next purchase.'),
      percent: z.number().positive().max(100).describe('Its value in percent of the purchase.'),
      validityDays: z.number().int().positive().describe('How many days it stays valid from the letter.'),
    }),
    z.strictObject({ kind: z.literal('replacement').describe('A replacement item.') }),
    z.strictObject({ kind: z.literal('repair').describe('A repair.') }),
    z.strictObject({ kind: z.literal('none').describe('No remedy.') }),
  ],
  { error: `expected kind ${t.remedyKinds.join(', ')}` },
);

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id like "product-defect"');

// --- clock ----------------------------------------------------------------------------------

const wallTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a local time "HH:MM" between 00:00 and 24:00');

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone like "Europe/Warsaw"');

const holiday = z.string().refine((text) => {
  const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const year = m[1] === undefined ? 2000 : Number(m[1]); // a leap year, so a yearly "02-29" is accepted
  const date = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3])));
  return date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}, 'expected a date "YYYY-MM-DD" (one day) or "MM-DD" (every year)');

// A calendar clock counts every hour; its zone (UTC when absent) is the team's, for reports and schedules.
const calendarClockSchema = z.strictObject({ kind: z.literal('calendar'), timeZone: timeZone.optional() });

const isoDate = holiday.refine((text) => /^\d{4}-/.test(text), 'expected a date "YYYY-MM-DD"');

/** A country's public holidays from the calendar library, expanded into dates at load. */
const calendarSchema = z
  .strictObject({
    country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 country code like "PL"'),
    region: z.string().min(1).optional(),
    daysOff: z
      .array(z.enum(holidayTypes, { error: `expected one of ${holidayTypes.join(', ')}` }))
      .min(1)
      .default(['public']),
    eves: z
      .strictObject({
        closeAt: wallTime,
        before: z
          .array(holiday.refine((d) => /^\d{2}-\d{2}$/.test(d), 'expected a yearly date "MM-DD"'))
          .optional(),
      })
      .optional(),
  })
  .refine((c) => knownCalendar(c.country, c.region), {
    message: `not a calendar ${calendarLibrary.name} ${calendarLibrary.version} knows`,
  });

const businessClockFile = z.strictObject({
  kind: z.literal('business'),
  timeZone,
  workingDays: z
    .array(z.number().int().min(1, 'expected ISO weekday 1-7').max(7, 'expected ISO weekday 1-7'))
    .min(1, 'expected at least one working day')
    .refine((days) => new Set(days).size === days.length, 'working days repeat'),
  hours: z
    .strictObject({ start: wallTime, end: wallTime })
    .refine((h) => h.start < h.end, { message: 'opening must be before closing', path: ['end'] }),
  /** The organisation's own days off, besides the calendar's. */
  holidays: z.array(holiday).default([]),
  calendar: calendarSchema.optional(),
  /** Days that close early: a date, or "MM-DD" every year, and the local closing time. */
  halfDays: z.array(z.strictObject({ date: holiday, closeAt: wallTime })).default([]),
  /** The organisation closed, whole days from..to inclusive (stocktaking, a company holiday). */
  closures: z
    .array(
      z
        .strictObject({ from: isoDate, to: isoDate, reason: z.string().min(1) })
        .refine((c) => c.from <= c.to, { message: 'must not be before from', path: ['to'] }),
    )
    .default([]),
});

const businessClockSchema = businessClockFile.transform((c): t.BusinessClock =>
  expandCalendar(c, snapshotYears(Date.now())),
);

/**
 * The clock a case snapshots: the calendar's days off and half days for the snapshot's years added
 * to the file's own, as plain dates the pure clock reads (domain/calendars.ts says why here).
 */
function expandCalendar(
  c: z.output<typeof businessClockFile>,
  years: { from: number; to: number },
): t.BusinessClock {
  const out: t.BusinessClock = {
    kind: 'business',
    timeZone: c.timeZone,
    workingDays: [...c.workingDays].sort((a, b) => a - b),
    hours: c.hours,
    holidays: [...c.holidays],
  };
  const halfDays: Record<string, string> = {};
  if (c.calendar) {
    const days = calendarDays(c.calendar, years.from, years.to, c.workingDays);
    out.holidays = [...new Set([...c.holidays, ...days.daysOff.map((d) => d.date)])].sort();
    for (const d of days.halfDays) halfDays[d.date] = d.closeAt;
    out.calendar = {
      ...c.calendar,
      source: `${calendarLibrary.name}@${calendarLibrary.version}`,
      from: `${years.from}-01-01`,
      through: `${years.to}-12-31`,
    };
  }
  // The file's own half days win over the calendar's.
  for (const d of c.halfDays) halfDays[d.date] = d.closeAt;
  if (Object.keys(halfDays).length) out.halfDays = halfDays;
  if (c.closures.length) out.closures = c.closures;
  return out;
}

export const clockSchema = z.discriminatedUnion('kind', [calendarClockSchema, businessClockSchema], {
  error: 'expected kind "calendar" or "business"',
});

// --- per-priority timings ---------------------------------------------------------------------

export const priorityTimingsSchema = z
  .strictObject({
    acknowledgement: durationMs,
    diagnosis: durationMs.default(24 * 3_600_000),
    customerUpdateInterval: durationMs.default(48 * 3_600_000),
    targetResolution: durationMs.default(14 * 86_400_000),
    customerReplyLimit: durationMs,
    customerReplyReminder: durationMs,
    surveyWait: durationMs,
    surveyReminder: durationMs,
    resolutionCallRetry: durationMs,
    resolutionCallAttempts: z.number().int().min(1).default(3),
    followUp: durationMs,
  })
  .superRefine((p, ctx) => {
    const mustBeBefore = (earlier: keyof typeof p, later: keyof typeof p) => {
      if (p[earlier] >= p[later]) {
        ctx.addIssue({ code: 'custom', path: [earlier], message: `must be shorter than ${later}` });
      }
    };
    mustBeBefore('customerReplyReminder', 'customerReplyLimit');
    mustBeBefore('surveyReminder', 'surveyWait');
    if (p.acknowledgement > p.diagnosis) {
      ctx.addIssue({
        code: 'custom',
        path: ['acknowledgement'],
        message: 'must not be longer than diagnosis',
      });
    }
    if (p.diagnosis > p.targetResolution) {
      ctx.addIssue({
        code: 'custom',
        path: ['diagnosis'],
        message: 'must not be longer than targetResolution',
      });
    }
  })
  .transform((p): t.PriorityTimings => ({
    acknowledgementMs: p.acknowledgement,
    diagnosisMs: p.diagnosis,
    customerUpdateIntervalMs: p.customerUpdateInterval,
    targetResolutionMs: p.targetResolution,
    customerReplyLimitMs: p.customerReplyLimit,
    customerReplyReminderMs: p.customerReplyReminder,
    surveyWaitMs: p.surveyWait,
    surveyReminderMs: p.surveyReminder,
    resolutionCallRetryMs: p.resolutionCallRetry,
    resolutionCallAttempts: p.resolutionCallAttempts,
    followUpMs: p.followUp,
  }));

// --- statutory clock ----------------------------------------------------------------------------

export const statutorySchema = z
  .strictObject({
    days: z.number().int().positive().optional(),
    period: durationMs.optional(),
    consequence: z.enum(t.statutoryConsequences, {
      error: `expected one of ${t.statutoryConsequences.join(', ')}`,
    }),
    warnBefore: optionalDelayMs,
    basis: z.string().min(1).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.days === undefined) === (s.period === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['days'],
        message: 'give either days or period, not both or neither',
      });
      return;
    }
    const periodMs = s.period ?? (s.days ?? 0) * 86_400_000;
    if (s.warnBefore >= periodMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['warnBefore'],
        message: 'must be shorter than the statutory period',
      });
    }
  })
  .transform((s): t.StatutoryClock => {
    const out: t.StatutoryClock = {
      periodMs: s.period ?? (s.days ?? 0) * 86_400_000,
      consequence: s.consequence,
      warnBeforeMs: s.warnBefore,
    };
    if (s.days !== undefined) out.days = s.days;
    if (s.basis !== undefined) out.basis = s.basis;
    return out;
  });

// --- escalation -----------------------------------------------------------------------------------

const emailSchema = z.email('expected an e-mail address');

const escalationTarget = z.union(
  [
    z.enum(t.escalationRoles).transform((role): t.EscalationTarget => ({ role })),
    emailSchema.transform((email): t.EscalationTarget => ({ name: email, email })),
    z.strictObject({ name: z.string().min(1), email: emailSchema }),
  ],
  { error: `expected a role (${t.escalationRoles.join(', ')}), an e-mail address or { name, email }` },
);

/** A root cause or contributing factor: named in English, labelled in other staff languages. */
const documentationChoice = z.strictObject({
  id: slug,
  name: z.string().min(1),
  labels: z.partialRecord(languageSchema, z.string().min(1)).optional(),
});

const escalationLevelSchema = z.strictObject({
  name: z.string().min(1),
  /** The level's name in a staff member's language, where it is not English (staff e-mails, console). */
  labels: z.partialRecord(languageSchema, z.string().min(1)).optional(),
  notify: z.array(escalationTarget).min(1, 'a level must notify someone'),
  afterOverdue: optionalDelayMs.default(0),
});

export const escalationSchema = z
  .strictObject({
    levels: z.array(escalationLevelSchema).min(1, 'expected at least one escalation level'),
    /** At the top of the chain, an overdue case reminds the owner and the top this often. */
    reminderInterval: durationMs.default(24 * 3_600_000),
  })
  .superRefine((e, ctx) => {
    e.levels.forEach((level, i) => {
      if (i > 0 && level.afterOverdue < e.levels[i - 1].afterOverdue) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'afterOverdue'],
          message: 'must not be earlier than the level before',
        });
      }
    });
  })
  .transform((e) => ({
    levels: e.levels.map((level, i): t.EscalationLevel => ({
      level: i + 1,
      name: level.name,
      ...(level.labels ? { labels: level.labels } : {}),
      notify: level.notify,
      afterOverdueMs: level.afterOverdue,
    })),
    reminderIntervalMs: e.reminderInterval,
  }));

// --- compensation ---------------------------------------------------------------------------------

const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "PLN"');
/** Letters and digits that cannot be mistaken for one another when read out or typed (no 0/O, 1/I). */
const defaultVoucherAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const compensationSchema = z.strictObject({
  voucher: z
    .strictObject({
      allowed: z.boolean().default(true),
      maxPercent: z.number().positive().max(100),
      maxValidityDays: z.number().int().positive(),
      defaultValidityDays: z.number().int().positive(),
      /** Outcomes a voucher may go with without a supervisor; by default not a rejection (seed 003). */
      outcomes: z.array(outcomeSchema).default(['upheld', 'partially-upheld']),
      /** Voucher codes: the prefix, then `length` characters drawn from `alphabet`. */
      code: z
        .strictObject({
          prefix: z.string().max(20).default(''),
          length: z.number().int().min(6).max(32).default(8),
          alphabet: z
            .string()
            .min(10, 'at least 10 characters, or codes are easy to guess')
            .refine((a) => new Set(a).size === a.length, 'characters repeat')
            .default(defaultVoucherAlphabet),
        })
        .default({ prefix: '', length: 8, alphabet: defaultVoucherAlphabet }),
    })
    .refine((v) => v.defaultValidityDays <= v.maxValidityDays, {
      message: 'must not exceed maxValidityDays',
      path: ['defaultValidityDays'],
    }),
  refund: z.strictObject({
    allowed: z.boolean().default(true),
    maxAmount: z
      .record(currencyCode, z.number().positive(), {
        error: (issue) =>
          issue.code === 'invalid_key' ? 'expected currency codes like "PLN" as keys' : undefined,
      })
      .optional(),
    maxPercentOfOrder: z.number().positive().max(100).optional(),
  }),
  replacement: z.strictObject({ allowed: z.boolean() }),
  repair: z.strictObject({ allowed: z.boolean() }),
});

// --- categories and priority rules ---------------------------------------------------------------

const keyword = z
  .string()
  .trim()
  .min(1, 'empty keyword')
  .refine((k) => !/\*(?!\s|$)|(?:^|\s)\*/.test(k), 'a "*" may only end a word (prefix match)');
const keywordsByLanguage = z.partialRecord(languageSchema, z.array(keyword));

const categorySchema = z.strictObject({
  id: slug,
  labels: z.partialRecord(languageSchema, z.string().min(1)),
  defaultPriority: prioritySchema.default('normal'),
  keywords: keywordsByLanguage.default({}),
});

const priorityRulesSchema = z.strictObject({
  safetyKeywords: keywordsByLanguage,
  raiseKeywords: keywordsByLanguage.default({}),
  raiseChannels: z.array(channelSchema).default([]),
});

// --- trend alerts ---------------------------------------------------------------------------------

const trendDefaults = {
  baselineWindow: 28 * 86_400_000,
  monitorWindow: 7 * 86_400_000,
  shift: 2,
  falseAlarmEvery: 1825 * 86_400_000,
  minBaselinePerDay: 0.5,
  sparse: { burstPerDay: 1.5, confidence: 0.8 },
  dimensions: [...t.trendDimensions],
};

/** Poisson CUSUM per series (see domain/insights/trends.ts for what the parameters promise). */
const trendsSchema = z
  .strictObject({
    /** The series' own past it is compared with: this long before the monitored window. */
    baselineWindow: durationMs.default(trendDefaults.baselineWindow),
    /** The CUSUM runs over this recent window; a lasting change becomes the baseline after it. */
    monitorWindow: durationMs.default(trendDefaults.monitorWindow),
    /** The rise to detect quickly, as a multiple of the baseline rate (2: a doubling). */
    shift: z.number().gt(1, 'expected a multiple above 1, like 2').default(trendDefaults.shift),
    /** How rarely a series with no change may signal (the in-control ARL); sets each series' threshold h. */
    falseAlarmEvery: durationMs.default(trendDefaults.falseAlarmEvery),
    /** A series with fewer complaints than this per day in its baseline is compared with this rate. */
    minBaselinePerDay: z.number().positive().default(trendDefaults.minBaselinePerDay),
    /** Sparse series (below that floor): a burst CUSUM for a rise to burstPerDay; null turns it off. */
    sparse: z
      .strictObject({
        burstPerDay: z.number().positive().default(trendDefaults.sparse.burstPerDay),
        confidence: z.number().gt(0).lt(1).default(trendDefaults.sparse.confidence),
      })
      .nullable()
      .default(trendDefaults.sparse),
    dimensions: z
      .array(z.enum(t.trendDimensions, { error: `expected one of ${t.trendDimensions.join(', ')}` }))
      .default(trendDefaults.dimensions),
  })
  .default(trendDefaults)
  .transform((tr) => ({
    baselineWindowMs: tr.baselineWindow,
    monitorWindowMs: tr.monitorWindow,
    shift: tr.shift,
    falseAlarmEveryMs: tr.falseAlarmEvery,
    minBaselinePerDay: tr.minBaselinePerDay,
    ...(tr.sparse ? { sparse: tr.sparse } : {}),
    dimensions: tr.dimensions,
  }));

// --- the policy -----------------------------------------------------------------------------------

export const policySchema = z
  .strictObject({
    version: z.string().min(1),
    name: z.string().min(1),
    description: z.string().optional(),
    languages: z
      .array(languageSchema)
      .min(1)
      .refine((l) => new Set(l).size === l.length, 'languages repeat'),
    clock: clockSchema,
    pauseWhileWaitingOnCustomer: z.boolean().default(true),
    statutory: statutorySchema.optional(),
    priorities: z.strictObject({
      urgent: priorityTimingsSchema,
      high: priorityTimingsSchema,
      normal: priorityTimingsSchema,
      low: priorityTimingsSchema,
    }),
    escalation: escalationSchema,
    extensions: z
      .strictObject({
        maxWithoutApproval: z.number().int().min(0).default(2),
        maxLength: durationMs,
      })
      .transform((e) => ({ maxWithoutApproval: e.maxWithoutApproval, maxLengthMs: e.maxLength })),
    compensation: compensationSchema,
    /** A closed case's personal data is erased this long after the close (GDPR storage limitation). */
    erasure: z
      .strictObject({ afterClose: durationMs.default(1095 * 86_400_000) })
      .default({ afterClose: 1095 * 86_400_000 })
      .transform((e) => ({ afterCloseMs: e.afterClose })),
    trends: trendsSchema,
    /** How the outbox retries e-mail: Postmark down delays an e-mail, it never drops it. */
    delivery: z
      .strictObject({
        maxRetryInterval: durationMs.default(120_000),
        attemptWindow: durationMs.default(24 * 3_600_000),
      })
      .default({ maxRetryInterval: 120_000, attemptWindow: 24 * 3_600_000 })
      .transform((d) => ({ maxRetryIntervalMs: d.maxRetryInterval, attemptWindowMs: d.attemptWindow })),
    /**
     * When a case needs an operator's attention although no promise is late yet: an e-mail not out
     * this long after it was decided (Postmark down), an approval waiting this long.
     */
    attention: z
      .strictObject({
        undeliveredAfter: durationMs.default(15 * 60_000),
        approvalWaitingAfter: durationMs.default(24 * 3_600_000),
      })
      .default({ undeliveredAfter: 15 * 60_000, approvalWaitingAfter: 24 * 3_600_000 })
      .transform((a) => ({
        undeliveredAfterMs: a.undeliveredAfter,
        approvalWaitingAfterMs: a.approvalWaitingAfter,
      })),
    resolutionCall: z
      .strictObject({
        when: z.enum(t.resolutionCallModes, { error: `expected one of ${t.resolutionCallModes.join(', ')}` }),
        callBackOnIntake: z.boolean(),
      })
      // Seed 003: every outcome is told by phone (not only the unfavourable ones).
      .default({ when: 'always', callBackOnIntake: true }),
    paper: z
      .strictObject({
        /** Customers who complained by these channels get every message as a printed letter. */
        channels: z.array(channelSchema).default(['letter', 'fax']),
        /** Their satisfaction survey: a printed letter, or a call in which the owner asks it. */
        survey: z
          .enum(t.paperSurveyModes, { error: `expected one of ${t.paperSurveyModes.join(', ')}` })
          .default('letter'),
      })
      .default({ channels: ['letter', 'fax'], survey: 'letter' }),
    /**
     * The organisation as its printed letters show it: the postal address at the top of every letter,
     * which the letters send the customer to. Without it no letter promises an address.
     */
    organisation: z
      .strictObject({
        postalAddress: z
          .array(
            z.string().trim().min(1, 'an empty address line').max(120, 'a line of at most 120 characters'),
          )
          .min(1, 'expected the address lines, e.g. ["Customer Care", "ul. Prosta 1", "00-001 Warszawa"]')
          .max(8, 'at most 8 address lines')
          .optional(),
      })
      .optional(),
    /** A reply this long after the close reopens the same case with the same owner (the messages say until when). */
    reopen: z
      .strictObject({ window: optionalDelayMs.default(14 * 86_400_000) })
      .default({ window: 14 * 86_400_000 })
      .transform((r) => ({ windowMs: r.window })),
    survey: z
      .strictObject({
        minScore: z.number().int().default(1),
        maxScore: z.number().int().default(5),
        lowScoreThreshold: z.number().int().default(2),
      })
      .refine((s) => s.minScore <= s.lowScoreThreshold && s.lowScoreThreshold < s.maxScore, {
        message: 'must be within the scale and below its top',
        path: ['lowScoreThreshold'],
      })
      .default({ minScore: 1, maxScore: 5, lowScoreThreshold: 2 }),
    formalAcknowledgementChannels: z.array(channelSchema).default(['fax', 'letter']),
    categories: z.array(categorySchema).min(1),
    fallbackCategory: slug.default('other'),
    priorityRules: priorityRulesSchema,
    social: z.strictObject({ clock: clockSchema.optional(), officeClock: clockSchema.optional() }).optional(),
    documentation: z.strictObject({
      rootCauseCategories: z.array(documentationChoice).min(1),
      contributingFactors: z.array(documentationChoice).min(1),
    }),
  })
  .superRefine((p, ctx) => {
    const ids = p.categories.map((c) => c.id);
    p.categories.forEach((c, i) => {
      if (ids.indexOf(c.id) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i, 'id'],
          message: `category "${c.id}" repeats`,
        });
      }
      for (const lang of p.languages) {
        if (!c.labels[lang]) {
          ctx.addIssue({ code: 'custom', path: ['categories', i, 'labels', lang], message: 'missing label' });
        }
        // Keyword routing must work in every language the desk supports.
        if (c.id !== p.fallbackCategory && !c.keywords[lang]?.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['categories', i, 'keywords', lang],
            message: 'missing keywords',
          });
        }
      }
    });
    for (const list of ['rootCauseCategories', 'contributingFactors'] as const) {
      const listIds = p.documentation[list].map((x) => x.id);
      listIds.forEach((id, i) => {
        if (listIds.indexOf(id) !== i)
          ctx.addIssue({
            code: 'custom',
            path: ['documentation', list, i, 'id'],
            message: `"${id}" repeats`,
          });
      });
    }
    if (!ids.includes(p.fallbackCategory)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fallbackCategory'],
        message: `"${p.fallbackCategory}" is not one of the categories (${ids.join(', ')})`,
      });
    }
    for (const lang of p.languages) {
      if (!p.priorityRules.safetyKeywords[lang]?.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['priorityRules', 'safetyKeywords', lang],
          message: 'missing safety keywords',
        });
      }
    }
  });

// --- the roster -----------------------------------------------------------------------------------

/** The language and zone of a roster member's staff e-mails. */
const staffReader = {
  language: z
    .enum(t.staffLanguages, { error: `staff e-mails are written in ${t.staffLanguages.join(', ')}` })
    .optional(),
  timeZone: timeZone.optional(),
};

const personShape = {
  id: slug,
  name: z.string().min(1),
  email: emailSchema,
  phone: z
    .string()
    .regex(/^\+?[0-9][0-9 ()-]{4,}$/, 'expected a phone number like "+48 22 555 01 23"')
    .optional(),
  ...staffReader,
};

export const personSchema = z.strictObject(personShape);
export const ownerSchema = z.strictObject({
  ...personShape,
  languages: z.array(languageSchema).min(1),
  categories: z.array(slug).min(1),
  teamLead: slug,
});
export const teamLeadSchema = z.strictObject({ ...personShape, supervisor: slug });

export const rosterSchema = z
  .strictObject({
    owners: z.array(ownerSchema).min(1, 'expected at least one owner'),
    teamLeads: z.array(teamLeadSchema).min(1),
    supervisors: z.array(personSchema).min(1),
    head: personSchema,
    /** Where trend alerts go besides the head (a quality team's mailbox). */
    quality: z.strictObject({ name: z.string().min(1), email: emailSchema, ...staffReader }).optional(),
    /** The on-duty rota (domain/rota.ts): who works outside office hours. */
    onDuty: z
      .array(
        z.strictObject({
          personId: slug,
          days: z.array(z.number().int().min(1).max(7)).min(1),
          from: wallTime,
          to: wallTime,
          timeZone: timeZone.optional(),
        }),
      )
      .optional(),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    const checkUnique = (id: string, path: (string | number)[]) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: `id "${id}" is used twice` });
      seen.add(id);
    };
    r.owners.forEach((o, i) => checkUnique(o.id, ['owners', i, 'id']));
    r.teamLeads.forEach((l, i) => checkUnique(l.id, ['teamLeads', i, 'id']));
    r.supervisors.forEach((s, i) => checkUnique(s.id, ['supervisors', i, 'id']));
    checkUnique(r.head.id, ['head', 'id']);
    const leads = new Set(r.teamLeads.map((l) => l.id));
    const supervisors = new Set(r.supervisors.map((s) => s.id));
    r.owners.forEach((o, i) => {
      if (!leads.has(o.teamLead)) {
        ctx.addIssue({
          code: 'custom',
          path: ['owners', i, 'teamLead'],
          message: `no team lead "${o.teamLead}"`,
        });
      }
    });
    const people = new Set([...r.owners, ...r.teamLeads, ...r.supervisors, r.head].map((p) => p.id));
    (r.onDuty ?? []).forEach((shift, i) => {
      if (!people.has(shift.personId))
        ctx.addIssue({
          code: 'custom',
          path: ['onDuty', i, 'personId'],
          message: `nobody "${shift.personId}"`,
        });
    });
    r.teamLeads.forEach((l, i) => {
      if (!supervisors.has(l.supervisor)) {
        ctx.addIssue({
          code: 'custom',
          path: ['teamLeads', i, 'supervisor'],
          message: `no supervisor "${l.supervisor}"`,
        });
      }
    });
  });

// --- types ----------------------------------------------------------------------------------------

/** What a policy file may contain (durations as strings, defaults optional). */
export type PolicyInput = z.input<typeof policySchema>;
export type PolicyOutput = z.output<typeof policySchema>;
export type RosterInput = z.input<typeof rosterSchema>;
export type RosterOutput = z.output<typeof rosterSchema>;

export type { Policy, Roster, Owner, Person, TeamLead, ClockPolicy, PriorityTimings, Remedy } from './types';

// The hand-written types in ./types (which workflow code uses) must stay exactly what the schemas
// produce: this fails to compile when they drift apart.
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type _PolicyTypeMatchesSchema = Assert<Equal<PolicyOutput, t.Policy>>;
export type _RosterTypeMatchesSchema = Assert<Equal<RosterOutput, t.Roster>>;
export type _RemedyTypeMatchesSchema = Assert<Equal<z.output<typeof remedySchema>, t.Remedy>>;
