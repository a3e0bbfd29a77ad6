/**
 * A lint run over many files, streamed: the front matter index first (cheap), then each file
 * is read, parsed, linted (and fixed) in a worker of the pool and released; only its findings
 * come back. Results come out in the order of the files whatever the concurrency.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { internalOutcome } from './outcome.js';
import type { FileResult, IndexEntry, Locale, ProjectIndex, ResolvedConfig } from '../types.js';
import { rules } from '../rules/index.js';
import { buildProject, internalFinding } from '../cli/project.js';
import type { Listing } from '../cli/files.js';
import { postingFilter } from '../cli/site.js';
import { comparedGroups } from '../pairing/outline-pairs.js';
import { pairingSettings } from '../lib/pairing.js';

import { writeFileAtomic, realFs, type WriteFs } from '../cli/atomic-write.js';
import type { Job, JobMode, JobOutcome, RunContext } from './job.js';
import { addPoolStats, LintPool, noPoolStats, type JobFailure, type PoolStats } from './pool.js';
import type { Limits } from './limits.js';
import type { JsonPiece, ResultCache } from './cache.js';
import { collectAfterIndex } from './collect.js';

/** Below this many files, `auto` uses one worker: threads would cost more than they save. */
export const PARALLEL_THRESHOLD = 40;

/** A number of workers, `auto`, `off` (one worker), or `inline` (no worker: no time budget; API and tests). */
export type Concurrency = number | 'auto' | 'off' | 'inline';

export interface RunOptions {
  config: ResolvedConfig;
  locale: Locale;
  mode: JobMode;
  limits: Limits;
  cwd: string;
  concurrency: Concurrency;
  cache?: ResultCache;
  /** Called as files are done (for a progress line). */
  progress?: (done: number, total: number) => void;
  /** File system for --fix writes (tests simulate failures with it). */
  fs?: WriteFs;
  /** Adds what the CLI knows beyond the files (git history) to the index before the rules run. */
  prepareIndex?: (index: ProjectIndex) => void;
  /** Text to lint instead of a file's (`--stdin-filename`, `lintText`), by path. */
  texts?: ReadonlyMap<string, string>;
  /** false: no baseline will match the results; they need not keep the text of each finding (see RunContext). */
  findingTexts?: boolean;
  /** Front matter the run read already (the site model's pages), for the index; emptied once it is built. */
  heads?: Map<string, string>;
  /** The walks of the folders given, from which the index takes its content roots' files (and which are their own real path). */
  listings?: readonly Listing[];
  /**
   * Takes each file's result, in the order of the files, as soon as it and those before it
   * are done; the run then keeps none of them (`results` is empty), so memory stays flat.
   */
  emit?: (result: FileResult) => void;
  /**
   * With `emit`, a streamed JSON report: each file's piece is rendered once here (and kept by
   * the cache), and a warm run writes the stored piece as it is, without reading the results.
   */
  json?: { render: (result: FileResult) => JsonPiece; emit: (piece: JsonPiece) => void };
  /**
   * Called once before files are linted: before the first worker starts, or before one small
   * file is linted in this thread (the command line sets how V8 optimises there: src/cli/tiering.ts).
   */
  beforeLint?: () => void;
}

export interface RunOutput {
  /** One result per file, in the order given. */
  results: FileResult[];
  /** The dry run's patches, in file order. */
  patches: string[];
  /** What the run did: files linted by a worker, taken from the cache, workers started... */
  stats: PoolStats & {
    linted: number;
    cached: number;
    workers: number;
    /** Postings read and parsed only to compare a linted translation with (not linted themselves). */
    partners: number;
    /** Files the main thread read (the index, the cache's comparisons); workers read the linted ones. */
    mainReads: number;
  };
}

/** Whether a rule that compares the two postings of a pair is on (then their outlines are needed). */
function pairsCompared(config: ResolvedConfig): boolean {
  return ['pairing/structure', 'pairing/values'].some((id) => (config.rules[id]?.severity ?? 'on') !== 'off');
}

export function workersFor(concurrency: Concurrency, jobs: number): number {
  if (concurrency === 'inline') return 0;
  if (concurrency === 'off') return 1;
  if (concurrency === 'auto') return jobs < PARALLEL_THRESHOLD ? 1 : Math.max(1, availableParallelism());
  return Math.max(1, Math.floor(concurrency));
}

