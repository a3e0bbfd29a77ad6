/**
 * The front matter index of a run, built before any posting is parsed: every posting under
 * the content roots contributes its front matter keys (read from the head of the file, not
 * a Markdown parse), and the postings that are linted, and their translation partners, their
 * classification codes (a scan of the body). Nothing of a file is kept but its entry.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { fileErrorReason, NotRegularFileError, readRegularFile } from './read-file.js';
import { dirname, relative, sep } from 'node:path';
import type { Finding, IndexEntry, Locale, ProjectIndex, ResolvedConfig } from '../types.js';
import { rules } from '../rules/index.js';
import { fileFinding } from '../engine/file-finding.js';
import { indexEntry, makeIndex, type CodeExtractor } from '../engine/project-index.js';
import { findContentRoot, isSectionPage, listedUnder, realPaths, walkMarkdown, type Listing } from './files.js';
import { codeExtractor } from '../lib/classification-codes.js';
import { siteKeys } from '../lib/pairing.js';
import { DEFAULT_LIMITS } from '../runner/limits.js';

export interface ProjectInfo {
  index: ProjectIndex;
  /** The content roots that were indexed. */
  roots: string[];
  /** Whether an entry's classification codes were read from its body (others are left empty). */
  coded: (e: IndexEntry) => boolean;
  /** Files read to build the index (the others came from the cache). */
  read: number;
}

/** The keys of a file's index entry kept from an earlier run (the cache's), for a file that did not change. */
export interface KnownEntry {
  lang: IndexEntry['lang'];
  translationKey?: string;
  leverId?: string;
  archived?: boolean;
  title?: string;
  /** When the body was read then. */
  classifications?: string[];
}

export interface ProjectOptions {
  /** Files over this size are indexed from their head only (they are not parsed anyway). */
  maxFileSize?: number;
  /** Scan the body of every posting for classification codes, not only linted ones and partners. */
  allCodes?: boolean;
  extractCodes?: CodeExtractor;
  /** Which files of the content roots are postings (in a Hugo site, not every page is). */
  keep?: (file: string) => boolean;
  /** Text to use instead of a file's (`--stdin-filename`, `lintText`): indexed as if it were there. */
  texts?: ReadonlyMap<string, string>;
  /** The entry of a file that did not change since the cache kept it: the file is not read. */
  known?: (file: string) => KnownEntry | undefined;
  /**
   * The front matter of files this run read already (the Hugo site model reads every page's),
   * by path (`readHead(…, false)` with `frontMatter`): an indexed posting is then not read again.
   */
  heads?: ReadonlyMap<string, string>;
  /**
   * The walks of this run (expandPaths'): a content root one went through is not walked again,
   * and a file they saw as its own real path needs no `lstat`.
   */
  listings?: readonly Listing[];
}

const HEAD = 16 * 1024;

/**
 * The start of a file, up to the end of its front matter (or `whole` when the file fits):
 * most postings are read in one small read, and a huge body is never read for the index.
 */
export function readHead(
  file: string,
  limit: number,
  wantWhole = true,
  regular = false,
): { text: string; whole: boolean; frontMatter?: boolean } {
  // Never blocks: a FIFO with no writer is opened without waiting and refused (see read-file.ts).
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    // `regular`: the walk of the content root saw a regular file there (a file replaced since
    // by a FIFO or a folder still never blocks: opened without waiting, its read fails or is empty).
    if (!regular) {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new NotRegularFileError(st.isFIFO() ? 'fifo' : st.isDirectory() ? 'directory' : 'other', file);
    }
    // The first read goes to one buffer shared by every call (the index reads hundreds of files).
    const n = readSync(fd, FIRST, 0, HEAD, 0);
    if (!wantWhole) {
      // Only the front matter is wanted: decode up to its closing fence, not the body.
      const end = frontMatterEnd(FIRST, n);
      // `frontMatter`: the front matter (or none) read whole in the first read, whatever the limit.
      if (end === 0) return { text: '', whole: false, frontMatter: true };
      if (end > 0) return { text: FIRST.toString('utf8', 0, end), whole: false, frontMatter: true };
    }
    const head = FIRST.toString('utf8', 0, n);
    if (n < HEAD) return { text: head, whole: true };
    const chunks: Buffer[] = [Buffer.from(FIRST.subarray(0, n))];
    let total = n;
    let text = head;
    for (;;) {
      // No front matter, or its closing fence is in: the head is enough.
      if (!/^\uFEFF?---[ \t]*\r?\n/.test(text) || /\n---[ \t]*(\r?\n|$)/.test(text) || total >= limit) {
        return { text, whole: false };
      }
      const buf = Buffer.allocUnsafe(65536);
      const more = readSync(fd, buf, 0, buf.length, total);
      chunks.push(buf.subarray(0, more));
      total += more;
      text = Buffer.concat(chunks).toString('utf8');
      if (more < buf.length) return { text, whole: true };
    }
  } finally {
    closeSync(fd);
  }
}

