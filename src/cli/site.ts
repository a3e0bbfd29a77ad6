/**
 * The Hugo site around a run, for the CLI: find and load it once, keep the postings among
 * the linted files, scan the layouts that render them, and lint those templates.
 */
import { readRegularFile } from './read-file.js';
import { statSync } from 'node:fs';
import { DEFAULT_LIMITS, type Limits } from '../runner/limits.js';
import { runGuarded, TIMED_OUT } from '../runner/guard.js';
import { internalOutcome } from '../runner/outcome.js';
import { relative, resolve, sep } from 'node:path';
import type { FileResult, Finding, Lang, Locale, ResolvedConfig, RuleModule } from '../types.js';
import type { Condition, SiteModel, SitePage, TemplateFacts, TemplatePiece } from '../site/model.js';
import { findSiteRoot, loadSite, SiteConfigError, officialLang } from '../site/load.js';
import { postingStatus, pageInfo, type PostingReason } from '../site/page.js';
import { scanTemplate } from '../site/template.js';
import { templatePosting } from '../site/template-tree.js';
import { evaluate, UNKNOWN } from '../site/conditions.js';
import { readFrontMatterValues } from '../site/front-matter.js';
import { lintPosting, sortFindings } from '../engine/lint.js';
import { computeLineStarts, pointToOffset } from '../engine/positions.js';
import { lowerBound } from '../lib/lower-bound.js';
import { UsageError } from './errors.js';
import { isPostingFile } from './files.js';
import { t } from '../i18n/cli.js';
import { compareCodeUnits } from '../engine/compare.js';

/** The rules that read a template's own prose and links. */
export const TEMPLATE_RULES = [
  'links/language',
  'links/https',
  'accommodation/link',
  'inclusive-language/*',
  'language/mismatch',
  'directives/unknown-rule',
];

export interface SiteSettings {
  /** `site: false` in the configuration: never look for a Hugo site. */
  disabled: boolean;
  paths: string[];
  layouts: string[];
}

export function siteSettings(config: ResolvedConfig): SiteSettings {
  const raw = (config.settings.postings ?? {}) as { paths?: string[]; layouts?: string[] };
  return {
    disabled: config.settings.site === false,
    paths: raw.paths ?? [],
    layouts: raw.layouts ?? ['job-posting'],
  };
}

