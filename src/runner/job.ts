/**
 * One lint job: a file path and its kind, read, parsed, linted (and fixed) on its own. This
 * runs in a worker thread of the pool (src/runner/pool.ts), or in the calling thread for the
 * Node API and tests; either way the outcome is plain data, the same whatever the thread.
 * Nothing of the file (text, tree) outlives the job: only findings go back.
 */
import { createHash } from 'node:crypto';
import { constants, closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import type { Finding, Locale, ProjectIndex, ResolvedConfig, RuleModule } from '../types.js';
import { lintPosting } from '../engine/lint.js';
import { internalOutcome } from './outcome.js';

export { internalOutcome };
import { parsePosting } from '../engine/parse.js';
import { fixText } from '../engine/fix.js';
import { findingText } from '../cli/baseline.js';
import { unifiedDiff } from './diff.js';
import type { Limits } from './limits.js';
import { fileErrorReason, NotRegularFileError } from '../cli/read-file.js';

/** What a job lints: a posting (the lead's site model adds templates as another kind). */
export interface Job {
  filePath: string;
  kind: string;
  /** The text to lint instead of the file's (`--stdin-filename`, `lintText`). */
  text?: string;
}

export type JobMode = 'lint' | 'fix' | 'fix-dry-run';

/** What every job of a run shares; plain data, sent once to each worker. */
export interface RunContext {
  config: ResolvedConfig;
  locale: Locale;
  index: ProjectIndex;
  mode: JobMode;
  limits: Limits;
  /** Folder the dry run's diff paths are relative to. */
  cwd: string;
  /** The run keeps a cache: outcomes carry what the file was when read. */
  cache?: boolean;
}

export interface JobOutcome {
  filePath: string;
  findings: Finding[];
  /** The baseline text of each finding (same order), so the posting's text need not be kept. */
  texts: string[];
  /** The fixed file (BOM included) when `--fix` changes it; the main thread writes it. */
  output?: string;
  /** The findings of the file as it was, for a fix whose write fails. */
  before?: Finding[];
  beforeTexts?: string[];
  /** The dry run's patch for this file. */
  patch?: string;
  /** The file as it was read, for the cache: size, modification time, sha256 of the bytes. */
  read?: { size: number; mtimeMs: number; hash: string };
}

const BOM = '\uFEFF';

/** Read a whole file, or report it too large without reading it. */
function readLimited(file: string, limit: number): { bytes: Buffer; mtimeMs: number } | { size: number } {
  // Never blocks: a FIFO with no writer is opened without waiting and refused (see read-file.ts).
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFileError(st.isFIFO() ? 'fifo' : st.isSocket() ? 'socket' : st.isDirectory() ? 'directory' : 'other', file);
    const size = st.size;
    if (size > limit) return { size };
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    // A file that grew while we read it is read to its end, still within the limit.
    const chunks = [bytes.subarray(0, at)];
    let total = at;
    for (;;) {
      const more = Buffer.allocUnsafe(65536);
      const n = readSync(fd, more, 0, more.length, total);
      if (n === 0) break;
      total += n;
      if (total > limit) return { size: total };
      chunks.push(more.subarray(0, n));
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

export function runJob(job: Job, ctx: RunContext, rules: readonly RuleModule[]): JobOutcome {
  const { config, locale } = ctx;
  const file = job.filePath;
  let read;
  try {
    read = job.text !== undefined ? { bytes: Buffer.from(job.text, 'utf8'), mtimeMs: 0 } : readLimited(file, ctx.limits.maxFileSize);
  } catch (e) {
    return internalOutcome(rules, file, 'internal/read-error', 'unreadable', { reason: fileErrorReason(e)[locale] }, locale);
  }
  if ('size' in read) {
    return internalOutcome(rules, file, 'internal/too-large', 'size', { size: read.size, limit: ctx.limits.maxFileSize }, locale);
  }
  const withRead = (o: JobOutcome): JobOutcome => {
    if (ctx.cache) o.read = { size: read.bytes.length, mtimeMs: read.mtimeMs, hash: createHash('sha256').update(read.bytes).digest('hex') };
    return o;
  };
  const raw = read.bytes.toString('utf8');
  // Bytes that are not UTF-8 are linted, never rewritten (the rewrite would lose them).
  const rewritable = !(raw.includes('\uFFFD') && !Buffer.from(raw, 'utf8').equals(read.bytes));
  const posting = parsePosting(raw, file, config.language);
  const lintOptions = { filePath: file, config, rules, locale, project: ctx.index };
  const findings = lintPosting(posting, lintOptions);
  const texts = (text: string, list: Finding[]) => list.map((f) => findingText(text, f));
  if (ctx.mode === 'lint' || !rewritable || !findings.some((f) => f.fix)) {
    return withRead({ filePath: file, findings, texts: texts(posting.text, findings) });
  }
  const outcome = fixText(posting.text, findings, (text) =>
    lintPosting(parsePosting((posting.hasBom ? BOM : '') + text, file, config.language), lintOptions),
  );
  const result: JobOutcome = { filePath: file, findings: outcome.findings, texts: texts(outcome.output, outcome.findings) };
  if (!outcome.changed) return result;
  result.output = (posting.hasBom ? BOM : '') + outcome.output;
  if (ctx.mode === 'fix') {
    result.before = findings;
    result.beforeTexts = texts(posting.text, findings);
  } else {
    result.patch = unifiedDiff(displayPath(file, ctx.cwd), posting.text, outcome.output);
  }
  return result;
}

export function displayPath(file: string, cwd: string): string {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  return (rel && !rel.startsWith('..') ? rel : file).split(sep).join('/');
}
