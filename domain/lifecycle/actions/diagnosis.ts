// The owner's preliminary diagnosis with a promised resolution date (seed 000: within 24 hours).
import type { DiagnosisInput } from '../../case';
import { futureDate, type ActionRule } from './rule';

export const diagnosis: ActionRule<DiagnosisInput> = {
  who: 'owner',
  stages: ['diagnosis'],
  check: (_s, d, ctx) => futureDate(d.expectedResolutionBy, 'expectedResolutionBy', ctx.now),
  apply(d, input) {
    const s = d.state;
    s.diagnosis = { ...input, at: d.iso() };
    d.meet('diagnosis');
    d.meet('diagnosis-after-answer');
    d.meet('diagnosis-new-time');
    s.stage = 'in-progress';
    const old = s.clocks.resolution;
    if (old && old.state === 'missed') s.previousClocks = [...(s.previousClocks ?? []), old];
    d.startClock('resolution', Date.parse(input.expectedResolutionBy));
    const text = input.customerVisibleNote ?? input.summary;
    d.note('diagnosis', `Preliminary diagnosis: ${input.summary}`, { kind: 'diagnosis', text }, d.actor);
    d.tellCustomer('diagnosis', {
      kind: 'diagnosis',
      customerName: s.customer.name,
      reference: s.reference,
      ownerName: s.owner.name,
      summary: text,
      expectedResolutionBy: input.expectedResolutionBy,
      ...(input.apology ? { apology: input.apology } : {}),
    });
  },
};
