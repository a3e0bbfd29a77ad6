/**
 * The translation groups a run compares (pairing/structure, pairing/values): the postings
 * that share a `translationKey` or a path key, in both languages, with a linted posting
 * among them. The CLI lints each group in one worker job, so that each posting is parsed
 * once and its outline comes from that parse; the language server and the engine's index
 * (which hold parsed postings already) outline the groups here.
 */
import type { IndexEntry, LanguageConfig, ParsedPosting } from '../types.js';
import { parsePosting } from '../engine/parse.js';
import { siteKeys, type PairBy } from '../lib/pairing.js';
import type { Outliner } from './outliner.js';

/**
 * The groups of entries that are compared: connected by a shared key (key or path), holding
 * both languages and at least one linted entry; disjoint, each in the order of `entries`.
 */
export function comparedGroups(
  entries: readonly IndexEntry[],
  language: LanguageConfig,
  /** The entry is linted in this run. */
  linted: (e: IndexEntry) => boolean,
  /** How postings pair (`pairing.by`); both ways when not given. */
  by?: PairBy,
): IndexEntry[][] {
  // Union-find over the entries that share a key: a posting paired by key with one posting
  // and by path with another belongs to one group with both.
  const parent = new Map<IndexEntry, IndexEntry>();
  const find = (e: IndexEntry): IndexEntry => {
    let root = e;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let cur = e; cur !== root; ) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const firstByKey = new Map<string, IndexEntry>();
  const join = (key: string, e: IndexEntry) => {
    const first = firstByKey.get(key);
    if (!first) firstByKey.set(key, e);
    else parent.set(find(e), find(first));
  };
  for (const e of entries) {
    if (!e.lang) continue;
    parent.set(e, e);
    for (const key of siteKeys(e, language, { by })) join(key, e);
  }
  const byRoot = new Map<IndexEntry, IndexEntry[]>();
  for (const e of entries) {
    if (!e.lang) continue;
    const root = find(e);
    const list = byRoot.get(root);
    if (list) list.push(e);
    else byRoot.set(root, [e]);
  }
  const out: IndexEntry[][] = [];
  for (const group of byRoot.values()) {
    if (group.length < 2 || !group.some(linted) || !group.some((e) => e.lang === 'en') || !group.some((e) => e.lang === 'fr')) continue;
    out.push(group);
  }
  return out;
}

/**
 * Outlines for the postings of each compared group. A posting that is only indexed is
 * parsed, outlined and let go, so that no more than one extra tree is held at a time.
 */
export function outlinePairs(
  entries: readonly IndexEntry[],
  language: LanguageConfig,
  outline: Outliner,
  /** The parsed posting or the text of an entry (undefined: it cannot be read). */
  sourceOf: (e: IndexEntry) => ParsedPosting | string | undefined,
  /** The entry is linted in this run. */
  linted: (e: IndexEntry) => boolean,
): void {
  for (const group of comparedGroups(entries, language, linted)) {
    for (const e of group) {
      if (e.outline) continue;
      const source = sourceOf(e);
      if (source === undefined) continue;
      try {
        e.outline = outline(typeof source === 'string' ? parsePosting(source, e.filePath, language) : source);
      } catch {
        // A posting that cannot be read as Markdown has no outline; the rules then say nothing.
      }
    }
  }
}
