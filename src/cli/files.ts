/** Turn the paths a user gives into the list of postings to lint. */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`No such file, folder or matching glob: ${path}`);
  }
}

const GLOB_CHARS = /[*?[\]{}!]/;

/**
 * Every `*.md` below `dir`, skipping `node_modules` and dot-folders. `folders` (when given)
 * learns where the files of each folder listed are in `out`: `[start, end)`, a folder's files
 * being together in a walk that goes depth first.
 */
export function walkMarkdown(dir: string, out: string[] = [], links?: Set<string>, folders?: Map<string, [number, number]>): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  // What \`join(dir, name)\` gives for any name of the folder (a single segment, never \`.\` or
  // \`..\`): the folder's part, found once, not by normalising the whole path for each file.
  const prefix = join(dir, 'x').slice(0, -1);
  const start = out.length;
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = prefix + entry.name;
    if (entry.isDirectory()) walkMarkdown(full, out, links, folders);
    else if (entry.name.toLowerCase().endsWith('.md')) {
      // Files, and links to files; a broken link is kept so that it is reported, not skipped.
      if (entry.isFile()) out.push(full);
      else if (entry.isSymbolicLink()) {
        // `links` (when given) learns which files are symbolic links (the others are regular files).
        links?.add(full);
        try {
          if (statSync(full).isFile()) out.push(full);
        } catch {
          out.push(full);
        }
      }
    }
  }
  folders?.set(dir, [start, out.length]);
  return out;
}

/** What a walk of a folder found (see walkMarkdown): its files in walk order, the links among them, each folder's place. */
export interface Listing {
  files: string[];
  links: Set<string>;
  folders: Map<string, [number, number]>;
  /**
   * Files that are their own real path: regular files (not links) under a folder that is its
   * own real path (the walk follows no link). Their real path needs no system call.
   */
  regular: Set<string>;
}

export function listMarkdown(dir: string): Listing {
  const listing: Listing = { files: [], links: new Set(), folders: new Map(), regular: new Set() };
  walkMarkdown(dir, listing.files, listing.links, listing.folders);
  let real = false;
  try {
    real = realpathSync.native(dir) === dir;
  } catch {
    /* not resolvable: each file is resolved on its own */
  }
  if (real) for (const f of listing.files) if (!listing.links.has(f)) listing.regular.add(f);
  return listing;
}

/**
 * The files below `dir` as a walk of it would find them, from a listing that went through it
 * (a run of `postings lint .` walks the tree once, not again for each content root); undefined
 * when none did. `links` may hold links outside `dir`.
 */
export function listedUnder(listings: readonly Listing[] | undefined, dir: string): { files: string[]; links: Set<string> } | undefined {
  for (const l of listings ?? []) {
    const at = l.folders.get(dir);
    if (at) return { files: l.files.slice(at[0], at[1]), links: l.links };
  }
  return undefined;
}

/**
 * The postings to lint, sorted, and how many Markdown files the paths held before section
 * pages and `ignore` left some out (0 means the paths hold no Markdown at all).
 */
