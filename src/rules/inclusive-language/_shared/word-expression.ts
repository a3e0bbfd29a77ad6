/**
 * Whole-word expressions without their cost of compilation. `(?<![C])(?:words)(?![C])`, where
 * C is a word character (`LETTER`: `\p{L}\p{M}\p{N}_`), costs V8 about 7 ms to compile (for
 * one-byte and two-byte text, interpreted then native), against 0.2 ms without the two
 * lookarounds: a process paid close to a second for the lexicons' hundred expressions before
 * reading a word. Here the words are searched without the lookarounds, the two characters
 * around a match are told by a table, and the whole expression is compiled only for a match
 * that is not a whole word (a rare case), so the matches are the whole expression's.
 */

/** A word character of the lexicons' expressions: letters, marks, digits, `_`. */
export const LETTER = '\\p{L}\\p{M}\\p{N}_';

/** One word character, with the expressions' two sets of flags. */
const WORD_CHAR = { u: new RegExp(`[${LETTER}]`, 'u'), iu: new RegExp(`[${LETTER}]`, 'iu') };
/** Answers for the Basic Multilingual Plane, by flags: 0 not asked yet, 1 a word character, 2 not one. */
const BMP = { u: new Uint8Array(0x10000), iu: new Uint8Array(0x10000) };

/** Whether the code point `cp` is one `[LETTER]` matches, with or without `i`. */
function isWordChar(cp: number, caseless: boolean): boolean {
  const key = caseless ? 'iu' : 'u';
  if (cp > 0xffff) return WORD_CHAR[key].test(String.fromCodePoint(cp));
  const table = BMP[key];
  let known = table[cp]!;
  if (!known) table[cp] = known = WORD_CHAR[key].test(String.fromCharCode(cp)) ? 1 : 2;
  return known === 1;
}

/** Whether the code point before `i` (a surrogate pair read as one, as `(?<!…)` reads it) is a word character. */
function wordCharBefore(text: string, i: number, caseless: boolean): boolean {
  if (i <= 0) return false;
  let cp = text.charCodeAt(i - 1);
  if (cp >= 0xdc00 && cp <= 0xdfff && i >= 2) {
    const lead = text.charCodeAt(i - 2);
    if (lead >= 0xd800 && lead <= 0xdbff) cp = (lead - 0xd800) * 0x400 + (cp - 0xdc00) + 0x10000;
  }
  return isWordChar(cp, caseless);
}

/** Whether the code point at `i` is a word character (false at the end). */
function wordCharAt(text: string, i: number, caseless: boolean): boolean {
  return i < text.length && isWordChar(text.codePointAt(i)!, caseless);
}

/**
 * `new RegExp('(?<![LETTER])(?:' + source + ')(?![LETTER])', flags)` with `flags` `gu` or
 * `giu`: `exec` and `lastIndex` as a global expression's, with the same matches and groups.
 */
export class WordExpression {
  lastIndex = 0;
  private readonly core: RegExp;
  private whole: RegExp | undefined;
  private wholeGlobal: RegExp | undefined;
  private readonly caseless: boolean;

  /**
   * `startsWithLetter`: every match of `source` starts with a letter (each alternative opens
   * with one, not optional). Otherwise (a match may be empty, or start with a lone surrogate,
   * where V8's own search differs) the whole expression is asked every time. Throws as
   * `new RegExp` does for a source JavaScript cannot read.
   */
  constructor(
    readonly source: string,
    readonly flags: 'gu' | 'giu',
    private readonly startsWithLetter: boolean,
  ) {
    this.core = new RegExp(`(?:${source})`, flags);
    this.caseless = flags === 'giu';
  }

  exec(text: string): RegExpExecArray | null {
    let at = this.lastIndex;
    // Asked to start inside a surrogate pair, or a source that may match elsewhere than at a
    // letter: the whole expression says.
    if (!this.startsWithLetter || (at > 0 && at < text.length && isTrail(text.charCodeAt(at)) && isLead(text.charCodeAt(at - 1)))) {
      const whole = (this.wholeGlobal ??= new RegExp(this.wholeSource(), this.flags));
      whole.lastIndex = at;
      const w = whole.exec(text);
      this.lastIndex = whole.lastIndex;
      return w;
    }
    for (;;) {
      this.core.lastIndex = at;
      const m = at <= text.length ? this.core.exec(text) : null;
      if (!m) {
        this.lastIndex = 0;
        return null;
      }
      const start = m.index;
      const end = start + m[0].length;
      // The first way the words match here is a whole word: it is the whole expression's match.
      if (!wordCharBefore(text, start, this.caseless) && !wordCharAt(text, end, this.caseless)) {
        this.lastIndex = end;
        return m;
      }
      // Otherwise another way may be (a shorter form, another alternative): the whole
      // expression says, at this position only; none starts between `at` and here.
      this.whole ??= new RegExp(this.wholeSource(), this.caseless ? 'iuy' : 'uy');
      this.whole.lastIndex = start;
      const w = this.whole.exec(text);
      if (w) {
        this.lastIndex = this.whole.lastIndex;
        return w;
      }
      at = start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
    }
  }

  private wholeSource(): string {
    return `(?<![${LETTER}])(?:${this.source})(?![${LETTER}])`;
  }
}

const isLead = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isTrail = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * `new RegExp('(?<![LETTER])' + word + '(?![LETTER])', 'u').test(text)` for a word of letters:
 * found with `indexOf`, its two neighbours told by the table; other words are asked of the
 * expression itself (made once per word).
 */
export function hasWord(text: string, word: string): boolean {
  if (!LETTERS_ONLY.test(word)) {
    let re = wordExpressions.get(word);
    if (!re) {
      re = new RegExp(`(?<![${LETTER}])${word}(?![${LETTER}])`, 'u');
      wordExpressions.set(word, re);
    }
    return re.test(text);
  }
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!wordCharBefore(text, at, false) && !wordCharAt(text, at + word.length, false)) return true;
  }
  return false;
}
const LETTERS_ONLY = /^\p{L}+$/u;
const wordExpressions = new Map<string, RegExp>();
