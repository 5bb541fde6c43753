// The customer's survey answer given by phone or on paper, recorded by the owner: a paper
// complainant's survey goes as a letter or a call (policy `paper.survey`), and their answer counts
// like one given on the survey page (seed 000 "Po piąte").
import type { SurveyAnswerInput } from '../../case';
import { onSurveyAnswer } from '../customer';
import type { ActionRule } from './rule';

export const surveyAnswer: ActionRule<SurveyAnswerInput> = {
  who: 'owner',
  stages: ['survey'],
  check: (_s, a, ctx) => {
    const { minScore, maxScore } = ctx.policy.survey;
    return Number.isInteger(a.score) && a.score >= minScore && a.score <= maxScore
      ? undefined
      : `score: a whole number from ${minScore} to ${maxScore}.`;
  },
  apply(d, a) {
    const s = d.state;
    const round = s.survey?.round;
    // The survey's letter or call is done: the answer came back.
    for (const t of d.openTasks())
      if (t.purpose === `survey-${round}` || t.purpose === `survey-reminder-${round}`)
        d.closeTask(t, 'done', s.owner.id, `Answer recorded (${a.via}).`);
    d.note(
      'survey',
      `Survey answer given ${a.via === 'phone' ? 'by phone' : 'on paper'}, recorded by ${d.actor}.`,
    );
    onSurveyAnswer(d, {
      score: a.score,
      stillNeedHelp: a.stillNeedHelp,
      ...(a.comment ? { comment: a.comment } : {}),
    });
  },
};
