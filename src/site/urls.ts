/**
 * Where Hugo serves a page: its URL path from its file path, `slug`, `url`, `aliases` and
 * the permalinks of its section, with the language's prefix (none when each language has its
 * own host). Pure.
 */
import type { SiteLanguage, SiteModel } from './model.js';
import type { FrontMatterValues } from './front-matter.js';

export interface PageUrls {
  /** The URL path, or undefined when it cannot be known (a permalink token with no value). */
  url: string | undefined;
  aliases: string[];
  key: string;
  /** A pattern (regular expression source) of the URLs a page with an unknown URL may have. */
  opaque?: string;
}

/** `Hello World` → `hello-world`, as Hugo's urlize does for paths (accents kept). */
export function urlize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s\-_./~]/gu, '')
    .replace(/\s+/g, '-');
}

/** A URL path as compared: decoded, lower case, one leading and one final slash (unless it names a file). */
export function normalizePath(path: string): string {
  let p = path.split(/[?#]/)[0]!;
  try {
    p = decodeURI(p);
  } catch {
    /* keep as written */
  }
  p = p.toLowerCase().replace(/\/{2,}/g, '/');
  if (!p.startsWith('/')) p = '/' + p;
  if (!p.endsWith('/') && !/\.[a-z0-9]+$/.test(p)) p += '/';
  return p;
}

/** The prefix of a language's URLs: none on its own host, `/fr` when it lives in a subfolder. */
export function languagePrefix(model: SiteModel, language: SiteLanguage): string {
  if (model.multihost) return '';
  if (language.code !== model.defaultContentLanguage || model.defaultContentLanguageInSubdir) return '/' + language.code;
  return '';
}

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})-?(.*)$/;

export function pageUrls(model: SiteModel, language: SiteLanguage, rel: string, fm: FrontMatterValues): PageUrls {
  const prefix = languagePrefix(model, language);
  const parts = rel.split('/');
  const file = parts.pop()!;
  const name = file.replace(/\.[^.]+$/, '').replace(/\.[a-z]{2}(?:-[a-z]+)?$/i, '');
  const dir = parts.join('/');
  const key = typeof fm.translationKey === 'string' && fm.translationKey ? fm.translationKey : [...parts, name].join('/');
  const aliases = (Array.isArray(fm.aliases) ? fm.aliases : typeof fm.aliases === 'string' ? [fm.aliases] : [])
    .filter((a): a is string => typeof a === 'string' && a.trim() !== '')
    .map((a) => normalizePath(a.startsWith('/') || !dir ? a : `/${dir}/${a}`))
    .map((a) => (prefix && !a.startsWith(prefix + '/') ? prefix + a : a));
  if (typeof fm.url === 'string' && fm.url.trim()) {
    return { url: normalizePath(fm.url.trim()), aliases, key };
  }
  const isList = name === '_index';
  const isBundle = name === 'index';
  const slug = typeof fm.slug === 'string' && fm.slug.trim() ? urlize(fm.slug) : undefined;
  const section = parts[0] ?? '';
  const pattern = !isList && section ? language.permalinks[section] : undefined;
  if (pattern) {
    const url = expandPermalink(pattern, { fm, name: isBundle ? parts[parts.length - 1] ?? '' : name, section, sections: parts, slug });
    if (url === undefined) return { url: undefined, aliases, key, opaque: '^' + escapeRe(prefix) + permalinkPattern(pattern) + '$' };
    return { url: normalizePath(prefix + url), aliases, key };
  }
  const segs = isList || isBundle ? parts : [...parts, slug ?? urlize(name)];
  const path = '/' + segs.map((s) => urlize(s)).join('/');
  return { url: normalizePath(prefix + path), aliases, key };
}

interface PermalinkInput {
  fm: FrontMatterValues;
  name: string;
  section: string;
  sections: string[];
  slug: string | undefined;
}

function dateOf(input: PermalinkInput): Date | undefined {
  const v = input.fm.date ?? input.fm.publishdate ?? input.fm.publishDate;
  const fromName = DATE_PREFIX.exec(input.name);
  if (fromName) return new Date(`${fromName[1]}-${fromName[2]}-${fromName[3]}T00:00:00Z`);
  if (v instanceof Date) return v;
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v);
  return undefined;
}

/** Expand a permalink pattern, or undefined when one of its tokens has no value here. */
export function expandPermalink(pattern: string, input: PermalinkInput): string | undefined {
  // Each token's value is computed only when the pattern has it: a site of hundreds of blog
  // posts under `/:year/:month/:day/:filename` has no use for their titles' URL forms.
  let date: Date | undefined | null = null;
  const dateHere = () => (date === null ? (date = dateOf(input)) : date);
  const filename = () => DATE_PREFIX.exec(input.name)?.[4] || input.name;
  const title = () => (typeof input.fm.title === 'string' ? urlize(input.fm.title) : undefined);
  const pad = (n: number) => String(n).padStart(2, '0');
  const value = (token: string): string | undefined => {
    switch (token) {
      case 'year': {
        const d = dateHere();
        return d && String(d.getUTCFullYear());
      }
      case 'month': {
        const d = dateHere();
        return d && pad(d.getUTCMonth() + 1);
      }
      case 'day': {
        const d = dateHere();
        return d && pad(d.getUTCDate());
      }
      case 'section':
        return input.section;
      case 'sections':
        return input.sections.join('/');
      case 'title':
        return title();
      case 'slug':
        return input.slug ?? title();
      case 'slugorfilename':
        return input.slug ?? urlize(filename());
      case 'filename':
      case 'contentbasename':
        return urlize(filename());
      default:
        return undefined;
    }
  };
  let missing = false;
  const out = pattern.replace(/:([a-z]+)/gi, (whole, token: string) => {
    const v = value(token.toLowerCase());
    if (v === undefined) {
      missing = true;
      return whole;
    }
    return v;
  });
  return missing ? undefined : out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A permalink pattern as a regular expression source: each token is one or more path segments' worth. */
function permalinkPattern(pattern: string): string {
  return pattern
    .split(/(:[a-z]+)/i)
    .map((part) => (part.startsWith(':') ? '[^/]+' : escapeRe(part.toLowerCase())))
    .join('')
    .replace(/\/?$/, '/?');
}
