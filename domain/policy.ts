// Validating policies and rosters (zod): edge code only; workflows receive the validated, plain
// snapshot. Reading the files is infra/policy-files.ts.
//
// A policy file may start from another one: `"extends": "default.json"` (relative to the file)
// applies the file as a JSON Merge Patch (RFC 7396) to the base: objects merge key by key, arrays
// and values replace, and null removes a key. So demo.json restates only what it changes.
import type { z } from 'zod';
import { policySchema, rosterSchema } from './policy-schema';
import type { Policy, Roster } from './types';

/** A policy or roster that cannot be used; the message has one "file: field.path: problem" line per problem. */
export class PolicyFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${source}: ${p}`).join('\n'));
    this.name = 'PolicyFileError';
  }
}

/** Validate an already-parsed policy object; `sourceName` names it in errors. */
export function parsePolicy(obj: unknown, sourceName: string): Policy {
  return parseWith(policySchema, obj, () => sourceName);
}

/** Validate an already-parsed roster object; `sourceName` names it in errors. */
export function parseRoster(obj: unknown, sourceName: string): Roster {
  return parseWith(rosterSchema, obj, () => sourceName);
}

/** One file of a policy's `extends` chain: its name in errors and its content without `extends`. */
export interface PolicyLayer {
  source: string;
  data: Record<string, unknown>;
}

/** The policy a chain of files makes, base first (each merge-patches the ones before it). */
export function policyFromLayers(chain: PolicyLayer[]): Policy {
  const merged = chain.reduce<unknown>((base, layer) => mergePatch(base, layer.data), {});
  // A problem is reported against the file that wrote the offending value (the base, for an
  // inherited value), or against the file that was asked for when a value is missing.
  return parseWith(policySchema, merged, (issuePath) => {
    for (let i = chain.length - 1; i >= 0; i--) if (hasPath(chain[i].data, issuePath)) return chain[i].source;
    return chain[chain.length - 1].source;
  });
}

/** Where a roster does not fit a policy; empty when it does. */
export function rosterProblems(roster: Roster, policy: Policy): string[] {
  const problems: string[] = [];
  const categories = new Set(policy.categories.map((c) => c.id));
  roster.owners.forEach((o, i) => {
    for (const c of o.categories) {
      if (!categories.has(c))
        problems.push(`owners[${i}].categories: unknown category "${c}" in policy ${policy.version}`);
    }
    for (const l of o.languages) {
      if (!policy.languages.includes(l))
        problems.push(`owners[${i}].languages: "${l}" is not supported by policy ${policy.version}`);
    }
  });
  for (const l of policy.languages) {
    if (!roster.owners.some((o) => o.languages.includes(l))) problems.push(`owners: nobody speaks "${l}"`);
  }
  for (const c of categories) {
    if (!roster.owners.some((o) => o.categories.includes(c))) problems.push(`owners: nobody handles "${c}"`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

function parseWith<S extends z.ZodType>(
  schema: S,
  data: unknown,
  sourceOf: (issuePath: PropertyKey[]) => string,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const bySource = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const source = sourceOf(issue.path);
    const line = `${formatPath(issue.path)}: ${issue.message}`;
    bySource.set(source, [...(bySource.get(source) ?? []), line]);
  }
  const [first, ...others] = [...bySource.entries()];
  // Several files can be at fault (a base and the file extending it): one error naming each.
  const problems = [...first[1], ...others.flatMap(([src, lines]) => lines.map((l) => `(in ${src}) ${l}`))];
  throw new PolicyFileError(first[0], problems);
}

function formatPath(p: PropertyKey[]): string {
  if (p.length === 0) return '(top level)';
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('');
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function hasPath(data: unknown, p: PropertyKey[]): boolean {
  let cur: unknown = data;
  for (const key of p) {
    if (typeof cur !== 'object' || cur === null || !(key in cur)) return false;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return true;
}
