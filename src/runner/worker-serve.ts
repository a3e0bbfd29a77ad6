/**
 * What a lint worker does, whichever script started it (src/runner/worker.ts, the ES module
 * worker; or bin/lint-worker.cjs, which runs the CommonJS script of this module with its code
 * cache): loads the parser and the rules at once, receives the run's context (configuration,
 * index, limits) when the main thread has built it, says it is ready, then lints one job at a
 * time and posts back its outcome. The pool stops and replaces a worker whose job runs over
 * its time budget or its memory cap.
 */
import type { MessagePort } from 'node:worker_threads';
import { rules } from '../rules/index.js';
import { parserFailure, runJob, type Job, type RunContext } from './job.js';
import type { ProjectIndex } from '../types.js';

export interface ServeOptions {
  /** Whether the worker's script was compiled with a code cache (bin/lint-worker.cjs): told to the pool when ready. */
  codeCache?: CodeCache;
  /**
   * Called after each job, before its outcome is posted: the build's warm-up writes the
   * worker's code cache there (once the outcome of the last job is posted, the pool may end
   * the worker at any moment).
   */
  beforeReply?: () => void;
}

/** A worker's code cache: V8 took it, V8 rejected it (other flags), or there was none that fits this Node and this script. */
export type CodeCache = 'taken' | 'rejected' | 'none';

/** Serve the pool through `port`. */
export function serve(port: MessagePort, { codeCache, beforeReply }: ServeOptions = {}): void {
  let context: RunContext | undefined;
  port.on('message', (message: { context?: RunContext; id?: number; job?: Job; index?: ProjectIndex }) => {
    if (message.context) {
      context = message.context;
      port.postMessage({ ready: true, codeCache });
      return;
    }
    // The index of the job's site (runs of several sites), in place of the one held before.
    if (message.index) context = { ...context!, index: message.index };
    const job = message.job!;
    let outcomes;
    try {
      outcomes = runJob(job, context!, rules);
    } catch (error) {
      // What no file's own outcome caught: each file of the job gets the failure.
      outcomes = job.files.map((f) => parserFailure(rules, f.filePath, error, context!.locale));
    }
    beforeReply?.();
    port.postMessage({ id: message.id, outcomes });
  });
}
