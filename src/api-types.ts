/**
 * The types of the Node API (`import { lintFiles, lintText } from 'postings'`) and of the
 * `--format json` report: one `LintResult` per file, ESLint's shape. Self-contained (no
 * imports), so that the published declarations need nothing else.
 */

/** One finding. */
export interface LintMessage {
  /** The rule, `family/name` (`inclusive-language/terms`). */
  ruleId: string;
  /** 1 warning, 2 error (as ESLint). */
  severity: 1 | 2;
  message: string;
  /** 1-based line and column (UTF-16 code units), end exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The edit `--fix` applies: offsets into the file's text (a BOM excluded). */
  fix?: { range: [number, number]; text: string };
  /** Edits an editor may offer; never applied by `--fix`. */
  suggestions?: Array<{ desc: string; fix: { range: [number, number]; text: string } }>;
  /** The rule's page, in the language of the messages. */
  docsUrl?: string;
  /** The entry a `rule/id:entry` comment or the rule's `ignore` option names (`guys`). */
  entryId?: string;
  /** The partner's lines a pairing finding is about (an addition to ESLint's format). */
  related?: Array<{ filePath: string; line: number; column: number; endLine?: number; endColumn?: number; message?: string }>;
}

/** The findings of one file. */
export interface LintResult {
  /** Absolute path (`<stdin>` under the working folder for text without a name). */
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The fixed text, when fixes changed it. */
  output?: string;
}

export interface LintOptions {
  /** The folder paths, globs and the configuration search start from (default: `process.cwd()`). */
  cwd?: string;
  /** A configuration file to use instead of searching for one (as `--config`). */
  configFile?: string;
  /**
   * Language of the messages (as `--locale`). Default: the configuration's `locale`, then
   * LC_ALL, LC_MESSAGES or LANG.
   */
  locale?: 'en' | 'fr';
}

export interface LintTextOptions extends LintOptions {
  /**
   * The path the text is linted as (as `--stdin-filename`): it decides the language, the
   * content root and the pairing, as if the file were there. Relative to `cwd`.
   */
  filePath?: string;
}
