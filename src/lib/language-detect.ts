/**
 * English or French? Trigram scores from franc-min (a well-kept detector, 82 languages),
 * asked only to choose between English and French, and only on enough text to be sure.
 * Titles are too short for trigrams; they are judged by the small words each language
 * cannot do without (`of`, `and` against `de`, `et`, `l’`).
 */
import { francAll } from 'franc-min';
import type { Lang } from '../types.js';

export interface Verdict {
  lang: Lang;
  /** How far apart the two scores are (0 = a toss-up). */
  margin: number;
}

const CODES: Record<string, Lang> = { eng: 'en', fra: 'fr' };

/**
 * The language of `text`, or undefined when it is too short or the signals disagree.
 * Two signals must agree: franc-min's trigrams (which alone take English prose full of
 * Latin words, "governance, iterative, development", for French) and the function words
 * (`the`, `and`, `de`, `les`...), of which the winner needs at least 3 and twice the other's.
 */
export function detect(text: string, minLetters: number): Verdict | undefined {
  const letters = countLetters(text);
  if (letters < minLetters) return undefined;
  const scores = francAll(text, { only: ['eng', 'fra'], minLength: 1 });
  const [first, second] = scores;
  const lang = first && CODES[first[0]];
  if (!lang) return undefined;
  const words = functionWords(text);
  const mine = words[lang];
  const theirs = words[lang === 'en' ? 'fr' : 'en'];
  if (mine < 3 || mine < 2 * theirs) return undefined;
  return { lang, margin: 1 - (second?.[1] ?? 0) };
}

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

export function functionWords(text: string): Record<Lang, number> {
  const counts: Record<Lang, number> = { en: 0, fr: 0 };
  for (const m of text.toLowerCase().matchAll(/\p{L}+/gu)) {
    if (STOP_WORDS.en.has(m[0])) counts.en++;
    if (STOP_WORDS.fr.has(m[0])) counts.fr++;
  }
  return counts;
}

export function countLetters(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(/\p{L}/gu)) n++;
  return n;
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
