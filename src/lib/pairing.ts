/**
 * How the English and French postings of a site pair up, read from the front matter index
 * (`context.project`). Postings pair by `translationKey` (the default) or by path (Hugo's
 * "translation by file name": `en/careers/x.md` ↔ `fr/careers/x.md`, or `x.md` ↔ `x.fr.md`),
 * set by the top-level configuration key `pairing: { "by": "translationKey" | "path" }`.
 */
import type { IndexEntry, Lang, LanguageConfig, ProjectIndex, RuleContext } from '../types.js';
import { locate } from '../engine/yaml-locate.js';
import { editDistance } from '../engine/format.js';
import { compareCodeUnits } from '../engine/compare.js';

export type PairBy = 'translationKey' | 'path';

export interface PairingSettings {
  by: PairBy;
}

export function pairingSettings(settings: Record<string, unknown>): PairingSettings {
  const raw = settings.pairing as { by?: unknown } | undefined;
  return { by: raw?.by === 'path' ? 'path' : 'translationKey' };
}

export const OTHER: Record<Lang, Lang> = { en: 'fr', fr: 'en' };

/** The language's name as an adjective in the locale of the messages. */
export function langName(lang: Lang, locale: Lang): string {
  if (locale === 'fr') return lang === 'en' ? 'anglaise' : 'française';
  return lang === 'en' ? 'English' : 'French';
}

interface Groups {
  byFile: Map<string, IndexEntry>;
  byKey: Map<string, IndexEntry[]>;
  keyOf: (e: IndexEntry) => string | undefined;
}

const cache = new WeakMap<ProjectIndex, Map<string, Groups>>();

function groups(index: ProjectIndex, by: PairBy, language: LanguageConfig): Groups {
  let perMode = cache.get(index);
  if (!perMode) cache.set(index, (perMode = new Map()));
  const cached = perMode.get(by);
  if (cached) return cached;
  const keyOf = by === 'path' ? (e: IndexEntry) => pathKey(e, language) : (e: IndexEntry) => e.translationKey;
  const byFile = new Map<string, IndexEntry>();
  const byKey = new Map<string, IndexEntry[]>();
  for (const e of index.entries) {
    byFile.set(e.filePath, e);
    const key = keyOf(e);
    if (!e.lang || !key) continue;
    const k = `${e.scope ?? ''}\u0000${e.lang}\u0000${key}`;
    const list = byKey.get(k);
    if (list) list.push(e);
    else byKey.set(k, [e]);
  }
  const g = { byFile, byKey, keyOf };
  perMode.set(by, g);
  return g;
}

/**
 * The path a posting has in every language: its display path without the language folder
 * (`en/`) or the language suffix (`.fr.md`).
 */
export function pathKey(e: IndexEntry, language: LanguageConfig): string | undefined {
  if (!e.lang) return undefined;
  // Asked of every entry by several cross-file checks: made once per entry and configuration.
  const known = pathKeys.get(e);
  if (known && known.language === language && known.lang === e.lang && known.displayPath === e.displayPath) return known.key;
  const key = makePathKey(e.displayPath, e.lang, language);
  pathKeys.set(e, { language, lang: e.lang, displayPath: e.displayPath, key });
  return key;
}

const pathKeys = new WeakMap<IndexEntry, { language: LanguageConfig; lang: Lang; displayPath: string; key: string }>();

function makePathKey(displayPath: string, lang: Lang, language: LanguageConfig): string {
  const segments = segmentsOf(language, lang);
  const parts = displayPath.split('/');
  const at = parts.findIndex((p) => segments.has(p.toLowerCase()));
  if (at >= 0) parts.splice(at, 1);
  let last = parts[parts.length - 1] ?? '';
  for (const suffix of language.suffixes[lang]) {
    const tail = `.${suffix}.md`;
    if (last.toLowerCase().endsWith(tail)) last = `${last.slice(0, -tail.length)}.md`;
  }
  parts[parts.length - 1] = last;
  return parts.join('/');
}

/** The language's path segments for `lang`, lowercased: made once per configuration, not per posting. */
const segmentSets = new WeakMap<LanguageConfig, Map<Lang, Set<string>>>();
function segmentsOf(language: LanguageConfig, lang: Lang): Set<string> {
  let byLang = segmentSets.get(language);
  if (!byLang) segmentSets.set(language, (byLang = new Map()));
  let set = byLang.get(lang);
  if (!set) byLang.set(lang, (set = new Set(language.pathSegments[lang].map((s) => s.toLowerCase()))));
  return set;
}

/**
 * The keys that tie a posting to others of its site: its `translationKey`, its Lever id
 * (with `lever`) and its path key (unless pairing is by key only, `by`). Each is scoped to the
 * posting's site, so that two sites linted in one run never pair with each other.
 */
export function siteKeys(
  e: IndexEntry,
  language: LanguageConfig,
  which: { by?: PairBy; lever?: boolean; path?: boolean } = {},
): string[] {
  const scope = e.scope ?? '';
  const out: string[] = [];
  if (e.translationKey && which.by !== 'path') out.push(`${scope}\u0000k\u0000${e.translationKey}`);
  if (which.lever && e.leverId) out.push(`${scope}\u0000l\u0000${e.leverId}`);
  if (which.path !== false && which.by !== 'translationKey' && e.lang) {
    const p = pathKey(e, language);
    if (p) out.push(`${scope}\u0000p\u0000${p}`);
  }
  return out;
}

