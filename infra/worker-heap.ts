// The worker's V8 old-space limit (WORKER_HEAP_MB, default 512), given by whoever starts the worker
// process (`npm run up`, the memory benchmark; `npm run worker` spells the same default in
// package.json). With Node's default (a share of the machine's memory) the heap grows long before it
// collects: 10,000 open cases took 1.6 GiB of RSS; with 512 MB, 976 MiB (bench/memory.ts).
export const defaultWorkerHeapMb = 512;

/** The node option for a worker process; 0 leaves Node's default. */
export function workerHeapArgs(value: string | undefined = String(defaultWorkerHeapMb)): string[] {
  const mb = Number(value);
  if (mb === 0) return [];
  if (!Number.isInteger(mb) || mb < 128)
    throw new Error(`WORKER_HEAP_MB must be a whole number of megabytes, at least 128 (got ${value})`);
  return [`--max-old-space-size=${mb}`];
}
