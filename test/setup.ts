// Loaded by mocha (--require) before any test file: the SDK's runtime may be installed only once,
// before any worker or environment exists. Only errors are logged, to keep test output readable
// (TEST_LOG_LEVEL=debug shows everything).
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { stopSharedDevServer } from './helpers/dev-server';

const debug = process.env.TEST_LOG_LEVEL === 'debug';
Runtime.install({
  logger: new DefaultLogger(debug ? 'DEBUG' : 'ERROR'),
  telemetryOptions: { logging: { filter: { core: debug ? 'DEBUG' : 'ERROR', other: 'ERROR' } } },
});

/** Root hooks: the dev server the integration files share (test/helpers/dev-server.ts) stops after the last test. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await stopSharedDevServer();
  },
};
