/** `postings lint`: the I/O around the pure engine. */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { parsePosting, detectLanguage } from '../engine/parse.js';
import { ignoreFileMatcher } from '../config/ignore-file.js';
import { supportsColor } from 'chalk';
import type { FileResult, Locale, ResolvedConfig } from '../types.js';
import { rules } from '../rules/index.js';
import { t } from '../i18n/cli.js';
import { PREFIX } from '../i18n/typography.js';
import { reporters, formatNames } from '../reporters/index.js';
import { expandPaths, findContentRoot, isSectionPage, MissingPathError, type Listing } from './files.js';
import { runFiles } from '../runner/run.js';
import { resolveLimits, type Limits } from '../runner/limits.js';
import { scaleSettings, openCache, progressLine } from '../runner/cli-options.js';
import type { ScaleCliOptions } from '../runner/cli-options.js';
import type { PoolStats } from '../runner/pool.js';
import { ts } from '../i18n/scale.js';
import { ta } from '../i18n/authoring.js';
import { attachGit, pairedEntries } from './git-history.js';
import { readRegularFile } from './read-file.js';
import { loadConfig } from './config-loader.js';
import { UsageError } from './errors.js';
import { sinceScope } from './since.js';
import { baselinePath, runBaseline, type BaselineCliOptions } from './baseline.js';
import { prepareOutputFile } from './output-file.js';
import { compileRegExpsAtOnce, keepYoungGenerationSmall, letYoungGenerationGrow, optimiseHotCodeOnly } from './tiering.js';
import { exitStatus, reportStream } from './stream-report.js';
import { readFrontMatterValues } from '../site/front-matter.js';
import { postingStatus } from '../site/page.js';
import { internalOutcome } from '../runner/outcome.js';
import { describeSite, lintTemplates, pagesByFile, scanLayouts, scanPostingLayouts, selectPostings, siteForRun, langOfSiteFile } from './site.js';
import type { ReportContext } from '../reporters/types.js';

export interface LintCliOptions extends BaselineCliOptions, ScaleCliOptions {
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
  /** `--stdin`: lint the text on the standard input. */
  stdin?: boolean;
  /** `--stdin-filename`: the path that text is linted as (language, content root, pairing). */
  stdinFilename?: string;
  /** `--print-config <file>`: print the configuration for that file instead of linting. */
  printConfig?: string;
  /** `--report <format>=<file>` (repeatable): more reports of the same run, each to a file. */
  report?: string[];
  /** `--no-ignore`: lint what the paths name, whatever `ignore` and the site say. */
  ignore?: boolean;
  debug?: boolean;
}

export interface CliIO {
  /** The language `--locale` chose, if given: it wins over the configuration's `locale`. */
  localeFlag?: Locale;
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  /** The standard output for bytes (a report's stored pieces); else they are decoded for `stdout`. */
  stdoutBytes?: (bytes: Uint8Array) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** The error output is a terminal (progress is shown there, never in logs or pipes). */
  stderrIsTTY?: boolean;
  version: string;
  /** The whole standard input (`--stdin`); the process's own when not given. */
  readStdin?: () => Promise<string>;
  /**
   * The command's own process (bin/postings.js): V8's optimising budget is set before files are
   * linted (src/cli/tiering.ts). Never in a host's process (the Node API) or the build's warm-up.
   */
  tiering?: boolean;
}

