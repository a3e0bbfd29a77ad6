/**
 * The outline of a posting: what the pairing rules compare with the translation, computed
 * once from the parsed posting and kept in the project index instead of the tree. It is a
 * plain JSON value (workers and caches can pass it on): the body's blocks in order (headings,
 * paragraphs, lists with their items, tables, code), each with its lines, its size in letters
 * and its anchors (numbers, links, codes that survive translation), and the values a
 * translation must keep (amounts, dates, durations, percentages, codes, e-mail addresses,
 * links), each with its place.
 */
import { lowerBound } from '../lib/lower-bound.js';
import type { Nodes, Root } from 'mdast';
import type { ParsedPosting } from '../types.js';
import { offsetToPoint } from '../engine/positions.js';
import { walk } from '../engine/walk.js';
import { findAddresses } from '../lib/addresses.js';
import { collectDefinitions } from '../lib/links.js';
import { numbersIn, scanValues, SPELLED_NUMBER, type DurationWords, type ValueKind } from './values.js';
import { linkKey, type LinkNormaliser } from './links.js';

export type BlockKind = 'heading' | 'paragraph' | 'list' | 'table' | 'code' | 'html';

export interface OutlineItem {
  line: number;
  endLine: number;
  /** Letters and digits of the text. */
  size: number;
  words: number;
  /** Nesting depth in its list (0 for the top level). */
  depth: number;
  anchors: string[];
  /** Word stems that survive translation (`admin`, `envir`, `candi`): cognates, for alignment. */
  stems: string[];
}

export interface OutlineBlock {
  kind: BlockKind;
  line: number;
  endLine: number;
  size: number;
  words: number;
  /** Heading level; 0 for a paragraph of bold text standing as a heading. */
  depth?: number;
  /** A heading's text (shortened), for messages. */
  text?: string;
  /** List items (kind `list`) or table rows (kind `table`). */
  items?: OutlineItem[];
  anchors: string[];
  stems: string[];
  /** A paragraph that repeats the text of an image of its own posting (a « Traduction : » caption). */
  caption?: boolean;
  /** A paragraph whose lines are each a sentence of its own (a blank line lost between paragraphs): each line's size and stems. */
  lines?: Array<{ size: number; stems: string[] }>;
  /** The block writes a number in words (`three`, `une vingtaine`): its counts may be in words on the other side. */
  spelled?: boolean;
}

export interface OutlineValue {
  kind: ValueKind;
  key: string;
  /** As written (shortened), for messages. */
  text: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Index of its block in `blocks`. */
  block: number;
  /** Links: the site and language-free part used to match a link whose counterpart is not known. */
  family?: string;
  /** Links: the key is known in both languages (same URL, or a counterpart the data knows). */
  sure?: boolean;
  /** Links: the place in the page (`#grade`), when the link names one. */
  fragment?: string;
}

/**
 * The text of an image (its alt text): the other language may give it as a paragraph (a
 * French « Traduction : » caption under an English screenshot). Never compared on its own.
 */
export interface OutlineImage {
  line: number;
  /** Word stems (cognates), numbers (`n:2018`) and values (`date:2018-06-01`) of the text. */
  stems: string[];
  anchors: string[];
  values: Array<{ kind: ValueKind; key: string }>;
}

export interface Outline {
  blocks: OutlineBlock[];
  values: OutlineValue[];
  /** Images with a text (absent in outlines made before they were read). */
  images?: OutlineImage[];
  /**
   * The links the posting's layout certainly prints on its page (keys as the values'): the
   * reader of that page has them even when the body does not.
   */
  layoutLinks?: string[];
  /**
   * The paragraphs of text the posting's layout certainly prints on its page (size and word
   * stems): a paragraph the other posting has in its body is not missing from this page when
   * the layout prints it.
   */
  layoutTexts?: Array<{ size: number; stems: string[] }>;
}

interface Span {
  start: number;
  end: number;
}

interface AnyNode {
  type: string;
  children?: AnyNode[];
  depth?: number;
  url?: string;
  identifier?: string;
  value?: string;
  position?: { start: { offset?: number; line?: number }; end: { offset?: number; line?: number } };
}

