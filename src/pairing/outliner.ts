/** The outline function of a configuration: codes from its classification table, links from its counterparts. */
import type { ParsedPosting, ResolvedConfig } from '../types.js';
import { classificationTable } from '../lib/classification-table.js';
import { findMentions } from '../lib/classification-mentions.js';
import { computeOutline, type Outline } from './outline.js';
import { linkKey, linkNormaliser, type LinkNormaliser } from './links.js';
import type { SiteModel } from '../site/model.js';
import { languageOfFile, printedPieces, templateOf } from '../site/page.js';
import { durationWords, type DurationWordsTable } from './values.js';

export type Outliner = (posting: ParsedPosting) => Outline;

export function outliner(config: Pick<ResolvedConfig, 'data' | 'site'>): Outliner {
  const table = classificationTable(config.data);
  const links = linkNormaliser(config);
  const codes = (p: ParsedPosting) => findMentions(p, table).map((m) => ({ codes: m.codes, range: m.range }));
  const durations = durationWords(config.data['durations'] as DurationWordsTable | undefined);
  const site = config.site;
  return (posting) => {
    const outline = computeOutline(posting, { codes, links, durations });
    if (site) {
      const printed = layoutLinks(site, posting, links);
      if (printed.length) outline.layoutLinks = printed;
    }
    return outline;
  };
}

/** The keys of the links a posting's layout prints on its page whatever the posting says (conditions that certainly hold included). */
function layoutLinks(site: SiteModel, posting: ParsedPosting, links: LinkNormaliser): string[] {
  const fm = posting.frontMatter?.data;
  const facts = templateOf(site, posting.filePath, fm);
  if (!facts) return [];
  const keys = new Set<string>();
  for (const piece of printedPieces(facts, fm, languageOfFile(site, posting.filePath)?.code)) {
    if (piece.kind !== 'text' && piece.value.startsWith('<')) {
      for (const m of piece.value.matchAll(HREF)) {
        const key = linkKey(m[1]!, links)?.key;
        if (key) keys.add(key);
      }
    }
  }
  return [...keys];
}

const HREF = /\bhref\s*=\s*["']?([^"'\s>]+)/gi;
