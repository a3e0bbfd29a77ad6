/**
 * The phrase matcher of pairing/values (duration words) finds what the expression it replaces
 * found: the same phrases at the same places, on texts made to be hard for it (case, spaces of
 * every width, apostrophes, hyphens, letters and digits touching a phrase, accents).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PhraseMatcher } from '../src/pairing/phrase-matcher.js';

const ROOT = new URL('..', import.meta.url).pathname;
const table = JSON.parse(readFileSync(join(ROOT, 'data', 'durations.json'), 'utf8')) as { words: Array<{ forms: string[] }> };
const forms = [...new Set(table.words.flatMap((w) => w.forms.map((f) => f.toLowerCase().replace(/[’]/g, "'"))))];

/** The expression pairing/values built before (kept here as the reference). */
function reference(list: string[]): RegExp {
  const SP = '[ \\u00a0\\u202f\\u2009]';
  const sorted = [...list].sort((a, b) => b.length - a.length);
  return new RegExp(
    `(?<![\\p{L}\\d-])(?:${sorted.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, `${SP}+`).replace(/'/g, "['’]")).join('|')})(?![\\p{L}\\d-])`,
    'giu',
  );
}

function viaRegex(re: RegExp, text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

const viaTrie = (matcher: PhraseMatcher, text: string) => [...matcher.matches(text)].map((m) => [m.index, m.end] as [number, number]);

/** A small deterministic generator (the same texts on every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('PhraseMatcher', () => {
  const matcher = new PhraseMatcher(forms);
  const re = reference(forms);

  test('finds the duration words of the data table as the expression did, on sentences of postings', () => {
    const texts = [
      'The contract is renewed annually, and you will be paid every two weeks (biweekly).',
      'Le contrat est renouvelé chaque année; la paie est versée toutes les deux semaines.',
      'Une fois par an, nous faisons le bilan; un an et demi plus tard, une année et demie.',
      'Twice a year, ONE YEAR AND A HALF, Every\u00a0Month, une\u202fsemaine\u2009sur  deux.',
      "A semi-annual review; half-year; day-to-day; everyday; l’an; d'un an; au jour le jour.",
      'yearly2 year-ly x-annually annually- annuallyx xannually 3weekly weekly3 é-mensuel mensuelé',
      'quarterly quarterly,quarterly.quarterly', 'ſemi-annual', 'ANNUEL Annuelle ANNUELLEMENT',
      '𝐀annually annually𝐀 a month a monthly per annum one and a half years',
    ];
    for (const t of texts) expect(viaTrie(matcher, t)).toEqual(viaRegex(re, t));
    expect(viaTrie(matcher, texts[0]!).length).toBeGreaterThan(0);
  });

  test('the same matches on 3,000 generated texts', () => {
    const next = rng(42);
    const pieces = [...forms, ...forms.map((f) => f.toUpperCase()), ' ', '\u00a0', '\u202f', '\u2009', '  ', '-', "'", '’', 'a', 'é', '3', ',', '.', '(', ')', 'x', 'E', '\n', 'année', 'an', 'par', 'un', 'une', 'every', 'a'];
    let total = 0;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const n = 1 + Math.floor(next() * 12);
      for (let j = 0; j < n; j++) text += pieces[Math.floor(next() * pieces.length)];
      const expected = viaRegex(re, text);
      total += expected.length;
      expect(viaTrie(matcher, text)).toEqual(expected);
    }
    expect(total).toBeGreaterThan(500);
  });
});
