/**
 * French job titles: masculine-only titles (`Développeur principal`) and abbreviated
 * doublets (`adjoint·e`, `chargé(e)s`, `principal-e`, `principal.e`, `candidatEs`).
 */
import { itself, lowerBound } from '../../../lib/lower-bound.js';
import { editDistance } from '../../../engine/format.js';
import { HOLE, exactRange, segmentWords, sharesWord, type Segment } from './segments.js';
import { isLetter } from '../../../lib/language-detect.js';
import { LETTER, PAIR_WINDOW, type Lexicon, type TitleAdjective, type TitleNoun } from './lexicon.js';
import { hasWord } from './word-expression.js';

const WORD = /[\p{L}\p{M}]+/gu;

interface Token {
  text: string;
  lower: string;
  i: number;
  j: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text))) out.push({ text: m[0], lower: m[0].toLowerCase(), i: m.index, j: m.index + m[0].length });
  return out;
}

export function plural(word: string): string {
  if (/[sxz]$/.test(word)) return word;
  if (/al$/.test(word)) return `${word.slice(0, -2)}aux`;
  if (/eau$/.test(word)) return `${word}x`;
  return `${word}s`;
}

/** Suffixes of abbreviated feminine forms: `·e`, `(ère)`, `-trice`... */
const ABBREV_SUFFIX = '(?:e|es|s|ère|ères|rice|rices|trice|trices|se|ses|euse|euses|ne|nes|le|les|te|tes|ve|ves|ive|ives|ale|ales)';
/**
 * A regular expression made on first use: these Unicode-aware ones take V8 a few milliseconds
 * to read, which a run on one English posting (a pre-commit hook) need not pay.
 */
function lazyRegExp(source: string, flags: string): () => RegExp {
  let re: RegExp | undefined;
  return () => (re ??= new RegExp(source, flags));
}

const AFTER_ABBREV = lazyRegExp(`^(?:\\s?\\(-?${ABBREV_SUFFIX}\\)|[·•‧⋅.\\-/]${ABBREV_SUFFIX}(?![${LETTER}])|E(?:S|s)?(?![${LETTER}]))`, 'u');

export interface TitleMatch {
  nounId: string;
  range: [number, number];
  words: string;
  doublet: string;
}

interface TitleTables {
  nouns: Map<string, { noun: TitleNoun; plural: boolean; feminine: string[] }>;
  /** Épicène nouns, singular and plural, to their singular. */
  epicene: Map<string, string>;
  adjectives: Map<string, { adj: TitleAdjective; plural: boolean }>;
  /**
   * The nouns and épicène nouns that are one run of letters: a segment none of them is a word
   * of has no title (a token is a run of letters and marks, so other keys never equal one).
   * Undefined when a key holds a mark: then every segment is read.
   */
  words?: string[];
  /** `words` as a set: a segment's words are fewer than the titles, and are the ones looked up. */
  wordSet?: Set<string>;
  /** The agreement table's nouns feminine for everyone (`personne`), singular and plural. */
  feminineOnly: Set<string>;
}

const tablesCache = new WeakMap<Lexicon, TitleTables>();

function tables(lexicon: Lexicon): TitleTables {
  const hit = tablesCache.get(lexicon);
  if (hit) return hit;
  const t: TitleTables = {
    nouns: new Map(),
    epicene: new Map(),
    adjectives: new Map(),
    feminineOnly: new Set((lexicon.agreement?.feminineOnly ?? []).flatMap((w) => [w.toLowerCase(), plural(w.toLowerCase())])),
  };
  for (const noun of lexicon.titles?.nouns ?? []) {
    const fem = noun.fem ? [noun.fem.toLowerCase(), plural(noun.fem.toLowerCase())] : [];
    t.nouns.set(noun.masc.toLowerCase(), { noun, plural: false, feminine: fem });
    t.nouns.set(plural(noun.masc.toLowerCase()), { noun, plural: true, feminine: fem });
  }
  for (const e of lexicon.titles?.epicene ?? []) {
    t.epicene.set(e.toLowerCase(), e.toLowerCase());
    t.epicene.set(plural(e.toLowerCase()), e.toLowerCase());
  }
  for (const adj of lexicon.titles?.adjectives ?? []) {
    t.adjectives.set(adj.masc.toLowerCase(), { adj, plural: false });
    t.adjectives.set(plural(adj.masc.toLowerCase()), { adj, plural: true });
  }
  const keys = [...t.nouns.keys(), ...t.epicene.keys()];
  if (!keys.some((k) => /\p{M}/u.test(k))) {
    t.words = keys.filter((k) => /^\p{L}+$/u.test(k));
    t.wordSet = new Set(t.words);
  }
  tablesCache.set(lexicon, t);
  return t;
}

