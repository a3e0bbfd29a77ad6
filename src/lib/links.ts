/**
 * Links of a posting as the link rules need them: the URL (references resolved), the page it
 * really leads to (redirects unwrapped), the text a reader sees, and where the destination
 * is written in the source, so that a fix can rewrite exactly that.
 */
import { walk } from '../engine/walk.js';
import type { Definition, Html, Link, LinkReference, Nodes, Text } from 'mdast';
import type { ParsedPosting } from '../types.js';
import { findAddresses } from './addresses.js';
import { parseUrl, unwrapRedirect } from './urls.js';

export interface LinkInfo {
  node: Link | LinkReference;
  /** The URL as the Markdown gives it (from the definition for a reference). */
  url: string;
  /** The page it leads to (a Google redirect unwrapped), when it is an http(s) URL. */
  target: URL | undefined;
  /** The link goes through a redirect. */
  redirected: boolean;
  /** The text a reader sees. */
  text: string;
  /** Where the destination is written (in the link, or in its definition). */
  destination: UrlSite | undefined;
}

export interface UrlSite {
  range: [number, number];
  /** The destination as written (may differ from `url` by escapes or `<...>`). */
  raw: string;
  /** An autolink `<https://...>`: the text is the URL. */
  autolink: boolean;
}

const defsCache = new WeakMap<object, Map<string, Definition>>();

export function collectDefinitions(posting: ParsedPosting): Map<string, Definition> {
  const hit = defsCache.get(posting.tree);
  if (hit) return hit;
  const defs = new Map<string, Definition>();
  walk<Nodes>(posting.tree, (node) => {
    if (node.type !== 'definition') return;
    if (!defs.has(node.identifier)) defs.set(node.identifier, node);
    return false;
  });
  defsCache.set(posting.tree, defs);
  return defs;
}

const infoCache = new WeakMap<object, LinkInfo | null>();

export function linkInfo(
  posting: ParsedPosting,
  node: Link | LinkReference,
  definitions: Map<string, Definition>,
): LinkInfo | undefined {
  const hit = infoCache.get(node);
  if (hit !== undefined) return hit ?? undefined;
  let url: string | undefined;
  let destination: UrlSite | undefined;
  if (node.type === 'link') {
    url = node.url;
    destination = linkDestination(posting.text, node);
  } else {
    const def = definitions.get(node.identifier);
    if (def) {
      url = def.url;
      destination = definitionDestination(posting.text, def);
    }
  }
  if (url === undefined) {
    infoCache.set(node, null);
    return undefined;
  }
  const parsed = parseUrl(url);
  const unwrapped = parsed ? unwrapRedirect(parsed) : undefined;
  const info: LinkInfo = {
    node,
    url,
    target: unwrapped?.url,
    redirected: unwrapped?.redirected ?? false,
    text: plainText(node),
    destination,
  };
  infoCache.set(node, info);
  return info;
}

/** The text of a node, as mdast-util-to-string gives it (values, image alts), without recursion. */
function plainText(root: Nodes): string {
  let out = '';
  walk<Nodes>(root, (node) => {
    if ('value' in node && typeof node.value === 'string') out += node.value;
    else if ('alt' in node && typeof node.alt === 'string') out += node.alt;
  });
  return out;
}

/** Every inline link and every definition, each with where its URL is written. */
export function urlSites(posting: ParsedPosting): Array<{ url: string; site: UrlSite | undefined; node: Link | Definition }> {
  const out: Array<{ url: string; site: UrlSite | undefined; node: Link | Definition }> = [];
  walk<Nodes>(posting.tree, (node) => {
    if (node.type === 'link') out.push({ url: node.url, site: linkDestination(posting.text, node), node });
    else if (node.type === 'definition') out.push({ url: node.url, site: definitionDestination(posting.text, node), node });
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return false;
  });
  return out;
}

export interface RawUrlSite {
  /** The URL to judge: `www.` gets `https://`, `&amp;` in an attribute is decoded. */
  url: string;
  /** Where it is written; `site.raw === url` when it is written plainly. */
  site: UrlSite;
  node: Text | Html;
  kind: 'bare' | 'href';
}

/** Nodes whose text Hugo does not turn into links (and links, whose destination is judged). */
const NO_BARE = new Set(['code', 'inlineCode', 'html', 'link', 'linkReference', 'definition', 'image', 'imageReference', 'yaml', 'toml']);