export async function runFiles(files: string[], options: RunOptions): Promise<RunOutput> {
  const { config, locale, mode, limits, cwd } = options;
  // Workers start now and load the parser and rules while this thread builds the index (a
  // warm cache may need none, so then they wait for the count of files to lint).
  // One small file (a pre-commit hook, an editor): linted in this thread under a time budget
  // (runGuarded), not in a worker whose start and second load of the parser and rules cost
  // more than the lint. The size limit stands in for a worker's memory cap.
  const small = (options.concurrency === 'auto' || options.concurrency === 'off') && files.length === 1 && isSmall(files[0]!, options.texts);
  const early = options.cache || small ? 0 : workersFor(options.concurrency, files.length);
  if (early > 0) options.beforeLint?.();
  const pool = early > 0 ? new LintPool(Math.min(early, files.length), limits, rules) : undefined;
  let project;
  try {
    project = buildProject(files, config, {
      maxFileSize: limits.maxFileSize,
      keep: postingFilter(config),
      texts: options.texts,
      known: options.cache && ((file) => options.cache!.knownEntry(file)),
      heads: options.heads,
      listings: options.listings,
    });
    options.heads?.clear();
    options.cache?.storeEntries(project.index.entries, project.coded, options.texts);
    options.prepareIndex?.(project.index);
    options.cache?.bind(project.index, project.roots);
    if (pool) collectAfterIndex(files.length);
  } catch (e) {
    pool?.close();
    throw e;
  }
  const { index } = project;
  const context: RunContext = { config, locale, index, mode, limits, cwd, cache: Boolean(options.cache), findingTexts: options.findingTexts };
  const results: Array<FileResult | JsonPiece | undefined> = new Array(files.length);
  // Pieces of a streamed JSON report (rendered, or as the cache stored them).
  const json = options.emit && mode === 'lint' ? options.json : undefined;
  let nextEmit = 0;
  const emitReady = () => {
    if (!options.emit) return;
    while (nextEmit < files.length && results[nextEmit] !== undefined) {
      const r = results[nextEmit]!;
      results[nextEmit++] = undefined;
      if ('bytes' in r) json!.emit(r);
      else options.emit(r);
    }
  };
  const patches: string[] = new Array(files.length);
  const toRun: number[] = [];
  let done = 0;
  const tick = () => options.progress?.(++done, files.length);

  const intern = interner();
  const accept = (at: number, raw: JobOutcome) => {
    const file = files[at]!;
    const outcome = withSeverities(raw, config);
    // What a run keeps of each file is its findings: their repeated strings (rule ids, links,
    // messages, baseline texts) are kept once, not once per finding. A streamed run keeps
    // nothing, so it does not intern (the table itself would grow with the files).
    if (!options.emit) internAll(outcome, intern);
    const result: FileResult = { filePath: file, findings: outcome.findings, texts: outcome.texts };
    if (outcome.output !== undefined) {
      result.output = outcome.output;
      if (mode === 'fix') {
        try {
          writeFileAtomic(file, outcome.output, options.fs ?? realFs);
        } catch (e) {
          // The original is untouched: report the findings it still has, and the failure.
          delete result.output;
          result.findings = [internalFinding('internal/write-error', 'unwritable', e, locale), ...(outcome.before ?? [])];
          result.texts = ['', ...(outcome.beforeTexts ?? [])];
        }
      }
    }
    if (outcome.patch) patches[at] = outcome.patch;
    const piece = json?.render(result);
    if (options.cache && mode === 'lint') options.cache.set(file, outcome, piece);
    results[at] = piece ?? result;
    tick();
    emitReady();
  };

  let cached = 0;
  files.forEach((file, at) => {
    const piece = json && options.cache?.getJson(file);
    if (piece) {
      cached++;
      results[at] = piece;
      tick();
      emitReady();
      return;
    }
    const hit = options.cache && mode === 'lint' ? options.cache.get(file) : undefined;
    if (hit) {
      cached++;
      if (!options.emit) internAll(hit, intern);
      const result: FileResult = { filePath: file, findings: hit.findings, texts: hit.texts };
      // Results stored by a run that reported otherwise: their piece is kept for the next one.
      const rendered = json?.render(result);
      if (rendered) options.cache!.addJson(file, rendered);
      results[at] = rendered ?? result;
      tick();
      emitReady();
    } else toRun.push(at);
  });

  const { jobs, positions } = planJobs(files, toRun, index, config, options.texts);
  const guarded = small && jobs.every((j) => (j.partners ?? []).every((p) => isSmall(p.filePath, options.texts)));
  const workers = guarded || jobs.length === 0 ? 0 : pool ? Math.min(pool.size, jobs.length) : workersFor(options.concurrency, jobs.length);
  let stats: PoolStats = noPoolStats();
  // A group the pool ended (a hostile posting, or its partner) is linted again file by file,
  // without comparing the pair: the posting that ran over gets its finding, the others theirs.
  const retry: Array<{ job: Job; at: number }> = [];
  const deliver = (i: number, outcomes: JobOutcome[], failure?: JobFailure) => {
    const job = jobs[i]!;
    if (failure && (job.files.length > 1 || job.partners?.length)) {
      job.files.forEach((f, k) => retry.push({ job: { files: [f] }, at: positions[i]![k]! }));
      return;
    }
    outcomes.forEach((o, k) => accept(positions[i]![k]!, o));
  };
  if (workers === 0) {
    pool?.close();
    // In this thread (the Node API, tests): the Markdown parser is loaded only here.
    const { runJob, parserFailure } = await import('./job.js');
    if (guarded) {
      if (jobs.length) options.beforeLint?.();
      const { runGuarded, TIMED_OUT } = await import('./guard.js');
      const seconds = Math.round(limits.timeoutMs / 100) / 10;
      const runOne = (job: Job): { outcomes: JobOutcome[]; failure?: JobFailure } => {
        try {
          const out = runGuarded(() => runJob(job, context, rules), limits.timeoutMs * (job.files.length + (job.partners?.length ?? 0)));
          if (out !== TIMED_OUT && typeof out !== 'symbol') return { outcomes: out };
          stats.timeouts++;
          return { outcomes: job.files.map((f) => internalOutcome(rules, f.filePath, 'internal/timeout', 'timeout', { seconds }, locale)), failure: 'timeout' };
        } catch (error) {
          return { outcomes: job.files.map((f) => parserFailure(rules, f.filePath, error, locale)), failure: 'exit' };
        }
      };
      jobs.forEach((job, i) => {
        const r = runOne(job);
        deliver(i, r.outcomes, r.failure);
      });
      for (const r of retry.splice(0)) accept(r.at, unkept(runOne(r.job).outcomes[0]!));
    } else jobs.forEach((job, i) => deliver(i, runJob(job, context, rules)));
  } else {
    if (!pool) options.beforeLint?.();
    const lintPool = pool ?? new LintPool(workers, limits, rules);
    // Several sites: each worker is sent the index of its job's site, not the whole run's.
    const sites = sitesOf(index);
    stats = await lintPool.lint(jobs, sites ? { ...context, index: { ...index, entries: [] } } : context, deliver, sites);
    if (retry.length) {
      const again = await new LintPool(Math.min(workers, retry.length), limits, rules).lint(
        retry.map((r) => r.job),
        context,
        (i, outcomes) => accept(retry[i]!.at, unkept(outcomes[0]!)),
      );
      stats = addPoolStats(stats, again);
    }
  }
  return {
    results: options.emit ? [] : (results as FileResult[]),
    patches: patches.filter(Boolean),
    stats: {
      ...stats,
      linted: toRun.length,
      cached,
      workers: Math.min(workers, jobs.length),
      partners: jobs.reduce((n, j) => n + (j.partners?.length ?? 0), 0),
      mainReads: project.read + (options.cache?.reads ?? 0),
    },
  };
}

