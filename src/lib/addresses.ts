/**
 * Bare URLs and e-mail addresses in plain text: where they are (the link rules check bare
 * URLs, which Hugo turns into links) and a mask that blanks them out keeping every index
 * (the rules that read prose must not read `canada.ca/en/...` as words or a code). Every
 * module uses this one scanner, so that they agree on what an address is.
 *
 * It runs in time linear in the text, whatever the text is. A regular expression such as
 * `[^\s@]+@…` in a global scan is quadratic: on a line of 200,000 letters without `@` the
 * engine tries the run from each of its 200,000 starts (37 s; a 2 MB line never ends).
 * Here only fixed anchors are searched (`://`, `www.`, `@`); from an anchor, the scanner
 * walks left over the scheme or local part (which cannot hold `:` or `@`, so it never walks
 * past the previous anchor) and right over the rest, and searching resumes after a match.
 *
 * What counts, close to GitHub's and Hugo's autolinks:
 * - `scheme://…` (a scheme of letters, digits, `+ . -` starting with a letter) and `www.…`
 *   (not glued to a word): up to a space, `<` or `>`; trailing `? ! . , : * _ ~ ' "`, a `)`
 *   without its `(` and a final entity (`&amp;`) are not part of it;
 * - `local@domain.tld` (letters of any script, digits, `_ . + -`; the domain holds a dot),
 *   with a `mailto:` just before it.
 */

export interface Address {
  /** Offsets in the scanned text, end exclusive. */
  start: number;
  end: number;
  /** `url`: with a scheme (`https://…`); `www`: starts with `www.`; `email`: an address. */
  kind: 'url' | 'www' | 'email';
}

const ANCHOR = /:\/\/|www\.|@/gi;
const MAYBE = /[@:]|www\./i;
const NON_ASCII_WORD = /[\p{L}\p{N}]/u;

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A letter or digit of any script (one UTF-16 unit; astral characters do not count). */
function isAlnum(c: number): boolean {
  if (c < 128) return isAsciiAlnum(c);
  return NON_ASCII_WORD.test(String.fromCharCode(c));
}

function isWordChar(c: number): boolean {
  return c === 95 /* _ */ || isAlnum(c);
}

/** `+ . -` */
function isSchemeChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 43 || c === 46 || c === 45;
}

function isLocalChar(c: number): boolean {
  return isWordChar(c) || c === 43 || c === 46 || c === 45;
}

function isDomainChar(c: number): boolean {
  return isWordChar(c) || c === 46 || c === 45;
}

/** Where a URL stops: white space, `<`, `>`, and U+FFFC (what masks leave). */
function isUrlStop(c: number): boolean {
  return (
    c === 60 || c === 62 || c === 0xfffc || c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const TRAILING = new Set(['?', '!', '.', ',', ':', '*', '_', '~', "'", '"']);
const ENTITY_END = /&[a-z0-9]+;$/i;

/** The end of a URL running right from `from`, trailing punctuation left out (GFM rules). */
function urlEnd(text: string, from: number): number {
  let end = from;
  let open = 0;
  let close = 0;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (isUrlStop(c)) break;
    if (c === 40) open++;
    else if (c === 41) close++;
    end++;
  }
  for (;;) {
    const last = text[end - 1];
    if (end <= from || last === undefined) return end;
    if (TRAILING.has(last)) end--;
    else if (last === ')' && close > open) {
      end--;
      close--;
    } else if (last === ';') {
      const entity = ENTITY_END.exec(text.slice(Math.max(from, end - 40), end));
      if (!entity) return end;
      end -= entity[0].length;
    } else return end;
  }
}

function schemeUrl(text: string, at: number, floor: number): Address | undefined {
  let start = at;
  while (start > floor && isSchemeChar(text.charCodeAt(start - 1))) start--;
  // The scheme starts with a letter, at a word edge (`a_http://` has none).
  while (start < at && !isAsciiAlpha(text.charCodeAt(start))) start++;
  if (start === at) return undefined;
  if (start > 0 && isWordChar(text.charCodeAt(start - 1))) return undefined;
  const end = urlEnd(text, at + 3);
  if (end === at + 3 || !isAlnum(text.charCodeAt(at + 3))) return undefined;
  return { start, end, kind: 'url' };
}

function isAsciiAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function wwwUrl(text: string, at: number): Address | undefined {
  if (at > 0 && isWordChar(text.charCodeAt(at - 1))) return undefined;
  if (!isAlnum(text.charCodeAt(at + 4))) return undefined;
  return { start: at, end: urlEnd(text, at + 4), kind: 'www' };
}

function email(text: string, at: number, floor: number): Address | undefined {
  let start = at;
  while (start > floor && isLocalChar(text.charCodeAt(start - 1))) start--;
  if (start === at) return undefined;
  if (!isAlnum(text.charCodeAt(at + 1))) return undefined;
  // A domain starts and ends with a letter or digit and has a dot inside.
  let end = at + 1;
  let dot = -1;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (!isDomainChar(c)) break;
    if (c !== 46 && text.charCodeAt(end - 1) === 46) dot = end - 1;
  }
  while (end > at + 1 && !isAlnum(text.charCodeAt(end - 1))) end--;
  if (dot < 0) return undefined;
  if (start - 7 >= floor && text.slice(start - 7, start).toLowerCase() === 'mailto:') start -= 7;
  return { start, end, kind: 'email' };
}

/** Every bare URL and e-mail address in `text`, in order, without overlaps. */
export function findAddresses(text: string): Address[] {
  const out: Address[] = [];
  if (!MAYBE.test(text)) return out;
  let floor = 0;
  ANCHOR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ANCHOR.exec(text))) {
    const at = m.index;
    const found = m[0] === '@' ? email(text, at, floor) : m[0] === '://' ? schemeUrl(text, at, floor) : wwwUrl(text, at);
    if (!found) continue;
    out.push(found);
    floor = found.end;
    ANCHOR.lastIndex = Math.max(found.end, at + 1);
  }
  return out;
}

/** `text` with every bare URL and e-mail address replaced by `fill` (one UTF-16 unit), same length. */
export function maskAddresses(text: string, fill = ' '): string {
  const found = findAddresses(text);
  if (!found.length) return text;
  let out = '';
  let at = 0;
  for (const a of found) {
    out += text.slice(at, a.start) + fill.repeat(a.end - a.start);
    at = a.end;
  }
  return out + text.slice(at);
}
