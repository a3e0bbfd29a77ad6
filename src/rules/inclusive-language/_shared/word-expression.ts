/**
 * Whole-word expressions without their cost of compilation. `(?<![C])(?:words)(?![C])`, where
 * C is a word character (`LETTER`: `\p{L}\p{M}\p{N}_`), costs V8 about 7 ms to compile (for
 * one-byte and two-byte text, interpreted then native), against 0.2 ms without the two
 * lookarounds: a process paid close to a second for the lexicons' hundred expressions before
 * reading a word. Here the words are searched without the lookarounds, the two characters
 * around a match are told by a table, and the whole expression is compiled only for a match
 * that is not a whole word (a rare case), so the matches are the whole expression's.
 */

import { wordChars } from '../../../lib/word-chars.js';

/** A word character of the lexicons' expressions: letters, marks, digits, `_`. */
export const LETTER = '\\p{L}\\p{M}\\p{N}_';

/** Its word characters, as the expressions' look-arounds read them. */
const WORD_CHARS = wordChars(LETTER);

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
      if (!WORD_CHARS.before(text, start, this.caseless) && !WORD_CHARS.at(text, end, this.caseless)) {
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
    if (!WORD_CHARS.before(text, at, false) && !WORD_CHARS.at(text, at + word.length, false)) return true;
  }
  return false;
}
const LETTERS_ONLY = /^\p{L}+$/u;
const wordExpressions = new Map<string, RegExp>();
