/**
 * Data patterns (src/lib/patterns.ts): `\b` is a Unicode word edge. `matches` may decide from
 * the loose form's match with its edges marked, without the strict form: it must answer as
 * the strict form does, on any pattern and text.
 */
import { dataPattern, markedSource, matches } from '../src/lib/patterns.js';

const WORD = '[\\p{L}\\p{N}_]';
const EDGE = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
/** The reference: every `\b` (not escaped) a Unicode edge, as the strict form. */
const strict = (source: string, flags: string) => new RegExp(source.replace(/(\\\\)|\\b/g, (w, esc) => (esc ? w : EDGE)), flags);

test('the markers go where a \\b is outside groups and classes, and nowhere else', () => {
  expect(markedSource(String.raw`\bcat\w*\b`)).toBe(String.raw`(?<__postingsEdge0>)cat\w*(?<__postingsEdge1>)`);
  expect(markedSource(String.raw`\\b`)).toBeUndefined(); // a backslash and a b: no edge at all
  expect(markedSource(String.raw`(?:\bcat)+`)).toBeUndefined(); // passed more than once
  expect(markedSource(String.raw`[\b]cat`)).toBeUndefined();
  expect(markedSource(String.raw`\b(a)\1`)).toBeUndefined(); // a marker would renumber the group
  expect(markedSource('cat')).toBeUndefined();
});

test('a match whose marked place is not a Unicode edge is decided by the strict form', () => {
  // ASCII `\b` sees an edge between `é` and `l`; a Unicode one does not.
  expect(matches(dataPattern(String.raw`\blève\b`), 'Un élève')).toBe(false);
  expect(matches(dataPattern(String.raw`\blève\b`), 'On lève la main, un élève')).toBe(true);
  // The first match (`cat` in `concat`) has no edge; a later one does.
  expect(matches(dataPattern(String.raw`\bcat\b`), 'concat the cat')).toBe(true);
  expect(matches(dataPattern(String.raw`\bcat\b`), 'concatenate')).toBe(false);
  expect(matches(dataPattern(String.raw`\bvaccin\w*`), 'Les vaccinations')).toBe(true);
  expect(matches(dataPattern(String.raw`\bmesures?\s+d['’]adaptation\b`), 'des mesures d’adaptations')).toBe(false);
});

test('matches answers as the strict form on random patterns and texts', () => {
  // xorshift32: every bit of each draw varies.
  let state = 20261202;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  const pick = <T>(xs: readonly T[]) => xs[next() % xs.length]!;
  const atoms = ['\\b', '\\b', '\\b', '\\b?', '\\b{2}', 'a', 'é', 'le', 'ève', '_', '1', '\\w*', '\\s+', '[^.]{0,5}', '(?:a|é)', '(?:\\ba)', '(?:a\\b)?', '(?<=a)', '(?!é)', '|', '.', '-', '𝒜', 'x?'];
  // U+0345: a word character under `i` only; U+0301: a combining mark, not one.
  const chars = ['a', 'é', 'l', 'e', 'è', 'v', ' ', '_', '1', '.', '-', '𝒜', '😀', 'É', 'A', '\u0301', '\u0345', 'ſ', 'K'];
  const distinct = new Set<string>();
  let decidedByMarks = 0;
  for (let i = 0; i < 6000; i++) {
    const source = Array.from({ length: 1 + (next() % 5) }, () => pick(atoms)).join('');
    const text = Array.from({ length: next() % 12 }, () => pick(chars)).join('');
    const flags = pick(['iu', 'u', 'giu']);
    const expected = strict(source, flags.replace('g', '')).test(text);
    expect([source, flags, text, matches(dataPattern(source, flags), text)]).toEqual([source, flags, text, expected]);
    distinct.add(`${source}\u0000${text}`);
    if (expected && markedSource(source)) decidedByMarks++;
  }
  expect(distinct.size).toBeGreaterThan(5000);
  // The random patterns do reach the markers (not only the strict form).
  expect(decidedByMarks).toBeGreaterThan(300);
});

test('U+0345 is a word character under i, as in the strict form', () => {
  expect(matches(dataPattern(String.raw`\ba`), '\u0345a')).toBe(false);
  expect(matches(dataPattern(String.raw`\ba`, 'u'), '\u0345a')).toBe(true);
});

test('a quantifier after \\b stays on it in every form', () => {
  expect(matches(dataPattern(String.raw`(?:a\b{2})`), 'a ')).toBe(true);
  expect(matches(dataPattern(String.raw`^\b?a`), 'a')).toBe(true);
});
