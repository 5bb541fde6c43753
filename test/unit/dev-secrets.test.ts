// Development secrets are printed in full once, when they are made; later starts print only their
// first characters and where they are kept.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { developmentKeyLines, maskSecret, prepareDevelopmentKeys } from '../../api/keys';

describe('development secrets on the console', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-secrets-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const people = [
    { role: 'supervisor' as const, subject: 'sam', name: 'Sam' },
    { role: 'operator' as const, subject: 'operator', name: 'Operator' },
  ];

  it('shows keys in full on the first start only, then masked with the file that holds them', () => {
    const first = prepareDevelopmentKeys(dir, people);
    const firstText = developmentKeyLines(first).join('\n');
    for (const k of first.keys) assert.ok(firstText.includes(k.key), 'a new key is shown once');

    const again = prepareDevelopmentKeys(dir, people);
    const againText = developmentKeyLines(again).join('\n');
    for (const k of again.keys) {
      assert.ok(!againText.includes(k.key), 'never in full after the first start');
      assert.ok(againText.includes(maskSecret(k.key)));
    }
    assert.ok(againText.includes(path.join(dir, 'dev-api-keys.json')), 'says where the keys are');

    // Someone joins the roster: only their new key is shown in full.
    const joined = prepareDevelopmentKeys(dir, [...people, { role: 'agent', subject: 'ada', name: 'Ada' }]);
    const joinedText = developmentKeyLines(joined).join('\n');
    const ada = joined.keys.find((k) => k.subject === 'ada')!;
    assert.ok(joinedText.includes(ada.key));
    for (const k of joined.keys.filter((k) => k.subject !== 'ada')) assert.ok(!joinedText.includes(k.key));
  });

  it('a masked secret keeps too little to use', () => {
    const secret = 'cd_agent_0123456789abcdefghijklmn';
    const masked = maskSecret(secret);
    assert.ok(masked.endsWith('…'));
    assert.ok(masked.length - 1 <= secret.length / 2);
    assert.equal(maskSecret('short'), '…');
  });
});
