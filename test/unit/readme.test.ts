// README is the front door: its Quick start must hold exactly the two commands, and they must be
// the ones package.json and CI actually run.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fromRoot } from '../../infra/paths';
import { ConfigSchema } from '../../infra/config';

const readme = fs.readFileSync(fromRoot('README.md'), 'utf8');

describe('README', () => {
  it('opens its Quick start with a code block of exactly two commands: up, then test', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    assert.ok(readme.includes('## Quick start'), 'has a Quick start section');
    const block = /```[a-z]*\n([\s\S]*?)```/.exec(quickStart);
    assert.ok(block, 'has a fenced code block');
    const firstBlockInFile = /```[a-z]*\n([\s\S]*?)```/.exec(readme);
    assert.equal(firstBlockInFile?.[1], block[1], 'the Quick start block is the first in the file');
    const lines = block[1].split('\n').filter((l) => l.trim() !== '');
    assert.deepEqual(lines, ['npm run up', 'npm test']);
  });

  it('names commands that exist, and CI runs exactly the test command', () => {
    const pkg = JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    assert.ok(pkg.scripts.up?.includes('bootstrap'), 'npm run up installs what a fresh clone needs');
    assert.ok(pkg.scripts.test?.includes('bootstrap'), 'npm test installs what a fresh clone needs');
    const ci = fs.readFileSync(fromRoot('.ci', 'run'), 'utf8');
    assert.match(ci, /^npm test$/m);
  });

  it('documents every configuration variable', () => {
    for (const name of Object.keys(ConfigSchema.shape)) {
      assert.ok(readme.includes(name), `README mentions ${name}`);
    }
  });
});
