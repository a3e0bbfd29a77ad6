/**
 * The inclusive-language lexicons (`data/inclusive-en.json`, `data/inclusive-fr.json`,
 * schema `schemas/data/inclusive-{en,fr}.schema.json`) and the term matcher shared by the
 * `inclusive-language/*` rules.
 */
import type { Bilingual, Lang, Locale, ResolvedConfig, RuleContext } from '../../../types.js';
import { collectDirectives, makeSilencer } from '../../../engine/directives.js';
import { HOLE, SCOPES, exactRange, hasLongS, segmentWords, type Scope, type Segment } from './segments.js';
import type { Agreement } from './agreement.js';

export interface FormSpec {
  text: string;
  suggestions?: string[];
}

export interface LexiconEntry {
  id: string;
  category: string;
  /** Word forms (matched as whole words; a space matches any run of spaces). */
  forms?: Array<string | FormSpec>;
  /** A regular expression (Unicode), matched as whole words, instead of `forms`. */
  pattern?: string;
  caseSensitive?: boolean;
  message: Bilingual;
  suggestions?: string[];
  /** Regular expressions (case-sensitive): a match of one overlapping the finding cancels it. */
  exceptions?: string[];
  /** Forms (a feminine or neutral form) that, near the finding, cancel it (a doublet). */
  pairedWith?: string[];
  /** Where the entry applies; every prose scope when absent. */
  scopes?: Scope[];
}

export interface TitleNoun {
  masc: string;
  fem?: string;
  /** Also a common verb (`conseiller`): only taken as a title where it cannot be one. */
  verb?: boolean;
}

export interface TitleAdjective {
  masc: string;
  fem: string;
  /** Qualifies people only: read past a `de X` complement (`Gestionnaire de produit principal`). */
  person?: boolean;
}

export interface Lexicon {
  entries: LexiconEntry[];
  /** French agreement for people not yet known (inclusive-language/masculine-agreement, mixed-pronoun). */
  agreement?: Agreement;
  titles?: {
    nouns: TitleNoun[];
    epicene: string[];
    adjectives: TitleAdjective[];
  };
}

export const LETTER = '\\p{L}\\p{M}\\p{N}_';

export function lexiconFor(context: RuleContext, lang: Lang): Lexicon | undefined {
  const table = context.config.data[`inclusive-${lang}`] as Lexicon | undefined;
  return table && Array.isArray(table.entries) ? table : undefined;
}

