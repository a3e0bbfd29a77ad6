/**
 * Classification mentions (`IT-03`, `CS4`, `EC 06-07`, `CS-04/05`) in a posting's body.
 *
 * One scanner reads plain text; two callers feed it:
 * - `findMentions(posting, table)` walks the Markdown tree and scans the source of every
 *   text node (link text included; never code, inline code, HTML, front matter, link
 *   targets, images), so offsets come straight from AST positions;
 * - `extractCodes(body, table)` is the cheap pass for the front matter index: the raw body,
 *   with code, HTML and URLs blanked out, scanned the same way.
 * Both give the same codes for the same posting (a test holds them to it).
 */
import { walk } from '../engine/walk.js';
import type { Root } from 'mdast';
import type { Lang, ParsedPosting } from '../types.js';
import type { ClassificationTable } from './classification-table.js';
import { maskAddresses } from './addresses.js';
import { collectDefinitions, type LinkInfo, linkInfo } from './links.js';

export interface Mention {
  /** Two capital letters as written. */
  group: string;
  /** The levels named: one, a range (`EC 06-07`) expanded, or a pair (`CS-04/05`). */
  levels: number[];
  /** `GROUP-NN` for each level. */
  codes: string[];
  /** Offsets into the posting text (or into the scanned string for `scanText`). */
  range: [number, number];
  raw: string;
  /** `-` range (`EC 06-07`), `/` pair (`CS-04/05`), or a single level. */
  kind: 'single' | 'range' | 'pair';
  /** The group is in the table. */
  known: boolean;
  /** Every level is within the group's range (false for unknown groups). */
  inRange: boolean;
  /** The enclosing link, when the mention is (part of) a link's text. */
  link?: LinkInfo;
  /** Text just before the mention in the same text node (for context cues). */
  before: string;
}

const DASHES = '\\-\u2010\u2011\u2012\u2013';
/**
 * A group (two capitals not glued to a word), an optional dash or space, a level of one or
 * two digits, then optionally `-07` (range) or `/05` (pair). Not followed by a letter, a
 * digit or a decimal part (`PM2.5`).
 */
const MENTION = new RegExp(
  `(?<![\\p{L}\\p{N}_.@#${DASHES}])([A-Z]{2})([${DASHES}]|[ \\u00a0\\u202f])?(\\d{1,2})` +
    `(?:(\\s?[${DASHES}]\\s?|/)(\\d{1,2}))?(?![\\p{L}\\p{N}_]|[.,]\\d)`,
  'gu',
);

export function code(group: string, level: number): string {
  return `${group}-${String(level).padStart(2, '0')}`;
}

/** Scan plain text; `base` is added to offsets. Every two-capital candidate is returned. */
export function scanText(text: string, base: number, table: ClassificationTable): Mention[] {
  const out: Mention[] = [];
  MENTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MENTION.exec(text))) {
    const group = m[1]!;
    const sep = m[2];
    const first = Number(m[3]);
    let end = m.index + m[0].length;
    let kind: Mention['kind'] = 'single';
    let levels = [first];
    if (m[5] !== undefined) {
      const second = Number(m[5]);
      const isPair = m[4] === '/';
      if (isPair && second !== first) {
        kind = 'pair';
        levels = [first, second];
      } else if (!isPair && second > first && sep !== undefined) {
        // `EC 06-07`; a bare `IT3-4` is too odd to read as a range.
        kind = 'range';
        levels = [];
        for (let l = first; l <= second; l++) levels.push(l);
      } else {
        end = m.index + m[1]!.length + (sep?.length ?? 0) + m[3]!.length;
        MENTION.lastIndex = end;
      }
    }
    const raw = text.slice(m.index, end);
    if (table.notMentions.has(raw)) continue;
    const entry = table.groups.get(group);
    const inRange = !!entry && levels.every((l) => l >= entry.levels[0] && l <= entry.levels[1]);
    out.push({
      group,
      levels,
      codes: levels.map((l) => code(group, l)),
      range: [base + m.index, base + end],
      raw,
      kind,
      known: !!entry,
      inRange,
      before: text.slice(Math.max(0, m.index - 60), m.index),
    });
  }
  return out;
}