/**
 * The jobs of a run: each file to lint on its own, except the postings of a translation group
 * compared by the pairing rules, which go in one job with the group's other postings as
 * partners (parsed for their outline only). Jobs are in the order of their first file;
 * `positions[i]` gives, for each file of job i, its place in the run's files.
 */
export function planJobs(
  files: readonly string[],
  toRun: readonly number[],
  index: ProjectIndex,
  config: ResolvedConfig,
  texts?: ReadonlyMap<string, string>,
): { jobs: Job[]; positions: number[][] } {
  const jobs: Job[] = [];
  const positions: number[][] = [];
  const fileOf = (at: number) => ({ filePath: files[at]!, kind: 'posting', text: texts?.get(files[at]!) });
  const groupOf = new Map<string, number>();
  let groups: IndexEntry[][] = [];
  if (pairsCompared(config) && toRun.length) {
    const linting = new Set(toRun.map((at) => files[at]!));
    groups = comparedGroups(index.entries, config.language, (e) => linting.has(e.filePath), pairingSettings(config.settings).by);
    groups.forEach((g, gi) => g.forEach((e) => groupOf.set(e.filePath, gi)));
  }
  const jobOfGroup = new Map<number, number>();
  // In a run of several sites, each job says its site (a worker then holds that site's index only).
  const scopeOf = new Map<string, string>();
  for (const e of index.entries) if (e.scope !== undefined) scopeOf.set(e.filePath, e.scope);
  const scoped = (job: Job): Job => {
    const scope = scopeOf.get(job.files[0]!.filePath);
    if (scope !== undefined) job.scope = scope;
    return job;
  };
  for (const at of toRun) {
    const gi = groupOf.get(files[at]!);
    if (gi === undefined) {
      jobs.push(scoped({ files: [fileOf(at)] }));
      positions.push([at]);
      continue;
    }
    const j = jobOfGroup.get(gi);
    if (j !== undefined) {
      jobs[j]!.files.push(fileOf(at));
      positions[j]!.push(at);
      continue;
    }
    jobOfGroup.set(gi, jobs.length);
    jobs.push(scoped({ files: [fileOf(at)], partners: [], outline: true }));
    positions.push([at]);
  }
  for (const [gi, j] of jobOfGroup) {
    const job = jobs[j]!;
    const own = new Set(job.files.map((f) => f.filePath));
    // The postings of the group in a language one of the job's files is compared with.
    const langs = new Set(groups[gi]!.filter((e) => own.has(e.filePath)).map((e) => e.lang));
    job.partners = groups[gi]!
      .filter((e) => !own.has(e.filePath) && [...langs].some((l) => l !== e.lang))
      .map((e) => ({ filePath: e.filePath, text: texts?.get(e.filePath) }));
  }
  return { jobs, positions };
}