export interface OutlineOptions {
  /** Classification codes named in the posting, with their offsets. */
  codes: (posting: ParsedPosting) => Array<{ codes: string[]; range: [number, number] }>;
  links: LinkNormaliser;
  /** Durations and frequencies written in words (the `durations` data table). */
  durations?: DurationWords;
}

/** Bounds that keep an outline small on any input. */
const MAX_VALUES = 2000;
const MAX_ANCHORS = 64;
const MAX_STEMS = 300;
const MAX_IMAGES = 200;
const DIGIT_ANY = /\d/;

/** A second-language profile: reading, writing, oral levels (`BBB`, `CBC`, `CCC`, `EEE`, `XXX`). */
const PROFILE = /\b[A-CEPX]{3}\b/g;
const WORDS = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/*
 * The prose of a block is read once, code point by code point, for its size (letters and
 * digits, in UTF-16 units, as `s.replace(/[^\p{L}\p{N}]+/gu, '').length`), its words (the
 * matches of `/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*\/gu`) and its stems (the runs of six
 * letters or more, `/\p{L}{6,}/gu`): the same results as those patterns, without running
 * three Unicode regular expressions over every block.
 */
const OTHER = 1;
const LETTER = 2;
const NUMBER = 3;
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
/** Class of each BMP code unit, filled as met (0: not known yet). */
const BMP_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  BMP_CLASS[c] = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? LETTER : c >= 0x30 && c <= 0x39 ? NUMBER : OTHER;
}

function classOfCodePoint(cp: number): number {
  if (cp < 0x10000) {
    let k = BMP_CLASS[cp]!;
    if (k === 0) {
      // A lone surrogate is a code point of its own, neither letter nor number.
      const ch = cp >= 0xd800 && cp <= 0xdfff ? '' : String.fromCharCode(cp);
      k = ch && IS_LETTER.test(ch) ? LETTER : ch && IS_NUMBER.test(ch) ? NUMBER : OTHER;
      BMP_CLASS[cp] = k;
    }
    return k;
  }
  const ch = String.fromCodePoint(cp);
  return IS_LETTER.test(ch) ? LETTER : IS_NUMBER.test(ch) ? NUMBER : OTHER;
}

const isJoiner = (c: number) => c === 0x27 || c === 0x2019 || c === 0x2d;

export interface ProseStats {
  size: number;
  words: number;
  stems: string[];
}

/** Size, words and stems of a text in one pass (see above). */
export function proseStats(s: string, withStems = true): ProseStats {
  let size = 0;
  let words = 0;
  let inWord = false;
  let runStart = 0;
  let runLength = 0;
  const stems = withStems ? new Set<string>() : undefined;
  // Stems of words that start with five ASCII letters, as numbers (most words): no string made.
  const ascii = new Set<number>();
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    let width = 1;
    let k: number;
    if (c < 0x80) k = BMP_CLASS[c]!;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        width = 2;
        k = classOfCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
      } else k = OTHER;
    } else k = classOfCodePoint(c);
    if (k === LETTER) {
      if (runLength === 0) runStart = i;
      runLength++;
    } else if (runLength) {
      if (runLength >= 6 && stems) addStem(s, runStart, i, stems, ascii);
      runLength = 0;
    }
    if (k !== OTHER) {
      size += width;
      if (!inWord) {
        words++;
        inWord = true;
      }
    } else if (inWord && isJoiner(c) && i + 1 < n && startsLetterOrNumber(s, i + 1)) {
      // `l’équipe`, `full-time`: one word (the joiner is not counted in the size).
    } else inWord = false;
    i += width;
  }
  if (runLength >= 6 && stems) addStem(s, runStart, n, stems, ascii);
  if (!stems) return { size, words, stems: [] };
  for (const key of ascii) stems.add(asciiStem(key));
  return { size, words, stems: [...stems].sort() };
}

/**
 * The stem of the word at `s[start, end)` (six letters or more). A word that starts with
 * five ASCII letters has those letters, lowercased, as its stem (normalising and removing
 * marks change nothing before them): kept as a number, five letters of five bits.
 */
function addStem(s: string, start: number, end: number, stems: Set<string>, ascii: Set<number>): void {
  let key = 0;
  for (let k = start; k < start + 5; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0x80 || BMP_CLASS[c] !== LETTER) {
      stems.add(stemOf(s.slice(start, Math.min(end, start + 12))));
      return;
    }
    key = key * 32 + ((c | 0x20) - 0x60);
  }
  ascii.add(key);
}