export interface PairView {
  by: PairBy;
  self: IndexEntry;
  lang: Lang;
  other: Lang;
  key: string;
  /** Other postings of the same language with the same key. */
  sameLang: IndexEntry[];
  /** Postings of the other language with the same key. */
  partners: IndexEntry[];
  /** Every posting of the other language (in this site) whose key has no posting in this language. */
  unpairedOthers: () => IndexEntry[];
  /** The posting is of this posting's site (every posting is, unless the run holds several sites). */
  inSite: (e: IndexEntry) => boolean;
  keyOf: (e: IndexEntry) => string | undefined;
  /** Where to report: the `translationKey` value, else the start of the front matter. */
  range: [number, number];
}

/** This posting's place among its pairs, or undefined when pairing does not apply. */
export function pairView(context: RuleContext): PairView | undefined {
  const index = context.project;
  const lang = context.lang;
  if (!index || !lang) return undefined;
  const by = pairingSettings(context.config.settings).by;
  const g = groups(index, by, context.config.language);
  const self = g.byFile.get(context.filePath);
  if (!self) return undefined;
  const key = g.keyOf(self);
  if (!key) return undefined;
  const other = OTHER[lang];
  const scope = self.scope ?? '';
  const sameLang = (g.byKey.get(`${scope}\u0000${lang}\u0000${key}`) ?? []).filter((e) => e !== self);
  const partners = g.byKey.get(`${scope}\u0000${other}\u0000${key}`) ?? [];
  const inSite = (e: IndexEntry) => (e.scope ?? '') === scope;
  const unpairedOthers = () =>
    index.entries.filter((e) => {
      if (e.lang !== other || !inSite(e)) return false;
      const k = g.keyOf(e);
      return !!k && !g.byKey.has(`${scope}\u0000${lang}\u0000${k}`);
    });
  return { by, self, lang, other, key, sameLang, partners, unpairedOthers, inSite, keyOf: g.keyOf, range: keyRange(context) };
}

export function keyRange(context: RuleContext): [number, number] {
  const fm = context.posting.frontMatter;
  if (!fm) return [0, 0];
  const found = locate(fm, ['translationKey']);
  return found?.valueRange ?? found?.keyRange ?? [fm.range[0], fm.range[0] + 3];
}

/** Where a front matter key's value is, else the `translationKey` value. */
export function valueRange(context: RuleContext, key: string): [number, number] {
  const fm = context.posting.frontMatter;
  const found = fm ? locate(fm, [key]) : undefined;
  return found?.valueRange ?? found?.keyRange ?? keyRange(context);
}

/**
 * Which unpaired posting of the other language this one most likely belongs with: one with
 * the same `leverId`, then one whose file name ends in `--<this leverId>.md` (or the reverse),
 * then the closest key by edit distance.
 */
export function guessPartner(view: PairView): IndexEntry | undefined {
  const { self, key, keyOf } = view;
  const candidates = view.unpairedOthers();
  const lever = self.leverId?.toLowerCase();
  const byKeyDistance = (a: IndexEntry, b: IndexEntry) =>
    editDistance(key, keyOf(a) ?? '') - editDistance(key, keyOf(b) ?? '') || compareCodeUnits(a.displayPath, b.displayPath);
  if (lever) {
    const same = candidates.filter((c) => c.leverId?.toLowerCase() === lever).sort(byKeyDistance);
    if (same[0]) return same[0];
    const suffix = candidates
      .filter(
        (c) =>
          c.displayPath.toLowerCase().endsWith(`-${lever}.md`) ||
          (!!c.leverId && self.displayPath.toLowerCase().endsWith(`-${c.leverId.toLowerCase()}.md`)),
      )
      .sort(byKeyDistance);
    if (suffix[0]) return suffix[0];
  }
  let best: IndexEntry | undefined;
  let bestDistance = Infinity;
  for (const c of [...candidates].sort(byKeyDistance)) {
    const d = editDistance(key.toLowerCase(), (keyOf(c) ?? '').toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best && bestDistance <= Math.max(2, Math.ceil(key.length * 0.4)) ? best : undefined;
}


/**
 * This posting and the postings of the other language that share its key, for the rules
 * that compare a pair. With duplicates on either side, a rule reports a difference only when
 * every partner agrees on the value and this posting differs from it: the finding is then
 * true whichever copy Hugo picks.
 */
export function partnersOf(context: RuleContext): { view: PairView; self: IndexEntry; partners: IndexEntry[] } | undefined {
  const view = pairView(context);
  if (!view || view.partners.length === 0) return undefined;
  return { view, self: view.self, partners: view.partners };
}

/** The value every entry has, compared by `same`, or undefined when they disagree or one lacks it. */
export function agreed<T>(entries: IndexEntry[], get: (e: IndexEntry) => T | undefined, key: (v: T) => string = String): T | undefined {
  let value: T | undefined;
  for (const e of entries) {
    const v = get(e);
    if (v === undefined) return undefined;
    if (value !== undefined && key(value) !== key(v)) return undefined;
    value = v;
  }
  return value;
}

export function displayPaths(entries: IndexEntry[]): string {
  return entries
    .map((e) => e.displayPath)
    .sort()
    .join(', ');
}

/**
 * Every posting's pairing key and partners (postings of the other language with the same
 * key), as the pairing rules see them: for reports that show the pairs side by side.
 */
export function pairsOf(
  index: ProjectIndex,
  settings: Record<string, unknown>,
  language: LanguageConfig,
): Map<string, { key: string | undefined; partners: IndexEntry[] }> {
  const g = groups(index, pairingSettings(settings).by, language);
  const out = new Map<string, { key: string | undefined; partners: IndexEntry[] }>();
  for (const e of index.entries) {
    const key = e.lang ? g.keyOf(e) : undefined;
    const partners = e.lang && key ? (g.byKey.get(`${e.scope ?? ''}\u0000${OTHER[e.lang]}\u0000${key}`) ?? []) : [];
    out.set(e.filePath, { key, partners });
  }
  return out;
}
