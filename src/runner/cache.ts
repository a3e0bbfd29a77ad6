/**
 * `--cache`: the results of a file are reused when nothing they depend on changed: the file
 * (its bytes, or its size and modification time with `--cache-strategy metadata`), the tool's
 * version, the resolved configuration with its data tables and schema, the locale, the index
 * entries of its translation partners and their bytes (all entries when it has none, since
 * the guess of a missing partner reads them all), and the layout templates of its site. The
 * cache also keeps each file's index entry, so that a file that did not change is not read
 * at all to build the index. One JSON file; a corrupt or foreign one is ignored and
 * rewritten, never an error.
 *
 * Whether a file changed (content strategy): a file whose size, modification time, change
 * time and inode are those stored, and whose modification time is older than the cache by
 * more than the file system's time granularity, is unchanged without being read (as git
 * does: no write leaves all four as they were); any other file is read and its sha256
 * compared, so a checkout that only touched modification times keeps its results.
 *
 * The file is one line of JSON (format, version, tool, time) and then one line a file: its
 * path, its state and its results, three JSON texts separated by tabs (JSON escapes every tab
 * and line break inside a text). A run parses the states only; a file's results stay bytes
 * until the run uses them, are parsed then and let go, and are written back as they were:
 * a warm run of thousands of files holds neither their findings as objects nor a second copy.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, writevSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { IndexEntry, Locale, ProjectIndex, ResolvedConfig } from '../types.js';
import { siteKeys } from '../lib/pairing.js';
import type { JobOutcome } from './job.js';
import type { KnownEntry } from '../cli/project.js';

export const CACHE_FILE = '.postings-cache';
const FORMAT = 'postings-cache';
const VERSION = 3;
/** A file modified this close to the cache's writing may have changed again unseen: it is read. */
const RACY_MS = 2000;

export type CacheStrategy = 'content' | 'metadata';

/** The keys of a file's index entry, as the index read them (see src/cli/project.ts). */
export type StoredEntry = KnownEntry;

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
  /** The results (a JobOutcome's filePath, findings and texts) as JSON bytes. */
  outcome?: Buffer;
}

interface CacheDoc {
  format: typeof FORMAT;
  version: number;
  tool: string;
  /** When the cache was written (ms since the epoch). */
  written: number;
  entries: Map<string, CacheEntry>;
}

const TAB = 0x09;
const NEWLINE = 0x0a;
const NEWLINE_BYTES = Buffer.from('\n');

