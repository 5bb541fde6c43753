// What each caller may see of a case. Supervisors and the owning agent get the whole case; operators
// and other agents get the restricted view: stage, deadlines, owner, kinds of events, but no customer
// details and none of the words (which carry personal data). Fields are copied one by one, so a new
// field in the workflow's state never reaches a caller until it is added here and to the schema.
import type { Action, CaseView, Task } from '../domain/case';
import { supervisorActions } from '../domain/lifecycle';
import { letterOfTask } from '../domain/letters';
import type { Principal } from './keys';
import type { CaseFull, CaseRestricted, CaseResponse } from './complaints/schemas';

/** Actions only supervisors take (approvals, reassignment), whoever owns the case. */
export const supervisorOnly: readonly Action[] = supervisorActions;

export function seesFullCase(principal: Principal, ownerId: string | undefined): boolean {
  return (
    principal.role === 'supervisor' ||
    (principal.role === 'agent' && ownerId !== undefined && principal.subject === ownerId)
  );
}

/** The stage's actions this caller may take: supervisors all, owners all but supervisors' ones, others none. */
export function actionsFor(principal: Principal, view: Pick<CaseView, 'allowedActions' | 'owner'>): Action[] {
  if (principal.role === 'supervisor') return [...view.allowedActions];
  if (principal.role === 'agent' && principal.subject === view.owner.id) {
    return view.allowedActions.filter((a) => !supervisorOnly.includes(a));
  }
  return [];
}

const opt = <T>(value: T | undefined): T | undefined =>
  value === undefined || value === null ? undefined : value;

export function caseResponse(
  view: CaseView,
  principal: Principal,
  links: { customerStatusPage?: string } = {},
): CaseResponse {
  return seesFullCase(principal, view.owner.id)
    ? fullCase(view, principal, links)
    : restrictedCase(view, principal);
}

function common(view: CaseView, principal: Principal) {
  // The promises to the customer: the engine calls each a clock (docs/glossary.md).
  const promises = Object.values(view.clocks).map((c) => ({
    name: c.name,
    dueAt: c.dueAt,
    state: c.state,
    met: c.state === 'met',
    metAt: opt(c.metAt),
    missedAt: opt(c.missedAt),
  }));
  return {
    id: view.complaintId,
    reference: view.reference,
    policyVersion: view.policyVersion,
    stage: view.stage,
    closure: opt(view.closure),
    closedAt: opt(view.closedAt),
    receivedAt: view.receivedAt,
    startedAt: view.startedAt,
    channel: view.channel,
    category: view.category,
    priority: view.priority,
    escalationLevel: view.escalationLevel,
    overdue: view.overdue,
    promises,
    deadlines: promises, // the retired name (deprecated in the OpenAPI document)
    nextDeadline: view.nextDeadline ? { name: view.nextDeadline.name, at: view.nextDeadline.at } : undefined,
    allowedActions: actionsFor(principal, view),
    upcoming: view.upcoming?.map((u) => ({
      name: u.name,
      at: u.at,
      summary: u.summary,
      waitingFor: u.waitingFor,
    })),
    nextCustomerContactBy: opt(view.nextCustomerContactBy),
    reopenableUntil: opt(view.reopenableUntil),
    closing: opt(view.closing),
    reopenings: view.reopenings?.map((r) => ({ at: r.at, closure: r.closure })),
    facts: view.facts && {
      product: view.facts.product && { sku: opt(view.facts.product.sku), name: opt(view.facts.product.name) },
      supplier: opt(view.facts.supplier),
      carrier: opt(view.facts.carrier),
      location: opt(view.facts.location),
      incidentAt: opt(view.facts.incidentAt),
    },
  };
}

/** E-mail addresses never leave through the API's delivery details (Postmark's errors name them). */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[^\s<>()"',;:]+/g, '[address]');
}

/** Closed (done or moot) on either workflow type: the first marks a done task with doneAt only. */
const isOpen = (t: Task) => !t.closedAt && !t.doneAt;

