/**
 * Node's `crypto` (about 15 internal modules, 3 to 5 ms to load), loaded on first use: a
 * plain lint run hashes nothing (only the cache, a long baseline text and a temporary file
 * name do), so a pre-commit run on one posting does not load it. The same for
 * `child_process` (with `net` and `dgram`, 3 to 10 ms): only git is run, and only in a
 * repository. And `worker_threads` (about 4 ms): a run of one small posting lints it in its
 * own thread and starts no worker.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

let crypto: typeof import('node:crypto') | undefined;

export const nodeCrypto = (): typeof import('node:crypto') => (crypto ??= load('node:crypto') as typeof import('node:crypto'));

let childProcess: typeof import('node:child_process') | undefined;

export const nodeChildProcess = (): typeof import('node:child_process') =>
  (childProcess ??= load('node:child_process') as typeof import('node:child_process'));

let workerThreads: typeof import('node:worker_threads') | undefined;

export const nodeWorkerThreads = (): typeof import('node:worker_threads') =>
  (workerThreads ??= load('node:worker_threads') as typeof import('node:worker_threads'));