function asciiStem(key: number): string {
  let out = '';
  for (let k = 0; k < 5; k++) {
    out = String.fromCharCode(0x60 + (key % 32)) + out;
    key = Math.floor(key / 32);
  }
  return out;
}

function startsLetterOrNumber(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80) return BMP_CLASS[c] !== OTHER;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return classOfCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000) !== OTHER;
  }
  return classOfCodePoint(c) !== OTHER;
}

/** Letters and digits. */
const letters = (s: string) => proseStats(s, false).size;

/** The outline of one parsed posting: a pure function of the posting and the options. */
export function computeOutline(posting: ParsedPosting, options: OutlineOptions): Outline {
  const blocks: OutlineBlock[] = [];
  const values: OutlineValue[] = [];
  const text = posting.text;
  const definitions = collectDefinitions(posting);
  const codeMentions = [...options.codes(posting)].sort((a, b) => a.range[0] - b.range[0]);
  const point = (o: number) => offsetToPoint(posting.lineStarts, o);
  const line = (n: AnyNode) => n.position?.start.line ?? point(n.position?.start.offset ?? 0).line;
  const endLine = (n: AnyNode) => n.position?.end.line ?? line(n);

  const images: OutlineImage[] = [];
  const image = (alt: string, at: number, end: number, block: number) => {
    if (images.length >= MAX_IMAGES) return;
    const t = decodeSpaces(alt.slice(0, 5000).replace(/&amp;/gi, '&').replace(/&quot;/gi, '"')).text;
    // An e-mail address in the text of an image is one its readers (screen readers) get: a
    // value of the posting, placed on the image (`send her an email at …` in a photo's alt).
    for (const a of findAddresses(t)) {
      if (a.kind !== 'email') continue;
      const address = t.slice(a.start, a.end).replace(/^mailto:/i, '').toLowerCase();
      addValue('email', address, at, end, block, undefined, address);
    }
    const { stems } = proseStats(t);
    if (!stems.length && !DIGIT_ANY.test(t)) return;
    const found = scanValues(t, 100, options.durations).map((v) => ({ kind: v.kind, key: v.key }));
    const anchors = [...found.map((v) => `${v.kind}:${v.key}`), ...numbersIn(t).map((n) => `n:${n}`)];
    images.push({ line: point(at).line, stems: stems.slice(0, MAX_STEMS), anchors: [...new Set(anchors)].slice(0, MAX_ANCHORS), values: found });
  };

  const emailsAt = new Set<string>();
  const addValue = (kind: ValueKind, key: string, start: number, end: number, block: number, extra?: Partial<OutlineValue>, as?: string) => {
    // The outline stays small whatever the posting: a hostile file of a million addresses
    // keeps its first values only.
    if (values.length >= MAX_VALUES) return;
    const s = point(start);
    if (kind === 'email') emailsAt.add(`${key}\u0000${s.line}`);
    const e = point(end);
    // Shortened for messages; a link keeps its end, where the place in the page is (`#grade`).
    const shown = (as ?? text.slice(start, end)).replace(SPACE_REFERENCE, '\u00a0').replace(/\s+/g, ' ');
    values.push({
      kind,
      key,
      text: shown.length <= 80 ? shown : kind === 'link' && shown.includes('#') ? `${shown.slice(0, 50)}...${shown.slice(-27)}` : `${shown.slice(0, 77)}...`,
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      block,
      ...extra,
    });
  };

  /** Prose of a node: text node sources kept in place, everything else blanked. */
  const prose = (
    node: AnyNode,
    blockIndex: number,
    anchors: Set<string>,
  ): { size: number; words: number; masked: string; stems: string[]; urls: string[] } => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const buf: string[] = [];
    const spans: Span[] = [];
    const links: Array<{ url: string; start: number; end: number }> = [];
    walk<AnyNode>(node, (n) => {
      const s = n.position?.start.offset;
      const e = n.position?.end.offset;
      if (n.type === 'text' && s !== undefined && e !== undefined) {
        spans.push({ start: s, end: e });
        return false;
      }
      if (n.type === 'inlineCode' && s !== undefined && e !== undefined) return false;
      if (n.type === 'link' && s !== undefined && e !== undefined) links.push({ url: n.url ?? '', start: s, end: e });
      if (n.type === 'linkReference' && s !== undefined && e !== undefined) {
        const def = definitions.get(n.identifier ?? '');
        if (def) links.push({ url: def.url, start: s, end: e });
      }
      if (n.type === 'image' && s !== undefined && e !== undefined && (n as { alt?: string }).alt) image((n as { alt?: string }).alt!, s, e, blockIndex);
      if (n.type === 'html' && s !== undefined && e !== undefined) {
        const src = text.slice(s, e);
        for (const m of src.matchAll(/<img\b[^<>]*?\salt\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) image(m[1] ?? m[2] ?? '', s + m.index!, s + m.index! + m[0].length, blockIndex);
        for (const m of src.matchAll(/<a\b[^<>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi)) {
          links.push({ url: (m[1] ?? m[2] ?? m[3] ?? '').replace(/&amp;/gi, '&'), start: s + m.index!, end: s + m.index! + m[0].length });
        }
        // The words of raw HTML count for the size, tags do not.
        const stripped = src.replace(/<[^<>]*>/g, (t) => ' '.repeat(t.length));
        let from = 0;
        for (const m of stripped.matchAll(/[^ ]+/g)) {
          if (m.index! < from) continue;
          spans.push({ start: s + m.index!, end: s + m.index! + m[0].length });
          from = m.index! + m[0].length;
        }
        return false;
      }
      if (n.type === 'code' || n.type === 'image' || n.type === 'imageReference') return false;
    });
    // Build the masked prose of the node, offsets preserved relative to `start`.
    let masked = blankOutside(text, start, end, spans).replace(/[\r\n]/g, ' ');
    // Bare URLs and e-mail addresses: values of their own, then blanked.
    const addresses = findAddresses(masked);
    if (addresses.length) {
      const kept: Span[] = [];
      let from = 0;
      for (const a of addresses) {
        if (a.start > from) kept.push({ start: from, end: a.start });
        from = a.end;
        const raw = masked.slice(a.start, a.end);
        if (a.kind === 'email') {
          const address = raw.replace(/^mailto:/i, '').toLowerCase();
          addValue('email', address, start + a.start, start + a.end, blockIndex, undefined, address);
          anchors.add(`email:${address}`);
        } else links.push({ url: a.kind === 'www' ? `https://${raw}` : raw, start: start + a.start, end: start + a.end });
      }
      if (from < masked.length) kept.push({ start: from, end: masked.length });
      masked = blankOutside(masked, 0, masked.length, kept);
    }
    const urls: string[] = [];
    for (const l of links) {
      if (values.length >= MAX_VALUES) break;
      const mail = /^mailto:([^?]+)/i.exec(l.url.trim());
      if (mail) {
        const address = decodeURIComponentSafe(mail[1]!).toLowerCase();
        if (!emailsAt.has(`${address}\u0000${point(l.start).line}`)) addValue('email', address, l.start, l.end, blockIndex, undefined, address);
        anchors.add(`email:${address}`);
        continue;
      }
      const k = linkKey(l.url, options.links);
      if (!k) continue;
      urls.push(`url:${k.key}`);
      addValue('link', k.key, l.start, l.end, blockIndex, { family: k.family, sure: k.sure, ...(k.fragment ? { fragment: k.fragment } : {}) }, l.url.trim());
      anchors.add(`link:${k.family}`);
    }
    // A no-break space written as a character reference (`20&nbsp;000&nbsp;$`, as French
    // typography asks) is the space the reader sees: values are read in the decoded text,
    // at the offsets of the source.
    const spaced = decodeSpaces(masked);
    // Other character references (`&#39;` for an apostrophe) are not numbers: blanked, in place.
    if (spaced.text.includes('&')) spaced.text = spaced.text.replace(CHARACTER_REFERENCE, (m) => ' '.repeat(m.length));
    for (const v of scanValues(spaced.text, 500, options.durations)) {
      addValue(v.kind, v.key, start + spaced.at(v.start), start + spaced.at(v.end - 1) + 1, blockIndex, undefined, v.text);
      anchors.add(`${v.kind}:${v.key}`);
    }
    for (const n of numbersIn(spaced.text)) anchors.add(`n:${n}`);
    // Mentions are in document order: start at the first one in this block.
    for (let i = lowerBound(codeMentions, start, (c) => c.range[0]); i < codeMentions.length && codeMentions[i]!.range[0] < end; i++) {
      const c = codeMentions[i]!;
      if (c.range[1] <= end) {
        for (const code of c.codes) {
          addValue('code', code, c.range[0], c.range[1], blockIndex);
          anchors.add(`code:${code}`);
        }
      }
    }
    const { size, words, stems } = proseStats(masked);
    return { size, words, masked, stems, urls };
  };

  const block = (kind: BlockKind, node: AnyNode, depth?: number): OutlineBlock => {
    const index = blocks.length;
    const anchors = new Set<string>();
    const b: OutlineBlock = { kind, line: line(node), endLine: endLine(node), size: 0, words: 0, anchors: [], stems: [] };
    const stems = new Set<string>();
    if (depth !== undefined) b.depth = depth;
    blocks.push(b);
    if (kind === 'list' || kind === 'table') {
      b.items = [];
      const rows: Array<{ node: AnyNode; depth: number }> = [];
      if (kind === 'table') for (const r of node.children ?? []) rows.push({ node: r, depth: 0 });
      else if (node.type === 'paragraph') rows.push(...lineItems(node, text));
      else for (const r of collectRows(node)) rows.push(...splitLostBullets(r, text));
      for (const r of rows) {
        const own = new Set<string>();
        const p = prose(r.node, index, own);
        const { size, words } = p;
        if (SPELLED_NUMBER.test(p.masked)) b.spelled = true;
        // An item's second-language profile (`BBB`, `CBC/CBC`) reads the same in both
        // languages: an anchor for pairing items (not blocks: the pool-of-candidates
        // paragraph names every profile).
        const profiles = [...p.masked.matchAll(PROFILE)].map((m) => `profile:${m[0]}`);
        for (const st of p.stems) stems.add(st);
        b.items.push({
          line: line(r.node),
          endLine: itemEnd(r.node),
          size,
          words,
          depth: r.depth,
          // And the pages it links to (not the block's: a block's links are anchored by site).
          anchors: [...new Set([...own, ...profiles, ...p.urls])].slice(0, MAX_ANCHORS),
          stems: p.stems.slice(0, MAX_STEMS),
        });
        b.size += size;
        b.words += words;
        for (const a of own) anchors.add(a);
      }
    } else if (kind !== 'code') {
      const { size, words, masked, stems: own } = prose(node, index, anchors);
      for (const st of own) stems.add(st);
      if (SPELLED_NUMBER.test(masked)) b.spelled = true;
      b.size = size;
      b.words = words;
      if (kind === 'heading') {
        const t = masked.replace(/\s+/g, ' ').trim().replace(/\s*:$/, '');
        b.text = t.length > 70 ? `${t.slice(0, 67)}...` : t;
      }
    } else {
      b.size = letters(node.value ?? '');
    }
    b.anchors = [...anchors].slice(0, MAX_ANCHORS).sort();
    b.stems = [...stems].slice(0, MAX_STEMS).sort();
    return b;
  };

  const visit = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'heading':
          block('heading', node, node.depth);
          break;
        case 'paragraph': {
          // Lines that start with a bullet and no space (`*Ne pas oublier…`): the writer
          // meant list items, and the other language has them as a list. The text is there.
          const lost = lostBulletLines(node, text);
          if (lost) {
            if (lost.head) block('paragraph', lost.head);
            block('list', lost.list);
            break;
          }
          if (standsAsHeading(node, text)) block('heading', node, 0);
          else if (linesStandAsList(node, text)) block('list', node);
          else {
            const b = block('paragraph', node);
            // Its lines, when each is a sentence of its own: paragraphs whose blank line was lost.
            const parts = sentenceLines(node, text);
            if (parts) {
              const spans: Span[] = [];
              walk<AnyNode>(node, (n) => {
                const s0 = n.position?.start.offset;
                const e0 = n.position?.end.offset;
                if (n.type === 'text' && s0 !== undefined && e0 !== undefined) spans.push({ start: s0, end: e0 });
                return n.type === 'text' || n.type === 'html' || n.type === 'image' ? false : undefined;
              });
              b.lines = parts.map((l) => {
                const { size, stems } = proseStats(blankOutside(text, l.start, l.end, spans).replace(/[\r\n]/g, ' '));
                return { size, stems: stems.slice(0, MAX_STEMS) };
              });
            }
          }
          break;
        }
        case 'list':
          block('list', node);
          break;
        case 'table':
          block('table', node);
          break;
        case 'code':
          block('code', node);
          break;
        case 'html': {
          const b = block('html', node);
          if (b.size === 0) blocks.pop();
          break;
        }
        default:
          break;
      }
    }
  };
  visitIterative((posting.tree as unknown as Root).children as unknown as AnyNode[], visit);
  if (!images.length) return { blocks, values };
  for (const b of blocks) {
    if ((b.kind !== 'paragraph' && b.kind !== 'html') || b.stems.length < 3) continue;
    const own = new Set(b.stems);
    // Most of its words are the image's (a short alt text inside a long paragraph is not enough).
    if (images.some((im) => im.stems.filter((st) => own.has(st)).length >= Math.max(3, 0.6 * own.size))) b.caption = true;
  }
  return { blocks, values, images };
}

