// Around the clock (issue #20, seed 001 §6/§10): a social channel's complaint follows the policy's
// social clock (24/7 unless set), and outside office hours its owner is chosen among the people on
// duty (the roster's rota). Pure: the API's intake and the workflow both call it, with the same answers.
import { isSocialChannel } from './channels';
import { isWorkingTime, localWeekdayMinute } from './clock';
import type { Channel, ClockPolicy, DutyShift, Person, Policy, Roster } from './types';

/**
 * The policy a new case on `channel` keeps: for a social channel the social clock replaces the office
 * clock (which it keeps as `social.officeClock`, for the rota); any other channel, the policy as is.
 */
export function policyForChannel(policy: Policy, channel: Channel): Policy {
  if (!isSocialChannel(channel) || policy.social?.officeClock) return policy;
  const social: ClockPolicy = policy.social?.clock ?? { kind: 'calendar', timeZone: policy.clock.timeZone };
  return { ...policy, clock: social, social: { ...policy.social, clock: social, officeClock: policy.clock } };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a shift covers the instant `at` (a shift past midnight counts on the next day too). */
export function onShift(shift: DutyShift, at: number, defaultZone: string): boolean {
  const { weekday, minute } = localWeekdayMinute(at, shift.timeZone ?? defaultZone);
  const from = minutes(shift.from);
  const to = minutes(shift.to);
  if (from < to) return shift.days.includes(weekday) && minute >= from && minute < to;
  // Past midnight: the evening of a shift day, or the early hours of the day after one.
  const yesterday = ((weekday + 5) % 7) + 1;
  return (shift.days.includes(weekday) && minute >= from) || (shift.days.includes(yesterday) && minute < to);
}

/** The roster members on duty at `at` (ids, in rota order, once each). */
export function onDutyAt(roster: Roster, at: number, defaultZone = 'UTC'): string[] {
  const ids = (roster.onDuty ?? []).filter((s) => onShift(s, at, defaultZone)).map((s) => s.personId);
  return [...new Set(ids)];
}

/**
 * The owners to leave out when choosing an owner for a case on `channel` at `at`: on a social
 * channel outside office hours, everyone not on duty — when someone is on duty at all (otherwise the
 * ordinary choice: the case waits for the morning with its owner). Empty otherwise.
 */
export function offDutyOwners(roster: Roster, policy: Policy, channel: Channel, at: number): string[] {
  if (!isSocialChannel(channel) || !roster.onDuty?.length) return [];
  const office = policy.social?.officeClock ?? policy.clock;
  if (isWorkingTime(at, office)) return [];
  const zone = office.timeZone ?? 'UTC';
  const onDuty = new Set(onDutyAt(roster, at, zone));
  if (!roster.owners.some((o) => onDuty.has(o.id))) return [];
  return roster.owners.filter((o) => !onDuty.has(o.id)).map((o) => o.id);
}

/**
 * Who else an escalation of a social case tells at night: the people on duty then who are not
 * owners (the night's team lead or supervisor on the rota). By day, off the social channels, or with
 * nobody such on duty: nobody more — the policy's chain as always.
 */
export function nightEscalationContacts(
  roster: Roster,
  policy: Policy,
  channel: Channel,
  at: number,
): Person[] {
  if (!isSocialChannel(channel) || !roster.onDuty?.length) return [];
  const office = policy.social?.officeClock ?? policy.clock;
  if (isWorkingTime(at, office)) return [];
  const owners = new Set(roster.owners.map((o) => o.id));
  const people: Person[] = [...roster.teamLeads, ...roster.supervisors, roster.head];
  return onDutyAt(roster, at, office.timeZone ?? 'UTC')
    .filter((id) => !owners.has(id))
    .map((id) => people.find((p) => p.id === id))
    .filter((p): p is Person => p !== undefined);
}
