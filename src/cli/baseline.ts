/**
 * The baseline: findings a site has accepted for now (old postings), kept in
 * `.postings-baseline.json` and hidden from later runs, so that only new findings fail.
 *
 * An entry is matched by file, rule and the text at the finding (the posting text in the
 * finding's range), never by line number: editing above a finding does not break it.
 * Identical entries are counted. The file is sorted, stable JSON that reviews well.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { nodeCrypto } from './lazy-builtins.js';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FileResult, Finding, Locale, ResolvedConfig } from '../types.js';
import { computeLineStarts } from '../engine/positions.js';
import { plural, tc } from '../i18n/ci.js';
import { PREFIX } from '../i18n/typography.js';
import { UsageError } from './errors.js';
import { fileErrorReason, readRegularFile } from './read-file.js';
import { jsonSyntaxMessage, resolveInRepository } from './repository.js';
import { prepareOutputFile } from './output-file.js';

export const BASELINE_FILE = '.postings-baseline.json';
const MAX_TEXT = 200;

export interface BaselineEntry {
  /** Path relative to the baseline file's folder, with forward slashes. */
  file: string;
  rule: string;
  /** The text at the finding (see `findingText`). */
  text: string;
  /** How many identical findings; absent means 1. */
  count?: number;
}

/**
 * The text a finding is matched by: the posting text in its range (CRLF read as LF); for an
 * empty range, the whole line it starts on; past 200 characters, the start and a hash.
 */
export function findingText(text: string, f: Finding): string {
  let [start, end] = f.range ?? [-1, -1];
  if (start < 0) {
    const starts = computeLineStarts(text);
    start = starts[Math.max(0, Math.min(f.line, starts.length) - 1)] ?? 0;
    end = start;
  }
  let value = text.slice(start, end);
  if (value === '') {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const nl = text.indexOf('\n', start);
    value = text.slice(lineStart, nl < 0 ? text.length : nl).replace(/\r$/, '');
  }
  value = value.replace(/\r\n?/g, '\n');
  if (value.length <= MAX_TEXT) return value;
  const hash = nodeCrypto().createHash('sha256').update(value).digest('hex').slice(0, 16);
  return `${value.slice(0, MAX_TEXT)}…sha256:${hash}`;
}

const keyOf = (file: string, rule: string, text: string) => JSON.stringify([file, rule, text]);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted by file, rule, text (code points, the same everywhere), identical ones counted. */
export function normalizeEntries(entries: Iterable<BaselineEntry>): BaselineEntry[] {
  const counts = new Map<string, BaselineEntry>();
  for (const e of entries) {
    const k = keyOf(e.file, e.rule, e.text);
    const prev = counts.get(k);
    if (prev) prev.count = (prev.count ?? 1) + (e.count ?? 1);
    else counts.set(k, { file: e.file, rule: e.rule, text: e.text, count: e.count ?? 1 });
  }
  return [...counts.values()]
    .sort((a, b) => cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.text, b.text))
    .map((e) => (e.count === 1 ? { file: e.file, rule: e.rule, text: e.text } : e));
}

export function serializeBaseline(entries: Iterable<BaselineEntry>): string {
  const doc = {
    $comment: 'Findings accepted for now by `postings lint --update-baseline`; later runs report only new ones.',
    version: 1,
    findings: normalizeEntries(entries),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export function parseBaseline(json: string): BaselineEntry[] {
  const doc = JSON.parse(json) as { findings?: unknown };
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.findings)) throw new Error('no "findings" list');
  return doc.findings.map((e, i) => {
    const entry = e as Partial<BaselineEntry>;
    if (typeof entry.file !== 'string' || typeof entry.rule !== 'string' || typeof entry.text !== 'string') {
      throw new Error(`findings[${i}] needs "file", "rule" and "text"`);
    }
    const count = typeof entry.count === 'number' && entry.count > 1 ? Math.floor(entry.count) : 1;
    return { file: entry.file, rule: entry.rule, text: entry.text, count };
  });
}

export type TextReader = (result: FileResult) => string | undefined;

/**
 * The text the findings refer to, BOM stripped: the one the linter kept (the fixed text after
 * `--fix`), so the file is not read again; the file itself for results made elsewhere.
 */
