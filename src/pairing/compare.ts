/**
 * Compare the outlines of a posting and its translation: align their blocks (headings,
 * paragraphs, lists) by position, size and anchors, then their list items, and say what one
 * side has that the other lacks; compare their values as values.
 *
 * Precision first: a difference is reported only where one side has content and the other
 * has nothing in its place. Where both sides have unpaired content at the same place (a
 * paragraph rewritten, a list reordered, sentences merged differently), nothing is said.
 */
import { itself, lowerBound } from '../lib/lower-bound.js';
import { align, MAX_CELLS, type AlignCosts, type Step } from './align.js';
import { stemsOf, type Outline, type OutlineBlock, type OutlineItem, type OutlineValue } from './outline.js';
import type { ValueKind } from './values.js';
import type { Lang } from '../types.js';

export type Side = 'a' | 'b';
export const otherSide = (s: Side): Side => (s === 'a' ? 'b' : 'a');

export interface Lines {
  line: number;
  endLine: number;
}

export interface Gap {
  /** The side that lacks the content. */
  lacking: Side;
  kind: 'section' | 'list' | 'items' | 'paragraph';
  /** Where the content would be on the lacking side. */
  at: Lines;
  /** The content on the other side, and each of its parts. */
  there: Lines;
  parts: Lines[];
  /** Items (kind `items` and `list`), paragraphs or blocks of a section. */
  count: number;
  words: number;
  /** The heading of the section (kind `section`) or of the section the list is in (`items`). */
  heading?: string;
  /** The block (or first item) on the side that has the content. */
  index: number;
}

export interface BlockAlignment {
  steps: Step[];
  /** For each block of A, the blocks of B it is paired with; and the reverse. */
  aToB: number[][];
  bToA: number[][];
  /** Size ratio B / A of the whole bodies. */
  ratio: number;
  /** Paragraphs read as the content of the list before them (sub-items at the margin), by side. */
  glued: Record<Side, Set<number>>;
}

export interface StructureOptions {
  /** Words a paragraph must have to be reported missing. */
  minWords: number;
  /** Items a list must lack to be reported. */
  minItems: number;
  /** Report missing sections, whole lists, items, paragraphs. */
  sections: boolean;
  lists: boolean;
  paragraphs: boolean;
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
/** The total size of a run of units (the aligner's cells ask for it: no array made). */
function sizeOf(xs: ReadonlyArray<{ size: number }>): number {
  let n = 0;
  for (let i = 0; i < xs.length; i++) n += xs[i]!.size;
  return n;
}
/** The size of the smallest unit of two runs. */
function smallestOf(as: ReadonlyArray<{ size: number }>, bs: ReadonlyArray<{ size: number }>): number {
  let n = Infinity;
  for (const x of as) n = Math.min(n, x.size);
  for (const x of bs) n = Math.min(n, x.size);
  return n;
}
const textual = (b: OutlineBlock) => b.kind === 'paragraph' || b.kind === 'html';

/*
 * The aligner asks for the stems and anchors shared by two runs of units in every cell of its
 * table. Each unit's strings (and each run's union) are kept as a sorted array of small
 * integers, made once and kept with the unit or the run (the aligner passes the same run
 * objects to every cell): counting what two of them share is then a merge, with no set built.
 */
let vocabulary = new Map<string, number>();
const MAX_VOCABULARY = 1 << 18;
/** The ids of the units and runs of the alignment being made (kept for that alignment only). */
const stemIdSets = new Map<object, Int32Array>();
const anchorIdSets = new Map<object, Int32Array>();

/**
 * Before an alignment: nothing is kept from the previous one, and a vocabulary grown large
 * (a long-running editor session) starts again.
 */
function startAlignment(): void {
  stemIdSets.clear();
  anchorIdSets.clear();
  urlIdSets.clear();
  if (vocabulary.size > MAX_VOCABULARY) {
    vocabulary = new Map();
    idsOfList = new WeakMap();
  }
}

/**
 * The ids of each unit's list of stems or anchors, kept with the list while it lives: a unit
 * takes part in the alignment of the blocks (twice when lists are glued), of its list's items,
 * and against each partner, and its lists never change once its outline is made. Made again
 * when the vocabulary starts again.
 */
let idsOfList = new WeakMap<readonly string[], Int32Array>();

/** The distinct strings of `list`, as sorted ids. */
function idsOf(list: readonly string[]): Int32Array {
  let ids = idsOfList.get(list);
  if (!ids) idsOfList.set(list, (ids = computeIds(list)));
  return ids;
}

function computeIds(list: readonly string[]): Int32Array {
  const ids = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    let id = vocabulary.get(s);
    if (id === undefined) vocabulary.set(s, (id = vocabulary.size));
    ids[i] = id;
  }
  ids.sort();
  let k = 0;
  for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[k - 1]) ids[k++] = ids[i]!;
  return k === ids.length ? ids : ids.slice(0, k);
}

/** The union of two sorted id sets. */
function mergeIds(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) out[k++] = a[i++]!;
    else if (y < x) out[k++] = b[j++]!;
    else {
      out[k++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return k === out.length ? out : out.slice(0, k);
}

/** How many ids two sorted id sets share. */
function sharedIds(a: Int32Array, b: Int32Array): number {
  if (!a.length || !b.length || a[a.length - 1]! < b[0]! || b[b.length - 1]! < a[0]!) return 0;
  if (a.length > b.length) {
    const t = a;
    a = b;
    b = t;
  }
  if (a.length * 16 < b.length) {
    // A few ids against many: each looked up by bisection.
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      const at = lowerBound(b, x, itself);
      if (at < b.length && b[at] === x) n++;
    }
    return n;
  }
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) i++;
    else if (y < x) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

/** The union of the units' stems (or anchors) as sorted ids, kept with the unit or the run. */
function unionIds<K extends 'stems' | 'anchors'>(xs: ReadonlyArray<Record<K, string[]>>, field: K): Int32Array {
  const cache = field === 'stems' ? stemIdSets : anchorIdSets;
  const key: object = xs.length === 1 ? xs[0]! : xs;
  const hit = cache.get(key);
  if (hit) return hit;
  let ids: Int32Array;
  if (xs.length === 1) ids = idsOf(xs[0]![field]);
  else {
    ids = new Int32Array(0);
    for (const x of xs) ids = mergeIds(ids, unionIds([x], field));
  }
  cache.set(key, ids);
  return ids;
}

const urlIdSets = new Map<object, Int32Array>();

/** The pages that the items of a run link to (their `url:` anchors), as sorted ids, kept with the run. */
function urlIds(xs: ReadonlyArray<{ anchors: string[] }>): Int32Array {
  const key: object = xs.length === 1 ? xs[0]! : xs;
  let ids = urlIdSets.get(key);
  if (!ids) urlIdSets.set(key, (ids = computeIds(xs.flatMap((x) => x.anchors.filter((a) => a.startsWith('url:'))))));
  return ids;
}

/** Anchors (numbers, links, codes) the two sides share. */
function sharedAnchors(as: Array<{ anchors: string[] }>, bs: Array<{ anchors: string[] }>): number {
  return sharedIds(unionIds(as, 'anchors'), unionIds(bs, 'anchors'));
}

type Stemmed = { stems: string[] };

const stemSets = new WeakMap<Stemmed, Set<string>>();

/** The stems of one unit, as a set (made once per unit). */
function stemSet(x: Stemmed): Set<string> {
  let set = stemSets.get(x);
  if (!set) stemSets.set(x, (set = new Set(x.stems)));
  return set;
}

function union(xs: Stemmed[]): Set<string> {
  if (xs.length === 1) return stemSet(xs[0]!);
  const out = new Set<string>();
  for (const x of xs) for (const s of x.stems) out.add(s);
  return out;
}

/**
 * How much two sides look like translations of each other by their shared word stems
 * (cognates): a cost from +0.2 (nothing shared) to -0.6 (all shared); 0 when too short to tell.
 */
function stemCost(as: Stemmed[], bs: Stemmed[]): number {
  const A = unionIds(as, 'stems');
  const B = unionIds(bs, 'stems');
  const small = Math.min(A.length, B.length);
  if (small < 2) return 0;
  const shared = sharedIds(A, B);
  return 0.8 * (0.25 - shared / small);
}

/** Each part of a merge shares word stems with the other side (two, or a quarter of its own). */
function partsShare(parts: Stemmed[], other: Stemmed[]): boolean {
  const B = unionIds(other, 'stems');
  return parts.every((p) => {
    const own = unionIds([p], 'stems');
    // A unit's stems are distinct; were one written twice, it would count twice, as here.
    const shared = own.length === p.stems.length ? sharedIds(own, B) : p.stems.filter((s) => B.includes(vocabulary.get(s)!)).length;
    return shared >= 2 || (shared >= 1 && shared >= 0.25 * p.stems.length);
  });
}

/**
 * The content of `unit` is on the other side in another form nearby: a list item written as
 * a paragraph, a paragraph turned into an item (many shared stems, a size that fits).
 */
function presentIn(
  unit: { size: number; stems: string[] },
  candidates: Array<{ size: number; stems: string[] }>,
  ratio: number,
  minShare = 0.5,
): boolean {
  if (unit.stems.length < 3) return false;
  const own = new Set(unit.stems);
  return candidates.some((c) => {
    if (c.stems.length < 3) return false;
    let shared = 0;
    for (const st of c.stems) if (own.has(st)) shared++;
    const fit = (c.size + 15) / (ratio * unit.size + 15);
    return shared / Math.min(own.size, c.stems.length) >= minShare && fit > 0.6 && fit < 1.7;
  });
}

/**
 * A paragraph that the other side did not drop but merged into a paragraph near it (issue
 * 15: a merged sentence is never a finding). Near the gap, paragraphs paired with each other
 * whose other-side text is longer than its partner by about the paragraph's size (the merge
 * fits the sizes better than the pair alone, within a fifth) and that share words (cognates)
 * with the paragraph: the paragraph is there, inside that text.
 */
