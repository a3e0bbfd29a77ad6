/**
 * The front matter index that cross-file rules (pairing) read: one small entry per posting
 * under the content root, built once per run. Postings that are linted come in already
 * parsed; the others are read from their front matter only, which is much cheaper than a
 * Markdown parse.
 */
import type { IndexEntry, Lang, LanguageConfig, ParsedPosting, ProjectIndex } from '../types.js';
import { detectLanguage, parseYaml } from './front-matter.js';
import type { Outliner } from '../pairing/outliner.js';
import { outlinePairs } from '../pairing/outline-pairs.js';

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
  outline?: Outliner,
): ProjectIndex {
  const entries: IndexEntry[] = [];
  const sources = new Map<IndexEntry, ParsedPosting | string>();
  const wanted = indexKeys(language);
  for (const input of inputs) {
    let data: Record<string, unknown> | undefined;
    let lang: Lang | undefined;
    let body = '';
    // The same function of the text for linted and indexed-only postings, so that a pair is
    // judged the same whether one file or the whole tree is linted.
    if (input.parsed) {
      const fm = input.parsed.frontMatter;
      data = fm ? (simpleFields(fm.source, wanted) ?? fm.data) : undefined;
      lang = input.parsed.lang;
      body = input.parsed.text.slice(fm?.range[1] ?? 0);
    } else if (input.text !== undefined) {
      const raw = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
      const split = splitFrontMatter(raw);
      if (split) {
        const source = raw.slice(split.contentStart, split.closingStart);
        data = simpleFields(source, wanted) ?? parseYaml(source, split.contentStart, [0, split.end]).data;
      }
      lang = detectLanguage(input.filePath, data, language).lang;
      body = split ? raw.slice(split.end) : raw;
    }
    const entry: IndexEntry = {
      filePath: input.filePath,
      displayPath: input.displayPath,
      lang,
      translationKey: str(data?.translationKey),
      leverId: str(data?.leverId),
      archived: typeof data?.archived === 'boolean' ? data.archived : undefined,
      title: str(data?.title),
      classifications: extractCodes(body),
    };
    const source = input.parsed ?? input.text;
    if (outline && source !== undefined) sources.set(entry, source);
    entries.push(entry);
  }
  if (outline) outlinePairs(entries, language, outline, (e) => sources.get(e), (e) => typeof sources.get(e) === 'object');
  return makeIndex(entries);
}

const INDEX_KEYS = ['translationKey', 'leverId', 'archived', 'title'];

function indexKeys(language: LanguageConfig): string[] {
  return language.frontMatterKey ? [...INDEX_KEYS, language.frontMatterKey] : INDEX_KEYS;
}

const TOP_LEVEL_KEY = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+|$)(.*)$/;

/**
 * The index keys of a front matter, read from its top-level `key: value` lines when each of
 * them is a one-line plain or simply quoted scalar: about fifty times cheaper than a YAML
 * parse, which matters when a pre-commit hook indexes a whole site to lint one file.
 * Returns undefined when any wanted key is written in a way only a YAML parser reads
 * right (block scalars, continuation lines, escapes, anchors, flow collections, a key
 * given twice); the caller then parses the YAML.
 */
export function simpleFields(source: string, keys: readonly string[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const lines = source.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    // Only a line that starts as TOP_LEVEL_KEY's keys do (`[A-Za-z_]`) can be one; most do
    // not (list items, indented values, comments, blank lines), and are not matched.
    const c = lines[i]!.charCodeAt(0);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f)) continue;
    const m = TOP_LEVEL_KEY.exec(lines[i]!);
    if (!m || !keys.includes(m[1]!)) continue;
    if (m[1]! in out) return undefined;
    const block = /^([>|])(-?)[ \t]*$/.exec(m[2]!);
    if (block) {
      // A folded or literal block scalar (`title: >-`) of lines with one indentation, as
      // Hugo sites write long titles: joined as YAML joins them, else the YAML parser reads it.
      const body: string[] = [];
      let indent: string | undefined;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const line = lines[j]!;
        const lead = /^ +/.exec(line)?.[0];
        if (!lead || !line.slice(lead.length).trim()) break;
        if (indent === undefined) indent = lead;
        else if (lead !== indent) return undefined;
        body.push(line.slice(lead.length));
      }
      let k = j;
      while (k < lines.length && !lines[k]!.trim()) k++;
      if (!body.length || (lines[k] !== undefined && /^[ \t]/.test(lines[k]!))) return undefined;
      const text = body.join(block[1] === '>' ? ' ' : '\n');
      out[m[1]!] = block[2] === '-' ? text : `${text}\n`;
      i = j - 1;
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && /^[ \t]+\S/.test(next) && !/^[ \t]+#/.test(next)) return undefined;
    const value = scalar(m[2]!);
    if (value === NOT_SIMPLE) return undefined;
    out[m[1]!] = value;
  }
  return out;
}

const NOT_SIMPLE = Symbol('not simple');

/** The one-character escapes of YAML double-quoted scalars (`\_` is a no-break space). */
const YAML_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

function scalar(text: string): unknown {
  let v = text.trim();
  if (v === '') return null;
  if (v.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"(?:[ \t]+#.*)?$/.exec(v);
    if (!m) return NOT_SIMPLE;
    let bad = false;
    const out = m[1]!.replace(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, e: string) => {
      if (e.length > 1) {
        const cp = parseInt(e.slice(1), 16);
        if (cp > 0x10ffff) bad = true;
        return bad ? '' : String.fromCodePoint(cp);
      }
      const c = YAML_ESCAPES[e];
      if (c === undefined) bad = true;
      return c ?? '';
    });
    return bad ? NOT_SIMPLE : out;
  }
  if (v.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'(?:[ \t]+#.*)?$/.exec(v);
    return m ? m[1]!.replace(/''/g, "'") : NOT_SIMPLE;
  }
  if (/^[>|&*!\[{@`%,?:-]/.test(v) && !/^-?\d/.test(v)) return NOT_SIMPLE;
  v = v.replace(/[ \t]+#.*$/, '');
  if (/:[ \t]|[ \t]#/.test(v)) return NOT_SIMPLE;
  if (/^(true|True|TRUE)$/.test(v)) return true;
  if (/^(false|False|FALSE)$/.test(v)) return false;
  if (/^(null|Null|NULL|~)$/.test(v)) return null;
  if (/^[-+]?\d+$/.test(v)) return Number(v);
  if (/^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) || /^[-+]?\d+[eE][-+]?\d+$/.test(v)) return Number(v);
  return v;
}

/**
 * The entry of one posting from its text, or only the head of it: the front matter keys the
 * cross-file rules read. Classification codes are left to the caller (they need the body).
 */
export function indexEntry(filePath: string, displayPath: string, text: string, language: LanguageConfig): IndexEntry {
  return buildIndex([{ filePath, displayPath, text }], language).entries[0]!;
}

/** The index is the list of entries; pairing groups them (by key or by path) once, in src/lib/pairing.ts. */
export function makeIndex(entries: IndexEntry[]): ProjectIndex {
  return { entries };
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return own(v.trim()) || undefined;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/**
 * A copy of a string that does not hold the text it was cut from: a value read from a
 * front matter is a slice of the file's text, and an index entry kept for the whole run
 * would keep that whole text alive with it (10 KiB a posting, not 100 bytes).
 */
function own(s: string): string {
  return s.length > 12 ? (JSON.parse(JSON.stringify(s)) as string) : s;
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
