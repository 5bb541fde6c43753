import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../../infra/paths';

// The decision modules run inside Temporal's deterministic workflow sandbox. ESLint polices
// imports only under workflows/, so this test polices the domain modules the workflow imports:
// the small rule modules and the whole promise engine (domain/lifecycle).
const domain = fromRoot('domain');
const rules = [
  'types',
  'durations',
  'clock',
  'categorise',
  'owner',
  'compensation',
  'escalation',
  'rules',
  'locale-defaults',
  'case',
  'staff-reader',
  // #20: the channel model, the social clock and the on-duty rota (the workflow chooses and escalates with them).
  'channels',
  'rota',
  'language',
  // Postmark's failure codes in words: the core writes them into the case's sentences.
  'delivery-failures',
];
const lifecycle = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? lifecycle(path.join(dir, e.name))
        : e.name.endsWith('.ts')
          ? [path.join(dir, e.name)]
          : [],
    );
const pure = new Set([
  ...rules.map((r) => path.join(domain, `${r}.ts`)),
  ...lifecycle(path.join(domain, 'lifecycle')),
]);

describe('domain decision modules stay workflow-safe', () => {
  for (const file of pure) {
    const name = path.relative(domain, file);
    it(`${name} imports only other pure modules and never reads the clock or randomness`, () => {
      const source = fs.readFileSync(file, 'utf8');
      const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // comments may mention anything
      for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gm)) {
        const [statement, , typeOnly, target] = m;
        if (typeOnly) continue; // erased at compile time
        const resolved = target.startsWith('.') ? `${path.resolve(path.dirname(file), target)}.ts` : target;
        const index = target.startsWith('.')
          ? path.join(path.resolve(path.dirname(file), target), 'index.ts')
          : '';
        assert.ok(
          pure.has(resolved) || pure.has(index),
          `${name}: value import of "${target}" (${statement.trim()}); only the pure domain modules are allowed`,
        );
      }
      for (const forbidden of [
        /Date\.now\(/,
        /new Date\(\s*\)/,
        /Math\.random/,
        /\bprocess\./,
        /\brequire\(/,
        /\bsetTimeout\(/,
      ]) {
        assert.ok(!forbidden.test(code), `${name} uses ${forbidden}`);
      }
    });
  }
});