function absorbed(
  unit: { size: number; stems: readonly unknown[] },
  pairs: Array<{ own: OutlineBlock[]; other: OutlineBlock[] }>,
  /** Size of the lacking side's text per unit of the side that has the paragraph. */
  ratio: number,
): boolean {
  if (unit.stems.length < 3) return false;
  return pairs.some(({ own, other }) => {
    const have = own.reduce((n, b) => n + b.size, 0);
    const partner = other.reduce((n, b) => n + b.size, 0);
    const merged = ratio * (partner + unit.size);
    const alone = ratio * partner;
    const off = Math.abs(have - merged);
    if (off > 0.2 * merged || off >= Math.abs(have - alone)) return false;
    const words = new Set<unknown>(own.flatMap((b) => b.stems as readonly unknown[]));
    let shared = 0;
    for (const st of unit.stems) if (words.has(st)) shared++;
    // Words in common, or one and sizes that fit the merge closely (within 8 %, and at least
    // twice as well as the pair alone): cognates are few in a short sentence.
    return shared >= 2 || shared >= 0.25 * unit.stems.length || (shared >= 1 && off <= 0.08 * merged && 2 * off <= Math.abs(have - alone));
  });
}

/** The paragraphs paired with each other within two steps of a place (for `absorbed`). */
function pairedNear(steps: Step[], at: number, sides: Record<Side, Outline>, lacking: Side): Array<{ own: OutlineBlock[]; other: OutlineBlock[] }> {
  const has = otherSide(lacking);
  const out: Array<{ own: OutlineBlock[]; other: OutlineBlock[] }> = [];
  for (let i = Math.max(0, at - 2); i <= Math.min(steps.length - 1, at + 2); i++) {
    const s = steps[i]!;
    if (!s.a.length || !s.b.length) continue;
    const own = s[lacking].map((j) => sides[lacking].blocks[j]!);
    const other = s[has].map((j) => sides[has].blocks[j]!);
    if (own.every(textual) && other.every(textual)) out.push({ own, other });
  }
  return out;
}

/** The units (paragraphs, list items) of the blocks next to a place, on one side. */
function unitsOf(outline: Outline, blocks: number[], paragraphsOnly = false): Array<{ size: number; stems: string[] }> {
  return blocks.flatMap((i): Array<{ size: number; stems: string[] }> => {
    const b = outline.blocks[i];
    if (!b || b.kind === 'heading') return [];
    if (paragraphsOnly) return textual(b) ? [b] : [];
    return b.items ? b.items : [b];
  });
}

/**
 * What is computed from a pair of outlines, kept while both live, under a key (the options it
 * was asked with): the postings of a pair are linted in one job and each asks for the same
 * comparisons, with the outlines in the same order (English first); an editor's edit makes
 * new outlines. What it keeps is read, never changed, by its callers.
 */
class PerPair<T> {
  private readonly byA = new WeakMap<Outline, WeakMap<Outline, Map<string, T>>>();
  get(A: Outline, B: Outline, key: string, compute: () => T): T {
    let byB = this.byA.get(A);
    if (!byB) this.byA.set(A, (byB = new WeakMap()));
    let byKey = byB.get(B);
    if (!byKey) byB.set(B, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key)!;
    const value = compute();
    byKey.set(key, value);
    return value;
  }
}

const alignments = new PerPair<BlockAlignment | undefined>();

/** The alignment of the blocks of A and B (memoised per pair of outlines). */
export function alignBlocks(A: Outline, B: Outline): BlockAlignment | undefined {
  return alignments.get(A, B, '', () => computeAlignment(A, B));
}

/** French takes 10 to 30 per cent more letters than English; a pair far from that lacks content. */
function sizeRatio(sa: number, sb: number): number {
  if (sa <= 0 || sb <= 0) return 1.15;
  return Math.min(1.6, Math.max(0.85, sb / sa));
}

function lengthCost(sa: number, sb: number, ratio: number): number {
  return 2 * Math.abs(Math.log((sb + 15) / (ratio * sa + 15)));
}

/** Blocks that the costs below never pair (checked first: their costs are not worth computing). */
function canPair(as: OutlineBlock[], bs: OutlineBlock[]): boolean {
  if (as.length === 1 && bs.length === 1) return (as[0]!.kind === 'heading') === (bs[0]!.kind === 'heading');
  return as.every(textual) && bs.every(textual) ? true : as.every((b) => b.kind === 'list') && bs.every((b) => b.kind === 'list');
}

function computeAlignment(A: Outline, B: Outline): BlockAlignment | undefined {
  startAlignment();
  const ratio = sizeRatio(sum(A.blocks.map((b) => b.size)), sum(B.blocks.map((b) => b.size)));
  let steps = blockSteps(A.blocks, B.blocks, ratio);
  if (!steps) return undefined;
  const glued: Record<Side, Set<number>> = { a: new Set(), b: new Set() };
  const glue = marginItems(A, B, steps, ratio);
  if (glue.a.size || glue.b.size) {
    // Aligned again with each such list and its paragraphs as one block.
    const va = gluedView(A, glue.a);
    const vb = gluedView(B, glue.b);
    startAlignment();
    const again = blockSteps(va.blocks, vb.blocks, ratio);
    if (again) {
      steps = again.map((st) => ({ a: st.a.flatMap((i) => va.origin[i]!), b: st.b.flatMap((j) => vb.origin[j]!) }));
      for (const side of ['a', 'b'] as const) for (const ps of (side === 'a' ? glue.a : glue.b).values()) for (const p of ps) glued[side].add(p);
    }
  }
  const aToB: number[][] = A.blocks.map(() => []);
  const bToA: number[][] = B.blocks.map(() => []);
  for (const st of steps) {
    for (const i of st.a) aToB[i]!.push(...st.b);
    for (const j of st.b) bToA[j]!.push(...st.a);
  }
  return { steps, aToB, bToA, ratio, glued };
}

/** A paragraph read as a list item (a sub-item written at the margin after its list). */
function asItem(b: OutlineBlock): OutlineItem {
  return { line: b.line, endLine: b.endLine, size: b.size, words: b.words, depth: 1, anchors: b.anchors, stems: b.stems };
}

/**
 * Sub-items written at the margin: where one language writes a list's sub-items (`3.1`,
 * `3.2` under its third item) as paragraphs right after the list and the other indents
 * them in the list, the paragraphs are the list's content. Read so when the list with them
 * fits the size of the other side's list much better than without, and each of them shares
 * numbers, links or codes (or half its words' stems) with the other side's list.
 * For each side: list block to the paragraphs that follow it.
 */
function marginItems(A: Outline, B: Outline, steps: Step[], ratio: number): Record<Side, Map<number, number[]>> {
  const out: Record<Side, Map<number, number[]>> = { a: new Map(), b: new Map() };
  const outlines: Record<Side, Outline> = { a: A, b: B };
  for (const st of steps) {
    if (st.a.length !== 1 || st.b.length !== 1) continue;
    const la = A.blocks[st.a[0]!]!;
    const lb = B.blocks[st.b[0]!]!;
    if (la.kind !== 'list' || lb.kind !== 'list') continue;
    for (const side of ['a', 'b'] as const) {
      const own = outlines[side];
      const other = side === 'a' ? lb : la;
      const list = st[side][0]!;
      const after: number[] = [];
      for (let j = list + 1; j < own.blocks.length && after.length < 12 && own.blocks[j]!.kind === 'paragraph'; j++) after.push(j);
      if (!after.length) continue;
      const fit = (extra: number) =>
        side === 'a' ? lengthCost(la.size + extra, lb.size, ratio) : lengthCost(la.size, lb.size + extra, ratio);
      const plain = fit(0);
      const otherItems = other.items ?? [];
      const shares = (p: OutlineBlock) => {
        if (sharedAnchors([p], otherItems) > 0) return true;
        if (p.stems.length < 3) return false;
        const stems = unionIds(otherItems, 'stems');
        return sharedIds(unionIds([p], 'stems'), stems) >= 0.5 * p.stems.length;
      };
      // The longest run of such paragraphs that makes the lists fit.
      let take = 0;
      let extra = 0;
      for (let k = 0; k < after.length; k++) {
        const p = own.blocks[after[k]!]!;
        if (!shares(p)) break;
        extra += p.size;
        const f = fit(extra);
        if (f < 0.5 && f < plain - 0.3) take = k + 1;
      }
      if (take) out[side].set(list, after.slice(0, take));
    }
  }
  return out;
}

/** The blocks of an outline with each glued list and its paragraphs as one block, and where each came from. */
function gluedView(o: Outline, glue: Map<number, number[]>): { blocks: OutlineBlock[]; origin: number[][] } {
  const blocks: OutlineBlock[] = [];
  const origin: number[][] = [];
  const skip = new Set([...glue.values()].flat());
  o.blocks.forEach((b, i) => {
    if (skip.has(i)) return;
    const ps = glue.get(i);
    if (!ps) {
      blocks.push(b);
      origin.push([i]);
      return;
    }
    const parts = ps.map((j) => o.blocks[j]!);
    blocks.push({
      ...b,
      endLine: Math.max(b.endLine, ...parts.map((p) => p.endLine)),
      size: b.size + sum(parts.map((p) => p.size)),
      words: b.words + sum(parts.map((p) => p.words)),
      items: [...(b.items ?? []), ...parts.map(asItem)],
      anchors: [...new Set([...b.anchors, ...parts.flatMap((p) => p.anchors)])].sort(),
      stems: [...new Set([...b.stems, ...parts.flatMap((p) => p.stems)])].sort(),
    });
    origin.push([i, ...ps]);
  });
  return { blocks, origin };
}

