// Loaded by mocha (--require) before any test file: the SDK's runtime may be installed only once,
// before any worker or environment exists. Workers log warnings and errors only, to keep output readable.
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({ logger: new DefaultLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN') });
