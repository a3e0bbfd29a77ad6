/**
 * English or French? Trigram scores from franc-min (a well-kept detector, 82 languages),
 * asked only to choose between English and French, and only on enough text to be sure.
 * Titles are too short for trigrams; they are judged by the small words each language
 * cannot do without (`of`, `and` against `de`, `et`, `l’`).
 */
import { asTuples } from 'trigram-utils';
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

/** Each function word to the languages it is one of: 1 English, 2 French (one lookup a word). */
const STOP_WORD_LANGS = new Map<string, number>();
for (const w of STOP_WORDS.en) STOP_WORD_LANGS.set(w, 1);
for (const w of STOP_WORDS.fr) STOP_WORD_LANGS.set(w, (STOP_WORD_LANGS.get(w) ?? 0) | 2);

/**
 * The function words of ASCII letters by a number: each letter lower-cased as 1 to 26, five
 * bits each (a word of up to five letters is a small integer), so that a word of the text is
 * looked up without cutting it out of the text and lower-casing it.
 */
const STOP_WORD_CODES = new Map<number, number>();
for (const [w, of] of STOP_WORD_LANGS) {
  let key = 0;
  for (let i = 0; i < w.length && key >= 0; i++) {
    const c = w.charCodeAt(i);
    key = c >= 97 && c <= 122 ? key * 32 + (c - 96) : -1;
  }
  if (key > 0 && w.length <= 5) STOP_WORD_CODES.set(key, of);
}

const ONE_LETTER = /^\p{L}$/u;
/** Answers for the Basic Multilingual Plane: 0 not asked yet, 1 a letter, 2 not one. */
const BMP_LETTER = new Uint8Array(0x10000);

/** Whether a code point is a letter (`\p{L}`), ASCII by its code, others asked once. */
export function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp | 32) >= 97 && (cp | 32) <= 122;
  if (cp > 0xffff) return ONE_LETTER.test(String.fromCodePoint(cp));
  let known = BMP_LETTER[cp]!;
  if (!known) BMP_LETTER[cp] = known = ONE_LETTER.test(String.fromCharCode(cp)) ? 1 : 2;
  return known === 1;
}