export async function expandPaths(
  paths: string[],
  cwd: string,
  ignore: string[],
  ignoreBase: string,
  /** More files left out: the `.postingsignore` file (gitignore syntax). */
  isIgnoredToo?: (file: string) => boolean,
): Promise<{
  files: string[];
  found: number;
  ignored: Array<{ file: string; reason: 'ignored' | 'section-page' }>;
  named: Set<string>;
  /** The walks of the folders given (the index takes its content roots' files from them). */
  listings: Listing[];
}> {
  const files = new Set<string>();
  const listings: Listing[] = [];
  // Files named one by one: when one is left out, the user is told why.
  const named = new Set<string>();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (existsSync(abs)) {
      const st = statSync(abs);
      if (st.isDirectory()) {
        const listing = listMarkdown(abs);
        listings.push(listing);
        for (const f of listing.files) files.add(f);
      }
      else {
        files.add(abs);
        named.add(abs);
      }
      continue;
    }
    if (isDanglingLink(abs)) {
      // A link named on the command line that leads nowhere (broken, or a loop): linted, so
      // that it is reported as unreadable with its reason, not as "no such file".
      files.add(abs);
      continue;
    }
    if (GLOB_CHARS.test(p)) {
      const { glob } = await import('tinyglobby');
      const matches = await glob(p, { cwd, absolute: true, ignore: ['**/node_modules/**'], dot: false });
      const md = matches.filter((m) => m.toLowerCase().endsWith('.md'));
      if (md.length === 0) throw new MissingPathError(p);
      md.forEach((f) => files.add(resolve(f)));
      continue;
    }
    throw new MissingPathError(p);
  }
  const isIgnored = ignore.length ? picomatch(ignore, { dot: true }) : undefined;
  const ignored: Array<{ file: string; reason: 'ignored' | 'section-page' }> = [];
  const kept = uniqueFiles([...files], listings)
    .filter((f) => {
      if (!isSectionPage(f)) return true;
      if (named.has(f)) ignored.push({ file: f, reason: 'section-page' });
      return false;
    })
    .filter((f) => {
      const out = (isIgnored && isIgnored(relative(ignoreBase, f).split(sep).join('/'))) || isIgnoredToo?.(f);
      if (!out) return true;
      if (named.has(f)) ignored.push({ file: f, reason: 'ignored' });
      return false;
    })
    .sort();
  return { files: kept, found: files.size, ignored, named, listings };
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Hugo's `_index.md` is a section (list) page, never a posting: it is not linted. */
export function isSectionPage(file: string): boolean {
  return /(^|[\\/])_index(\.[a-z]{2})?\.md$/i.test(file);
}

/** The nearest ancestor folder of `file` that holds both `en/` and `fr/` (the content root). */
export function findContentRoot(file: string, cache = new Map<string, string | null>(), listings?: readonly Listing[]): string | undefined {
  // A folder a walk listed is a folder (else a `stat` says).
  const isFolder = (p: string) => listings?.some((l) => l.folders.has(p)) || isDir(p);
  let dir = dirname(file);
  const seen: string[] = [];
  for (;;) {
    const cached = cache.get(dir);
    if (cached !== undefined) {
      seen.forEach((d) => cache.set(d, cached));
      return cached ?? undefined;
    }
    seen.push(dir);
    if (isFolder(join(dir, 'en')) && isFolder(join(dir, 'fr'))) {
      seen.forEach((d) => cache.set(d, dir));
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      seen.forEach((d) => cache.set(d, null));
      return undefined;
    }
    dir = parent;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The real path of a file (links resolved), or the path itself when it cannot be resolved. */
export function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * The real paths of many files, each folder resolved once: a file that is not itself a link
 * is its folder's real path and its name (one `lstat`, where `realpath` walks every folder of
 * the path again: thousands of postings share a few folders).
 */
export function realPaths(listings?: readonly Listing[]): (file: string) => string {
  const dirs = new Map<string, string>();
  const known = new Map<string, string>();
  return (file) => {
    // Files a walk of this run found to be their own real path (see Listing.regular).
    if (listings?.some((l) => l.regular.has(file))) return file;
    let real = known.get(file);
    if (real !== undefined) return real;
    try {
      if (lstatSync(file).isSymbolicLink()) real = realpathSync.native(file);
      else {
        const dir = dirname(file);
        let realDir = dirs.get(dir);
        if (realDir === undefined) dirs.set(dir, (realDir = realpathSync.native(dir)));
        // A folder that is its own real path (no link on the way): the file is too.
        real = realDir === dir ? file : join(realDir, basename(file));
      }
    } catch {
      real = file;
    }
    known.set(file, real);
    return real;
  };
}

/** Drop the files that are another path (a symbolic link) to a file listed; the file itself wins. */
export function uniqueFiles(files: string[], listings?: readonly Listing[]): string[] {
  const reals = files.map(realPaths(listings));
  const direct = new Set(files.filter((f, i) => f === reals[i]));
  const seen = new Set<string>();
  return files.filter((f, i) => {
    const real = reals[i]!;
    if (seen.has(real) || (f !== real && direct.has(real))) return false;
    seen.add(real);
    return true;
  });
}

/**
 * Is this file a posting, as `postings lint` selects them (a Markdown file that is not a
 * section page)? The language server asks this same question before it shows diagnostics.
 */
export function isPostingFile(file: string): boolean {
  return file.toLowerCase().endsWith('.md') && !isSectionPage(file);
}