/** The written form a mention should have: `CS-04`, `CS-04/CS-05`, `EC-04 to EC-07`. */
export function canonical(mention: Mention, lang: Lang | undefined): string {
  const codes = mention.codes;
  if (codes.length === 1) return codes[0]!;
  if (mention.kind === 'pair' || codes.length === 2) return codes.join('/');
  return `${codes[0]} ${lang === 'fr' ? 'à' : 'to'} ${codes[codes.length - 1]}`;
}

function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/** Words before an unknown group that say it is meant as a classification. */
const CUE = /(classif|class[ée]e?s?\b|niveaux?\b|levels?\b|groupe?s?\b)[^.;:!?]{0,40}$/i;

const SKIP = new Set(['code', 'inlineCode', 'html', 'yaml', 'toml', 'definition', 'image', 'imageReference']);

interface AnyNode {
  type: string;
  children?: AnyNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

export interface TextSegment {
  /** Offsets of a text node in the posting text. */
  start: number;
  end: number;
  /** The source of the node, bare URLs and e-mail addresses blanked out. */
  text: string;
  /** The link the text is in, if any. */
  link?: LinkInfo;
}

const segmentCache = new WeakMap<Root, TextSegment[]>();

/** The body's prose, text node by text node (link text included; code, HTML, images not). */
export function textSegments(posting: ParsedPosting): TextSegment[] {
  const hit = segmentCache.get(posting.tree);
  if (hit) return hit;
  const definitions = collectDefinitions(posting);
  const out: TextSegment[] = [];
  walk<AnyNode, LinkInfo | undefined>(posting.tree as unknown as AnyNode, (node, link) => {
    if (SKIP.has(node.type)) return false;
    if (node.type === 'text') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) {
        out.push({ start, end, text: maskAddresses(posting.text.slice(start, end)), link });
      }
      return false;
    }
    if (node.type === 'link' || node.type === 'linkReference') return linkInfo(posting, node as never, definitions) ?? link;
    return link;
  });
  segmentCache.set(posting.tree, out);
  return out;
}

const treeCache = new WeakMap<Root, { table: ClassificationTable; mentions: Mention[] }>();

/**
 * Mentions in the body, in document order: known groups, plus unknown groups written as a
 * code (`XY-02`) where the text says it is one (after "classified as", "niveau", in a list
 * with known codes, or as the text of a link to a classification page).
 */
export function findMentions(posting: ParsedPosting, table: ClassificationTable): Mention[] {
  const hit = treeCache.get(posting.tree);
  if (hit?.table === table) return hit.mentions;
  const found: Mention[] = [];
  for (const seg of textSegments(posting)) {
    for (const mention of scanText(seg.text, seg.start, table)) {
      if (seg.link) mention.link = seg.link;
      found.push(mention);
    }
  }
  const kept = found.filter((m, i) => m.known || plausibleUnknown(m, found[i - 1], found[i + 1], table));
  treeCache.set(posting.tree, { table, mentions: kept });
  return kept;
}

function plausibleUnknown(
  m: Mention,
  prev: Mention | undefined,
  next: Mention | undefined,
  table: ClassificationTable,
): boolean {
  // Only the strict shape: `XY-02`. `HTML5` or `A4` never get here; `PDF 2` has three letters.
  if (!/^[A-Z]{2}-\d{2}$/.test(m.raw)) return false;
  if (CUE.test(m.before)) return true;
  const listed = (a: Mention | undefined, b: Mention | undefined) =>
    !!a && !!b && a.known && b.range[0] - a.range[1] <= 6 && b.range[0] > a.range[1];
  if (listed(prev, m) || listed(m, next)) return true;
  const url = m.link?.target;
  return !!url && !!table.anyTargetMatching(url);
}

