/**
 * `--cache`: the results of a file are reused when nothing they depend on changed: the file
 * (its bytes, or its size and modification time with `--cache-strategy metadata`), the tool's
 * version, the resolved configuration with its data tables and schema, the locale, the index
 * entries of its translation partners and their bytes (all entries when it has none, since
 * the guess of a missing partner reads them all), and the layout templates of its site. The
 * cache also keeps each file's index entry, so that a file that did not change is not read
 * at all to build the index. A run whose index, prints and configuration are exactly those of
 * the run that last checked a file's dependencies does not check them again (see bind). A
 * corrupt or foreign cache file is ignored and rewritten, never an error.
 *
 * Whether a file changed (content strategy): a file whose size, modification time, change
 * time and inode are those stored, and whose modification time is older than the cache by
 * more than the file system's time granularity, is unchanged without being read (as git
 * does: no write leaves all four as they were); any other file is read and its sha256
 * compared, so a checkout that only touched modification times keeps its results.
 *
 * The file has three kinds of part. A header of 512 bytes: one line of JSON (format, version,
 * tool, time, where the states parts are, and the CRC-32 of all that), padded with spaces.
 * Then the results, as blobs: for each file, its results as JSON (a JobOutcome's filePath,
 * findings and texts) and, when a JSON report was streamed, its piece of that report,
 * rendered. Then one or more states parts, one line a file: its path and its state (with where
 * its blobs are, and its index entry), two JSON texts, then the CRC-32 of both: path, tab,
 * state, tab, checksum (a state of `null` says the file has no results any more). The parts are
 * read in order, a later line standing for an earlier one of the same file. A line whose
 * checksum is not its own is left out, as one that cannot be read (a damaged line can still be
 * JSON, and an index entry is used without reading its file).
 *
 * A run reads the header and the states only. A blob is read (a positioned read) when the
 * run uses it, and let go: a warm run of thousands of files holds neither their findings nor
 * the cache's bytes. A warm JSON report writes the stored pieces as they are, without parsing
 * the results or rendering them again. A run that changes the cache writes new results to a
 * scratch file as they come (a cold run of thousands of files does not hold them). Then:
 *
 * - In place, when the file is still the one the run read and another run is not writing it
 *   (`<cache>.lock`): the new results and a states part with the lines of the files whose
 *   state changed are written after the end of the file, then the header, last. A run of one
 *   changed posting in a cache of thousands writes a few KiB, not the whole file. A run that
 *   ends before the header is written leaves bytes that no header names; the header has its
 *   own checksum, so a torn one makes the cache foreign. When the parts reach MAX_PARTS, the
 *   new part holds every file's line and is the only one named.
 * - Else, and when more than half of the file's bytes are results or lines that nothing
 *   names any more: a new cache file, with every kept blob in the order of the paths (a warm
 *   run reads them in a few large reads) and one states part, renamed over the old one. Only
 *   this rewrite, or a part of every line, leaves out the files that are gone (and a line
 *   found damaged while such a part is made).
 */
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { IndexEntry, Locale, ProjectIndex, ResolvedConfig } from '../types.js';
import { pairsOf, siteKeys } from '../lib/pairing.js';
import type { JobOutcome } from './job.js';
import type { KnownEntry } from '../cli/project.js';
import { readRegularFile } from '../cli/read-file.js';

export const CACHE_FILE = '.postings-cache';
const FORMAT = 'postings-cache';
const VERSION = 7;
/** The header's size: the results begin there. */
const HEADER = 512;
/** How much a read of a small blob takes in, for the blobs after it. */
const WINDOW = 1 << 20;
/** The size of the buffer that new results are encoded into (larger ones get their own). */
const ENCODE = 1 << 18;
/** At most this many states parts (see above): then the next part holds every line. */
const MAX_PARTS = 12;
/** A lock left by a run whose process id cannot be read, older than this, is a dead run's. */
const STALE_LOCK_MS = 10 * 60_000;
/** A file modified this close to the cache's writing may have changed again unseen: it is read. */
const RACY_MS = 2000;

export type CacheStrategy = 'content' | 'metadata';

/** The keys of a file's index entry, as the index read them (see src/cli/project.ts). */
export type StoredEntry = KnownEntry;

/** The key of what an entry read from the cache stored (see CacheEntry). */
const STORED = Symbol('stored bytes');

interface CacheEntry {
  size: number;
  mtimeMs: number;
  ctimeMs?: number;
  ino?: number;
  /** sha256 of the bytes. */
  hash?: string;
  /** The file's index entry. */
  entry?: StoredEntry;
  /** Hash of everything else the results depend on (with the outcome). */
  deps?: string;
  /**
   * The whole index's print (see ResultCache.bind) of the run that computed `deps` or found it
   * still right: a run whose index has that same print has the same `deps` for this file.
   */
  ix?: string;
  /** Where the results (a JobOutcome's filePath, findings and texts, as JSON) are: offset and length. */
  o?: Span;
  /** Where the file's piece of a JSON report is, and its counts of errors and warnings. */
  j?: Span;
  n?: [number, number];
  /** The bytes its blobs took when its line was read (not written: JSON leaves symbol keys out). */
  [STORED]?: number;
}

/** A file's piece of the JSON report, as stored: its bytes (without the separator before it) and counts. */
export interface JsonPiece {
  /** Text when just rendered, bytes when read from the cache. */
  bytes: Buffer | string;
  errors: number;
  warnings: number;
}

interface CacheDoc {
  format: typeof FORMAT;
  version: number;
  tool: string;
  /** When the cache was written (ms since the epoch). */
  written: number;
  entries: Entries;
}

const TAB = 0x09;
const NEWLINE = 0x0a;

/**
 * Where a blob is: its offset, its length, and a checksum of its bytes (their CRC-32, 8 hex
 * digits), checked at every read: a damaged blob is never used (a stored piece goes into the
 * report as it is, so damaged bytes would make the report invalid JSON).
 */
type Span = [number, number, string];

const isSpan = (v: unknown, from: number, to: number): v is Span =>
  Array.isArray(v) &&
  v.length === 3 &&
  Number.isSafeInteger(v[0]) &&
  Number.isSafeInteger(v[1]) &&
  typeof v[2] === 'string' &&
  v[0] >= from &&
  v[1] >= 0 &&
  v[0] + v[1] <= to;
const isCounts = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every((n) => Number.isSafeInteger(n) && n >= 0);
const checksum = (bytes: Buffer) => crc32(bytes).toString(16).padStart(8, '0');

