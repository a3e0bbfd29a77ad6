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
import { wordChars } from './word-chars.js';

/** A word character of the edges: a letter, a digit or `_`. */
const WORD_BODY = '\\p{L}\\p{N}_';
const WORD = `[${WORD_BODY}]`;
const BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;

export interface DataRegExp {
  strict: RegExp;
  loose: RegExp;
  /**
   * The loose form with an empty named group where each `\b` was (`d` flag), when the
   * pattern allows (see `markedSource`); else undefined. `matches` reads in one match of it
   * whether the strict form matches, without compiling the strict form.
   */
  readonly marked?: RegExp;
}

/**
 * What the loose form has in place of a `\b`: an empty group, so that a quantifier written
 * after the `\b` (`\b?`) stays on it, as in the strict form, and not on what comes before.
 */
const NO_EDGE = '(?:)';

const cache = new Map<string, DataRegExp>();

/**
 * The forms of a pattern, each made when first used: a run on one posting (a pre-commit hook)
 * compiles only the patterns its text reaches (a strict form only where the others could not
 * decide), not every pattern of every table; Unicode-aware expressions take V8 a while to parse.
 */
function lazyForms(source: string, flags: string): DataRegExp {
  let strict: RegExp | undefined;
  let loose: RegExp | undefined;
  let marked: RegExp | null | undefined;
  return {
    get strict() {
      return (strict ??= new RegExp(edges(source, BOUNDARY), flags));
    },
    get loose() {
      return (loose ??= new RegExp(edges(source, NO_EDGE), flags.replace('g', '')));
    },
    get marked() {
      if (marked === undefined) marked = markedForm(source, flags);
      return marked ?? undefined;
    },
  };
}

/** A pattern's forms, and the same without `i` for text `caseFolded` lowercased (see formsFor). */
class LazyDataRegExp implements DataRegExp {
  readonly #forms: DataRegExp;
  #folded: DataRegExp | undefined;
  /** A case-insensitive pattern that means the same without `i` on lowercased text (see case-fold.ts). */
  readonly foldable: boolean;
  constructor(
    private readonly source: string,
    private readonly flags: string,
  ) {
    this.#forms = lazyForms(source, flags);
    this.foldable = flags.includes('i') && isFoldable(source);
  }
  get strict(): RegExp {
    return this.#forms.strict;
  }
  get loose(): RegExp {
    return this.#forms.loose;
  }
  get marked(): RegExp | undefined {
    return this.#forms.marked;
  }
  /** The forms without `i`: V8 compiles them in about half the time. */
  get folded(): DataRegExp {
    return (this.#folded ??= lazyForms(this.source, this.flags.replace('i', '')));
  }
}

/*
 * The strict form costs V8 about 0.4 ms to compile for each `\b` (four Unicode classes in
 * look-arounds), some 5 ms for the accommodation sentence alone: most of what a one-posting
 * run spends compiling expressions. Yet where the loose form matches, its match usually has
 * its word edges where the `\b` were. The marked form is the loose one with an empty group at
 * each of those places: when each place its match went through is a word edge, that match is
 * one of the strict form too (the same path, each edge holding), and the strict form is never
 * compiled. When one is not, the strict form decides, as before. Only for a pattern whose
 * every `\b` is outside any group and character class (each then passed by a match at one place
 * only, the one its group gives), and which refers to no group by number (the markers
 * are groups too); a pattern with no `\b` has none.
 */
const MARKER = '__postingsEdge';

/** The loose form with markers (flags without `g`, with `d`), or null when the pattern does not allow it. */
function markedForm(source: string, flags: string): RegExp | null {
  const marked = flags.includes('u') ? markedSource(source) : undefined;
  return marked === undefined ? null : new RegExp(marked, `${flags.replace('g', '')}d`);
}

/** `source` with each `\b` made a marker group, or undefined (see above). */
export function markedSource(source: string): string | undefined {
  let out = '';
  let depth = 0;
  let inClass = false;
  let markers = 0;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      if (next === 'b') {
        if (inClass || depth > 0) return undefined;
        out += `${source.slice(from, i)}(?<${MARKER}${markers++}>)`;
        from = i + 2;
      } else if (next !== undefined && next >= '1' && next <= '9' && !inClass) return undefined;
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  if (!markers || source.includes(MARKER)) return undefined;
  return out + source.slice(from);
}

/** A letter, a digit or `_`, as the strict form's look-arounds read them (with `i` too). */
const WORD_CHARS = wordChars(WORD_BODY);

/** Whether each marker the match went through is at a word edge (a Unicode `\b`). */
function edgesHold(match: RegExpExecArray, text: string, ignoreCase: boolean): boolean {
  const groups = match.indices?.groups;
  if (!groups) return false;
  for (const name in groups) {
    if (!name.startsWith(MARKER)) continue;
    const at = groups[name]?.[0];
    if (at !== undefined && WORD_CHARS.before(text, at, ignoreCase) === WORD_CHARS.at(text, at, ignoreCase)) return false;
  }
  return true;
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

/**
 * Whether `text` matches the strict form: no when the loose one does not match, yes when the
 * marked one's match has its edges (see `markedSource`), else the strict form decides.
 */
export function matches(re: DataRegExp, text: string): boolean {
  const { forms, subject } = formsFor(re, text);
  const marked = forms.marked;
  if (marked) {
    marked.lastIndex = 0;
    const m = marked.exec(subject);
    if (!m) return false;
    if (edgesHold(m, subject, marked.ignoreCase)) return true;
  } else if (!forms.loose.test(subject)) return false;
  const strict = forms.strict;
  strict.lastIndex = 0;
  return strict.test(subject);
}

/**
 * Whether `text` may match: the loose form only (a superset), to reject text whole before
 * splitting it. The same form `matches` runs first (the marked one, when there is one), so
 * that a run compiles one.
 */
export function mayMatch(re: DataRegExp, text: string): boolean {
  const { forms, subject } = formsFor(re, text);
  return (forms.marked ?? forms.loose).test(subject);
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
  // The form `matches` and `mayMatch` run first, so that a pattern used both ways compiles one.
  if (!(re.marked ?? re.loose).test(text)) return [];
  return [...text.matchAll(re.strict)];
}
