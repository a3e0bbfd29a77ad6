/** `postings lint`: the I/O around the pure engine. */
import { writeFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { supportsColor } from 'chalk';
import type { FileResult, Locale, ResolvedConfig } from '../types.js';
import { rules } from '../rules/index.js';
import { lintPosting } from '../engine/lint.js';
import { t } from '../i18n/cli.js';
import { PREFIX } from '../i18n/typography.js';
import { reporters, formatNames } from '../reporters/index.js';
import { expandPaths, MissingPathError } from './files.js';
import { loadPostings } from './project.js';
import { loadConfig } from './config-loader.js';
import { UsageError } from './errors.js';
import { sinceScope } from './since.js';
import { runBaseline, type BaselineCliOptions } from './baseline.js';

export interface LintCliOptions extends BaselineCliOptions {
  /** `--since REF`: only postings changed since this git ref (and their partners). */
  since?: string;
  format: string;
  outputFile?: string;
  config?: string;
  maxWarnings?: string;
  quiet?: boolean;
  color?: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
}

export interface CliIO {
  /** The language `--locale` chose, if given: it wins over the configuration's `locale`. */
  localeFlag?: Locale;
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  version: string;
}

export async function runLint(paths: string[], opts: LintCliOptions, locale: Locale, io: CliIO): Promise<number> {
  if (!reporters[opts.format]) {
    throw new UsageError(t(locale, 'err.format', { format: opts.format, formats: formatNames().join(', ') }));
  }
  let maxWarnings: number | undefined;
  if (opts.maxWarnings !== undefined) {
    if (!/^-?\d+$/.test(opts.maxWarnings)) throw new UsageError(t(locale, 'err.maxWarningsArg', { value: opts.maxWarnings }));
    maxWarnings = Number(opts.maxWarnings);
  }
  const { config, file: configFile, locale: configLocale } = loadConfig({ cwd: io.cwd, configFile: opts.config, rules });
  // `--locale`, then the configuration's `locale`, then the environment (LC_ALL, LANG).
  if (!io.localeFlag && configLocale) locale = configLocale;

  if (paths.length === 0) {
    const content = resolve(io.cwd, 'content');
    if (existsSync(content) && statSync(content).isDirectory()) paths = ['content'];
    else throw new UsageError(t(locale, 'err.noPath'));
  }
  let files: string[];
  let found: number;
  try {
    ({ files, found } = await expandPaths(paths, io.cwd, config.ignore, configFile ? resolve(configFile, '..') : io.cwd));
  } catch (e) {
    if (e instanceof MissingPathError) throw new UsageError(t(locale, 'err.pathMissing', { path: e.path }));
    throw e;
  }
  // An empty folder (or a folder named `x.md`) is a mistake, not a clean run (as ESLint's
  // "No files matching the pattern"). Files all left out by `ignore` (or section pages) are a
  // clean run, and so is `--since` with nothing changed: both report 0 files.
  if (found === 0) {
    throw new UsageError(t(locale, 'err.noFiles', { paths: paths.join(', ') }));
  }

  const scope = opts.since !== undefined ? sinceScope(opts.since, files, config, io.cwd, locale) : undefined;
  const selected = scope ? scope.select(Boolean(opts.fix || opts.fixDryRun)) : files;
  let results =
    opts.fix || opts.fixDryRun
      ? (await import('./fix-command.js')).runFix(selected, config, locale, opts, io)
      : lintFiles(selected, config, locale);
  results = runBaseline(results, opts, { cwd: io.cwd, configFile, config, locale, stderr: io.stderr });
  if (scope) results = scope.filter(results);
  return report(results, opts, locale, io, maxWarnings);
}

/** Lint `files` as one project (each read and parsed once). */
export function lintFiles(files: string[], config: ResolvedConfig, locale: Locale): FileResult[] {
  const { parsed, unreadable, index } = loadPostings(files, config, locale);
  const results = new Map(unreadable);
  for (const posting of parsed) {
    const findings = lintPosting(posting, { filePath: posting.filePath, config, rules, locale, project: index });
    results.set(posting.filePath, { filePath: posting.filePath, findings, source: posting.text });
  }
  return files.map((f) => results.get(f)!);
}

async function report(
  results: FileResult[],
  opts: LintCliOptions,
  locale: Locale,
  io: CliIO,
  maxWarnings: number | undefined,
): Promise<number> {
  // `--quiet`: warnings are neither shown nor counted, `--max-warnings` included (as ESLint).
  const shown = opts.quiet
    ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }))
    : results;
  const errors = shown.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = shown.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  const reporter = await reporters[opts.format]!();
  // `--color` / `--no-color`, else chalk's own detection (FORCE_COLOR, TERM=dumb, a terminal
  // or not, CI services), with NO_COLOR (no-color.org) honoured unless FORCE_COLOR is set.
  const color =
    opts.color ??
    (io.env.NO_COLOR && !io.env.FORCE_COLOR ? false : Boolean(supportsColor && supportsColor.level > 0));
  const text = reporter(shown, {
    cwd: io.cwd,
    locale,
    color: opts.outputFile ? (opts.color ?? false) : color,
    version: io.version,
    rules: rules.map((r) => r.meta),
  });
  if (opts.outputFile) {
    const target = resolve(io.cwd, opts.outputFile);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    } catch (e) {
      // The report is not lost: it goes to the standard output, the reason to the error output.
      io.stdout(text);
      io.stderr(`${PREFIX}${t(locale, 'err.write', { file: target, reason: (e as Error).message })}\n`);
      return 2;
    }
  } else io.stdout(text);
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && maxWarnings >= 0 && warnings > maxWarnings) {
    io.stderr(PREFIX + t(locale, 'err.maxWarnings', { count: warnings, max: maxWarnings }) + '\n');
    return 1;
  }
  return 0;
}