/** The number written as 8 lower-case hex digits at `at` (as `checksum` writes it), or -1: read without making a string. */
function hex32(bytes: Buffer, at: number): number {
  let n = 0;
  for (let i = at; i < at + 8; i++) {
    const c = bytes[i]!;
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (d < 0) return -1;
    n = n * 16 + d;
  }
  return n;
}

/** Where a states part is: its offset and length. */
type Part = [number, number];

interface Head {
  format: typeof FORMAT;
  version: number;
  tool: string;
  /** The print of the configuration the index entries were made under. */
  config: string;
  written: number;
  /** The states parts, in the order they were written. */
  parts: Part[];
  /** How many of the file's bytes something names: the header, the blobs of the files' lines, and the parts. */
  named: number;
}

/** The header: one line of JSON ending with the CRC-32 of the JSON before it (`sum`), padded to HEADER bytes; undefined when too long. */
function headerBytes(head: Head): Buffer | undefined {
  const text = JSON.stringify(head);
  const line = JSON.stringify({ ...head, sum: checksum(Buffer.from(text, 'utf8')) });
  const length = Buffer.byteLength(line, 'utf8');
  if (length >= HEADER) return undefined;
  const bytes = Buffer.alloc(HEADER, 0x20);
  bytes.write(line, 0, 'utf8');
  bytes[HEADER - 1] = NEWLINE;
  return bytes;
}

/**
 * The header of a cache file of `size` bytes, when it is whole (its checksum is its own: a
 * header torn by a run that ended while writing it, or edited, is not) and names parts that
 * are in the file, in order.
 */
function parseHeader(first: Buffer, size: number): Head | undefined {
  let end = first.indexOf(NEWLINE);
  if (end < 0) end = first.length;
  const head = JSON.parse(first.toString('utf8', 0, end)) as unknown;
  if (!head || typeof head !== 'object' || Array.isArray(head)) return undefined;
  const { sum, ...rest } = head as { sum?: unknown } & Partial<Head>;
  if (typeof sum !== 'string' || sum !== checksum(Buffer.from(JSON.stringify(rest), 'utf8'))) return undefined;
  const { parts } = rest;
  if (!Array.isArray(parts) || parts.length < 1 || parts.length > MAX_PARTS) return undefined;
  let from = HEADER;
  for (const part of parts as unknown[]) {
    if (!Array.isArray(part) || part.length !== 2 || !Number.isSafeInteger(part[0]) || !Number.isSafeInteger(part[1])) return undefined;
    const [at, length] = part as Part;
    if (at < from || length < 0 || at + length > size) return undefined;
    from = at + length;
  }
  if (!Number.isSafeInteger(rest.named) || rest.named! < HEADER || rest.named! > size) return undefined;
  return rest as Head;
}

/**
 * CRC-32 (as zip and PNG check their data): made to catch damaged bytes, which is what the
 * checksum of a blob is for, and zlib's is about three times as fast as a sha256 of the same
 * bytes (a warm run of 16,848 postings checks 100 MB). Node has it from 20.15; before, the same
 * function in JavaScript.
 */
const crc32: (bytes: Buffer) => number = (zlib as { crc32?: (bytes: Buffer) => number }).crc32 ?? crc32Js;

let CRC_TABLE: Int32Array | undefined;
/** CRC-32 in JavaScript (the IEEE polynomial, reflected, as zlib's). */
export function crc32Js(bytes: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** Whether `bytes[from, to)` hold a backslash (an escape of JSON). */
function escapes(bytes: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] === 0x5c) return true;
  return false;
}

/** The bytes an entry's blobs take (the report's piece counts only with the results, as a rewrite keeps it). */
const blobBytes = (entry: CacheEntry | undefined) => (entry?.o ? entry.o[1] + (entry.j && entry.n ? entry.j[1] : 0) : 0);

/**
 * The entries of the cache, by file. The states parts are split into lines when the cache is
 * opened, and a line is checked and parsed only when its file is asked for: a run of one
 * posting in a cache of thousands reads the lines of the few files it uses (parsing every
 * line took about 90 ms at 16,848). A line that cannot be read (its checksum is not its own,
 * it is not JSON, or its blobs are said to be outside the results `[HEADER, blobsEnd)`) is
 * left out, and `damaged` says so.
 */
class Entries {
  /** Each file's entry, or the number of its line not read yet (see `at`). */
  private readonly lines = new Map<string, number | CacheEntry>();
  /** Where each line is: its part, its start, its tabs (kept as numbers: no object a line). */
  private readonly at: { part: number[]; start: number[]; tab: number[]; sum: number[] } = { part: [], start: [], tab: [], sum: [] };
  private readonly parts: Buffer[] = [];
  /** The bytes the blobs of a replaced or removed entry took, as stored (see storedBytes). */
  private readonly replaced = new Map<string, number>();
  damaged = false;

  constructor(
    private readonly blobsEnd = HEADER,
    /** Index entries made under another configuration: left out as lines are read. */
    private readonly dropIndex = false,
  ) {}

  get size(): number {
    return this.lines.size;
  }

  /** Split a states part into lines (a later part's line stands for an earlier one's; a state of `null` removes the file). */
  addPart(bytes: Buffer): void {
    const part = this.parts.push(bytes) - 1;
    const at = this.at;
    // The next tab from where the last search began: a part without tabs (damaged) is read
    // once, not once a line.
    let nextTab = -1;
    for (let start = 0; start < bytes.length; ) {
      let end = bytes.indexOf(NEWLINE, start);
      if (end < 0) end = bytes.length;
      if (nextTab < start && nextTab !== Infinity) {
        nextTab = bytes.indexOf(TAB, start);
        if (nextTab < 0) nextTab = Infinity;
      }
      const tab = nextTab === Infinity ? -1 : nextTab;
      // The checksum's tab: the last one (JSON texts hold none).
      const sum = end - 9;
      try {
        if (tab < 0 || sum <= tab || bytes[sum] !== TAB) throw new Error('not an entry');
        // A path with nothing escaped is the text between its quotes (most paths: no JSON.parse a line).
        const plain = tab - start >= 2 && bytes[start] === 0x22 && bytes[tab - 1] === 0x22 && !escapes(bytes, start + 1, tab - 1);
        const file = plain ? bytes.toString('utf8', start + 1, tab - 1) : (JSON.parse(bytes.toString('utf8', start, tab)) as unknown);
        if (typeof file !== 'string') throw new Error('not an entry');
        const id = at.part.length;
        at.part.push(part);
        at.start.push(start);
        at.tab.push(tab);
        at.sum.push(sum);
        if (sum - tab === 5 && bytes.toString('latin1', tab + 1, sum) === 'null') {
          // No results any more: checked now (a damaged one leaves the earlier line, which checks itself).
          if (!this.intact(id)) throw new Error('damaged');
          this.lines.delete(file);
        } else this.lines.set(file, id);
      } catch {
        this.damaged = true;
      }
      start = end + 1;
    }
  }