/** The cheapest alignment of two runs of blocks. */
function blockSteps(blocksA: OutlineBlock[], blocksB: OutlineBlock[], ratio: number): Step[] | undefined {
  return align(blocksA, blocksB, {
    pair(as, bs) {
      if (!canPair(as, bs)) return undefined;
      const sa = sizeOf(as);
      const sb = sizeOf(bs);
      const bonus = 0.5 * Math.min(3, sharedAnchors(as, bs));
      const size = lengthCost(sa, sb, ratio);
      const len = size + stemCost(as, bs);
      const floor = (c: number) => Math.max(0.05, c - bonus);
      if (as.length === 1 && bs.length === 1) {
        const x = as[0]!;
        const y = bs[0]!;
        if ((x.kind === 'heading') !== (y.kind === 'heading')) return undefined;
        if (x.kind === 'heading') return floor(0.2 + 0.3 * len + (x.depth && y.depth && x.depth !== y.depth ? 0.2 : 0));
        if (x.kind === 'list' && y.kind === 'list') {
          const na = x.items!.length;
          const nb = y.items!.length;
          return floor(0.7 * len + 0.5 * Math.abs(Math.log((nb + 1) / (na + 1))));
        }
        if (textual(x) && textual(y)) return floor(len);
        if ((x.kind === 'list' && textual(y)) || (textual(x) && y.kind === 'list')) return floor(len + 1.2);
        if (x.kind === y.kind) return floor(0.5 * len);
        return floor(len + 1.5);
      }
      const all = [...as, ...bs];
      // Paragraphs merged or split: each part shares words (cognates) with the other side, or
      // the sizes add up closely.
      if (all.every(textual)) {
        const parts = as.length > 1 ? as : bs;
        const share = as.length > 1 ? partsShare(as, bs) : partsShare(bs, as);
        // Sizes alone say "merge" only when the smaller part is more than the 10 to 30 per
        // cent French adds to a text: a short paragraph next to a long one is within the
        // expansion of the long one, not evidence of a merge (a closing sentence the French
        // page lacks would vanish in it).
        const sizes = parts.map((p) => p.size);
        const comparable = Math.min(...sizes) >= 0.3 * Math.max(...sizes);
        return floor(len + (share ? 0.7 : size < 0.3 && comparable ? 0.9 : 2.0));
      }
      if (all.every((b) => b.kind === 'list')) return floor(0.7 * len + 0.7);
      return undefined;
    },
    skip(x) {
      if (x.kind === 'heading') return 1.0;
      if (x.kind === 'list') return 1.5;
      // A caption that gives again the text of an image of its side: often nothing in its
      // place on the other side, where the image carries the text.
      if (x.caption) return 0.3;
      return 1.2;
    },
  });
}

/** Maximal runs of steps where one side or the other has no partner, with their neighbours. */
function regions(steps: Step[]): Array<{ a: number[]; b: number[]; before?: Step; after?: Step }> {
  const out: Array<{ a: number[]; b: number[]; before?: Step; after?: Step }> = [];
  let i = 0;
  while (i < steps.length) {
    const s = steps[i]!;
    if (s.a.length && s.b.length) {
      i++;
      continue;
    }
    const r = { a: [] as number[], b: [] as number[], before: steps[i - 1], after: undefined as Step | undefined };
    while (i < steps.length && !(steps[i]!.a.length && steps[i]!.b.length)) {
      r.a.push(...steps[i]!.a);
      r.b.push(...steps[i]!.b);
      i++;
    }
    r.after = steps[i];
    out.push(r);
  }
  return out;
}

const linesOf = (x: { line: number; endLine: number }): Lines => ({ line: x.line, endLine: x.endLine });

function span(parts: Lines[]): Lines {
  return { line: Math.min(...parts.map((p) => p.line)), endLine: Math.max(...parts.map((p) => p.endLine)) };
}

/** Where missing content goes on the lacking side: after its last paired block, else before the next. */
function placeOn(lacking: Side, outline: Outline, before: Step | undefined, after: Step | undefined): Lines {
  const pick = (s: Step | undefined, last: boolean) => {
    const idx = s?.[lacking];
    if (!idx?.length) return undefined;
    return outline.blocks[last ? idx[idx.length - 1]! : idx[0]!];
  };
  const b = pick(before, true) ?? pick(after, false);
  if (b) return { line: b.kind === 'list' ? b.endLine : b.line, endLine: b.endLine };
  return { line: 1, endLine: 1 };
}

function headingBefore(outline: Outline, index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const b = outline.blocks[i]!;
    if (b.kind === 'heading') return b.text;
  }
  return undefined;
}

const gapsOf = new PerPair<readonly Gap[]>();

/** What each side lacks that the other has: sections, whole lists, list items, paragraphs (kept per pair of outlines and options, see PerPair). */
export function structureGaps(A: Outline, B: Outline, options: StructureOptions): readonly Gap[] {
  return gapsOf.get(A, B, JSON.stringify(options), () => computeGaps(A, B, options));
}

function computeGaps(A: Outline, B: Outline, options: StructureOptions): Gap[] {
  const al = alignBlocks(A, B);
  if (!al) return [];
  const gaps: Gap[] = [];
  const sides: Record<Side, Outline> = { a: A, b: B };
  for (const r of regions(al.steps)) {
    for (const has of ['a', 'b'] as const) {
      const lacking = otherSide(has);
      // Content on both sides at the same place: a rewrite, not a gap.
      if (!r[has].length || r[lacking].length) continue;
      const near = [...(r.before?.[lacking] ?? []), ...(r.after?.[lacking] ?? [])];
      const nearby = unitsOf(sides[lacking], near);
      // The lines of a paragraph next to the place, each a sentence of its own (a blank line
      // lost between two paragraphs): one of them may be the paragraph.
      const lines = near.flatMap((i) => sides[lacking].blocks[i]?.lines ?? []);
      // A paragraph moved a little (paragraphs swapped) shows as a gap next to a merge.
      const merged = al.steps
        .filter((s) => s.a.length + s.b.length > 2 && Math.abs((s[lacking][0] ?? -99) - (near[0] ?? -99)) <= 3)
        .flatMap((s) => unitsOf(sides[lacking], s[lacking]));
      const scale = has === 'a' ? al.ratio : 1 / al.ratio;
      const at = r.before ? al.steps.indexOf(r.before) + 1 : r.after ? al.steps.indexOf(r.after) : 0;
      const pairs = pairedNear(al.steps, at, sides, lacking);
      gaps.push(
        ...blockGaps(sides[has], r[has], lacking, placeOn(lacking, sides[lacking], r.before, r.after), options).filter(
          (g) =>
            g.kind !== 'paragraph' ||
            !(
              presentIn(sides[has].blocks[g.index]!, nearby, scale) ||
              presentIn(sides[has].blocks[g.index]!, lines, scale, 0.3) ||
              presentIn(sides[has].blocks[g.index]!, merged, scale, 0.3) ||
              absorbed(sides[has].blocks[g.index]!, pairs, scale) ||
              // The lacking page's layout prints it (its template's own paragraph).
              presentIn(sides[has].blocks[g.index]!, sides[lacking].layoutTexts ?? [], scale, 0.4) ||
              captionOfImage(sides[has].blocks[g.index]!, sides[has], sides[lacking])
            ),
        ),
      );
    }
  }
  cancelSwaps(gaps, sides, al.ratio);
  if (options.lists) {
    for (const s of listPairs(A, B, al)) gaps.push(...itemGaps(A, B, s, al.ratio, options, al));
  }
  return gaps.sort((x, y) => x.at.line - y.at.line || x.there.line - y.there.line);
}

/** How much two lists look like translations of each other: the share of word stems their items have in common (0 when too short to tell). */
function listLikeness(x: OutlineBlock, y: OutlineBlock): number {
  const X = union(x.items ?? []);
  const Y = union(y.items ?? []);
  const [few, many] = X.size <= Y.size ? [X, Y] : [Y, X];
  if (few.size < 4) return 0;
  let shared = 0;
  for (const s of few) if (many.has(s)) shared++;
  return shared / few.size;
}

/**
 * The lists compared item by item: those the block alignment paired, except two lists written
 * in the other order on the other side (the alignment keeps the order of blocks, so it pairs
 * them crosswise): each is then compared with the list whose items clearly share more word
 * stems with its own.
 */
function listPairs(A: Outline, B: Outline, al: BlockAlignment): Step[] {
  const pairs: Step[] = [];
  for (const s of al.steps) {
    if (!s.a.length || !s.b.length) continue;
    const listed = (o: Outline, glued: Set<number>) => (i: number) => o.blocks[i]!.kind === 'list' || glued.has(i);
    if (!s.a.every(listed(A, al.glued.a)) || !s.b.every(listed(B, al.glued.b))) continue;
    pairs.push({ a: [...s.a], b: [...s.b] });
  }
  const single = pairs.filter((s) => s.a.length === 1 && s.b.length === 1);
  const like = (s: Step, t: Step) => listLikeness(A.blocks[s.a[0]!]!, B.blocks[t.b[0]!]!);
  // Lists swap with a neighbour (a posting has a few lists; a hostile one, thousands).
  for (let i = 0; i < single.length; i++) {
    for (let j = i + 1; j < Math.min(single.length, i + 4); j++) {
      const p = single[i]!;
      const q = single[j]!;
      const pq = like(p, q);
      const qp = like(q, p);
      if (pq > like(p, p) && qp > like(q, q) && pq + qp - like(p, p) - like(q, q) >= 0.3) [p.b, q.b] = [q.b, p.b];
    }
  }
  return pairs;
}

/**
 * Two paragraphs of the same size (within a fifth, at the pair's ratio) that share three
 * cognates, a fifth of the shorter's: one paragraph, moved (`After mapping out the axes, …`
 * after a table in English, `Après avoir schématisé les axes, …` before it in French).
 */