const FIRST = Buffer.allocUnsafe(HEAD);
const FENCE = Buffer.from('\n---');

/**
 * Where the front matter of the bytes `buf[0, n)` ends (after its closing fence's line), 0
 * when there is none, -1 when its end is not within them.
 */
function frontMatterEnd(buf: Buffer, n: number): number {
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  if (n < start + 4 || buf.toString('latin1', start, start + 3) !== '---') return 0;
  let i = start + 3;
  while (i < n && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
  if (buf[i] === 0x0d) i++;
  if (buf[i] !== 0x0a) return 0;
  for (let at = buf.indexOf(FENCE, i); at >= 0 && at < n; at = buf.indexOf(FENCE, at + 1)) {
    let j = at + 4;
    while (j < n && (buf[j] === 0x20 || buf[j] === 0x09)) j++;
    if (j >= n) return n < HEAD ? n : -1;
    if (buf[j] === 0x0a || (buf[j] === 0x0d && buf[j + 1] === 0x0a)) return j;
  }
  return n < HEAD ? n : -1;
}


/** The whole text of a file within the size limit (the head reader stops at the front matter). */
function readWhole(file: string, limit: number): string | undefined {
  try {
    if (statSync(file).size > limit) return undefined;
    return readRegularFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function buildProject(linted: string[], config: ResolvedConfig, options: ProjectOptions = {}): ProjectInfo {
  const limit = options.maxFileSize ?? DEFAULT_LIMITS.maxFileSize;
  const extractCodes = options.extractCodes ?? codeExtractor(config);
  const cache = new Map<string, string | null>();
  const roots = new Set<string>();
  if (config.contentDir) roots.add(config.contentDir);
  else for (const f of linted) {
    const root = findContentRoot(f, cache, options.listings);
    if (root) roots.add(root);
  }
  // Keyed by real path: a posting reached through a symbolic link is still one posting.
  const realOf = realPaths(options.listings);
  const byReal = new Map(linted.map((f) => [realOf(f), f]));
  // The root of a file depends on its folder only: found once per folder, not by trying every
  // root for each file (a run of 108 sites asked 108 prefixes twice per posting).
  const rootList = [...roots];
  const rootByDir = new Map<string, string | undefined>();
  const rootOf = (file: string) => {
    const dir = dirname(file);
    if (rootByDir.has(dir)) return rootByDir.get(dir);
    const root = rootList.find((r) => file.startsWith(r + sep));
    rootByDir.set(dir, root);
    return root;
  };
  // Each content root is a site of its own: its postings pair with each other, not with
  // another site's linted in the same run. One root (the usual case) needs no scope.
  const scopeOf = (file: string) => (roots.size > 1 ? (rootOf(file) ?? '') : undefined);
  const display = (file: string) => {
    const root = rootOf(file);
    // A file the walk found under its root: the rest of its path (what `relative` gives, without
    // resolving both paths again for each of hundreds of files).
    const rest = root ? file.slice(root.length + 1) : '';
    if (rest && !UNPLAIN.test(rest)) return sep === '/' ? rest : rest.split(sep).join('/');
    return (root ? relative(root, file) : relative(process.cwd(), file)).split(sep).join('/');
  };
  const entries: IndexEntry[] = [];
  const lintedEntries: IndexEntry[] = [];
  const seen = new Set<string>();
  const coded = new Set<IndexEntry>();
  let read = 0;
  /** `regular`: the walk saw a regular file (not a link), so its head is read without a `stat`. */
  const add = (filePath: string, isLinted: boolean, regular = false) => {
    const given = options.texts?.get(filePath);
    const known = given === undefined ? options.known?.(filePath) : undefined;
    if (known) {
      const entry: IndexEntry = {
        filePath,
        displayPath: display(filePath),
        lang: known.lang,
        translationKey: known.translationKey,
        leverId: known.leverId,
        archived: known.archived,
        title: known.title,
        classifications: known.classifications ?? PENDING,
        scope: scopeOf(filePath),
      };
      if (known.classifications) coded.add(entry);
      entries.push(entry);
      if (isLinted) lintedEntries.push(entry);
      return;
    }
    let head;
    const already = isLinted || options.allCodes ? undefined : options.heads?.get(filePath);
    try {
      if (given === undefined && already === undefined) read++;
      head =
        given !== undefined
          ? { text: given, whole: true }
          : already !== undefined
            ? { text: already, whole: false }
            : readHead(filePath, limit, isLinted || Boolean(options.allCodes), regular);
    } catch {
      if (!isLinted) return; // unreadable: reported if it is linted
      head = { text: '', whole: true };
    }
    let entry: IndexEntry;
    try {
      entry = indexEntry(filePath, display(filePath), head.text, config.language);
    } catch {
      // Front matter the YAML parser cannot take (nested past the stack): an entry without keys;
      // the file's own lint reports its front matter.
      entry = indexEntry(filePath, display(filePath), '', config.language);
    }
    entry.scope = scopeOf(filePath);
    // A linted file read whole gets its codes now; the others when they turn out to be partners.
    if (head.whole && (isLinted || options.allCodes)) {
      entry.classifications = extractCodes(bodyOf(head.text));
      coded.add(entry);
    } else entry.classifications = PENDING;
    entries.push(entry);
    if (isLinted) lintedEntries.push(entry);
  };
  for (const root of roots) {
    // The walk follows no linked folder: a regular file's real path is its path under the
    // root's real path, without a system call per file (a pre-commit run indexes every posting).
    const listed = listedUnder(options.listings, root);
    const links = listed?.links ?? new Set<string>();
    const realRoot = realOf(root);
    for (const file of listed?.files ?? walkMarkdown(root, [], links)) {
      if (isSectionPage(file)) continue;
      const real = links.has(file) ? realOf(file) : realRoot + file.slice(root.length);
      if (!byReal.has(real) && options.keep && !options.keep(file)) continue;
      if (seen.has(real)) continue;
      seen.add(real);
      const own = byReal.get(real);
      add(own ?? file, own !== undefined, own === undefined && !links.has(file));
    }
  }
  // Linted postings outside any content root still pair with each other.
  for (const f of linted) if (!seen.has(realOf(f))) add(f, true);

  // Codes of the postings a linted one is compared with (same key, Lever id or path).
  // Only entries whose codes were not read yet need it (a warm run has every code from the cache).
  const pending = entries.some((e) => e.classifications === PENDING);
  const wanted = options.allCodes ? new Set(entries) : pending ? partnersOfAll(lintedEntries, entries, config) : new Set<IndexEntry>();
  for (const e of entries) {
    if (e.classifications !== PENDING) continue;
    const given = options.texts?.get(e.filePath);
    if (wanted.has(e) && given === undefined) read++;
    const text = wanted.has(e) ? (given ?? readWhole(e.filePath, limit)) : undefined;
    e.classifications = text === undefined ? [] : extractCodes(bodyOf(text));
    if (text !== undefined) coded.add(e);
  }
  return { index: makeIndex(entries), roots: [...roots], coded: (e) => coded.has(e), read };
}

const PENDING: string[] = [];

/** A relative path `relative` would write otherwise: a `.` or `..` segment, an empty one, a separator at an end. */
const UNPLAIN = /(?:^|[\\/])\.\.?(?:[\\/]|$)|[\\/]{2}|^[\\/]|[\\/]$/;

function bodyOf(text: string): string {
  const raw = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const open = /^---[ \t]*\r?\n/.exec(raw);
  if (!open) return raw;
  const close = /^---[ \t]*$/m.exec(raw.slice(open[0].length));
  return close ? raw.slice(open[0].length + close.index + close[0].length) : raw;
}

/** The linted entries and every entry that shares a pairing key with one of them. */
function partnersOfAll(linted: IndexEntry[], all: IndexEntry[], config: ResolvedConfig): Set<IndexEntry> {
  const keys = (e: IndexEntry) => siteKeys(e, config.language, { lever: true });
  const want = new Set<string>();
  for (const e of linted) for (const k of keys(e)) want.add(k);
  const out = new Set<IndexEntry>(linted);
  for (const e of all) if (keys(e).some((k) => want.has(k))) out.add(e);
  return out;
}

/** A finding about a whole file from one of the `internal/*` rules, with the system's reason. */
export function internalFinding(ruleId: string, messageId: string, error: unknown, locale: Locale): Finding {
  const rule = rules.find((r) => r.meta.id === ruleId)!;
  return fileFinding(rule, messageId, { reason: fileErrorReason(error)[locale] }, locale);
}