  private intact(id: number): boolean {
    const bytes = this.parts[this.at.part[id]!]!;
    const sum = this.at.sum[id]!;
    return crc32(bytes.subarray(this.at.start[id]!, sum)) === hex32(bytes, sum + 1);
  }

  get(file: string): CacheEntry | undefined {
    const known = this.lines.get(file);
    if (typeof known !== 'number') return known;
    const entry = this.read(known);
    if (entry) this.lines.set(file, entry);
    else {
      this.lines.delete(file);
      this.damaged = true;
    }
    return entry;
  }

  /**
   * The bytes the blobs of `file` took as the cache stored them (0 for a file it did not
   * have): read from its entry, unless this run replaced or removed that entry.
   */
  storedBytes(file: string): number {
    const replaced = this.replaced.get(file);
    if (replaced !== undefined) return replaced;
    const entry = this.lines.get(file);
    return typeof entry === 'object' ? (entry[STORED] ?? 0) : 0;
  }

  private read(id: number): CacheEntry | undefined {
    try {
      if (!this.intact(id)) return undefined;
      const bytes = this.parts[this.at.part[id]!]!;
      const state = JSON.parse(bytes.toString('utf8', this.at.tab[id]! + 1, this.at.sum[id]!)) as unknown;
      if (!state || typeof state !== 'object' || Array.isArray(state)) return undefined;
      const entry = state as CacheEntry;
      if (entry.o !== undefined && !isSpan(entry.o, HEADER, this.blobsEnd)) {
        delete entry.o;
        this.damaged = true;
      }
      if (entry.j !== undefined && !(isSpan(entry.j, HEADER, this.blobsEnd) && isCounts(entry.n))) {
        delete entry.j;
        this.damaged = true;
      }
      if (this.dropIndex) delete entry.entry;
      entry[STORED] = blobBytes(entry);
      return entry;
    } catch {
      return undefined;
    }
  }

  set(file: string, entry: CacheEntry): void {
    this.keepStored(file);
    this.lines.set(file, entry);
  }

  delete(file: string): void {
    this.keepStored(file);
    this.lines.delete(file);
  }

  /** Before an entry is replaced or removed: the bytes its stored line's blobs took (those are no longer named). */
  private keepStored(file: string): void {
    if (!this.replaced.has(file)) this.replaced.set(file, (this.get(file), this.storedBytes(file)));
  }

  /** Every entry (each line read). */
  *[Symbol.iterator](): IterableIterator<[string, CacheEntry]> {
    for (const file of [...this.lines.keys()]) {
      const entry = this.get(file);
      if (entry) yield [file, entry];
    }
  }
}

/** The stored results, when they have the shape of an outcome. */
function parseOutcome(bytes: Buffer): JobOutcome | undefined {
  try {
    const o = JSON.parse(bytes.toString('utf8')) as Partial<JobOutcome> | null;
    if (!o || typeof o !== 'object' || !Array.isArray(o.findings) || !Array.isArray(o.texts) || typeof o.filePath !== 'string') return undefined;
    return o as JobOutcome;
  } catch {
    return undefined;
  }
}

/** What a run found of a file: its metadata now, and whether it is as the cache stored it. */
interface FileState {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** The bytes are those the cache stored. */
  unchanged: boolean;
  /** sha256 of the bytes now (when they were read), or the stored one when unchanged. */
  hash?: string;
}

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The code units of a text being hashed (see Hash64.add), as UTF-16 (little-endian) bytes. */
const UNITS = new Uint16Array(1 << 16);
const UNIT_BYTES = Buffer.from(UNITS.buffer);

/**
 * A 64-bit hash of texts, as 16 hex digits: two 32-bit lanes mixed as cyrb53 mixes them, fed
 * text by text (no string is built to hash it), each text's length before its characters (so
 * that where one text ends and the next begins is part of what is hashed). What a warm run compares each pairing group's
 * dependencies by: thousands of short texts, where a sha256 each (an object, a digest) cost
 * 66 ms in a run of 16,848 postings. Not a cryptographic hash (the cache is the user's own
 * file): a stale result would need a change whose hash agrees by chance with the old one's.
 */
export class Hash64 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;
  add(text: string): this {
    // The length first: `ab` then `c` is not `a` then `bc`, whatever the characters.
    let h1 = Math.imul(this.h1 ^ text.length, 2654435761);
    let h2 = Math.imul(this.h2 ^ text.length, 1597334677);
    // The code units copied out first (natively, whatever the string's inner form): a path
    // made by \`join\` or a slice of one is read by \`charCodeAt\` about four times slower, and
    // 6,264 groups of a warm run of 16,848 postings took 98 ms against 35 ms.
    if (text.length <= UNITS.length) {
      UNIT_BYTES.write(text, 0, 'utf16le');
      for (let i = 0; i < text.length; i++) {
        h1 = Math.imul(h1 ^ UNITS[i]!, 2654435761);
        h2 = Math.imul(h2 ^ UNITS[i]!, 1597334677);
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        h1 = Math.imul(h1 ^ text.charCodeAt(i), 2654435761);
        h2 = Math.imul(h2 ^ text.charCodeAt(i), 1597334677);
      }
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }
  digest(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
  }
}

/** Where the cache lives: `--cache-location` (a folder gets `.postings-cache` in it), else beside the config. */
export function cachePath(cwd: string, configFile: string | undefined, location: string | undefined): string {
  if (location) {
    const abs = resolve(cwd, location);
    let isDir = /[\\/]$/.test(location);
    try {
      isDir ||= statSync(abs).isDirectory();
    } catch {
      /* a file to create */
    }
    return isDir ? join(abs, CACHE_FILE) : abs;
  }
  return join(configFile ? dirname(configFile) : cwd, CACHE_FILE);
}

/** Fingerprints of the layout templates under the sites of the content roots (path, size, time). */
export function layoutsFingerprint(roots: string[]): string {
  const parts: string[] = [];
  const walk = (dir: string, depth: number) => {
    let list;
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of list.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, d.name);
      if (d.isDirectory()) {
        if (depth < 32) walk(full, depth + 1);
      } else {
        try {
          const st = statSync(full);
          parts.push(`${full}\0${st.size}\0${st.mtimeMs}`);
        } catch {
          /* gone meanwhile */
        }
      }
    }
  };
  for (const root of [...roots].sort()) {
    const site = dirname(root);
    walk(join(site, 'layouts'), 0);
    let themes: string[] = [];
    try {
      themes = readdirSync(join(site, 'themes')).sort();
    } catch {
      /* no themes */
    }
    for (const t of themes) walk(join(site, 'themes', t, 'layouts'), 0);
  }
  return sha(parts.join('\n'));
}

