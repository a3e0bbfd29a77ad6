import type { FileResult, Locale, RuleMeta } from '../types.js';

export interface ReportContext {
  /** Working directory: reporters show paths relative to it where the format wants. */
  cwd: string;
  locale: Locale;
  color: boolean;
  version: string;
  /** Metadata of every known rule. */
  rules: readonly RuleMeta[];
  /** When the run is in a Hugo site: how many postings and templates were linted, and how many pages are not postings. */
  site?: { postings: number; templates: number; notPostings: number };
}

/** A reporter is a pure function of the findings. */
export type Reporter = (results: FileResult[], context: ReportContext) => string;
