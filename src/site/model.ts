/**
 * The Hugo site a run works in, as plain data (JSON-serialisable, so that it can cross to
 * worker threads with the configuration). Built once per run by `load.ts` (the only part
 * of `src/site/` that reads files); everything else here is pure.
 */
import type { Lang } from '../types.js';

export interface SiteLanguage {
  /** The language code of the site (`en`, `fr`, `fr-ca`). */
  code: string;
  /** The official language it is, when it is one. */
  lang: Lang | undefined;
  /** Absolute content folder of this language. */
  contentDir: string;
  baseURL?: string;
  languageName?: string;
  /** Section → permalink pattern (`blog: /:year/:month/:day/:filename`). */
  permalinks: Record<string, string>;
}

/** A Go template (layout) as the scanner read it: prose, links and conditions. */
export interface TemplateFacts {
  /** Absolute path. */
  file: string;
  /** Path relative to the site root, for messages. */
  displayPath: string;
  /** Language of the `.en`/`.fr` suffix, if any. */
  lang: Lang | undefined;
  /** Pieces of prose and tags the template prints, each under the conditions around it. */
  pieces: TemplatePiece[];
  /** Where a `<form>` opens (the way to apply), with its conditions, if the template has one. */
  forms: Array<{ offset: number; conds: Condition[] }>;
}

export interface TemplatePiece {
  kind: 'text' | 'tag';
  /** Offsets into the template text. */
  start: number;
  end: number;
  /** The source slice (`text`), or the tag as written. */
  value: string;
  /** Starts a new block of prose (after a block-level tag or a template action that breaks it). */
  block: number;
  /** Conditions that must all hold for this piece to be printed. */
  conds: Condition[];
}

/** A condition of an `{{ if }}` / `{{ with }}` / `{{ range }}` block, as written, and negated in an `{{ else }}`. */
export interface Condition {
  expr: string;
  negated: boolean;
  /** `range` (prints zero or more times) or `with`/`if`. */
  kind: 'if' | 'with' | 'range';
}

/** One page of the site, for internal links. */
export interface SitePage {
  /** Language code. */
  lang: string;
  /** Path relative to the language's content folder, with `/`. */
  path: string;
  /** The URL path the page is served at (`/carrieres/`), lower case, with a final slash. */
  url: string;
  /** Other URL paths that lead to it (`aliases`). */
  aliases: string[];
  /** What links translations: `translationKey`, else the path without language marks. */
  key: string;
  /** Absolute path of the file. */
  file: string;
  /** `layout` and `type` from its front matter. */
  layout?: string;
  type?: string;
}

export interface SiteModel {
  /** Absolute folder holding the configuration. */
  root: string;
  /** Configuration files read, relative to the root. */
  configFiles: string[];
  defaultContentLanguage: string;
  defaultContentLanguageInSubdir: boolean;
  /** Each language serves from its own host (`baseURL` per language). */
  multihost: boolean;
  baseURL?: string;
  languages: SiteLanguage[];
  /** Layout folders, most specific first: the project's, then each theme's. */
  layoutDirs: string[];
  /** Every layout file, relative to its layout folder (`section/job-posting.fr.html`), per folder. */
  layoutFiles: string[][];
  /** Global permalinks (`permalinks` at the top level). */
  permalinks: Record<string, string>;
  /** What makes a page a posting. */
  postings: { paths: string[]; layouts: string[] };
  /** Scanned templates that render linted postings, by absolute path. */
  templates: Record<string, TemplateFacts>;
  /** Every page of every language (for links/internal), or empty when not indexed. */
  pages: SitePage[];
  /** URL path prefixes under which pages cannot be known (permalinks with dates…): links there are not checked. */
  opaquePrefixes: Record<string, string[]>;
}
