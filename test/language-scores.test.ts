// The English/French scores language/mismatch and the inclusive-language rules read are
// franc-min's own, computed for two languages only: the same numbers, to the bit, as
// `francAll(text, { only: ['eng', 'fra'], minLength: 1 })`, whatever the text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { francAll } from 'franc-min';
import { expressions } from 'franc-min/expressions.js';
import { englishOrFrench } from '../src/lib/language-detect.js';

const franc = (text: string) => francAll(text, { only: ['eng', 'fra'], minLength: 1 });

function paragraphsOf(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) paragraphsOf(p, out);
    else if (e.name.endsWith('.md')) out.push(...readFileSync(p, 'utf8').split(/\n\s*\n/));
  }
  return out;
}

// A small deterministic generator (no Math.random: a failure must be reproducible).
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const WORDS = [
  'the', 'and', 'of', 'team', 'product', 'you', 'will', 'work', 'with', 'our', 'digital', 'services',
  'le', 'la', 'les', 'de', 'des', 'et', 'équipe', 'vous', 'travaillerez', 'avec', 'nos', 'numérique', 'l’équipe', 'd’un',
  'Canada', 'GC', 'Notify', 'DevOps', '2024', '3.5', 'e.g.', '(CDS)', '«', '»', '–', '—', '…', '!', '?', ':', ';', '#',
  'naïve', 'cœur', 'Ça', 'où', 'façon', 'ÉQUIPE', 'İstanbul', 'ß', 'ﬁ', '\u00a0', '\u202f', '\t', '\n', '  ',
];

describe('englishOrFrench is franc-min’s francAll for English and French', () => {
  test('on every paragraph of the fixtures', () => {
    const texts = paragraphsOf('fixtures');
    expect(texts.length).toBeGreaterThan(200);
    for (const text of texts) expect([text, englishOrFrench(text)]).toEqual([text, franc(text)]);
  });

  test('on generated texts of English, French, digits, punctuation and typography', () => {
    const next = random(42);
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(next() * (n % 10 === 0 ? 600 : 60));
      const words: string[] = [];
      for (let i = 0; i < length; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]!);
      const text = words.join(next() < 0.5 ? ' ' : '');
      expect([text, englishOrFrench(text)]).toEqual([text, franc(text)]);
    }
  });

  test('on texts franc reads another script in, or none, and past its 2,048 characters', () => {
    const long = 'Vous travaillerez avec l’équipe des services numériques. '.repeat(60);
    for (const text of [
      '',
      ' ',
      '1234 5678',
      '— « » …',
      'Привет, мир, the team',
      'Мы работаем в команде и вы будете работать с нами',
      'The team 🙂 and the product 🚀 of the service',
      '日本語のテキスト and the team',
      'the team \uFFFC of the product',
      'İstanbul: the team of the product',
      'Ελληνικά κείμενο',
      'ab аб',
      'аб ab',
      'l’équipe ﬁnale de la DGSI',
      long,
      `${long}Привет`,
      `Привет ${long}`,
    ]) {
      expect([text, englishOrFrench(text)]).toEqual([text, franc(text)]);
    }
  });

  test('no script but Latin has a character below U+0370 or in General Punctuation (the fast path’s premise)', () => {
    const others = Object.entries(expressions)
      .filter(([name]) => name !== 'Latin')
      .map(([, re]) => new RegExp(re.source));
    let checked = 0;
    for (const [from, to] of [
      [0, 0x36f],
      [0x2000, 0x206f],
    ] as const) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        for (const re of others) expect([c, re.test(ch)]).toEqual([c, false]);
        checked++;
      }
    }
    expect(checked).toBe(0x370 + 0x70);
  });
});
