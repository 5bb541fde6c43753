// The fields of a console action form, as each action's route declares them
// (api/complaints/action-routes.ts): a field's name is the body's dotted path ("responsibleParty.kind"),
// so the errors of the action's schema land next to the field they are about.

import type { CaseView } from '../../domain/case';

// 'category' and 'factors' choose from the policy's documentation lists (a select, and checkboxes).
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'lines'
  | 'datetime'
  | 'number'
  | 'checkbox'
  | 'choice'
  | 'owner'
  | 'category'
  | 'factors';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  options?: readonly string[];
  /** Where the options' labels are among the messages: `${optionLabels}${option}` (else the option). */
  optionLabels?: string;
  optional?: boolean;
  /** The label's message key, when the field's name alone would say the wrong thing (else field.<name>). */
  label?: string;
  /**
   * A hint under the label (a message key): 'hint.toCustomer' for text the customer gets as written,
   * so nobody writes an internal note where the customer will read it.
   */
  hint?: string;
  /**
   * A number's bounds, from the case itself (the survey's scale is its policy's): the input's min and
   * max are the very bounds the case checks, never a copy that could drift from them.
   */
  range?: (c: CaseView) => { min: number; max: number };
  /** A number's step (1 for a whole number); any by default. */
  step?: number;
}

export const f = (name: string, kind: FieldKind, more: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  kind,
  ...more,
});
