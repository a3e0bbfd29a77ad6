/**
 * The JSON report written one file at a time, as the run delivers each file's result in
 * order: a run of thousands of files holds neither its results nor its report (issue 10:
 * memory must not grow with the number of files). Used when nothing needs every result at
 * once: no other report (`--report`), no baseline, no `--since` filter, no dry run.
 */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileResult, Locale, ResolvedConfig } from '../types.js';
import { jsonEnd, jsonPiece } from '../reporters/json.js';
import { baselinePath } from './baseline.js';
import { t } from '../i18n/cli.js';
import { PREFIX } from '../i18n/typography.js';

export interface StreamOptions {
  format: string;
  outputFile?: string;
  report?: string[];
  quiet?: boolean;
  fixDryRun?: boolean;
  baseline?: boolean;
  updateBaseline?: boolean;
}

export interface ReportStream {
  emit: (result: FileResult) => void;
  /** Close the report; the exit code (1 on errors or too many warnings). */
  end: (maxWarnings: number | undefined) => number;
}

/** A streaming JSON report for this run, or undefined when the run must report at the end. */
export function reportStream(
  opts: StreamOptions,
  env: { cwd: string; configFile?: string; config: ResolvedConfig; locale: Locale; since: boolean; stdout: (text: string) => void; stderr: (text: string) => void },
): ReportStream | undefined {
  if (opts.format !== 'json' || opts.report?.length || opts.fixDryRun || env.since || opts.updateBaseline) return undefined;
  if (opts.baseline !== false && existsSync(baselinePath(env.cwd, env.configFile, env.config))) return undefined;
  let write = env.stdout;
  let fd: number | undefined;
  if (opts.outputFile) {
    try {
      fd = openSync(resolve(env.cwd, opts.outputFile), 'w');
    } catch {
      return undefined; // the report at the end says why, and writes to the standard output
    }
    const out = fd;
    write = (text) => {
      writeSync(out, text);
    };
  }
  let count = 0;
  let errors = 0;
  let warnings = 0;
  return {
    emit(result) {
      // `--quiet`: warnings are neither shown nor counted (as the report at the end).
      const shown = opts.quiet ? { ...result, findings: result.findings.filter((f) => f.severity === 'error') } : result;
      for (const f of shown.findings) {
        if (f.severity === 'error') errors++;
        else if (f.severity === 'warning') warnings++;
      }
      write(jsonPiece(shown, count++));
    },
    end(maxWarnings) {
      write(jsonEnd(count));
      if (fd !== undefined) closeSync(fd);
      return exitStatus(errors, warnings, maxWarnings, env.locale, env.stderr);
    },
  };
}

/** The exit code of a lint run: 1 on errors, or on more warnings than `--max-warnings` allows (said on stderr). */
export function exitStatus(errors: number, warnings: number, maxWarnings: number | undefined, locale: Locale, stderr: (text: string) => void): number {
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && maxWarnings >= 0 && warnings > maxWarnings) {
    stderr(PREFIX + t(locale, 'err.maxWarnings', { count: warnings, max: maxWarnings }) + '\n');
    return 1;
  }
  return 0;
}
