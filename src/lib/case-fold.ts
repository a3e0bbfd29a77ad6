/**
 * Case-insensitive matching without the `i` flag. V8 compiles a Unicode expression with `i`
 * in about twice the time it takes without (it builds the case closure of every class and
 * letter), and a one-posting run (a pre-commit hook) pays that compilation for each
 * expression it runs. An expression written in lower case, without `i`, run on the text
 * lowercased, finds the same matches at the same places, except on the few characters whose
 * lower case is not what `/iu` compares them as: for those texts the `i` form is used.
 */

/**
 * Characters whose `toLowerCase()` differs from their Unicode simple case folding, which `/iu`
 * compares (`ſ` folds to `s`, `ς` to `σ`, `µ` to `μ`…), found in a lowercased text. U+0130
 * (`İ`), whose lower case is two characters, is caught by the length check. The table is
 * checked over every code point by test/case-fold.test.ts.
 */
const UNFOLDED = /[\u00b5\u017f\u0345\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1c80-\u1c88\u1e9b\u1fbe]/;

/**
 * `text` lowercased, character for character (same length, same offsets), when that is how a
 * `/iu` expression sees it; undefined when it is not (then use the `i` form).
 */
export function caseFolded(text: string): string | undefined {
  const low = text.toLowerCase();
  return low.length === text.length && !UNFOLDED.test(low) ? low : undefined;
}

/**
 * A case-insensitive expression, its source in lower case: `folded` (compiled without `i`) for
 * text `caseFolded` gave, `exact` (with `i`, compiled only when needed) for the rest.
 */
export class Caseless {
  readonly folded: RegExp;
  #exact: RegExp | undefined;
  constructor(
    readonly source: string,
    readonly flags: string,
  ) {
    if (!flags.includes('i')) throw new Error(`Caseless: flags without i (${flags})`);
    if (!isFoldable(source)) throw new Error(`Caseless: the source is not lower case (${source})`);
    this.folded = new RegExp(source, flags.replace('i', ''));
  }
  get exact(): RegExp {
    return (this.#exact ??= new RegExp(this.source, this.flags));
  }
  /** The expression to run on `folded ?? text`. */
  pick(folded: string | undefined): RegExp {
    return folded !== undefined ? this.folded : this.exact;
  }
  /** `/iu.test(text)`. */
  test(text: string): boolean {
    const low = caseFolded(text);
    const re = this.pick(low);
    re.lastIndex = 0;
    return re.test(low ?? text);
  }
}

/**
 * Whether an expression's source means the same without `i` on lowercased text: in lower case
 * but for escapes that no case changes (`\p{L}`, `\p{N}`, `\D`, `\S`, `\W`, `\B`), no character
 * the fold table lists, no escape that names an upper-case letter by number (`\u0041` is
 * `A`), no class range (`[@-\[]` holds `A`–`Z`, so with `i` it holds `a`: a `-` in a class
 * must be its first or last character), and no flag group (`(?-i:…)`, in newer Nodes).
 */
export function isFoldable(source: string): boolean {
  const rest = source.replace(/\\\\|\\[pP]\{(?:L|N|Letter|Number)\}|\\[DSWB]/g, '');
  if (rest !== rest.toLowerCase() || UNFOLDED.test(rest)) return false;
  for (const m of rest.matchAll(/\\(?:u\{([0-9a-f]+)\}|u([0-9a-f]{4})|x([0-9a-f]{2}))/g)) {
    const ch = String.fromCodePoint(parseInt(m[1] ?? m[2] ?? m[3]!, 16));
    if (ch.toLowerCase() !== ch || UNFOLDED.test(ch)) return false;
  }
  // The source itself, escapes skipped: a `-` inside a class that is not at one of its ends.
  let start = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (start < 0) {
      if (c === '[') start = source[i + 1] === '^' ? ++i : i;
      else if (c === '(' && /^\(\?[-a-z]+[:)]/.test(source.slice(i, i + 12))) return false;
    } else if (c === ']') start = -1;
    else if (c === '-' && i > start + 1 && source[i + 1] !== ']') return false;
  }
  return true;
}