export const readLintedText: TextReader = (result) => {
  if (result.source !== undefined) return result.source;
  try {
    const text = readFileSync(result.filePath, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
};

/** The baseline text of each finding of a result: kept by the run, else read from the text. */
function textsOf(r: FileResult, read: TextReader): (f: Finding, i: number) => string {
  if (r.texts && r.texts.length === r.findings.length) return (_f, i) => r.texts![i]!;
  let text: string | undefined;
  return (f) => findingText((text ??= read(r) ?? ''), f);
}

function relFile(base: string, filePath: string): string {
  const rel = isAbsolute(filePath) ? relative(base, filePath) : filePath;
  return rel.split(sep).join('/');
}

/** Entries for every finding of the results. */
export function entriesOf(results: FileResult[], base: string, read: TextReader = readLintedText): BaselineEntry[] {
  const out: BaselineEntry[] = [];
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const textOf = textsOf(r, read);
    const file = relFile(base, r.filePath);
    r.findings.forEach((f, i) => out.push({ file, rule: f.ruleId, text: textOf(f, i) }));
  }
  return out;
}

export interface BaselineOutcome {
  results: FileResult[];
  /** Findings hidden because the baseline lists them. */
  hidden: number;
  /** Entries that match no finding any more, in files of this run or in files that are gone. */
  fixed: BaselineEntry[];
}

/** Hide the findings the baseline lists; list the entries that no longer match anything. */
export function applyBaseline(
  results: FileResult[],
  entries: BaselineEntry[],
  base: string,
  read: TextReader = readLintedText,
): BaselineOutcome {
  const remaining = new Map<string, number>();
  for (const e of normalizeEntries(entries)) remaining.set(keyOf(e.file, e.rule, e.text), e.count ?? 1);
  const linted = new Set<string>();
  let hidden = 0;
  const out = results.map((r) => {
    const file = relFile(base, r.filePath);
    linted.add(file);
    if (r.findings.length === 0) return r;
    const textOf = textsOf(r, read);
    const texts: string[] = [];
    const findings = r.findings.filter((f, i) => {
      const text = textOf(f, i);
      const k = keyOf(file, f.ruleId, text);
      const n = remaining.get(k) ?? 0;
      if (n <= 0) {
        texts.push(text);
        return true;
      }
      remaining.set(k, n - 1);
      hidden++;
      return false;
    });
    return findings.length === r.findings.length ? r : { ...r, findings, texts };
  });
  const fixed: BaselineEntry[] = [];
  for (const e of normalizeEntries(entries)) {
    const left = remaining.get(keyOf(e.file, e.rule, e.text)) ?? 0;
    if (left <= 0) continue;
    if (linted.has(e.file) || !existsSync(join(base, e.file))) fixed.push({ ...e, count: left });
  }
  return { results: out, hidden, fixed: normalizeEntries(fixed) };
}

/**
 * The new baseline: this run's findings, plus the old entries of files this run did not
 * lint (a run on a few files keeps the rest); entries of files that are gone are dropped.
 */
export function updatedEntries(old: BaselineEntry[], results: FileResult[], base: string, read: TextReader = readLintedText): BaselineEntry[] {
  const linted = new Set(results.map((r) => relFile(base, r.filePath)));
  const kept = old.filter((e) => !linted.has(e.file) && existsSync(join(base, e.file)));
  return normalizeEntries([...kept, ...entriesOf(results, base, read)]);
}

/** Where the baseline lives: config `baseline.file`, else beside the config file, else in cwd. */
export function baselinePath(cwd: string, configFile: string | undefined, config: ResolvedConfig): string {
  const base = configFile ? dirname(configFile) : cwd;
  const setting = config.settings.baseline as { file?: unknown } | undefined;
  if (setting && typeof setting.file === 'string') return resolveInRepository(base, setting.file, 'baseline.file', configFile);
  return join(base, BASELINE_FILE);
}

export interface BaselineCliOptions {
  /** false with `--no-baseline`. */
  baseline?: boolean;
  updateBaseline?: boolean;
}

/** The CLI's baseline step: update the file when asked, then apply it (unless --no-baseline). */
export function runBaseline(
  results: FileResult[],
  opts: BaselineCliOptions,
  env: { cwd: string; configFile?: string; config: ResolvedConfig; locale: Locale; stderr: (text: string) => void },
): FileResult[] {
  const { locale } = env;
  const file = baselinePath(env.cwd, env.configFile, env.config);
  const base = dirname(file);
  const shown = relative(env.cwd, file) || file;
  const load = (): BaselineEntry[] | undefined => {
    if (!existsSync(file)) return undefined;
    try {
      return parseBaseline(readRegularFile(file, 'utf8'));
    } catch (e) {
      const reason = e instanceof SyntaxError ? jsonSyntaxMessage(e) : fileErrorReason(e)[locale];
      throw new UsageError(tc(locale, 'baseline.read', { file: shown, reason }));
    }
  };
  if (opts.updateBaseline) {
    const entries = updatedEntries(load() ?? [], results, base);
    try {
      // Never a hang on a named pipe nobody reads, nor a write into a folder that is a file.
      prepareOutputFile(file);
      writeFileSync(file, serializeBaseline(entries));
    } catch (e) {
      throw new UsageError(tc(locale, 'baseline.write', { file: shown, reason: (e as Error).message }));
    }
    const count = entries.reduce((n, e) => n + (e.count ?? 1), 0);
    const files = new Set(entries.map((e) => e.file)).size;
    env.stderr(
      PREFIX + tc(locale, 'baseline.written', {
        file: shown,
        count,
        findingWord: plural(locale, count, 'word.finding', 'word.findings'),
        files,
        fileWord: plural(locale, files, 'word.file', 'word.files'),
      }) + '\n',
    );
  }
  if (opts.baseline === false) return results;
  const entries = load();
  if (!entries) return results;
  const outcome = applyBaseline(results, entries, base);
  if (outcome.hidden > 0 && !opts.updateBaseline) {
    env.stderr(
      PREFIX + tc(locale, 'baseline.hidden', {
        file: shown,
        count: outcome.hidden,
        findingWord: plural(locale, outcome.hidden, 'word.finding', 'word.findings'),
        knownWord: plural(locale, outcome.hidden, 'word.known', 'word.knownPlural'),
      }) + '\n',
    );
  }
  if (outcome.fixed.length > 0) {
    const count = outcome.fixed.reduce((n, e) => n + (e.count ?? 1), 0);
    env.stderr(
      PREFIX + tc(locale, 'baseline.fixed', {
        count,
        entryWord: plural(locale, count, 'word.entry', 'word.entries'),
        matchWord: plural(locale, count, 'word.matches', 'word.match'),
        fixedWord: plural(locale, count, 'word.fixed', 'word.fixedPlural'),
      }) + '\n',
    );
    for (const e of outcome.fixed) {
      const times = (e.count ?? 1) > 1 ? ` ×${e.count}` : '';
      env.stderr(`  ${e.file}  ${e.rule}  ${JSON.stringify(e.text)}${times}\n`);
    }
  }
  return outcome.results;
}