export async function runLint(paths: string[], opts: LintCliOptions, locale: Locale, io: CliIO): Promise<number> {
  if (io.tiering) {
    compileRegExpsAtOnce();
    keepYoungGenerationSmall();
  }
  if (!reporters[opts.format]) {
    throw new UsageError(t(locale, 'err.format', { format: opts.format, formats: formatNames().join(', ') }));
  }
  let maxWarnings: number | undefined;
  if (opts.maxWarnings !== undefined) {
    if (!/^-?\d+$/.test(opts.maxWarnings)) throw new UsageError(t(locale, 'err.maxWarningsArg', { value: opts.maxWarnings }));
    maxWarnings = Number(opts.maxWarnings);
  }
  if (opts.stdinFilename !== undefined && !opts.stdin) throw new UsageError(t(locale, 'err.stdinFilename'));
  for (const spec of opts.report ?? []) {
    const [format, file] = splitReport(spec);
    if (!file) throw new UsageError(t(locale, 'err.report', { value: spec }));
    if (!reporters[format]) throw new UsageError(t(locale, 'err.format', { format, formats: formatNames().join(', ') }));
  }
  if (opts.outputFile !== undefined) {
    const target = resolve(io.cwd, opts.outputFile);
    try {
      prepareOutputFile(target);
    } catch (e) {
      throw new UsageError(t(locale, 'err.write', { file: target, reason: (e as Error).message }));
    }
  }
  const { config, file: configFile, locale: configLocale } = loadConfig({ cwd: io.cwd, configFile: opts.config, rules });
  // `--locale`, then the configuration's `locale`, then the environment (LC_ALL, LANG).
  if (!io.localeFlag && configLocale) locale = configLocale;
  const ignoreBase = configFile ? resolve(configFile, '..') : io.cwd;

  if (opts.printConfig !== undefined) {
    if (!opts.printConfig) throw new UsageError(t(locale, 'err.printConfig'));
    const file = resolve(io.cwd, opts.printConfig);
    const site = await siteForRun([opts.printConfig], io.cwd, config, locale);
    let posting: boolean | undefined;
    if (site) {
      config.site = site;
      posting = selectPostings(site, [file], new Set([file]), pagesByFile(site)).postings.length === 1;
    }
    io.stdout(printConfig(file, config, { configFile, locale, ignoreBase, posting }));
    return 0;
  }
  if (opts.stdin) {
    if (paths.length) throw new UsageError(t(locale, 'err.stdinPaths', { paths: paths.join(', ') }));
    if (opts.fix || opts.fixDryRun) throw new UsageError(t(locale, 'err.stdinFix'));
    const text = await (io.readStdin ?? readProcessStdin)();
    const filePath = resolve(io.cwd, opts.stdinFilename ?? STDIN_NAME);
    // The size limit and time budget of the command line and the configuration, as a run of the file has.
    const stdinLimits = scaleSettings(opts, locale, config).limits;
    // A name the ignore settings leave out is said so, and not linted, as that file named on the command line.
    if (opts.stdinFilename !== undefined && opts.ignore !== false && isIgnoredFile(filePath, config, ignoreBase)) {
      io.stderr(PREFIX + t(locale, 'err.stdinIgnored', { file: opts.stdinFilename }) + '\n');
      return report([], opts, locale, io, maxWarnings, config);
    }
    // The Hugo site around the named file, as if it were there (links, pages, layouts).
    if (opts.stdinFilename !== undefined) {
      const site = await siteForRun([opts.stdinFilename], io.cwd, config, locale);
      if (site) {
        config.site = site;
        const fm = readFrontMatterValues(text.slice(0, 65536));
        // A name the site does not make a posting is left out, as the file named on the command line is.
        const status = postingStatus(site, filePath, fm);
        if (status !== 'posting' && opts.ignore !== false) {
          io.stderr(PREFIX + t(locale, 'skip.notPosting', { file: relative(io.cwd, filePath) || filePath, reason: t(locale, `skip.${status}`) }) + '\n');
          return report([], opts, locale, io, maxWarnings, config);
        }
        // Its layout and its partners' (from the text given, which may not be saved), as a run of the file does.
        scanPostingLayouts(site, stdinLimits.maxFileSize);
        scanLayouts(site, [{ file: filePath, fm, lang: langOfSiteFile(site, filePath) }], stdinLimits.maxFileSize);
      }
    }
    // Text over the size limit is not parsed, as a file over it is not.
    const size = Buffer.byteLength(text, 'utf8');
    if (size > stdinLimits.maxFileSize) {
      return report([internalOutcome(rules, filePath, 'internal/too-large', 'size', { size, limit: stdinLimits.maxFileSize }, locale)], opts, locale, io, maxWarnings, config);
    }
    return report(await lintText(text, filePath, config, locale, stdinLimits), opts, locale, io, maxWarnings, config);
  }

  if (paths.length === 0) {
    const content = resolve(io.cwd, 'content');
    if (existsSync(content) && statSync(content).isDirectory()) paths = ['content'];
    else throw new UsageError(t(locale, 'err.noPath'));
  }
  let files: string[];
  let found: number;
  let ignored: Array<{ file: string; reason: 'ignored' | 'section-page' }>;
  let named: Set<string>;
  let listings: Listing[];
  const useIgnore = opts.ignore !== false;
  try {
    ({ files, found, ignored, named, listings } = await expandPaths(
      paths,
      io.cwd,
      useIgnore ? config.ignore : [],
      ignoreBase,
      useIgnore ? ignoreFileMatcher(config) : undefined,
    ));
  } catch (e) {
    if (e instanceof MissingPathError) throw new UsageError(t(locale, 'err.pathMissing', { path: e.path }));
    throw e;
  }
  // More than one file: V8 grows the young generation as it does by default (src/cli/tiering.ts).
  if (files.length > 1) letYoungGenerationGrow();
  // An empty folder (or a folder named `x.md`) is a mistake, not a clean run (as ESLint's
  // "No files matching the pattern"). Files all left out by `ignore` (or section pages) are a
  // clean run, and so is `--since` with nothing changed: both report 0 files.
  if (found === 0) {
    throw new UsageError(t(locale, 'err.noFiles', { paths: paths.join(', ') }));
  }

  for (const { file, reason } of ignored) {
    const shown = relative(io.cwd, file) || file;
    io.stderr(
      PREFIX +
      (reason === 'ignored'
        ? t(locale, 'skip.ignored', { file: shown })
        : t(locale, 'skip.notPosting', { file: shown, reason: t(locale, 'skip.section-page') })) + '\n',
    );
  }

  // The Hugo site around the files: which are postings, and what their layouts print. The
  // front matter it reads of every page is kept for the index, which needs no second read.
  // The size limit and time budget (the templates' scan and lint use them too).
  const scale = scaleSettings(opts, locale, config);
  const heads = new Map<string, string>();
  const site = await siteForRun(paths, io.cwd, config, locale, heads);
  let siteSummary: ReportContext['site'];
  let rendered: Map<string, Set<import('../types.js').Lang>> | undefined;
  if (site) {
    config.site = site;
    const pages = pagesByFile(site);
    if (useIgnore) {
      const selection = selectPostings(site, files, named, pages);
      for (const { file, reason } of selection.skipped) {
        io.stderr(PREFIX + t(locale, 'skip.notPosting', { file: relative(io.cwd, file) || file, reason: t(locale, `skip.${reason}`) }) + '\n');
      }
      files = selection.postings;
      siteSummary = { postings: files.length, templates: 0, notPostings: selection.notPostings };
    } else siteSummary = { postings: files.length, templates: 0, notPostings: 0 };
    // Every posting's layout first, in the order of the site's pages: the site model (hashed
    // by the cache) is then the same whichever postings a run lints.
    const maxFileSize = scale.limits.maxFileSize;
    const postingLangs = scanPostingLayouts(site, maxFileSize);
    rendered = scanLayouts(
      site,
      files.map((file) => {
        const page = pages.get(file);
        const fm = page ? { layout: page.layout, type: page.type } : undefined;
        return { file, fm, lang: langOfSiteFile(site, file) };
      }),
      maxFileSize,
    );
    // A template is read in every language of the site's postings it renders, whichever of
    // them this run lints: what it reports does not depend on the postings linted (a baseline
    // updated by a run of one posting keeps its other findings).
    for (const [file, langs] of rendered) for (const lang of postingLangs.get(file) ?? []) langs.add(lang);
    siteSummary.templates = rendered.size;
    if (opts.debug) io.stderr(describeSite(site, files, io.cwd));
  }

  const scope = opts.since !== undefined ? sinceScope(opts.since, files, config, io.cwd, locale) : undefined;
  const fixing = Boolean(opts.fix || opts.fixDryRun);
  if (opts.fix && opts.fixDryRun) throw new UsageError(ta(locale, 'err.fixBoth'));
  const selected = scope ? scope.select(fixing) : files;
  const cache = opts.cache
    ? await openCache(io, configFile, config, locale, opts, scale.limits)
    : undefined;
  const progress = progressLine(io, locale);
  // pairing/stale reads what git says of the linted postings that have a translation, and
  // of those translations: at most two git commands per run, none for a posting alone. With
  // --fix too: its findings are about the pair, not the text a fix changes, so --fix reports
  // them as lint does (the history is read before any file is written).
  const prepareIndexFor = (linted: string[]) =>
    (config.rules['pairing/stale']?.severity ?? 'warn') !== 'off'
      ? (index: import('../types.js').ProjectIndex) =>
          attachGit(index, {
            ...(scope ? { changed: scope.changed, since: opts.since } : {}),
            only: () => pairedEntries(index, linted, config.settings, config.language),
          })
      : undefined;
  // JSON goes out one file at a time when nothing needs every result at once.
  const stream = reportStream(opts, { cwd: io.cwd, configFile, config, locale, since: Boolean(scope), stdout: io.stdout, stdoutBytes: io.stdoutBytes, stderr: io.stderr });
  const running = runFiles(selected, {
    config,
    locale,
    mode: opts.fix ? 'fix' : opts.fixDryRun ? 'fix-dry-run' : 'lint',
    limits: scale.limits,
    cwd: io.cwd,
    concurrency: scale.concurrency,
    cache,
    progress: progress.update,
    emit: stream?.emit,
    json: stream?.json,
    listings,
    // Only a baseline matches the text of each finding: without one, a run need not keep them.
    findingTexts: Boolean(opts.updateBaseline) || (opts.baseline !== false && existsSync(baselinePath(io.cwd, configFile, config))),
    prepareIndex: prepareIndexFor(selected),
    heads,
    beforeLint: io.tiering ? optimiseHotCodeOnly : undefined,
  });
  // Layout templates are linted here, in this thread, while the lint workers start and lint
  // the postings (they read nothing of the run): a one-posting run of a Hugo site waits for
  // the longer of the two, not their sum. Reported after the postings they render.
  let templates: FileResult[] = [];
  if (site && rendered) {
    try {
      templates = lintTemplates(site, rendered, config, rules, locale, scale.limits);
    } catch (e) {
      running.catch(() => undefined); // the run's own failure, if any, is not the one to report
      throw e;
    }
  }
  const run = await running;
  progress.clear();
  if (cache) {
    try {
      cache.save();
    } catch (e) {
      io.stderr(ts(locale, 'cache.write', { file: cache.file, reason: (e as Error).message }) + '\n');
    }
  }
  if (opts.debug) {
    const s = run.stats;
    io.stderr(`postings: ${selected.length} files, ${s.linted} linted by ${s.workers} workers (${s.started} started), ${s.cached} from the cache, ${s.timeouts} timeouts, ${s.partners} partners parsed only to compare, ${s.mainReads} files read by the main thread${codeCacheStat(s.codeCache)}\n`);
  }
  const diff = run.patches.join('');
  if (opts.fixDryRun && diff && (opts.format === 'stylish' || opts.outputFile)) io.stdout(diff);
  if (stream) {
    // Templates are reported after the postings they render (their findings carry no fix: see lintTemplates).
    for (const r of templates) stream.emit(r);
    return stream.end(maxWarnings);
  }
  let results = run.results;
  if (scope && fixing) {
    // --since with --fix fixes the changed postings only; their unchanged partners are still
    // linted (never fixed), so that the pair findings lint --since reports on them (the
    // translation a change did not update) are reported here too.
    const fixed = new Set(selected);
    const partners = scope.select(false).filter((f) => !fixed.has(f));
    if (partners.length) {
      const more = await runFiles(partners, {
        config,
        locale,
        mode: 'lint',
        limits: scale.limits,
        cwd: io.cwd,
        concurrency: scale.concurrency,
        prepareIndex: prepareIndexFor(partners),
        beforeLint: io.tiering ? optimiseHotCodeOnly : undefined,
      });
      const order = new Map(scope.select(false).map((f, i) => [f, i]));
      results = [...results, ...more.results].sort((a, b) => (order.get(a.filePath) ?? 0) - (order.get(b.filePath) ?? 0));
    }
  }
  if (site && rendered) {
    // Templates are linted once each, reported after the postings they render; --fix never rewrites them.
    results = [...results, ...(scope ? templates.filter((r) => scope.touchesTemplate(r.filePath)) : templates)];
  }
  results = runBaseline(results, opts, { cwd: io.cwd, configFile, config, locale, stderr: io.stderr });
  if (scope) results = scope.filter(results);
  return report(results, opts, locale, io, maxWarnings, config, siteSummary);
}