/** Ids of the entries of the English and French lexicons. */
export function lexiconEntryIds(config: ResolvedConfig): string[] {
  return (['en', 'fr'] as const).flatMap((lang) => {
    const table = config.data[`inclusive-${lang}`] as Lexicon | undefined;
    return Array.isArray(table?.entries) ? table.entries.map((e) => e.id) : [];
  });
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A word form as a pattern: spaces match runs of spaces, both apostrophes match. */
export function formPattern(form: string): string {
  return escapeRegExp(form)
    .replace(/\s+/g, '\\s+')
    .replace(/['’]/g, '[\'’]');
}

export function wordRegExp(source: string, caseSensitive = false): RegExp {
  return new RegExp(`(?<![${LETTER}])(?:${source})(?![${LETTER}])`, caseSensitive ? 'gu' : 'giu');
}

/** Give a replacement the capitalisation of the words it replaces. */
export function matchCase(replacement: string, original: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) {
    return replacement.toUpperCase();
  }
  const first = original[0];
  if (first && first !== first.toLowerCase() && replacement[0] === replacement[0]?.toLowerCase()) {
    return replacement[0]!.toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

export interface Options {
  /** Entry ids not to report. */
  ignore: string[];
  /** Words or phrases never to report (case-insensitive). */
  allow: string[];
}

export function readOptions(context: RuleContext): Options {
  const o = context.options as Partial<Options>;
  return { ignore: o.ignore ?? [], allow: o.allow ?? [] };
}

const normalise = (s: string) => s.toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, ' ').trim();

/**
 * Silencing of one entry: `ignore` and `allow` options, and inline directives naming
 * `RULE:entry-id` (`<!-- postings-disable-next-line inclusive-language/terms:chairman -->`).
 */
export function makeEntryFilter(context: RuleContext): (entryId: string, words: string, offset: number) => boolean {
  const { ignore, allow } = readOptions(context);
  const ignored = new Set(ignore);
  const allowed = new Set(allow.map(normalise));
  const directives = collectDirectives(context.posting).filter((d) => d.rules.some((r) => r.includes(':')));
  const silenced = directives.length ? makeSilencer(directives) : undefined;
  return (entryId, words, offset) => {
    if (ignored.has(entryId) || allowed.has(normalise(words))) return false;
    if (silenced && silenced(`${context.ruleId}:${entryId}`, context.pointAt(offset).line)) return false;
    return true;
  };
}

/** The expressions of an entry, made when a segment first reaches them. */
interface EntryRegExps {
  re: RegExp;
  exceptions: RegExp[];
  paired?: RegExp;
}

interface CompiledEntry {
  entry: LexiconEntry;
  /**
   * The entry's expressions, made on first use (a run on one posting reaches a few entries of
   * hundreds: Unicode-aware expressions take V8 a while to parse); undefined when JavaScript
   * cannot read one of them (the schema checks most): the entry then never matches.
   */
  regexps: () => EntryRegExps | undefined;
  /** Suggestions by lower-cased form, when a form has its own. */
  formSuggestions: Map<string, string[]>;
  scopes: Set<Scope>;
  /**
   * The lower-cased first words of the entry's forms: a segment none of them is in cannot
   * match, and the entry's expression is not run on it. Undefined for a `pattern` entry.
   */
  firstWords?: string[];
  /**
   * Every word of each form, lower-cased, when they are all Latin letters: a match of a form
   * is those words of the segment (a letter matches a letter, a non-letter a non-letter), so
   * a segment lacking one of each form's words cannot match either.
   */
  formWords?: string[][];
  /** For a `pattern` entry: what its expression starts with (see `leadingPrefixes`), looked for before it runs (made on first use). */
  lead: () => RegExp | undefined;
}

/** `make()` once, on the first call. */
function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

const cache = new WeakMap<Lexicon, CompiledEntry[]>();
const FIRST_WORD = /^\p{L}+/u;
const FORM_WORDS = /\p{L}+/gu;
/** Letters of the Latin script (below U+0250), the ones whose lower case is their case-insensitive match (but `ſ`). */
const LATIN_WORD = /^[a-zß-öø-ɏ]+$/;

export function compile(lexicon: Lexicon): CompiledEntry[] {
  const hit = cache.get(lexicon);
  if (hit) return hit;
  const out: CompiledEntry[] = [];
  for (const entry of lexicon.entries) {
    const forms = (entry.forms ?? []).map((f) => (typeof f === 'string' ? { text: f } : f));
    // Longest forms first, so that `le candidat retenu` wins over `le candidat`.
    const source =
      entry.pattern ??
      [...forms]
        .sort((a, b) => b.text.length - a.text.length)
        .map((f) => formPattern(f.text))
        .join('|');
    if (!source) continue;
    const formSuggestions = new Map<string, string[]>();
    for (const f of forms) if (f.suggestions) formSuggestions.set(normalise(f.text), f.suggestions);
    const regexps = once((): EntryRegExps | undefined => {
      try {
        return {
          re: wordRegExp(source, entry.caseSensitive),
          exceptions: (entry.exceptions ?? []).map((e) => new RegExp(e, 'gu')),
          paired: entry.pairedWith?.length ? wordRegExp(entry.pairedWith.map(formPattern).join('|'), entry.caseSensitive) : undefined,
        };
      } catch {
        return undefined; // A pattern JavaScript cannot read (the schema checks most): the entry never matches.
      }
    });
    const firsts = entry.pattern ? undefined : forms.map((f) => FIRST_WORD.exec(f.text)?.[0]?.toLowerCase());
    const formWords = entry.pattern ? undefined : forms.map((f) => (f.text.match(FORM_WORDS) ?? []).map((w) => w.toLowerCase()));
    const leads = entry.pattern ? leadingPrefixes(entry.pattern) : undefined;
    const lead = once((): RegExp | undefined => {
      try {
        return leads ? new RegExp(leads.map((p) => `(?:${p})`).join('|'), entry.caseSensitive ? 'u' : 'iu') : undefined;
      } catch {
        return undefined; // a prefix that does not stand alone (a reference to a later group): no filter
      }
    });
    out.push({
      entry,
      regexps,
      lead,
      formSuggestions,
      scopes: new Set(entry.scopes ?? SCOPES),
      firstWords: firsts && firsts.every((w): w is string => Boolean(w)) ? [...new Set(firsts)] : undefined,
      formWords: formWords?.every((ws) => ws.length > 0 && ws.every((w) => LATIN_WORD.test(w))) ? formWords : undefined,
    });
  }
  cache.set(lexicon, out);
  return out;
}

/**
 * What each top-level alternative of a regular expression starts with, up to its first
 * top-level lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`): `employés` for
 * `employés(?<=…)|employés(?=…)`, `the (?:disabled|handicapped)` for
 * `the (?:disabled|handicapped)(?=…)`. Every match of the expression starts with a match of
 * one of them, so a text none of them matches (with the same flags) has no match; they are
 * plain words, cheap to look for. Undefined when an alternative does not start with a letter.
 */
export function leadingPrefixes(source: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  let cut = -1; // where the current alternative's prefix ends, once found
  const close = (end: number) => {
    out.push(source.slice(from, cut >= 0 ? cut : end));
    cut = -1;
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') {
      if (depth === 0 && cut < 0 && /^\(\?(?:=|!|<=|<!)/.test(source.slice(i, i + 4))) cut = i;
      depth++;
    } else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      close(i);
      from = i + 1;
    }
  }
  close(source.length);
  return out.every((p) => /^\p{L}/u.test(p)) ? out : undefined;
}

/** How far (in characters) a paired form may stand from the word it pairs with. */
export const PAIR_WINDOW = 80;

const ABBREVIATED_AFTER = /^(?:\s?\(\p{Ll}{1,6}\)|[·•‧⋅]\p{Ll}{1,6})/u;

export interface TermMatch {
  entry: LexiconEntry;
  range: [number, number];
  words: string;
  suggestions: string[];
}

/** How far around a match an exception is looked for (exceptions are phrases, not pages). */
const EXCEPTION_REACH = 200;

/**
 * Whether `re` matches within `reach` characters around `[i, j)` in a way `accept` takes.
 * Searched near the match only: a search of the whole segment for each match was quadratic
 * on a long paragraph full of matches.
 */
function matchNear(
  re: RegExp,
  text: string,
  i: number,
  j: number,
  reach: number,
  accept: (start: number, end: number) => boolean,
): boolean {
  const from = Math.max(0, i - reach);
  const window = text.slice(from, Math.min(text.length, j + reach));
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(window))) {
    const s = from + m.index;
    if (accept(s, s + m[0].length)) return true;
    if (m[0].length === 0) re.lastIndex++;
  }
  return false;
}