export function fullCase(
  view: CaseView,
  principal: Principal,
  links: { customerStatusPage?: string },
): CaseFull {
  const c = view.customer;
  return {
    view: 'full',
    ...common(view, principal),
    subject: view.subject,
    description: view.description,
    ...(view.attachments?.length
      ? {
          attachments: view.attachments.map(({ id, name, type, size, at }) => ({ id, name, type, size, at })),
        }
      : {}),
    customer: {
      name: c.name,
      email: opt(c.email),
      phone: opt(c.phone),
      fax: opt(c.fax),
      postalAddress: c.postalAddress ? { lines: [...c.postalAddress.lines] } : undefined,
      language: c.language,
      timeZone: opt(c.timeZone),
    },
    customerEmailBounced: view.customerEmailBounced,
    confirmedSenders: view.confirmedSenders?.length ? [...view.confirmedSenders] : undefined,
    unverifiedMessages: view.unverifiedMessages?.length
      ? view.unverifiedMessages.map((m) => ({ from: m.from, at: m.at, text: m.text, reason: m.reason }))
      : undefined,
    order: view.order
      ? {
          reference: view.order.reference,
          amount: opt(view.order.amount),
          currency: opt(view.order.currency),
          purchaseDate: opt(view.order.purchaseDate),
        }
      : undefined,
    externalId: opt(view.externalId),
    senderDate: opt(view.senderDate),
    categoryReasons: [...view.categoryReasons],
    owner: { id: view.owner.id, name: view.owner.name, email: view.owner.email },
    ownerHistory: view.ownerHistory.map((h) => ({ ownerId: h.ownerId, from: h.from, reason: h.reason })),
    escalations: view.escalations.map((e) => ({ at: e.at, level: e.level, reason: e.reason })),
    pendingApproval: view.pendingApproval
      ? {
          kind: view.pendingApproval.kind,
          requestedAt: view.pendingApproval.requestedAt,
          summary: view.pendingApproval.summary,
        }
      : undefined,
    diagnosis: view.diagnosis
      ? {
          at: view.diagnosis.at,
          summary: view.diagnosis.summary,
          probableCause: view.diagnosis.probableCause,
          responsibleParty: {
            kind: view.diagnosis.responsibleParty.kind,
            name: view.diagnosis.responsibleParty.name,
          },
          expectedResolutionBy: view.diagnosis.expectedResolutionBy,
          customerVisibleNote: opt(view.diagnosis.customerVisibleNote),
          apology: opt(view.diagnosis.apology),
        }
      : undefined,
    questions: view.questions
      ? {
          at: view.questions.at,
          questions: [...view.questions.questions],
          reminderSentAt: opt(view.questions.reminderSentAt),
          answeredAt: opt(view.questions.answeredAt),
        }
      : undefined,
    extensions: view.extensions.map((e) => ({
      at: e.at,
      newExpectedBy: e.newExpectedBy,
      reason: e.reason,
      approvedBy: opt(e.approvedBy),
    })),
    resolution: view.resolution
      ? {
          at: view.resolution.at,
          outcome: view.resolution.outcome,
          explanation: view.resolution.explanation,
          apology: view.resolution.apology,
          remedy: { ...view.resolution.remedy },
          howToUseRemedy: opt(view.resolution.howToUseRemedy),
          approvedBy: opt(view.resolution.approvedBy),
          voucher: view.resolution.voucher && {
            code: opt(view.resolution.voucher.code),
            validUntil: view.resolution.voucher.validUntil,
            value: view.resolution.voucher.value && { ...view.resolution.voucher.value },
          },
        }
      : undefined,
    rejectedResolutions: view.rejectedResolutions.map((r) => ({
      at: r.at,
      note: opt(r.note),
      supervisorId: r.supervisorId,
    })),
    resolutionCall: view.resolutionCall
      ? {
          attempts: view.resolutionCall.attempts,
          reminders: view.resolutionCall.reminders,
          reached: view.resolutionCall.reached,
          gaveUp: view.resolutionCall.gaveUp,
          lastAttemptAt: opt(view.resolutionCall.lastAttemptAt),
          waivedBy: opt(view.resolutionCall.waivedBy),
        }
      : undefined,
    letterSentAt: opt(view.letterSentAt),
    survey: view.survey
      ? {
          round: view.survey.round,
          sentAt: view.survey.sentAt,
          reminderSentAt: opt(view.survey.reminderSentAt),
        }
      : undefined,
    surveyAnswers: view.surveyAnswers.map((a) => ({
      at: a.at,
      round: a.round,
      score: a.score,
      comment: opt(a.comment),
      stillNeedHelp: a.stillNeedHelp,
    })),
    followUp: view.followUp
      ? {
          openedAt: view.followUp.openedAt,
          dueBy: view.followUp.dueBy,
          doneAt: opt(view.followUp.doneAt),
          note: opt(view.followUp.note),
        }
      : undefined,
    documentation: view.documentation
      ? {
          at: view.documentation.at,
          rootCause: view.documentation.rootCause,
          rootCauseCategory: opt(view.documentation.rootCauseCategory),
          contributingFactors: [...view.documentation.contributingFactors],
          responsibleParty: view.documentation.responsibleParty,
          responsiblePartyKind: opt(view.documentation.responsiblePartyKind),
          correctiveAction: view.documentation.correctiveAction,
          preventiveAction: view.documentation.preventiveAction,
        }
      : undefined,
    tasks: view.tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      reason: t.reason,
      purpose: opt(t.purpose),
      promise: opt(t.clock),
      clock: opt(t.clock), // the retired name (deprecated in the OpenAPI document)
      createdAt: t.createdAt,
      dueBy: opt(t.dueBy),
      doneAt: opt(t.doneAt) ?? (t.closedAs === 'done' ? opt(t.closedAt) : undefined),
      note: opt(t.note),
      closedAt: opt(t.closedAt) ?? opt(t.doneAt),
      closedAs: opt(t.closedAs) ?? (t.doneAt ? 'done' : undefined),
      closedBy: opt(t.closedBy),
      closingNote: opt(t.closingNote),
      ...letterLink(view.complaintId, t),
    })),
    deliveries: view.deliveries?.map((d) => ({
      id: d.id,
      purpose: d.purpose,
      audience: d.audience,
      to: d.to,
      status: d.status,
      decidedAt: d.decidedAt,
      settledAt: opt(d.settledAt),
      detail: d.detail ? withoutAddresses(d.detail) : undefined,
      delayedSince: opt(d.delayedSince),
    })),
    statutory: view.statutory
      ? {
          dueAt: view.statutory.dueAt,
          warnedAt: opt(view.statutory.warnedAt),
          breachedAt: opt(view.statutory.breachedAt),
          consequence: opt(view.statutory.consequence),
        }
      : undefined,
    timeline: {
      customer: view.timeline
        .filter((e) => e.customerVisible && e.customerKind)
        .map((e) => ({ at: e.at, kind: e.customerKind!, text: opt(e.customerText) })),
      internal: view.timeline.map((e) => ({
        at: e.at,
        kind: e.kind,
        text: e.text,
        by: opt(e.by),
        customerVisible: e.customerVisible,
      })),
    },
    links: { self: `/complaints/${view.complaintId}`, customerStatusPage: links.customerStatusPage },
  };
}

export function restrictedCase(view: CaseView, principal: Principal): CaseRestricted {
  return {
    view: 'restricted',
    ...common(view, principal),
    owner: { id: view.owner.id, name: view.owner.name },
    customerLanguage: view.customer.language,
    pendingApproval: view.pendingApproval
      ? { kind: view.pendingApproval.kind, requestedAt: view.pendingApproval.requestedAt }
      : undefined,
    openTasks: view.tasks.filter(isOpen).length,
    deliveries: view.deliveries?.map((d) => ({
      id: d.id,
      purpose: d.purpose,
      audience: d.audience,
      status: d.status,
      decidedAt: d.decidedAt,
      settledAt: opt(d.settledAt),
      delayedSince: opt(d.delayedSince),
    })),
    events: view.timeline.map((e) => ({ at: e.at, kind: e.kind })),
    links: { self: `/complaints/${view.complaintId}` },
  };
}

/** A write task for a formal letter links to the printable letter (api/letters/routes.ts). */
function letterLink(complaintId: string, task: Task): { letter?: string } {
  const kind = letterOfTask(task);
  return kind ? { letter: `/complaints/${complaintId}/letters/${kind}` } : {};
}
