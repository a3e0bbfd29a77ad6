/**
 * What git says of each indexed posting, for `pairing/stale`: the last commits that touched
 * it and whether it has uncommitted changes. Two git commands for the whole run, whatever the
 * number of files (`git log --name-only` once, `git status` once); nothing when git is absent
 * or the postings are not in a repository. The engine only reads the result.
 *
 * Only the postings the rule reads are asked about: the linted postings that have a
 * translation, and those translations. A posting alone (the pre-commit run of a new posting)
 * runs no git at all; a few postings (one pair) ask git about their own paths, which in a
 * site with a long history costs a fraction of the history of every Markdown file (3,000
 * commits: 40 ms instead of 260 ms of git's CPU).
 */
import { nodeChildProcess } from './lazy-builtins.js';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { GitCommit, IndexEntry, LanguageConfig, ProjectIndex } from '../types.js';
import { pairsOf } from '../lib/pairing.js';

/** Commits kept per file, latest first: enough to tell which posting of a pair moved last. */
const KEEP = 5;

function git(args: string[], cwd: string): string | undefined {
  const r = nodeChildProcess().spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout;
}

/**
 * Whether git could find a repository from `dir`: a `.git` (folder, or file of a worktree or
 * submodule) in it or a folder above, or GIT_DIR set. A site outside any repository then
 * starts no git process (a one-posting run would wait for one that can only fail).
 */
export function mayBeInRepository(dir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return repositoryProbe(env)(dir);
}

/** `mayBeInRepository` for many folders: each folder and its parents asked once. */
function repositoryProbe(env: NodeJS.ProcessEnv = process.env): (dir: string) => boolean {
  if (env.GIT_DIR) return () => true;
  const known = new Map<string, boolean>();
  const inside = (dir: string): boolean => {
    let answer = known.get(dir);
    if (answer === undefined) {
      const parent = dirname(dir);
      answer = existsSync(join(dir, '.git')) || (parent !== dir && inside(parent));
      known.set(dir, answer);
    }
    return answer;
  };
  return inside;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

export interface GitOptions {
  /** With `--since REF`: the files changed in the range (as the CLI names them). */
  changed?: ReadonlySet<string>;
  since?: string;
  /**
   * Only these entries (the others get no `git`); all when not given. A function is called only
   * when some posting is in a repository (working out the pairs of 16,848 postings takes 31 ms).
   */
  only?: ReadonlySet<IndexEntry> | (() => ReadonlySet<IndexEntry>);
}

/**
 * Up to this many postings are named to git one by one (`git log -- a.md b.md`); more are
 * asked about as `*.md` (one walk of the history either way).
 */
const NAMED_PATHS = 64;

/** Add `git` to each entry of `index` that is in the repository of its first posting. */
export function attachGit(index: ProjectIndex & { since?: string }, options: GitOptions = {}): void {
  // Outside any repository (no `.git` above any posting's folder), nothing more is worked out.
  const inRepository = repositoryProbe();
  if (!index.entries.some((e) => inRepository(dirname(e.filePath)))) return;
  const only = typeof options.only === 'function' ? options.only() : options.only;
  const entries = (only ? index.entries.filter((e) => only.has(e)) : index.entries) as IndexEntry[];
  if (!entries.length || !inRepository(dirname(entries[0]!.filePath))) return;
  const topOut = git(['rev-parse', '--show-toplevel'], dirname(entries[0]!.filePath));
  if (topOut === undefined) return;
  const top = real(topOut.trim());
  const byRel = new Map<string, IndexEntry>();
  for (const e of entries) {
    const rel = relative(top, real(e.filePath));
    if (rel.startsWith('..') || rel === '') continue;
    byRel.set(rel.split(sep).join('/'), e);
    e.git = { commits: [] };
  }
  if (!byRel.size) return;
  // `:(literal)`: a file name with `*` or `[` in it is that name, not a pattern.
  const paths = byRel.size <= NAMED_PATHS ? [...byRel.keys()].map((p) => `:(literal)${p}`) : ['*.md', '*.markdown'];

  const log = git(['-c', 'core.quotePath=false', 'log', '-z', '--no-renames', '--format=%x1e%h%x1f%ct%x1f%s', '--name-only', '--', ...paths], top);
  for (const chunk of (log ?? '').split('\x1e')) {
    const headEnd = chunk.indexOf('\0');
    if (headEnd < 0) continue;
    const [hash = '', time = '0', subject = ''] = chunk.slice(0, headEnd).split('\x1f');
    const commit: GitCommit = { hash, time: Number(time), subject };
    for (const raw of chunk.slice(headEnd + 1).split('\0')) {
      const path = raw.replace(/^\n/, '');
      const e = path ? byRel.get(path) : undefined;
      if (e && e.git!.commits.length < KEEP) e.git!.commits.push(commit);
    }
  }

  const status = git(['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all', ...(byRel.size <= NAMED_PATHS ? ['--', ...paths] : [])], top);
  const tokens = (status ?? '').split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.length < 4) continue;
    const code = t.slice(0, 2);
    const e = byRel.get(t.slice(3));
    if (e) e.git!.dirty = true;
    if (code[0] === 'R' || code[0] === 'C') i++; // the old name follows
  }

  if (options.changed) {
    const changed = new Set([...options.changed].map(real));
    for (const e of byRel.values()) if (changed.has(real(e.filePath))) e.git!.changedSince = true;
    index.since = options.since;
  }
}

/**
 * The entries `pairing/stale` reads: each linted posting that has a translation, and its
 * translations. Empty when no linted posting has one: then git need not run.
 */
export function pairedEntries(
  index: ProjectIndex,
  linted: Iterable<string>,
  settings: Record<string, unknown>,
  language: LanguageConfig,
): Set<IndexEntry> {
  const pairs = pairsOf(index, settings, language);
  const byFile = new Map(index.entries.map((e) => [e.filePath, e]));
  const out = new Set<IndexEntry>();
  for (const file of linted) {
    const partners = pairs.get(file)?.partners ?? [];
    const self = byFile.get(file);
    if (!self || !partners.length) continue;
    out.add(self);
    for (const p of partners) out.add(p);
  }
  return out;
}