/** Copy the capitalisation of `like` onto `word`. */
function caseLike(word: string, like: string): string {
  if (like.length > 1 && like === like.toUpperCase()) return word.toUpperCase();
  if (like[0] && like[0] !== like[0].toLowerCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word.toLowerCase();
}

/** Where a masculine title counts as naming the role in running text. */
const NAMING_BEFORE = /(?:^|[\s(])(?:un|d['’]un|un\(e\)|d['’]un\(e\)|à titre d['’]|à titre de|en tant que|en tant qu['’]|en qualité de|en qualité d['’]|comme|au poste de|le poste de|un poste de|le rôle de|le rôle d['’])\s*$/iu;
const NAMING_SENTENCE = /recherch|recrut|embauch|cherchons|à titre d|en tant qu|en qualité d|rôle d|poste d|joindre|joignez|vous êtes|vous soyez|êtes-vous|vous serez|vous deviendrez|devenez|vous travaillerez|vous agirez|vous occuperez|vous jouerez|agissez/iu;
/**
 * A title of another, known person: a reporting line (`auprès du directeur de l’exploitation`,
 * `relevant du directeur`) or the principal a support role serves
 * (`Adjoint·e exécutif·ve - directeur des opérations`).
 */
const OTHER_PERSON_BEFORE = lazyRegExp(
  [
    "(?:auprès|relev\\p{L}*|relève\\p{L}*|sous la (?:direction|supervision|responsabilité)|rend\\p{L}* compte|bureau|cabinet|soutien|appui)\\s+(?:\\p{L}+\\s+)?(?:du|de la|de l['’]|au|à la|à l['’]|des|aux)\\s*$",
    "(?:adjoint|assistant|secrétaire)\\S*(?:\\s+\\S+){0,3}?\\s+[-–—]\\s*(?:(?:auprès\\s+)?(?:du|de la|de l['’]|au|à la|le|la)\\s*)?$",
  ].join('|'),
  'iu',
);
/** A named person beside the title: `directeur général, Jean Tremblay`. */
const NAME_AFTER = /^\s*,?\s+(?:M\.|Mme\s+)?\p{Lu}[\p{Ll}-]+(?:\s+\p{Lu}[\p{Ll}-]+)+/u;
const NAME_BEFORE = /(?:\p{Lu}[\p{Ll}-]+\s+\p{Lu}[\p{Ll}-]+|\p{Ll}\s+\p{Lu}[\p{Ll}-]+)\s*,\s*(?:(?:le|un|notre|votre|leur)\s+)?$/u;
const HEADING_BEFORE = /^[\s\p{P}]*(?:(?:un|une|le|l['’]|votre|notre|devenez|poste\s+de|à titre de)\s+)?$/iu;
const ARTICLE_AFTER = /^\s+(?:les|la|le|l['’]|des|un|une|sur|aux|au|ses|leurs|nos|vos)(?![\p{L}])/iu;

/** A one-word complement after a title: ` de produit `, ` de la livraison `, ` du programme `. */
const COMPLEMENT = /^\s+(?:de\s+(?:la\s+|l['’]\s*)?|du\s+|des\s+|d['’]\s*)(\p{L}+)\s+(?=\p{L})/u;

/** Where sentences end in `text` (`.!?;`), found once per segment. */
function sentenceStops(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/[.!?;]/g)) out.push(m.index);
  return out;
}

/** The sentence holding `[i, j)`, by binary search in the stops (a walk per title was quadratic). */
function sentenceAround(text: string, stops: number[], i: number, j: number): [number, number] {
  const lo = lowerBound(stops, i, itself);
  const s = lo > 0 ? stops[lo - 1]! + 1 : 0;
  let k = lo;
  while (k < stops.length && stops[k]! < j) k++;
  return [s, k < stops.length ? stops[k]! : text.length];
}

/** Whether the sentence around index `i` of a segment names the role being filled. */
export function namingSentence(seg: Segment): (i: number) => boolean {
  if (seg.scope !== 'body') return () => true;
  let stops: number[] | undefined;
  // Once per sentence: a long sentence with many matches would be read again for each.
  const seen = new Map<number, boolean>();
  return (i) => {
    const [s, e] = sentenceAround(seg.text, (stops ??= sentenceStops(seg.text)), i, i + 1);
    let naming = seen.get(s);
    if (naming === undefined) seen.set(s, (naming = NAMING_SENTENCE.test(seg.text.slice(s, e))));
    return naming;
  };
}

/** Names are short: the name patterns look this far around a title, not the whole segment. */
const NAME_REACH = 200;
/** The ids `matchTitles` reports under (the masculine or épicène noun, singular). */
export function titleIds(lexicon: Lexicon | undefined): string[] {
  const titles = lexicon?.titles;
  return [...(titles?.nouns ?? []).map((n) => n.masc.toLowerCase()), ...(titles?.epicene ?? []).map((e) => e.toLowerCase())];
}

/** Masculine-only job titles in one segment. */
export function matchTitles(fileText: string, seg: Segment, lexicon: Lexicon): TitleMatch[] {
  const t = tables(lexicon);
  if (t.wordSet && !sharesWord(segmentWords(seg), t.wordSet)) return [];
  const toks = tokens(seg.text);
  const out: TitleMatch[] = [];
  const fieldLike = seg.scope === 'title' || seg.scope === 'heading';
  let stops: number[] | undefined;
  // Titles, headings and descriptions are searched whole for a feminine form: once per word.
  const inWhole = new Map<string, boolean>();
  let wholeLower: string | undefined;
  const misspeltInWhole = new Map<string, boolean>();
  const namingSentences = new Map<number, boolean>();
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k]!;
    const noun = t.nouns.get(tok.lower);
    const epicene = !noun && t.epicene.has(tok.lower);
    if (!noun && !epicene) continue;
    const isPlural = noun ? noun.plural : /s$/.test(tok.lower);
    // Plural masculine nouns outside the `title` field are generic nouns (inclusive-language/terms).
    if (noun?.plural && seg.scope !== 'title') continue;
    if (AFTER_ABBREV().test(seg.text.slice(tok.j))) continue;
    // In a heading, the title opens it (`## Conseiller en partenariats`), not `## Mot du président`.
    if (seg.scope === 'heading' && !HEADING_BEFORE.test(seg.text.slice(0, tok.i))) continue;
    if (!fieldLike) {
      if (!NAMING_BEFORE.test(seg.text.slice(Math.max(0, tok.i - 30), tok.i))) continue;
      const [s, e] = sentenceAround(seg.text, (stops ??= sentenceStops(seg.text)), tok.i, tok.j);
      if (seg.scope === 'body') {
        // Once per sentence: a long sentence with many titles would be read again for each.
        let naming = namingSentences.get(s);
        if (naming === undefined) namingSentences.set(s, (naming = NAMING_SENTENCE.test(seg.text.slice(s, e))));
        if (!naming) continue;
      }
    }
    if (noun?.noun.verb && ARTICLE_AFTER.test(seg.text.slice(tok.j))) continue;
    if (OTHER_PERSON_BEFORE().test(seg.text.slice(Math.max(0, tok.i - 60), tok.i))) continue;
    // Adjectives right after the noun.
    const adjs: Array<{ tok: Token; adj: TitleAdjective }> = [];
    let abbreviated = false;
    for (let a = k + 1; a < toks.length; a++) {
      const next = toks[a]!;
      const gap = seg.text.slice(toks[a - 1]!.j, next.i);
      if (!/^\s+$/.test(gap)) break;
      const adj = t.adjectives.get(next.lower);
      if (!adj) break;
      if (AFTER_ABBREV().test(seg.text.slice(next.j))) {
        abbreviated = true;
        break;
      }
      adjs.push({ tok: next, adj: adj.adj });
    }
    // An épicène title, a short complement, then an adjective only people take:
    // `Gestionnaire de produit principal` (the adjective qualifies the title).
    if (epicene && adjs.length === 0 && !abbreviated) {
      const c = COMPLEMENT.exec(seg.text.slice(tok.j));
      const after = c ? toks.find((x) => x.i === tok.j + c[0].length) : undefined;
      const adj = after && t.adjectives.get(after.lower);
      // It agrees with the title, not with the complement (`des produits principaux`).
      if (after && adj?.adj.person && adj.plural === isPlural && !t.adjectives.has(c![1]!.toLowerCase()) && !AFTER_ABBREV().test(seg.text.slice(after.j))) {
        adjs.push({ tok: after, adj: adj.adj });
      }
    }
    const gendered = adjs.filter((x) => x.adj.fem.toLowerCase() !== x.adj.masc.toLowerCase());
    if (epicene && (gendered.length === 0 || abbreviated)) continue;
    const last = adjs.length ? adjs[adjs.length - 1]!.tok : tok;
    // A feminine form beside it makes a doublet.
    const whole = fieldLike || seg.scope === 'description';
    const femWords = noun
      ? noun.feminine
      : gendered.flatMap((g) => [g.adj.fem.toLowerCase(), plural(g.adj.fem.toLowerCase())]);
    let femNear: boolean;
    let aroundToks: Token[];
    if (whole) {
      wholeLower ??= seg.text.toLowerCase();
      const lower = wholeLower;
      femNear = femWords.some((f) => {
        let hit = inWhole.get(f);
        if (hit === undefined) inWhole.set(f, (hit = hasWord(lower, f)));
        return hit;
      });
      aroundToks = toks;
    } else {
      const around = seg.text.slice(Math.max(0, tok.i - PAIR_WINDOW), Math.min(seg.text.length, last.j + PAIR_WINDOW)).toLowerCase();
      femNear = femWords.some((f) => hasWord(around, f));
      aroundToks = femNear ? [] : tokens(around);
    }
    if (femNear) continue;
    // A misspelt feminine (`Traducteur/traductrie`) is still a doublet: a spelling matter.
    const misspelt = () =>
      aroundToks.some((w) => noun!.feminine.some((f) => w.lower !== tok.lower && w.lower.slice(0, 4) === f.slice(0, 4) && editDistance(w.lower, f) <= 2));
    if (noun) {
      let near: boolean | undefined;
      if (whole) {
        near = misspeltInWhole.get(tok.lower);
        if (near === undefined) misspeltInWhole.set(tok.lower, (near = misspelt()));
      } else near = misspelt();
      if (near) continue;
    }
    if (
      NAME_AFTER.test(seg.text.slice(last.j, last.j + NAME_REACH)) ||
      NAME_BEFORE.test(seg.text.slice(Math.max(0, tok.i - NAME_REACH), tok.i))
    )
      continue;
    const i = tok.i;
    const j = last.j;
    if (seg.text.slice(i, j).includes(HOLE)) continue;
    const range = exactRange(fileText, seg, i, j);
    if (!range) continue;
    const words = seg.text.slice(i, j);
    const pl = noun ? noun.plural : isPlural;
    const inflect = (w: string) => (pl ? plural(w) : w);
    let doublet: string;
    if (noun) {
      const femNoun = noun.noun.fem ?? noun.noun.masc;
      const titleCase = adjs.some((x) => x.tok.text[0] !== x.tok.text[0]!.toLowerCase());
      const femParts = [
        titleCase ? caseLike(inflect(femNoun), tok.text) : inflect(femNoun).toLowerCase(),
        ...adjs.map((x) => caseLike(inflect(x.adj.fem), x.tok.text)),
      ];
      doublet = `${words} ${pl ? 'et' : 'ou'} ${femParts.join(' ')}`;
    } else {
      doublet = `${words} ${pl ? 'et' : 'ou'} ${adjs.map((x) => caseLike(inflect(x.adj.fem), x.tok.text)).join(' ')}`;
    }
    out.push({ nounId: noun ? noun.noun.masc.toLowerCase() : t.epicene.get(tok.lower) ?? tok.lower, range, words, doublet });
    k = k + adjs.length;
  }
  return out;
}

export interface AbbreviationMatch {
  range: [number, number];
  words: string;
  doublet: string;
}

// Each alternative stands between non-words: the lookarounds are written once around them
// all (the same matches; the expression is half the size, and V8 compiles it in half the time).
const ABBREV_SOURCE =
  '(?<![\\p{L}\\p{N}_])(?:' +
  [
    // point médian and friends, dot: adjoint·e, Directeur·rice, adjoint·e·s, principal.e
    `([\\p{L}]{2,})[·•‧⋅](${ABBREV_SUFFIX})(?:[·•‧⋅](s))?`,
    // (a final dot ends the sentence, `bienvenu.e.s.`, when a space or the end follows it;
    // `principal.e.js` and `nom.es.ca` stay file and host names)
    `([\\p{L}]{2,})\\.(${ABBREV_SUFFIX})(?:\\.(s))?(?![\\p{L}])(?!\\.(?![\\s)\\]»*_]|$))`,
    // parentheses: chargé(e)s, Conseiller (ère)
    `([\\p{L}]{2,})\\s?\\(-?(${ABBREV_SUFFIX})\\)(s)?`,
    // hyphen and slash: principal-e, étudiant/e
    `([\\p{L}]{2,})[-/](e|es|ère|ères|rice|rices|trice|trices|se|euse|euses|ne|ve|ive)(?![\\p{L}-])`,
    // capital E: candidatEs
    `(\\p{Ll}{3,})(E)(S|s)?`,
  ].join('|') +
  ')(?![\\p{L}\\p{N}_])';

/** The patterns, tried at one word start only (see `abbreviationStarts`). */
const ABBREV_AT = lazyRegExp(ABBREV_SOURCE, 'uy');
const BEFORE_WORD = /[\p{N}_]/u;
const SEPARATOR = /[·•‧⋅.(\-/]/;
/** The first letters of the suffixes (`ABBREV_SUFFIX` and the hyphen's), case-sensitive as `ABBREV_AT`. */
const SUFFIX_START = new Set(['e', 'è', 's', 'r', 't', 'n', 'l', 'v', 'i', 'a']);
/** A suffix may start at `i` (after a parenthesis: after an optional hyphen too). */
function suffixAt(text: string, i: number): boolean {
  if (text[i - 1] === '(' && text[i] === '-') return SUFFIX_START.has(text[i + 1] ?? '');
  return SUFFIX_START.has(text[i] ?? '');
}
const CAPITAL_E_WORD = /\p{Ll}{3}E[Ss]?$/u;

/**
 * The matches of `ABBREV_SOURCE` in `text`, found by trying it only at the words that can start one
 * (a word followed by a separator, or ending in a capital E): every alternative starts at a
 * word start and its stem is the whole word, so the result is the global scan's, without
 * trying five alternatives at every word of every paragraph (the hottest code of a run).
 */
function* abbreviationStarts(text: string): Generator<RegExpExecArray> {
  // The runs of letters, as `/\p{L}+/gu` finds them, by a scan of the code points.
  let from = 0;
  let start = -1;
  for (let i = 0; i <= text.length; ) {
    const cp = i < text.length ? text.codePointAt(i)! : 0x20;
    const width = cp > 0xffff ? 2 : 1;
    if (isLetter(cp)) {
      if (start < 0) start = i;
      i += width;
      continue;
    }
    const runStart = start;
    start = -1;
    const end = i;
    i += width;
    if (runStart < 0 || runStart < from || end - runStart < 2 || (runStart > 0 && BEFORE_WORD.test(text[runStart - 1]!))) continue;
    const next = text[end];
    const last = text.charCodeAt(end - 1);
    // The stem is the whole run; a separator, then a suffix (they start with one of
    // SUFFIX_START), must follow it: a sentence's final word and a compound (`bien-être`) are
    // not tried.
    const candidate =
      (next !== undefined && SEPARATOR.test(next) && suffixAt(text, end + 1)) ||
      (next !== undefined && text[end + 1] === '(' && /\s/.test(next) && suffixAt(text, end + 2)) ||
      // `…E`, `…ES`, `…Es` only: the expression is not asked of other words.
      ((last === 0x45 || ((last === 0x53 || last === 0x73) && text.charCodeAt(end - 2) === 0x45)) &&
        CAPITAL_E_WORD.test(text.slice(runStart, end)));
    if (!candidate) continue;
    const at = ABBREV_AT();
    at.lastIndex = runStart;
    const m = at.exec(text);
    if (!m) continue;
    from = m.index + m[0].length;
    yield m;
  }
}

/** The feminine of `stem` told by an abbreviated suffix. */
export function feminineOf(stem: string, suffix: string): string | undefined {
  const base = suffix.toLowerCase();
  switch (base) {
    case 'e':
    case 'ne':
    case 'le':
    case 'te':
      return base === 'e' ? `${stem}e` : `${stem}${base}`;
    case 'ale':
      return /aux$/i.test(stem) ? `${stem.slice(0, -3)}ale` : /al$/i.test(stem) ? `${stem}e` : undefined;
    case 'ère':
      return /er$/i.test(stem) ? `${stem.slice(0, -2)}ère` : undefined;
    case 'rice':
      return /eur$/i.test(stem) ? `${stem.slice(0, -3)}rice` : undefined;
    case 'trice':
      return /teur$/i.test(stem) ? `${stem.slice(0, -4)}trice` : undefined;
    case 'se':
    case 'euse':
      return /eur$/i.test(stem) ? `${stem.slice(0, -3)}euse` : undefined;
    case 've':
      return /f$/i.test(stem) ? `${stem.slice(0, -1)}ve` : undefined;
    case 'ive':
      return /if$/i.test(stem) ? `${stem.slice(0, -2)}ive` : undefined;
    default:
      return undefined;
  }
}

const NO_WORDS: ReadonlySet<string> = new Set();

interface Abbrev {
  i: number;
  j: number;
  masc: string;
  fem: string;
  plural: boolean;
}

/** Abbreviated doublets in one segment; neighbours (`Conseiller (ère) principal (e)`) merge. */
export function matchAbbreviations(fileText: string, seg: Segment, lexicon?: Lexicon): AbbreviationMatch[] {
  // Nouns feminine for everyone (`personne`): an abbreviated form of them has no masculine.
  const feminineOnly = lexicon ? tables(lexicon).feminineOnly : NO_WORDS;
  const found: Abbrev[] = [];
  for (const m of abbreviationStarts(seg.text)) {
    const groups = m.slice(1);
    let g = 0;
    while (g < groups.length && groups[g] === undefined) g++;
    const stem = groups[g]!;
    const suffix = groups[g + 1]!;
    const pluralMark = groups[g + 2];
    const isPlural =
      Boolean(pluralMark) || (/s$/i.test(suffix) && !/^(?:s|se|ne|le|te|ve|ive|ère|rice|trice|euse)$/i.test(suffix));
    const single = isPlural && !pluralMark ? suffix.replace(/s$/i, '') : suffix;
    let masc = stem;
    let isPl = isPlural;
    let fem = suffix === 'E' ? `${stem}e` : feminineOf(stem, single);
    if (!fem && /[sx]$/i.test(stem)) {
      // A plural stem: `développeurs·ses`, `conseillers (ères)`, `principaux·ales`.
      const singular = /aux$/i.test(stem) ? `${stem.slice(0, -3)}al` : stem.slice(0, -1);
      fem = feminineOf(singular, single);
      masc = singular;
      isPl = true;
    }
    if (!fem) continue;
    found.push({ i: m.index, j: m.index + m[0].length, masc, fem, plural: isPl });
  }
  const out: AbbreviationMatch[] = [];
  for (let a = 0; a < found.length; a++) {
    const group = [found[a]!];
    while (a + 1 < found.length && /^\s+$/.test(seg.text.slice(group[group.length - 1]!.j, found[a + 1]!.i))) {
      group.push(found[++a]!);
    }
    const i = group[0]!.i;
    const j = group[group.length - 1]!.j;
    const range = exactRange(fileText, seg, i, j);
    if (!range) continue;
    const pl = group.some((x) => x.plural);
    const masc = group.map((x) => (pl ? plural(x.masc) : x.masc)).join(' ');
    // A capital at the start of a sentence is not the word's own (`Conseiller (ère)` gives
    // `conseillère`); in mid-sentence it is (`Canadien(ne)s` gives `Canadiennes`).
    const positional = /(?:^|[.!?:;«"“(*•–—-])\s*$/u.test(seg.text.slice(Math.max(0, i - 3), i)) || i === 0;
    const fem = group
      .map((x, n) => (n === 0 && positional ? x.fem.toLowerCase() : x.fem))
      .map((w) => (pl ? plural(w) : w))
      .join(' ');
    const femOut = group[0]!.masc === group[0]!.masc.toUpperCase() ? fem.toUpperCase() : fem;
    // A word with no masculine (`person (ne)`: `personne`) is written in the feminine only.
    const doublet = group.some((x) => feminineOnly.has(x.fem.toLowerCase()))
      ? fem
      : `${masc} ${pl ? 'et' : 'ou'} ${femOut}`;
    out.push({ range, words: seg.text.slice(i, j), doublet });
  }
  return out;
}