/** Blank out what is not prose in raw Markdown: code, HTML, link targets, URLs. */
export function proseOf(body: string): string {
  let s = body;
  // Every pattern here runs over the whole body, so each is linear: a run never crosses the
  // start of another match (`[^[\]…]` in images), and a construct left open runs to the end
  // of the body (a fence, a comment) instead of failing, which would make the scan try again
  // from every later start.
  // Fenced code blocks (an opening fence on the last line, without a newline, included).
  s = s.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*(?:\n|$(?![\s\S]))[\s\S]*?(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm, blank);
  // HTML comments (an unclosed one runs to the end, as an HTML block does), tags, autolinks.
  s = s.replace(/<!--[\s\S]*?(?:-->|(?![\s\S]))|<\/?[A-Za-z][^<>]*>|<[a-z][a-z0-9+.-]*:[^<>\s]*>/gi, blank);
  // Inline code.
  s = blankCodeSpans(s);
  // Images: alt text is not prose a reader sees in the page flow.
  s = s.replace(/!\[[^[\]\n]*\]\([^)[\]\n]*\)/g, blank);
  // Inline link destinations `](url "title")` (one level of parentheses inside the URL).
  s = s.replace(/\]\(\s*(?:<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\)/g, (x) => ']' + blank(x.slice(1)));
  // Link reference definitions.
  s = s.replace(/^( {0,3}\[[^\]\n]+\]:)([^\n]*)/gm, (_x, head: string, rest: string) => blank(head) + blank(rest));
  return maskAddresses(s);
}

/**
 * Blank out code spans: a run of backticks up to the next run of the same length in the
 * same paragraph (not across a blank line). A regular expression does this in O(n^1.5) on
 * runs of many lengths (each unclosed opener scans the rest of the paragraph); this is
 * linear: each run learns its closer from one pass right to left.
 */
function blankCodeSpans(s: string): string {
  const runs: Array<{ start: number; end: number; para: number }> = [];
  const breaks: number[] = [];
  for (const m of s.matchAll(/\n[ \t]*(?=\n)/g)) breaks.push(m.index);
  let para = 0;
  for (const m of s.matchAll(/`+/g)) {
    while (para < breaks.length && breaks[para]! < m.index) para++;
    runs.push({ start: m.index, end: m.index + m[0].length, para });
  }
  if (runs.length < 2) return s;
  const closer = new Array<number>(runs.length).fill(-1);
  let seen = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const r = runs[i]!;
    if (i < runs.length - 1 && runs[i + 1]!.para !== r.para) seen = new Map();
    const len = r.end - r.start;
    closer[i] = seen.get(len) ?? -1;
    seen.set(len, i);
  }
  let out = '';
  let at = 0;
  for (let i = 0; i < runs.length; i++) {
    const j = closer[i]!;
    if (j < 0) continue;
    out += s.slice(at, runs[i]!.start) + blank(s.slice(runs[i]!.start, runs[j]!.end));
    at = runs[j]!.end;
    i = j;
  }
  return out + s.slice(at);
}

/** Codes named in a raw body, known groups only, for the index. */
export function extractCodes(body: string, table: ClassificationTable): string[] {
  const codes = new Set<string>();
  for (const m of scanText(proseOf(body), 0, table)) if (m.known) for (const c of m.codes) codes.add(c);
  return [...codes].sort();
}

/** The codes of the AST mentions (known groups), sorted: what `extractCodes` must agree with. */
export function codesOf(mentions: readonly Mention[]): string[] {
  return [...new Set(mentions.filter((m) => m.known).flatMap((m) => m.codes))].sort();
}

/**
 * The mentions `classification/retired` reports in this posting (an open posting naming a
 * retired group whose successor code it does not name yet). Those get one finding, with the
 * advice that holds (`write IT-04`): `classification/format` ("write CS-04") and
 * `classification/unlinked` ("CS-04 is not linked") leave them alone while the rule is on.
 */
export function retiredMentions(
  posting: ParsedPosting,
  table: ClassificationTable,
  rules: Record<string, { severity: string }>,
  mentions: readonly Mention[] = findMentions(posting, table),
): Set<Mention> {
  const out = new Set<Mention>();
  if ((rules['classification/retired']?.severity ?? 'off') === 'off') return out;
  if (posting.frontMatter?.data?.archived !== false) return out;
  const named = new Set(mentions.filter((m) => m.known).flatMap((m) => m.codes));
  for (const m of mentions) {
    const g = m.known ? table.groups.get(m.group) : undefined;
    if (!g?.retired) continue;
    if (m.levels.every((l) => named.has(code(g.retired!.successor, l)))) continue;
    out.add(m);
  }
  return out;
}
