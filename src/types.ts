/**
 * The types every part of postings shares. One `Finding` flows from the parser and the
 * rules to the reporters; rules are described by `RuleModule` and report through a
 * `RuleContext`. Nothing in here does I/O.
 */
import type { Root as MdastRoot } from 'mdast';
import type { Document as YamlDocument } from 'yaml';
import type { Outline } from './pairing/outline.js';
import type { SiteModel } from './site/model.js';

export type Lang = 'en' | 'fr';
export type Locale = Lang;
export type Severity = 'error' | 'warning';
export type SeveritySetting = 'off' | 'warn' | 'error';

/** Text in both official languages. */
export interface Bilingual {
  en: string;
  fr: string;
}

/** A replacement of `range` (offsets into the file text, BOM excluded) by `text`. */
export interface Edit {
  range: [number, number];
  text: string;
}

export interface Suggestion {
  /** What the suggestion does, in the chosen locale. */
  desc: string;
  fix: Edit;
}

/** A position in a file as an editor shows it: 1-based line and column. */
export interface Point {
  line: number;
  column: number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** 1-based, as an editor shows them (a BOM is not counted; CRLF ends a line). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets into the file text (BOM excluded). */
  range?: [number, number];
  fix?: Edit;
  suggestions?: Suggestion[];
  docsUrl?: string;
  /** The id of the message in the rule's metadata, for tools that key on it. */
  messageId?: string;
  /**
   * The entry of the rule's data this finding is about (`guys`), for rules that can be
   * silenced one entry at a time: `postings-disable-next-line inclusive-language/terms:guys`,
   * or `ignore: ["guys"]` in the rule's options.
   */
  entryId?: string;
  /**
   * Places in other files the finding is about (the translation partner's lines), so that a
   * report or an editor can show both sides; SARIF `relatedLocations`.
   */
  related?: RelatedLocation[];
}

/** A place in another file that a finding refers to. */
export interface RelatedLocation {
  /** Absolute path, as the CLI knows it. */
  filePath: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** What is there, in the chosen locale. */
  message?: string;
}

/** The findings of one file. */
export interface FileResult {
  /** The path as given to the linter (the CLI makes it absolute). */
  filePath: string;
  findings: Finding[];
  /** Set when `--fix` changed the file: the text written. */
  output?: string;
  /**
   * The text the findings' ranges refer to (BOM excluded), for the baseline and for the
   * excerpts of the HTML report; never printed whole.
   */
  source?: string;
  /** The baseline text of each finding, in order (so that the text itself need not be kept). */
  texts?: string[];
}

/** A location a rule reports at: a node with a position, offsets, or points. */
export type Location =
  | { node: { position?: { start: { offset?: number }; end: { offset?: number } } } }
  | { range: [number, number] }
  | { start: Point; end?: Point };

export interface ReportDescriptor {
  /** Key into the rule's `messages`. */
  messageId: string;
  /** Values for `{name}` placeholders in the message. */
  data?: Record<string, string | number>;
  loc: Location;
  fix?: Edit;
  suggestions?: Array<{ messageId: string; data?: Record<string, string | number>; fix: Edit }>;
  /** Places in other files the finding refers to (already in the locale of the messages). */
  related?: RelatedLocation[];
  /** The entry of the rule's data reported (see `Finding.entryId`). */
  entryId?: string;
}

/** One entry of the front matter index used by cross-file rules (pairing). */
export interface IndexEntry {
  /** Path as the CLI knows it (absolute). */
  filePath: string;
  /** Path relative to the content root, with forward slashes, for messages. */
  displayPath: string;
  lang: Lang | undefined;
  /**
   * The site the posting belongs to (its content root), when the run holds more than one:
   * postings pair only within one site, so two sites linted together never pair.
   */
  scope?: string;
  translationKey?: string;
  leverId?: string;
  archived?: boolean;
  title?: string;
  /** Classification codes (`IT-03`) named in the body, normalised and sorted. */
  classifications: string[];
  /**
   * The shape and the values of the body (sections, lists, amounts, dates, links...), for
   * the rules that compare a posting with its translation; computed for the postings that
   * are linted and for their partners only. Plain JSON.
   */
  outline?: Outline;
  /** What git says of the file (last commit, uncommitted change), when the CLI asked git. */
  git?: GitInfo;
}

/** A commit that touched a file. */
export interface GitCommit {
  /** Abbreviated hash. */
  hash: string;
  /** Unix time in seconds (committer date). */
  time: number;
  subject: string;
}

