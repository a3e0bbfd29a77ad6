/**
 * Prose of a posting, as segments of text with a map from each character back to its
 * offset in the file: the `title` and `description` front matter values, headings, and
 * body paragraphs and table cells. Code, inline code, HTML, images, link targets and bare
 * URLs are never part of a segment (they become U+FFFC, which no pattern matches).
 */
import { walk } from '../../../engine/walk.js';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { isScalar } from 'yaml';
import type { ParsedPosting } from '../../../types.js';
import { locate } from '../../../engine/yaml-locate.js';
import { maskAddresses } from '../../../lib/addresses.js';
import { isIn, isLetter, textStats, wordsPointTo, type TextStats } from '../../../lib/language-detect.js';
import type { Lang } from '../../../types.js';

export type Scope = 'title' | 'description' | 'heading' | 'body';
export const SCOPES: readonly Scope[] = ['title', 'description', 'heading', 'body'];

/** Stands for anything that is not prose (code, HTML, a URL): no word matches across it. */
export const HOLE = '\uFFFC';

export interface Segment {
  scope: Scope;
  text: string;
  /** Offset in the file of each character of `text` (-1 when unknown). */
  map: ArrayLike<number>;
  /**
   * What the rules share about the segment, computed once (see `segmentWords`, `hasLongS`,
   * `segmentLang`): fields of the segment, as five rules ask for them at every segment.
   */
  memo?: SegmentMemo;
}

interface SegmentMemo {
  words?: Set<string>;
  longS: boolean;
  lang?: SegmentLanguage;
}

/**
 * A segment being built: its text, and its map as pieces (a run of offsets read as is from
 * the file, or an aligned map), made one typed array at the end: no array of numbers grown
 * one character at a time.
 */
class Builder {
  text = '';
  /** For each piece: its start in the file (a run), or its map. */
  private pieces: Array<number | number[]> = [];
  private lengths: number[] = [];
  add(value: string, map: number[]): void {
    this.text += value;
    this.pieces.push(map);
    this.lengths.push(map.length);
  }
  /** `value`, read as is from the file at `offset`. */
  addAt(value: string, offset: number): void {
    this.text += value;
    this.pieces.push(offset);
    this.lengths.push(value.length);
  }
  hole(): void {
    this.text += HOLE;
    this.pieces.push(NO_OFFSET);
    this.lengths.push(1);
  }
  done(scope: Scope): Segment {
    const text = maskAddresses(this.text, HOLE);
    let total = 0;
    for (const n of this.lengths) total += n;
    const map = new Int32Array(total);
    let at = 0;
    for (let k = 0; k < this.pieces.length; k++) {
      const piece = this.pieces[k]!;
      const n = this.lengths[k]!;
      if (typeof piece === 'number') for (let i = 0; i < n; i++) map[at + i] = piece === -1 ? -1 : piece + i;
      else for (let i = 0; i < n; i++) map[at + i] = piece[i]!;
      at += n;
    }
    return { scope, text, map, memo: undefined };
  }
}
/** The map of a hole. */
const NO_OFFSET = -1;

const isWs = (c: string | undefined) => c !== undefined && /\s/.test(c);
const ENTITY = /^&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/**
 * Map each character of `value` (a parsed string) to an offset in `src` (its source
 * text, which may hold escapes, entities, quotes, folding and indentation).
 */
export function align(value: string, src: string, base: number): number[] {
  const map: number[] = new Array(value.length);
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const v = value[i]!;
    let k = j;
    let found = -1;
    let width = 1;
    while (k < src.length && k - j <= 40) {
      const s = src[k]!;
      if (s === v || (isWs(v) && isWs(s))) {
        found = k;
        break;
      }
      if (s === '&' && v !== '&') {
        const m = ENTITY.exec(src.slice(k, k + 12));
        if (m) {
          found = k;
          width = m[0].length;
          break;
        }
      }
      k++;
    }
    if (found < 0) {
      map[i] = -1;
      continue;
    }
    map[i] = base + found;
    j = found + width;
  }
  return map;
}

const segmentCache = new WeakMap<ParsedPosting, Segment[]>();

/** The segments of a posting, computed once for the three inclusive-language rules. */
export function collectSegments(posting: ParsedPosting): Segment[] {
  let segments = segmentCache.get(posting);
  if (!segments) segmentCache.set(posting, (segments = buildSegments(posting)));
  return segments;
}

function buildSegments(posting: ParsedPosting): Segment[] {
  const out: Segment[] = [];
  const fm = posting.frontMatter;
  if (fm?.doc && fm.errors.length === 0) {
    for (const key of ['title', 'description'] as const) {
      const found = locate(fm, [key]);
      const node = found?.value;
      if (!found?.valueRange || !isScalar(node) || typeof node.value !== 'string') continue;
      const [s, e] = found.valueRange;
      const b = new Builder();
      b.add(node.value, align(node.value, posting.text.slice(s, e), s));
      out.push(b.done(key));
    }
  }
  const text = posting.text;
  walk<Root | RootContent>(posting.tree, (node) => {
    if (node.type !== 'heading' && node.type !== 'paragraph' && node.type !== 'tableCell') return;
    const b = new Builder();
    inline(node.children, b, text);
    out.push(b.done(node.type === 'heading' ? 'heading' : 'body'));
    return false;
  });
  return out;
}

