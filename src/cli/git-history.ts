/**
 * What git says of each indexed posting, for `pairing/stale`: the last commits that touched
 * it and whether it has uncommitted changes. Two git commands for the whole run, whatever the
 * number of files (`git log --name-only` once, `git status` once); nothing when git is absent
 * or the postings are not in a repository. The engine only reads the result.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import type { GitCommit, IndexEntry, ProjectIndex } from '../types.js';

/** Commits kept per file, latest first: enough to tell which posting of a pair moved last. */
const KEEP = 5;

function git(args: string[], cwd: string): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout;
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
}

/** Add `git` to each entry of `index` that is in the repository of its first posting. */
export function attachGit(index: ProjectIndex & { since?: string }, options: GitOptions = {}): void {
  const entries = index.entries as IndexEntry[];
  if (!entries.length) return;
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

  const log = git(['-c', 'core.quotePath=false', 'log', '-z', '--no-renames', '--format=%x1e%h%x1f%ct%x1f%s', '--name-only', '--', '*.md', '*.markdown'], top);
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

  const status = git(['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all'], top);
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
