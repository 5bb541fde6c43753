// The owner's follow-up after a poor survey score or "I still need help"; a second survey follows.
import type { FollowUpInput } from '../../case';
import { sendSurvey } from '../steps';
import type { ActionRule } from './rule';

export const followUp: ActionRule<FollowUpInput> = {
  who: 'owner',
  stages: ['follow-up'],
  apply(d, f) {
    const s = d.state;
    d.meet('follow-up');
    d.meet('follow-up-new-time');
    s.followUp!.doneAt = d.iso();
    s.followUp!.note = f.note;
    d.note('follow-up', f.note, { kind: 'other', text: f.note }, d.actor);
    // Ruleset 2: a follow-up after a reopening asks again in a round of its own.
    sendSurvey(d, d.ruleset === 2 ? (s.survey?.round ?? 1) + 1 : 2);
  },
};