/**
 * What the results of each posting depend on beyond its own bytes, as one hash: `prefix`
 * (the tool, locale, configuration and layouts), and its pairing group (the postings that
 * share a key with it: their paths, their bytes as `print` gives them, and what git says of
 * them; an index entry is made of a file's bytes, its path and the configuration, so these
 * stand for the entries), or, for a posting with no partner of the other language, the index
 * entries of every posting of its site (the missing-translation guess reads them all).
 * Computed once per group and per site, not per file: a warm run of thousands of files asks
 * for each file's.
 */
export function indexDependencies(
  index: ProjectIndex,
  config: ResolvedConfig,
  prefix: string,
  print: (file: string) => string,
): (file: string) => string {
  // Each entry's keys, made once.
  const keys = new Map<IndexEntry, string[]>();
  const groups = new Map<string, IndexEntry[]>();
  const byFile = new Map<string, IndexEntry>();
  for (const e of index.entries) {
    byFile.set(e.filePath, e);
    const own = siteKeys(e, config.language, { lever: true });
    keys.set(e, own);
    for (const k of own) {
      const g = groups.get(k);
      if (g) g.push(e);
      else groups.set(k, [e]);
    }
  }
  const hashOf = (members: IndexEntry[]) => {
    const h = new Hash64().add(prefix);
    for (const e of members) h.add(e.filePath).add(e.displayPath).add(e.scope ?? '').add(print(e.filePath)).add(e.git ? JSON.stringify(e.git) : '');
    return h.digest();
  };
  // Two postings whose keys differ (an English posting has a Lever id its French one lacks)
  // can still have the same group: its hash is made once, found by its first member.
  const hashes = new Map<IndexEntry, Array<{ members: IndexEntry[]; hash: string }>>();
  const groupHash = (members: IndexEntry[]) => {
    let known = hashes.get(members[0]!);
    const same = known?.find((g) => g.members.length === members.length && g.members.every((m, i) => m === members[i]));
    if (same) return same.hash;
    const hash = hashOf(members);
    if (!known) hashes.set(members[0]!, (known = []));
    known.push({ members, hash });
    return hash;
  };
  // The entries of each site, gathered in one pass, hashed once.
  let sites: Map<string, IndexEntry[]> | undefined;
  const bySite = new Map<string, string>();
  const siteHash = (scope: string) => {
    let hash = bySite.get(scope);
    if (hash === undefined) {
      if (!sites) {
        sites = new Map();
        for (const e of index.entries) {
          const s = e.scope ?? '';
          const list = sites.get(s);
          if (list) list.push(e);
          else sites.set(s, [e]);
        }
      }
      // The entries themselves (a cold run does not read every file of the site to hash it).
      bySite.set(scope, (hash = sha(`${prefix}\n${JSON.stringify(sites.get(scope) ?? [])}`)));
    }
    return hash;
  };
  const byEntry = new Map<IndexEntry, string>();
  let pairs: ReturnType<typeof pairsOf> | undefined;
  return (file) => {
    const self = byFile.get(file);
    if (!self) return siteHash('');
    let deps = byEntry.get(self);
    if (deps !== undefined) return deps;
    const own = keys.get(self) ?? [];
    let members = [self];
    if (own.length) {
      const related = new Set<IndexEntry>(members);
      for (const k of own) for (const e of groups.get(k) ?? []) related.add(e);
      members = [...related].sort((a, b) => (a.filePath < b.filePath ? -1 : 1));
    }
    // No partner of the other language, as the pairing rules see partners (by \`translationKey\`
    // by default, not by a shared path or Lever id): pairing/missing-translation's guess reads
    // every entry of the site.
    pairs ??= pairsOf(index, config.settings, config.language);
    const paired = (pairs.get(file)?.partners.length ?? 0) > 0;
    deps = paired ? groupHash(members) : siteHash(self.scope ?? '');
    byEntry.set(self, deps);
    return deps;
  };
}

export class ResultCache {
  private doc: CacheDoc;
  private dirty = false;
  /** Files this run read to compare with the cache. */
  reads = 0;
  /** When this run began: a file modified after it is read again by the next run. */
  private readonly startedAt = Date.now();
  private states = new Map<string, FileState | null>();
  private deps: (file: string) => string = () => '';
  /** The print of this run's index and configuration (see bind). */
  private indexPrint: string | undefined;
  /** Each file's fingerprint in this run (bytes, or size and time), read once. */
  private prints = new Map<string, string>();
  private used = new Set<string>();
  /** The cache file this run read (its blobs are read from it), and where its results part ends. */
  private fd: number | undefined;
  private blobsEnd = HEADER;
  /** The new cache file, written from the first new result on; entries whose blobs are in it. */
  private out: { fd: number; path: string; at: number } | undefined;
  private fresh = new WeakSet<CacheEntry>();
  /** The last window of blobs read (see `blob`). */
  private window: { fd: number; start: number; bytes: Buffer; transient: boolean } | undefined;
  /** The one buffer of the save's reads. */
  private reused: Buffer | undefined;
  /** The one buffer new results are encoded into. */
  private encoded: Buffer | undefined;
  /** Why the scratch file could not be written (then `save` throws it). */
  private failure: unknown;
  /** Removes the scratch file when the process ends before `save` (a closed pipe, an error). */
  private readonly onExit = () => this.close();
  /**
   * The configuration the kept index entries were made under (without the Hugo site model, whose
   * templates are those of a run's files; the entries do not depend on it).
   */
  private readonly configPrint: string;
  /**
   * The cache file this run read: which file it is, its size, its states parts, and whether
   * every line was read under this configuration (else it is not written in place).
   */
  private loaded: { ino: number; dev: number; size: number; parts: Part[]; named: number; whole: boolean } | undefined;
  /** The files whose state this run changed, added or removed: the lines a part written in place holds. */
  private readonly touched = new Set<string>();