function sameSized(x: OutlineBlock, y: OutlineBlock, ratio: number): boolean {
  const fit = (y.size + 15) / (ratio * x.size + 15);
  if (fit < 0.8 || fit > 1.25) return false;
  const own = new Set(x.stems);
  let shared = 0;
  for (const st of y.stems) if (own.has(st)) shared++;
  return shared >= 3 && shared >= 0.2 * Math.min(x.stems.length, y.stems.length);
}

/** The index of the block of `o` that starts at `line`, else of the last one before it. */
function blockAt(o: Outline, line: number): number {
  let at = 0;
  for (let i = 0; i < o.blocks.length && o.blocks[i]!.line <= line; i++) at = i;
  return at;
}

/**
 * Two paragraphs that swapped places show as a gap on each side, each the other's content:
 * neither is missing.
 */
function cancelSwaps(gaps: Gap[], sides: Record<Side, Outline>, ratio: number): void {
  const paragraphs = (lacking: Side) => gaps.filter((g) => g.kind === 'paragraph' && g.lacking === lacking);
  const gone = new Set<Gap>();
  for (const x of paragraphs('b')) {
    const ux = sides.a.blocks[x.index]!;
    for (const y of paragraphs('a')) {
      if (gone.has(y)) continue;
      const uy = sides.b.blocks[y.index]!;
      // Near by lines, or by blocks (a paragraph moved across a long table or list).
      const near = Math.abs(x.there.line - y.at.line) <= 12 || Math.abs(x.index - blockAt(sides.a, y.at.line)) <= 4;
      if (!near || !(presentIn(ux, [uy], ratio, 0.3) || sameSized(ux, uy, ratio))) continue;
      gone.add(x).add(y);
      break;
    }
  }
  for (let i = gaps.length - 1; i >= 0; i--) if (gone.has(gaps[i]!)) gaps.splice(i, 1);
}

function blockGaps(outline: Outline, indices: number[], lacking: Side, at: Lines, options: StructureOptions): Gap[] {
  const out: Gap[] = [];
  let i = 0;
  while (i < indices.length) {
    const b = outline.blocks[indices[i]!]!;
    if (b.kind === 'heading') {
      // The heading and what follows it up to the next heading of the same or a higher level.
      const parts: OutlineBlock[] = [b];
      let j = i + 1;
      while (j < indices.length) {
        const c = outline.blocks[indices[j]!]!;
        if (c.kind === 'heading' && (c.depth ?? 0) <= (b.depth ?? 0) && (c.depth ?? 0) > 0) break;
        if (c.kind === 'heading' && b.depth === 0 && c.depth === 0) break;
        parts.push(c);
        j++;
      }
      const content = parts.slice(1);
      const words = sum(content.map((c) => c.words));
      if (options.sections && content.length && words > 0) {
        out.push({
          lacking,
          kind: 'section',
          at,
          there: span(parts.map(linesOf)),
          parts: parts.map(linesOf),
          count: content.length,
          words,
          heading: b.text,
          index: indices[i]!,
        });
      }
      i = j;
      continue;
    }
    if (b.kind === 'list' || b.kind === 'table') {
      const n = b.items?.length ?? 0;
      if (options.lists && n >= Math.max(1, options.minItems)) {
        out.push({ lacking, kind: 'list', at, there: linesOf(b), parts: (b.items ?? []).map(linesOf), count: n, words: b.words, index: indices[i]! });
      }
    } else if (options.paragraphs && b.words >= options.minWords) {
      out.push({ lacking, kind: 'paragraph', at, there: linesOf(b), parts: [linesOf(b)], count: 1, words: b.words, index: indices[i]! });
    }
    i++;
  }
  return out;
}

/**
 * Items that translate each other whatever their places: each is the other's best match by
 * shared word stems (`least` of them at least, and a third of the shorter item's when two or
 * more are asked), among the items `as` and `bs` of A and B.
 */
function stemMatches(A: OutlineItem[], B: OutlineItem[], as: number[], bs: number[], least: number): Array<[number, number]> {
  const shared = (x: OutlineItem, y: OutlineItem) => {
    const Y = stemSet(y);
    let n = 0;
    for (const st of x.stems) if (Y.has(st)) n++;
    return n >= least && (least < 2 || n >= Math.min(x.stems.length, y.stems.length) / 3) ? n : 0;
  };
  const best = (x: OutlineItem, ys: number[], side: OutlineItem[]) => {
    let at = -1;
    let top = 0;
    let tie = false;
    for (const k of ys) {
      const n = shared(x, side[k]!);
      if (n > top) [at, top, tie] = [k, n, false];
      else if (n && n === top) tie = true;
    }
    return tie ? -1 : at;
  };
  const out: Array<[number, number]> = [];
  for (const i of as) {
    const j = best(A[i]!, bs, B);
    if (j >= 0 && best(B[j]!, as, A) === i) out.push([i, j]);
  }
  return out;
}

/**
 * Items that surely translate each other by the page they link to: a page that one item of
 * each list links to, and no other item of either (every such page of the two items agreeing).
 */
function urlMatches(A: OutlineItem[], B: OutlineItem[]): Array<[number, number]> {
  const where = (xs: OutlineItem[]) => {
    const at = new Map<string, number>();
    xs.forEach((x, i) => {
      for (const u of new Set(x.anchors)) if (u.startsWith('url:')) at.set(u, at.has(u) ? -1 : i);
    });
    return at;
  };
  const inA = where(A);
  const inB = where(B);
  const partner = new Map<number, number>();
  const reverse = new Map<number, number>();
  for (const [u, i] of inA) {
    const j = inB.get(u);
    if (i < 0 || j === undefined || j < 0) continue;
    if ((partner.get(i) ?? j) !== j || (reverse.get(j) ?? i) !== i) {
      partner.set(i, -1);
      reverse.set(j, -1);
      continue;
    }
    partner.set(i, j);
    reverse.set(j, i);
  }
  const out: Array<[number, number]> = [];
  for (const [i, j] of partner) if (j >= 0 && reverse.get(j) === i) out.push([i, j]);
  return out.sort((x, y) => x[0] - y[0]);
}

/**
 * Item alignment in order; when the items that surely translate each other cross (a list
 * reordered), order says nothing: items are paired by the stems they share (surest first),
 * and only what is left is aligned in order.
 */
function alignItems(A: OutlineItem[], B: OutlineItem[], costs: AlignCosts<OutlineItem>): Step[] | undefined {
  // A list too long to align is not matched either (it would cost its square).
  if ((A.length + 1) * (B.length + 1) > MAX_CELLS) return undefined;
  const all = (xs: OutlineItem[]) => xs.map((_, i) => i);
  const byUrl = urlMatches(A, B);
  const taken = (side: 0 | 1) => new Set(byUrl.map((p) => p[side]));
  const [takenA, takenB] = [taken(0), taken(1)];
  const sure = [
    ...byUrl,
    ...stemMatches(
      A,
      B,
      all(A).filter((i) => !takenA.has(i)),
      all(B).filter((j) => !takenB.has(j)),
      2,
    ),
  ];
  const crossed = sure.some(([i, j]) => sure.some(([k, l]) => i < k && j > l));
  if (!crossed) {
    const steps = align(A, B, costs);
    return steps && repairNeighbours(steps, sure);
  }
  const left = (xs: OutlineItem[], taken: Array<[number, number]>, side: 0 | 1) => {
    const used = new Set(taken.map((p) => p[side]));
    return all(xs).filter((i) => !used.has(i));
  };
  const pairs = [...sure, ...stemMatches(A, B, left(A, sure, 0), left(B, sure, 1), 1)];
  const restA = left(A, pairs, 0);
  const restB = left(B, pairs, 1);
  const rest = align(
    restA.map((i) => A[i]!),
    restB.map((j) => B[j]!),
    costs,
  );
  if (!rest) return undefined;
  return [...rest.map((s) => ({ a: s.a.map((i) => restA[i]!), b: s.b.map((j) => restB[j]!) })), ...pairs.map(([i, j]) => ({ a: [i], b: [j] }))];
}

/**
 * An item paired in order with its neighbour's translation while its own translation, next to
 * it, is left over: the pair that surely translates (mutual best by shared stems) is taken,
 * and the neighbour is left over instead (a French item added before the last one: `Avoir à
 * cœur la formation d'équipes diversifiées et inclusives` is the translation of `You are
 * passionate and deliberate about building diverse and inclusive teams`, not the item before it).
 */
function repairNeighbours(steps: Step[], sure: Array<[number, number]>): Step[] {
  const out = steps.map((st) => ({ a: [...st.a], b: [...st.b] }));
  const isSure = (i: number, j: number) => sure.some(([x, y]) => x === i && y === j);
  for (const [i, j] of sure) {
    const at = out.findIndex((st) => st.a.length === 1 && st.a[0] === i && st.b.length === 1);
    if (at < 0) continue;
    const other = out[at]!.b[0]!;
    if (other === j || Math.abs(other - j) !== 1 || isSure(i, other)) continue;
    const next = other < j ? at + 1 : at - 1;
    const left = out[next];
    if (!left || left.a.length !== 0 || left.b.length !== 1 || left.b[0] !== j) continue;
    // Keep the steps in order: the item left over comes where its place is.
    out[Math.min(at, next)] = other < j ? { a: [], b: [other] } : { a: [i], b: [j] };
    out[Math.max(at, next)] = other < j ? { a: [i], b: [j] } : { a: [], b: [other] };
  }
  return out;
}

/** An item with the paragraphs after its list (sub-items at the margin) read into it. */
function withParagraphs(item: OutlineItem, blocks: OutlineBlock[]): OutlineItem {
  return {
    ...item,
    endLine: Math.max(item.endLine, ...blocks.map((b) => b.endLine)),
    size: item.size + sum(blocks.map((b) => b.size)),
    words: item.words + sum(blocks.map((b) => b.words)),
    anchors: [...new Set([...item.anchors, ...blocks.flatMap((b) => b.anchors)])],
    stems: [...new Set([...item.stems, ...blocks.flatMap((b) => b.stems)])],
  };
}

