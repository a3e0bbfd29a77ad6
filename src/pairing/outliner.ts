/** The outline function of a configuration: codes from its classification table, links from its counterparts. */
import type { ParsedPosting, ResolvedConfig } from '../types.js';
import { classificationTable } from '../lib/classification-table.js';
import { findMentions } from '../lib/classification-mentions.js';
import { computeOutline, proseStats, type Outline } from './outline.js';
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
      const texts = layoutTexts(site, posting);
      if (texts.length) outline.layoutTexts = texts;
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

/**
 * The paragraphs of text a posting's layout prints on its page whatever the posting says (the
 * template's own text, block by block): size and word stems, as the outline's blocks have them.
 */
function layoutTexts(site: SiteModel, posting: ParsedPosting): Array<{ size: number; stems: string[] }> {
  const fm = posting.frontMatter?.data;
  const facts = templateOf(site, posting.filePath, fm);
  if (!facts) return [];
  const blocks = new Map<number, string>();
  for (const piece of printedPieces(facts, fm, languageOfFile(site, posting.filePath)?.code)) {
    // Inline tags join the prose around them; block tags already start a new block.
    const text = piece.kind === 'text' ? piece.value : piece.value.startsWith('<') ? ' ' : '';
    if (text) blocks.set(piece.block, (blocks.get(piece.block) ?? '') + text);
  }
  const out: Array<{ size: number; stems: string[] }> = [];
  for (const text of blocks.values()) {
    const { size, stems } = proseStats(text.replace(/\s+/g, ' '));
    if (stems.length >= 3) out.push({ size, stems });
  }
  return out;
}

const HREF = /\bhref\s*=\s*["']?([^"'\s>]+)/gi;