/** An exception overlaps `[i, j)`. */
function overlaps(re: RegExp, text: string, i: number, j: number): boolean {
  return matchNear(re, text, i, j, EXCEPTION_REACH, (s, e) => s < j && e > i);
}

/** The paired form (the feminine or a neutral word) stands beside `[i, j)`, not on it. */
function near(re: RegExp, text: string, i: number, j: number): boolean {
  return matchNear(re, text, i, j, PAIR_WINDOW, (s, e) => e <= i || s >= j);
}

const indexes = new WeakMap<CompiledEntry[], Map<string, number[]>>();

/** The compiled entries by the first words of their forms (`pattern` entries are in none). */
function firstWordIndex(compiled: CompiledEntry[]): Map<string, number[]> {
  let index = indexes.get(compiled);
  if (index) return index;
  index = new Map();
  compiled.forEach((c, k) => {
    for (const w of c.firstWords ?? []) {
      const list = index!.get(w);
      if (list) list.push(k);
      else index!.set(w, [k]);
    }
  });
  indexes.set(compiled, index);
  return index;
}

/** Which entries have a first word among a segment's words (by index in `compiled`). */
function candidates(words: Set<string>, index: Map<string, number[]>, count: number): Uint8Array {
  const marked = new Uint8Array(count);
  if (index.size < words.size) {
    for (const [w, list] of index) if (words.has(w)) for (const k of list) marked[k] = 1;
  } else {
    for (const w of words) {
      const list = index.get(w);
      if (list) for (const k of list) marked[k] = 1;
    }
  }
  return marked;
}