  constructor(
    readonly file: string,
    readonly strategy: CacheStrategy,
    private readonly tool: string,
    private readonly config: ResolvedConfig,
    private readonly locale: Locale,
    /** What else of the run its results depend on: the size limit and time budget (`--max-file-size`, `--timeout`). */
    private readonly runOptions: unknown = null,
  ) {
    this.doc = { format: FORMAT, version: VERSION, tool, written: 0, entries: new Entries() };
    this.configPrint = sha(JSON.stringify({ ...config, site: undefined })).slice(0, 22);
    let fd: number | undefined;
    try {
      fd = openSync(file, 'r');
      const st = fstatSync(fd);
      const size = st.size;
      const first = Buffer.alloc(Math.min(HEADER, size));
      readAll(fd, first, 0);
      const head = parseHeader(first, size);
      if (head && head.format === FORMAT && head.version === VERSION && head.tool === tool && typeof head.written === 'number') {
        // Every blob a part names was written before that part: the last part ends the results.
        const blobsEnd = head.parts[head.parts.length - 1]![0];
        // Index entries kept under another configuration (other language folders, other
        // classification tables) are read again from their files; the results are checked as ever.
        const sameConfig = head.config === this.configPrint;
        const entries = new Entries(blobsEnd, !sameConfig);
        for (const [at, length] of head.parts) {
          const bytes = Buffer.alloc(length);
          if (!readAll(fd, bytes, at)) throw new Error('cut short');
          entries.addPart(bytes);
        }
        if (!sameConfig) this.dirty = true;
        this.doc.entries = entries;
        this.doc.written = head.written;
        this.blobsEnd = blobsEnd;
        this.fd = fd;
        fd = undefined;
        if (entries.damaged) this.dirty = true;
        // A cache read under another configuration is written anew (every index entry changed); so is one with lines that could not be read before the save (see saveInPlace).
        this.loaded = { ino: st.ino, dev: st.dev, size, parts: head.parts, named: head.named, whole: sameConfig };
      } else this.dirty = true;
    } catch {
      /* no cache yet, or one that is corrupt or foreign: start afresh, rewritten at the end */
      this.dirty = true;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /**
   * The bytes of a blob (undefined when they cannot be read whole). Small blobs are read a
   * window of 1 MiB at a time: files are stored in the order a run asks for them, so one read
   * serves the next hundred or so (a warm run of thousands of files made a read each).
   * `transient`: the caller copies the bytes before the next read (the save), so one buffer
   * serves every read; else each window is its own (a piece may wait to be written).
   */
  private blob(entry: CacheEntry, span: Span, transient = false): Buffer | undefined {
    const bytes = this.read(entry, span, transient);
    return bytes && checksum(bytes) === span[2] ? bytes : undefined;
  }

  /** The bytes a span says, from the cache file read or the scratch file (see `blob`). */
  private read(entry: CacheEntry, span: Span, transient: boolean): Buffer | undefined {
    const fresh = this.fresh.has(entry);
    const fd = fresh ? this.out?.fd : this.fd;
    if (fd === undefined) return undefined;
    const [at, length] = span;
    const w = this.window;
    // A window in the save's one buffer serves only the save (its next read overwrites it).
    if (w && w.fd === fd && (transient || !w.transient) && at >= w.start && at + length <= w.start + w.bytes.length) {
      return w.bytes.subarray(at - w.start, at - w.start + length);
    }
    try {
      const end = fresh ? this.out!.at : this.blobsEnd;
      const size = length < WINDOW / 16 ? Math.min(WINDOW, end - at) : length;
      if (size < length) return undefined;
      const reuse = transient && size <= WINDOW;
      const bytes = reuse ? (this.reused ??= Buffer.allocUnsafe(WINDOW)).subarray(0, size) : Buffer.allocUnsafe(size);
      this.window = undefined;
      if (!readAll(fd, bytes, at)) return undefined;
      if (size > length) this.window = { fd, start: at, bytes, transient: reuse };
      return bytes.subarray(0, length);
    } catch {
      return undefined;
    }
  }

  /**
   * `append`, or undefined when the scratch file cannot be written (a folder that is not
   * there or not writable, a full disk): the run goes on without keeping new results, and
   * `save` then reports why the cache was not written, as before any result was kept.
   */
  private tryAppend(blobs: Array<Buffer | string>): Span[] | undefined {
    if (this.failure !== undefined) return undefined;
    try {
      return this.append(...blobs);
    } catch (e) {
      this.failure = e;
      return undefined;
    }
  }

  /** Append blobs to the new cache file (opened at the first), returning where each went. */
  private append(...blobs: Array<Buffer | string>): Span[] {
    if (!this.out) {
      const path = `${this.file}.${process.pid}.tmp`;
      // Read too: the save copies the new results from it, in order.
      this.out = { fd: openSync(path, 'w+'), path, at: HEADER };
      process.once('exit', this.onExit);
    }
    const out = this.out;
    return blobs.map((blob) => {
      // Text is encoded into one buffer kept for the run: a cold run of thousands of files
      // allocates no buffer a file (freed memory that the allocator kept raised the peak).
      let b: Buffer;
      if (typeof blob === 'string') {
        const length = Buffer.byteLength(blob);
        if (length <= ENCODE) {
          this.encoded ??= Buffer.allocUnsafe(ENCODE);
          b = this.encoded.subarray(0, this.encoded.write(blob, 0, 'utf8'));
        } else b = Buffer.from(blob, 'utf8');
      } else b = blob;
      writeAll(out.fd, b, out.at);
      const span: Span = [out.at, b.length, checksum(b)];
      out.at += b.length;
      return span;
    });
  }

  /** What the file is now against what the cache stored (null: it cannot be read). */
  private state(file: string): FileState | null {
    const known = this.states.get(file);
    if (known !== undefined) return known;
    let state: FileState | null;
    try {
      const st = statSync(file);
      state = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, unchanged: false };
      const stored = this.doc.entries.get(file);
      if (stored && stored.size === st.size) {
        if (this.strategy === 'metadata') state.unchanged = stored.mtimeMs === st.mtimeMs;
        else if (
          stored.mtimeMs === st.mtimeMs &&
          stored.ctimeMs === st.ctimeMs &&
          stored.ino === st.ino &&
          st.mtimeMs < this.doc.written - RACY_MS &&
          typeof stored.hash === 'string'
        ) {
          state.unchanged = true;
          state.hash = stored.hash;
        } else {
          this.reads++;
          state.hash = sha(readRegularFile(file));
          state.unchanged = state.hash === stored.hash;
          // The same bytes with new times (a checkout): the next run need not read it again.
          if (state.unchanged && (stored.mtimeMs !== st.mtimeMs || stored.ctimeMs !== st.ctimeMs || stored.ino !== st.ino)) {
            Object.assign(stored, { mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino });
            this.touched.add(file);
            this.dirty = true;
          }
        }
      }
    } catch {
      state = null;
    }
    this.states.set(file, state);
    return state;
  }

  /** The stored index entry of a file that did not change (then the index does not read it). */
  knownEntry(file: string): StoredEntry | undefined {
    const state = this.state(file);
    if (!state?.unchanged) return undefined;
    const entry = this.doc.entries.get(file)!.entry;
    return entry && typeof entry === 'object' && !Array.isArray(entry) ? entry : undefined;
  }

  /**
   * Keep the index entries of this run for the next one (`withCodes`: the files whose
   * classification codes were read; the others' codes are read again when they are needed).
   */
  storeEntries(entries: readonly IndexEntry[], withCodes: (e: IndexEntry) => boolean, skip?: ReadonlyMap<string, string>): void {
    for (const e of entries) {
      if (skip?.has(e.filePath)) continue;
      const stored: StoredEntry = { lang: e.lang, translationKey: e.translationKey, leverId: e.leverId, archived: e.archived, title: e.title };
      if (withCodes(e)) stored.classifications = e.classifications;
      const old = this.doc.entries.get(e.filePath);
      const state = this.state(e.filePath);
      if (!state) continue;
      if (old && state.unchanged && old.entry && sameEntry(old.entry, stored)) continue;
      // A new or changed file: its old results go with its old bytes.
      const hash = old && state.unchanged ? undefined : (state.hash ?? (this.strategy === 'content' ? this.fingerprint(e.filePath) : undefined));
      // The entry was read from the file after the run first saw it (its stat), and the hash
      // may be of bytes read later still: both are kept only when the file is still as that stat
      // saw it. A posting saved during the run would otherwise keep an entry of its old bytes
      // with the hash of its new ones, and the next run would find it unchanged; it is read again
      // then. (A file system whose times are coarse, 1 or 2 s, can hide a save of the same size
      // within one tick: not handled; see CHANGELOG.)
      if (!this.stillAsSeen(e.filePath, state)) continue;
      this.dirty = true;
      this.touched.add(e.filePath);
      if (old && state.unchanged) {
        old.entry = stored;
        continue;
      }
      this.doc.entries.set(e.filePath, { size: state.size, mtimeMs: state.mtimeMs, ctimeMs: state.ctimeMs, ino: state.ino, hash, entry: stored });
      this.states.set(e.filePath, { ...state, unchanged: true, hash });
    }
  }

  /** Whether `file` is still as `state` saw it: its size, modification and change times and inode. */
  private stillAsSeen(file: string, state: FileState): boolean {
    try {
      const st = statSync(file);
      return st.size === state.size && st.mtimeMs === state.mtimeMs && st.ctimeMs === state.ctimeMs && st.ino === state.ino;
    } catch {
      return false;
    }
  }

  /** Bind the cache to this run's index, once it is built (before any get or set). */
  bind(index: ProjectIndex, roots: string[]): void {
    // \`since\`: the ref pairing/stale names in its messages (\`--since main\`).
    const global = sha(JSON.stringify([this.tool, this.locale, this.config, layoutsFingerprint(roots), (index as { since?: string }).since ?? null, this.runOptions]));
    // Every input of the dependencies at once (the tool, locale, configuration and layouts, every
    // index entry with its git history, every file's print): the same print means the same
    // \`deps\` for every file, so a file whose \`deps\` a run with this print computed or checked
    // is not checked again (the groups and their hashes cost a warm run of 16,848 postings about
    // 160 ms; this costs about 30). An entry's keys are in the same order whether it was read
    // or kept by the cache (see project-index.ts and project.ts), so its JSON is the same text.
    // A file's print is read only when the cache does not know it already.
    const prints = index.entries.map((e) => this.fingerprint(e.filePath));
    this.indexPrint = createHash('sha256').update(global).update('\n').update(JSON.stringify(index.entries)).update('\n').update(prints.join('\n')).digest('base64').slice(0, 22);
    let deps: ((file: string) => string) | undefined;
    this.deps = (file) => (deps ??= indexDependencies(index, this.config, global, (f) => this.fingerprint(f)))(file);
  }

  private depsOf(file: string): string {
    return this.deps(file);
  }

  /** What a file is now: the sha256 of its bytes (content strategy) or its size and time. */
  private fingerprint(file: string): string {
    let print = this.prints.get(file);
    if (print !== undefined) return print;
    try {
      if (this.strategy === 'metadata') {
        const st = this.state(file);
        print = st ? `${st.size}:${st.mtimeMs}` : '-';
      } else {
        const st = this.state(file);
        if (st?.hash === undefined) this.reads++;
        print = st?.hash ?? sha(readRegularFile(file));
      }
    } catch {
      print = '-';
    }
    this.prints.set(file, print);
    return print;
  }

  /** The entry of `file` when its results are still valid. */
  private valid(file: string): CacheEntry | undefined {
    const entry = this.doc.entries.get(file);
    if (!entry?.o) return undefined;
    if (!this.state(file)?.unchanged) return undefined;
    if (this.indexPrint !== undefined && entry.ix === this.indexPrint) return entry;
    if (entry.deps !== this.depsOf(file)) return undefined;
    // Kept if the cache is written anyway (a run that only checked writes nothing).
    entry.ix = this.indexPrint;
    this.touched.add(file);
    return entry;
  }

  /** The stored outcome of `file`, when it is still valid. */
  get(file: string): JobOutcome | undefined {
    const entry = this.valid(file);
    if (!entry) return undefined;
    // Read and parsed now, not kept.
    const bytes = this.blob(entry, entry.o!);
    const outcome = bytes && parseOutcome(bytes);
    if (!outcome || outcome.filePath !== file) return undefined;
    this.used.add(file);
    return outcome;
  }

  /**
   * The stored piece of a JSON report for `file`, when its results are still valid and a JSON
   * report was streamed when they were stored: its bytes go to the report as they are (their
   * checksum, checked by `blob`, says they are the bytes stored for this file).
   */
  getJson(file: string): JsonPiece | undefined {
    const entry = this.valid(file);
    if (!entry?.j || !entry.n) return undefined;
    const bytes = this.blob(entry, entry.j);
    if (!bytes) return undefined;
    this.used.add(file);
    return { bytes, errors: entry.n[0], warnings: entry.n[1] };
  }

  /** Keep the piece of a JSON report of a file whose results `get` just gave. */
  addJson(file: string, json: JsonPiece): void {
    const entry = this.doc.entries.get(file);
    if (!entry?.o) return;
    const o = this.fresh.has(entry) ? undefined : this.blob(entry, entry.o);
    if (!this.fresh.has(entry) && !o) return;
    this.dirty = true;
    // Both blobs of an entry are in one file: the results move to the new one with the piece.
    const spans = this.tryAppend(o ? [o, json.bytes] : [json.bytes]);
    if (!spans) return;
    if (o) entry.o = spans[0];
    entry.j = spans[spans.length - 1];
    entry.n = [json.errors, json.warnings];
    this.touched.add(file);
    this.fresh.add(entry);
  }

  /** Keep `outcome` (and `json`, the file's piece of a streamed JSON report) for the next run. */
  set(file: string, outcome: JobOutcome, json?: JsonPiece): void {
    // A file written by --fix, or one whose check was cut short or not read, is checked again next time.
    this.dirty = true;
    this.touched.add(file);
    if (!outcome.read || outcome.output !== undefined || outcome.findings.some((f) => f.ruleId.startsWith('internal/'))) {
      this.doc.entries.delete(file);
      return;
    }
    const { filePath, findings, texts, read } = outcome;
    // What the worker read is the file's print (the group's hash need not read it again).
    if (!this.prints.has(file)) this.prints.set(file, this.strategy === 'metadata' ? `${read.size}:${read.mtimeMs}` : read.hash);
    const state = this.state(file);
    const old = this.doc.entries.get(file);
    // Written to the new cache file now: a cold run of thousands of files holds neither their
    // findings nor their bytes.
    const blobs: Array<Buffer | string> = [JSON.stringify({ filePath, findings, texts })];
    if (json) blobs.push(json.bytes);
    const spans = this.tryAppend(blobs);
    if (!spans) {
      this.doc.entries.delete(file);
      return;
    }
    const [o, j] = spans;
    const entry: CacheEntry = {
      size: read.size,
      mtimeMs: read.mtimeMs,
      // The file as the worker read it (its change time and inode when it is still that file).
      ctimeMs: state && state.mtimeMs === read.mtimeMs && state.size === read.size ? state.ctimeMs : undefined,
      ino: state && state.mtimeMs === read.mtimeMs && state.size === read.size ? state.ino : undefined,
      hash: read.hash,
      entry: old?.hash === read.hash ? old.entry : undefined,
      deps: this.depsOf(file),
      ix: this.indexPrint,
      o,
      ...(json && j ? { j, n: [json.errors, json.warnings] as [number, number] } : {}),
    };
    this.doc.entries.set(file, entry);
    this.fresh.add(entry);
    this.used.add(file);
  }

  /**
   * Write the cache: in place when it can be, else a new file renamed over the old one (see
   * the top of this file).
   */
  save(): void {
    // Nothing changed: the file stays as it is (a warm run writes nothing).
    if (!this.dirty) {
      this.close();
      return;
    }
    if (this.failure !== undefined) {
      this.close();
      throw this.failure;
    }
    // Only a run that writes lists the cache's folder (a large one took a one-posting run 13 ms).
    sweepStale(this.file);
    if (this.saveInPlace()) this.close();
    else this.rewrite();
  }

  /** The entries of files that are there, or that this run saw (the others are gone), in the order of the paths. */
  private keptEntries(): Array<[string, CacheEntry]> {
    const kept: Array<[string, CacheEntry]> = [];
    for (const [file, entry] of this.doc.entries) if (this.used.has(file) || this.states.get(file) || existsSync(file)) kept.push([file, entry]);
    return kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /**
   * Write this run's new results and changed lines after the end of the cache file, then its
   * header (see the top of this file). False, having changed nothing the header names, when
   * the cache is to be written anew: no file was read, or not all of it; another run holds the
   * lock, or wrote or replaced the file since this run read it; more than half of the file
   * would be bytes that nothing names; or the writing failed.
   */
  private saveInPlace(): boolean {
    const loaded = this.loaded;
    if (!loaded?.whole || this.doc.entries.damaged || this.fd === undefined) return false;
    let unlock: (() => void) | undefined;
    let fd: number | undefined;
    try {
      unlock = lockCache(this.file);
      if (!unlock) return false;
      fd = openSync(this.file, 'r+');
      const st = fstatSync(fd);
      if (st.ino !== loaded.ino || st.dev !== loaded.dev || st.size !== loaded.size) return false;
      const base = st.size;
      const scratch = this.out ? this.out.at - HEADER : 0;
      // The blobs of new results go where the scratch file's bytes are copied.
      const where = (entry: CacheEntry, span: Span): Span => (this.fresh.has(entry) ? [span[0] - HEADER + base, span[1], span[2]] : span);
      // Every line when the parts are as many as the header may name, or when most lines changed.
      const every = loaded.parts.length >= MAX_PARTS || this.touched.size * 2 > this.doc.entries.size;
      const kept = every ? this.keptEntries() : undefined;
      const lines: Buffer[] = [];
      const write = (file: string, entry: CacheEntry | undefined) => {
        if (!entry) return lines.push(...stateLine(file, null));
        const { o, j, n, ...state } = entry;
        return lines.push(...stateLine(file, { ...state, ...(o ? { o: where(entry, o) } : {}), ...(o && j && n ? { j: where(entry, j), n } : {}) }));
      };
      // The bytes something names (the header, the blobs of the files' lines, and the parts):
      // those of the stored lines, less the blobs of the lines replaced, plus the new ones.
      let named: number;
      if (kept) {
        named = HEADER;
        for (const [file, entry] of kept) {
          write(file, entry);
          named += blobBytes(entry);
        }
      } else {
        named = loaded.named;
        for (const file of [...this.touched].sort()) {
          const entry = this.doc.entries.get(file);
          write(file, entry);
          named += blobBytes(entry) - this.doc.entries.storedBytes(file);
        }
      }
      const part = Buffer.concat(lines);
      const partAt = base + scratch;
      const parts: Part[] = kept ? [[partAt, part.length]] : [...loaded.parts, [partAt, part.length]];
      named += part.length;
      const size = partAt + part.length;
      if ((size - named) * 2 > size) return false;
      const { format, version, tool } = this.doc;
      const head = headerBytes({ format, version, tool, config: this.configPrint, written: this.startedAt, parts, named });
      if (!head) return false;
      if (this.out) copyRange(this.out.fd, HEADER, scratch, fd, base);
      writeAll(fd, part, partAt);
      // Last: until now, the header names what it named before, and the bytes after the old end are nobody's.
      writeAll(fd, head, 0);
      return true;
    } catch {
      return false;
    } finally {
      if (fd !== undefined) closeSync(fd);
      unlock?.();
    }
  }

  /** Write a new cache file, then rename it over the old one (atomically); entries of files that are gone are dropped. */
  private rewrite(): void {
    const kept = this.keptEntries();
    // The file written: the blobs in the order of the paths (the order of a run's files), the
    // report's pieces together and then the results, so that a warm run reads them in a few
    // large reads; then the states. New results went to a scratch file as they came.
    const path = `${this.file}.${process.pid}.new`;
    let fd: number | undefined;
    try {
      fd = openSync(path, 'w');
      const target = fd;
      // Written a MiB at a time from one buffer: the save allocates nothing per file.
      let at = HEADER;
      const buffer = Buffer.allocUnsafe(WINDOW);
      let size = 0;
      const flush = () => {
        writeAll(target, buffer.subarray(0, size), at);
        at += size;
        size = 0;
      };
      const put = (bytes: Buffer, sum = ''): Span => {
        if (size + bytes.length > buffer.length) flush();
        const span: Span = [at + size, bytes.length, sum];
        if (bytes.length > buffer.length) {
          writeAll(target, bytes, at);
          at += bytes.length;
        } else {
          bytes.copy(buffer, size);
          size += bytes.length;
        }
        return span;
      };
      const moved = new Map<CacheEntry, { o?: Span; j?: Span }>();
      for (const kind of ['j', 'o'] as const) {
        for (const [, entry] of kept) {
          const span = entry[kind];
          const bytes = span && this.blob(entry, span, true);
          if (!bytes) continue;
          const spans = moved.get(entry) ?? {};
          spans[kind] = put(bytes, span[2]);
          moved.set(entry, spans);
        }
      }
      flush();
      const states = at;
      for (const [file, entry] of kept) {
        const { o, j } = moved.get(entry) ?? {};
        const { o: _o, j: _j, n, ...state } = entry;
        // Results that could not be read again are dropped (the file is linted next time).
        for (const bytes of stateLine(file, { ...state, ...(o ? { o } : {}), ...(o && j && n ? { j, n } : {}) })) put(bytes);
      }
      flush();
      const { format, version, tool } = this.doc;
      // Every byte of a file written anew is named.
      const head = headerBytes({ format, version, tool, config: this.configPrint, written: this.startedAt, parts: [[states, at - states]], named: at });
      if (!head) throw new Error('cache header too long');
      writeAll(target, head, 0);
      closeSync(target);
      fd = undefined;
      // The old file is closed before the new one takes its name (Windows renames no open file).
      this.close();
      renameSync(path, this.file);
    } catch (e) {
      if (fd !== undefined) closeSync(fd);
      try {
        unlinkSync(path);
      } catch {
        /* never written */
      }
      this.close();
      throw e;
    }
  }

  /** Let go of the files this run opened, and remove the scratch file of new results. */
  private close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.window = undefined;
    if (this.out) {
      process.removeListener('exit', this.onExit);
      closeSync(this.out.fd);
      try {
        unlinkSync(this.out.path);
      } catch {
        /* already gone */
      }
      this.out = undefined;
    }
  }
}

/**
 * Remove the scratch and new files that runs which ended before their save left beside the
 * cache (killed, or a machine that went down): `<cache>.<pid>.tmp` and `.new` of a process
 * that is gone. A run that ends normally, or on a closed pipe or an error, removes its own.
 */
function sweepStale(file: string): void {
  const dir = dirname(file);
  const base = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(base) ? /^(?:lock\.)?(\d+)\.(?:tmp|new|stale)$/.exec(name.slice(base.length)) : null;
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A line of a states part, as two pieces: path, tab, state (`null`: no results any more), then tab, the CRC-32 of those, new line. */
function stateLine(file: string, state: CacheEntry | null): [Buffer, Buffer] {
  const line = Buffer.from(`${JSON.stringify(file)}\t${JSON.stringify(state)}`);
  return [line, Buffer.from(`\t${checksum(line)}\n`, 'latin1')];
}

/**
 * Take the lock of writing the cache in place (`<cache>.lock`, holding this process's id), or
 * undefined when another run holds it. A lock whose process is gone (killed while it wrote) is
 * taken over.
 */
function lockCache(file: string): (() => void) | undefined {
  const path = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0 || !takeStaleLock(path)) return undefined;
      continue;
    }
    const release = () => {
      try {
        unlinkSync(path);
      } catch {
        /* already gone */
      }
    };
    try {
      writeSync(fd, String(process.pid));
    } catch {
      // A lock without its process id (a full disk) is not left to stop the next runs.
      closeSync(fd);
      release();
      return undefined;
    }
    closeSync(fd);
    return release;
  }
  return undefined;
}

