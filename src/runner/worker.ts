/**
 * A worker thread of the lint pool: loads the parser and the rules at once, receives the
 * run's context (configuration, index, limits) when the main thread has built it, says it is
 * ready, then lints one job at a time and posts back its outcome. The pool stops and replaces
 * a worker whose job runs over its time budget or its memory cap.
 */
import { parentPort } from 'node:worker_threads';
import { rules } from '../rules/index.js';
import { parserFailure, runJob, type Job, type RunContext } from './job.js';
import type { ProjectIndex } from '../types.js';

const port = parentPort!;
let context: RunContext | undefined;

port.on('message', (message: { context?: RunContext; id?: number; job?: Job; index?: ProjectIndex }) => {
  if (message.context) {
    context = message.context;
    port.postMessage({ ready: true });
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
  port.postMessage({ id: message.id, outcomes });
});
