/**
 * Regular expressions from data tables. Writers of those tables think of `\b` as "a word
 * edge" in French too, but in JavaScript `\b` only knows ASCII letters (there is no edge
 * between a space and `é`). Here `\b` is made Unicode-aware, and every pattern is
 * case-insensitive (unless asked otherwise) and Unicode.
 *
 * A Unicode edge is a lookaround, which stops the regular expression engine from jumping
 * to the pattern's first letters: on a whole site that costs hundreds of milliseconds. So
 * each pattern also has a `loose` form without the edges, a superset of the strict one and
 * fast to reject with; the strict form only runs on text the loose one matched.
 */
import { caseFolded, isFoldable } from './case-fold.js';

const WORD = '[\\p{L}\\p{N}_]';
const BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;

export interface DataRegExp {
  strict: RegExp;
  loose: RegExp;
}

const cache = new Map<string, DataRegExp>();

/**
 * Both forms are made when first used: a run on one posting (a pre-commit hook) compiles only
 * the patterns its text reaches (a strict form only where the loose one matched), not every
 * pattern of every table; Unicode-aware expressions take V8 a while to parse.
 */
class LazyDataRegExp implements DataRegExp {
  #strict: RegExp | undefined;
  #loose: RegExp | undefined;
  #folded: DataRegExp | undefined;
  /** A case-insensitive pattern that means the same without `i` on lowercased text (see case-fold.ts). */
  readonly foldable: boolean;
  constructor(
    private readonly source: string,
    private readonly flags: string,
  ) {
    this.foldable = flags.includes('i') && isFoldable(source);
  }
  get strict(): RegExp {
    return (this.#strict ??= new RegExp(edges(this.source, BOUNDARY), this.flags));
  }
  get loose(): RegExp {
    return (this.#loose ??= new RegExp(edges(this.source, ''), this.flags.replace('g', '')));
  }
  /** Both forms without `i`, for text `caseFolded` lowercased: V8 compiles them in about half the time. */
  get folded(): DataRegExp {
    return (this.#folded ??= foldedForms(this.source, this.flags.replace('i', '')));
  }
}

/** The two forms of a pattern, each made when first used (the strict one only where the loose one matched). */
function foldedForms(source: string, flags: string): DataRegExp {
  let strict: RegExp | undefined;
  let loose: RegExp | undefined;
  return {
    get strict() {
      return (strict ??= new RegExp(edges(source, BOUNDARY), flags));
    },
    get loose() {
      return (loose ??= new RegExp(edges(source, ''), flags.replace('g', '')));
    },
  };
}

/** `source` with each `\b` that is not itself escaped (`\\b` stays a backslash and a `b`) made `by`. */
function edges(source: string, by: string): string {
  return source.replace(/(\\\\)|\\b/g, (whole, escaped: string | undefined) => (escaped ? whole : by));
}

export function dataPattern(source: string, flags = 'iu'): DataRegExp {
  const id = `${flags}\u0000${source}`;
  let re = cache.get(id);
  if (!re) {
    re = new LazyDataRegExp(source, flags);
    cache.set(id, re);
  }
  return re;
}

export function dataPatterns(sources: readonly string[] | undefined, flags = 'iu'): DataRegExp[] {
  return (sources ?? []).map((s) => dataPattern(s, flags));
}

/** The forms to run and the text to run them on (lowercased, for a foldable pattern; see case-fold.ts). */
function formsFor(re: DataRegExp, text: string): { forms: DataRegExp; subject: string } {
  const low = re instanceof LazyDataRegExp && re.foldable ? foldedText(text) : undefined;
  return low !== undefined ? { forms: (re as LazyDataRegExp).folded, subject: low } : { forms: re, subject: text };
}

/** Whether `text` matches (the strict form, tried only when the loose one matches). */
export function matches(re: DataRegExp, text: string): boolean {
  const { forms, subject } = formsFor(re, text);
  if (!forms.loose.test(subject)) return false;
  const strict = forms.strict;
  strict.lastIndex = 0;
  return strict.test(subject);
}

/**
 * Whether `text` may match: the loose form only (a superset), to reject text whole before
 * splitting it. The same form `matches` runs first, so that a run compiles one.
 */
export function mayMatch(re: DataRegExp, text: string): boolean {
  const { forms, subject } = formsFor(re, text);
  return forms.loose.test(subject);
}

/** The last text lowercased, kept: a sentence is tried against several patterns in a row. */
let lastText: string | undefined;
let lastFolded: string | undefined;
function foldedText(text: string): string | undefined {
  if (text !== lastText) {
    lastText = text;
    lastFolded = caseFolded(text);
  }
  return lastFolded;
}

/** Every match of a pattern compiled with the `g` flag. */
export function matchAll(re: DataRegExp, text: string): RegExpMatchArray[] {
  if (!re.loose.test(text)) return [];
  return [...text.matchAll(re.strict)];
}
