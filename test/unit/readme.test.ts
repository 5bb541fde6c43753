// README is the front door: its Quick start must hold exactly the two commands, and they must be
// the ones package.json and CI actually run.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fromRoot } from '../../infra/paths';
import { ConfigSchema } from '../../infra/config';
import { intakeRequestSchema } from '../../api/schemas';
import { categorise } from '../../domain/categorise';
import { chooseOwner } from '../../domain/owner';
import { devEnvText } from '../../infra/dev-env';
import { loadPolicy, loadRoster } from '../../infra/policy-files';

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

  const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  const roster = loadRoster(fromRoot('policy', 'roster.json'));

  it('shell examples use only what data/dev.env defines, after sourcing it, and no fixed local ports', () => {
    const defined = new Set(
      [
        ...devEnvText({
          apiUrl: 'a',
          sandboxUrl: 's',
          uiUrl: 'u',
          keys: ['agent', 'supervisor', 'operator'].map((role) => ({
            role,
            subject: role,
            name: role,
            key: 'k',
          })),
        }).matchAll(/^export ([A-Z_]+)=/gm),
      ].map((m) => m[1]),
    );
    const firstUse = readme.search(/\$(API_URL|AGENT_KEY|SUPERVISOR_KEY|OPERATOR_KEY|SANDBOX_URL|UI_URL)\b/);
    const sourced = readme.indexOf('source data/dev.env\n');
    assert.ok(sourced > 0, 'an example sources data/dev.env');
    for (const block of shellBlocks) {
      for (const [, name] of block.matchAll(/\$\{?([A-Z][A-Z_]*)/g))
        assert.ok(defined.has(name), `README example uses $${name}, which data/dev.env does not define`);
      assert.doesNotMatch(block, /localhost:\d+|127\.0\.0\.1:\d+/, 'a fixed local port in an example');
    }
    assert.ok(firstUse < 0 || readme.lastIndexOf('```sh', firstUse) <= sourced, 'dev.env is sourced first');
  });

  it('names only owners who are in policy/roster.json', () => {
    const ids = new Set(roster.owners.map((o) => o.id));
    const named = [
      ...readme.matchAll(/ComplaintOwner = '([^']+)'/g),
      ...readme.matchAll(/"ownerId"\s*:\s*"([^"]+)"/g),
      ...readme.matchAll(/owner id `([^`]+)`/g),
    ].map((m) => m[1]);
    assert.ok(named.length > 0, 'the README names an owner somewhere');
    for (const id of named) assert.ok(ids.has(id), `README names owner "${id}", who is not in the roster`);
  });

  it('the example complaint is valid and goes to the owner whose key is $AGENT_KEY', () => {
    const block = shellBlocks.find((b) => b.includes('-X POST "$API_URL/complaints"'));
    assert.ok(block, 'has the intake example');
    const body = intakeRequestSchema.parse(JSON.parse(/-d '([\s\S]*?)'/.exec(block)![1]));
    const policy = loadPolicy(fromRoot('policy', 'default.json'));
    const { category } = categorise(
      {
        subject: body.subject,
        description: body.description,
        channel: body.channel,
        language: body.customer.language,
      },
      policy,
    );
    // Whatever else is open, only this owner speaks the language and handles the category.
    const busy = Object.fromEntries(roster.owners.map((o, i) => [o.id, i === 0 ? 1000 : 0]));
    assert.equal(
      chooseOwner(roster, { language: body.customer.language, category }, busy).owner.id,
      roster.owners[0].id,
    );
    assert.match(
      readme,
      new RegExp(`owner id \`${roster.owners[0].id}\`\\s+in \`\\$AGENT_ID\``),
      'README names that owner',
    );
    assert.match(
      devEnvText({
        apiUrl: 'a',
        keys: [{ role: 'agent', subject: roster.owners[0].id, name: 'n', key: 'k' }],
      }),
      new RegExp(`AGENT_ID='${roster.owners[0].id}'`),
    );
  });
});
