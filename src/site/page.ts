/**
 * A page of the site as the site model sees it: its language, its root section, the layout
 * that renders it, whether it is a job posting, and what its layout prints around it. Pure.
 */
import picomatch from 'picomatch';
import type { Condition, SiteLanguage, SiteModel, TemplateFacts, TemplatePiece } from './model.js';
import { resolveLayout, type ResolvedLayout } from './lookup.js';
import { holds, type UNKNOWN } from './conditions.js';

export interface PageInfo {
  language: SiteLanguage | undefined;
  /** Path relative to the language's content folder, with `/`. */
  rel: string | undefined;
  section: string;
  layout: ResolvedLayout | undefined;
}

const slash = (p: string) => p.replace(/\\/g, '/');

/** The language whose content folder holds `file` (the deepest folder; a `.fr.md` mark decides between languages sharing one). */
export function languageOfFile(model: SiteModel, file: string): SiteLanguage | undefined {
  const f = slash(file);
  const holding = model.languages.filter((l) => f.startsWith(slash(l.contentDir) + '/'));
  if (holding.length === 0) return undefined;
  const depth = Math.max(...holding.map((l) => l.contentDir.length));
  const deepest = holding.filter((l) => l.contentDir.length === depth);
  if (deepest.length === 1) return deepest[0];
  const mark = /\.([a-z]{2}(?:-[a-z]+)?)\.[a-z]+$/i.exec(f)?.[1]?.toLowerCase();
  return deepest.find((l) => l.code === mark) ?? deepest.find((l) => l.code === model.defaultContentLanguage) ?? deepest[0];
}

const layoutCache = new WeakMap<SiteModel, Map<string, ResolvedLayout | undefined>>();

export function pageInfo(model: SiteModel, file: string, fm: Record<string, unknown> | undefined): PageInfo {
  const language = languageOfFile(model, file);
  if (!language) return { language, rel: undefined, section: '', layout: undefined };
  const rel = slash(file).slice(slash(language.contentDir).length + 1);
  const parts = rel.split('/');
  const section = parts.length > 1 ? parts[0]! : '';
  const type = typeof fm?.type === 'string' ? fm.type : undefined;
  const layoutName = typeof fm?.layout === 'string' ? fm.layout : undefined;
  let cache = layoutCache.get(model);
  if (!cache) layoutCache.set(model, (cache = new Map()));
  const key = `${type ?? ''}\0${layoutName ?? ''}\0${section}\0${language.code}`;
  if (!cache.has(key)) cache.set(key, resolveLayout(model, { type, layout: layoutName, section, lang: language.code }));
  return { language, rel, section, layout: cache.get(key) };
}

export type PostingReason = 'posting' | 'section-page' | 'not-markdown' | 'outside-content' | 'not-a-posting';

/**
 * Whether a file of the site is a job posting: a Markdown page (never `_index.*`) under a
 * folder named `positions`, or matching `postings.paths` (globs from the site root), or whose
 * layout (front matter `layout`, or the resolved template's name) is one of `postings.layouts`.
 */
export function postingStatus(model: SiteModel, file: string, fm: Record<string, unknown> | undefined): PostingReason {
  const f = slash(file);
  if (!/\.md$/i.test(f)) return 'not-markdown';
  if (/(^|\/)_index(\.[a-z]{2}(-[a-z]+)?)?\.md$/i.test(f)) return 'section-page';
  const info = pageInfo(model, file, fm);
  if (!info.language) return 'outside-content';
  const fromRoot = f.startsWith(slash(model.root) + '/') ? f.slice(slash(model.root).length + 1) : f;
  if (info.rel!.split('/').slice(0, -1).includes('positions')) return 'posting';
  if (model.postings.paths.length && matcher(model.postings.paths)(fromRoot)) return 'posting';
  const layouts = model.postings.layouts.map((l) => l.toLowerCase());
  const fmLayout = typeof fm?.layout === 'string' ? fm.layout.toLowerCase() : undefined;
  if (fmLayout && layouts.includes(fmLayout)) return 'posting';
  const resolved = info.layout?.name.split('/').pop()!.split('.')[0]!.toLowerCase();
  if (resolved && layouts.includes(resolved)) return 'posting';
  return 'not-a-posting';
}

const matchers = new Map<string, (p: string) => boolean>();
function matcher(globs: string[]): (p: string) => boolean {
  const key = globs.join('\0');
  let m = matchers.get(key);
  if (!m) matchers.set(key, (m = picomatch(globs, { dot: true })));
  return m;
}

/** The layout's template facts for a page, when the template was scanned. */
export function templateOf(model: SiteModel, file: string, fm: Record<string, unknown> | undefined): TemplateFacts | undefined {
  const layout = pageInfo(model, file, fm).layout;
  return layout ? model.templates[layout.file] : undefined;
}

/** The pieces of a template that are certainly printed on this page (unknown conditions excluded). */
export function printedPieces(facts: TemplateFacts, fm: Record<string, unknown> | undefined, lang?: string): TemplatePiece[] {
  const values = { params: fm ?? {}, type: typeof fm?.type === 'string' ? fm.type : undefined, layout: typeof fm?.layout === 'string' ? fm.layout : undefined, lang };
  const memo = new Map<readonly unknown[], boolean>();
  const each = new Map<Condition, boolean | typeof UNKNOWN>();
  return facts.pieces.filter((p) => {
    if (p.conds.length === 0) return true;
    let v = memo.get(p.conds);
    if (v === undefined) memo.set(p.conds, (v = holds(p.conds, values, each) === true));
    return v;
  });
}

/** What a page's layout certainly prints on it: its prose block by block, and the targets of its links. */
export interface PrintedPage {
  /** The template, relative to the site (for messages). */
  displayPath: string;
  /** The text of each block of the template, spaces collapsed (inline tags join the prose around them). */
  blocks: string[];
  /** `href` targets of the tags it prints, as written. */
  hrefs: string[];
}

const HREF = /\bhref\s*=\s*["']?([^"'\s>]+)/gi;

/**
 * The text and links a page's layout prints whatever the page says (conditions that certainly
 * hold included): what a rule reads as being on the page the reader sees, besides the body.
 */
export function printedPage(model: SiteModel, file: string, fm: Record<string, unknown> | undefined): PrintedPage | undefined {
  const facts = templateOf(model, file, fm);
  if (!facts) return undefined;
  const blocks = new Map<number, string>();
  const hrefs: string[] = [];
  for (const piece of printedPieces(facts, fm, languageOfFile(model, file)?.code)) {
    if (piece.kind === 'text') blocks.set(piece.block, (blocks.get(piece.block) ?? '') + piece.value);
    else if (piece.value.startsWith('<')) {
      for (const m of piece.value.matchAll(HREF)) hrefs.push(m[1]!);
      // Inline tags join the prose around them; block tags were already a new block.
      blocks.set(piece.block, (blocks.get(piece.block) ?? '') + ' ');
    }
  }
  return { displayPath: facts.displayPath, blocks: [...blocks.values()].map((t) => t.replace(/\s+/g, ' ')), hrefs };
}
