/**
 * The lint pool: worker threads that lint jobs in parallel, outcomes delivered in job order
 * whatever the thread that finished first. Each job has a time budget: a worker that runs
 * over it is terminated (the only way to stop a synchronous parse) and replaced, and the job
 * gets one `internal/timeout` finding. Each worker has a memory cap (`resourceLimits`): a
 * worker that runs out is replaced too, and the job gets `internal/too-large`.
 */
import { Worker } from 'node:worker_threads';
import type { RuleModule } from '../types.js';
import type { Job, JobOutcome, RunContext } from './job.js';
import { internalOutcome } from './outcome.js';

export interface PoolOptions {
  /** Worker threads (at least 1). */
  size: number;
  context: RunContext;
  /** For the findings the pool itself reports (timeout, memory). */
  rules: readonly RuleModule[];
  /** The worker script (tests and the bundle give their own). */
  workerUrl?: URL;
}

export interface PoolStats {
  /** Workers started, replacements included. */
  started: number;
  timeouts: number;
  outOfMemory: number;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The job the worker runs now. */
  current?: number;
  timer?: NodeJS.Timeout;
  /** Set when the pool ended the worker itself; its exit is expected. */
  retired?: boolean;
  error?: Error & { code?: string };
}

const DEFAULT_WORKER = new URL('./worker.js', import.meta.url);

/**
 * Lint every job; `deliver` is called once per job, in job order, as soon as the job and all
 * jobs before it are done (so a reporter can stream and the caller keeps nothing else).
 */
export function runPool(
  jobs: readonly Job[],
  options: PoolOptions,
  deliver: (index: number, outcome: JobOutcome) => void,
): Promise<PoolStats> {
  const stats: PoolStats = { started: 0, timeouts: 0, outOfMemory: 0 };
  if (jobs.length === 0) return Promise.resolve(stats);
  const { context, rules } = options;
  const { limits, locale } = context;
  const url = options.workerUrl ?? DEFAULT_WORKER;
  return new Promise((resolve, reject) => {
    let nextJob = 0;
    let nextDelivery = 0;
    let done = 0;
    let failed = false;
    const waiting = new Map<number, JobOutcome>();
    const slots = new Set<Slot>();

    const finish = (index: number, outcome: JobOutcome) => {
      waiting.set(index, outcome);
      done++;
      while (waiting.has(nextDelivery)) {
        const o = waiting.get(nextDelivery)!;
        waiting.delete(nextDelivery);
        try {
          deliver(nextDelivery, o);
        } catch (e) {
          fail(e as Error);
          return;
        }
        nextDelivery++;
      }
      if (done === jobs.length) {
        for (const s of slots) retire(s);
        resolve(stats);
      }
    };

    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const s of slots) retire(s);
      reject(error);
    };

    const retire = (slot: Slot) => {
      slot.retired = true;
      clearTimeout(slot.timer);
      slots.delete(slot);
      void slot.worker.terminate();
    };

    const dispatch = (slot: Slot) => {
      if (failed) return;
      if (nextJob >= jobs.length) {
        retire(slot);
        return;
      }
      const index = nextJob++;
      slot.current = index;
      slot.timer = setTimeout(() => {
        stats.timeouts++;
        retire(slot);
        const seconds = Math.round(limits.timeoutMs / 100) / 10;
        finish(index, internalOutcome(rules, jobs[index]!.filePath, 'internal/timeout', 'timeout', { seconds }, locale));
        if (nextJob < jobs.length) spawn();
      }, limits.timeoutMs);
      slot.worker.postMessage({ id: index, job: jobs[index] });
    };

    const spawn = () => {
      stats.started++;
      const worker = new Worker(url, {
        workerData: context,
        resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, stackSizeMb: 4 },
      });
      const slot: Slot = { worker, ready: false };
      slots.add(slot);
      worker.on('message', (m: { ready?: boolean; id?: number; outcome?: JobOutcome }) => {
        if (slot.retired) return;
        if (m.ready) {
          slot.ready = true;
          dispatch(slot);
          return;
        }
        clearTimeout(slot.timer);
        slot.current = undefined;
        finish(m.id!, m.outcome!);
        if (!failed && done < jobs.length) dispatch(slot);
      });
      worker.on('error', (error) => {
        slot.error = error;
      });
      worker.on('exit', () => {
        if (slot.retired) return;
        clearTimeout(slot.timer);
        slots.delete(slot);
        slot.retired = true;
        const index = slot.current;
        if (!slot.ready || index === undefined) {
          // A worker that cannot even start (bad installation) is not a finding of a file.
          fail(slot.error ?? new Error('a lint worker exited before it was ready'));
          return;
        }
        const error = slot.error;
        const file = jobs[index]!.filePath;
        if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          stats.outOfMemory++;
          finish(index, internalOutcome(rules, file, 'internal/too-large', 'memory', { limit: limits.memoryMb }, locale));
        } else {
          const reason = error ? error.message.split('\n')[0]! : 'exited';
          finish(index, internalOutcome(rules, file, 'internal/rule-error', 'worker', { reason }, locale));
        }
        if (nextJob < jobs.length) spawn();
      });
    };

    const size = Math.max(1, Math.min(options.size, jobs.length));
    for (let i = 0; i < size; i++) spawn();
  });
}
