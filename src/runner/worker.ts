/**
 * A worker thread of the lint pool, as an ES module (see worker-serve.ts for what it does).
 * On Node 20 the pool starts bin/lint-worker.cjs instead when the build made the worker's
 * CommonJS script and code cache (see pool.ts).
 */
import { parentPort } from 'node:worker_threads';
import { serve } from './worker-serve.js';

serve(parentPort!);
