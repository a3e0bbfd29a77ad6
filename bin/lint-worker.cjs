// A lint worker on Node 20 (the pool starts it when the build made dist/bundle/worker.cjs; see
// src/runner/pool.ts): the worker's CommonJS script compiled with V8's code cache
// (dist/bundle/worker.cache, written by `npm run build`), as bin/code-cache.cjs does for the
// command, instead of parsing and compiling the 1.5 MB ES module worker at each start. Each
// worker of a run (two on a 2-core machine, and each replacement of one ended for its time
// budget) starts sooner: see CHANGELOG for the figures.
//
// V8 takes a code cache only under the flags it was made with: the build makes this one in a
// run of the command itself (scripts/bundle.mjs), under the flags the command sets before its
// workers start (src/cli/tiering.ts). Under other flags (the Node API's host, a user's own
// `node --…`) V8 rejects it and compiles the script as it would without. The worker tells the
// pool which it was (`--debug` prints it).
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
const { parentPort } = require('node:worker_threads');
const { WORKER_SCRIPT, WORKER_CACHE, cacheFile, compileScript, loadCached } = require('./code-cache.cjs');

const cached = loadCached(WORKER_SCRIPT, WORKER_CACHE, 'serve');
const { script, exports: worker } = cached ?? compileScript(WORKER_SCRIPT);
if (typeof worker.serve !== 'function') throw new Error(`${WORKER_SCRIPT} is not the lint worker of this postings (reinstall it)`);
const codeCache = !cached ? 'none' : script.cachedDataRejected ? 'rejected' : 'taken';
// The build's warm-up (scripts/bundle.mjs) names the file to write the cache to, next to where
// the cache goes (any other name is not the build's, and is ignored): written after each job,
// before its outcome is posted, so that it holds the code of every job run.
const out = process.env.POSTINGS_BUILD_WORKER_CACHE;
const writeCache = () => {
  writeFileSync(`${out}.tmp`, cacheFile(WORKER_SCRIPT, script));
  renameSync(`${out}.tmp`, out);
};
worker.serve(parentPort, { codeCache, beforeReply: out && out.startsWith(`${WORKER_CACHE}.`) ? writeCache : undefined });
