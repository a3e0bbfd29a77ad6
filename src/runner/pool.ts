/**
 * The lint pool: worker threads that lint jobs in parallel, outcomes delivered in job order
 * whatever the thread that finished first. Each job has a time budget: a worker that runs
 * over it is terminated (the only way to stop a synchronous parse) and replaced, and the job
 * gets one `internal/timeout` finding. Each worker has a memory cap (`resourceLimits`): a
 * worker that runs out is replaced too, and the job gets `internal/too-large`.
 *
 * Workers are started before the run's context is known (`new LintPool`), so that they load
 * the parser and the rules while the main thread builds the front matter index; `run` then
 * sends them the context.
 */
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { nodeWorkerThreads } from '../cli/lazy-builtins.js';
import { hasCompileCache } from '../cli/tiering.js';
import type { CodeCache } from './worker-serve.js';
import type { ProjectIndex, RuleModule } from '../types.js';
import type { Job, JobOutcome, RunContext } from './job.js';
import type { Limits } from './limits.js';
import { internalOutcome } from './outcome.js';

export interface PoolStats {
  /** Workers started, replacements included. */
  started: number;
  timeouts: number;
  outOfMemory: number;
  /** Workers started with their script's code cache taken, rejected by V8, or with none that fits this Node and this script (bin/lint-worker.cjs); the ES module worker says nothing. */
  codeCache: Record<CodeCache, number>;
}

/** The stats of a run with no worker. */
export const noPoolStats = (): PoolStats => ({ started: 0, timeouts: 0, outOfMemory: 0, codeCache: { taken: 0, rejected: 0, none: 0 } });

/** The stats of two pools of one run, added. */
export function addPoolStats(a: PoolStats, b: PoolStats): PoolStats {
  const c = (k: CodeCache) => a.codeCache[k] + b.codeCache[k];
  return {
    started: a.started + b.started,
    timeouts: a.timeouts + b.timeouts,
    outOfMemory: a.outOfMemory + b.outOfMemory,
    codeCache: { taken: c('taken'), rejected: c('rejected'), none: c('none') },
  };
}

interface Slot {
  worker: Worker;
  /** The worker has its modules and the context. */
  ready: boolean;
  /** The job the worker runs now. */
  current?: number;
  /** The site whose index the worker holds (runs of several sites send each worker one site's). */
  scope?: string;
  timer?: NodeJS.Timeout;
  /** Set when the pool ended the worker itself; its exit is expected. */
  retired?: boolean;
  error?: Error & { code?: string };
}

interface Run {
  jobs: readonly Job[];
  context: RunContext;
  /** The index of each site, in a run of several: a worker holds the one its job needs. */
  sites?: ReadonlyMap<string, ProjectIndex>;
  deliver: (index: number, outcomes: JobOutcome[], failure?: JobFailure) => void;
  resolve: (stats: PoolStats) => void;
  reject: (error: Error) => void;
  nextJob: number;
  nextDelivery: number;
  done: number;
  waiting: Map<number, { outcomes: JobOutcome[]; failure?: JobFailure }>;
}

/** Why the pool ended a job itself (its outcomes are then one `internal/*` finding per file). */
export type JobFailure = 'timeout' | 'memory' | 'exit';

/**
 * The worker the pool starts. On Node 20 (no compile cache for ES modules), when the build made
 * the worker's CommonJS script next to the bundle (and the package has its entry):
 * bin/lint-worker.cjs, which compiles it with its code cache (`npm run bench` on the 5-file
 * fixture site, cold: 1.85x -> 1.62x the bare parse; see CHANGELOG). Else the ES module worker next to this module (the
 * bundle's, or dist/runner's).
 */
function defaultWorker(): URL {
  const entry = new URL('../../bin/lint-worker.cjs', import.meta.url);
  if (!hasCompileCache() && existsSync(new URL('./worker.cjs', import.meta.url)) && existsSync(entry)) return entry;
  return new URL('./worker.js', import.meta.url);
}

export class LintPool {
  readonly stats: PoolStats = noPoolStats();
  private readonly slots = new Set<Slot>();
  private run?: Run;
  /** Why the pool failed (it then gives no job), kept for a run that starts after it did (see `lint`). */
  private failure?: Error;

  constructor(
    size: number,
    private readonly limits: Limits,
    private readonly rules: readonly RuleModule[],
    private readonly workerUrl: URL = defaultWorker(),
  ) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  get size(): number {
    return this.slots.size;
  }

