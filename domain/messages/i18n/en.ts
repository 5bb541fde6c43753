// English (en-GB). First person from the named owner; "we" for the company and for system mail.
import { b, button, facts, h, isBlank, ltr, ol, own, p, t, timeline } from '../blocks';
import type { Block } from '../blocks';
import type { LetterRemedy, ReplyHint } from '../types';
import type { CustomerPack, Helpers } from './pack';

/** On a printed letter: where the customer can follow the case without e-mail. */
const online = (url: string) => t`You can also follow your complaint online: ${ltr(url)}`;
const replyHint = (hint: ReplyHint | undefined, hasStatusPage: boolean): string => {
  if (hint === 'status-page' && hasStatusPage)
    return 'You can answer on your complaint’s status page (link below).';
  if (hint === 'email-or-status-page' && hasStatusPage) {
    return 'You can simply reply to this e-mail, or answer on your complaint’s status page (link below).';
  }
  return 'The easiest way is to reply to this e-mail; please keep the reference in the subject line.';
};

const days = (n: number): string => (n === 1 ? '1 day' : `${n} days`);

function remedyBlocks(remedy: LetterRemedy, hh: Helpers): Block[] {
  switch (remedy.kind) {
    case 'refund':
      return [p(t`A refund of ${b(hh.money(remedy.amount, remedy.currency))}.`)];
    case 'voucher':
      return [
        p(
          remedy.value
            ? t`A voucher worth ${b(hh.percent(remedy.percent))} of your purchase (${b(hh.money(remedy.value.amount, remedy.value.currency))}), to use on your next purchase with us. It is valid for ${days(remedy.validityDays)}, until ${b(hh.day(remedy.validUntil, 'remedy.validUntil'))}.`
            : t`A voucher worth ${b(hh.percent(remedy.percent))} of your purchase, to use on your next purchase with us. It is valid for ${days(remedy.validityDays)}, until ${b(hh.day(remedy.validUntil, 'remedy.validUntil'))}.`,
        ),
        ...(remedy.code ? [p(t`Your voucher code: ${b(remedy.code)}`)] : []),
      ];
    case 'replacement':
      return [p('A replacement for the product.')];
    case 'repair':
      return [p('A repair of the product.')];
    case 'none':
      return [];
  }
}

