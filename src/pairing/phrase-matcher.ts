/**
 * Fixed phrases found in text by a character trie, as the expression
 * `(?<![\p{L}\d-])(?:form|form…)(?![\p{L}\d-])` with the flags `giu` finds them (forms
 * longest first, a space in a form matching one or more spaces of any width, `'` matching `’`).
 * One such expression of a hundred forms cost V8 15–20 ms to interpret and compile the first
 * time a process ran it (a one-posting run pays it for every data table); the trie costs
 * nothing to build and reads each character once per start.
 */

/** Spaces a space of a form matches (the space, no-break, narrow no-break and thin spaces). */
const SPACE_CODES = new Set([0x20, 0xa0, 0x202f, 0x2009]);
const LETTER = /\p{L}/u;

interface Node {
  next: Map<number, Node>;
  /** The form that ends here, by its place in the longest-first order (lower wins, as the alternation's order does). */
  rank?: number;
  form?: string;
}

export interface PhraseMatch {
  /** The form as given (lowercase, `'` for apostrophes). */
  form: string;
  index: number;
  end: number;
}

/** Lowercase of each UTF-16 unit beyond ASCII, computed when first met (0: not yet). */
const LOWER = new Uint16Array(0x10000);

/** A folded code unit: lowercase (simple case folding for the letters of the forms), `’` as `'`, a space of any width as ' '. */
function fold(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  if (SPACE_CODES.has(c)) return 0x20;
  if (c === 0x2019) return 0x27;
  if (c === 0x17f) return 0x73; // ſ folds to s
  let lower = LOWER[c]!;
  if (lower === 0) {
    const l = String.fromCharCode(c).toLowerCase();
    LOWER[c] = lower = l.length === 1 ? l.charCodeAt(0) : c;
  }
  return lower;
}

/** Whether each BMP code unit beyond ASCII is a letter, computed when first met (0: not yet, 1: a letter, 2: not). */
const BMP_LETTER = new Uint8Array(0x10000);

/** Whether the code point is one a phrase may not touch: a letter, an ASCII digit, or `-`. */
function isWordCode(cp: number): boolean {
  if (cp < 0x80) return cp === 0x2d || (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a);
  if (cp >= 0x10000) return LETTER.test(String.fromCodePoint(cp));
  let known = BMP_LETTER[cp]!;
  if (known === 0) BMP_LETTER[cp] = known = LETTER.test(String.fromCodePoint(cp)) ? 1 : 2;
  return known === 1;
}

/** The code point ending just before `at` (0 at the start). */
function codePointBefore(text: string, at: number): number {
  if (at <= 0) return 0;
  const low = text.charCodeAt(at - 1);
  return low >= 0xdc00 && low <= 0xdfff && at >= 2 ? text.codePointAt(at - 2)! : low;
}

export class PhraseMatcher {
  private readonly root: Node = { next: new Map() };
  /** Folded code units a form starts with. */
  private readonly starts = new Uint8Array(0x10000);

  /** `forms`: lowercase, `'` for apostrophes, single spaces between words. */
  constructor(forms: Iterable<string>) {
    // The alternation's order: longest first, and in the given order among equals.
    const list = [...forms].map((f, i) => ({ f, i })).sort((a, b) => b.f.length - a.f.length || a.i - b.i);
    list.forEach(({ f }, rank) => {
      let node = this.root;
      for (let k = 0; k < f.length; k++) {
        const key = fold(f.charCodeAt(k));
        let child = node.next.get(key);
        if (!child) node.next.set(key, (child = { next: new Map() }));
        node = child;
      }
      if (node.rank === undefined) {
        node.rank = rank;
        node.form = f;
      }
      if (f.length) this.starts[fold(f.charCodeAt(0))] = 1;
    });
  }

  /** The phrases of `text`, left to right, not overlapping (each search goes on after the last match). */
  *matches(text: string): Generator<PhraseMatch> {
    const n = text.length;
    let i = 0;
    // Whether the code point before `i` is a word code (no phrase starts right after one), kept
    // as the text is read rather than asked again at every start: most characters are inside a
    // word, where nothing is looked up.
    let afterWord = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!afterWord && this.starts[fold(c)]) {
        const m = this.at(text, i);
        if (m) {
          yield m;
          i = m.end;
          afterWord = isWordCode(codePointBefore(text, i));
          continue;
        }
      }
      afterWord = c < 0x80 ? c === 0x2d || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) : isWordCode(codePointBefore(text, i + 1));
      i++;
    }
  }

  /** The phrase that starts at `start`, as the alternation would choose it (the form of lowest rank that fits). */
  private at(text: string, start: number): PhraseMatch | undefined {
    let node: Node | undefined = this.root;
    let i = start;
    let best: { rank: number; form: string; end: number } | undefined;
    while (node) {
      if (node.rank !== undefined && (best === undefined || node.rank < best.rank) && !(i < text.length && isWordCode(text.codePointAt(i)!))) {
        best = { rank: node.rank, form: node.form!, end: i };
      }
      if (i >= text.length) break;
      const key = fold(text.charCodeAt(i));
      const child: Node | undefined = node.next.get(key);
      if (!child) break;
      i++;
      // A space of the form takes every space that follows (the expression's `[ …]+`).
      if (key === 0x20) while (i < text.length && SPACE_CODES.has(text.charCodeAt(i))) i++;
      node = child;
    }
    return best && { form: best.form, index: start, end: best.end };
  }
}