  /**
   * Lint every job; `deliver` is called once per job with one outcome per file of the job, in
   * job order, as soon as the job and all jobs before it are done (so the caller can release
   * each file's results as they come).
   */
  lint(
    jobs: readonly Job[],
    context: RunContext,
    deliver: (index: number, outcomes: JobOutcome[], failure?: JobFailure) => void,
    /** Runs of several sites: the context's index is left empty and each job gets its site's. */
    sites?: ReadonlyMap<string, ProjectIndex>,
  ): Promise<PoolStats> {
    if (jobs.length === 0) {
      this.close();
      return Promise.resolve(this.stats);
    }
    // Workers start before the run (see above): one that could not start may have failed the
    // pool already, with no run to tell. Its run fails now, instead of waiting for workers that
    // a failed pool never gives a job.
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.run = { jobs, context, sites, deliver, resolve, reject, nextJob: 0, nextDelivery: 0, done: 0, waiting: new Map() };
      // More workers than jobs: the extra ones go.
      let extra = this.slots.size - jobs.length;
      for (const s of [...this.slots]) if (extra-- > 0) this.retire(s);
      if (this.slots.size === 0) this.spawn();
      for (const s of this.slots) s.worker.postMessage({ context });
    });
  }

  /** End every worker (the run is over, or never came). */
  close(): void {
    for (const s of [...this.slots]) this.retire(s);
  }

  private finish(index: number, outcomes: JobOutcome[], failure?: JobFailure): void {
    const run = this.run!;
    run.waiting.set(index, { outcomes, failure });
    run.done++;
    while (run.waiting.has(run.nextDelivery)) {
      const o = run.waiting.get(run.nextDelivery)!;
      run.waiting.delete(run.nextDelivery);
      try {
        run.deliver(run.nextDelivery, o.outcomes, o.failure);
      } catch (e) {
        this.fail(e as Error);
        return;
      }
      run.nextDelivery++;
    }
    if (run.done === run.jobs.length) {
      this.close();
      run.resolve(this.stats);
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error ?? new Error('the lint pool failed');
    this.close();
    this.run?.reject(this.failure);
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    clearTimeout(slot.timer);
    this.slots.delete(slot);
    void slot.worker.terminate();
  }

  private dispatch(slot: Slot): void {
    const run = this.run;
    if (this.failure || !run) return;
    if (run.nextJob >= run.jobs.length) {
      this.retire(slot);
      return;
    }
    const index = run.nextJob++;
    const job = run.jobs[index]!;
    slot.current = index;
    // Each file of the job (partners included) has the budget of one file.
    const budget = this.limits.timeoutMs * (job.files.length + (job.partners?.length ?? 0));
    slot.timer = setTimeout(() => {
      this.stats.timeouts++;
      this.retire(slot);
      const seconds = Math.round(this.limits.timeoutMs / 100) / 10;
      this.finish(index, this.internal(job, 'internal/timeout', 'timeout', { seconds }), 'timeout');
      if (!this.failure && run.nextJob < run.jobs.length) this.spawn();
    }, budget);
    // A job of another site than the worker's last: its site's index goes with it (the worker
    // lets the other go), so that no worker holds the index of every site of a large run.
    let siteIndex: ProjectIndex | undefined;
    if (run.sites && job.scope !== undefined && job.scope !== slot.scope) {
      siteIndex = run.sites.get(job.scope);
      slot.scope = job.scope;
    }
    slot.worker.postMessage({ id: index, job, index: siteIndex });
  }

  /** One `internal/*` finding for each file of a job the pool ended. */
  private internal(job: Job, ruleId: string, messageId: string, data: Record<string, string | number>): JobOutcome[] {
    return job.files.map((f) => internalOutcome(this.rules, f.filePath, ruleId, messageId, data, this.run!.context.locale));
  }

  private spawn(): void {
    this.stats.started++;
    const options = {
      // A young generation of 16 MiB (V8 gives a worker about three times that): a worker's
      // garbage is collected sooner, for about 40 MB less at the peak of a run of thousands of
      // files with two workers, at a cost of some more collections.
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      // The worker is a module file: flags of a host process that ran code from a string
      // (`node --input-type=module -e …`, a Node API user) would stop it from starting.
      execArgv: workerExecArgv(),
    };
    const { Worker } = nodeWorkerThreads();
    let worker: Worker;
    try {
      worker = new Worker(this.workerUrl, options);
    } catch (e) {
      // Flags a worker may not take (`node --expose-gc`, V8 flags of the host): it starts without them.
      if ((e as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
      worker = new Worker(this.workerUrl, { ...options, execArgv: [] });
    }
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    if (this.run) worker.postMessage({ context: this.run.context });
    worker.on('message', (m: { ready?: boolean; codeCache?: CodeCache; id?: number; outcomes?: JobOutcome[] }) => {
      if (slot.retired) return;
      if (m.ready) {
        slot.ready = true;
        if (m.codeCache) this.stats.codeCache[m.codeCache]++;
        this.dispatch(slot);
        return;
      }
      clearTimeout(slot.timer);
      slot.current = undefined;
      this.finish(m.id!, m.outcomes!);
      if (!this.failure && this.run && this.run.done < this.run.jobs.length) this.dispatch(slot);
    });
    worker.on('error', (error) => {
      slot.error = error;
    });
    worker.on('exit', () => {
      if (slot.retired) return;
      clearTimeout(slot.timer);
      this.slots.delete(slot);
      slot.retired = true;
      const run = this.run;
      const index = slot.current;
      if (!slot.ready || index === undefined || !run) {
        // A worker that cannot even start (bad installation) is not a finding of a file.
        this.fail(slot.error ?? new Error('a lint worker exited before it was ready'));
        return;
      }
      const error = slot.error;
      const job = run.jobs[index]!;
      if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.stats.outOfMemory++;
        this.finish(index, this.internal(job, 'internal/too-large', 'memory', { limit: this.limits.memoryMb }), 'memory');
      } else {
        const reason = error ? error.message.split('\n')[0]! : 'exited';
        this.finish(index, this.internal(job, 'internal/rule-error', 'worker', { reason }), 'exit');
      }
      if (!this.failure && run.nextJob < run.jobs.length) this.spawn();
    });
  }
}

/** The host's Node flags, less those that only apply to code given as a string. */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^--input-type(=|$)/.test(a)) {
      if (!a.includes('=')) i++;
      continue;
    }
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print') {
      i++;
      continue;
    }
    if (/^--(eval|print)=/.test(a)) continue;
    out.push(a);
  }
  return out;
}
