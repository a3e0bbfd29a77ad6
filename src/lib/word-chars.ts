/**
 * Word characters as a Unicode regular expression's look-arounds read them, without running
 * one at each place: `wordChars('\\p{L}\\p{N}_')` tells whether `(?<=[\p{L}\p{N}_])` and
 * `(?=[\p{L}\p{N}_])` would hold at a place of a text (a surrogate pair read as one code point),
 * with `u` or with `iu` (under which a class can take more: `[\p{L}]` takes U+0345). Answers
 * for the Basic Multilingual Plane are kept in a table of each set of flags, made when first
 * asked.
 */
export interface WordChars {
  /** Whether the code point that ends at `i` is a word character (false at the start). */
  before(text: string, i: number, caseless: boolean): boolean;
  /** Whether the code point at `i` is a word character (false at the end). */
  at(text: string, i: number, caseless: boolean): boolean;
}

/** The word characters of a character class, given by its body (`\\p{L}\\p{N}_`). */
export function wordChars(classBody: string): WordChars {
  const one = { u: new RegExp(`[${classBody}]`, 'u'), iu: new RegExp(`[${classBody}]`, 'iu') };
  /** By flags: 0 not asked yet, 1 a word character, 2 not one. */
  const bmp: { u?: Uint8Array; iu?: Uint8Array } = {};
  const is = (cp: number, caseless: boolean): boolean => {
    const key = caseless ? 'iu' : 'u';
    if (cp > 0xffff) return one[key].test(String.fromCodePoint(cp));
    const table = (bmp[key] ??= new Uint8Array(0x10000));
    let known = table[cp]!;
    if (!known) table[cp] = known = one[key].test(String.fromCharCode(cp)) ? 1 : 2;
    return known === 1;
  };
  return {
    before(text, i, caseless) {
      if (i <= 0) return false;
      let cp = text.charCodeAt(i - 1);
      if (cp >= 0xdc00 && cp <= 0xdfff && i >= 2) {
        const lead = text.charCodeAt(i - 2);
        if (lead >= 0xd800 && lead <= 0xdbff) cp = (lead - 0xd800) * 0x400 + (cp - 0xdc00) + 0x10000;
      }
      return is(cp, caseless);
    },
    at(text, i, caseless) {
      return i < text.length && is(text.codePointAt(i)!, caseless);
    },
  };
}
