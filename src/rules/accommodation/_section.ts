/**
 * Finds the assessment accommodation section of a posting: the sentence on requesting
 * accommodation during the assessment process, and a link to the Public Service
 * Commission's page. Shared by `accommodation/missing` and `accommodation/link`.
 */
import { walk } from '../../engine/walk.js';
import type { Root } from 'mdast';
import type { Lang, RuleContext } from '../../types.js';
import { dataPatterns, matches, mayMatch } from '../../lib/patterns.js';
import { proseBlocks, rangeIn, sentences } from '../../lib/prose.js';
import { printedPage } from '../../site/page.js';

export interface AccommodationTable {
  sentences: Record<Lang, string[]>;
  notSection: Record<Lang, string[]>;
  pages: Record<Lang, string[]>;
}

export interface AccommodationSection {
  /** Where the sentence is, if there is one. */
  sentence?: [number, number];
  /** Whether a link (or a bare URL) to the PSC page is on the page (in the posting or printed by its layout). */
  link: boolean;
  /** The posting's layout prints the sentence on every page it renders (`src/site/`). */
  sentenceInLayout?: string;
}

const cache = new WeakMap<Root, AccommodationSection>();

/** A URL reduced to what identifies the page: no scheme, `www.`, query, fragment or final slash. */
export function normalizeUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
}

export function findAccommodation(context: RuleContext): AccommodationSection | undefined {
  const lang = context.lang;
  const table = context.config.data.accommodation as AccommodationTable | undefined;
  if (!lang || !table) return undefined;
  const tree = context.posting.tree;
  const cached = cache.get(tree);
  if (cached) return cached;

  const pages = new Set([...table.pages.en, ...table.pages.fr].map(normalizeUrl));
  const wanted = dataPatterns(table.sentences[lang]);
  const excluded = dataPatterns(table.notSection[lang]);
  // The wanted patterns first: the excluded ones are compiled and run only on a sentence that may be the section.
  const isSection = (text: string) => wanted.some((re) => matches(re, text)) && !excluded.some((re) => matches(re, text));
  let link = false;
  let sentence: [number, number] | undefined;
  type Node = { type: string; url?: string; value?: string; children?: unknown[]; position?: { start: { offset?: number }; end: { offset?: number } } };
  walk<Node>(tree as unknown as Node, (node) => {
    if ((node.type === 'link' || node.type === 'definition') && node.url && pages.has(normalizeUrl(node.url))) link = true;
    else if ((node.type === 'html' || node.type === 'text') && node.value?.includes('://')) {
      for (const m of node.value.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)) if (pages.has(normalizeUrl(m[0]))) link = true;
    }
    // A section written in raw HTML: its text, without the tags, at the HTML block.
    if (node.type === 'html' && node.value && !sentence) {
      // `[^<>]`: a tag never runs past the next `<` (an unclosed `<!--` stays linear).
      const text = node.value.replace(/<[^<>]*>/g, ' ');
      const { start, end } = node.position ?? {};
      if (start?.offset !== undefined && sentences(text).some((s) => isSection(s.text))) sentence = [start.offset, end?.offset ?? start.offset];
    }
  });
  if (!sentence) outer: for (const block of proseBlocks(tree)) {
    // Most paragraphs are not about accommodation: reject them whole before splitting.
    if (!wanted.some((re) => mayMatch(re, block.text))) continue;
    for (const s of sentences(block.text)) {
      if (isSection(s.text)) {
        const lead = s.text.length - s.text.trimStart().length;
        sentence = rangeIn(block, s.at + lead, s.at + s.text.trimEnd().length);
        break outer;
      }
    }
  }
  const found: AccommodationSection = { sentence, link };
  if (!sentence || !link) fromLayout(context, found, isSection, pages);
  cache.set(tree, found);
  return found;
}

/**
 * What the posting's layout prints on its page counts: a template that prints the sentence or
 * the link satisfies every posting it renders (text under conditions counts only when the
 * posting certainly meets them).
 */
function fromLayout(context: RuleContext, found: AccommodationSection, isSection: (text: string) => boolean, pages: Set<string>): void {
  const site = context.config.site;
  if (!site) return;
  const fm = context.posting.frontMatter?.data;
  const page = printedPage(site, context.filePath, fm);
  if (!page) return;
  if (page.hrefs.some((href) => pages.has(normalizeUrl(href)))) found.link = true;
  if (!found.sentence) {
    for (const text of page.blocks) {
      if (sentences(text).some((s) => isSection(s.text))) {
        found.sentenceInLayout = page.displayPath;
        break;
      }
    }
  }
}