/** Steps of an item alignment that pair items in another order on each side (a list reordered). */
function reordered(steps: Step[]): boolean {
  const pairs = steps.filter((s) => s.a.length && s.b.length).map((s) => [s.a[0]!, s.b[0]!] as const);
  const byA = [...pairs].sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < byA.length; i++) if (byA[i]![1] < byA[i - 1]![1]) return true;
  return false;
}

/**
 * The items a pair of lists lacks on each side. Paragraphs the alignment read as a list's
 * content (sub-items at the margin) are its items, or the text of its last item when the
 * other language indents them as paragraphs of that item: whichever leaves fewer missing.
 */
function itemGaps(A: Outline, B: Outline, step: Step, ratio: number, options: StructureOptions, al: BlockAlignment): Gap[] {
  const read = (o: Outline, blocks: number[], glued: Set<number>, inLast: boolean): OutlineItem[] => {
    const items: OutlineItem[] = [];
    const margin: OutlineBlock[] = [];
    for (const i of blocks) {
      const b = o.blocks[i]!;
      if (glued.has(i)) margin.push(b);
      else items.push(...(b.items ?? []));
    }
    if (!margin.length) return items;
    if (inLast && items.length) return [...items.slice(0, -1), withParagraphs(items[items.length - 1]!, margin)];
    return [...items, ...margin.map(asItem)];
  };
  const missing = (gaps: Gap[]) => sum(gaps.map((g) => g.count));
  let best: Gap[] | undefined;
  for (const inLast of [false, true]) {
    const gaps = listGaps(A, B, step, ratio, options, read(A, step.a, al.glued.a, inLast), read(B, step.b, al.glued.b, inLast));
    if (!best || missing(gaps) < missing(best)) best = gaps;
    if (!step.a.some((i) => al.glued.a.has(i)) && !step.b.some((j) => al.glued.b.has(j))) break;
  }
  return best ?? [];
}

/**
 * The costs of aligning the items of two lists that translate each other: sizes, shared
 * stems and anchors; merges only where sizes clearly support them; items whose links are
 * elsewhere in the other list are not each other's.
 */
function itemCosts(itemsA: OutlineItem[], itemsB: OutlineItem[], ratio: number): AlignCosts<OutlineItem> {
  const allA = urlIds(itemsA);
  const allB = urlIds(itemsB);
  return {
    pair(as, bs) {
      const len = lengthCost(sizeOf(as), sizeOf(bs), ratio);
      const stem = stemCost(as, bs);
      const shared = sharedAnchors(as, bs);
      const bonus = 0.5 * Math.min(2, shared);
      // Items whose links or numbers are elsewhere in the other list, and none in each other:
      // the evidence says they are not each other's translation (a list where one item was
      // dropped pairs each following item with its neighbour's translation otherwise).
      const contradicted =
        sharedIds(urlIds(as), urlIds(bs)) === 0 &&
        (sharedIds(urlIds(as), allB) > 0 || sharedIds(urlIds(bs), allA) > 0);
      const against = contradicted ? 0.8 : 0;
      // Items merged or split: only when the sizes fit closely (a longer translation of one
      // item is not a merge of two).
      // A short item ("Privacy") is never half of a merge: translators merge sentences.
      const smallest = smallestOf(as, bs);
      const tight = len < 0.4 && smallest >= 20 && (as.length > 1 ? partsShare(as, bs) : partsShare(bs, as));
      // Sizes of sentence-long items that add up almost exactly are a merge even without
      // shared stems; short items ("Privacy") are never merged that way.
      let merge = as.length + bs.length > 2 ? (tight ? 0.5 : len < 0.2 && smallest >= 40 ? 1.0 : 2.0) : 0;
      // A merge the sizes do not clearly support: the larger part alone fits the other side
      // about as well (a short item next to a long one, within the translation's own
      // variation, is not half of it).
      if (merge) {
        const [two, one] = as.length > 1 ? [as, bs] : [bs, as];
        const larger = two[0]!.size >= two[1]!.size ? two[0]! : two[1]!;
        const alone = as.length > 1 ? lengthCost(larger.size, sizeOf(one), ratio) : lengthCost(sizeOf(one), larger.size, ratio);
        if (alone - len < 0.15) merge = 2.5;
      }
      return Math.max(0.05, len + stem + merge + against - bonus);
    },
    skip: () => 1.3,
  };
}

function listGaps(
  A: Outline,
  B: Outline,
  step: Step,
  ratio: number,
  options: StructureOptions,
  itemsA: OutlineItem[],
  itemsB: OutlineItem[],
): Gap[] {
  startAlignment();
  const costs = itemCosts(itemsA, itemsB, ratio);
  const steps = alignItems(itemsA, itemsB, costs);
  if (!steps) return [];
  const out: Gap[] = [];
  const lists: Record<Side, { items: OutlineItem[]; block: OutlineBlock; index: number }> = {
    a: { items: itemsA, block: A.blocks[step.a[0]!]!, index: step.a[0]! },
    b: { items: itemsB, block: B.blocks[step.b[0]!]!, index: step.b[0]! },
  };
  const outlines: Record<Side, Outline> = { a: A, b: B };
  const found: Array<{ has: Side; missing: number[] }> = [];
  for (const r of regions(steps)) {
    for (const has of ['a', 'b'] as const) {
      const lacking = otherSide(has);
      if (!r[has].length || r[lacking].length) continue;
      // Items written as a paragraph just before or after the list are not missing.
      const steps = has === 'a' ? step.b : step.a;
      const around = unitsOf(outlines[lacking], [steps[0]! - 1, steps[steps.length - 1]! + 1], true);
      const scale = has === 'a' ? ratio : 1 / ratio;
      found.push({ has, missing: r[has].filter((i) => !presentIn(lists[has].items[i]!, around, scale)) });
    }
  }
  // An item moved up or down the list shows as missing on each side, each the other's
  // content: neither is missing. The same item: its word stems, or an anchor (a link, a
  // number) that no other item of either list has (the lists put in alphabetical order in
  // each language, `[18F Accessibility Guide](…)` first in English and last in French).
  const count = new Map<string, number>();
  for (const it of [...itemsA, ...itemsB]) for (const a of new Set(it.anchors)) count.set(a, (count.get(a) ?? 0) + 1);
  const ownAnchor = (i: number, k: number) => {
    const theirs = new Set(itemsB[k]!.anchors);
    return itemsA[i]!.anchors.some((a) => theirs.has(a) && count.get(a) === 2);
  };
  for (const x of found.filter((f) => f.has === 'a')) {
    for (const y of found.filter((f) => f.has === 'b')) {
      for (const i of [...x.missing]) {
        const j = y.missing.find((k) => presentIn(itemsA[i]!, [itemsB[k]!], ratio) || ownAnchor(i, k));
        if (j === undefined) continue;
        x.missing.splice(x.missing.indexOf(i), 1);
        y.missing.splice(y.missing.indexOf(j), 1);
      }
    }
  }
  // A list given in another order: where items are, says nothing. An item left on each side is
  // each other's translation as likely as not; only the difference in number is missing
  // (the leftovers paired by the stems they share, most first).
  if (reordered(steps)) {
    const leftA = found.filter((f) => f.has === 'a');
    const leftB = found.filter((f) => f.has === 'b');
    const candidates: Array<{ i: number; k: number; shared: number }> = [];
    for (const x of leftA) for (const i of x.missing) for (const y of leftB) for (const k of y.missing) {
      const theirs = stemSet(itemsB[k]!);
      candidates.push({ i, k, shared: itemsA[i]!.stems.filter((st) => theirs.has(st)).length });
    }
    candidates.sort((u, v) => v.shared - u.shared || u.i - v.i || u.k - v.k);
    const drop = (fs: typeof found, n: number) => {
      for (const f of fs) if (f.missing.includes(n)) return f.missing.splice(f.missing.indexOf(n), 1).length > 0;
      return false;
    };
    const usedA = new Set<number>();
    const usedB = new Set<number>();
    for (const c of candidates) {
      if (usedA.has(c.i) || usedB.has(c.k)) continue;
      usedA.add(c.i);
      usedB.add(c.k);
      drop(leftA, c.i);
      drop(leftB, c.k);
    }
  }
  for (const { has, missing } of found) {
    const lacking = otherSide(has);
    if (missing.length < Math.max(1, options.minItems)) continue;
    const parts = missing.map((i) => linesOf(lists[has].items[i]!));
    // After the partner of the item before the first missing one (the steps of a reordered
    // list are not in the order of either list), else before the partner of the item after.
    const partnerOf = (i: number) => {
      const st = steps.find((s) => s[has].includes(i) && s[lacking].length);
      return st?.[lacking];
    };
    const first = Math.min(...missing);
    let near: OutlineItem | undefined;
    for (let i = first - 1; i >= 0 && !near; i--) {
      const p = partnerOf(i);
      if (p) near = lists[lacking].items[p[p.length - 1]!];
    }
    for (let i = first + 1; i < lists[has].items.length && !near; i++) {
      const p = missing.includes(i) ? undefined : partnerOf(i);
      if (p) near = lists[lacking].items[p[0]!];
    }
    out.push({
      lacking,
      kind: 'items',
      at: near ? linesOf(near) : linesOf(lists[lacking].block),
      there: span(parts),
      parts,
      count: missing.length,
      words: sum(missing.map((i) => lists[has].items[i]!.words)),
      index: missing[0]!,
      heading: headingBefore(outlines[lacking], lists[lacking].index),
    });
  }
  return out;
}

