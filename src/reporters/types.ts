import type { FileResult, Locale, RuleMeta } from '../types.js';

export interface ReportContext {
  /** Working directory: reporters show paths relative to it where the format wants. */
  cwd: string;
  locale: Locale;
  color: boolean;
  version: string;
  /** Metadata of every known rule. */
  rules: readonly RuleMeta[];
}

/** A reporter is a pure function of the findings. */
export type Reporter = (results: FileResult[], context: ReportContext) => string;