/** `text[start, end)` with everything outside `spans` (in order, not overlapping) blanked, offsets kept. */
function blankOutside(text: string, start: number, end: number, spans: Span[]): string {
  const parts: string[] = [];
  let at = start;
  for (const sp of [...spans].sort((a, b) => a.start - b.start)) {
    const s = Math.max(sp.start, at);
    const e = Math.min(sp.end, end);
    if (e <= s) continue;
    if (s > at) parts.push(' '.repeat(s - at));
    parts.push(text.slice(s, e));
    at = e;
  }
  if (end > at) parts.push(' '.repeat(end - at));
  return parts.join('');
}

/** Top-level blocks in order, block quotes opened in place (no recursion on deep nesting). */
function visitIterative(children: AnyNode[], visit: (nodes: AnyNode[]) => void): void {
  const flat: AnyNode[] = [];
  walk<AnyNode>({ type: 'root', children }, (n) => {
    if (n.type === 'root' || n.type === 'blockquote') return;
    flat.push(n);
    return false;
  });
  visit(flat);
}

function collectItems(list: AnyNode, depth: number, out: Array<{ node: AnyNode; depth: number }>): void {
  const stack: Array<{ node: AnyNode; depth: number }> = [];
  const items = list.children ?? [];
  for (let i = items.length - 1; i >= 0; i--) stack.push({ node: items[i]!, depth });
  while (stack.length) {
    const { node, depth: d } = stack.pop()!;
    // The item's own text, without its nested lists (they are items of their own).
    const kids = (node.children ?? []).filter((c) => c.type !== 'list');
    // Its own span ends with its own text: a deep nest of lists is read in linear time.
    const last = kids[kids.length - 1];
    const position = node.position && last?.position ? { start: node.position.start, end: last.position.end } : node.position;
    const own: AnyNode = { ...node, children: kids, position };
    const nestedLists = (node.children ?? []).filter((c) => c.type === 'list');
    out.push({ node: own, depth: d });
    for (let l = nestedLists.length - 1; l >= 0; l--) {
      const kids = nestedLists[l]!.children ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, depth: d + 1 });
    }
  }
}

