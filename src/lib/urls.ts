/**
 * URL helpers shared by the link rules: parsing without throwing, unwrapping tracking
 * redirects (Google Docs copies links as `https://www.google.com/url?q=<real URL>&...`), and
 * the host/path comparison the data tables use.
 */

export function parseUrl(raw: string): URL | undefined {
  const s = raw.trim();
  if (!/^https?:\/\//i.test(s)) return undefined;
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

/** The page a link really leads to: the `q`/`url` parameter of a Google redirect, else itself. */
export function unwrapRedirect(url: URL): { url: URL; redirected: boolean } {
  if (/^(www\.)?google\.[a-z.]+$/i.test(url.hostname) && url.pathname === '/url') {
    const inner = url.searchParams.get('q') ?? url.searchParams.get('url');
    const parsed = inner ? parseUrl(inner) : undefined;
    if (parsed) return { url: parsed, redirected: true };
  }
  return { url, redirected: false };
}

/** Host and path, lower case, without a trailing slash: what the tables compare. */
export function pageKey(url: URL): string {
  let path = url.pathname.toLowerCase();
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (path === '/') path = '';
  return url.hostname.toLowerCase() + path;
}

/** A fragment as it is meant: lower case, without the stray `/` real links carry (`#toc1/`). */
export function fragmentOf(url: URL): string {
  return decodeURIComponent(url.hash.replace(/^#/, '')).replace(/\/+$/, '').toLowerCase();
}

/** `url` matches `pattern` when the page is the same, the pattern's query parameters have the
 * same values, and the fragments are the same when both give one (a link to the top of a
 * shared page is fine; a link to another group's section is not). */
export function matchesPattern(url: URL, pattern: URL): boolean {
  if (pageKey(url) !== pageKey(pattern)) return false;
  for (const [k, v] of pattern.searchParams) if (url.searchParams.get(k) !== v) return false;
  const frag = fragmentOf(pattern);
  const own = fragmentOf(url);
  return !frag || !own || own === frag;
}
