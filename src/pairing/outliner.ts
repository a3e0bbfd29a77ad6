/** The outline function of a configuration: codes from its classification table, links from its counterparts. */
import type { ParsedPosting, ResolvedConfig } from '../types.js';
import { classificationTable } from '../lib/classification-table.js';
import { findMentions } from '../lib/classification-mentions.js';
import { computeOutline, proseStats, type Outline } from './outline.js';
import { linkKey, linkNormaliser } from './links.js';
import { printedPage } from '../site/page.js';
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
    // What the page's layout prints counts as on the page: its links and its paragraphs.
    const page = site && printedPage(site, posting.filePath, posting.frontMatter?.data);
    if (page) {
      const keys = new Set<string>();
      for (const href of page.hrefs) {
        const key = linkKey(href, links)?.key;
        if (key) keys.add(key);
      }
      if (keys.size) outline.layoutLinks = [...keys];
      const texts: Array<{ size: number; stems: string[] }> = [];
      for (const text of page.blocks) {
        const { size, stems } = proseStats(text);
        if (stems.length >= 3) texts.push({ size, stems });
      }
      if (texts.length) outline.layoutTexts = texts;
    }
    return outline;
  };
}
