import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import { fromRoot } from '../../infra/paths';

// The decision modules run inside Temporal's deterministic workflow sandbox. ESLint polices
// imports only under workflows/, so this test polices the domain modules the workflow imports.
const pure = ['types', 'durations', 'clock', 'categorise', 'owner', 'compensation', 'escalation', 'rules'];

describe('domain decision modules stay workflow-safe', () => {
  for (const name of pure) {
    it(`${name}.ts imports only other pure modules and never reads the clock or randomness`, () => {
      const source = fs.readFileSync(fromRoot('domain', `${name}.ts`), 'utf8');
      const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // comments may mention anything
      for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gm)) {
        const [statement, , typeOnly, target] = m;
        if (typeOnly) continue; // erased at compile time
        assert.ok(
          pure.some((p) => target === `./${p}`),
          `${name}.ts: value import of "${target}" (${statement.trim()}); only ${pure.join(', ')} are allowed`,
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
        assert.ok(!forbidden.test(code), `${name}.ts uses ${forbidden}`);
      }
    });
  }
});
