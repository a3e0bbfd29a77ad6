/**
 * Find and read the Hugo site around the linted files: its configuration (as Hugo merges
 * it), its languages, layouts and pages. The only part of `src/site/` that touches the file
 * system; it hands a plain `SiteModel` to the rest of the run.
 */
import { readdirSync, statSync } from 'node:fs';
import { readHead } from '../cli/project.js';
import { readRegularFile } from '../cli/read-file.js';
import { dirname, join, relative, resolve, sep, extname, basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Lang } from '../types.js';
import type { SiteLanguage, SiteModel, SitePage } from './model.js';
import { pageUrls } from './urls.js';
import { PAGE_KEYS, readFrontMatterValues } from './front-matter.js';
import { compareCodeUnits } from '../engine/compare.js';

const CONFIG_EXTS = ['toml', 'yaml', 'yml', 'json'];
/** Folders that hold a Hugo site's parts; a `config.*` file alone is not enough to call a folder a site. */
const SITE_MARKS = ['content', 'layouts', 'themes', 'archetypes'];

export class SiteConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'SiteConfigError';
  }
}

/** Where the site's configuration is: a file, or a `config/_default/` folder. */
export interface SiteRoot {
  root: string;
  files: string[];
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The configuration of the site in `dir`, if `dir` is a Hugo site root. */
export function siteConfigIn(dir: string): SiteRoot | undefined {
  for (const ext of CONFIG_EXTS) {
    const f = join(dir, `hugo.${ext}`);
    if (isFile(f)) return { root: dir, files: withDefaultFolder(dir, [f]) };
  }
  const marked = SITE_MARKS.some((m) => isDir(join(dir, m)));
  if (!marked) return undefined;
  for (const ext of CONFIG_EXTS) {
    const f = join(dir, `config.${ext}`);
    if (isFile(f)) return { root: dir, files: withDefaultFolder(dir, [f]) };
  }
  const folder = join(dir, 'config', '_default');
  if (isDir(folder)) return { root: dir, files: withDefaultFolder(dir, []) };
  return undefined;
}

/** `config/_default/*` merged after a root file, as Hugo does (environments aside). */
function withDefaultFolder(dir: string, files: string[]): string[] {
  const folder = join(dir, 'config', '_default');
  if (!isDir(folder)) return files;
  const names = readdirSync(folder)
    .filter((n) => CONFIG_EXTS.includes(extname(n).slice(1)))
    .sort((a, b) => rank(a) - rank(b) || compareCodeUnits(a, b));
  return [...files, ...names.map((n) => join(folder, n))];
}
const rank = (name: string) => (/^(hugo|config)\./.test(name) ? 0 : 1);

/** The nearest site root at or above each of `starts` (a file or folder); the first found wins. */
export function findSiteRoot(starts: string[]): SiteRoot | undefined {
  const seen = new Set<string>();
  for (const start of starts) {
    let dir = isDir(start) ? start : dirname(start);
    for (;;) {
      if (seen.has(dir)) break;
      seen.add(dir);
      const found = siteConfigIn(dir);
      if (found) return found;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

/** Parse one configuration file; a broken file is a `SiteConfigError` at its position. */
export function parseConfigFile(file: string, text: string): Record<string, unknown> {
  const ext = extname(file).slice(1);
  try {
    let value: unknown;
    if (ext === 'toml') value = tomlParse(text);
    else if (ext === 'json') value = JSON.parse(text);
    else value = parseYaml(text, { maxAliasCount: 1000, prettyErrors: false }) ?? {};
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new SiteConfigError(file, 1, 1, 'not a table of settings');
    }
    return value as Record<string, unknown>;
  } catch (e) {
    if (e instanceof SiteConfigError) throw e;
    const err = e as Error & { line?: number; column?: number; linePos?: Array<{ line: number; col: number }> };
    let line = err.line ?? err.linePos?.[0]?.line ?? 1;
    let column = err.column ?? err.linePos?.[0]?.col ?? 1;
    const at = /position (\d+)/.exec(err.message);
    if (ext === 'json' && at) {
      const before = text.slice(0, Number(at[1]));
      line = before.split('\n').length;
      column = before.length - before.lastIndexOf('\n');
    }
    throw new SiteConfigError(file, line, column, err.message.split('\n')[0]!);
  }
}

let tomlParse: (text: string) => unknown = () => {
  throw new Error('TOML parser not loaded');
};

/** Hugo's keys are not case-sensitive: `baseURL`, `baseUrl` and `baseurl` are one key. */
function lowerKeys(value: unknown, depth = 0): unknown {
  if (depth > 50 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => lowerKeys(v, depth + 1));
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(value)) out[k.toLowerCase()] = lowerKeys(v, depth + 1);
  return out;
}

function deepMerge(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    if (cur && v && typeof cur === 'object' && typeof v === 'object' && !Array.isArray(cur) && !Array.isArray(v)) {
      deepMerge(cur as Record<string, unknown>, v as Record<string, unknown>);
    } else into[k] = v;
  }
}

/** The merged configuration: root files as they are, `<key>.<ext>` under `key`, `<key>.<lang>.<ext>` under that language. */
export async function readSiteConfig(site: SiteRoot): Promise<Record<string, unknown>> {
  if (site.files.some((f) => f.endsWith('.toml'))) {
    const toml = await import('smol-toml');
    tomlParse = toml.parse;
  }
  const merged: Record<string, unknown> = Object.create(null);
  for (const file of site.files) {
    let text: string;
    try {
      text = readRegularFile(file, 'utf8');
    } catch (e) {
      throw new SiteConfigError(file, 1, 1, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
    }
    const value = lowerKeys(parseConfigFile(file, text)) as Record<string, unknown>;
    const name = basename(file, extname(file)).toLowerCase();
    const inFolder = basename(dirname(file)) === '_default';
    if (!inFolder || name === 'hugo' || name === 'config') deepMerge(merged, value);
    else {
      const [key, lang] = name.split('.');
      const wrapped: Record<string, unknown> = lang ? { languages: { [lang]: { [key!]: value } } } : { [key!]: value };
      deepMerge(merged, wrapped);
    }
  }
  return merged;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const table = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const strings = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(table(v))) if (typeof x === 'string') out[k] = x;
  return out;
};

export function officialLang(code: string): Lang | undefined {
  const c = code.toLowerCase();
  if (c === 'en' || c.startsWith('en-')) return 'en';
  if (c === 'fr' || c.startsWith('fr-')) return 'fr';
  return undefined;
}

export interface PostingSettings {
  paths: string[];
  layouts: string[];
}

/** Build the site model: configuration, languages, layouts, and every page's URL. */
/**
 * `heads` (optional) keeps the front matter of each Markdown page read here, by path, for the
 * run's front matter index (src/cli/project.ts), which then does not read them a second time.
 */
export async function loadSite(site: SiteRoot, postings: PostingSettings, heads?: Map<string, string>): Promise<SiteModel> {
  const cfg = await readSiteConfig(site);
  const root = site.root;
  const defaultLang = (str(cfg.defaultcontentlanguage) ?? 'en').toLowerCase();
  const contentDir = str(cfg.contentdir) ?? 'content';
  const langsCfg = table(cfg.languages);
  const permalinks = strings(cfg.permalinks);
  const languages: SiteLanguage[] = [];
  const codes = Object.keys(langsCfg).length ? Object.keys(langsCfg) : [defaultLang];
  const weight = (c: string) => Number(table(langsCfg[c]).weight ?? 0) || 0;
  codes.sort((a, b) => weight(a) - weight(b) || compareCodeUnits(a, b));
  for (const code of codes) {
    const l = table(langsCfg[code]);
    languages.push({
      code,
      lang: officialLang(str(l.languagecode) ?? str(l.lang) ?? code) ?? officialLang(code),
      contentDir: resolve(root, str(l.contentdir) ?? contentDir),
      baseURL: str(l.baseurl),
      languageName: str(l.languagename),
      permalinks: { ...permalinks, ...strings(l.permalinks) },
    });
  }
  const themes = Array.isArray(cfg.theme) ? cfg.theme.filter((t): t is string => typeof t === 'string') : str(cfg.theme) ? [cfg.theme as string] : [];
  const themesDir = resolve(root, str(cfg.themesdir) ?? 'themes');
  const layoutDirs = [resolve(root, str(cfg.layoutdir) ?? 'layouts'), ...themes.map((t) => join(themesDir, t, 'layouts'))];
  const layoutFiles = layoutDirs.map((d) => listFiles(d).map((f) => relative(d, f).split(sep).join('/')));
  const model: SiteModel = {
    root,
    configFiles: site.files.map((f) => relative(root, f).split(sep).join('/')),
    defaultContentLanguage: defaultLang,
    defaultContentLanguageInSubdir: cfg.defaultcontentlanguageinsubdir === true,
    multihost: languages.length > 1 && languages.every((l) => l.baseURL),
    baseURL: str(cfg.baseurl),
    languages,
    layoutDirs,
    layoutFiles,
    permalinks,
    postings,
    templates: {},
    pages: [],
    opaquePrefixes: {},
  };
  indexPages(model, heads);
  return model;
}

/**
 * Every file under `dir` (no dot-folders, no node_modules), iteratively. `regular`, when given,
 * gets those the folder listed as regular files (not links), which need no `stat` to be read.
 */
export function listFiles(dir: string, limit = 100_000, regular?: Set<string>): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length && out.length < limit) {
    const d = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    // What `join(d, name)` gives for any name of the folder (one segment, never `.` or `..`):
    // the folder's part, found once, not by normalising the whole path for each entry.
    const prefix = join(d, 'x').slice(0, -1);
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = prefix + e.name;
      if (e.isDirectory()) stack.push(full);
      else if (e.isFile()) {
        out.push(full);
        regular?.add(full);
      } else if (e.isSymbolicLink()) out.push(full);
    }
  }
  return out.sort();
}

