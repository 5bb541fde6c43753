// Reading policy and roster files (JSON or YAML) and the policy's `extends` chain; validating and
// merging them is domain/policy.ts.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  isPlainObject,
  parseRoster,
  PolicyFileError,
  policyFromLayers,
  rosterProblems,
  type PolicyLayer,
} from '../domain/policy';
import type { Policy, Roster } from '../domain/types';
import { projectRoot } from './paths';

/** Load a policy file (.json, .yaml or .yml). Relative paths are tried from the working directory, then the project root. */
export function loadPolicy(file: string): Policy {
  return policyFromLayers(readChain(resolveFile(file), []));
}

/**
 * Load a roster file. With a policy, also check that the roster fits it (known categories and
 * languages, every language and category covered by some owner).
 */
export function loadRoster(file: string, policy?: Policy): Roster {
  const resolved = resolveFile(file);
  const source = sourceName(resolved);
  const roster = parseRoster(readData(resolved, source), source);
  if (policy) {
    const problems = rosterProblems(roster, policy);
    if (problems.length > 0) throw new PolicyFileError(source, problems);
  }
  return roster;
}

function readChain(file: string, seen: string[]): PolicyLayer[] {
  const source = sourceName(file);
  if (seen.includes(file))
    throw new PolicyFileError(source, [
      `extends: circular (${[...seen, file].map(sourceName).join(' -> ')})`,
    ]);
  const data = readData(file, source);
  if (!isPlainObject(data)) throw new PolicyFileError(source, ['expected an object at the top level']);
  const { extends: base, ...rest } = data;
  if (base === undefined) return [{ source, data: rest }];
  if (typeof base !== 'string') throw new PolicyFileError(source, ['extends: expected a file name']);
  const baseFile = path.resolve(path.dirname(file), base);
  return [...readChain(baseFile, [...seen, file]), { source, data: rest }];
}

function readData(file: string, source: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new PolicyFileError(source, [`cannot read the file (${(err as Error).message})`]);
  }
  try {
    return /\.json$/i.test(file) ? JSON.parse(text) : YAML.parse(text);
  } catch (err) {
    throw new PolicyFileError(source, [
      `not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(err as Error).message}`,
    ]);
  }
}

function resolveFile(file: string): string {
  if (path.isAbsolute(file)) return file;
  const fromCwd = path.resolve(file);
  return fs.existsSync(fromCwd) ? fromCwd : path.resolve(projectRoot, file);
}

/** "policy/default.json" inside the project, the absolute path elsewhere. */
function sourceName(file: string): string {
  const rel = path.relative(projectRoot, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}
