/**
 * English or French? Trigram scores from franc-min (a well-kept detector, 82 languages),
 * asked only to choose between English and French, and only on enough text to be sure.
 * Titles are too short for trigrams; they are judged by the small words each language
 * cannot do without (`of`, `and` against `de`, `et`, `l’`).
 */
import { francAll } from 'franc-min';
import { data as francData } from 'franc-min/data.js';
import { expressions as francScripts } from 'franc-min/expressions.js';
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
  const [first, second] = englishOrFrench(text);
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

/*
 * franc-min's scores for English and French, computed as franc computes them but for these
 * two languages only. `francAll(text, { only: ['eng', 'fra'], minLength: 1 })` tells the
 * script of the text with 20 expressions, builds a dictionary of every trigram as an object
 * keyed by strings, sorts it, and then reads two of its 82 models: the hottest code of a lint
 * run. Here the trigrams are counted in a Map keyed by numbers and compared with the same two
 * models; the sums are integers and the normalisation is franc's own expression, so the
 * result is franc's to the bit (test/language-scores.test.ts compares them). Text in another
 * script than Latin (or none) is left to franc itself.
 */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;
type Model = Map<number, number>;
let models: { eng: Model; fra: Model } | undefined;

/** A trigram of UTF-16 code units as one number (exact: 48 bits). */
const key = (a: number, b: number, c: number) => a * 4294967296 + b * 65536 + c;

/** franc's model of a language: each trigram to its rank (the first of duplicates wins, as in franc). */
function model(lang: 'eng' | 'fra'): Model {
  const list = francData.Latin![lang]!.split('|');
  const out: Model = new Map();
  for (let weight = list.length - 1; weight >= 0; weight--) {
    const t = list[weight]!;
    if (t.length === 3) out.set(key(t.charCodeAt(0), t.charCodeAt(1), t.charCodeAt(2)), weight);
  }
  return out;
}

const LATIN = new RegExp(francScripts.Latin!.source);

/**
 * Whether franc would take `value` for Latin script: it has a Latin letter and no character any
 * other script's expression matches. Below U+0370 and in General Punctuation no other
 * expression matches anything (checked by the test); anything else is left to franc.
 */
function surelyLatin(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x370 && (c < 0x2000 || c > 0x206f)) return false;
  }
  return LATIN.test(value);
}

/** franc-min's `francAll(text, { only: ['eng', 'fra'], minLength: 1 })`, to the bit. */
export function englishOrFrench(text: string): Array<[string, number]> {
  if (!text) return [['und', 1]];
  const value = text.slice(0, MAX_LENGTH);
  if (!surelyLatin(value)) return francAll(text, { only: ['eng', 'fra'], minLength: 1 });
  models ??= { eng: model('eng'), fra: model('fra') };
  // trigram-utils' `clean`, then the text padded with a space at each end.
  const padded = ` ${value.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase()} `;
  const counts = new Map<number, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const k = key(padded.charCodeAt(i), padded.charCodeAt(i + 1), padded.charCodeAt(i + 2));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let eng = 0;
  let fra = 0;
  for (const [k, count] of counts) {
    const e = models.eng.get(k);
    eng += e === undefined ? MAX_DIFFERENCE : Math.abs(count - e - 1);
    const f = models.fra.get(k);
    fra += f === undefined ? MAX_DIFFERENCE : Math.abs(count - f - 1);
  }
  // franc sorts by distance (stably: English first on a tie), then normalises.
  const distances: Array<[string, number]> = fra < eng ? [['fra', fra], ['eng', eng]] : [['eng', eng], ['fra', fra]];
  const min = distances[0]![1];
  const max = value.length * MAX_DIFFERENCE - min;
  for (const d of distances) d[1] = 1 - (d[1] - min) / max || 0;
  return distances;
}
