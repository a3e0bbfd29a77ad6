/**
 * Outlines for the pairs a run compares (pairing/structure, pairing/values): computed once
 * when the index is built, for the postings of each pair that has a linted posting.
 */
import type { IndexEntry, LanguageConfig, ParsedPosting } from '../types.js';
import { parsePosting } from '../engine/parse.js';
import { pathKey } from '../lib/pairing.js';
import type { Outliner } from './outliner.js';

/**
 * Outlines for the postings of each pair that has a linted posting (same `translationKey`
 * or same path, both languages present): only pairs are compared, so a posting alone costs
 * nothing. A posting that is only indexed is parsed, outlined and let go, so that no more
 * than one extra tree is held at a time.
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
  const groups = new Map<string, IndexEntry[]>();
  const add = (key: string, e: IndexEntry) => {
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  };
  for (const e of entries) {
    if (!e.lang) continue;
    if (e.translationKey) add(`k\u0000${e.translationKey}`, e);
    const p = pathKey(e, language);
    if (p) add(`p\u0000${p}`, e);
  }
  const wanted = new Set<IndexEntry>();
  for (const group of groups.values()) {
    if (!group.some(linted) || !group.some((e) => e.lang === 'en') || !group.some((e) => e.lang === 'fr')) continue;
    for (const e of group) wanted.add(e);
  }
  for (const e of wanted) {
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
