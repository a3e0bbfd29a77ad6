/**
 * The front matter index that cross-file rules (pairing) read: one small entry per posting
 * under the content root, built once per run. Postings that are linted come in already
 * parsed; the others are read from their front matter only, which is much cheaper than a
 * Markdown parse.
 */
import type { IndexEntry, Lang, LanguageConfig, ParsedPosting, ProjectIndex } from '../types.js';
import { detectLanguage, parseYaml } from './parse.js';

/** Pulls classification codes out of a posting's body text; set by the classification code. */
export type CodeExtractor = (body: string) => string[];

export interface IndexInput {
  filePath: string;
  displayPath: string;
  /** Either the parsed posting, or its raw text (then only the front matter is parsed). */
  parsed?: ParsedPosting;
  text?: string;
}

export function buildIndex(
  inputs: IndexInput[],
  language: LanguageConfig,
  extractCodes: CodeExtractor = () => [],
): ProjectIndex {
  const entries: IndexEntry[] = [];
  for (const input of inputs) {
    let data: Record<string, unknown> | undefined;
    let lang: Lang | undefined;
    let body = '';
    if (input.parsed) {
      data = input.parsed.frontMatter?.data;
      lang = input.parsed.lang;
      body = input.parsed.text.slice(input.parsed.frontMatter?.range[1] ?? 0);
    } else if (input.text !== undefined) {
      const raw = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
      const split = splitFrontMatter(raw);
      const fm = split ? parseYaml(raw.slice(split.contentStart, split.closingStart), split.contentStart, [0, split.end]) : undefined;
      data = fm?.data;
      lang = detectLanguage(input.filePath, fm, language).lang;
      body = split ? raw.slice(split.end) : raw;
    }
    entries.push({
      filePath: input.filePath,
      displayPath: input.displayPath,
      lang,
      translationKey: str(data?.translationKey),
      leverId: str(data?.leverId),
      archived: typeof data?.archived === 'boolean' ? data.archived : undefined,
      title: str(data?.title),
      classifications: extractCodes(body),
    });
  }
  return makeIndex(entries);
}

export function makeIndex(entries: IndexEntry[]): ProjectIndex {
  const byKey = new Map<string, IndexEntry[]>();
  for (const e of entries) {
    if (!e.lang || !e.translationKey) continue;
    const k = `${e.lang}\u0000${e.translationKey}`;
    const list = byKey.get(k);
    if (list) list.push(e);
    else byKey.set(k, [e]);
  }
  return {
    entries,
    byKey: (lang, key) => byKey.get(`${lang}\u0000${key}`) ?? [],
  };
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** Where the front matter block of a file is, by its `---` fences (for the index only). */
export function splitFrontMatter(
  text: string,
): { contentStart: number; closingStart: number; end: number } | undefined {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return undefined;
  const close = /^---[ \t]*$/m;
  close.lastIndex = 0;
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  if (!m) return undefined;
  const closingStart = open[0].length + m.index;
  return { contentStart: open[0].length, closingStart, end: closingStart + m[0].length };
}
