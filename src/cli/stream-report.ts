/**
 * The JSON report written one file at a time, as the run delivers each file's result in
 * order: a run of thousands of files holds neither its results nor its report (issue 10:
 * memory must not grow with the number of files). Used when nothing needs every result at
 * once: no other report (`--report`), no baseline, no `--since` filter, no dry run.
 */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileResult, Locale, ResolvedConfig } from '../types.js';
import { jsonEnd, jsonItem, jsonSeparator } from '../reporters/json.js';
import type { JsonPiece } from '../runner/cache.js';
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
  /**
   * Each file's piece rendered once (the cache keeps it) and written as bytes; a warm run
   * writes the stored piece. Absent with `--quiet`, which reports fewer findings than it stores.
   */
  json?: { render: (result: FileResult) => JsonPiece; emit: (piece: JsonPiece) => void };
  /** Close the report; the exit code (1 on errors or too many warnings). */
  end: (maxWarnings: number | undefined) => number;
}

/** A streaming JSON report for this run, or undefined when the run must report at the end. */
export function reportStream(
  opts: StreamOptions,
  env: {
    cwd: string;
    configFile?: string;
    config: ResolvedConfig;
    locale: Locale;
    since: boolean;
    stdout: (text: string) => void;
    /** The standard output for bytes (a stored piece is written as it is); else they are decoded for `stdout`. */
    stdoutBytes?: (bytes: Uint8Array) => void;
    stderr: (text: string) => void;
  },
): ReportStream | undefined {
  if (opts.format !== 'json' || opts.report?.length || opts.fixDryRun || env.since || opts.updateBaseline) return undefined;
  if (opts.baseline !== false && existsSync(baselinePath(env.cwd, env.configFile, env.config))) return undefined;
  let writeBytes: (bytes: Buffer) => void = env.stdoutBytes ?? ((bytes) => env.stdout(bytes.toString('utf8')));
  let fd: number | undefined;
  if (opts.outputFile) {
    try {
      fd = openSync(resolve(env.cwd, opts.outputFile), 'w');
    } catch {
      return undefined; // the report at the end says why, and writes to the standard output
    }
    const out = fd;
    writeBytes = (bytes) => {
      for (let at = 0; at < bytes.length; ) at += writeSync(out, bytes, at);
    };
  }
  // Pieces are copied into writes of 256 KiB (a warm run of thousands of files would otherwise
  // make two system calls a file, or keep the cache's reads alive until they are written).
  const buffer = Buffer.allocUnsafe(1 << 18);
  let size = 0;
  const flush = () => {
    if (size) writeBytes(buffer.subarray(0, size));
    size = 0;
  };
  const write = (part: string | Buffer) => {
    const length = typeof part === 'string' ? Buffer.byteLength(part) : part.length;
    if (size + length > buffer.length) {
      flush();
      if (length > buffer.length) return writeBytes(typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
    }
    size += typeof part === 'string' ? buffer.write(part, size, 'utf8') : part.copy(buffer, size);
  };
  let count = 0;
  let errors = 0;
  let warnings = 0;
  const countsOf = (findings: FileResult['findings']) => {
    let e = 0;
    let w = 0;
    for (const f of findings) {
      if (f.severity === 'error') e++;
      else if (f.severity === 'warning') w++;
    }
    return { errors: e, warnings: w };
  };
  return {
    emit(result) {
      // `--quiet`: warnings are neither shown nor counted (as the report at the end).
      const shown = opts.quiet ? { ...result, findings: result.findings.filter((f) => f.severity === 'error') } : result;
      const n = countsOf(shown.findings);
      errors += n.errors;
      warnings += n.warnings;
      write(jsonSeparator(count++));
      write(jsonItem(shown));
    },
    json: opts.quiet
      ? undefined
      : {
          render: (result) => ({ bytes: jsonItem(result), ...countsOf(result.findings) }),
          emit(piece) {
            errors += piece.errors;
            warnings += piece.warnings;
            write(jsonSeparator(count++));
            write(piece.bytes);
          },
        },
    end(maxWarnings) {
      write(jsonEnd(count));
      flush();
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
