/**
 * The occupational groups table (`data/classifications.json`, extendable in config under
 * `data.classifications`), read once per configuration.
 */
import type { Bilingual, Lang } from '../types.js';
import { matchesPattern, parseUrl } from './urls.js';

export interface GroupEntry {
  code: string;
  name: Bilingual;
  levels: [number, number];
  retired?: { date?: string; successor: string };
  targets?: string[];
}

export interface TargetEntry {
  id: string;
  name: Bilingual;
  urls: Record<Lang, string[]>;
}

interface RawTable {
  groups?: GroupEntry[];
  targets?: TargetEntry[];
  notMentions?: string[];
}

export interface ClassificationTable {
  groups: ReadonlyMap<string, GroupEntry>;
  targets: ReadonlyMap<string, TargetEntry>;
  /** Exact texts that look like a code and are not (`CO2`). */
  notMentions: ReadonlySet<string>;
  /** The allowed targets of a group that match `url` (empty when none does). */
  targetsMatching(group: string, url: URL): TargetEntry[];
  /** Every target, of any group, that matches `url` (for "this is the IT agreement" messages). */
  anyTargetMatching(url: URL): { target: TargetEntry; groups: string[] } | undefined;
  /** The first allowed page of a group in a language, for messages. */
  preferredUrl(group: string, lang: Lang): string | undefined;
}

const cache = new WeakMap<object, ClassificationTable>();
const EMPTY: RawTable = {};

export function classificationTable(data: Record<string, unknown>): ClassificationTable {
  const raw = (data.classifications as RawTable | undefined) ?? EMPTY;
  const hit = cache.get(raw);
  if (hit) return hit;
  const table = build(raw);
  cache.set(raw, table);
  return table;
}

function build(raw: RawTable): ClassificationTable {
  const groups = new Map((raw.groups ?? []).map((g) => [g.code, g]));
  const targets = new Map((raw.targets ?? []).map((t) => [t.id, t]));
  const patternCache = new Map<string, URL | undefined>();
  const patternsOf = (target: TargetEntry, group: string): URL[] => {
    const out: URL[] = [];
    for (const lang of ['en', 'fr'] as const) {
      for (const u of target.urls[lang] ?? []) {
        const s = u.replace(/\{code\}/g, group.toLowerCase());
        if (!patternCache.has(s)) patternCache.set(s, parseUrl(s));
        const p = patternCache.get(s);
        if (p) out.push(p);
      }
    }
    return out;
  };
  const targetsOf = (group: string): TargetEntry[] =>
    (groups.get(group)?.targets ?? []).map((id) => targets.get(id)).filter((t): t is TargetEntry => !!t);
  return {
    groups,
    targets,
    notMentions: new Set(raw.notMentions ?? []),
    targetsMatching(group, url) {
      return targetsOf(group).filter((t) => patternsOf(t, group).some((p) => matchesPattern(url, p)));
    },
    anyTargetMatching(url) {
      for (const target of targets.values()) {
        const users = [...groups.values()].filter((g) => (g.targets ?? []).includes(target.id)).map((g) => g.code);
        // A shared page (qualification standards) names the group in its fragment.
        if (users.some((g) => patternsOf(target, g).some((p) => matchesPattern(url, p)))) {
          return { target, groups: users.filter((g) => patternsOf(target, g).some((p) => matchesPattern(url, p))) };
        }
      }
      return undefined;
    },
    preferredUrl(group, lang) {
      const first = targetsOf(group)[0];
      return first?.urls[lang]?.[0]?.replace(/\{code\}/g, group.toLowerCase());
    },
  };
}
