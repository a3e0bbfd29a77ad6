/**
 * Which official language a Government of Canada page is in, and its page in the other
 * language when the `link-counterparts` data table knows it (explicit pairs, or safe
 * patterns such as `-eng.aspx` ↔ `-fra.aspx` on the TBS hosts). Never guessed otherwise.
 */
import type { Lang } from '../types.js';
import { pageKey, parseUrl } from './urls.js';

interface RawCounterparts {
  governmentHosts?: string[];
  hostLanguages?: Array<{ id: string; lang: Lang }>;
  pairs?: Array<{ id: string; en: string; fr: string }>;
  patterns?: Array<{ id: string; kind: 'pathEnd' | 'prefix'; hosts?: string[]; en: string; fr: string }>;
}

export interface PageLanguage {
  lang: Lang;
  /** The same page in the other language, query and fragment kept; undefined when unknown. */
  counterpart?: string;
}

export interface CounterpartTable {
  /** The language of the page at `href` (an absolute http(s) URL as written). */
  languageOf(href: string): PageLanguage | undefined;
}

const cache = new WeakMap<object, CounterpartTable>();
const EMPTY: RawCounterparts = {};
const other = (l: Lang): Lang => (l === 'en' ? 'fr' : 'en');

export function counterpartTable(data: Record<string, unknown>): CounterpartTable {
  const raw = (data['link-counterparts'] as RawCounterparts | undefined) ?? EMPTY;
  const hit = cache.get(raw);
  if (hit) return hit;
  const table = build(raw);
  cache.set(raw, table);
  return table;
}

/** `host/path` without scheme, lower case, no trailing slash (as `pageKey`). */
function keyOf(s: string): string | undefined {
  const u = parseUrl(s);
  return u ? pageKey(u) : undefined;
}

function build(raw: RawCounterparts): CounterpartTable {
  const pairs = new Map<string, { lang: Lang; counterpart: string }>();
  for (const p of raw.pairs ?? []) {
    for (const lang of ['en', 'fr'] as const) {
      const k = keyOf(p[lang]);
      if (k && !pairs.has(k)) pairs.set(k, { lang, counterpart: p[other(lang)] });
    }
  }
  const hostLang = new Map((raw.hostLanguages ?? []).map((h) => [h.id.toLowerCase(), h.lang]));
  const govHosts = (raw.governmentHosts ?? []).map((h) => h.toLowerCase());
  const isGov = (host: string) => govHosts.some((g) => host === g || host.endsWith('.' + g));
  const prefixes = (raw.patterns ?? [])
    .filter((p) => p.kind === 'prefix')
    .map((p) => ({ en: keyOf(p.en), fr: keyOf(p.fr), rawEn: p.en, rawFr: p.fr }));
  const ends = (raw.patterns ?? []).filter((p) => p.kind === 'pathEnd');

  return {
    languageOf(href) {
      const url = parseUrl(href);
      const parts = /^(https?:\/\/[^/?#]+)([^?#]*)(.*)$/is.exec(href.trim());
      if (!url || !parts) return undefined;
      const [, , rawPath = '', tail = ''] = parts;
      const host = url.hostname.toLowerCase();
      const key = pageKey(url);
      const pair = pairs.get(key);
      if (pair) return { lang: pair.lang, counterpart: pair.counterpart + tail };
      for (const p of prefixes) {
        for (const lang of ['en', 'fr'] as const) {
          const k = p[lang];
          if (!k || !(key === k || key.startsWith(k + '/'))) continue;
          const prefixPath = (parseUrl(lang === 'en' ? p.rawEn : p.rawFr)?.pathname ?? '').replace(/\/$/, '');
          const rest = rawPath.slice(prefixPath.length);
          const base = (lang === 'en' ? p.rawFr : p.rawEn).replace(/\/$/, '');
          return { lang, counterpart: base + rest + tail };
        }
      }
      for (const p of ends) {
        if (p.hosts && !p.hosts.some((h) => h.toLowerCase() === host)) continue;
        for (const lang of ['en', 'fr'] as const) {
          if (!rawPath.toLowerCase().endsWith(p[lang].toLowerCase())) continue;
          const origin = parts[1]!;
          return { lang, counterpart: origin + rawPath.slice(0, rawPath.length - p[lang].length) + p[other(lang)] + tail };
        }
      }
      const byHost = hostLang.get(host);
      if (byHost) return { lang: byHost };
      if (!isGov(host)) return undefined;
      const file = /-(eng|fra)\.(aspx?|html?|php|pdf)$/i.exec(url.pathname);
      if (file) return { lang: file[1]!.toLowerCase() === 'eng' ? 'en' : 'fr' };
      const seg = /^\/(en|eng|fr|fra)(?:\/|$)/i.exec(url.pathname);
      if (seg) return { lang: seg[1]!.toLowerCase().startsWith('e') ? 'en' : 'fr' };
      return undefined;
    },
  };
}