/** What git says of a file, gathered by the CLI (two git commands for the whole run). */
export interface GitInfo {
  /** The last commits that touched the file, latest first (a few). */
  commits: GitCommit[];
  /** The file differs from HEAD in the working tree or the index, or is untracked. */
  dirty?: boolean;
  /** With `--since REF`: the file changed between REF and the working tree. */
  changedSince?: boolean;
}

/** The small, read-only index of every posting under the content root. */
export interface ProjectIndex {
  entries: readonly IndexEntry[];
  /** The `--since` reference, when the run compares with one (for pairing/stale). */
  since?: string;
}

export interface FrontMatter {
  /** The YAML text, without the `---` fences. */
  source: string;
  /** Offset of the YAML text in the file (BOM excluded). */
  offset: number;
  /** The whole block, fences included. */
  range: [number, number];
  /** Parsed document with node ranges (offsets into `source`). */
  doc: YamlDocument.Parsed | undefined;
  /** The parsed value when the YAML is valid, else undefined. */
  data: Record<string, unknown> | undefined;
  /** YAML errors, with absolute offsets. */
  errors: Array<{ message: string; code?: string; range: [number, number] }>;
}

export interface ParsedPosting {
  filePath: string;
  /** File text without its BOM; every offset refers to it. */
  text: string;
  hasBom: boolean;
  tree: MdastRoot;
  frontMatter: FrontMatter | undefined;
  lang: Lang | undefined;
  /** How the language was told: `path`, `suffix`, `frontmatter`, or undefined. */
  langSource?: 'path' | 'suffix' | 'frontmatter';
  /** Offset of each line start, for offset to line/column. */
  lineStarts: number[];
}

export interface RuleMeta {
  /** Stable id, `group/name`, equal to the rule's path under `src/rules/`. */
  id: string;
  description: Bilingual;
  defaultSeverity: SeveritySetting;
  fixable: boolean;
  /** The rule offers suggestions (never applied by --fix). */
  hasSuggestions?: boolean;
  /** JSON Schema of the rule's options object. */
  optionsSchema?: Record<string, unknown>;
  /** Messages by id, each in both languages, with `{name}` placeholders. */
  messages: Record<string, Bilingual>;
  /**
   * Ids of the entries the rule reports under (`inclusive-language/terms:guys`), for rules
   * whose findings can be silenced one entry at a time. When given, the engine warns about
   * an unknown `rule:entry` in a `postings-disable` comment, and the configuration resolver
   * rejects an unknown id in the rule's `ignore` option.
   */
  entryIds?(config: ResolvedConfig): string[];
}

export interface RuleContext {
  readonly ruleId: string;
  readonly posting: ParsedPosting;
  readonly filePath: string;
  readonly lang: Lang | undefined;
  readonly locale: Locale;
  /** The rule's options, merged over its defaults. */
  readonly options: Record<string, unknown>;
  /** Resolved configuration (data tables, schema, ...). */
  readonly config: ResolvedConfig;
  /** Index of every posting under the content root, for cross-file rules. */
  readonly project: ProjectIndex | undefined;
  report(descriptor: ReportDescriptor): void;
  /** Turn an offset into an editor position. */
  pointAt(offset: number): Point;
}

export interface RuleModule {
  meta: RuleMeta;
  create(context: RuleContext): void;
}

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

export interface LanguageConfig {
  /** Path segments that mark a language (`/en/`, `/fr/`). */
  pathSegments: Record<Lang, string[]>;
  /** Hugo file suffixes (`name.fr.md`). */
  suffixes: Record<Lang, string[]>;
  /** Front matter key holding the language, or false. */
  frontMatterKey: string | false;
}

export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  ignore: string[];
  language: LanguageConfig;
  /** The JSON Schema postings' front matter is checked against. */
  schema: Record<string, unknown>;
  /** Where the schema came from, for messages. */
  schemaPath?: string;
  /** Content root (absolute) for the index, when known. */
  contentDir?: string;
  /** Data tables, keyed by name (built-in merged with the user's extensions). */
  data: Record<string, unknown>;
  /** Any further top-level keys other issues add (pairing, baseline, ...). */
  settings: Record<string, unknown>;
  /**
   * Ignore patterns read from a `.postingsignore` file (gitignore syntax), with the folder
   * they are relative to: files they match are left out as `ignore` leaves them out.
   */
  ignoreFile?: { path: string; base: string; patterns: string[] };
  /** The Hugo site the run works in (plain data), when the linted files are in one. */
  site?: SiteModel;
}