/**
 * An outcome the cache does not keep (a file linted again alone, without comparing its pair,
 * after its group's job failed): the next run lints it again, with its pair.
 */
function unkept(outcome: JobOutcome): JobOutcome {
  delete outcome.read;
  return outcome;
}

/** The index of each site of a run that holds several (undefined for one site). */
function sitesOf(index: ProjectIndex): Map<string, ProjectIndex> | undefined {
  const bySite = new Map<string, IndexEntry[]>();
  for (const e of index.entries) {
    if (e.scope === undefined) return undefined;
    const list = bySite.get(e.scope);
    if (list) list.push(e);
    else bySite.set(e.scope, [e]);
  }
  if (bySite.size < 2) return undefined;
  return new Map([...bySite].map(([scope, entries]) => [scope, { ...index, entries }]));
}

/** Small enough to lint in this thread under a time budget (see `runFiles`). */
const SMALL_FILE = 64 * 1024;
function isSmall(file: string, texts?: ReadonlyMap<string, string>): boolean {
  const given = texts?.get(file);
  if (given !== undefined) return Buffer.byteLength(given) <= SMALL_FILE;
  try {
    const st = statSync(file);
    return st.isFile() && st.size <= SMALL_FILE;
  } catch {
    return true; // unreadable: its job reports it, no parse
  }
}

/** The pool's own findings (timeout, size, memory) take the severity the configuration gives their rule. */
function withSeverities(outcome: JobOutcome, config: ResolvedConfig): JobOutcome {
  if (!outcome.findings.some((f) => f.ruleId === 'internal/timeout' || f.ruleId === 'internal/too-large')) return outcome;
  const findings: JobOutcome['findings'] = [];
  const texts: string[] = [];
  outcome.findings.forEach((f, i) => {
    const setting = f.ruleId === 'internal/timeout' || f.ruleId === 'internal/too-large' ? config.rules[f.ruleId]?.severity : undefined;
    if (setting === 'off') return;
    findings.push(setting ? { ...f, severity: setting === 'warn' ? 'warning' : 'error' } : f);
    texts.push(outcome.texts[i] ?? '');
  });
  return { ...outcome, findings, texts };
}

function internAll(outcome: JobOutcome, intern: (s: string) => string): void {
  for (const f of outcome.findings) {
    f.ruleId = intern(f.ruleId);
    f.message = intern(f.message);
    f.severity = intern(f.severity) as typeof f.severity;
    if (f.docsUrl) f.docsUrl = intern(f.docsUrl);
    if (f.messageId) f.messageId = intern(f.messageId);
  }
  outcome.texts = outcome.texts.map(intern);
}

/** One copy of each string (strings that come from a worker are new copies each time). */
function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const hit = seen.get(s);
    if (hit !== undefined) return hit;
    seen.set(s, s);
    return s;
  };
}
