// Questions to the customer instead of (or before) a diagnosis; the clock may pause meanwhile.
import type { QuestionsInput } from '../../case';
import type { ActionRule } from './rule';

export const questions: ActionRule<QuestionsInput> = {
  who: 'owner',
  stages: ['diagnosis', 'in-progress'],
  check: (_s, q) => (q.questions.length === 0 ? 'questions: ask at least one question.' : undefined),
  apply(d, q) {
    const s = d.state;
    d.meet('diagnosis');
    d.meet('diagnosis-after-answer');
    d.meet('diagnosis-new-time');
    s.resumeStage = s.stage === 'diagnosis' && !s.diagnosis ? 'diagnosis' : 'in-progress';
    s.stage = 'waiting-on-customer';
    s.questions = { ...q, at: d.iso() };
    const text = q.questions.join(' / ');
    d.note('questions', `Questions to the customer: ${text}`, { kind: 'questions', text }, d.actor);
    d.tellCustomer('questions', {
      kind: 'questions',
      customerName: s.customer.name,
      reference: s.reference,
      ownerName: s.owner.name,
      questions: q.questions,
      answerBy: d.iso(d.after(d.now, d.timings().customerReplyLimitMs)),
    });
  },
};