/** The prose of inline `nodes` added to `b`, in document order, without recursion (nesting can be thousands deep). */
function inline(nodes: PhrasingContent[], b: Builder, text: string): void {
  const stack = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    switch (node.type) {
      case 'text': {
        if (start === undefined || end === undefined) {
          b.hole();
          break;
        }
        const src = text.slice(start, end);
        if (src === node.value) b.addAt(node.value, start);
        else b.add(node.value, align(node.value, src, start));
        break;
      }
      case 'break':
        b.add('\n', [start ?? -1]);
        break;
      case 'link':
      case 'linkReference':
      case 'emphasis':
      case 'strong':
      case 'delete': {
        const children = node.children as PhrasingContent[];
        const only = children.length === 1 && children[0]!.type === 'text' ? children[0]!.value : undefined;
        // A link whose text is its own address is an address, not prose.
        if (node.type === 'link' && only !== undefined && (only === node.url || /^(?:https?:\/\/|www\.|mailto:)/i.test(only))) {
          b.hole();
          break;
        }
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
        break;
      }
      default:
        // inlineCode, html, image, footnote references...: not prose.
        b.hole();
    }
  }
}

/** The file range of `text[i, j)` in a segment, if every end is known. */
export function rangeOf(seg: Segment, i: number, j: number): [number, number] | undefined {
  const s = seg.map[i];
  const e = seg.map[j - 1];
  if (s === undefined || e === undefined || s < 0 || e < 0 || e < s) return undefined;
  return [s, e + 1];
}

/**
 * The file range of a match, only when the file text there reads the same as the match
 * (whitespace may differ: a folded line). Positions are then exact by construction.
 */
export function exactRange(fileText: string, seg: Segment, i: number, j: number): [number, number] | undefined {
  const r = rangeOf(seg, i, j);
  if (!r) return undefined;
  const norm = (s: string) => s.replace(/\s+/g, ' ');
  return norm(fileText.slice(r[0], r[1])) === norm(seg.text.slice(i, j)) ? r : undefined;
}

function memoOf(seg: Segment): SegmentMemo {
  return (seg.memo ??= { words: undefined, longS: false, lang: undefined });
}

/**
 * Whether a segment has a long s (`ſ`), which a word filter of case-insensitive expressions
 * must not trust: case-insensitive expressions read it as `s`, lower case keeps it.
 */
export function hasLongS(seg: Segment): boolean {
  segmentWords(seg);
  return seg.memo!.longS;
}

/**
 * The lower-cased words of a segment (runs of letters, as `/\p{L}+/gu` finds them), computed
 * once for every inclusive-language rule: a rule whose words are none of them skips the
 * segment without running its expressions.
 */
export function segmentWords(seg: Segment): Set<string> {
  const memo = memoOf(seg);
  let words = memo.words;
  if (words) return words;
  words = new Set<string>();
  const text = seg.text;
  let start = -1;
  let lower = true; // the run so far is ASCII lower case: it is its own lower case
  const n = text.length;
  for (let i = 0; i <= n; ) {
    let cp = i < n ? text.charCodeAt(i) : 0x20;
    let letter: boolean;
    if (cp < 0x80) letter = ((cp | 32) >= 97 && (cp | 32) <= 122);
    else {
      if (cp >= 0xd800 && cp <= 0xdbff) cp = text.codePointAt(i)!;
      letter = isLetter(cp);
    }
    if (letter) {
      if (start < 0) {
        start = i;
        lower = true;
      }
      if (cp < 97 || cp > 122) {
        lower = false;
        if (cp === 0x17f) memo.longS = true;
      }
    } else if (start >= 0) {
      const word = text.slice(start, i);
      words.add(lower ? word : word.toLowerCase());
      start = -1;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  memo.words = words;
  return words;
}

/** Whether two sets of words have one in common (the smaller one is read). */
export function sharesWord(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const w of small) if (large.has(w)) return true;
  return false;
}

interface SegmentLanguage {
  /** The language the segment's function words point to (enough letters, enough words), if any. */
  words: Lang | null;
  /** Whether franc-min's trigrams agree with them, asked only when it matters. */
  confirmed?: boolean;
  /** The text the language is told from: the segment's start, holes and all. */
  sample: string;
  stats: TextStats;
}
/** Letters a segment needs before its own language is judged (a list item is often enough). */
const SEGMENT_MIN_LETTERS = 40;
const LANG_SAMPLE = 2000;

/**
 * The language of one segment when it is surely English or French, else `fallback` (the
 * posting's): a French paragraph in an English posting gets the French checks, and the
 * reverse, paragraph by paragraph. Surely means both signals of `isIn`: the function words,
 * then franc-min's trigrams. The trigrams are only read when the words point away from
 * `fallback`: when they point to it, the answer is `fallback` whatever the trigrams say.
 */
export function segmentLang(seg: Segment, fallback: Lang | undefined): Lang | undefined {
  const memo = memoOf(seg);
  let known = memo.lang;
  if (!known) {
    // A sample is enough to tell a paragraph's language, and keeps a megabyte line cheap.
    // (The stats are the same with or without the holes: a hole is not a letter.)
    const sample = seg.text.slice(0, LANG_SAMPLE);
    const stats = textStats(sample);
    known = { words: wordsPointTo(stats, SEGMENT_MIN_LETTERS) ?? null, sample, stats };
    memo.lang = known;
  }
  if (!known.words || known.words === fallback) return fallback;
  known.confirmed ??= isIn(known.sample.replace(HOLE_RE, ' '), known.stats, known.words, SEGMENT_MIN_LETTERS, 0.01);
  return known.confirmed ? known.words : fallback;
}
const HOLE_RE = new RegExp(HOLE, 'g');
