// Structured logs: one JSON object per line (pino) in every process — API, worker, sandbox — with
// the complaint id, workflow id and request id as fields, and never personal data: bodies are never
// logged, and the fields that could carry a name, an address, a phone number or a message are
// redacted wherever they appear. `up` shows the lines readably in a terminal (see prettyLines).
import type { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/common';
import pino from 'pino';
import { prettyFactory } from 'pino-pretty';
import { complaintWorkflowId } from '../workflows/definitions';

export type Log = pino.Logger;

/** Field names that may hold personal data, redacted at any of the first two levels of a log object. */
const personal = ['customer', 'email', 'phone', 'to', 'subject', 'description', 'text', 'body', 'recipients'];

export const redactPaths = [
  ...personal,
  ...personal.map((k) => `*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-postmark-server-token"]',
];

/** The process's logger: JSON lines on stdout, `service` naming the process. */
export function createLogger(service: string, destination?: pino.DestinationStream): Log {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? 'info',
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const workflowIdPrefix = complaintWorkflowId('');

/** complaintId and workflowId fields for a case (either one given). */
export function caseFields(ids: { complaintId?: string; workflowId?: string }): Record<string, string> {
  const workflowId = ids.workflowId ?? (ids.complaintId ? complaintWorkflowId(ids.complaintId) : undefined);
  if (!workflowId) return {};
  const complaintId =
    ids.complaintId ??
    (workflowId.startsWith(workflowIdPrefix) ? workflowId.slice(workflowIdPrefix.length) : undefined);
  return { workflowId, ...(complaintId ? { complaintId } : {}) };
}

const pinoLevel: Record<LogLevel, pino.Level> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The SDK's logger (Runtime.install's `logger`) writing into the process's JSON log: workflow,
 * activity and core messages arrive with their workflow id, so each line also gets the complaint id.
 */
export function temporalLogger(log: Log): TemporalLogger {
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const { workflowId, ...rest } = (meta ?? {}) as LogMetadata & { workflowId?: unknown };
    const fields = typeof workflowId === 'string' ? { ...rest, ...caseFields({ workflowId }) } : rest;
    log[pinoLevel[level]]({ ...fields, source: 'temporal' }, message);
  };
  return {
    log: write,
    trace: (m, meta) => write('TRACE', m, meta),
    debug: (m, meta) => write('DEBUG', m, meta),
    info: (m, meta) => write('INFO', m, meta),
    warn: (m, meta) => write('WARN', m, meta),
    error: (m, meta) => write('ERROR', m, meta),
  };
}

/** Whether `up` shows logs readably: in a terminal, unless LOG_FORMAT=json. */
export function wantsPretty(stream: NodeJS.WriteStream = process.stdout): boolean {
  return process.env.LOG_FORMAT !== 'json' && !!stream.isTTY;
}

/**
 * Turns JSON log lines into readable ones ("10:45:01 INFO [api] request completed complaintId=…");
 * anything that is not a JSON line passes unchanged.
 */
export function prettyLines(): (line: string) => string {
  const pretty = prettyFactory({
    colorize: true,
    translateTime: 'HH:MM:ss',
    ignore: 'pid,hostname,service,source',
    messageFormat: '[{service}] {msg}',
    singleLine: true,
  });
  return (line) => {
    if (!line.startsWith('{')) return `${line}\n`;
    try {
      return pretty(JSON.parse(line) as object);
    } catch {
      return `${line}\n`;
    }
  };
}

/**
 * Relays a child process's output line by line: readable in a terminal (prettyLines), JSON lines
 * otherwise — a line the child did not write as JSON is wrapped as one, naming the child.
 */
export function lineRelay(
  service: string,
  write: (text: string) => void,
  pretty: boolean,
): (chunk: Buffer) => void {
  const format = pretty ? prettyLines() : undefined;
  let pending = '';
  return (chunk) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      const json = line.startsWith('{')
        ? line
        : JSON.stringify({ level: 'info', time: new Date().toISOString(), service, msg: line });
      write(format ? format(json) : `${json}\n`);
    }
  };
}