/** Find the site from the linted paths, then the working folder; a broken configuration is a usage error. */
export async function siteForRun(
  paths: string[],
  cwd: string,
  config: ResolvedConfig,
  locale: Locale,
  /** Filled with the front matter of the site's Markdown pages, for the run's index (see `loadSite`). */
  heads?: Map<string, string>,
): Promise<SiteModel | undefined> {
  const settings = siteSettings(config);
  if (settings.disabled) return undefined;
  const root = findSiteRoot([...paths.map((p) => resolve(cwd, p.replace(/[*?[{].*$/, '') || '.')), cwd]);
  if (!root) return undefined;
  try {
    return await loadSite(root, { paths: settings.paths, layouts: settings.layouts }, heads);
  } catch (e) {
    if (e instanceof SiteConfigError) {
      throw new UsageError(
        t(locale, 'err.siteConfig', { file: relative(cwd, e.file) || e.file, line: e.line, column: e.column, reason: e.reason }),
      );
    }
    throw e;
  }
}

export interface Selection {
  postings: string[];
  /** Files named on the command line that are not linted, and why. */
  skipped: Array<{ file: string; reason: PostingReason }>;
  /** Pages of the site among the walked files that are not postings. */
  notPostings: number;
}

/** Keep the postings among `files`; files named one by one that are left out are told. */
export function selectPostings(site: SiteModel, files: string[], named: Set<string>, pages: Map<string, SitePage>): Selection {
  const postings: string[] = [];
  const skipped: Selection['skipped'] = [];
  let notPostings = 0;
  for (const file of files) {
    const page = pages.get(file);
    const fm = page ? { layout: page.layout, type: page.type } : frontMatterOf(file);
    const status = postingStatus(site, file, fm);
    if (status === 'posting') postings.push(file);
    else if (named.has(file)) skipped.push({ file, reason: status });
    else notPostings++;
  }
  return { postings, skipped, notPostings };
}

const pageMaps = new WeakMap<SiteModel, Map<string, SitePage>>();

/** The site's pages by file, built once per site model. */
export function pagesByFile(site: SiteModel): Map<string, SitePage> {
  let map = pageMaps.get(site);
  if (!map) pageMaps.set(site, (map = new Map(site.pages.map((p) => [p.file, p]))));
  return map;
}

function frontMatterOf(file: string): Record<string, unknown> {
  try {
    return readFrontMatterValues(readRegularFile(file, 'utf8').slice(0, 65536));
  } catch {
    return {};
  }
}

/**
 * Scan each layout that renders at least one of the postings (once), and record in which
 * languages it renders them. The facts go into the site model, where rules read them.
 */
export function scanLayouts(
  site: SiteModel,
  postings: Array<{ file: string; fm: Record<string, unknown> | undefined; lang: Lang | undefined }>,
  maxFileSize = DEFAULT_LIMITS.maxFileSize,
): Map<string, Set<Lang>> {
  const rendered = new Map<string, Set<Lang>>();
  for (const p of postings) {
    const layout = pageInfo(site, p.file, p.fm).layout;
    if (!layout) continue;
    let langs = rendered.get(layout.file);
    if (!langs) {
      rendered.set(layout.file, (langs = new Set()));
      if (!site.templates[layout.file]) scanLayout(site, layout, maxFileSize);
    }
    if (p.lang) langs.add(p.lang);
  }
  return rendered;
}

/**
 * Read and scan a layout into the site model's templates (nothing when it cannot be read, or
 * is over the size limit: a template comes with a pull request as a posting does, and
 * `lintTemplates` reports it `internal/too-large`).
 */
function scanLayout(site: SiteModel, layout: { file: string; name: string }, maxFileSize: number): void {
  let text: string;
  try {
    if (statSync(layout.file).size > maxFileSize) return;
    // Without its byte order mark, as lintTemplates reads it (the pieces' offsets are the same).
    text = readRegularFile(layout.file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return;
  }
  const scanned = scanTemplate(text);
  const suffix = /\.([a-z]{2}(?:-[a-z]+)?)\.html$/i.exec(layout.name)?.[1];
  site.templates[layout.file] = {
    file: layout.file,
    displayPath: relative(site.root, layout.file).split(sep).join('/'),
    lang: suffix ? officialLang(suffix) : undefined,
    pieces: scanned.pieces,
    forms: scanned.forms,
  };
}

const postingLayouts = new WeakMap<SiteModel, Map<string, Set<Lang>>>();

/**
 * Scan the layouts of every posting of the site (once per site model), not only of the linted
 * ones: a posting's pair findings count what its partner's layout prints on the partner's page
 * (src/pairing/outliner.ts), so a run of one posting (a pre-commit hook, `--since`, an editor)
 * needs the partner's template as a run of every posting does. Returns, for each layout, the
 * languages of all the site's postings it renders (a template is read in each, see
 * `templateReadings`). Facts only: the templates linted are those that render a linted posting.
 */
export function scanPostingLayouts(site: SiteModel, maxFileSize = DEFAULT_LIMITS.maxFileSize): Map<string, Set<Lang>> {
  let langs = postingLayouts.get(site);
  if (langs) return langs;
  const postings = site.pages
    .filter((p) => isSitePosting(site, p.file))
    .map((p) => ({ file: p.file, fm: { layout: p.layout, type: p.type }, lang: langOfSiteFile(site, p.file) }));
  langs = scanLayouts(site, postings, maxFileSize);
  postingLayouts.set(site, langs);
  return langs;
}

/**
 * Lint each scanned template once, with the rules that read prose and links, in the language
 * of its `.en`/`.fr` suffix, else as each language of the postings it renders (see
 * `templateReadings`). `rendered`: each template's languages.
 */
export function lintTemplates(
  site: SiteModel,
  rendered: Map<string, Set<Lang>>,
  config: ResolvedConfig,
  rules: readonly RuleModule[],
  locale: Locale,
  limits: Limits = DEFAULT_LIMITS,
): FileResult[] {
  const results: FileResult[] = [];
  const templateRules = rules.filter((r) =>
    TEMPLATE_RULES.some((id) => (id.endsWith('/*') ? r.meta.id.startsWith(id.slice(0, -1)) : r.meta.id === id)),
  );
  for (const [file, langs] of [...rendered].sort(([a], [b]) => compareCodeUnits(a, b))) {
    // A template comes with the pull request as a posting does: the same size limit and time
    // budget (this thread's watchdog), one `internal/*` finding when it is over either.
    let text: string;
    try {
      const size = statSync(file).size;
      if (size > limits.maxFileSize) {
        results.push(internalOutcome(rules, file, 'internal/too-large', 'size', { size, limit: limits.maxFileSize }, locale));
        continue;
      }
      text = readRegularFile(file, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      continue;
    }
    const facts = site.templates[file];
    if (!facts) continue;
    const readings = templateReadings(site, facts, langs);
    const anyUntold = readings.some((r) => r.untold.length);
    const lineStarts = anyUntold ? computeLineStarts(text) : [];
    // Whether a finding starts in one of `untold` (pieces in the order of the template).
    const startsIn = (f: Finding, untold: TemplatePiece[]) => {
      if (!untold.length) return false;
      const at = f.range?.[0] ?? pointToOffset(lineStarts, { line: f.line, column: f.column }, text.length);
      const p = untold[lowerBound(untold, at + 1, (x) => x.start) - 1];
      return p !== undefined && at < p.end;
    };
    const keyOf = (f: Finding) => `${f.ruleId}\0${f.line}\0${f.column}\0${f.endLine}\0${f.endColumn}\0${f.message}`;
    // Each reading's findings, and with pieces of an untold language, the template read in no
    // language too: what holds in any language.
    const found = new Map<string, Finding>();
    const pending: Array<[string, Finding]> = [];
    const neutral = new Set<string>();
    const passes: Array<TemplateReading & { neutral?: true }> = anyUntold
      ? [...readings, { lang: undefined, pieces: inAnyReading(facts.pieces, readings), untold: [], neutral: true }]
      : readings;
    let timedOut = false;
    // One time budget for all the readings of a template, as for one posting.
    const deadline = Date.now() + limits.timeoutMs;
    for (const { lang, pieces, untold, neutral: isNeutral } of passes) {
      const posting = templatePosting(file, text, pieces, lang);
      const got = runGuarded(() => lintPosting(posting, { filePath: file, config, rules: templateRules, locale }), Math.max(1, deadline - Date.now()));
      if (got === TIMED_OUT) {
        timedOut = true;
        break;
      }
      for (const f of got) {
        const key = keyOf(f);
        if (isNeutral) neutral.add(key);
        // Inside a piece this reading's language may not print: it counts if it holds in no language.
        else if (startsIn(f, untold)) pending.push([key, f]);
        else if (!found.has(key)) found.set(key, f);
      }
    }
    for (const [key, f] of pending) if (neutral.has(key) && !found.has(key)) found.set(key, f);
    // Without their fixes: `--fix` never writes a template (a Go template is not the Markdown
    // the fixes are made for), so none is counted or offered as fixable.
    const findings = [...found.values()].map(({ fix: _fix, ...f }) => f);
    if (timedOut) {
      const seconds = Math.round(limits.timeoutMs / 100) / 10;
      results.push(internalOutcome(rules, file, 'internal/timeout', 'timeout', { seconds }, locale));
    } else results.push({ filePath: file, findings: sortFindings(findings), source: text });
  }
  return results;
}

/** The pieces some reading has, in the order of the template (a set: a template of many pieces stays linear). */
function inAnyReading(pieces: TemplatePiece[], readings: TemplateReading[]): TemplatePiece[] {
  const read = new Set(readings.flatMap((r) => r.pieces));
  return pieces.filter((p) => read.has(p));
}

/** How a template is read: in a language (or none), the pieces it may print there. */
interface TemplateReading {
  lang: Lang | undefined;
  pieces: TemplateFacts['pieces'];
  /** Those of them under a test of the language the reader cannot evaluate for this one, in order. */
  untold: TemplatePiece[];
}

/**
 * The readings of a template: in the language of its `.en`/`.fr` suffix, else in each
 * language of the postings it renders (none when it renders none), each time without what a
 * test of the language says is not printed there (`{{ if eq .Lang "fr" }}`). A condition that
 * does not test the language (`.Params.x`, `with`, `range`) may hold on a page of either, so
 * its pieces are in each reading (an English paragraph under `{{ with .Params.team }}` is on
 * French pages too). `untold`, per reading: the pieces under a test of the language the
 * reader cannot evaluate for it (`{{ if in .Lang "fr" }}`), in the order of the template: a
 * finding of that reading inside one counts only when the template read in no language has it
 * too (a French link there is not wrong on English pages; an `http://` link is wrong on any).
 */
function templateReadings(site: SiteModel, facts: TemplateFacts, langs: ReadonlySet<Lang>): TemplateReading[] {
  const list = facts.lang ? [facts.lang] : [...langs].sort();
  if (list.length === 0) return [{ lang: undefined, pieces: facts.pieces, untold: [] }];
  const place = placement(site);
  return list.map((lang) => ({
    lang,
    pieces: facts.pieces.filter((p) => place(p.conds, lang) !== 'out'),
    untold: facts.pieces.filter((p) => place(p.conds, lang) === 'untold'),
  }));
}

type Placement = 'in' | 'out' | 'untold';

/** What may test the page's language: a name with `lang` in it (`.Lang`, `.Site.Language`, `$lang`), front matter parameters aside. */
const LANGUAGE_TEST = /lang/i;
const PARAMS = /\$?\.Params\.[\w-]+|\$?\.Param\s+"[^"]*"/g;

/**
 * Where a piece's conditions put it on the pages of an official language: `out` when a test
 * of the language is false for every code of that language (`en`, `en-gb`), `in` when none is
 * false or untold for any, else `untold`. A condition that may test the language is evaluated
 * with the page's language known; when that leaves it unknown, it is evaluated again with an
 * empty front matter: if that gives a value, the unknown came from the front matter, and the
 * piece may print there (`and (eq .Lang "fr") .Params.x` in French); if not, it is untold
 * (`in .Lang "fr"`, `or (eq .Lang "fr") (hasPrefix .Lang "fr-")`, `with .Site.Language`).
 * Each list of conditions (pieces share them) and each condition is placed once per code.
 */
function placement(site: SiteModel): (conds: readonly Condition[], lang: Lang) => Placement {
  const byConds = new Map<string, Map<readonly Condition[], Placement>>();
  const byCond = new Map<string, Map<Condition, Placement>>();
  const ofCond = (c: Condition, code: string): Placement => {
    let memo = byCond.get(code);
    if (!memo) byCond.set(code, (memo = new Map()));
    let v = memo.get(c);
    if (v === undefined) {
      if (!LANGUAGE_TEST.test(c.expr.replace(PARAMS, ''))) v = 'in';
      else {
        const value = evaluate(c.expr, { lang: code });
        if (value === UNKNOWN && evaluate(c.expr, { lang: code, params: {} }) !== UNKNOWN) v = 'in';
        else v = value === UNKNOWN ? 'untold' : value === !c.negated ? 'in' : 'out';
      }
      memo.set(c, v);
    }
    return v;
  };
  return (conds, lang) => {
    if (conds.length === 0) return 'in';
    let memo = byConds.get(lang);
    if (!memo) byConds.set(lang, (memo = new Map()));
    const known = memo.get(conds);
    if (known !== undefined) return known;
    const ofLang = site.languages.filter((l) => l.lang === lang).map((l) => l.code);
    const each = ofLang.map((code) => {
      let untold = false;
      for (const c of conds) {
        const v = ofCond(c, code);
        if (v === 'out') return 'out';
        if (v === 'untold') untold = true;
      }
      return untold ? 'untold' : 'in';
    });
    const v: Placement = ofLang.length === 0 ? 'untold' : each.every((x) => x === 'out') ? 'out' : each.every((x) => x === 'in') ? 'in' : 'untold';
    memo.set(conds, v);
    return v;
  };
}

/** One line per fact, for `--debug`. */
export function describeSite(site: SiteModel, postings: string[], cwd: string): string {
  const rel = (f: string) => relative(cwd, f).split(sep).join('/') || '.';
  const lines = [
    `site: ${rel(site.root)} (${site.configFiles.join(', ')})`,
    `site: languages ${site.languages
      .map((l) => `${l.code}${l.lang ? '' : '?'} → ${rel(l.contentDir)}${l.baseURL ? ' ' + l.baseURL : ''}`)
      .join('; ')}; default ${site.defaultContentLanguage}${site.defaultContentLanguageInSubdir ? ' (in subfolder)' : ''}${site.multihost ? '; one host per language' : ''}`,
    `site: layouts ${site.layoutDirs.map(rel).join(', ')}`,
  ];
  const pages = pagesByFile(site);
  for (const file of postings) {
    const page = pages.get(file);
    const layout = pageInfo(site, file, page ? { layout: page.layout, type: page.type } : undefined).layout;
    lines.push(`layout: ${rel(file)} → ${layout ? rel(layout.file) : '(none)'}`);
  }
  return lines.join('\n') + '\n';
}

/** Which files are postings, for the cross-file index: every file when there is no site. */
export function postingFilter(config: ResolvedConfig): ((file: string) => boolean) | undefined {
  const site = config.site;
  if (!site) return undefined;
  return (file) => isSitePosting(site, file);
}

const postingMemo = new WeakMap<SiteModel, Map<string, boolean>>();

/**
 * Whether the site calls `file` a posting, from its page's front matter as the model read it
 * (answered once per page), else from the file's front matter now.
 */
function isSitePosting(site: SiteModel, file: string): boolean {
  const page = pagesByFile(site).get(file);
  if (!page) return postingStatus(site, file, frontMatterOf(file)) === 'posting';
  let memo = postingMemo.get(site);
  if (!memo) postingMemo.set(site, (memo = new Map()));
  let posting = memo.get(file);
  if (posting === undefined) memo.set(file, (posting = postingStatus(site, file, { layout: page.layout, type: page.type }) === 'posting'));
  return posting;
}

/** The official language of a file of the site, from its language's content folder. */
export function langOfSiteFile(site: SiteModel, file: string): Lang | undefined {
  return pageInfo(site, file, undefined).language?.lang;
}

/**
 * Is `file` a posting, as `postings lint` selects them: a Markdown file that is not a section
 * page and, in a Hugo site, a page the site calls a posting (`fm`: its front matter, from the
 * editor's unsaved text when the language server asks). The language server asks this.
 */
export function isPosting(site: SiteModel | undefined, file: string, fm: Record<string, unknown> | undefined): boolean {
  if (!site) return isPostingFile(file);
  return postingStatus(site, file, fm) === 'posting';
}