export interface ValueDiff {
  kind: ValueKind;
  /** The side whose value has no equal on the other side. */
  side: Side;
  value: OutlineValue;
  /** A value of the same kind at the same place on the other side, that differs. */
  counterpart?: OutlineValue;
  /** Where the value would be on the other side (its paired block). */
  at: Lines;
}

const diffsOf = new PerPair<readonly ValueDiff[]>();

/** Values that one side has and the other has not, compared as values, each listed once (kept per pair of outlines, see PerPair). */
export function valueDiffs(
  A: Outline,
  B: Outline,
  kinds: ReadonlySet<ValueKind>,
  /** Kinds whose absence is a difference; the others count only when the other side has another value in its place. */
  missing: ReadonlySet<ValueKind> = kinds,
): readonly ValueDiff[] {
  // In the order asked: the differences come out kind by kind.
  return diffsOf.get(A, B, `${[...kinds].join(',')}|${[...missing].join(',')}`, () => computeValueDiffs(A, B, kinds, missing));
}

function computeValueDiffs(A: Outline, B: Outline, kinds: ReadonlySet<ValueKind>, missing: ReadonlySet<ValueKind>): ValueDiff[] {
  const al = alignBlocks(A, B);
  const out: ValueDiff[] = [];
  const outlines: Record<Side, Outline> = { a: A, b: B };
  const pairedBlocks = (side: Side, block: number): number[] => (al ? (side === 'a' ? al.aToB : al.bToA)[block] ?? [] : []);
  for (const kind of kinds) {
    const va = A.values.filter((v) => v.kind === kind);
    const vb = B.values.filter((v) => v.kind === kind);
    if (!va.length && !vb.length) continue;
    let leftA = unmatched(va, vb, kind);
    let leftB = unmatched(vb, va, kind);
    if (kind === 'count') {
      // A count is the other side's when it has that number anywhere, as a count, an amount
      // or a plain number (`more than 20` and `20 prestations`).
      leftA = leftA.filter((v) => !hasNumber(B, v.key));
      leftB = leftB.filter((v) => !hasNumber(A, v.key));
    }
    /** Links to another page of the same site, each the other's counterpart. */
    const wrong = new Map<OutlineValue, OutlineValue>();
    if (kind === 'link') {
      const pairedOfA = (v: OutlineValue) => pairedBlocks('a', v.block);
      const byLanguage = languageCounterparts(leftA, leftB, va, vb, pairedOfA);
      [leftA, leftB] = [byLanguage.leftA, byLanguage.leftB];
      for (const [a, b] of otherPagesOfOneSite(leftA, leftB, pairedOfA)) wrong.set(a, b).set(b, a);
      // A link repeated on one side whose other place is paired by language may still be the
      // counterpart of a link left on the other side; it is never reported itself.
      // Only with a link in the blocks paired with its own.
      const spared = (mine: OutlineValue[], spare: OutlineValue[], paired: (x: OutlineValue, y: OutlineValue) => boolean) =>
        mine.filter((v) => !spare.some((s) => !(v.sure && s.sure) && sameInstitution(v, s) && paired(v, s)));
      leftA = spared(leftA, byLanguage.spareB, (a, s) => pairedOfA(a).includes(s.block));
      leftB = spared(leftB, byLanguage.spareA, (b, s) => pairedOfA(s).includes(b.block));
      [leftA, leftB] = looseLinks(
        leftA.filter((v) => !wrong.has(v)),
        leftB.filter((v) => !wrong.has(v)),
        pairedOfA,
        (a, b) => siteName(a) !== siteName(b) && (namedPlain(a, B.blocks[b.block]) || namedPlain(b, A.blocks[a.block])),
      );
      leftA.push(...va.filter((v) => wrong.has(v)), ...surplusLinks(va, vb));
      leftB.push(...vb.filter((v) => wrong.has(v)), ...surplusLinks(vb, va));
    }
    // A kind reported only against another value in its place (a duration, a percentage):
    // blocks that translate each other with as many values of the kind on each side, all the
    // same but one: that one differs, though the posting may have it elsewhere (`quarterly`
    // in this paragraph and in another; `tous les 4 mois` in this one).
    const local = new Map<OutlineValue, OutlineValue>();
    if (!missing.has(kind) && kind !== 'link' && al) {
      for (const step of al.steps) {
        if (!step.a.length || !step.b.length) continue;
        const xs = va.filter((v) => step.a.includes(v.block));
        const ys = vb.filter((v) => step.b.includes(v.block));
        if (!xs.length || xs.length !== ys.length) continue;
        const restX = [...xs];
        const restY = ys.filter((y) => {
          const i = restX.findIndex((x) => x.key === y.key);
          if (i < 0) return true;
          restX.splice(i, 1);
          return false;
        });
        if (restX.length !== 1 || restY.length !== 1) continue;
        const [x, y] = [restX[0]!, restY[0]!];
        if (local.has(x) || local.has(y)) continue;
        if (endInWords(x, y, A, B)) continue;
        local.set(x, y).set(y, x);
        if (!leftA.includes(x)) leftA.push(x);
        if (!leftB.includes(y)) leftB.push(y);
      }
    }
    for (const [side, left, others] of [
      ['a', leftA, leftB],
      ['b', leftB, leftA],
    ] as const) {
      for (const v of left) {
        const paired = pairedBlocks(side, v.block);
        const counterpart =
          wrong.get(v) ??
          local.get(v) ??
          others.find(
            (o) =>
              paired.includes(o.block) &&
              (kind !== 'link' || (!!o.sure && !!v.sure)) &&
              !(side === 'a' ? endInWords(v, o, A, B) : endInWords(o, v, A, B)),
          );
        if (!counterpart && !missing.has(kind)) continue;
        // The other side has the value in the text of an image (a date in a screenshot's alt
        // text that the French page gives in a caption).
        if (!counterpart && inImages(outlines[otherSide(side)], v)) continue;
        // The other side's layout prints the link on its page (the accommodation page, in a
        // template of the site): its reader has it, though its body does not.
        if (!counterpart && kind === 'link' && outlines[otherSide(side)].layoutLinks?.includes(v.key)) continue;
        // Counts: only inside blocks the alignment paired, and never against a number the
        // other side writes in words (`three`, `une vingtaine`).
        if (kind === 'count' && (!paired.length || paired.some((j) => outlines[otherSide(side)].blocks[j]!.spelled))) continue;
        const lacking = outlines[otherSide(side)];
        const place = paired.length ? lacking.blocks[paired[0]!] : nearestPaired(side, v.block, al, lacking);
        const at = (al && itemPlace(side, v, outlines, paired, al.ratio)) ?? (place ? linesOf(place) : { line: 1, endLine: 1 });
        out.push({ kind, side, value: v, counterpart, at });
      }
    }
  }
  return out;
}

/**
 * A range against one number whose block writes numbers in words (`1 to 2 hours` and `de une
 * à deux heures`, `2-3 years` and `deux à trois ans`): the other end may be there, in words.
 */
function endInWords(x: OutlineValue, y: OutlineValue, A: Outline, B: Outline): boolean {
  const range = (v: OutlineValue) => v.key.includes('..');
  if (range(x) === range(y)) return false;
  return !!(range(x) ? B.blocks[y.block] : A.blocks[x.block])?.spelled;
}

/** The outline has the value `v` in the text of one of its images. */
function inImages(o: Outline, v: OutlineValue): boolean {
  if (!o.images?.length || v.kind === 'link' || v.kind === 'email') return false;
  const day = v.kind === 'date' ? v.key.slice(-5) : '';
  return o.images.some((im) =>
    im.values.some((x) => x.kind === v.kind && (x.key === v.key || (day && x.key.slice(-5) === day && (x.key.startsWith('-') || v.key.startsWith('-'))))) ||
    ((v.kind === 'count' || v.kind === 'amount') && im.anchors.includes(`n:${v.key}`)),
  );
}

/**
 * A paragraph that gives the text of an image of the other side (a French « Traduction : »
 * caption under a screenshot whose English alt text carries the words): it repeats the alt
 * text of an image of its own side, or shares word stems (cognates), or numbers and a stem,
 * with the text of an image of the other side.
 */
function captionOfImage(b: OutlineBlock, self: Outline, other: Outline): boolean {
  if (!other.images?.length || !b.stems.length) return false;
  const own = new Set(b.stems);
  // The text of an image of its own side written out again (the caption repeats the French
  // alt text), where the other side has images with a text.
  const repeats = (self.images ?? []).some((im) => {
    let shared = 0;
    for (const st of im.stems) if (own.has(st)) shared++;
    return shared >= 3 && shared >= 0.6 * own.size;
  });
  if (repeats) return true;
  const numbers = new Set(b.anchors.filter((a) => !a.startsWith('link:') && !a.startsWith('email:')));
  return other.images.some((im) => {
    let shared = 0;
    for (const st of im.stems) if (own.has(st)) shared++;
    const anchors = im.anchors.filter((a) => numbers.has(a)).length;
    return (shared >= 3 && shared >= 0.2 * Math.min(own.size, im.stems.length)) || (anchors >= 1 && shared >= 1);
  });
}

/** The outline has the number `key` as a count, an amount or a plain number. */
function hasNumber(o: Outline, key: string): boolean {
  if (o.values.some((v) => (v.kind === 'count' || v.kind === 'amount') && v.key === key)) return true;
  const anchor = `n:${key}`;
  return o.blocks.some((b) => b.anchors.includes(anchor) || !!b.items?.some((i) => i.anchors.includes(anchor)));
}

/**
 * Where a value of a list item would be on the other side: the item that translates its item,
 * when its list is paired with one list there (a link the French degree item has, reported on
 * the English degree item, not on the first line of the English list).
 */
