import type { FileResult, Lang, Locale, RuleMeta } from '../types.js';

export interface ReportContext {
  /** Working directory: reporters show paths relative to it where the format wants. */
  cwd: string;
  locale: Locale;
  color: boolean;
  version: string;
  /** Metadata of every known rule. */
  rules: readonly RuleMeta[];
  /**
   * What the front matter says of each reported posting and of its partners (title,
   * language, pairing key, partners), for reports that show postings and pairs (`html`).
   * Set by the CLI only for the formats that use it.
   */
  postings?: readonly ReportPosting[];
  /**
   * The text of files that findings' related locations point to but that are not in the
   * report (a partner not linted in this run), for reports that quote them (`html`).
   */
  relatedTexts?: ReadonlyMap<string, string>;
  /** When the run is in a Hugo site: how many postings and templates were linted, and how many pages are not postings. */
  site?: { postings: number; templates: number; notPostings: number };
}

export interface ReportPosting {
  filePath: string;
  lang: Lang | undefined;
  title: string | undefined;
  /** The key the posting pairs by (`translationKey` or the path), when it has one. */
  key: string | undefined;
  /** The site (content root) of the posting, when the report holds more than one. */
  scope?: string;
  /** File paths of the postings of the other language with the same key. */
  partners: string[];
}

/** A reporter is a pure function of the findings. */
export type Reporter = (results: FileResult[], context: ReportContext) => string;
