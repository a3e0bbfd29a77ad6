/**
 * What the language server knows of the workspace on disk: the configuration of each
 * folder, which files are postings, and for each content root a small front matter index
 * (one entry per posting), read once and kept current from file-change notifications.
 * Open buffers stand in for their file in the index, so pair rules see the partner as the
 * writer is typing it.
 */
import { basename, dirname, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { readRegularFile } from '../cli/read-file.js';
import type { IndexEntry, Locale, ParsedPosting, ProjectIndex, ResolvedConfig } from '../types.js';
import { rules } from '../rules/index.js';
import { ConfigError } from '../config/resolve.js';
import { buildIndex, makeIndex } from '../engine/project-index.js';
import { outlinePairs } from '../pairing/outline-pairs.js';
import { outliner } from '../pairing/outliner.js';
import { codeExtractor } from '../lib/classification-codes.js';
import { CONFIG_FILES, findConfigFile, InputError, loadConfig, type LoadedConfig } from '../cli/config-loader.js';
import { findContentRoot, isPostingFile, realPath, walkMarkdown } from '../cli/files.js';
import { isPosting, langOfSiteFile, pagesByFile, postingFilter, scanLayouts, scanPostingLayouts, siteSettings } from '../cli/site.js';
import type { SiteModel } from '../site/model.js';
import { findSiteRoot, loadSite, pageIsCurrent, SiteConfigError } from '../site/load.js';
import { tl } from './messages.js';
import { resolveLimits } from '../runner/limits.js';

/** A configuration that could not be loaded: the reason, in both languages. */
export interface ConfigFailure {
  file: string | undefined;
  message: Record<Locale, string>;
}

export type ConfigResult = { ok: true; loaded: LoadedConfig } | { ok: false; failure: ConfigFailure };

/** The configuration files whose change re-lints the open documents. */
export const CONFIG_FILE_NAMES = [...CONFIG_FILES, '.postingsignore'];

export function isConfigFile(file: string): boolean {
  return CONFIG_FILE_NAMES.includes(basename(file));
}

/** Files whose change changes the Hugo site model: its configuration and its layouts. */
export function isSiteFile(file: string): boolean {
  const f = file.split(sep).join('/');
  return /(^|\/)(hugo|config)\.(toml|ya?ml|json)$/.test(f) || /\/config\/[^/]+\/[^/]+\.(toml|ya?ml|json)$/.test(f) || /\/layouts\//.test(f);
}

/** The Hugo site of a file as the language server sees it, or why it could not be read. */
export type SiteResult = { site: SiteModel | undefined; failure?: undefined } | { site?: undefined; failure: ConfigFailure };

interface RootIndex {
  config: ResolvedConfig;
  /** Disk entries by real path. */
  entries: Map<string, IndexEntry>;
}

/** A posting open in the editor, as the index sees it. */
export interface OpenPosting {
  filePath: string;
  parsed: ParsedPosting;
}

export class Workspace {
  private configFileByDir = new Map<string, string | null>();
  private configs = new Map<string, ConfigResult>();
  private rootCache = new Map<string, string | null>();
  private indexes = new Map<string, RootIndex>();
  /** Hugo sites by root folder, loaded once until their configuration, layouts or pages change. */
  private sites = new Map<string, Promise<SiteResult>>();
  /** The site models loaded so far (to tell whether a page's change changes its model). */
  private loadedSites = new Set<SiteModel>();
  /** Site models being loaded (they may have read a page before its change). */
  private loading = 0;

  constructor(private folders: string[]) {}

  setFolders(folders: string[]): void {
    this.folders = folders;
    this.rootCache.clear();
    this.indexes.clear();
  }

  /** The configuration that applies to `file`, loaded once until a configuration file changes. */
  configFor(file: string): ConfigResult {
    const dir = dirname(file);
    let configFile = this.configFileByDir.get(dir);
    if (configFile === undefined) {
      configFile = findConfigFile(dir) ?? null;
      this.configFileByDir.set(dir, configFile);
    }
    const key = configFile ?? '';
    const hit = this.configs.get(key);
    if (hit) return hit;
    let result: ConfigResult;
    try {
      result = { ok: true, loaded: loadConfig({ cwd: dir, configFile: configFile ?? undefined, rules }) };
    } catch (error) {
      result = { ok: false, failure: describeConfigError(error, configFile ?? undefined) };
    }
    this.configs.set(key, result);
    return result;
  }

  /**
   * Is `file` a posting the CLI would lint: a posting of its Hugo site (by `fm`, its front
   * matter) or, with no site, a Markdown posting; and not left out by `ignore`.
   */
  isPosting(file: string, loaded: LoadedConfig | undefined, site: SiteModel | undefined, fm: Record<string, unknown> | undefined): boolean {
    if (!isPosting(site, file, fm)) return false;
    const ignore = loaded?.config.ignore ?? [];
    if (!ignore.length) return true;
    const base = loaded?.file ? dirname(loaded.file) : (this.folderOf(file) ?? dirname(file));
    const rel = relative(base, file).split(sep).join('/');
    return !picomatch(ignore, { dot: true })(rel);
  }

  /** The Hugo site `file` belongs to (found and loaded as `postings lint` does), once. */
  siteFor(file: string, config: ResolvedConfig): Promise<SiteResult> {
    const settings = siteSettings(config);
    if (settings.disabled) return Promise.resolve({ site: undefined });
    const root = findSiteRoot([dirname(file)]);
    if (!root) return Promise.resolve({ site: undefined });
    const key = `${root.root}\0${settings.paths.join(',')}\0${settings.layouts.join(',')}`;
    let hit = this.sites.get(key);
    if (!hit) {
      this.loading++;
      const loading = loadSite(root, { paths: settings.paths, layouts: settings.layouts });
      void loading.then(
        () => this.loading--,
        () => this.loading--,
      );
      hit = loading.then(
        (site): SiteResult => {
          // Not a model the workspace has let go of meanwhile (see siteChanged).
          if (this.sites.get(key) === hit) this.loadedSites.add(site);
          return { site };
        },
        (error: unknown): SiteResult => ({ failure: describeConfigError(error, root.files[0]) }),
      );
      this.sites.set(key, hit);
    }
    return hit;
  }

  /** A file under a layout folder of a loaded site (a `layoutDir` of any name, a theme's). */
  isLayoutFile(file: string): boolean {
    for (const site of this.loadedSites) if (site.layoutDirs.some((dir) => file.startsWith(dir + sep))) return true;
    return false;
  }

  /** A site's configuration or layouts changed, or a page came or went: load the sites again. */
  siteChanged(): void {
    this.sites.clear();
    this.loadedSites.clear();
    this.indexes.clear();
  }

  /** The configuration a posting of `site` is linted with: the site in it, its layout scanned (as the CLI does). */
  withSite(config: ResolvedConfig, site: SiteModel | undefined, file: string, fm: Record<string, unknown> | undefined): ResolvedConfig {
    if (!site) return config;
    // The size limit of the configuration, as the lint of the posting has.
    const { maxFileSize } = resolveLimits(config.settings);
    scanPostingLayouts(site, maxFileSize);
    scanLayouts(site, [{ file, fm, lang: langOfSiteFile(site, file) }], maxFileSize);
    return { ...config, site };
  }

  /** A configuration file changed: forget every configuration and index (they depend on it). */
  configChanged(): void {
    this.configFileByDir.clear();
    this.configs.clear();
    this.indexes.clear();
  }

  /** A Markdown file changed, appeared or went away on disk: update its index entry. */
  fileChanged(file: string, deleted: boolean): void {
    if (file.toLowerCase().endsWith('.md')) {
      for (const [root, index] of this.indexes) {
        if (!file.startsWith(root + sep)) continue;
        const real = deleted ? file : realPath(file);
        index.entries.delete(real);
        index.entries.delete(file);
        const keep = postingFilter(index.config) ?? isPostingFile;
        if (!deleted && isPostingFile(file) && keep(file)) {
          const entry = this.readEntry(file, root, index.config);
          if (entry) index.entries.set(real, entry);
        }
      }
    }
    // A new folder may make a new content root (`en/` and `fr/`).
    this.rootCache.clear();
    // A page whose front matter changed what its site's model holds (the layout that renders
    // it, its URL): the site is loaded again, as when a page comes or goes.
    if (!deleted && this.loading > 0 && /\.(md|markdown|html?)$/i.test(file)) this.siteChanged();
    else if (!deleted) {
      for (const site of this.loadedSites) {
        const page = pagesByFile(site).get(file);
        if (page && !pageIsCurrent(site, page)) {
          this.siteChanged();
          break;
        }
      }
    }
  }

  /** The content root of a posting: the configured one, the folder holding `en/` and `fr/`, else `content/`, else the workspace folder. */
  contentRoot(file: string, config: ResolvedConfig): string {
    if (config.contentDir && file.startsWith(config.contentDir + sep)) return config.contentDir;
    const found = findContentRoot(file, this.rootCache);
    if (found) return found;
    for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
      if (basename(dir) === 'content') return dir;
      if (this.folders.includes(dir)) return dir;
    }
    return dirname(file);
  }

  /**
   * The index a posting is linted with: every posting under its content root as on disk,
   * except that open postings (the buffers, saved or not) replace their file.
   */
  projectFor(file: string, config: ResolvedConfig, open: readonly OpenPosting[]): ProjectIndex {
    const root = this.contentRoot(file, config);
    const disk = this.rootIndex(root, config);
    const inRoot = open.filter((o) => o.filePath.startsWith(root + sep));
    const extract = codeExtractor(config);
    const parsedOf = new Map<IndexEntry, OpenPosting['parsed']>();
    const openEntries = new Map(
      inRoot.map((o) => {
        const displayPath = relative(root, o.filePath).split(sep).join('/');
        const [entry] = buildIndex([{ filePath: o.filePath, displayPath, parsed: o.parsed }], config.language, extract).entries;
        parsedOf.set(entry!, o.parsed);
        return [realPath(o.filePath), entry!] as const;
      }),
    );
    const entries: IndexEntry[] = [];
    for (const [real, entry] of disk.entries) if (!openEntries.has(real)) entries.push(entry);
    entries.push(...openEntries.values());
    entries.sort((a, b) => a.filePath.localeCompare(b.filePath));
    // The open postings and their translations get their outline (pairing/structure,
    // pairing/values); a translation's is read from disk once and kept until the file changes.
    outlinePairs(
      entries,
      config.language,
      outliner(config),
      (e) => {
        const open = parsedOf.get(e);
        if (open) return open;
        try {
          return readRegularFile(e.filePath, 'utf8');
        } catch {
          return undefined;
        }
      },
      (e) => parsedOf.has(e),
    );
    return makeIndex(entries);
  }

  private rootIndex(root: string, config: ResolvedConfig): RootIndex {
    const hit = this.indexes.get(root);
    if (hit && hit.config.data === config.data && hit.config.site === config.site && hit.config.language === config.language) return hit;
    const entries = new Map<string, IndexEntry>();
    // In a Hugo site, only its postings (as the CLI's index keeps them).
    const keep = postingFilter(config) ?? isPostingFile;
    for (const file of walkMarkdown(root)) {
      if (!isPostingFile(file) || !keep(file)) continue;
      const real = realPath(file);
      if (entries.has(real)) continue;
      const entry = this.readEntry(file, root, config);
      if (entry) entries.set(real, entry);
    }
    const index = { config, entries };
    this.indexes.set(root, index);
    return index;
  }

  private readEntry(file: string, root: string, config: ResolvedConfig): IndexEntry | undefined {
    let text: string;
    try {
      text = readRegularFile(file, 'utf8');
    } catch {
      return undefined;
    }
    const displayPath = relative(root, file).split(sep).join('/');
    return buildIndex([{ filePath: file, displayPath, text }], config.language, codeExtractor(config)).entries[0];
  }

  private folderOf(file: string): string | undefined {
    return this.folders.filter((f) => file.startsWith(f + sep)).sort((a, b) => b.length - a.length)[0];
  }
}

function describeConfigError(error: unknown, file: string | undefined): ConfigFailure {
  const where = (f: string | undefined) => f ?? '';
  const message = (locale: Locale): string => {
    if (error instanceof ConfigError) {
      const problems = error.problems.map((p) => `${p.path}: ${p.message[locale]}`).join('; ');
      return tl(locale, 'config.error', { file: where(error.file ?? file) || tl(locale, 'config.none'), problems });
    }
    if (error instanceof SiteConfigError) {
      return tl(locale, 'config.error', { file: [error.file, error.line, error.column].join(':'), problems: error.reason });
    }
    if (error instanceof InputError) {
      const at = [error.file ?? file, error.line, error.column].filter((x) => x !== undefined).join(':');
      return tl(locale, 'config.error', { file: at || tl(locale, 'config.none'), problems: error.text[locale] });
    }
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return tl(locale, 'config.error', { file: where(file) || tl(locale, 'config.none'), problems: reason });
  };
  return { file, message: { en: message('en'), fr: message('fr') } };
}