const PAGE_EXTS = new Set(['.md', '.markdown', '.html', '.htm']);

/** Read the front matter of every page of every language: their URLs, aliases and layouts. */
function indexPages(model: SiteModel, heads?: Map<string, string>): void {
  const seenDirs = new Set<string>();
  for (const language of model.languages) {
    if (seenDirs.has(language.contentDir + '|' + language.code)) continue;
    seenDirs.add(language.contentDir + '|' + language.code);
    const regular = new Set<string>();
    const under = join(language.contentDir, 'x').slice(0, -1);
    for (const file of listFiles(language.contentDir, undefined, regular)) {
      if (!PAGE_EXTS.has(extname(file).toLowerCase())) continue;
      // The walk's path under the folder (what `relative` gives, without resolving both again).
      const rest = file.startsWith(under) ? file.slice(under.length) : relative(language.contentDir, file);
      const rel = sep === '/' ? rest : rest.split(sep).join('/');
      // A file marked for another language (`x.fr.md` in a shared folder) belongs to that one.
      const marked = /\.([a-z]{2}(?:-[a-z]+)?)\.[a-z]+$/i.exec(rel)?.[1]?.toLowerCase();
      const own = marked && model.languages.some((l) => l.code === marked) ? marked : language.code;
      if (own !== language.code) continue;
      const { page, opaque } = readPage(model, language, file, rel, heads, regular.has(file));
      if (opaque) (model.opaquePrefixes[language.code] ??= []).push(opaque);
      model.pages.push(page);
    }
  }
}

