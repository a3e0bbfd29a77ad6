/**
 * Regular expressions from data tables. Writers of those tables think of `\b` as "a word
 * edge" in French too, but in JavaScript `\b` only knows ASCII letters (there is no edge
 * between a space and `é`). Here `\b` is made Unicode-aware, and every pattern is
 * case-insensitive and Unicode.
 */
const WORD = '[\\p{L}\\p{N}_]';
const BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;

const cache = new Map<string, RegExp>();

export function dataPattern(source: string, flags = 'iu'): RegExp {
  const id = `${flags}\u0000${source}`;
  let re = cache.get(id);
  if (!re) {
    // Replace `\b` that is not itself escaped (`\\b` stays a backslash and a `b`).
    const unicode = source.replace(/(\\\\)|\\b/g, (whole, escaped: string | undefined) => (escaped ? whole : BOUNDARY));
    re = new RegExp(unicode, flags);
    cache.set(id, re);
  }
  return re;
}

export function dataPatterns(sources: readonly string[] | undefined, flags = 'iu'): RegExp[] {
  return (sources ?? []).map((s) => dataPattern(s, flags));
}
