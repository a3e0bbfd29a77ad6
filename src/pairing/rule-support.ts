/**
 * What the rules comparing a posting with its translation share: the two outlines in a fixed
 * order (English first, so that both postings of a pair see the same alignment), where to
 * report, and the partner's place for the finding's related locations.
 */
import type { IndexEntry, Lang, RelatedLocation, RuleContext } from '../types.js';
import { langName, partnersOf, type PairView } from '../lib/pairing.js';
import type { Outline } from './outline.js';
import type { Lines, Side } from './compare.js';

export interface OutlinePair {
  view: PairView;
  self: IndexEntry & { outline: Outline };
  /** Partners that have an outline. */
  partners: Array<IndexEntry & { outline: Outline }>;
  /** This posting's side in `sides(partner)`: `a` when it is the English one. */
  side: Side;
  /** The outlines in the order compared: English, French. */
  sides(partner: IndexEntry & { outline: Outline }): [Outline, Outline];
  /** The partner's language, as a word of the message locale. */
  otherName: string;
}

export function outlinePair(context: RuleContext): OutlinePair | undefined {
  const pair = partnersOf(context);
  if (!pair || !pair.self.outline) return undefined;
  const self = pair.self as IndexEntry & { outline: Outline };
  const partners = pair.partners.filter((p): p is IndexEntry & { outline: Outline } => !!p.outline);
  if (!partners.length) return undefined;
  const side: Side = (pair.view.lang as Lang) === 'en' ? 'a' : 'b';
  return {
    view: pair.view,
    self,
    partners,
    side,
    sides: (p) => (side === 'a' ? [self.outline, p.outline] : [p.outline, self.outline]),
    otherName: langName(pair.view.other, context.locale),
  };
}

/** `45` or `45–47`. */
export function lineSpan(l: Lines): string {
  return l.endLine > l.line ? `${l.line}–${l.endLine}` : String(l.line);
}

/** The offsets of whole lines of this posting, for `loc`. */
export function linesRange(context: RuleContext, l: Lines): [number, number] {
  const starts = context.posting.lineStarts;
  const text = context.posting.text;
  const first = Math.max(1, Math.min(l.line, starts.length));
  const start = starts[first - 1] ?? 0;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return [start, end];
}

export function relatedAt(partner: IndexEntry, l: Lines, message: string): RelatedLocation {
  return { filePath: partner.filePath, line: l.line, column: 1, endLine: l.endLine, message };
}

/**
 * With several postings in the other language under one key (duplicates), a difference is
 * reported only when it holds against each of them: the finding is then true whichever copy
 * the site shows. `key` says when two differences are the same one.
 */
export function againstEvery<T>(
  pair: OutlinePair,
  compute: (a: Outline, b: Outline, partner: IndexEntry & { outline: Outline }) => T[],
  key: (t: T) => string,
): Array<{ item: T; partner: IndexEntry & { outline: Outline } }> {
  const [first, ...rest] = pair.partners;
  const found = compute(...pair.sides(first!), first!);
  if (!rest.length) return found.map((item) => ({ item, partner: first! }));
  const others = rest.map((p) => new Set(compute(...pair.sides(p), p).map(key)));
  return found.filter((t) => others.every((s) => s.has(key(t)))).map((item) => ({ item, partner: first! }));
}