function itemPlace(side: Side, v: OutlineValue, outlines: Record<Side, Outline>, paired: number[], ratio: number): Lines | undefined {
  const own = outlines[side].blocks[v.block];
  const lists = paired.map((j) => outlines[otherSide(side)].blocks[j]!).filter((b) => b.kind === 'list' && b.items?.length);
  if (own?.kind !== 'list' || !own.items?.length || lists.length !== 1) return undefined;
  // The innermost item holding the value (a sub-item comes after the item it is under).
  let mine = -1;
  own.items.forEach((it, i) => {
    if (it.line <= v.line && v.line <= it.endLine) mine = i;
  });
  if (mine < 0) return undefined;
  const theirs = lists[0]!.items!;
  const [itemsA, itemsB] = side === 'a' ? [own.items, theirs] : [theirs, own.items];
  startAlignment();
  const steps = alignItems(itemsA, itemsB, itemCosts(itemsA, itemsB, ratio));
  const step = steps?.find((st) => (side === 'a' ? st.a : st.b).includes(mine));
  const partners = step ? (side === 'a' ? step.b : step.a) : [];
  if (!partners.length) return undefined;
  return span(partners.map((j) => linesOf(theirs[j]!)));
}

function nearestPaired(side: Side, block: number, al: BlockAlignment | undefined, lacking: Outline): OutlineBlock | undefined {
  if (!al) return undefined;
  const map = side === 'a' ? al.aToB : al.bToA;
  for (let i = block; i >= 0; i--) {
    const p = map[i];
    if (p?.length) return lacking.blocks[p[p.length - 1]!];
  }
  for (let i = block + 1; i < map.length; i++) {
    const p = map[i];
    if (p?.length) return lacking.blocks[p[0]!];
  }
  return undefined;
}

/**
 * Links to a page both sides link to, to more places in it on one side than the other side
 * has links to it (`#grade`, `#acceptable` in a sentence the other language leaves without
 * links): the places the other side never names are the difference. A link repeated is one
 * place; places named differently in each language (`#Toc476385558`, `#Toc476467510`) or
 * links without a place are as many links as on the other side.
 */
function surplusLinks(mine: OutlineValue[], theirs: OutlineValue[]): OutlineValue[] {
  const byKey = (vs: OutlineValue[]) => {
    const m = new Map<string, OutlineValue[]>();
    for (const v of vs) {
      const list = m.get(v.key);
      if (list) list.push(v);
      else m.set(v.key, [v]);
    }
    return m;
  };
  const others = byKey(theirs);
  const out: OutlineValue[] = [];
  for (const [key, vs] of byKey(mine)) {
    const there = others.get(key);
    if (!there) continue;
    const places = new Set(there.map((o) => o.fragment ?? ''));
    const mine = new Set(vs.map((v) => v.fragment ?? ''));
    const surplus = mine.size - Math.max(places.size, there.length);
    if (surplus <= 0) continue;
    const seen = new Set<string>();
    const extra = vs.filter((v) => {
      if (!v.fragment || places.has(v.fragment) || seen.has(v.fragment)) return false;
      seen.add(v.fragment);
      return true;
    });
    out.push(...extra.slice(Math.max(0, extra.length - surplus)));
  }
  return out;
}

/**
 * A range on one side written as its two ends on the other (`5-10 years` and `entre 5 et 10
 * ans`): the range has both ends there, or the value is an end of a range there and its side
 * has the other end too.
 */
function rangeWrittenOut(v: OutlineValue, mine: OutlineValue[], theirs: OutlineValue[]): boolean {
  const ends = (key: string) => {
    const m = /^([\d.]+)\.\.([\d.]+):(\w+)$/.exec(key);
    return m ? [`${m[1]}:${m[3]}`, `${m[2]}:${m[3]}`] : undefined;
  };
  const own = ends(v.key);
  if (own) return own.every((k) => theirs.some((t) => t.key === k));
  return theirs.some((t) => {
    const e = ends(t.key);
    return !!e && e.includes(v.key) && e.every((k) => mine.some((m) => m.key === k));
  });
}

/** Values of `mine` whose key the other side never has (each key once, at its first place). */
function unmatched(mine: OutlineValue[], theirs: OutlineValue[], kind: ValueKind): OutlineValue[] {
  const keys = new Set(theirs.map((v) => v.key));
  const seen = new Set<string>();
  const out: OutlineValue[] = [];
  for (const v of mine) {
    if (keys.has(v.key) || seen.has(v.key)) continue;
    if (kind === 'duration' && rangeWrittenOut(v, mine, theirs)) continue;
    if (kind === 'date') {
      const day = v.key.slice(-5);
      const yearless = v.key.startsWith('-');
      if (theirs.some((t) => t.key.slice(-5) === day && (yearless || t.key.startsWith('-')))) continue;
    }
    seen.add(v.key);
    out.push(v);
  }
  return out;
}

/**
 * Hosts whose pages have their other language on another host (`canada.ca` and
 * `tbs-sct.gc.ca`, `.gouv.qc.ca`): a paragraph that names them links either.
 */
const INSTITUTIONAL_HOST = /(?:^|\.)(?:gc\.ca|canada\.ca|gov|gouv|gov\.[a-z]{2}|gouv\.[a-z]{2}|gouv\.qc\.ca|gov\.uk|europa\.eu|int)$/;

/** The name of a link's site before the public suffix: `github` of `github.com`, `linkedin` of `ca.linkedin.com`. */
function siteName(v: OutlineValue): string {
  const labels = (v.family ?? '').split('.');
  return labels.length >= 2 ? labels[labels.length - 2]! : '';
}

/**
 * The paragraph (or list) `block` names the site of link `v` by its name (`GitHub` for
 * `github.com/cds-snc`, `GCCollab` for `gccollab.ca/…`) without linking to it: the link is
 * kept as plain text there, and a link to another site in that paragraph is not its
 * counterpart. Names of six letters or more (the stems of the outline), of sites that are
 * not institutions (whose pages in the other language are often on another host).
 */
function namedPlain(v: OutlineValue, block: OutlineBlock | undefined): boolean {
  if (!block || !v.family || v.family === 'site' || INSTITUTIONAL_HOST.test(v.family)) return false;
  const name = siteName(v);
  if (!/^[a-z]{6,}$/.test(name)) return false;
  const stem = stemsOf(name)[0];
  if (!stem) return false;
  return block.stems.includes(stem);
}

/** A word of a link that says its language (`/fr/`, `-eng`, `_en_`, `index-fr.html`, `/Francais/`). */
const LANGUAGE_TOKEN = /^(?:en|fr|eng|fra|e|f|english|french|anglais|francais|français)$/;
/** A query parameter that says the page's language (`?lang=fra`, `?hl=fr`, `?locale=fr-CA`). */
const LANGUAGE_PARAM = /^(?:lang|language|langue|locale|hl|lng|culture)$/i;
/** Pages that are the home page of a site under another name (`/accueil`, `/index.html`). */
const HOME = /^(?:index|default|home|accueil|welcome|bienvenue)(?:\.[a-z]+)?$/;

/** The parts of a link's key (`host/path?query`), for links that are not the site's own pages. */
function linkParts(v: OutlineValue): { host: string; segments: string[]; query: string } | undefined {
  if (v.key.startsWith('site:')) return undefined;
  const q = v.key.indexOf('?');
  const page = q < 0 ? v.key : v.key.slice(0, q);
  const [host = '', ...rest] = page.split('/');
  const segments = rest.filter(Boolean);
  if (segments.length && HOME.test(segments[segments.length - 1]!)) segments.pop();
  return { host, segments, query: q < 0 ? '' : v.key.slice(q + 1) };
}

/** A word of a link's path or query that names English, or French. */
const ENGLISH_TOKEN = /^(?:en|eng|english|anglais)$/;
const FRENCH_TOKEN = /^(?:fr|fra|fre|french|francais|français)$/;

/**
 * The language a link's address says (`/en/`, `/fra/`, `-eng.pdf`, `/english/`, `?lang=fr`),
 * and its shape with that word taken out; undefined when it says none, or both.
 */
function addressLanguage(parts: { segments: string[]; query: string }): { lang: Lang; shape: string } | undefined {
  let lang: Lang | undefined;
  const see = (t: string): string => {
    const l: Lang | undefined = ENGLISH_TOKEN.test(t) ? 'en' : FRENCH_TOKEN.test(t) ? 'fr' : undefined;
    if (!l) return t;
    if (lang && lang !== l) lang = undefined;
    else lang = l;
    return '\u0000';
  };
  const segments = parts.segments.map((s) => s.split(/([-_.+~]+)/).map((t, i) => (i % 2 ? t : see(t))).join(''));
  const query = parts.query
    .split('&')
    .map((kv) => {
      const [k = '', v = ''] = kv.split('=');
      return LANGUAGE_PARAM.test(k) ? `${k}=${see(v.split(/[-_]/)[0] ?? '')}` : kv;
    })
    .join('&');
  return lang ? { lang, shape: `${segments.join('/')}?${query}` } : undefined;
}

/**
 * Links of one site whose addresses each say their own side's language: the English page
 * (`canada.ca/en/managed-web-service/get-updates-covid-19.html`, `…/eng/acts/p-21/`,
 * `…-eng.pdf`) and the French one (`canada.ca/fr/service-web-gere/obtenez-nouvelles-covid-19.html`,
 * `…/fra/lois/p-21/`, `…-fra.pdf`). They are the same link when the two addresses differ by that
 * word alone, when they stand in blocks that translate each other, or when each is the only
 * link of that site left on its side. A link written in several places is matched place by
 * place: its places left over (`spare`) may still pair with a link of the other side, and are
 * never reported themselves.
 */