/**
 * A page of `language` from its file's front matter (`rel`: its path in the language's content
 * folder), and the URL prefix under which it cannot be known, if so.
 */
function readPage(
  model: SiteModel,
  language: SiteLanguage,
  file: string,
  rel: string,
  heads?: Map<string, string>,
  regular = false,
): { page: SitePage; opaque?: string } {
  // The front matter only (never the body), without blocking on a FIFO, one shared buffer;
  // no `stat` of a file its folder listed as regular (one system call less for each page).
  let head = '';
  try {
    const read = readHead(file, 65536, false, regular);
    head = read.text;
    if (heads && read.frontMatter && /\.md$/i.test(file)) heads.set(file, head);
  } catch {
    /* unreadable or not a regular file: a page with no front matter */
  }
  const fm = readFrontMatterValues(head, file, PAGE_KEYS);
  const urls = pageUrls(model, language, rel, fm);
  return {
    page: {
      lang: language.code,
      path: rel,
      url: urls.url ?? '',
      aliases: urls.aliases,
      key: urls.key,
      file,
      layout: typeof fm.layout === 'string' ? fm.layout : undefined,
      type: typeof fm.type === 'string' ? fm.type : undefined,
    } as SitePage,
    opaque: urls.url === undefined ? urls.opaque : undefined,
  };
}

/**
 * Whether `page` of the model is still what its file says (its URL, aliases, key, layout and
 * type): a language server that keeps the model learns from this that a page's front matter
 * changed what the model holds.
 */
export function pageIsCurrent(model: SiteModel, page: SitePage): boolean {
  const language = model.languages.find((l) => l.code === page.lang);
  if (!language) return false;
  const now = readPage(model, language, page.file, page.path);
  return JSON.stringify(now.page) === JSON.stringify(page);
}
