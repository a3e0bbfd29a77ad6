/**
 * `postings lint --fix` and `--fix-dry-run` outside the command line (tests, the Node API):
 * each file is read once, fixed on its BOM-less text by `fixText` (in src/runner/job.ts), and
 * written back atomically with its BOM, line endings, final newline and permissions as they
 * were. The dry run writes nothing and returns a unified diff instead.
 */
import type { FileResult, Locale, ResolvedConfig } from '../types.js';
import type { WriteFs } from './atomic-write.js';
import { runFiles, type Concurrency } from '../runner/run.js';
import { resolveLimits } from '../runner/limits.js';

export { unifiedDiff } from '../runner/diff.js';

export interface FixRunOptions {
  /** Write the fixed files (`--fix`); when false, only compute them (`--fix-dry-run`). */
  write: boolean;
  /** Folder the diff's paths are relative to. */
  cwd: string;
  /** File system for writes (tests simulate failures with it). */
  fs?: WriteFs;
  concurrency?: Concurrency;
}

export interface FixRun {
  /** One result per file, in the order given; `output` is set on each file the fixes change. */
  results: FileResult[];
  /** Unified diff of every change (empty when nothing would change). */
  diff: string;
}

/** Lint `files` as one project, fix each, and write the fixed ones when `options.write`. */
export async function fixFiles(files: string[], config: ResolvedConfig, locale: Locale, options: FixRunOptions): Promise<FixRun> {
  const run = await runFiles(files, {
    config,
    locale,
    mode: options.write ? 'fix' : 'fix-dry-run',
    limits: resolveLimits(config.settings),
    cwd: options.cwd,
    concurrency: options.concurrency ?? 'inline',
    fs: options.fs,
  });
  return { results: run.results, diff: run.patches.join('') };
}
