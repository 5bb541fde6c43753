// How the case joins a person's words (a call's note, a task's note, a withdrawal's reason, the
// documentation's root cause) into a sentence of its own, in one place: the words stay as written,
// and the case adds no second full stop after words that already end a sentence. Pure.

/** Words that end a sentence themselves: a full stop, ! ? or …, maybe inside a closing quote or bracket. */
const ended = /[.!?…]["'”’»)\]]*$/u;

/** The sentence with its full stop, unless the person's words at its end already close it. */
export function sentence(text: string): string {
  const t = text.trimEnd();
  return ended.test(t) ? t : `${t}.`;
}

/**
 * A person's words inside a sentence, before the case's "; …": a single closing full stop is left
 * out ("padding.; responsible" reads as a typo); an ellipsis, ! or ? stay.
 */
export function clause(text: string): string {
  const t = text.trimEnd();
  return /[^.]\.$/u.test(t) ? t.slice(0, -1) : t;
}