/** Letters and function words of a text, in one pass over its words. */
export function textStats(text: string): TextStats {
  const stats: TextStats = { letters: 0, words: { en: 0, fr: 0 } };
  // One pass over the characters: ASCII letters are told by their code, others by \p{L}
  // (one code point at a time); only words of up to five letters are compared with the lists.
  // A word of ASCII letters is looked up by its number (`STOP_WORD_CODES`, `key`); others,
  // by their text.
  let start = -1;
  let key = 0;
  let ascii = true;
  let en = 0;
  let fr = 0;
  let letters = 0;
  const n = text.length;
  for (let i = 0; i <= n; ) {
    const code = i < n ? text.charCodeAt(i) : 32;
    let width = 1;
    let letter: boolean;
    const lower = code | 32;
    if (code < 128) letter = lower >= 97 && lower <= 122;
    else {
      const cp = text.codePointAt(i)!;
      width = cp > 0xffff ? 2 : 1;
      letter = isLetter(cp);
    }
    if (letter) {
      if (start < 0) {
        start = i;
        key = 0;
        ascii = true;
      }
      if (code >= 128) ascii = false;
      else if (i - start < 5) key = key * 32 + (lower - 96);
    } else if (start >= 0) {
      const length = i - start;
      letters += length;
      if (length <= 5) {
        let of: number | undefined;
        if (ascii) of = STOP_WORD_CODES.get(key);
        else {
          const word = text.slice(start, i);
          of = STOP_WORD_LANGS.get(word) ?? STOP_WORD_LANGS.get(word.toLowerCase());
        }
        if (of !== undefined) {
          if (of & 1) en++;
          if (of & 2) fr++;
        }
      }
      start = -1;
    }
    i += width;
  }
  stats.letters = letters;
  stats.words.en = en;
  stats.words.fr = fr;
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
/** The language a text's function words point to, when it has `minLetters` letters (`isIn`'s first signal). */
export function wordsPointTo(stats: TextStats, minLetters: number): Lang | undefined {
  return stats.letters < minLetters ? undefined : byWords(stats);
}

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

/** Runs of letters (used by `exec` and `match`, which do not copy it). */
const LETTER_RUNS = /\p{L}+/gu;

/** The language a short text's function words point to, when they point one way only. */
export function titleLanguage(title: string): Lang | undefined {
  // `match`, not `split`: `split` copies its expression, which V8 compiles again once its
  // compilation cache has let it go (see src/lib/exec-all.ts).
  const words = title.toLowerCase().match(LETTER_RUNS) ?? [];
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
    LETTER_RUNS.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = LETTER_RUNS.exec(part))) {
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
 * script of the text with 20 expressions, cleans it in four string passes, builds a
 * dictionary of every trigram as an object keyed by strings, sorts it, and then reads two of
 * its 82 models: it was the hottest code of a lint run. Here one pass over the characters
 * cleans them as trigram-utils does and counts the trigrams in a small open-addressing table
 * keyed by integers; they are compared with the same two models. The sums are integers and
 * the normalisation is franc's own expression, so the result is franc's to the bit
 * (test/language-scores.test.ts compares them). Text franc could read in another script
 * than Latin is left to franc itself.
 */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;
const ABSENT = 1023;

/**
 * The characters of Latin-script text: below U+0370, and General Punctuation after them
 * (992 units, 10 bits): no other script's expression matches any of them (tested). A trigram
 * of units is a 30-bit integer.
 */
const UNITS = 0x370 + 0x70;
function unit(c: number): number {
  if (c < 0x370) return c;
  if (c >= 0x2000 && c <= 0x206f) return c - 0x2000 + 0x370;
  return -1;
}
const codeOf = (u: number) => (u < 0x370 ? u : u - 0x370 + 0x2000);

/** An integer-keyed table of counts, open addressing; cleared slot by slot after each use. */
class Counts {
  readonly keys: Int32Array;
  readonly values: Int32Array;
  readonly used: Int32Array;
  size = 0;
  constructor(readonly capacity: number) {
    this.keys = new Int32Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.used = new Int32Array(capacity);
  }
  slot(k: number): number {
    const mask = this.capacity - 1;
    let h = Math.imul(k, 0x9e3779b1) >>> 0 & mask;
    while (this.keys[h] !== -1 && this.keys[h] !== k) h = (h + 1) & mask;
    return h;
  }
  add(k: number): void {
    const h = this.slot(k);
    if (this.keys[h] === -1) {
      this.keys[h] = k;
      this.values[h] = 0;
      this.used[this.size++] = h;
    }
    this.values[h]!++;
  }
  clear(): void {
    for (let i = 0; i < this.size; i++) this.keys[this.used[i]!] = -1;
    this.size = 0;
  }
}

interface Tables {
  /** Both models: a trigram's slot holds English rank × 1024 + French rank (1023: not in it). */
  models: Counts;
  /** 1 for what trigram-utils' `clean` makes a space: U+0021–U+0040 and white space. */
  separator: Uint8Array;
  /** Each unit lower-cased, as one unit, or -1 when lower case gives more (`İ`) or another character. */
  lower: Int32Array;
}
let tables: Tables | null | undefined;

function buildTables(): Tables | null {
  const lists = (['eng', 'fra'] as const).map((lang) => francData.Latin?.[lang]?.split('|') ?? []);
  if (lists.some((l) => l.length === 0 || l.length >= ABSENT)) return null;
  const models = new Counts(2048);
  lists.forEach((list, n) => {
    // From the end, so that the first of duplicates wins, as in franc.
    for (let weight = list.length - 1; weight >= 0; weight--) {
      const t = list[weight]!;
      const a = unit(t.charCodeAt(0));
      const b = unit(t.charCodeAt(1));
      const c = unit(t.charCodeAt(2));
      // A trigram with another character can never be one of Latin-script text.
      if (t.length !== 3 || a < 0 || b < 0 || c < 0) continue;
      const h = models.slot((a << 20) | (b << 10) | c);
      if (models.keys[h] === -1) {
        models.keys[h] = (a << 20) | (b << 10) | c;
        models.values[h] = ABSENT * 1024 + ABSENT;
      }
      const ranks = models.values[h]!;
      models.values[h] = n === 0 ? weight * 1024 + (ranks % 1024) : ranks - (ranks % 1024) + weight;
    }
  });
  const separator = new Uint8Array(UNITS);
  const lower = new Int32Array(UNITS);
  for (let u = 0; u < UNITS; u++) {
    const ch = String.fromCharCode(codeOf(u));
    separator[u] = (u >= 0x21 && u <= 0x40) || /\s/.test(ch) ? 1 : 0;
    const l = ch.toLowerCase();
    lower[u] = l.length === 1 && unit(l.charCodeAt(0)) >= 0 ? unit(l.charCodeAt(0)) : -1;
  }
  return { models, separator, lower };
}

const LATIN = new RegExp(francScripts.Latin!.source);
const counts = new Counts(8192);

/**
 * trigram-utils' trigrams of `value` (U+0021–U+0040 and white space runs made one space,
 * trimmed, lower-cased, padded with a space at each end) counted into `counts`; false when a
 * character is not a unit or lower-cases to something else (franc is asked then).
 */
function countTrigrams(value: string, t: Tables): boolean {
  counts.clear();
  let key = 32; // the padding space
  let length = 1;
  let space = true; // the last unit written is a space
  let gap = false; // separators since the last letter
  const put = (u: number) => {
    key = ((key & 0xfffff) << 10) | u;
    if (++length >= 3) counts.add(key);
  };
  for (let i = 0; i < value.length; i++) {
    const u = unit(value.charCodeAt(i));
    if (u < 0) return false;
    if (t.separator[u]) {
      gap = true;
      continue;
    }
    const l = t.lower[u]!;
    if (l < 0) return false;
    if (gap && !space) put(32);
    put(l);
    space = false;
    gap = false;
  }
  put(32);
  return true;
}

/** franc-min's `francAll(text, { only: ['eng', 'fra'], minLength: 1 })`, to the bit. */
export function englishOrFrench(text: string): Array<[string, number]> {
  if (!text) return [['und', 1]];
  const value = text.slice(0, MAX_LENGTH);
  tables ??= buildTables();
  if (!tables || !LATIN.test(value) || !countTrigrams(value, tables)) return francTwo(value);
  const { models } = tables;
  let eng = 0;
  let fra = 0;
  for (let i = 0; i < counts.size; i++) {
    const h = counts.used[i]!;
    const count = counts.values[h]!;
    const at = models.slot(counts.keys[h]!);
    const m = models.keys[at] === -1 ? ABSENT * 1024 + ABSENT : models.values[at]!;
    const e = (m - (m % 1024)) / 1024;
    const f = m % 1024;
    eng += e === ABSENT ? MAX_DIFFERENCE : Math.abs(count - e - 1);
    fra += f === ABSENT ? MAX_DIFFERENCE : Math.abs(count - f - 1);
  }
  // franc sorts by distance (stably: English first on a tie), then normalises.
  const distances: Array<[string, number]> = fra < eng ? [['fra', fra], ['eng', eng]] : [['eng', eng], ['fra', fra]];
  const min = distances[0]![1];
  const max = value.length * MAX_DIFFERENCE - min;
  for (const d of distances) d[1] = 1 - (d[1] - min) / max || 0;
  return distances;
}

/**
 * franc-min's `francAll(text, { only: ['eng', 'fra'], minLength: 1 })` on `value` (its first
 * 2,048 characters), step by step as franc computes it but with the two models only: franc's
 * own module builds the trigram tables of all its 82 languages when it is loaded, which a run
 * on one posting (a pre-commit hook) would pay for nothing. For the texts the fast path
 * leaves (other scripts, characters it does not map); test/language-scores.test.ts compares
 * both with franc on every kind of text.
 */
function francTwo(value: string): Array<[string, number]> {
  // The script most of the characters are in (the first of equals, in franc's order).
  let script: string | undefined;
  let top = -1;
  for (const [name, re] of Object.entries(francScripts)) {
    const share = (value.match(re)?.length ?? 0) / value.length || 0;
    if (share > top) {
      top = share;
      script = name;
    }
  }
  // A script without trigram models is one language, never English or French: undetermined.
  const languages = script !== undefined && Object.hasOwn(francData, script) ? francData[script]! : undefined;
  const distances: Array<[string, number]> = [];
  if (languages) {
    const trigrams = asTuples(value);
    for (const lang of Object.keys(languages)) {
      if (lang !== 'eng' && lang !== 'fra') continue;
      const model = modelOf(script!, lang);
      let distance = 0;
      for (const [trigram, count] of trigrams) {
        const rank = model.get(trigram);
        distance += rank === undefined ? MAX_DIFFERENCE : Math.abs(count - rank - 1);
      }
      distances.push([lang, distance]);
    }
  }
  if (distances.length === 0) return [['und', 1]];
  distances.sort((a, b) => a[1] - b[1]);
  const min = distances[0]![1];
  const max = value.length * MAX_DIFFERENCE - min;
  for (const d of distances) d[1] = 1 - (d[1] - min) / max || 0;
  return distances;
}

/** A language's trigram ranks (the first of duplicates wins, as in franc), made once. */
const models = new Map<string, Map<string, number>>();
function modelOf(script: string, lang: string): Map<string, number> {
  const id = `${script}/${lang}`;
  let model = models.get(id);
  if (!model) {
    model = new Map();
    const list = francData[script]![lang]!.split('|');
    for (let weight = list.length - 1; weight >= 0; weight--) model.set(list[weight]!, weight);
    models.set(id, model);
  }
  return model;
}
