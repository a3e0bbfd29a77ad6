// The lexicons' whole-word expressions are searched without compiling their boundaries
// (src/rules/inclusive-language/_shared/word-expression.ts): they must find what the whole
// expression finds, match for match and group for group, and so must the word test of
// masculine-title and the word statistics of language detection.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LETTER, hasWord } from '../src/rules/inclusive-language/_shared/word-expression.js';
import { wordRegExp } from '../src/rules/inclusive-language/_shared/lexicon.js';
import { textStats } from '../src/lib/language-detect.js';

function all(re: { lastIndex: number; exec(t: string): RegExpExecArray | null }, text: string): unknown[] {
  const out: unknown[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push([m.index, [...m], re.lastIndex]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

const SOURCES = [
  'chairman|chairmen',
  'candidats?|candidat',
  // a longer form that is not a whole word here, a shorter one that is: `candidat` in `candidats·es`
  'candidats·es|candidats|candidat',
  'employés(?<=(?:les|des|nos)\\s+employés)|employés(?=\\s+(?:du|de la))',
  'himself\\s+or\\s+herself|his\\s+or\\s+her',
  '(a)(b)?|ab',
  'x?',
  '𝒜bc|bc',
  'ſtaff|staff',
];
const TEXTS = [
  'The chairman and the chairmen; chairmanship, vice-chairman, _chairman, chairman2, CHAIRMAN.',
  'les candidats, la candidate, des candidats·es, candidat·e, candidatE, le candidat.',
  'les employés du ministère, nos employés, employés de la fonction, des employésXYZ',
  'himself or herself, his or her, hisor her, his\nor\nher',
  'ab aab abc ab_ ab1 (a) a b',
  '',
  'x xx yxy',
  '𝒜bc bc 𝒜bc𝒜 bc𝒜 \uD835bc bc\uDC9C',
  'ſtaff STAFF staff ſtaffé',
  'é́chairman chairmañ chairman\u0301 Kchairman chairmanK',
];

describe('wordRegExp', () => {
  for (const flags of ['gu', 'giu'] as const) {
    test(`finds what the whole expression finds (${flags})`, () => {
      for (const source of SOURCES) {
        const whole = new RegExp(`(?<![${LETTER}])(?:${source})(?![${LETTER}])`, flags);
        const fast = wordRegExp(source, flags === 'gu');
        for (const text of TEXTS) expect([source, text, all(fast, text)]).toEqual([source, text, all(whole, text)]);
      }
    });
  }

  test('throws as the whole expression does for a source JavaScript cannot read', () => {
    expect(() => wordRegExp('a(')).toThrow(SyntaxError);
  });
});

describe('hasWord', () => {
  test('tells a whole word as the word expression does', () => {
    const words = ['conseillère', 'analyste', 'bc', '𝒜bc', 'a.b', 'ère'];
    const texts = [...TEXTS, 'la conseillère principale', 'conseillères', 'sous-conseillère', 'a.b axb', 'première'];
    for (const word of words) {
      const re = new RegExp(`(?<![${LETTER}])${word}(?![${LETTER}])`, 'u');
      for (const text of texts) expect([word, text, hasWord(text, word)]).toEqual([word, text, re.test(text)]);
    }
  });
});

describe('textStats', () => {
  // The function words as the lists have them, looked up by text: the reference.
  const en = new Set('the and of to in is are for with you we our your will be that this at by from it have has who what can their they not'.split(' '));
  const fr = new Set(
    'le la les de des du et un une en est sont pour avec sur vous nous notre nos votre vos qui que dans au aux par ce cette ces d l à être sera se ne pas leur leurs'.split(' '),
  );
  function reference(text: string) {
    const stats = { letters: 0, words: { en: 0, fr: 0 } };
    for (const m of text.matchAll(/\p{L}+/gu)) {
      stats.letters += m[0].length;
      if (m[0].length > 5) continue;
      const w = en.has(m[0]) || fr.has(m[0]) ? m[0] : m[0].toLowerCase();
      if (en.has(w)) stats.words.en++;
      if (fr.has(w)) stats.words.fr++;
    }
    return stats;
  }

  test('counts letters and function words as reading each word would', () => {
    const texts = [
      ...TEXTS,
      'The THE tHe à À être ÊTRE Être de DE d’un l’équipe L’ÉQUIPE theatre thee a1the the_and',
      'Nous sommes à la recherche d’une personne pour le poste; vous serez au cœur de l’équipe.',
    ];
    const fixtures = new URL('../fixtures', import.meta.url).pathname;
    for (const e of readdirSync(fixtures, { recursive: true, withFileTypes: true }).slice(0, 200)) {
      if (e.isFile() && e.name.endsWith('.md')) texts.push(readFileSync(join(e.parentPath ?? e.path, e.name), 'utf8'));
    }
    for (const text of texts) expect(textStats(text)).toEqual(reference(text));
  });
});
