/**
 * Links compared across languages: a link and its counterpart in the other language are the
 * same link (`-eng.aspx` and `-fra.aspx`, the two pages of a pair the `link-counterparts`
 * data table knows, `/en/` and `/fr/`, the site's English and French hosts).
 */
import type { ResolvedConfig } from '../types.js';
import { counterpartTable, type CounterpartTable } from '../lib/link-language.js';
import { fragmentOf, pageKey, parseUrl, unwrapRedirect } from '../lib/urls.js';
import { compareCodeUnits } from '../engine/compare.js';

export interface LinkNormaliser {
  table: CounterpartTable;
  /** Hosts that serve one language each (the site's English and French hosts). */
  languageHosts: ReadonlySet<string>;
  /** Host (without `www.`) to the host it is compared as. */
  aliases: ReadonlyMap<string, string>;
}

export function linkNormaliser(config: Pick<ResolvedConfig, 'data'>): LinkNormaliser {
  const raw = config.data['link-counterparts'] as
    | { hostLanguages?: Array<{ id: string }>; hostAliases?: Array<{ hosts: string[] }> }
    | undefined;
  const bare = (h: string) => h.toLowerCase().replace(/^www\./, '');
  const aliases = new Map<string, string>();
  for (const a of raw?.hostAliases ?? []) for (const h of a.hosts) aliases.set(bare(h), bare(a.hosts[0]!));
  return {
    aliases,
    table: counterpartTable(config.data),
    languageHosts: new Set((raw?.hostLanguages ?? []).map((h) => h.id.toLowerCase().replace(/^www\./, ''))),
  };
}

export interface LinkKey {
  /** The page, in its English form when its counterpart is known. */
  key: string;
  /** The site with the language taken out, for links whose counterpart is not known. */
  family: string;
  /** The data knows the page in both languages: `key` is then the same for both. */
  sure: boolean;
  /** The place in the page (`#grade`), lower case; empty for the page itself. */
  fragment: string;
}

const LANG_SEGMENT = /^\/(en|eng|fr|fra)(?=\/|$)/i;

/** The comparable form of a link, or undefined for what is not a page link (anchors, `tel:`). */
export function linkKey(raw: string, n: LinkNormaliser): LinkKey | undefined {
  const href = raw.trim();
  if (!href || href.startsWith('#')) return undefined;
  if (href.startsWith('/') && !href.startsWith('//')) {
    // A page of the site itself: its path differs by language (`/careers/`, `/carrieres/`).
    const path = href.replace(/[?#].*$/, '').replace(/\/+$/, '').toLowerCase();
    const hash = href.indexOf('#');
    const fragment = hash < 0 ? '' : href.slice(hash + 1).replace(/\/+$/, '').toLowerCase();
    return { key: `site:${path.replace(LANG_SEGMENT, '')}`, family: 'site', sure: false, fragment };
  }
  const parsed = parseUrl(href);
  if (!parsed) return undefined;
  const url = videoPage(unwrapRedirect(parsed).url);
  const info = n.table.languageOf(url.href);
  let target = url;
  // Sure: the data knows the page in both languages. Any other link may have a page of its
  // own in each language (`en.wikipedia.org`, `?lang=fr`), so only a link with no link at all
  // in its place on the other side is reported.
  let sure = false;
  if (info?.counterpart) {
    sure = true;
    if (info.lang === 'fr') target = parseUrl(info.counterpart) ?? url;
  }
  const bareHost = target.hostname.toLowerCase().replace(/^www\./, '');
  const host = n.aliases.get(bareHost) ?? bareHost;
  const query = [...target.searchParams]
    .filter(([k]) => !/^utm_/i.test(k))
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const path = pageKey(target).slice(target.hostname.length);
  const key = host + path + (query ? `?${query}` : '');
  const family = n.languageHosts.has(host) ? 'site' : host;
  return { key, family, sure, fragment: fragmentSafe(url) };
}

const YOUTUBE = /^(?:www\.|m\.)?(?:youtube\.com|youtube-nocookie\.com)$/i;
/** Parameters of a YouTube link that say how it was shared, not what it shows. */
const SHARING = new Set(['feature', 'si', 'app', 'ab_channel']);

/**
 * A YouTube video in one form, whatever the link it is written as: `youtu.be/ID`,
 * `youtube.com/embed/ID`, `youtube.com/shorts/ID` and `youtube.com/watch?v=ID&feature=youtu.be`
 * are `www.youtube.com/watch?v=ID` (the identifier keeps its case; a start time is kept).
 */
function videoPage(url: URL): URL {
  const host = url.hostname.toLowerCase();
  let id: string | undefined;
  if (host === 'youtu.be' || host === 'www.youtu.be') id = url.pathname.split('/')[1];
  else if (YOUTUBE.test(host)) {
    const m = /^\/(?:embed|shorts|v|live)\/([^/]+)/.exec(url.pathname);
    id = m ? m[1] : url.pathname.replace(/\/+$/, '') === '/watch' ? (url.searchParams.get('v') ?? undefined) : undefined;
  }
  if (!id) return url;
  const out = new URL('https://www.youtube.com/watch');
  out.searchParams.set('v', id);
  for (const [k, v] of url.searchParams) if (k !== 'v' && !SHARING.has(k.toLowerCase())) out.searchParams.append(k, v);
  out.hash = url.hash;
  return out;
}

/** The fragment as `fragmentOf` reads it; as written when it does not decode (`#%E9`). */
function fragmentSafe(url: URL): string {
  try {
    return fragmentOf(url);
  } catch {
    return url.hash.replace(/^#/, '').replace(/\/+$/, '').toLowerCase();
  }
}