/** Whether `words` holds every word of one of `forms`. */
function hasAllOfOne(forms: string[][], words: Set<string>): boolean {
  for (const form of forms) {
    let all = true;
    for (const w of form) {
      if (!words.has(w)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

/** Every lexicon match in the segments, longest first where matches overlap. */
export function matchTerms(fileText: string, segments: Segment[], lexicon: Lexicon): TermMatch[] {
  const compiled = compile(lexicon);
  const index = firstWordIndex(compiled);
  const out: TermMatch[] = [];
  for (const seg of segments) {
    const found: Array<TermMatch & { i: number; j: number }> = [];
    // The entries a word of the segment can start (the words are read once per segment).
    let marked: Uint8Array | undefined;
    let words: Set<string> | undefined;
    // `ſ` matches `s` case-insensitively, lower case keeps it: only first words are compared then, as ever.
    let longS: boolean | undefined;
    for (let k = 0; k < compiled.length; k++) {
      const c = compiled[k]!;
      if (!c.scopes.has(seg.scope)) continue;
      if (c.firstWords) {
        words ??= segmentWords(seg);
        marked ??= candidates(words, index, compiled.length);
        if (!marked[k]) continue;
      }
      if (c.formWords) {
        words ??= segmentWords(seg);
        if (!(longS ??= hasLongS(seg)) && !hasAllOfOne(c.formWords, words)) continue;
      }
      const lead = c.lead();
      if (lead && !lead.test(seg.text)) continue;
      const x = c.regexps();
      if (!x) continue;
      x.re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = x.re.exec(seg.text))) {
        if (m[0].length === 0) {
          x.re.lastIndex++;
          continue;
        }
        const i = m.index;
        const j = i + m[0].length;
        if (m[0].includes(HOLE)) continue;
        if (x.exceptions.some((re) => overlaps(re, seg.text, i, j))) continue;
        if (x.paired && near(x.paired, seg.text, i, j)) continue;
        // `développeurs·ses`, `conseillers (ères)`: an abbreviated doublet, not a masculine word.
        if (ABBREVIATED_AFTER.test(seg.text.slice(j, j + 12))) continue;
        const range = exactRange(fileText, seg, i, j);
        if (!range) continue;
        const words = m[0];
        const list = c.formSuggestions.get(normalise(words)) ?? c.entry.suggestions ?? [];
        found.push({ entry: c.entry, range, words, suggestions: list.map((s) => matchCase(s, words)), i, j });
      }
    }
    found.sort((a, b) => a.i - b.i || b.j - a.j);
    let end = -1;
    for (const f of found) {
      if (f.i < end) continue;
      end = f.j;
      out.push({ entry: f.entry, range: f.range, words: f.words, suggestions: f.suggestions });
    }
  }
  return out;
}

export function pickText(b: Bilingual, locale: Locale): string {
  return b[locale] ?? b.en;
}
