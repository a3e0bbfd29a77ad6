/**
 * Case-insensitive expressions run without `i` on lowercased text (src/lib/case-fold.ts) find
 * what the `i` form finds, at the same places: the table of characters whose lower case is not
 * what `/iu` compares is complete over every code point, and the value and data patterns that
 * use it match as before on texts made to be hard for them.
 */
import { Caseless, caseFolded, isFoldable } from '../src/lib/case-fold.js';
import { dataPattern, matches } from '../src/lib/patterns.js';
import { scanValues } from '../src/pairing/values.js';

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

test('every character whose lower case /iu does not compare as equal makes caseFolded give up', () => {
  const missed: string[] = [];
  for (let c = 0; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCodePoint(c);
    const low = s.toLowerCase();
    if (low === s && s.toUpperCase() === s) continue; // no case at all
    if (caseFolded(s) === undefined) continue; // given up: the `i` form is used
    // Same length, and /iu sees `s` as `low` and as nothing else `low` is not.
    const others = new Set([s.toUpperCase(), s.toUpperCase().toLowerCase(), low.toUpperCase().toLowerCase()]);
    const wrong = [...others].some((q) => q !== low && [...q].length === 1 && q === q.toLowerCase() && new RegExp(`^${escape(q)}$`, 'iu').test(s));
    if (low.length !== s.length || !new RegExp(`^${escape(low)}$`, 'iu').test(s) || wrong) missed.push(c.toString(16));
  }
  expect(missed).toEqual([]);
});

test('caseFolded keeps offsets, and gives up on the characters that fold elsewhere', () => {
  expect(caseFolded('Mars 2023, ÉTÉ')).toBe('mars 2023, été');
  for (const s of ['İstanbul', 'ſept', 'ΟΔΟΣ', 'µs']) expect(caseFolded(s)).toBeUndefined();
});

test('isFoldable takes lower-case sources, and refuses what means something else without i', () => {
  expect(isFoldable(String.raw`(?<![\p{L}\d])mars?\s+\d+`)).toBe(true);
  expect(isFoldable(String.raw`[ \u00a0\u202f]+d['’]adaptation\b`)).toBe(true);
  for (const bad of ['Mars', String.raw`\p{Lu}`, String.raw`\u0041`, '[@-\\[]', '[a-z]', 'ſ', String.raw`[!-\\]`, String.raw`[\$-\[]`, String.raw`[\(-\]]`, '(?-i:tbd)', '(?i:x)']) {
    expect([bad, isFoldable(bad)]).toEqual([bad, false]);
  }
  // A `-` at an end of a class is itself.
  for (const good of [String.raw`[.,/-]`, String.raw`[-a]`, String.raw`[^-a]`, String.raw`(?:x|-)`, String.raw`[\d\-]`]) expect([good, isFoldable(good)]).toEqual([good, true]);
  expect(() => new Caseless('March', 'giu')).toThrow();
  expect(() => new Caseless('march', 'gu')).toThrow();
});

/** Texts made to be hard: every case, accents, the characters that fold elsewhere, dates and durations. */
function texts(): string[] {
  const pieces = [
    'March 3, 2023', 'MARCH 3RD', 'le 1er Avril 2024', '3 MARS 2023', 'Dec/02/2019', 'mars 2023', 'May 2022', 'may 2022',
    'Three Years', 'TROIS ANS', 'deux semaines', '10 Business Days', '3 à 6 mois', 'Every 3, 6, Or 12 Months', 'More Than 20',
    'PLUS DE 20', '1,500+', 'ſept 3', 'İ 3 ans', '$85,000', '12 Mois Complets', 'ΟΔΟΣ 3 days', 'K 5 Years', 'Février 2021',
  ];
  const out: string[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < 400; i++) {
    const n = 1 + (next() % 4);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(pieces[next() % pieces.length]!);
    out.push(parts.join(next() % 2 ? ' and ' : ', '));
  }
  return out;
}

test('scanValues finds the same values at the same places as the i forms do', () => {
  // The reference: the same text with a character that makes caseFolded give up, so that the
  // `i` forms run (the character is put at the end, after a line break no pattern crosses).
  for (const t of texts()) {
    const folded = scanValues(t);
    const exact = scanValues(`${t}\nſ`).filter((v) => v.end <= t.length);
    expect([t, folded]).toEqual([t, exact]);
  }
});

test('data patterns match the same sentences folded as with i', () => {
  const re = dataPattern(String.raw`\baccommodat\w*\b[^.!?]{0,300}\b(?:assessment|évaluation)\w*`);
  for (const t of ['ACCOMMODATION during the Assessment', 'Accommodations, ÉVALUATION', 'accommodation. assessment', 'ſ accommodation assessment', 'İ Accommodation EVALUATIONS']) {
    const exact = new RegExp(String.raw`(?<![\p{L}\p{N}_])accommodat\w*[^.!?]{0,300}(?<![\p{L}\p{N}_])(?:assessment|évaluation)\w*`, 'iu').test(t);
    expect([t, matches(re, t)]).toEqual([t, exact]);
  }
});
