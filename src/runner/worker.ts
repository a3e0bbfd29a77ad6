/**
 * A worker thread of the lint pool: receives the run's context once (configuration, index,
 * limits), then lints one job at a time and posts back its outcome. The pool stops and
 * replaces a worker whose job runs over its time budget or its memory cap.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { rules } from '../rules/index.js';
import { internalOutcome, runJob, type Job, type RunContext } from './job.js';

const context = workerData as RunContext;
const port = parentPort!;

port.on('message', (message: { id: number; job: Job }) => {
  let outcome;
  try {
    outcome = runJob(message.job, context, rules);
  } catch (error) {
    // The parser itself failed (a rule's failure is already a finding of the engine's).
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    outcome = internalOutcome(rules, message.job.filePath, 'internal/rule-error', 'worker', { reason }, context.locale);
  }
  port.postMessage({ id: message.id, outcome });
});
port.postMessage({ ready: true });
