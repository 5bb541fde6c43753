// WORKFLOW_BUNDLE_PATH: a worker started from a bundle built beforehand. That such a worker runs cases
// is shown by the integration clusters (test/helpers/cluster.ts starts every worker so); here, that a
// wrong path stops the start with the variable's name instead of failing later inside the SDK.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../infra/config';

describe('WORKFLOW_BUNDLE_PATH', () => {
  it('is unset by default: the worker bundles its own workflows', () => {
    assert.equal(loadConfig({}).WORKFLOW_BUNDLE_PATH, undefined);
  });

  it('takes the path of a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaint-desk-bundle-'));
    try {
      const file = path.join(dir, 'workflow-bundle.js');
      fs.writeFileSync(file, '// a bundle');
      assert.equal(loadConfig({ WORKFLOW_BUNDLE_PATH: file }).WORKFLOW_BUNDLE_PATH, file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a path where no file is at start', () => {
    const missing = path.join(os.tmpdir(), `complaint-desk-no-bundle-${process.pid}.js`);
    assert.throws(
      () => loadConfig({ WORKFLOW_BUNDLE_PATH: missing }),
      /WORKFLOW_BUNDLE_PATH[\s\S]*no such file/,
    );
  });
});