function languageCounterparts(
  leftA: OutlineValue[],
  leftB: OutlineValue[],
  va: OutlineValue[],
  vb: OutlineValue[],
  pairedOfA: (v: OutlineValue) => number[],
): { leftA: OutlineValue[]; leftB: OutlineValue[]; spareA: OutlineValue[]; spareB: OutlineValue[] } {
  const places = (left: OutlineValue[], all: OutlineValue[], lang: Lang) => {
    const keys = new Set(left.map((v) => v.key));
    const out: Array<{ v: OutlineValue; host: string; shape: string }> = [];
    for (const v of all) {
      if (v.sure || !keys.has(v.key)) continue;
      const parts = linkParts(v);
      const said = parts && addressLanguage(parts);
      if (parts && said?.lang === lang) out.push({ v, host: parts.host, shape: said.shape });
    }
    return out;
  };
  const as = places(leftA, va, 'en');
  const bs = places(leftB, vb, 'fr');
  if (!as.length || !bs.length) return { leftA, leftB, spareA: [], spareB: [] };
  const used = new Set<OutlineValue>();
  const usedKeys = new Set<string>();
  const partner = new Map<string, string>();
  const hostOf = (v: OutlineValue) => linkParts(v)?.host;
  /** The keys of `left` of that host no place of which is paired yet. */
  const alone = (left: OutlineValue[], host: string) => left.filter((v) => !usedKeys.has(v.key) && hostOf(v) === host).length === 1;
  const take = (fits: (a: (typeof as)[number], b: (typeof bs)[number]) => boolean) => {
    for (const a of as) {
      if (used.has(a.v)) continue;
      const fitting = bs.filter((b) => !used.has(b.v) && b.host === a.host && fits(a, b));
      // The link already paired with this one elsewhere first (`register.html` written twice
      // in English, `comment-sinscrire.html` twice in French).
      const b = fitting.find((b) => partner.get(a.v.key) === b.v.key) ?? fitting[0];
      if (!b) continue;
      used.add(a.v).add(b.v);
      usedKeys.add(a.v.key).add(b.v.key);
      if (!partner.has(a.v.key)) partner.set(a.v.key, b.v.key);
    }
  };
  take((a, b) => a.shape === b.shape);
  take((a, b) => sameInstitution(a.v, b.v) && pairedOfA(a.v).includes(b.v.block));
  take(
    (a, b) =>
      !usedKeys.has(a.v.key) && !usedKeys.has(b.v.key) && sameInstitution(a.v, b.v) && alone(leftA, a.host) && alone(leftB, b.host),
  );
  const rest = (left: OutlineValue[], all: OutlineValue[]) => {
    const kept: OutlineValue[] = [];
    const spare: OutlineValue[] = [];
    for (const v of left) {
      if (!usedKeys.has(v.key)) kept.push(v);
      else {
        // Another place of the link, in a block of its own (the same link twice in one
        // paragraph is one link).
        const blocks = new Set(all.filter((o) => o.key === v.key && used.has(o)).map((o) => o.block));
        const other = all.find((o) => o.key === v.key && !used.has(o) && !blocks.has(o.block));
        if (other) spare.push(other);
      }
    }
    return [kept, spare] as const;
  };
  const [keptA, spareA] = rest(leftA, va);
  const [keptB, spareB] = rest(leftB, vb);
  // Spare places that stand in blocks that translate each other are each other's.
  const pairedSpares = new Set<OutlineValue>();
  for (const a of spareA) {
    const b = spareB.find((b) => !pairedSpares.has(b) && pairedOfA(a).includes(b.block));
    if (b) pairedSpares.add(a).add(b);
  }
  const free = (vs: OutlineValue[]) => vs.filter((v) => !pairedSpares.has(v));
  return { leftA: keptA, leftB: keptB, spareA: free(spareA), spareB: free(spareB) };
}

/**
 * Hosts whose first folder after the language names the institution
 * (`canada.ca/en/public-service-commission/…`, `canada.ca/fr/commission-fonction-publique/…`).
 */
const INSTITUTION_HOSTS = new Set(['canada.ca']);

/** Accents off, for cognates. */
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** Two words of five letters or more that are one word in two languages (`government`, `gouvernement`). */
function cognate(x: string, y: string): boolean {
  if (x.length < 5 || y.length < 5) return false;
  if (x === y || x.startsWith(y) || y.startsWith(x)) return true;
  // Edit distance within a third of the longer word.
  const limit = Math.floor(Math.max(x.length, y.length) / 3);
  if (Math.abs(x.length - y.length) > limit) return false;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]! <= limit;
}

/**
 * On a host whose first folder names the institution, two links of different institutions
 * (`public-service-commission`, `secretariat-conseil-tresor`) are not each other's
 * translation: their folders share no word (`treasury-board-secretariat`,
 * `secretariat-conseil-tresor`; `revenue-agency`, `agence-revenu`).
 */
function sameInstitution(a: OutlineValue, b: OutlineValue): boolean {
  const pa = linkParts(a);
  const pb = linkParts(b);
  if (!pa || !pb || pa.host !== pb.host || !INSTITUTION_HOSTS.has(pa.host)) return true;
  const folder = (p: { segments: string[] }) => {
    const i = p.segments.findIndex((s) => ENGLISH_TOKEN.test(s) || FRENCH_TOKEN.test(s));
    return i >= 0 && i + 1 < p.segments.length - 1 ? fold(p.segments[i + 1]!).split(/[-_.]+/) : undefined;
  };
  const fa = folder(pa);
  const fb = folder(pb);
  if (!fa || !fb) return true;
  return fa.some((x) => fb.some((y) => cognate(x, y)));
}

function saysLanguage(parts: { segments: string[]; query: string }): boolean {
  if (parts.segments.some((s) => s.split(/[-_.+~]+/).some((t) => LANGUAGE_TOKEN.test(t)))) return true;
  return parts.query.split('&').some((kv) => LANGUAGE_PARAM.test(kv.split('=')[0] ?? ''));
}

/**
 * Two links that cannot be the same page in two languages: one leads to the home page of the
 * site the other leads into (`18f.gsa.gov/` and `18f.gsa.gov/what-we-deliver/`). A French
 * page of its own has another name at the same level (`twitter.com/CDS_GC`,
 * `twitter.com/SNC_GC`; a tweet and its French tweet, `status/123` and `status/124`), a
 * language word (`/fr/`, `-fra`, `?lang=fr`) or another host; a page and a page below it may
 * be one page seen another way (`linkedin.com/company/x` and `…/company/x/mycompany/`):
 * none is reported.
 */
function otherPageOfSite(a: { segments: string[]; query: string }, b: { segments: string[]; query: string }): boolean {
  if (a.query || b.query) return false;
  return (a.segments.length === 0) !== (b.segments.length === 0);
}

/**
 * Links to two different pages of one site, in blocks that translate each other, where
 * neither posting has another link to that site left to be the counterpart: the same link
 * that leads to another page. Only pages that cannot be each other's translation (see
 * `otherPageOfSite`); the site's own pages, hosts that serve one language, and links whose
 * counterpart the data knows are left to the other checks.
 */
function otherPagesOfOneSite(
  leftA: OutlineValue[],
  leftB: OutlineValue[],
  pairedOfA: (v: OutlineValue) => number[],
): Array<[OutlineValue, OutlineValue]> {
  const byHost = (vs: OutlineValue[]) => {
    const m = new Map<string, Array<{ v: OutlineValue; parts: NonNullable<ReturnType<typeof linkParts>> }>>();
    for (const v of vs) {
      const parts = linkParts(v);
      if (!parts) continue;
      const list = m.get(parts.host);
      if (list) list.push({ v, parts });
      else m.set(parts.host, [{ v, parts }]);
    }
    return m;
  };
  const hostsB = byHost(leftB);
  const out: Array<[OutlineValue, OutlineValue]> = [];
  for (const [host, as] of byHost(leftA)) {
    const bs = hostsB.get(host);
    if (as.length !== 1 || bs?.length !== 1) continue;
    const a = as[0]!;
    const b = bs[0]!;
    if (a.v.sure || b.v.sure || a.v.family !== b.v.family || a.v.family === 'site') continue;
    if (!pairedOfA(a.v).includes(b.v.block)) continue;
    if (saysLanguage(a.parts) || saysLanguage(b.parts) || !otherPageOfSite(a.parts, b.parts)) continue;
    out.push([a.v, b.v]);
  }
  return out;
}

/**
 * Links whose counterpart the data does not know (a page of the site, a page that has its
 * own address in each language) pair with a link in the paired block on the other side, then
 * with a link to the same site anywhere, one to one: only a link with nothing like it on the
 * other side remains. Two links whose counterparts are both known never pair this way.
 */
function looseLinks(
  leftA: OutlineValue[],
  leftB: OutlineValue[],
  pairedOfA: (v: OutlineValue) => number[],
  /** The two links are to different sites, one of which the other's paragraph names without linking it. */
  named: (a: OutlineValue, b: OutlineValue) => boolean = () => false,
): [OutlineValue[], OutlineValue[]] {
  const restB = new Set(leftB);
  const restA = new Set(leftA);
  const may = (a: OutlineValue, b: OutlineValue) => !(a.sure && b.sure) && (a.family === b.family || !named(a, b));
  // In the paired blocks, a link to the same site first (`canada.ca/en/…` with `canada.ca/fr/…`
  // rather than with the `laws-lois.justice.gc.ca` link written before it).
  for (const sameSite of [true, false]) {
    for (const a of [...restA]) {
      const hit = [...restB].find((b) => may(a, b) && (!sameSite || b.family === a.family) && pairedOfA(a).includes(b.block));
      if (hit) {
        restB.delete(hit);
        restA.delete(a);
      }
    }
  }
  for (const a of [...restA]) {
    const hit = [...restB].find((b) => may(a, b) && b.family === a.family);
    if (hit) {
      restB.delete(hit);
      restA.delete(a);
    }
  }
  return [leftA.filter((a) => restA.has(a)), leftB.filter((b) => restB.has(b))];
}
