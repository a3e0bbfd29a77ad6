/**
 * Where a link of a page leads within the site: to a page (of which language), to no page,
 * or out of the site. Reads URLs from path, `slug`, `url`, `aliases`, permalinks and each
 * language's `baseURL` (a language on its own host); `{{< ref >}}`/`{{< relref >}}` and
 * `.md` paths name content files. Pure.
 */
import type { SiteLanguage, SiteModel, SitePage } from './model.js';
import { languageOfFile } from './page.js';
import { normalizePath } from './urls.js';
import { closest } from '../engine/format.js';

export type LinkTarget =
  | { kind: 'outside' }
  | { kind: 'page'; page: SitePage; language: SiteLanguage; viaHost: boolean }
  | { kind: 'missing'; language: SiteLanguage; path: string; suggestion?: string };

interface SiteIndex {
  byUrl: Map<string, Map<string, SitePage>>;
  byFile: Map<string, SitePage>;
  opaque: Map<string, RegExp[]>;
  hosts: Map<string, SiteLanguage>;
}

const indexes = new WeakMap<SiteModel, SiteIndex>();

const hostOf = (url: string | undefined) => {
  if (!url) return undefined;
  try {
    return new URL(url).host.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
};

function indexOf(site: SiteModel): SiteIndex {
  let ix = indexes.get(site);
  if (ix) return ix;
  ix = { byUrl: new Map(), byFile: new Map(), opaque: new Map(), hosts: new Map() };
  for (const l of site.languages) {
    ix.byUrl.set(l.code, new Map());
    ix.opaque.set(l.code, (site.opaquePrefixes[l.code] ?? []).map((s) => new RegExp(s, 'i')));
    const host = hostOf(l.baseURL ?? site.baseURL);
    if (host && !ix.hosts.has(host)) ix.hosts.set(host, l);
  }
  for (const p of site.pages) {
    const urls = ix.byUrl.get(p.lang);
    if (!urls) continue;
    if (p.url && !urls.has(p.url)) urls.set(p.url, p);
    for (const a of p.aliases) if (!urls.has(a)) urls.set(a, p);
    ix.byFile.set(p.file.replace(/\\/g, '/'), p);
  }
  indexes.set(site, ix);
  return ix;
}

/** The page of the site that is this file, if it is one. */
export function pageOfFile(site: SiteModel, file: string): SitePage | undefined {
  return indexOf(site).byFile.get(file.replace(/\\/g, '/'));
}

/** The page in `lang` that translates `page` (same translation key), if there is one. */
export function translationOf(site: SiteModel, page: SitePage, lang: string): SitePage | undefined {
  return site.pages.find((p) => p.lang === lang && p.key === page.key && p !== page);
}

/** The full URL of a page (with its language's host when it has one). */
export function fullUrl(site: SiteModel, page: SitePage): string {
  const l = site.languages.find((x) => x.code === page.lang);
  const base = (l?.baseURL ?? site.baseURL ?? '').replace(/\/+$/, '');
  return base + page.url;
}

const SKIP = /^(#|mailto:|tel:|javascript:|data:|\{\{|%7B%7B)/i;
/** A path naming a file Hugo serves as it is (an image, a PDF), not a page: static files are not modelled. */
const STATIC = /\.(?!html?$|md$)[a-z0-9]{1,5}$/i;
/** Lists Hugo makes without a content file. */
const GENERATED = /^\/(?:[a-z]{2}(?:-[a-z]+)?\/)?(?:tags|categories|page)\//;

/**
 * Resolve `href` written in `fromFile`. `ref` is true for `{{< ref >}}`/`{{< relref >}}`,
 * whose argument names a content file.
 */
export function resolveLink(site: SiteModel, fromFile: string, href: string, ref = false): LinkTarget {
  const ix = indexOf(site);
  const from = languageOfFile(site, fromFile);
  if (!from) return { kind: 'outside' };
  const raw = href.trim();
  if (!raw || SKIP.test(raw)) return { kind: 'outside' };
  const dir = fromFile.replace(/\\/g, '/').replace(/\/[^/]*$/, '');

  // A content file: `{{< ref "x.md" >}}`, or a relative `.md` path.
  const filePart = raw.split(/[?#]/)[0]!;
  if (ref || (/\.md$/i.test(filePart) && !/^[a-z]+:/i.test(filePart))) {
    const candidates = filePart.startsWith('/')
      ? [`${from.contentDir.replace(/\\/g, '/')}${filePart}`]
      : [`${dir}/${filePart}`, `${from.contentDir.replace(/\\/g, '/')}/${filePart}`];
    for (const c of candidates) {
      const page = ix.byFile.get(collapse(c)) ?? (ref ? ix.byFile.get(collapse(c.replace(/\/?$/, '/_index.md'))) ?? ix.byFile.get(collapse(c + '.md')) : undefined);
      if (page) return { kind: 'page', page, language: languageByCode(site, page.lang) ?? from, viaHost: false };
    }
    if (ref) {
      // Hugo also finds a ref by its file name alone, when it is unique.
      const name = '/' + filePart.replace(/^\.?\/+/, '');
      const hits = site.pages.filter((p) => p.lang === from.code && ('/' + p.path).endsWith(name));
      if (hits.length === 1) return { kind: 'page', page: hits[0]!, language: from, viaHost: false };
    }
    const files = site.pages.filter((p) => p.lang === from.code).map((p) => p.path);
    return { kind: 'missing', language: from, path: filePart, suggestion: closest(filePart.replace(/^(\.\.?\/)+/, ''), files) };
  }

  let language = from;
  let path: string;
  let viaHost = false;
  if (/^(https?:)?\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw.startsWith('//') ? 'https:' + raw : raw);
    } catch {
      return { kind: 'outside' };
    }
    const host = url.host.toLowerCase().replace(/^www\./, '');
    const l = ix.hosts.get(host);
    if (!l) return { kind: 'outside' };
    language = l;
    viaHost = true;
    path = url.pathname;
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
    return { kind: 'outside' };
  } else if (raw.startsWith('/')) {
    path = raw;
  } else {
    const own = pageOfFile(site, fromFile);
    if (!own?.url) return { kind: 'outside' };
    path = new URL(raw, 'https://site.invalid' + own.url).pathname;
  }
  let normalized = normalizePath(path);
  if (STATIC.test(normalized) || GENERATED.test(normalized)) return { kind: 'outside' };
  // Without a host per language, the path's prefix says the language (`/fr/…`).
  if (!site.multihost && !viaHost) {
    const prefixed = site.languages.find((l) => normalized.startsWith(`/${l.code}/`));
    language = prefixed ?? languageByCode(site, site.defaultContentLanguage) ?? from;
  } else if (!site.multihost && viaHost) {
    const prefixed = site.languages.find((l) => normalized.startsWith(`/${l.code}/`));
    if (prefixed) language = prefixed;
  }
  if (normalized === '/' || (!site.multihost && normalized === `/${language.code}/`)) {
    const home = ix.byUrl.get(language.code)?.get(normalized);
    if (home) return { kind: 'page', page: home, language, viaHost };
    return { kind: 'outside' };
  }
  const page = ix.byUrl.get(language.code)?.get(normalized);
  if (page) return { kind: 'page', page, language, viaHost };
  if ((ix.opaque.get(language.code) ?? []).some((re) => re.test(normalized))) return { kind: 'outside' };
  // A `.html` path Hugo serves with pretty URLs as a folder.
  if (normalized.endsWith('.html')) {
    normalized = normalizePath(normalized.replace(/(?:\/index)?\.html$/, '/'));
    const alt = ix.byUrl.get(language.code)?.get(normalized);
    if (alt) return { kind: 'page', page: alt, language, viaHost };
  }
  const urls = [...(ix.byUrl.get(language.code)?.keys() ?? [])];
  return { kind: 'missing', language, path: normalized, suggestion: closest(normalized, urls) };
}

function languageByCode(site: SiteModel, code: string): SiteLanguage | undefined {
  return site.languages.find((l) => l.code === code);
}

/** `a/b/../c` → `a/c`, `a/./b` → `a/b`. */
function collapse(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.') out.push(seg);
  }
  return out.join('/');
}
