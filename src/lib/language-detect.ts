/**
 * English or French? Trigram scores from franc-min (a well-kept detector, 82 languages),
 * asked only to choose between English and French, and only on enough text to be sure.
 * Titles are too short for trigrams; they are judged by the small words each language
 * cannot do without (`of`, `and` against `de`, `et`, `l’`).
 */
import { francAll } from 'franc-min';
import type { Lang } from '../types.js';

export interface TextStats {
  letters: number;
  /** Function words of each language. */
  words: Record<Lang, number>;
}

export interface Verdict {
  lang: Lang;
  /** How far apart the two scores are (0 = a toss-up). */
  margin: number;
}

const CODES: Record<string, Lang> = { eng: 'en', fra: 'fr' };

/** Words each language cannot do without; none is also a common word of the other. */
const STOP_WORDS: Record<Lang, Set<string>> = {
  en: new Set(
    'the and of to in is are for with you we our your will be that this at by from it have has who what can their they not'.split(' '),
  ),
  fr: new Set(
    'le la les de des du et un une en est sont pour avec sur vous nous notre nos votre vos qui que dans au aux par ce cette ces d l à être sera se ne pas leur leurs'.split(
      ' ',
    ),
  ),
};

const ONE_LETTER = /^\p{L}$/u;

/** Letters and function words of a text, in one pass over its words. */
export function textStats(text: string): TextStats {
  const stats: TextStats = { letters: 0, words: { en: 0, fr: 0 } };
  // One pass over the characters: ASCII letters are told by their code, others by \p{L}
  // (one code point at a time); only words of up to five letters are compared with the lists.
  let start = -1;
  const n = text.length;
  for (let i = 0; i <= n; ) {
    const code = i < n ? text.charCodeAt(i) : 32;
    let width = 1;
    let letter: boolean;
    if (code < 128) letter = ((code | 32) >= 97 && (code | 32) <= 122);
    else {
      const cp = text.codePointAt(i)!;
      width = cp > 0xffff ? 2 : 1;
      letter = ONE_LETTER.test(String.fromCodePoint(cp));
    }
    if (letter) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const length = i - start;
      stats.letters += length;
      if (length <= 5) {
        const lower = text.slice(start, i).toLowerCase();
        if (STOP_WORDS.en.has(lower)) stats.words.en++;
        if (STOP_WORDS.fr.has(lower)) stats.words.fr++;
      }
      start = -1;
    }
    i += width;
  }
  return stats;
}

/** The language the function words point to: at least 3 of it, and twice the other's. */
function byWords(stats: TextStats): Lang | undefined {
  const { en, fr } = stats.words;
  if (en >= 3 && en >= 2 * fr) return 'en';
  if (fr >= 3 && fr >= 2 * en) return 'fr';
  return undefined;
}

/**
 * Whether `text` is surely in `suspect`. Two signals must agree: the function words, and
 * franc-min's trigrams, which alone take English prose full of Latin words ("governance,
 * iterative development") for French. The function words are counted first, as they are
 * cheap: franc only runs on text they already point to `suspect`.
 */
export function isIn(text: string, stats: TextStats, suspect: Lang, minLetters: number, minMargin: number): boolean {
  if (stats.letters < minLetters || byWords(stats) !== suspect) return false;
  const [first, second] = francAll(text, { only: ['eng', 'fra'], minLength: 1 });
  if (!first || CODES[first[0]] !== suspect) return false;
  return 1 - (second?.[1] ?? 0) >= minMargin;
}

const FUNCTION_WORDS: Record<Lang, Set<string>> = {
  en: new Set(['of', 'and', 'the', 'for', 'with', 'to', 'in', 'on', 'at', 'or']),
  fr: new Set(['de', 'du', 'des', 'la', 'le', 'les', 'et', 'en', 'pour', 'au', 'aux', 'ou', 'd', 'l', 'à', 'avec', 'chez']),
};

/** The language a short text's function words point to, when they point one way only. */
export function titleLanguage(title: string): Lang | undefined {
  const words = title.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  const en = words.some((w) => FUNCTION_WORDS.en.has(w));
  const fr = words.some((w) => FUNCTION_WORDS.fr.has(w));
  if (en && !fr) return 'en';
  if (fr && !en) return 'fr';
  return undefined;
}

/** `data/title-words.json`: words of job titles by language. */
export interface TitleWords {
  en: string[];
  fr: string[];
  shared: string[];
}

export interface TitleEvidence {
  /** Words of each language's list (accented words count as French). */
  words: Record<Lang, number>;
  /** Lower-case words in no list: they could be either language. */
  unknown: number;
}

const titleWordSets = new WeakMap<TitleWords, Record<Lang | 'shared', Set<string>>>();

/**
 * Weigh a title's words against the title word lists. Acronyms and capitalised names
 * (`GC Notify`, `Python`, `DevOps`) count for nothing, and so do words after a dash,
 * colon, comma or parenthesis when the part before them is judged (team and product names).
 */
export function titleEvidence(title: string, table: TitleWords): TitleEvidence {
  let sets = titleWordSets.get(table);
  if (!sets) {
    const set = (words: unknown) => new Set(Array.isArray(words) ? words.map((w) => String(w).toLowerCase()) : []);
    sets = { en: set(table.en), fr: set(table.fr), shared: set(table.shared) };
    titleWordSets.set(table, sets);
  }
  const evidence: TitleEvidence = { words: { en: 0, fr: 0 }, unknown: 0 };
  // The role is named before any qualifier: `Senior Product Manager – Notify`.
  const head = title.split(/\s[–—-]\s|[:,(/]/)[0] ?? title;
  for (const [part, isHead] of [
    [head, true],
    [title.slice(head.length), false],
  ] as const) {
    for (const m of part.matchAll(/\p{L}+/gu)) {
      const word = m[0];
      const lower = word.toLowerCase();
      if (sets.fr.has(lower) || /[àâçéèêëîïôûùüÿœæ]/u.test(lower)) evidence.words.fr++;
      else if (sets.en.has(lower)) evidence.words.en++;
      else if (sets.shared.has(lower)) continue;
      else if (isHead && word[0] === lower[0]) evidence.unknown++;
    }
  }
  return evidence;
}

/**
 * Whether a title is in `suspect` by its words: none of the other language, and either two
 * of `suspect`'s with every lower-case word known, or one when other text of the posting
 * (its description or body) was already found in `suspect`.
 */
export function titleIsIn(evidence: TitleEvidence, suspect: Lang, supported: boolean): boolean {
  const own = suspect === 'en' ? 'fr' : 'en';
  if (evidence.words[own] > 0) return false;
  if (supported) return evidence.words[suspect] >= 1;
  return evidence.words[suspect] >= 2 && evidence.unknown === 0;
}