function itemEnd(node: AnyNode): number {
  const kids = node.children ?? [];
  const last = kids[kids.length - 1];
  return last?.position?.end.line ?? node.position?.end.line ?? node.position?.start.line ?? 0;
}

/** The lines of a plain paragraph, each with its offsets and line number. */
function plainLines(node: AnyNode, text: string): Array<{ start: number; end: number; line: number }> | undefined {
  const kids = node.children ?? [];
  if (!kids.length || !kids.every((k) => k.type === 'text')) return undefined;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const first = node.position?.start.line;
  if (start === undefined || end === undefined || first === undefined) return undefined;
  const out: Array<{ start: number; end: number; line: number }> = [];
  let at = start;
  for (const piece of text.slice(start, end).split('\n')) {
    out.push({ start: at, end: at + piece.replace(/\r$/, '').length, line: first + out.length });
    at += piece.length + 1;
  }
  return out;
}

/**
 * A paragraph of three or more plain lines, each a phrase that starts with a capital and none
 * but the last ending a sentence or running on (`,` `;` `-`): a list whose bullets were lost
 * (a posting exported without its Markdown), read as a list so that its items are compared.
 * Wrapped prose never qualifies: its lines start in the middle of sentences.
 */
function linesStandAsList(node: AnyNode, text: string): boolean {
  const lines = plainLines(node, text);
  if (!lines || lines.length < 3 || lines.length > 200) return false;
  return lines.every((l, i) => {
    const t = text.slice(l.start, l.end).trim();
    if (!/^[«“"‘'(]?\p{Lu}/u.test(t) || (t.match(WORDS) ?? []).length < 3) return false;
    return i === lines.length - 1 || !/[.!?,;:\-–—]$/.test(t);
  });
}

/**
 * A plain paragraph of two lines or more whose last lines each start with a bullet and no
 * space (`*Ne pas…`, `-Connaît…`), the lines before them (if any) not: the paragraph before
 * them, and those lines as a list (read by `lineItems`, one item a line).
 */
function lostBulletLines(node: AnyNode, text: string): { head?: AnyNode; list: AnyNode } | undefined {
  const lines = plainLines(node, text);
  if (!lines || lines.length > 200) return undefined;
  const bullet = (l: { start: number; end: number }) => /^[ \t]*[-*+•](?=\p{L})/u.test(text.slice(l.start, l.end));
  const first = lines.findIndex(bullet);
  // A paragraph of one line that starts with `*` is as often a footnote (`*A pool of
  // qualified persons…` after `BBB*`) as a broken item: left as written.
  if (first < 0 || lines.length < 2 || !lines.slice(first).every(bullet)) return undefined;
  const part = (from: { start: number; line: number }, to: { end: number; line: number }): AnyNode => {
    const position = { start: { offset: from.start, line: from.line }, end: { offset: to.end, line: to.line } };
    return { type: 'paragraph', position, children: [{ type: 'text', position }] };
  };
  const last = lines[lines.length - 1]!;
  return { head: first > 0 ? part(lines[0]!, lines[first - 1]!) : undefined, list: part(lines[first]!, last) };
}

/**
 * A paragraph whose lines each end a sentence and each start one with a capital, of a few
 * words or more each (`… lorsqu’un problème survient.` then `Mon équipe au SNC a créé …` on
 * the next line): paragraphs the writer meant, with the blank line between them lost. Each
 * line may stand for a paragraph of the other language. Prose wrapped by hand breaks
 * its lines in the middle of sentences, so it never qualifies. Undefined when not so.
 */
function sentenceLines(node: AnyNode, text: string): Array<{ start: number; end: number }> | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const first = node.position?.start.line;
  if (start === undefined || end === undefined || first === undefined) return undefined;
  const source = text.slice(start, end);
  if (!source.includes('\n') || source.length > 20_000) return undefined;
  // Every line break is a plain one inside a text node (not in a link's text, a code span, an HTML tag).
  const kids = node.children ?? [];
  const breaks: number[] = [];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) breaks.push(start + i);
  if (breaks.length > 20) return undefined;
  const inText = (at: number) =>
    kids.some((k) => k.type === 'text' && (k.position?.start.offset ?? Infinity) <= at && at < (k.position?.end.offset ?? -1));
  if (!breaks.every(inText)) return undefined;
  const lines: Array<{ start: number; end: number }> = [];
  let from = start;
  for (const b of [...breaks, end]) {
    lines.push({ start: from, end: b });
    from = b + 1;
  }
  const stands = lines.every((l, i) => {
    const t = text.slice(l.start, l.end).replace(/\r$/, '').trim();
    if ((t.match(WORDS) ?? []).length < 6) return false;
    if (i > 0 && !/^[*_«“"‘'(\[]*\p{Lu}/u.test(t)) return false;
    return i === lines.length - 1 || /[.!?…][*_»”"’')\]]*$/.test(t);
  });
  if (!stands) return undefined;
  return lines;
}

/** The items of a list, nested items included, in order. */
function collectRows(list: AnyNode): Array<{ node: AnyNode; depth: number }> {
  const rows: Array<{ node: AnyNode; depth: number }> = [];
  collectItems(list, 0, rows);
  return rows;
}

/**
 * An item of plain text with a line that starts with a bullet and no space (`-Connaît …`):
 * Markdown runs that line into the item, but the writer meant an item of its own, and the
 * other language has it as one. Read as the items the writer meant.
 */
function splitLostBullets(row: { node: AnyNode; depth: number }, text: string): Array<{ node: AnyNode; depth: number }> {
  const kids = row.node.children ?? [];
  const para = kids.length === 1 && kids[0]!.type === 'paragraph' ? kids[0]! : undefined;
  const lines = para ? plainLines(para, text) : undefined;
  if (!lines || lines.length < 2 || lines.length > 200) return [row];
  const starts = lines.filter((l, i) => i > 0 && /^[ \t]*[-*+•](?=\p{L})/u.test(text.slice(l.start, l.end)));
  if (!starts.length) return [row];
  const cuts = [lines[0]!, ...starts];
  return cuts.map((c, i) => {
    const end = i + 1 < cuts.length ? lines[lines.indexOf(cuts[i + 1]!) - 1]! : lines[lines.length - 1]!;
    const position = { start: { offset: c.start, line: c.line }, end: { offset: end.end, line: end.line } };
    return { node: { type: 'listItem', position, children: [{ type: 'text', position }] }, depth: row.depth };
  });
}

/** The lines of a paragraph read as a list, as list items (plain text nodes of their own). */
function lineItems(node: AnyNode, text: string): Array<{ node: AnyNode; depth: number }> {
  return (plainLines(node, text) ?? []).map((l) => {
    const position = { start: { offset: l.start, line: l.line }, end: { offset: l.end, line: l.line } };
    return { node: { type: 'listItem', position, children: [{ type: 'text', position }] }, depth: 0 };
  });
}

/**
 * A paragraph of bold (or italic) text alone, short, maybe ending with a colon: written as a
 * heading, read as one (`**What you will do**`).
 */
function standsAsHeading(node: AnyNode, text: string): boolean {
  const kids = node.children ?? [];
  let strong = 0;
  for (const k of kids) {
    if (k.type === 'strong' || k.type === 'emphasis') strong++;
    else if (k.type === 'text' && /^[\s:.]*$/.test(k.value ?? '')) continue;
    else if (k.type === 'break') continue;
    else return false;
  }
  if (strong === 0) return false;
  const s = node.position?.start.offset ?? 0;
  const e = node.position?.end.offset ?? s;
  return e - s <= 160 && !/[.!?]\s*\**\s*$/.test(text.slice(s, e).replace(/[*_]+$/, ''));
}

/**
 * The first five letters of each word of six letters or more, accents and case removed: the
 * English and French words of a translation share many of them (`administration`,
 * `environnement`/`environment`, `expérience`/`experience`), which says which paragraph or
 * item translates which without reading either language.
 */
export function stemsOf(text: string): string[] {
  return proseStats(text).stems;
}

/** Stems of the words met, by their first twelve units: the same words come back in every posting. */
const stems = new Map<string, string>();
const MAX_MEMO = 50_000;

/** The stem of a word of six letters or more, from its first twelve UTF-16 units. */
function stemOf(head: string): string {
  let stem = stems.get(head);
  if (stem === undefined) {
    stem = head.normalize('NFD').replace(MARKS, '').toLowerCase().slice(0, 5);
    if (stems.size >= MAX_MEMO) stems.clear();
    stems.set(head, stem);
  }
  return stem;
}
const MARKS = /\p{M}/gu;

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type { Nodes };

const SPACE_REFERENCE = /&(?:nbsp|#160|#x0*a0|#8239|#x0*202f|#8201|#x0*2009);/gi;
const CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi;

/** `text` with no-break and thin spaces written as character references decoded, and where each character came from. */
function decodeSpaces(text: string): { text: string; at: (i: number) => number } {
  if (!text.includes('&')) return { text, at: (i) => i };
  const from: number[] = [];
  let out = '';
  let last = 0;
  for (const m of text.matchAll(SPACE_REFERENCE)) {
    for (let i = last; i < m.index!; i++) from.push(i);
    out += text.slice(last, m.index!);
    // A thin space separates thousands as a narrow no-break space does.
    out += /nbsp|160|a0;/i.test(m[0]) ? '\u00a0' : '\u202f';
    from.push(m.index!);
    last = m.index! + m[0].length;
  }
  if (last === 0) return { text, at: (i) => i };
  for (let i = last; i < text.length; i++) from.push(i);
  out += text.slice(last);
  return { text: out, at: (i) => from[i] ?? text.length };
}
