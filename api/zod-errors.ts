// zod's messages at the edge, for people: a missing field says "required" (not "Invalid input:
// expected string, received undefined"), a wrong type names the type wanted in plain words. Installed
// once for the process when the API's schemas load (z.config is global); schema-specific messages
// (min, max, regex, refine) are the schemas' own and win over this map.
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
};

/** The message for an issue, or undefined to keep zod's (or the schema's) own. */
export function edgeErrorMessage(issue: Issue): string | undefined {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'required';
    if (issue.input === null) return 'required (null is not a value here)';
    const wanted = typeWords[issue.expected] ?? issue.expected;
    return `expected ${wanted}`;
  }
  if (issue.code === 'invalid_value' && issue.input === undefined) return 'required';
  if (issue.code === 'invalid_union' && issue.input === undefined) return 'required';
  return undefined;
}

export function installEdgeErrorMap(): void {
  z.config({ customError: edgeErrorMessage });
}
