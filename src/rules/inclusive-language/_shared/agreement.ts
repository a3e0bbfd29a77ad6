/**
 * French masculine agreement for people not yet known (issue 11), read in the prose
 * segments of a posting:
 * - the reader addressed in the masculine: « Vous êtes intéressé? », « Vous serez appelé à »,
 *   « Capacité d’être organisé », « Disposé et apte à »;
 * - a determiner or an adjective that makes an épicène noun masculine: « le titulaire »,
 *   « un analyste » (for the person hired), « hauts fonctionnaires », « cadres supérieurs »,
 *   « un solide chercheur »;
 * - pronouns for a mixed group: « ils » after « les Canadiennes et Canadiens », « chacun »,
 *   « ceux désirant », « nous ne pouvons pas tous ».
 * The words are data (`agreement` in data/inclusive-fr.json); the grammar is here.
 */
import { execAll } from '../../../lib/exec-all.js';
import { HOLE, exactRange, hasLongS, segmentWords, type Segment } from './segments.js';
import type { Lexicon } from './lexicon.js';

export interface Agreement {
  /** Verbs after `vous` whose attribute agrees with the reader: êtes, serez, semblez... */
  readerVerbs: string[];
  /** Words that may stand between the verb and the attribute: très, plus, vraiment... */
  adverbs: string[];
  /** Words ending like a masculine adjective that are not one: tout, quelqu’un, là... */
  notAdjectives: string[];
  /** Masculine adjectives that, opening a list item, describe the reader: disposé, prêt... */
  readerStarts: string[];
  /** Words before `être` that make it describe the reader: capacité, devrez... */
  beforeEtre: string[];
  /** Épicène nouns for one person that a masculine determiner makes masculine. */
  epiceneSingular: string[];
  /** Of those, the ones for a person with any masculine determiner (`le titulaire`); the others only with `un` where the role being filled is named (`un analyste`). */
  anyDeterminer: string[];
  /** Épicène nouns for people, plural, that a masculine adjective after them makes masculine. */
  epicenePlural: string[];
  /** Épicène plurals only read with these adjectives (`cadres` is also « frameworks »). */
  restricted: Record<string, string[]>;
  /** Masculine adjectives before a noun for people, with their feminine. */
  adjectivesBefore: Array<{ masc: string; fem: string }>;
  /** Épicène plurals for people that `ils` / `eux` may stand for. */
  pronounAntecedents: string[];
  /** Nouns for one person a masculine adjective before them makes masculine: `un solide chercheur`. */
  peopleSingular: string[];
  /** Nouns feminine for everyone (`personne`): `person (ne)` is written in the feminine only. */
  feminineOnly: string[];
}

export interface AgreementMatch {
  kind: 'reader' | 'determiner' | 'pronoun';
  range: [number, number];
  words: string;
  suggestion?: string;
}

const L = '\\p{L}\\p{M}';
/** How far after `vous êtes` attributes are read (a list of attributes is short). */
const ATTRIBUTE_REACH = 300;
const WORD = new RegExp(`[${L}’'-]+`, 'gu');

/** The feminine of a masculine adjective or participle, or undefined when it has none. */
export function feminineAdjective(w: string): string | undefined {
  if (/eux$/u.test(w)) return `${w.slice(0, -1)}se`;
  if (/if$/u.test(w)) return `${w.slice(0, -1)}ve`;
  if (/ier$/u.test(w)) return `${w.slice(0, -2)}ère`;
  if (/(?:el|en|on|eil)$/u.test(w)) return `${w}${w.slice(-1)}e`;
  if (/(?:é|i|u|t|d|al|ain|in|an|ais|ois|is|us|ur)$/u.test(w)) return `${w}e`;
  return undefined;
}

/** A masculine adjective or participle: its singular and feminine, when the word is one. */
function masculine(word: string, a: Agreement): { fem: string; plural: boolean } | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 3 || /e$/u.test(lower) || /ment$/u.test(lower) || a.notAdjectives.includes(lower)) return undefined;
  if (NOT_LOWER_WORD.test(lower)) return undefined;
  let singular = lower;
  let plural = false;
  if (/aux$/u.test(lower)) {
    singular = `${lower.slice(0, -3)}al`;
    plural = true;
  } else if (/[^s]s$/u.test(lower) && !/(?:is|us|ais|ois)$/u.test(lower)) {
    singular = lower.slice(0, -1);
    plural = true;
  }
  if (/e$/u.test(singular)) return undefined;
  const fem = feminineAdjective(singular);
  return fem ? { fem: plural ? `${fem}s` : fem, plural } : undefined;
}

