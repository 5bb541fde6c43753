// Who reads a staff e-mail, and so its language and time zone: the roster member with that address
// (their `language`, their `timeZone`), else English in the team's zone (the policy clock's, UTC
// for a calendar clock without one). Pure: the workflow decides it with the case's own snapshot.
import type { ClockPolicy, Roster, StaffLanguage } from './types';

export interface StaffReader {
  language: StaffLanguage;
  timeZone: string;
}

export function staffReaderOf(roster: Roster, email: string, policy: { clock: ClockPolicy }): StaffReader {
  const address = email.toLowerCase();
  const people = [
    ...roster.owners,
    ...roster.teamLeads,
    ...roster.supervisors,
    roster.head,
    ...(roster.quality ? [roster.quality] : []),
  ];
  const person = people.find((p) => p.email.toLowerCase() === address);
  return {
    language: person?.language ?? 'en',
    timeZone: person?.timeZone ?? policy.clock.timeZone ?? 'UTC',
  };
}
