/**
 * A worker thread of the lint pool: loads the parser and the rules at once, receives the
 * run's context (configuration, index, limits) when the main thread has built it, says it is
 * ready, then lints one job at a time and posts back its outcome. The pool stops and replaces
 * a worker whose job runs over its time budget or its memory cap.
 */
import { parentPort } from 'node:worker_threads';
import { rules } from '../rules/index.js';
import { internalOutcome, runJob, type Job, type RunContext } from './job.js';

const port = parentPort!;
let context: RunContext | undefined;

port.on('message', (message: { context?: RunContext; id?: number; job?: Job }) => {
  if (message.context) {
    context = message.context;
    port.postMessage({ ready: true });
    return;
  }
  const job = message.job!;
  let outcome;
  try {
    outcome = runJob(job, context!, rules);
  } catch (error) {
    // The parser itself failed (a rule's failure is already a finding of the engine's).
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    outcome = internalOutcome(rules, job.filePath, 'internal/rule-error', 'worker', { reason }, context!.locale);
  }
  port.postMessage({ id: message.id, outcome });
});
