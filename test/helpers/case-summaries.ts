// Real case summaries for store tests: a case opened and moved by the pure lifecycle core, then
// projected as the record activity projects it (caseView → caseSummary).
import { caseSummary, type CaseSummary } from '../../domain/archive/summary';
import type { ComplaintInput } from '../../domain/case';
import { categorise } from '../../domain/categorise';
import { caseView, decide, openCase, type LifecycleState } from '../../domain/lifecycle';
import { chooseOwner } from '../../domain/owner';
import { shippedPolicy, shippedRoster } from './complaints';

export function openedCase(
  complaintId: string,
  receivedAt = '2026-03-02T08:00:00.000Z',
  over: Partial<Pick<ComplaintInput, 'customer' | 'subject' | 'channel' | 'senderDate'>> = {},
) {
  const policy = shippedPolicy();
  const roster = shippedRoster();
  const now = Date.parse(receivedAt);
  const input: ComplaintInput = {
    complaintId,
    reference: `CD-2026-${complaintId.slice(-6).toUpperCase().padStart(6, 'X')}`,
    receivedAt,
    customer: { name: 'Maria Kowalska', email: 'maria@example.com', language: 'en' },
    channel: 'email',
    subject: 'Parcel arrived damaged',
    description: 'The courier left the parcel crushed; the lamp is broken.',
    order: { reference: 'ORD-1', amount: 400, currency: 'PLN', purchaseDate: '2026-02-20' },
    facts: { product: { sku: 'LAMP-1', name: 'Desk lamp' }, carrier: 'FastParcel', location: 'Warsaw' },
    policy,
    roster,
    ...over,
  };
  const categorisation = categorise(
    { subject: input.subject, description: input.description, channel: input.channel, language: 'en' },
    policy,
  );
  const choice = chooseOwner(roster, { language: 'en', category: categorisation.category }, {});
  const state = openCase(input, { categorisation, choice }, { policy, roster, now }).state;
  const ctx = (at: number) => ({ policy, roster, now: at });
  return {
    state,
    view: (s: LifecycleState = state, at = now) => caseView(s, ctx(at)),
    summary: (version: number, s: LifecycleState = state, at = now): CaseSummary =>
      caseSummary(caseView(s, ctx(at)), version),
    diagnosed(at = now + 3_600_000): LifecycleState {
      return decide(
        state,
        {
          type: 'action',
          action: 'diagnosis',
          input: {
            summary: 'The lamp broke in transit.',
            probableCause: 'Carrier handling',
            responsibleParty: { kind: 'third-party', name: 'FastParcel' },
            expectedResolutionBy: new Date(at + 5 * 86_400_000).toISOString(),
          },
        },
        ctx(at),
      ).state;
    },
  };
}