/** `sarif=out/postings.sarif` → [`sarif`, `out/postings.sarif`]. */
function splitReport(spec: string): [string, string] {
  const at = spec.indexOf('=');
  return at < 0 ? [spec, ''] : [spec.slice(0, at), spec.slice(at + 1)];
}

/** The name of standard input's text without `--stdin-filename` (as ESLint's `<text>`). */
export const STDIN_NAME = '<stdin>';

/** Lint `text` as if it were the file `filePath`, with the project around it (pairing). */
export async function lintText(text: string, filePath: string, config: ResolvedConfig, locale: Locale, limits?: Limits): Promise<FileResult[]> {
  return lintFiles([filePath], config, locale, new Map([[filePath, text]]), limits);
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Whether `ignore` or `.postingsignore` leaves `file` (absolute) out. */
export function isIgnoredFile(file: string, config: ResolvedConfig, ignoreBase: string): boolean {
  const rel = relative(ignoreBase, file).split(sep).join('/');
  if (config.ignore.length && picomatch(config.ignore, { dot: true })(rel)) return true;
  return ignoreFileMatcher(config)?.(file) ?? false;
}

/**
 * `--print-config <file>`: the configuration that applies to `file` once resolved (rules
 * with their severity and options, data tables with the user's extensions), and what
 * postings makes of the file (its language, its content root, whether it is ignored).
 */
export function printConfig(
  file: string,
  config: ResolvedConfig,
  context: { configFile: string | undefined; locale: Locale; ignoreBase: string; posting?: boolean },
): string {
  let data: Record<string, unknown> | undefined;
  try {
    data = parsePosting(readFileSync(file, 'utf8'), file, config.language).frontMatter?.data;
  } catch {
    /* a file that does not exist (yet) still has a configuration */
  }
  const { schema: _schema, schemaPath, ...rest } = config;
  const out = {
    filePath: file,
    configFile: context.configFile ?? null,
    locale: context.locale,
    lang: detectLanguage(file, data, config.language).lang ?? null,
    ignored: isIgnoredFile(file, config, context.ignoreBase) || isSectionPage(file),
    // In a Hugo site: whether the site makes the file a job posting (else every file is one).
    posting: context.posting ?? !isSectionPage(file),
    contentRoot: config.contentDir ?? findContentRoot(file) ?? null,
    schema: schemaPath ?? null,
    ...rest,
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/** Lint `files` as one project (the Node API, `--stdin`; no worker, so no time budget). */
export async function lintFiles(
  files: string[],
  config: ResolvedConfig,
  locale: Locale,
  /** Text to use instead of a file's (`--stdin-filename`, `lintText`): linted as if it were there. */
  texts?: ReadonlyMap<string, string>,
  /** The size limit and time budget: the configuration's by default. */
  limits: Limits = resolveLimits(config.settings),
): Promise<FileResult[]> {
  const run = await runFiles(files, { config, locale, mode: 'lint', limits, cwd: process.cwd(), concurrency: 'inline', texts });
  return run.results;
}

async function report(
  results: FileResult[],
  opts: LintCliOptions,
  locale: Locale,
  io: CliIO,
  maxWarnings: number | undefined,
  config: ResolvedConfig,
  site?: ReportContext['site'],
): Promise<number> {
  // `--quiet`: warnings are neither shown nor counted, `--max-warnings` included (as ESLint).
  let shown = opts.quiet
    ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }))
    : results;
  // The HTML report shows each finding's source lines: a run keeps no text, so they are read
  // again here, for that report only (a fixed file is read as written).
  const wantsSource = opts.format === 'html' || (opts.report ?? []).some((r) => r.startsWith('html='));
  let relatedTexts: Map<string, string> | undefined;
  if (wantsSource) {
    // The partners that pair findings point to are quoted beside them: their text too.
    const partners = new Set<string>();
    for (const r of shown) for (const f of r.findings) for (const x of f.related ?? []) partners.add(x.filePath);
    shown = shown.map((r) =>
      r.source !== undefined || (r.findings.length === 0 && !partners.has(r.filePath)) ? r : { ...r, source: textOf(r) },
    );
    for (const r of shown) partners.delete(r.filePath);
    relatedTexts = new Map();
    for (const file of partners) {
      const text = textOf({ filePath: file, findings: [] });
      if (text !== undefined) relatedTexts.set(file, text);
    }
  }
  const errors = shown.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = shown.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  const context = { cwd: io.cwd, locale, version: io.version, rules: rules.map((r) => r.meta) };
  // `--report sarif=postings.sarif`: the same findings in another format, from this one run.
  for (const spec of opts.report ?? []) {
    const [format, file] = splitReport(spec);
    const target = resolve(io.cwd, file);
    try {
      mkdirSync(dirname(target), { recursive: true });
      const postings = format === 'html' ? (await import('./report-postings.js')).describePostings(shown, config) : undefined;
      writeFileSync(target, (await reporters[format]!())(shown, { ...context, color: false, postings, site, relatedTexts }));
    } catch (e) {
      io.stderr(`${PREFIX}${t(locale, 'err.write', { file: target, reason: (e as Error).message })}\n`);
      return 2;
    }
  }
  // `--color` / `--no-color`, else chalk's own detection (FORCE_COLOR, TERM=dumb, a terminal
  // or not, CI services), with NO_COLOR (no-color.org) honoured unless FORCE_COLOR is set.
  const color =
    opts.color ??
    (io.env.NO_COLOR && !io.env.FORCE_COLOR ? false : Boolean(supportsColor && supportsColor.level > 0));
  const full = {
    ...context,
    color: opts.outputFile ? (opts.color ?? false) : color,
    postings: opts.format === 'html' ? (await import('./report-postings.js')).describePostings(shown, config) : undefined,
    site,
    relatedTexts: opts.format === 'html' ? relatedTexts : undefined,
  };
  // JSON is written one file at a time: a run of thousands of files never holds it whole.
  const chunks = async (): Promise<Iterable<string>> =>
    opts.format === 'json' ? (await import('../reporters/json.js')).jsonChunks(shown) : [(await reporters[opts.format]!())(shown, full)];
  if (opts.outputFile) {
    const target = resolve(io.cwd, opts.outputFile);
    let fd: number | undefined;
    try {
      fd = openSync(target, 'w');
      for (const piece of await chunks()) writeSync(fd, piece);
    } catch (e) {
      // The report is not lost: it goes to the standard output, the reason to the error output.
      for (const piece of await chunks()) io.stdout(piece);
      io.stderr(`${PREFIX}${t(locale, 'err.write', { file: target, reason: (e as Error).message })}\n`);
      return 2;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  } else for (const piece of await chunks()) io.stdout(piece);
  return exitStatus(errors, warnings, maxWarnings, locale, io.stderr);
}

function textOf(r: FileResult): string | undefined {
  if (r.output !== undefined) return r.output.charCodeAt(0) === 0xfeff ? r.output.slice(1) : r.output;
  try {
    const text = readRegularFile(r.filePath, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/** `--debug`'s word on the workers' code cache (bin/lint-worker.cjs), when they were started with one to take. */
function codeCacheStat(c: PoolStats['codeCache']): string {
  if (!c.taken && !c.rejected && !c.none) return '';
  return `, worker code cache taken by ${c.taken}, rejected by V8 for ${c.rejected}, none that fits for ${c.none}`;
}