export const en: CustomerPack = {
  greeting: (name) => (isBlank(name) ? 'Hello,' : `Dear ${name},`),
  signOff: (formal) => (formal ? 'Yours sincerely,' : 'Kind regards,'),
  footer: (ref) => t`When you reply, please keep ${ref} in the subject line.`,
  statusLinkLabel: 'Check the status of your complaint',
  outcomes: {
    upheld: 'Upheld',
    'partially-upheld': 'Partially upheld',
    rejected: 'Not upheld',
  },
  timeline: {
    received: 'Complaint received',
    acknowledged: 'Receipt confirmed to you',
    diagnosis: 'Preliminary assessment sent',
    questions: 'We asked you for more information',
    'customer-answer': 'Your answer received',
    update: 'Progress update',
    extension: 'Expected date extended',
    delay: 'Delay notified',
    escalation: 'Referred for further review',
    reassignment: 'New contact person',
    decision: 'Decision',
    call: 'Phone call',
    other: 'Note',
  },
  chat: {
    publicAcknowledgement: (name, link) =>
      `${name ? `${name}, thank you` : 'Thank you'} for telling us, and we are sorry about this. So that nothing personal has to be written here, please carry on with us in a private chat: ${link}`,
    welcome:
      'Hello! Tell us here, in your own words, what went wrong (a photo helps too). Your first message opens your complaint, and the person handling it will answer in this chat.',
    openCase: (reference, ownerName) =>
      `Your complaint ${reference} is open and ${ownerName} is handling it: write here and it reaches them.`,
    photo: '[photo]',
    document: (fileName) => (fileName ? `[document ${fileName}]` : '[document]'),
    unsupported: (kind) => `[${kind}: not readable here]`,
    empty: '(an empty message)',
  },
  chatWording: [
    [
      'The easiest way is to reply to this e-mail; please keep the reference in the subject line.',
      'The easiest way is to reply in this chat.',
    ],
    ['replying to this e-mail', 'replying in this chat'],
    ['reply to this e-mail', 'reply in this chat'],
  ],
  paperWording: [
    [
      'The easiest way is to reply to this e-mail; please keep the reference in the subject line.',
      'The easiest way is to write to us at the address at the top of this letter, quoting your reference.',
    ],
    ['replying to this e-mail', 'writing to us at the address at the top of this letter'],
    ['reply to this e-mail', 'write to us at the address at the top of this letter'],
    ['ignore this message', 'ignore this letter'],
    ['(link below)', '(its address is below)'],
  ],
  paperWordingWithoutAddress: [
    [' at the address at the top of this letter', ''],
    ['send it back to us at the address at the top', 'send it back to us'],
  ],
  statusOnPaper: online,
  templates: {
    acknowledgement: (m, hh) => ({
      subject: 'We have received your complaint',
      blocks: [
        p(
          t`Thank you for getting in touch, and I’m sorry you had reason to. Your complaint reached us on ${hh.dateTime(m.receivedAt, 'receivedAt')}, and it is now in good hands.`,
        ),
        p(
          hh.paper
            ? t`My name is ${m.ownerName} and I will be looking after your complaint personally, from start to finish. If you have any questions or anything to add, write to us at the address at the top of this letter, quoting your reference ${hh.ref}, and it will come straight to me.`
            : t`My name is ${m.ownerName} and I will be looking after your complaint personally, from start to finish. If you have any questions or anything to add, simply reply to this e-mail and it will come straight to me.`,
        ),
        p(
          t`I’m now going to look carefully into what happened. You will hear from me by ${b(hh.dateTime(m.nextContactBy, 'nextContactBy'))} at the latest – either with a first assessment, or with questions if there is anything more I need to know.`,
        ),
        p(
          'I will keep you informed of every development until your complaint is settled, and whatever the outcome, I will explain clearly how we reached it.',
        ),
        facts([
          ['Reference', [hh.ref]],
          ['Received', hh.dateTime(m.receivedAt, 'receivedAt')],
          ['Handled by', m.ownerRole ? `${m.ownerName} (${m.ownerRole})` : m.ownerName],
          ['Next update by', hh.dateTime(m.nextContactBy, 'nextContactBy')],
        ]),
        p(t`If you contact us about this complaint in any other way, please quote your reference ${hh.ref}.`),
      ],
    }),

    diagnosis: (m, hh) => ({
      subject: 'A first look at your complaint',
      blocks: [
        p('As promised, here is my first assessment of your complaint.'),
        ...(isBlank(m.apology) ? [] : [own(m.apology ?? '')]),
        h('What I have found so far'),
        own(m.summary),
        p(
          t`This is a preliminary view: I am still checking the details, and if anything changes I will let you know. I expect to be able to give you a final answer by ${b(hh.day(m.expectedResolutionBy, 'expectedResolutionBy'))}.`,
        ),
        p(
          'If anything here doesn’t match what happened, or if I have missed something, please reply to this e-mail – it helps me get this right.',
        ),
      ],
    }),

    diagnosisDelay: (m, hh) => ({
      subject: 'I owe you an answer about your complaint',
      blocks: [
        p(
          t`I promised you a first assessment of your complaint by ${b(hh.dateTime(m.promisedBy, 'promisedBy'))}, and I haven’t managed it. I’m sorry – you should not have to wait without news.`,
        ),
        p(
          t`I am working on it, and you will hear from me by ${b(hh.dateTime(m.newContactBy, 'newContactBy'))} at the latest, with my first assessment or with questions if I need to know more.`,
        ),
        p(
          hh.paper
            ? t`If you would like to add anything in the meantime, write to us at the address at the top of this letter, quoting your reference ${hh.ref}.`
            : 'If you would like to add anything in the meantime, just reply to this e-mail.',
        ),
      ],
    }),

    reopenNotice: (m, hh) => ({
      subject: 'I have reopened your complaint',
      blocks: [
        p(
          'Thank you for getting back to me. I have reopened your complaint, and I am looking after it again.',
        ),
        p(
          t`You don’t need to explain anything again: I have the whole history. You will hear from me by ${b(hh.dateTime(m.nextContactBy, 'nextContactBy'))} at the latest.`,
        ),
      ],
    }),

    questions: (m, hh) => ({
      subject: 'A few questions about your complaint',
      blocks: [
        p('To move your complaint forward, I need a little more information from you:'),
        ol(m.questions),
        p(
          t`Could you send me your answers by ${b(hh.dateTime(m.answerBy, 'answerBy'))}? ${replyHint(m.replyHint, !!m.statusUrl)}`,
        ),
        p('As soon as I have them, I will carry on with your complaint. Thank you for your help.'),
      ],
    }),

    questionsReminder: (m, hh) => ({
      subject: 'Reminder: I need your answers to continue',
      blocks: [
        p(
          'I’m writing again because I haven’t yet received your answers to my questions. Without them I can’t finish looking into your complaint.',
        ),
        p('Here are the questions again:'),
        ol(m.questions),
        p(
          t`If you can reply by ${b(hh.dateTime(m.answerBy, 'answerBy'))}, I will pick things up straight away. ${replyHint(m.replyHint, !!m.statusUrl)}`,
        ),
        p(
          m.reopenUntil
            ? t`If I don’t hear from you by then, I will close the complaint for now – but if you reply by ${b(hh.day(m.reopenUntil, 'reopenUntil'))}, I will reopen it and carry on where we left off.`
            : 'If I don’t hear from you by then, I will close the complaint for now – if you write to us later, we will look into it again.',
        ),
        p('If you have already sent your answers, thank you, and please ignore this message.'),
      ],
    }),

    noResponseClosure: (m, hh) => ({
      subject: 'We have closed your complaint for now',
      blocks: [
        p(
          'I asked you for some more information about your complaint, but as I haven’t heard back from you, I have closed it for now.',
        ),
        p(
          m.reopenUntil
            ? t`That doesn’t mean the matter is over. If you would still like us to look into it, just reply to this e-mail by ${b(hh.day(m.reopenUntil, 'reopenUntil'))}, quoting your reference ${hh.ref}, and I will reopen your complaint and carry on from where we left off. You won’t need to start again.`
            : t`That doesn’t mean the matter is over. If you would still like us to look into it, just write to us, quoting your reference ${hh.ref}, and we will look into it again.`,
        ),
        p(
          'If you no longer need our help, there is nothing you need to do. Thank you for telling us about the problem in the first place.',
        ),
      ],
    }),

    progressUpdate: (m, hh) => {
      // No date once the promised one was missed: the owner has not set a new one yet.
      const by = b(m.expectedResolutionBy ? hh.day(m.expectedResolutionBy, 'expectedResolutionBy') : '');
      if (m.sentBy === 'owner' && !isBlank(m.message)) {
        return {
          subject: 'An update on your complaint',
          blocks: [
            p('Here is the latest on your complaint:'),
            own(m.message),
            p(
              m.expectedResolutionBy
                ? t`I still expect to be able to give you an answer by ${by}. If you have any questions in the meantime, just reply to this e-mail.`
                : t`I cannot yet give you a reliable new date for our answer; I will tell you as soon as I can. If you have any questions in the meantime, just reply to this e-mail.`,
            ),
          ],
        };
      }
      return {
        subject: 'An update on your complaint',
        blocks: isBlank(m.message)
          ? [
              p(
                m.expectedResolutionBy
                  ? t`Just a short note to let you know that we are still working on your complaint – it has not been forgotten. ${m.ownerName} is looking after it, and we expect to be able to give you an answer by ${by}.`
                  : t`Just a short note to let you know that we are still working on your complaint – it has not been forgotten. ${m.ownerName} is looking after it and will tell you the new expected date as soon as it is known.`,
              ),
              p('If you have any questions in the meantime, just reply to this e-mail.'),
            ]
          : [
              p('A short update on your complaint:'),
              own(m.message),
              p(
                m.expectedResolutionBy
                  ? t`We expect to be able to give you an answer by ${by}. If you have any questions in the meantime, just reply to this e-mail.`
                  : t`We will tell you the new expected date as soon as it is known. If you have any questions in the meantime, just reply to this e-mail.`,
              ),
            ],
      };
    },

    delayNotice: (m, hh) => ({
      subject: 'Your complaint is taking longer than we promised',
      blocks: [
        p(
          t`We told you that you would have an answer by ${b(hh.day(m.promisedBy, 'promisedBy'))}, and we haven’t managed it. I’m sorry – I know waiting is frustrating, especially when you have already had a problem.`,
        ),
        m.newExpectedBy
          ? p(
              t`I am still working on it, and I now expect to be able to give you an answer by ${b(hh.day(m.newExpectedBy, 'newExpectedBy'))}. I will keep you posted until then, so you won’t have to chase us.`,
            )
          : p(
              'I am still working on it. I can’t give you a reliable new date just yet, but I will write to you as soon as I can – I won’t leave you without news.',
            ),
        p('If you would like to talk about it in the meantime, just reply to this e-mail.'),
      ],
    }),

    extensionNotice: (m, hh) => ({
      subject: 'We need more time for your complaint',
      blocks: [
        p(
          'I wanted to let you know as early as possible that resolving your complaint will take longer than we first expected.',
        ),
        h('Why'),
        own(m.reason),
        p(
          t`My new expected date for an answer is ${b(hh.day(m.newExpectedBy, 'newExpectedBy'))}. I’m sorry for the extra wait, and I will keep you informed along the way.`,
        ),
        p('If you have any questions, just reply to this e-mail.'),
      ],
    }),

    resolutionLetter: (m, hh) => ({
      subject: 'The outcome of your complaint',
      formal: true,
      blocks: [
        p(
          t`This letter sets out our decision on your complaint, which we received on ${hh.day(m.receivedAt, 'receivedAt')}, and summarises how we handled it.${m.timeline.some((e) => e.kind === 'call') ? ' It confirms in writing what we discussed on the phone.' : ''}`,
        ),
        ...(m.callAttempts?.length
          ? [
              p(
                t`We tried to call you to tell you our decision in person (${m.callAttempts.map((a, i) => hh.dateTime(a, `callAttempts.${i}`)).join(', ')}), but could not reach you, so we are sending it in writing.`,
              ),
            ]
          : []),
        facts([
          ['Reference', [hh.ref]],
          ['Received', hh.dateTime(m.receivedAt, 'receivedAt')],
          ['Handled by', m.ownerName],
          ['Decision', en.outcomes[m.outcome]],
        ]),
        h('Our decision'),
        p(
          m.outcome === 'upheld'
            ? 'Having looked into your complaint, we agree with you: your complaint is upheld.'
            : m.outcome === 'partially-upheld'
              ? 'Having looked into your complaint, we have upheld it in part.'
              : 'We have looked into your complaint carefully, but we are unable to uphold it. I know this is not the answer you were hoping for, so I want to explain our reasons clearly.',
        ),
        own(m.explanation),
        ...(isBlank(m.apology) ? [] : [own(m.apology)]),
        ...(m.remedy.kind === 'none'
          ? []
          : [
              h('What we are offering'),
              ...remedyBlocks(m.remedy, hh),
              ...(isBlank(m.howToUseRemedy) ? [] : [own(m.howToUseRemedy ?? '')]),
            ]),
        h('How we handled your complaint'),
        timeline(
          m.timeline.map((e) => ({
            when: hh.dateTime(e.at, 'timeline.at'),
            what: en.timeline[e.kind],
            note: e.text,
          })),
        ),
        h('If you disagree'),
        p(
          hh.paper
            ? t`If you are not satisfied with our decision, please tell me: write to us at the address at the top of this letter, quoting your reference ${hh.ref}, and I will go through anything that is unclear with you. You can also take your complaint further:`
            : 'If you are not satisfied with our decision, please tell me: reply to this e-mail and I will go through anything that is unclear with you. You can also take your complaint further:',
        ),
        // The desk's words, not someone's own: a letter or a chat rewords its "reply to this e-mail".
        p(m.disagreementRoute),
        p('Thank you for taking the time to tell us about this. Complaints like yours help us to improve.'),
      ],
    }),

    surveyInvitation: (m, hh) => ({
      // The second survey, after a follow-up, says so rather than repeating the first.
      subject: m.round ? 'After our follow-up: how did we do?' : 'How did we handle your complaint?',
      statusLink: false,
      blocks: [
        p(
          m.round
            ? 'After your last answer we came back to your complaint, and I would like to ask once more how we did. If something still isn’t right, I want to know.'
            : 'Now that you have our answer to your complaint, I would like to ask how we did. Your honest opinion helps us improve – and if something still isn’t right, I want to know.',
        ),
        p('It takes about a minute: a score from 1 to 5, and a comment if you would like to add one.'),
        ...(hh.paper
          ? [
              p(
                t`You can answer online at ${ltr(m.surveyUrl)}, or write your score and comment on this letter and send it back to us at the address at the top, quoting your reference ${hh.ref}.`,
              ),
              p('And is there anything else we can help you with? Tell us in your answer.'),
            ]
          : [
              button('Share your feedback', m.surveyUrl),
              p(
                'And is there anything else we can help you with? Tell us in the survey, or simply reply to this e-mail.',
              ),
            ]),
      ],
    }),

    surveyReminder: (m, hh) => ({
      subject: 'Do you have a minute for your feedback?',
      statusLink: false,
      blocks: [
        p(
          'A few days ago I asked how you felt about the way we handled your complaint. If you haven’t had a chance to reply yet, I would still really value your view.',
        ),
        p('It takes about a minute: a score from 1 to 5, and a comment if you would like to add one.'),
        ...(hh.paper
          ? [
              p(
                t`You can answer online at ${ltr(m.surveyUrl)}, or write your score and comment on this letter and send it back to us at the address at the top, quoting your reference ${hh.ref}.`,
              ),
            ]
          : [
              button('Share your feedback', m.surveyUrl),
              p(
                'And is there anything else we can help you with? Tell us in the survey, or simply reply to this e-mail.',
              ),
            ]),
        p('If you have already replied, thank you, and please ignore this reminder.'),
      ],
    }),

    followUpNotice: (m, hh) => ({
      subject: 'Thank you for your feedback – I will be in touch',
      blocks: [
        p(
          'Thank you for your honest feedback. I’m sorry that the way we handled your complaint did not fully meet your expectations.',
        ),
        p(
          t`I want to understand what went wrong and make sure the problem really has been solved. I will get back to you by ${b(hh.dateTime(m.followUpBy, 'followUpBy'))}.`,
        ),
        p('If you would like to tell me more before then, just reply to this e-mail.'),
      ],
    }),

    withdrawalConfirmation: (m, hh) => ({
      subject: 'Your complaint has been withdrawn',
      blocks: [
        p(
          'As you asked, I have withdrawn your complaint and closed it. There is nothing more you need to do.',
        ),
        p(
          m.reopenUntil
            ? t`If you change your mind, just reply to this e-mail by ${b(hh.day(m.reopenUntil, 'reopenUntil'))}, quoting your reference ${hh.ref}, and I will reopen your complaint where we left off. If there is anything else we can help with, write to us at any time.`
            : t`If you change your mind, or if there is anything else we can help with, just reply to this e-mail and quote your reference ${hh.ref}.`,
        ),
        p('Thank you for letting us know.'),
      ],
    }),

    reassignmentNotice: (m) => ({
      subject: 'A new contact person for your complaint',
      blocks: [
        p(
          t`My name is ${m.newOwnerName}, and from today I am looking after your complaint in place of my colleague ${m.previousOwnerName}.`,
        ),
        p('I have the full history of your complaint, so you won’t need to explain anything again.'),
        p('If you have any questions, just reply to this e-mail – it will come straight to me.'),
      ],
    }),
  },
};