/** The entries of a cache file's bytes after its first line (a line that cannot be read is left out). */
function readEntries(bytes: Buffer, from: number): { entries: Map<string, CacheEntry>; complete: boolean } {
  const entries = new Map<string, CacheEntry>();
  let complete = true;
  for (let at = from; at < bytes.length; ) {
    let end = bytes.indexOf(NEWLINE, at);
    if (end < 0) end = bytes.length;
    const tab1 = bytes.indexOf(TAB, at);
    const tab2 = tab1 >= 0 && tab1 < end ? bytes.indexOf(TAB, tab1 + 1) : -1;
    try {
      if (tab2 < 0 || tab2 > end) throw new Error('not an entry');
      const file = JSON.parse(bytes.toString('utf8', at, tab1)) as unknown;
      const state = JSON.parse(bytes.toString('utf8', tab1 + 1, tab2)) as unknown;
      if (typeof file !== 'string' || !state || typeof state !== 'object' || Array.isArray(state)) throw new Error('not an entry');
      const entry = state as CacheEntry;
      delete entry.outcome;
      // The results stay bytes (a view of the file's buffer) until a run uses them.
      if (end > tab2 + 1) entry.outcome = bytes.subarray(tab2 + 1, end);
      entries.set(file, entry);
    } catch {
      complete = false;
    }
    at = end + 1;
  }
  return { entries, complete };
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
 * What the results of each posting depend on in the index: its pairing group, or the whole
 * index; `partners` are the files whose bodies its results also read (the pairing rules
 * compare the two bodies), so their bytes count too.
 */
export function indexDependencies(index: ProjectIndex, config: ResolvedConfig): (file: string) => { hash: string; partners: string[] } {
  const keysOf = (e: IndexEntry) => siteKeys(e, config.language, { lever: true });
  const groups = new Map<string, IndexEntry[]>();
  const byFile = new Map<string, IndexEntry>();
  for (const e of index.entries) {
    byFile.set(e.filePath, e);
    for (const k of keysOf(e)) {
      const g = groups.get(k);
      if (g) g.push(e);
      else groups.set(k, [e]);
    }
  }
  // A posting with no partner depends on every posting of its site (the missing-translation
  // guess reads them all): one hash per site.
  const bySite = new Map<string, string>();
  const siteHash = (scope: string) => {
    let hash = bySite.get(scope);
    if (hash === undefined) bySite.set(scope, (hash = sha(JSON.stringify(index.entries.filter((e) => (e.scope ?? '') === scope)))));
    return hash;
  };
  const byGroup = new Map<string, string>();
  return (file) => {
    const self = byFile.get(file);
    if (!self) return { hash: siteHash(''), partners: [] };
    const related = new Set<IndexEntry>([self]);
    for (const k of keysOf(self)) for (const e of groups.get(k) ?? []) related.add(e);
    const paired = [...related].some((e) => e.lang && self.lang && e.lang !== self.lang);
    // No partner of the other language: the missing-translation guess reads every entry.
    if (!paired) return { hash: siteHash(self.scope ?? ''), partners: [] };
    // Postings of one pair share their group: hashed once.
    const members = [...related].sort((a, b) => (a.filePath < b.filePath ? -1 : 1));
    const id = members.map((e) => e.filePath).join('\0');
    let hash = byGroup.get(id);
    if (hash === undefined) byGroup.set(id, (hash = sha(JSON.stringify(members))));
    return { hash, partners: members.filter((e) => e !== self && e.lang !== self.lang).map((e) => e.filePath) };
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
  private global = '';
  private deps: (file: string) => { hash: string; partners: string[] } = () => ({ hash: '', partners: [] });
  /** Each file's fingerprint in this run (bytes, or size and time), read once. */
  private prints = new Map<string, string>();
  private used = new Set<string>();

  constructor(
    readonly file: string,
    readonly strategy: CacheStrategy,
    private readonly tool: string,
    private readonly config: ResolvedConfig,
    private readonly locale: Locale,
  ) {
    this.doc = { format: FORMAT, version: VERSION, tool, written: 0, entries: new Map() };
    try {
      const bytes = readFileSync(file);
      let firstEnd = bytes.indexOf(NEWLINE);
      if (firstEnd < 0) firstEnd = bytes.length;
      const head = JSON.parse(bytes.toString('utf8', 0, firstEnd)) as Partial<Omit<CacheDoc, 'entries'>> | null;
      if (head && head.format === FORMAT && head.version === VERSION && head.tool === tool && typeof head.written === 'number') {
        const { entries, complete } = readEntries(bytes, firstEnd + 1);
        this.doc.entries = entries;
        this.doc.written = head.written;
        if (!complete) this.dirty = true;
      } else this.dirty = true;
    } catch {
      /* no cache yet, or one that is corrupt or foreign: start afresh, rewritten at the end */
      this.dirty = true;
    }
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
          state.hash = sha(readFileSync(file));
          state.unchanged = state.hash === stored.hash;
          // The same bytes with new times (a checkout): the next run need not read it again.
          if (state.unchanged && (stored.mtimeMs !== st.mtimeMs || stored.ctimeMs !== st.ctimeMs || stored.ino !== st.ino)) {
            Object.assign(stored, { mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino });
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
      if (old && state.unchanged && old.entry && JSON.stringify(old.entry) === JSON.stringify(stored)) continue;
      this.dirty = true;
      if (old && state.unchanged) {
        old.entry = stored;
        continue;
      }
      // A new or changed file: its old results go with its old bytes.
      const hash = state.hash ?? (this.strategy === 'content' ? this.fingerprint(e.filePath) : undefined);
      this.doc.entries.set(e.filePath, { size: state.size, mtimeMs: state.mtimeMs, ctimeMs: state.ctimeMs, ino: state.ino, hash, entry: stored });
      this.states.set(e.filePath, { ...state, unchanged: true, hash });
    }
  }

  /** Bind the cache to this run's index, once it is built (before any get or set). */
  bind(index: ProjectIndex, roots: string[]): void {
    this.global = sha(JSON.stringify([this.tool, this.locale, this.config, layoutsFingerprint(roots)]));
    this.deps = indexDependencies(index, this.config);
  }

  private depsOf(file: string): string {
    const { hash, partners } = this.deps(file);
    return sha(this.global + hash + partners.map((p) => this.fingerprint(p)).join('\0'));
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
        print = st?.hash ?? sha(readFileSync(file));
      }
    } catch {
      print = '-';
    }
    this.prints.set(file, print);
    return print;
  }

  /** The stored outcome of `file`, when it is still valid. */
  get(file: string): JobOutcome | undefined {
    const entry = this.doc.entries.get(file);
    if (!entry?.outcome) return undefined;
    if (!this.state(file)?.unchanged) return undefined;
    if (entry.deps !== this.depsOf(file)) return undefined;
    // Parsed now and not kept: the bytes are what the cache holds, and what it writes back.
    const outcome = parseOutcome(entry.outcome);
    if (!outcome) return undefined;
    this.used.add(file);
    return outcome;
  }

  set(file: string, outcome: JobOutcome): void {
    // A file written by --fix, or one whose check was cut short or not read, is checked again next time.
    this.dirty = true;
    if (!outcome.read || outcome.output !== undefined || outcome.findings.some((f) => f.ruleId.startsWith('internal/'))) {
      this.doc.entries.delete(file);
      return;
    }
    const { filePath, findings, texts, read } = outcome;
    const state = this.state(file);
    const old = this.doc.entries.get(file);
    this.doc.entries.set(file, {
      size: read.size,
      mtimeMs: read.mtimeMs,
      // The file as the worker read it (its change time and inode when it is still that file).
      ctimeMs: state && state.mtimeMs === read.mtimeMs && state.size === read.size ? state.ctimeMs : undefined,
      ino: state && state.mtimeMs === read.mtimeMs && state.size === read.size ? state.ino : undefined,
      hash: read.hash,
      entry: old?.hash === read.hash ? old.entry : undefined,
      deps: this.depsOf(file),
      // Bytes, not objects: a cold run of thousands of files does not hold their findings.
      outcome: Buffer.from(JSON.stringify({ filePath, findings, texts })),
    });
    this.used.add(file);
  }

  /** Write the cache (atomically); entries of files that are gone are dropped. */
  save(): void {
    const kept: Array<[string, CacheEntry]> = [];
    for (const [file, entry] of this.doc.entries) {
      if (this.used.has(file) || this.states.get(file) || existsSync(file)) kept.push([file, entry]);
      else this.dirty = true;
    }
    // Nothing changed: the file stays as it is (a warm run writes nothing).
    if (!this.dirty) return;
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      const fd = openSync(temp, 'w');
      try {
        const { format, version, tool } = this.doc;
        // Written in pieces of about 1 MiB: the stored results go out as the bytes they are.
        let pieces: Buffer[] = [Buffer.from(JSON.stringify({ format, version, tool, written: this.startedAt }) + '\n')];
        let size = pieces[0]!.length;
        const flush = () => {
          const written = writevSync(fd, pieces);
          if (written < size) {
            // A short write (a signal, a full disk): the rest, or the error that says why.
            const rest = Buffer.concat(pieces).subarray(written);
            for (let at = 0; at < rest.length; ) at += writeSync(fd, rest, at);
          }
          pieces = [];
          size = 0;
        };
        for (const [file, { outcome, ...state }] of kept) {
          const line = Buffer.from(`${JSON.stringify(file)}\t${JSON.stringify(state)}\t`);
          pieces.push(line);
          if (outcome) pieces.push(outcome);
          pieces.push(NEWLINE_BYTES);
          size += line.length + (outcome?.length ?? 0) + 1;
          if (size > 1 << 20 || pieces.length > 900) flush();
        }
        flush();
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
    } catch (e) {
      try {
        unlinkSync(temp);
      } catch {
        /* never written */
      }
      throw e;
    }
  }
}
