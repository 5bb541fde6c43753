// README is the front door: its Quick start must hold exactly the two commands, and they must be
// the ones package.json and CI actually run. README is short and links into docs/; the examples,
// the configuration table and the links there must hold up too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fromRoot } from '../../infra/paths';
import { ConfigSchema } from '../../infra/config';
import { intakeRequestSchema } from '../../api/complaints/schemas';
import { categorise } from '../../domain/categorise';
import { chooseOwner } from '../../domain/owner';
import { devEnvText } from '../../infra/dev-env';
import { loadPolicy, loadRoster } from '../../infra/policy-files';
import { anchorsOf, projectDocs, readDoc, relativeLinks, shellBlocks } from '../helpers/docs';

const readme = fs.readFileSync(fromRoot('README.md'), 'utf8');
const docs = projectDocs();

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

  it('stays short: at most 150 lines, linking into docs/', () => {
    const lines = readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0);
    assert.ok(lines <= 150, `README has ${lines} lines`);
    assert.ok(relativeLinks({ file: 'README.md', text: readme }).some((l) => l.target.startsWith('docs/')));
  });

  it('documents every configuration variable as a row of one table (docs/configuration.md)', () => {
    const { text } = readDoc('docs/configuration.md');
    const lines = text.split('\n');
    const start = lines.findIndex((l) => /^\| Variable +\|/.test(l));
    assert.ok(start >= 0, 'has the table');
    let end = start;
    while (end < lines.length && lines[end].startsWith('|')) end++;
    const rows = lines.slice(start + 2, end);
    const named = new Set(rows.map((r) => /^\| `([A-Z][A-Z0-9_]*)`/.exec(r)?.[1]));
    for (const name of Object.keys(ConfigSchema.shape))
      assert.ok(named.has(name), `docs/configuration.md's table has a row for ${name}`);
    assert.ok(
      !lines.slice(end).some((l) => /^\| `[A-Z][A-Z0-9_]*`/.test(l)),
      'no variable rows after the table ends (one table, not two)',
    );
    for (const row of rows) assert.ok(row.length <= 200, `a readable row: ${row.slice(0, 60)}…`);
  });

  const roster = loadRoster(fromRoot('policy', 'roster.json'));

  it('shell examples use only what data/dev.env defines, after sourcing it, and no fixed local ports', () => {
    const defined = new Set(
      [
        ...devEnvText({
          apiUrl: 'a',
          sandboxUrl: 's',
          telegramSandboxUrl: 't',
          uiUrl: 'u',
          postmarkWebhook: { user: 'p', password: 'w' },
          keys: ['agent', 'supervisor', 'operator'].map((role) => ({
            role,
            subject: role,
            name: role,
            key: 'k',
          })),
        }).matchAll(/^export ([A-Z_]+)=/gm),
      ].map((m) => m[1]),
    );
    let examples = 0;
    for (const { file, text } of docs) {
      const blocks = shellBlocks(text);
      examples += blocks.length;
      for (const block of blocks) {
        for (const [, name] of block.matchAll(/\$\{?([A-Z][A-Z_]*)/g))
          assert.ok(
            defined.has(name),
            `${file}: an example uses $${name}, which data/dev.env does not define`,
          );
        assert.doesNotMatch(
          block,
          /localhost:\d+|127\.0\.0\.1:\d+/,
          `${file}: a fixed local port in an example`,
        );
      }
      // Within each document, the first example that uses dev.env's names sources it first.
      const uses = blocks.findIndex((b) =>
        /\$\{?(API_URL|AGENT_KEY|AGENT_ID|SUPERVISOR_KEY|OPERATOR_KEY|SANDBOX_URL|UI_URL)\b/.test(b),
      );
      const sources = blocks.findIndex((b) => /^source data\/dev\.env\b/m.test(b));
      if (uses >= 0) assert.ok(sources >= 0 && sources <= uses, `${file}: dev.env is sourced first`);
    }
    assert.ok(examples >= 5, 'the documents have shell examples');
  });

  it('names only owners who are in policy/roster.json', () => {
    const ids = new Set(roster.owners.map((o) => o.id));
    let count = 0;
    for (const { file, text } of docs) {
      const named = [
        ...text.matchAll(/ComplaintOwner = '([^']+)'/g),
        ...text.matchAll(/"ownerId"\s*:\s*"([^"]+)"/g),
        ...text.matchAll(/owner id `([^`]+)`/g),
      ].map((m) => m[1]);
      count += named.length;
      for (const id of named) assert.ok(ids.has(id), `${file} names owner "${id}", who is not in the roster`);
    }
    assert.ok(count > 0, 'the documents name an owner somewhere');
  });

  it('the example complaint (docs/api.md) is valid and goes to the owner whose key is $AGENT_KEY', () => {
    const api = readDoc('docs/api.md').text;
    const block = shellBlocks(api).find((b) => b.includes('-X POST "$API_URL/complaints"'));
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
      api,
      new RegExp(`owner id \`${roster.owners[0].id}\`\\s+in \`\\$AGENT_ID\``),
      'docs/api.md names that owner',
    );
    assert.match(
      devEnvText({
        apiUrl: 'a',
        keys: [{ role: 'agent', subject: roster.owners[0].id, name: 'n', key: 'k' }],
      }),
      new RegExp(`AGENT_ID='${roster.owners[0].id}'`),
    );
  });

  it('links between README and docs/ lead to files and headings that exist', () => {
    const byFile = new Map(docs.map((d) => [d.file, d]));
    let checked = 0;
    for (const doc of docs) {
      for (const link of relativeLinks(doc)) {
        checked++;
        assert.ok(
          fs.existsSync(fromRoot(...link.target.split('/'))),
          `${doc.file}: ${link.raw} leads nowhere`,
        );
        const target = byFile.get(link.target);
        if (link.anchor && target)
          assert.ok(
            anchorsOf(target.text).has(link.anchor),
            `${doc.file}: ${link.raw} names no heading there`,
          );
      }
    }
    assert.ok(checked > 50, 'the documents link to each other');
  });
});
