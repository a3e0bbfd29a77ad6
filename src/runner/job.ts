/**
 * One lint job: a file path and its kind, read, parsed, linted (and fixed) on its own. This
 * runs in a worker thread of the pool (src/runner/pool.ts), or in the calling thread for the
 * Node API and tests; either way the outcome is plain data, the same whatever the thread.
 * Nothing of the file (text, tree) outlives the job: only findings go back.
 */
import { constants, closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import type { Finding, IndexEntry, Locale, ParsedPosting, ProjectIndex, ResolvedConfig, RuleModule } from '../types.js';
import { outliner, type Outliner } from '../pairing/outliner.js';
import { lintPosting } from '../engine/lint.js';
import { internalOutcome } from './outcome.js';

export { internalOutcome };
import { parsePosting } from '../engine/parse.js';
import { fixText } from '../engine/fix.js';
import { findingText } from '../cli/baseline.js';
import { unifiedDiff } from './diff.js';
import type { Limits } from './limits.js';
import { fileErrorReason, NotRegularFileError } from '../cli/read-file.js';
import { nodeCrypto } from '../cli/lazy-builtins.js';

/** A file a job lints: a posting (the site model adds templates as another kind). */
export interface JobFile {
  filePath: string;
  kind: string;
  /** The text to lint instead of the file's (`--stdin-filename`, `lintText`). */
  text?: string;
}

/**
 * What a job lints: one file, or the linted postings of one translation group, with the
 * group's other postings as `partners` (read, parsed and outlined for the pairing rules,
 * not linted). A group is one job so that each of its postings is parsed once, in the same
 * worker, and its outline comes from that parse.
 */
export interface Job {
  files: JobFile[];
  partners?: Array<{ filePath: string; text?: string }>;
  /** Outline the files and partners (the group is compared by pairing/structure, pairing/values). */
  outline?: boolean;
  /** The site of the job's files, in a run of several sites (see IndexEntry.scope). */
  scope?: string;
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
  /**
   * false: a lint's outcomes leave out the text of each finding, which only a baseline matches
   * (a baseline then reads the file again); a long one is hashed, which loads `node:crypto`.
   */
  findingTexts?: boolean;
}

/** The index entry of each file, per index (a worker receives one index per run). */
const entriesByFile = new WeakMap<ProjectIndex, Map<string, IndexEntry>>();
function entryOf(index: ProjectIndex, file: string): IndexEntry | undefined {
  let map = entriesByFile.get(index);
  if (!map) entriesByFile.set(index, (map = new Map(index.entries.map((e) => [e.filePath, e]))));
  return map.get(file);
}

/** The outline function of a configuration, made once per run's context. */
const outliners = new WeakMap<object, Outliner>();
function outlinerOf(config: ResolvedConfig): Outliner {
  let o = outliners.get(config);
  if (!o) outliners.set(config, (o = outliner(config)));
  return o;
}

/**
 * Lint the files of a job, one outcome per file in order. For a translation group, every
 * posting (partners included) is parsed once and its outline set on its index entry while
 * the job runs; the outlines are dropped at the end, so that nothing of a file outlives its job.
 */
export function runJob(job: Job, ctx: RunContext, rules: readonly RuleModule[]): JobOutcome[] {
  if (!job.outline) return job.files.map((f) => lintOne(f, ctx, rules));
  const outline = outlinerOf(ctx.config);
  const touched: IndexEntry[] = [];
  // A posting of the group left out of the comparison (too large, unreadable, no outline): the
  // others' results lack what it would have said, so the cache does not keep them.
  let incomplete = false;
  const setOutline = (file: string, posting: ParsedPosting) => {
    const entry = entryOf(ctx.index, file);
    if (!entry) return;
    try {
      entry.outline = outline(posting);
      touched.push(entry);
    } catch {
      // A posting whose outline cannot be made is not compared; the rules then say nothing.
      incomplete = true;
    }
  };
  try {
    for (const p of job.partners ?? []) {
      let text = p.text;
      if (text === undefined) {
        try {
          const read = readLimited(p.filePath, ctx.limits.maxFileSize);
          if ('size' in read) {
            incomplete = true;
            continue;
          }
          text = read.bytes.toString('utf8');
        } catch {
          incomplete = true;
          continue; // a partner that cannot be read is not compared
        }
      }
      try {
        setOutline(p.filePath, parsePosting(text, p.filePath, ctx.config.language));
      } catch {
        incomplete = true; // a partner that cannot be parsed is not compared
      }
    }
    const read = job.files.map((f) => readJobFile(f, ctx, rules));
    for (let i = 0; i < read.length; i++) {
      const r = read[i]!;
      if ('posting' in r) setOutline(job.files[i]!.filePath, r.posting);
      else incomplete = true;
    }
    const outcomes = read.map((r) => ('posting' in r ? lintRead(r, ctx, rules) : r));
    if (incomplete) for (const o of outcomes) delete o.read;
    return outcomes;
  } finally {
    for (const e of touched) delete e.outline;
  }
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

interface ReadFile {
  file: string;
  bytes: Buffer;
  mtimeMs: number;
  raw: string;
  posting: ParsedPosting;
}

/** Read and parse a file of a job, or its outcome when it cannot be read (or is too large). */
function readJobFile(job: JobFile, ctx: RunContext, rules: readonly RuleModule[]): ReadFile | JobOutcome {
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
  const raw = read.bytes.toString('utf8');
  try {
    return { file, bytes: read.bytes, mtimeMs: read.mtimeMs, raw, posting: parsePosting(raw, file, config.language) };
  } catch (error) {
    // The parser itself failed (a rule's failure is already a finding of the engine's).
    return parserFailure(rules, file, error, locale);
  }
}

function lintOne(job: JobFile, ctx: RunContext, rules: readonly RuleModule[]): JobOutcome {
  const r = readJobFile(job, ctx, rules);
  return 'posting' in r ? lintRead(r, ctx, rules) : r;
}

function lintRead(read: ReadFile, ctx: RunContext, rules: readonly RuleModule[]): JobOutcome {
  const { config, locale } = ctx;
  const { file, raw, posting } = read;
  const withRead = (o: JobOutcome): JobOutcome => {
    if (ctx.cache) o.read = { size: read.bytes.length, mtimeMs: read.mtimeMs, hash: nodeCrypto().createHash('sha256').update(read.bytes).digest('hex') };
    return o;
  };
  // Bytes that are not UTF-8 are linted, never rewritten (the rewrite would lose them).
  const rewritable = !(raw.includes('\uFFFD') && !Buffer.from(raw, 'utf8').equals(read.bytes));
  const lintOptions = { filePath: file, config, rules, locale, project: ctx.index };
  const findings = lintPosting(posting, lintOptions);
  const texts = (text: string, list: Finding[]) => list.map((f) => findingText(text, f));
  if (ctx.mode === 'lint' || !rewritable || !findings.some((f) => f.fix)) {
    const kept = ctx.findingTexts === false && ctx.mode === 'lint' && !ctx.cache ? [] : texts(posting.text, findings);
    return withRead({ filePath: file, findings, texts: kept });
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

/** The outcome of a file whose parse (or worker) failed: one `internal/rule-error` finding. */
export function parserFailure(rules: readonly RuleModule[], file: string, error: unknown, locale: Locale): JobOutcome {
  const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return internalOutcome(rules, file, 'internal/rule-error', 'worker', { reason }, locale);
}

export function displayPath(file: string, cwd: string): string {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  return (rel && !rel.startsWith('..') ? rel : file).split(sep).join('/');
}
