/**
 * `postings lint --fix` and `--fix-dry-run`: the I/O around the fix engine. Each file is read
 * once, fixed on its BOM-less text by `fixText`, and written back atomically with its BOM,
 * line endings, final newline and permissions as they were. The dry run writes nothing and
 * returns a unified diff instead.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { FileResult, Locale, ResolvedConfig } from '../types.js';
import { rules } from '../rules/index.js';
import { lintPosting } from '../engine/lint.js';
import { parsePosting } from '../engine/parse.js';
import { fixText } from '../engine/fix.js';
import { internalFinding, loadPostings } from './project.js';
import { postingFilter } from './site.js';
import { writeFileAtomic, realFs, type WriteFs } from './atomic-write.js';
import { UsageError } from './errors.js';
import { ta } from '../i18n/authoring.js';
import type { CliIO, LintCliOptions } from './lint-command.js';

export interface FixRunOptions {
  /** Write the fixed files (`--fix`); when false, only compute them (`--fix-dry-run`). */
  write: boolean;
  /** Folder the diff's paths are relative to. */
  cwd: string;
  /** File system for writes (tests simulate failures with it). */
  fs?: WriteFs;
}

export interface FixRun {
  /** One result per file, in the order given; `output` is set on each file the fixes change. */
  results: FileResult[];
  /** Unified diff of every change (empty when nothing would change). */
  diff: string;
}

const BOM = '\uFEFF';

/**
 * The hook `runLint` calls for `--fix` / `--fix-dry-run`. The dry run prints its diff on the
 * standard output before the report when the report is for people (`stylish`) or goes to a
 * file (`-o`); a machine format on the standard output stays valid (JSON carries `output`).
 */
export function runFix(files: string[], config: ResolvedConfig, locale: Locale, opts: LintCliOptions, io: CliIO): FileResult[] {
  if (opts.fix && opts.fixDryRun) throw new UsageError(ta(locale, 'err.fixBoth'));
  const { results, diff } = fixFiles(files, config, locale, { write: Boolean(opts.fix), cwd: io.cwd });
  if (opts.fixDryRun && diff && (opts.format === 'stylish' || opts.outputFile)) io.stdout(diff);
  return results;
}

/** Lint `files` as one project, fix each, and write the fixed ones when `options.write`. */
export function fixFiles(files: string[], config: ResolvedConfig, locale: Locale, options: FixRunOptions): FixRun {
  const { parsed, unreadable, notUtf8: notRewritable, index } = loadPostings(files, config, locale, postingFilter(config));
  const results = new Map(unreadable);
  const patches: string[] = [];
  for (const posting of parsed) {
    const file = posting.filePath;
    const lintOptions = { filePath: file, config, rules, locale, project: index };
    const findings = lintPosting(posting, lintOptions);
    if (notRewritable.has(file) || !findings.some((f) => f.fix)) {
      results.set(file, { filePath: file, findings, source: posting.text });
      continue;
    }
    const outcome = fixText(posting.text, findings, (text) =>
      lintPosting(parsePosting((posting.hasBom ? BOM : '') + text, file, config.language), lintOptions),
    );
    const result: FileResult = { filePath: file, findings: outcome.findings, source: outcome.output };
    if (outcome.changed) {
      const output = (posting.hasBom ? BOM : '') + outcome.output;
      result.output = output;
      if (options.write) {
        try {
          writeFileAtomic(file, output, options.fs ?? realFs);
        } catch (e) {
          // The original is untouched: report the findings it still has, and the failure.
          delete result.output;
          result.source = posting.text;
          result.findings = [internalFinding('internal/write-error', 'unwritable', e, locale), ...findings];
        }
      } else {
        patches.push(unifiedDiff(displayPath(file, options.cwd), posting.text, outcome.output));
      }
    }
    results.set(file, result);
  }
  return { results: files.map((f) => results.get(f)!), diff: patches.join('') };
}

/** A `git diff`-style patch (`a/` and `b/` prefixes), which `git apply` and `patch -p1` take. */
export function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

function displayPath(file: string, cwd: string): string {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  return (rel && !rel.startsWith('..') ? rel : file).split(sep).join('/');
}