/**
 * URLs that are links on the page without being Markdown links: bare URLs in text (Hugo
 * linkifies `https://…` and `www.…`; remark-parse without GFM leaves them as text), and
 * `href` attributes of raw HTML `<a>` tags. Offsets come from each node's position and the
 * node's source text, never from a search of the whole file.
 */
const rawCache = new WeakMap<object, RawUrlSite[]>();

export function rawUrlSites(posting: ParsedPosting): RawUrlSite[] {
  // links/language and links/https both read them: one scan per posting.
  const hit = rawCache.get(posting.tree);
  if (hit) return hit;
  const out: RawUrlSite[] = [];
  rawCache.set(posting.tree, out);
  const text = posting.text;
  walk<Nodes>(posting.tree, (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.type === 'text' && start !== undefined && end !== undefined) {
      const src = text.slice(start, end);
      for (const a of findAddresses(src)) {
        if (a.kind === 'email') continue;
        const raw = src.slice(a.start, a.end);
        if (a.kind === 'url' && !/^https?:\/\//i.test(raw)) continue;
        const site: UrlSite = { range: [start + a.start, start + a.end], raw, autolink: false };
        out.push({ url: a.kind === 'www' ? `https://${raw}` : raw, site, node, kind: 'bare' });
      }
      return false;
    }
    if (node.type === 'html' && start !== undefined && end !== undefined) {
      const src = text.slice(start, end);
      for (const h of hrefs(src)) {
        const site: UrlSite = { range: [start + h.start, start + h.end], raw: h.raw, autolink: false };
        out.push({ url: h.raw.replace(/&amp;/gi, '&'), site, node, kind: 'href' });
      }
      return false;
    }
    if (NO_BARE.has(node.type)) return false;
  });
  return out;
}

/** `<a … href="…">` tags outside comments: the attribute value and where it is in `src`. */
function hrefs(src: string): Array<{ start: number; end: number; raw: string }> {
  const out: Array<{ start: number; end: number; raw: string }> = [];
  if (!/<a\b/i.test(src)) return out;
  // Comments are blanked (same length) so that `<a>` in one is not read; `[^<>]` keeps each
  // scan within one tag (linear on any text).
  const visible = src.replace(/<!--[\s\S]*?(?:-->|(?![\s\S]))/g, (c) => ' '.repeat(c.length));
  for (const tag of visible.matchAll(/<a\b[^<>]*>?/gi)) {
    const attr = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i.exec(tag[0]);
    if (!attr) continue;
    const value = attr[1] ?? attr[2] ?? attr[3] ?? '';
    const quoted = attr[3] === undefined ? 1 : 0;
    const at = tag.index! + attr.index + attr[0].length - value.length - quoted;
    const raw = value.trim();
    if (!raw) continue;
    const lead = value.length - value.trimStart().length;
    out.push({ start: at + lead, end: at + lead + raw.length, raw });
  }
  return out;
}

function linkDestination(text: string, node: Link): UrlSite | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  if (text[start] === '<') return { range: [start + 1, end - 1], raw: text.slice(start + 1, end - 1), autolink: true };
  if (text[start] !== '[') return undefined;
  const last = node.children[node.children.length - 1];
  const from = last?.position?.end.offset ?? start + 1;
  const open = text.indexOf('](', from);
  if (open < 0 || open >= end) return undefined;
  return destinationAt(text, open + 2, end);
}

function definitionDestination(text: string, node: Definition): UrlSite | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const colon = text.indexOf(']:', start);
  if (colon < 0 || colon >= end) return undefined;
  return destinationAt(text, colon + 2, end);
}

function destinationAt(text: string, from: number, limit: number): UrlSite | undefined {
  let i = from;
  while (i < limit && /\s/.test(text[i]!)) i++;
  if (text[i] === '<') {
    const close = text.indexOf('>', i);
    if (close < 0 || close > limit) return undefined;
    return { range: [i + 1, close], raw: text.slice(i + 1, close), autolink: false };
  }
  let depth = 0;
  let j = i;
  for (; j < limit; j++) {
    const c = text[j]!;
    if (/\s/.test(c)) break;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return j > i ? { range: [i, j], raw: text.slice(i, j), autolink: false } : undefined;
}