/**
 * Remove a lock left by a run that is gone: one older than STALE_LOCK_MS (a run holds it for
 * milliseconds), one naming this process (which has not taken it: a process id used again, as
 * in a container), or one naming a process that is not running. The lock is first moved to a
 * name of this process's own, and removed only if it is still the file judged stale: two runs
 * taking over the same lock do not both remove it, nor one the lock the other just took.
 */
function takeStaleLock(path: string): boolean {
  try {
    const st = statSync(path);
    const pid = Number(readFileSync(path, 'latin1'));
    const stale =
      Date.now() - st.mtimeMs > STALE_LOCK_MS || (Number.isSafeInteger(pid) && pid > 0 && (pid === process.pid || !alive(pid)));
    if (!stale) return false;
    const aside = `${path}.${process.pid}.stale`;
    renameSync(path, aside);
    if (statSync(aside).ino !== st.ino) {
      // Another run's new lock: given back (unless a third took the name meanwhile).
      try {
        if (!existsSync(path)) renameSync(aside, path);
        else unlinkSync(aside);
      } catch {
        /* nothing more to do: the in-place write is given up */
      }
      return false;
    }
    unlinkSync(aside);
    return true;
  } catch {
    return false;
  }
}

/** Copy `length` bytes at `from` in one file to `to` in another, a MiB at a time. */
function copyRange(source: number, from: number, length: number, target: number, to: number): void {
  const buffer = Buffer.allocUnsafe(Math.min(WINDOW, length));
  for (let done = 0; done < length; ) {
    const chunk = buffer.subarray(0, Math.min(buffer.length, length - done));
    if (!readAll(source, chunk, from + done)) throw new Error('scratch file cut short');
    writeAll(target, chunk, to + done);
    done += chunk.length;
  }
}

/** Whether two stored index entries say the same (as their JSON would, without making it). */
function sameEntry(a: StoredEntry, b: StoredEntry): boolean {
  if (a.lang !== b.lang || a.translationKey !== b.translationKey || a.leverId !== b.leverId || a.archived !== b.archived || a.title !== b.title) return false;
  const x = a.classifications;
  const y = b.classifications;
  if (x === undefined || y === undefined) return x === y;
  return Array.isArray(x) && x.length === y.length && x.every((c, i) => c === y[i]);
}

/** Read `buf.length` bytes at `position`; false when the file ends before. */
function readAll(fd: number, buf: Buffer, position: number): boolean {
  for (let at = 0; at < buf.length; ) {
    const n = readSync(fd, buf, at, buf.length - at, position + at);
    if (n === 0) return false;
    at += n;
  }
  return true;
}

/** Write all of `buf` at `position` (a short write, as after a signal, goes on; a full disk throws). */
function writeAll(fd: number, buf: Buffer, position: number): void {
  for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at, buf.length - at, position + at);
}
