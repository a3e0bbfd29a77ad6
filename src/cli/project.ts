/** Build the front matter index for a run: every posting under the content roots. */
import { relative, sep } from 'node:path';
import type { FileResult, Finding, Locale, ParsedPosting, ProjectIndex, ResolvedConfig } from '../types.js';
import { rules } from '../rules/index.js';
import { fileFinding } from '../engine/lint.js';
import { parsePosting } from '../engine/parse.js';
import { buildIndex, type CodeExtractor, type IndexInput } from '../engine/project-index.js';
import { findContentRoot, isSectionPage, realPath, walkMarkdown } from './files.js';
import { codeExtractor } from '../lib/classification-codes.js';
import { fileErrorReason, readRegularFile } from './read-file.js';

export interface ProjectInfo {
  index: ProjectIndex;
  /** The content roots that were indexed. */
  roots: string[];
}

export function buildProject(
  /** The linted postings, parsed, or as text only (a report's postings: front matter only). */
  parsed: Array<ParsedPosting | { filePath: string; text: string }>,
  config: ResolvedConfig,
  extractCodes: CodeExtractor = codeExtractor(config),
  /** Which files of the content roots are postings (in a Hugo site, not every page is). */
  keep: (file: string) => boolean = () => true,
): ProjectInfo {
  const cache = new Map<string, string | null>();
  const roots = new Set<string>();
  if (config.contentDir) roots.add(config.contentDir);
  else for (const p of parsed) {
    const root = findContentRoot(p.filePath, cache);
    if (root) roots.add(root);
  }
  // Keyed by real path: a posting reached through a symbolic link is still one posting.
  const byPath = new Map(parsed.map((p) => [realPath(p.filePath), p]));
  const rootOf = (file: string) => [...roots].find((r) => file.startsWith(r + sep));
  const display = (file: string) => {
    const root = rootOf(file);
    return (root ? relative(root, file) : relative(process.cwd(), file)).split(sep).join('/');
  };
  const inputs: IndexInput[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    for (const file of walkMarkdown(root)) {
      if (isSectionPage(file)) continue;
      const real = realPath(file);
      if (!byPath.has(real) && !keep(file)) continue;
      if (seen.has(real)) continue;
      seen.add(real);
      const p = byPath.get(real);
      if (p) inputs.push(input(p, display(p.filePath)));
      else {
        let text: string | undefined;
        try {
          text = readRegularFile(file, 'utf8');
        } catch {
          continue;
        }
        inputs.push({ filePath: file, displayPath: display(file), text });
      }
    }
  }
  // Linted postings outside any content root still pair with each other.
  for (const p of parsed) {
    if (!seen.has(realPath(p.filePath))) inputs.push(input(p, display(p.filePath)));
  }
  return { index: buildIndex(inputs, config.language, extractCodes), roots: [...roots] };
}

function input(p: ParsedPosting | { filePath: string; text: string }, displayPath: string): IndexInput {
  return 'tree' in p ? { filePath: p.filePath, displayPath, parsed: p } : { filePath: p.filePath, displayPath, text: p.text };
}

export interface LoadedPostings {
  /** The postings that could be read, each parsed once. */
  parsed: ParsedPosting[];
  /** Results for the files that could not be read (`internal/read-error`). */
  unreadable: Map<string, FileResult>;
  /** Files whose bytes are not valid UTF-8: lintable, never rewritten by --fix. */
  notUtf8: Set<string>;
  index: ProjectIndex;
}

/** Read and parse each file once, then index the project. One bad file never stops the others. */
export function loadPostings(
  files: string[],
  config: ResolvedConfig,
  locale: Locale,
  keep?: (file: string) => boolean,
  /** Text to use instead of a file's (`--stdin-filename`, `lintText`): linted as if it were there. */
  texts?: ReadonlyMap<string, string>,
): LoadedPostings {
  const parsed: ParsedPosting[] = [];
  const unreadable = new Map<string, FileResult>();
  const notUtf8 = new Set<string>();
  for (const file of files) {
    const given = texts?.get(file);
    if (given !== undefined) {
      parsed.push(parsePosting(given, file, config.language));
      continue;
    }
    try {
      const bytes = readRegularFile(file);
      const text = bytes.toString('utf8');
      if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes)) notUtf8.add(file);
      parsed.push(parsePosting(text, file, config.language));
    } catch (e) {
      unreadable.set(file, { filePath: file, findings: [internalFinding('internal/read-error', 'unreadable', e, locale)] });
    }
  }
  return { parsed, unreadable, notUtf8, index: buildProject(parsed, config, undefined, keep).index };
}

/** A finding about a whole file from one of the `internal/*` rules, with the system's reason. */
export function internalFinding(ruleId: string, messageId: string, error: unknown, locale: Locale): Finding {
  const rule = rules.find((r) => r.meta.id === ruleId)!;
  return fileFinding(rule, messageId, { reason: fileErrorReason(error)[locale] }, locale);
}