// The expressions of the functions below, made once (a literal the bundler rewrites as
// `new RegExp(…)`, or one in a loop, was made again at each call).
const NOT_LOWER_WORD = /[^\p{Ll}’'-]/u;
const CLAUSE_END = /[.!?;:\n«»()]/u;
const COORDINATION = /^\s*(?:,\s*|\s+(?:et|ou)\s+)$/u;
const FEMININE_DET_BEFORE = /(?:une|la|ou|et)\s*$/iu;
const FEMININE_DET_AFTER = /^\s*(?:ou|et)\s+(?:une|la)(?![\p{L}])/iu;
const FEMININE_AFTER = /^\s+(?:ou|et)\s+(?:la|une)(?![\p{L}])/iu;
const COORDINATED_BEFORE = /(?:et|ou)\s*$/u;
const CHACUN_RE = /(?<![\p{L}])chacun(?![\p{L}·•(])/giu;
const CHACUNE_AFTER = /^\s*(?:\(e\)|[·.]e|et\s+chacune|ou\s+chacune|\/\s*chacune|-chacune)/iu;
const CHACUNE_BEFORE = /chacune\s+(?:et|ou)\s*$/iu;
const THINGS_BEFORE = /(?:dont|,)\s*$/u;
const AMONG_PEOPLE_AFTER = /^\s+(?:d['’]\s*(?:eux|entre)|de\s+(?:nous|vous))(?![\p{L}])/iu;
const VERB_AFTER = /^\s+(?!(?:de|des|du|y|à|et|ou|en)(?![\p{L}])|d['’])\p{Ll}/u;
const CEUX_RE = /(?<![\p{L}])(?:(?:pour|à|avec|parmi|et)\s+)?(ceux)(?=\s+(?:\p{L}+ant(?![\p{L}])|qui\s+(?:souhaitent|désirent|veulent|aimeraient|voudraient|les|nous|vous)))/giu;
const CELLES_BEFORE = /celles\s+(?:et|ou)\s*$/iu;
const INCLUDING_BEFORE = /y compris\s*$/iu;
const CEUX_PREPOSITION = /^(?:pour|à|avec|parmi|et)\s/iu;
const PARTICIPLE_END = /ant(?![\p{L}])/u;
const TOUS_RE = /(?<![\p{L}])(?:nous|vous)\s+(?:(?:ne|n['’]|pas|\p{L}+(?:ons|ez))(?![\p{L}])\s*){1,3}(tous)(?![\p{L}])(?!\s+(?:les|ces|nos|vos|des|ses|leurs|deux|trois|ceux)(?![\p{L}]))/giu;
const ILS_RE = /(?<![\p{L}])(ils|eux)(?![\p{L}])/giu;
const CHACUN_OF_BEFORE = /chacun\s+d['’]\s*$/iu;
const ELLES_AFTER = /^\s*(?:et|ou)\s+elles(?![\p{L}])/iu;
const ELLES_BEFORE = /elles\s+(?:et|ou)\s*$/iu;
const COMPLEMENT_BEFORE = /(?:des|de|du|d['’])\s*$/iu;
const OTHER_PLURAL = /(?<![\p{L}])(?:les|des|aux|ses|nos|vos|leurs|ces|plusieurs|certains|certaines)\s+\p{L}/iu;
const THINGS_PLURAL = /(?<![\p{L}])(?:ministères|services|produits|outils|systèmes|projets|processus)(?![\p{L}])/iu;
const DOUBLET_WORDS = /^([\p{L}]+) (?:et|ou) (?:les |des |aux )?([\p{L}]+)$/u;

const ABBREVIATED_AFTER = /^(?:\s?\(\p{Ll}{1,6}\)|[·•‧⋅.]\p{Ll}{1,6}|-\p{Ll}{1,5}(?![\p{L}]))/u;

function words(text: string, from: number, to: number): Array<{ w: string; i: number; j: number }> {
  const out: Array<{ w: string; i: number; j: number }> = [];
  WORD.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) && m.index < to) out.push({ w: m[0], i: m.index, j: m.index + m[0].length });
  return out;
}

function caseLike(word: string, like: string): string {
  return like[0] && like[0] !== like[0].toLowerCase() ? word[0]!.toUpperCase() + word.slice(1) : word;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]");
}

interface Compiled {
  reader: RegExp;
  etre: RegExp;
  starts: RegExp;
  adverbs: Set<string>;
  detSingular: RegExp;
  adjBefore: RegExp;
  adjBeforeFem: Map<string, string>;
  plural: RegExp;
  antecedent: RegExp;
  /**
   * Words one of which a segment must have for each expression to match (see `mayMatch`);
   * undefined when a listed entry is not one word, and the expression always runs.
   */
  detWords?: string[];
  adjWords?: string[];
  pluralWords?: string[];
  /** The reader verbs alone, with `reader`'s flags: every match of `reader` holds one (a cheaper search first). */
  readerVerbs: RegExp;
}

const ONE_WORD = /^\p{L}+$/u;
/** The lower-cased entries of a list, when each is one word (a run of letters). */
function oneWords(xs: string[]): string[] | undefined {
  return xs.every((x) => ONE_WORD.test(x)) ? xs.map((x) => x.toLowerCase()) : undefined;
}

/**
 * Whether an expression that needs one of `needed` as a whole word may match a segment. Every
 * expression here matches its words case-insensitively between non-letters, so a match is a
 * word of the segment (`segmentWords`); `ſ`, the one Latin letter case-insensitive matching
 * reads as another (`s`) where lower case keeps it, turns the filter off.
 */
function mayMatch(seg: Segment, needed: string[] | undefined): boolean {
  if (!needed || hasLongS(seg)) return true;
  const words = segmentWords(seg);
  return needed.some((w) => words.has(w));
}

const cache = new WeakMap<Agreement, Compiled>();

function compile(a: Agreement): Compiled {
  const hit = cache.get(a);
  if (hit) return hit;
  const alt = (xs: string[]) => xs.map(escape).join('|');
  const c: Compiled = {
    // `vous êtes`, `vous ne serez`, `vous vous sentez`, `êtes-vous`.
    reader: new RegExp(
      `(?<![${L}])(?:vous\\s+(?:(?:ne|n['’]|vous|en|y)\\s*)*(?:${alt(a.readerVerbs)})|(?:${alt(a.readerVerbs)})-vous)(?![${L}])`,
      'giu',
    ),
    etre: new RegExp(`(?:^|(?<![${L}])(?:${alt(a.beforeEtre)})\\s+(?:d['’]\\s*|de\\s+)?)être(?![${L}])`, 'giu'),
    starts: new RegExp(`^[\\s*_-]*(${alt(a.readerStarts)})(?=\\s+(?:et|à|pour|de|d['’]|avec)(?![${L}]))`, 'iu'),
    adverbs: new Set(a.adverbs.map((x) => x.toLowerCase())),
    // `le titulaire`, `du responsable`, `un analyste` (the last only where the hire is named).
    detSingular: new RegExp(
      `(?<![${L}])(le|du|au|un|d['’]un|ce|cet)\\s+(?:(${alt(a.adjectivesBefore.map((x) => x.masc))})\\s+)?(${alt(a.epiceneSingular)})(?![${L}])`,
      'giu',
    ),
    adjBefore: new RegExp(
      `(?<![${L}])(?:(un|le|du|au|d['’]un)\\s+)?(${alt(a.adjectivesBefore.map((x) => x.masc))})\\s+([${L}]+)(?![${L}])`,
      'giu',
    ),
    adjBeforeFem: new Map(a.adjectivesBefore.map((x) => [x.masc.toLowerCase(), x.fem])),
    plural: new RegExp(`(?<![${L}-])(${alt(a.epicenePlural)})\\s+([${L}]+)(?![${L}-])`, 'giu'),
    readerVerbs: new RegExp(alt(a.readerVerbs), 'iu'),
    detWords: oneWords(a.epiceneSingular),
    adjWords: oneWords(a.adjectivesBefore.map((x) => x.masc)),
    pluralWords: oneWords(a.epicenePlural),
    antecedent: new RegExp(
      `(?<![${L}])(?:(?:${alt(a.pronounAntecedents)})|[${L}]+(?:ennes|trices|rices|ères|euses|antes|entes|ées|ues|ies|tes|es) (?:et|ou) (?:les |des |aux )?[${L}]+s|[${L}]+\\((?:e|ne|ère|trice|euse|rice)s?\\)s?|[${L}]+[·•.](?:e|ne|rice|trice|euse|se)[·•.]?s)(?![${L}])`,
      'giu',
    ),
  };
  cache.set(a, c);
  return c;
}

function push(out: AgreementMatch[], fileText: string, seg: Segment, i: number, j: number, kind: AgreementMatch['kind'], suggestion?: string): void {
  if (seg.text.slice(i, j).includes(HOLE)) return;
  const range = exactRange(fileText, seg, i, j);
  if (range) out.push({ kind, range, words: seg.text.slice(i, j), suggestion });
}

const doublets = new Map<string, RegExp>();
/** ` ou intéressée`, ` et membres`: the feminine `fem` right after (as a whole word when `whole`); made once per word. */
function doubletAfter(fem: string, whole: boolean): RegExp {
  const key = `${whole ? 1 : 0}${fem}`;
  let re = doublets.get(key);
  if (!re) {
    re = new RegExp(`^\\s+(?:ou|et)\\s+${escape(fem)}${whole ? `(?![${L}])` : ''}`, 'iu');
    if (doublets.size >= 10000) doublets.clear(); // words of postings: kept bounded
    doublets.set(key, re);
  }
  return re;
}

/** The reader addressed in the masculine after `from`: the attributes, one by one. */
function readerAttributes(fileText: string, seg: Segment, a: Agreement, c: Compiled, from: number, out: AgreementMatch[]): void {
  // The attributes stand within a clause: a bounded window, not the rest of a long text.
  const reach = Math.min(seg.text.length, from + ATTRIBUTE_REACH);
  const end = seg.text.slice(from, reach).search(CLAUSE_END);
  const stop = end < 0 ? reach : from + end;
  const ws = words(seg.text, from, stop);
  let k = 0;
  while (k < ws.length) {
    const { w, i, j } = ws[k]!;
    const lower = w.toLowerCase();
    if (c.adverbs.has(lower) || /ment$/u.test(lower)) {
      k++;
      continue;
    }
    const m = masculine(w, a);
    const after = seg.text.slice(j, j + 40);
    if (m) {
      // A doublet or an abbreviated form beside it is not masculine only.
      if (!ABBREVIATED_AFTER.test(after) && !doubletAfter(m.fem, true).test(after)) {
        push(out, fileText, seg, i, j, 'reader', `${w} ou ${caseLike(m.fem, w)}`);
      }
    } else if (!/e$/iu.test(lower)) break; // Not an attribute: a preposition, a noun, an article.
    // Coordination: `organisé, êtes orienté`, `ouvert, amical et collaboratif`.
    const gap = seg.text.slice(j, ws[k + 1]?.i ?? j);
    if (!COORDINATION.test(gap)) break;
    k++;
    if (ws[k] && a.readerVerbs.includes(ws[k]!.w.toLowerCase())) k++;
  }
}

/** The people agreement findings of one segment. */
export function matchAgreement(fileText: string, seg: Segment, lexicon: Lexicon, naming: (i: number) => boolean): AgreementMatch[] {
  const a = lexicon.agreement;
  if (!a) return [];
  const c = compile(a);
  const text = seg.text;
  const out: AgreementMatch[] = [];

  // The reader.
  if (mayMatch(seg, VOUS) && c.readerVerbs.test(text)) for (const m of execAll(c.reader, text)) readerAttributes(fileText, seg, a, c, m.index + m[0].length, out);
  if (seg.scope === 'body' || seg.scope === 'heading') {
    if (mayMatch(seg, ETRE)) for (const m of execAll(c.etre, text)) readerAttributes(fileText, seg, a, c, m.index + m[0].length, out);
    const s = c.starts.exec(text);
    if (s) {
      const at = s.index + s[0].length - s[1]!.length;
      const fem = masculine(s[1]!, a)?.fem;
      push(out, fileText, seg, at, at + s[1]!.length, 'reader', fem ? `${s[1]} ou ${fem}` : undefined);
    }
  }

  // A masculine determiner before an épicène noun: `le titulaire`, `un analyste`.
  if (mayMatch(seg, c.detWords)) for (const m of execAll(c.detSingular, text)) {
    const i = m.index;
    const j = i + m[0].length;
    const before = text.slice(Math.max(0, i - 60), i);
    const after = text.slice(j, j + 60);
    if (OTHER_PERSON_BEFORE.test(before) || SELF_BEFORE.test(before) || NAME_AFTER.test(after) || ABBREVIATED_AFTER.test(after)) continue;
    if (FEMININE_DET_BEFORE.test(before) || FEMININE_DET_AFTER.test(after)) continue;
    const det = m[1]!.toLowerCase().replace(/'/g, '’');
    const anyDeterminer = a.anyDeterminer.includes(m[3]!.toLowerCase());
    if ((/un$/u.test(det) || !anyDeterminer) && !(/un$/u.test(det) && naming(i))) continue;
    const adj = m[2];
    const noun = m[3]!;
    const femDet: Record<string, string> = { le: 'la', du: 'de la', au: 'à la', un: 'une', 'd’un': 'd’une', ce: 'cette', cet: 'cette' };
    const femAdj = adj ? `${c.adjBeforeFem.get(adj.toLowerCase()) ?? adj} ` : '';
    const suggestion = `${m[1]} ${adj ? `${adj} ` : ''}${noun} ou ${femDet[det] ?? det} ${femAdj}${noun}`;
    push(out, fileText, seg, i, j, 'determiner', suggestion);
  }

  // A masculine adjective before a noun for people: `de hauts fonctionnaires`, `un solide chercheur`.
  if (mayMatch(seg, c.adjWords)) for (const m of execAll(c.adjBefore, text)) {
    const noun = m[3]!.toLowerCase();
    const i = m.index;
    const j = i + m[0].length;
    const fem = c.adjBeforeFem.get(m[2]!.toLowerCase())!;
    const isPlural = /[sx]$/u.test(m[2]!);
    const known = isPlural ? a.epicenePlural.some((p) => p.toLowerCase() === noun) : m[1] && a.peopleSingular.includes(noun);
    if (!known) continue;
    if (SELF_BEFORE.test(text.slice(Math.max(0, i - 40), i))) continue;
    if (a.epiceneSingular.some((x) => x.toLowerCase() === noun)) continue; // The determiner pattern has it.
    const after = text.slice(j, j + 60);
    if (ABBREVIATED_AFTER.test(after) || FEMININE_AFTER.test(after)) continue;
    if (COORDINATED_BEFORE.test(text.slice(Math.max(0, i - 8), i))) continue;
    const suggestion = isPlural ? `${fem} et ${m[2]} ${m[3]}` : undefined;
    push(out, fileText, seg, i, j, 'determiner', suggestion);
  }

  // An épicène plural and a masculine adjective after it: `cadres supérieurs`, `membres issus`.
  if (mayMatch(seg, c.pluralWords)) for (const m of execAll(c.plural, text)) {
    const noun = m[1]!;
    const adj = m[2]!;
    const allowed = a.restricted[noun.toLowerCase()];
    if (allowed && !allowed.includes(adj.toLowerCase())) continue;
    if (!allowed && (a.notAdjectives.includes(adj.toLowerCase()) || a.epicenePlural.some((p) => p.toLowerCase() === adj.toLowerCase()))) continue;
    const g = masculine(adj, a);
    if (!g || (!g.plural && !allowed)) continue;
    const i = m.index;
    const j = i + m[0].length;
    const after = text.slice(j, j + 40);
    if (ABBREVIATED_AFTER.test(after) || doubletAfter(g.fem, false).test(after)) continue;
    push(out, fileText, seg, i, j, 'determiner', `${noun} ${g.fem} et ${adj}`);
  }
  return dedupe(out);
}

const VOUS = ['vous'];
const ETRE = ['être'];
const CHACUN = ['chacun'];
const CEUX = ['ceux'];
const TOUS = ['tous'];
const NOUS_VOUS = ['nous', 'vous'];
const ILS = ['ils', 'eux'];

/** Pronouns standing for a mixed group. */
export function matchPronouns(fileText: string, seg: Segment, lexicon: Lexicon): AgreementMatch[] {
  const a = lexicon.agreement;
  if (!a) return [];
  const c = compile(a);
  const text = seg.text;
  const out: AgreementMatch[] = [];
  // `chacun` without `chacune`, for people (`chacun d’eux`, `chacun offre`), not `chacun des projets`.
  if (mayMatch(seg, CHACUN)) for (const m of execAll(CHACUN_RE, text)) {
    const i = m.index;
    const j = i + m[0].length;
    const after = text.slice(j, j + 30);
    const before = text.slice(Math.max(0, i - 12), i);
    if (CHACUNE_AFTER.test(after) || CHACUNE_BEFORE.test(before)) continue;
    // `dont chacun est examiné`, `deux dossiers distincts, chacun accompagné`: things, not people.
    if (THINGS_BEFORE.test(before)) continue;
    // For people: a verb follows (`chacun apporte`), or `d’eux`, `d’entre nous`; not `pour chacun,`.
    if (!AMONG_PEOPLE_AFTER.test(after) && !VERB_AFTER.test(after)) continue;
    push(out, fileText, seg, i, j, 'pronoun', 'chacun et chacune');
  }
  // `ceux désirant`, `pour ceux qui`.
  if (mayMatch(seg, CEUX)) for (const m of execAll(CEUX_RE, text)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (CELLES_BEFORE.test(before) || INCLUDING_BEFORE.test(before)) continue;
    if (!CEUX_PREPOSITION.test(m[0]) && !PARTICIPLE_END.test(text.slice(m.index + m[0].length, m.index + m[0].length + 20))) continue;
    const i = m.index + m[0].length - 4;
    push(out, fileText, seg, i, i + 4, 'pronoun', 'les personnes');
  }
  // `nous ne pouvons pas tous`, `vous êtes tous`.
  if (mayMatch(seg, TOUS) && mayMatch(seg, NOUS_VOUS)) for (const m of execAll(TOUS_RE, text)) {
    const i = m.index + m[0].length - 4;
    push(out, fileText, seg, i, i + 4, 'pronoun', 'tous et toutes');
  }
  // `ils` / `eux` after a doublet or an épicène plural, with no other plural noun between.
  if (mayMatch(seg, ILS)) for (const m of execAll(ILS_RE, text)) {
    const i = m.index;
    if (CHACUN_OF_BEFORE.test(text.slice(Math.max(0, i - 12), i))) continue;
    // `eux et elles`, `elles et ils`: already a doublet.
    if (ELLES_AFTER.test(text.slice(i + m[1]!.length, i + m[1]!.length + 12)) || ELLES_BEFORE.test(text.slice(Math.max(0, i - 12), i))) continue;
    const from = Math.max(0, i - 200);
    const window = text.slice(from + text.slice(from, i).lastIndexOf('.') + 1, i);
    let last: RegExpExecArray | undefined;
    for (const x of execAll(c.antecedent, window)) if (isAntecedent(x[0])) last = x;
    if (!last) continue;
    // `les commentaires des utilisateur·rice·s ..., ils`: the group is a complement, not the subject.
    if (COMPLEMENT_BEFORE.test(window.slice(Math.max(0, last.index - 5), last.index))) continue;
    const between = window.slice(last.index + last[0].length);
    if (OTHER_PLURAL.test(between)) continue;
    if (THINGS_PLURAL.test(between)) continue;
    push(out, fileText, seg, i, i + m[1]!.length, 'pronoun', m[1]!.toLowerCase() === 'ils' ? 'elles et ils' : 'elles et eux');
  }
  return dedupe(out);
}

/** A doublet is the same word twice (`Canadiennes et Canadiens`), not `accessibles et inclusifs`. */
function isAntecedent(words: string): boolean {
  const pair = DOUBLET_WORDS.exec(words);
  return !pair || pair[1]!.slice(0, 4).toLowerCase() === pair[2]!.slice(0, 4).toLowerCase();
}

/** Reporting lines name another, known person: `relevant du responsable`, `auprès du titulaire`. */
const OTHER_PERSON_BEFORE = /(?:relev\p{L}*|relève\p{L}*|auprès|sous la (?:direction|supervision|responsabilité)|rend(?:re|ra)? compte|bureau|cabinet|avec)\s+(?:\p{L}+\s+){0,2}$/iu;
/** A named person after the noun, perhaps past its complement: `le gestionnaire des politiques John Millons`. */
const NAME_AFTER = /^(?:\s+(?:de|des|du|d['’]|de la|de l['’])\s*\p{Ll}+){0,3}\s*,?\s+(?:M\.|Mme\s+)?\p{Lu}[\p{Ll}-]+(?:\s+\p{Lu}[\p{Ll}-]+)+/u;
/** The writer or a known person speaking of themself: `je suis le chef de marque`, `considéré comme un vrai membre`. */
const SELF_BEFORE = /(?:je\s+suis|j['’]étais|j['’]ai\s+été|il\s+est|il\s+était|me\s+\p{L}+|m['’]\p{L}+|considéré\s+comme|en\s+tant\s+que)\s*$/iu;

function dedupe(ms: AgreementMatch[]): AgreementMatch[] {
  ms.sort((x, y) => x.range[0] - y.range[0] || y.range[1] - x.range[1]);
  const out: AgreementMatch[] = [];
  let end = -1;
  for (const m of ms) {
    if (m.range[0] < end) continue;
    end = m.range[1];
    out.push(m);
  }
  return out;
}
