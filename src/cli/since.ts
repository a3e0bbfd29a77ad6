/**
 * `--since REF`: lint only the postings changed since a git ref, for pull-request gates.
 *
 * Changed means added, modified or renamed between the merge base of REF and HEAD and the
 * working tree (so committed, staged and unstaged changes all count), plus new untracked
 * files. Their translation partners (same `translationKey` or `leverId`, found in the
 * content root's index) are linted too, and so are the partners of deleted or renamed-away
 * postings (a French file left behind): findings are reported in the changed files, and
 * pair findings (`pairing/*`) in the partners.
 */
import { nodeChildProcess } from './lazy-builtins.js';
import { realpathSync } from 'node:fs';
import { readHead } from './project.js';
import { DEFAULT_LIMITS } from '../runner/limits.js';
import { join } from 'node:path';
import type { FileResult, IndexEntry, Locale, ResolvedConfig } from '../types.js';
import { buildIndex } from '../engine/project-index.js';
import { siteKeys } from '../lib/pairing.js';
import { findContentRoot } from './files.js';
import { tc } from '../i18n/ci.js';
import { UsageError } from './errors.js';

/** Rules whose findings in a partner file concern the pair, and so the changed file. */
export const PAIR_RULE_PREFIX = 'pairing/';

export interface GitChanges {
  /** Repository root (real path). */
  top: string;
  /** The commit compared with the working tree. */
  base: string;
  /** Files present now that changed (absolute, real paths). */
  changed: string[];
  /** Files gone since the base (deleted, or old names of renames), with their text at the base. */
  gone: Array<{ path: string; text: string | undefined }>;
}

interface GitResult {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

function git(args: string[], cwd: string): GitResult {
  const r = nodeChildProcess().spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** What changed since `ref`, read from git. Throws a UsageError with a clear message. */
export function gitChanges(ref: string, cwd: string, locale: Locale): GitChanges {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (top.error) throw new UsageError(tc(locale, 'since.noGit', { reason: top.error.message }));
  if (top.status !== 0) throw new UsageError(tc(locale, 'since.notRepo', { dir: cwd }));
  const root = realpathSync(top.stdout.trim());
  const verified = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root);
  if (verified.status !== 0 || !verified.stdout.trim()) throw new UsageError(tc(locale, 'since.badRef', { ref }));
  const commit = verified.stdout.trim();
  // The fork point: changes made on REF's branch since are not this branch's changes.
  const mb = git(['merge-base', commit, 'HEAD'], root);
  const base = mb.status === 0 && mb.stdout.trim() ? mb.stdout.trim() : commit;

  const diff = git(['-c', 'core.quotePath=false', 'diff', '--name-status', '-z', '-M', '--no-ext-diff', base, '--'], root);
  if (diff.status !== 0) throw new UsageError(tc(locale, 'since.failed', { reason: diff.stderr.trim().split('\n')[0] ?? '' }));
  const changed = new Set<string>();
  const gonePaths: string[] = [];
  const tokens = diff.stdout.split('\0');
  for (let i = 0; i < tokens.length - 1; ) {
    const status = tokens[i++]!;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = tokens[i++]!;
      const to = tokens[i++]!;
      changed.add(to);
      if (status.startsWith('R')) gonePaths.push(from);
    } else {
      const path = tokens[i++]!;
      if (status.startsWith('D')) gonePaths.push(path);
      else changed.add(path);
    }
  }
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], root);
  if (untracked.status === 0) for (const p of untracked.stdout.split('\0')) if (p) changed.add(p);

  const gone = gonePaths.map((p) => {
    const shown = git(['show', `${base}:${p}`], root);
    return { path: join(root, p), text: shown.status === 0 ? shown.stdout : undefined };
  });
  return { top: root, base, changed: [...changed].map((p) => join(root, p)), gone };
}

export interface SinceScope {
  /** What to lint: the changed files and their partners. */
  files: string[];
  changed: Set<string>;
  partners: Set<string>;
  /** What to lint, or to fix: `--fix` never touches a partner that did not change. */
  select(fixing: boolean): string[];
  /** Keep every finding of the changed files and the pair findings of the partners. */
  filter(results: FileResult[]): FileResult[];
  /** A layout template changed in the range (its own findings are then reported). */
  touchesTemplate(file: string): boolean;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}


/**
 * The scope of a `--since` run among `files` (the postings the paths and ignores select).
 */
export function sinceScope(ref: string, files: string[], config: ResolvedConfig, cwd: string, locale: Locale): SinceScope {
  const changes = gitChanges(ref, cwd, locale);
  const byReal = new Map(files.map((f) => [real(f), f]));
  const changed = new Set<string>();
  for (const c of changes.changed) {
    const f = byReal.get(c);
    if (f) changed.add(f);
  }

  // Partners are looked up among the selected postings, from their front matter only (the
  // head of each file: a run reads no body before it lints it).
  const inputs = files.flatMap((f) => {
    try {
      return [{ filePath: f, displayPath: f, text: readHead(f, DEFAULT_LIMITS.maxFileSize, false).text }];
    } catch {
      return []; // unreadable: lintFiles reports it if it is linted
    }
  });
  const index = buildIndex(inputs, config.language);
  const goneInputs = changes.gone.flatMap((g) => (g.text === undefined ? [] : [{ filePath: g.path, displayPath: g.path, text: g.text }]));
  const gone = buildIndex(goneInputs, config.language).entries;
  // Partners share a translation key (either language) or a Lever id, within one site (content root).
  const roots = new Map<string, string | null>();
  const scoped = (e: IndexEntry) => ({ ...e, scope: config.contentDir ?? findContentRoot(e.filePath, roots) ?? '' });
  const keys = (e: IndexEntry) => siteKeys(scoped(e), config.language, { lever: true, path: false });
  const wantedKeys = new Set<string>();
  for (const e of [...index.entries.filter((e) => changed.has(e.filePath)), ...gone]) for (const k of keys(e)) wantedKeys.add(k);
  const partners = new Set<string>();
  for (const e of index.entries) {
    if (!changed.has(e.filePath) && keys(e).some((k) => wantedKeys.has(k))) partners.add(e.filePath);
  }
  return {
    files: [...changed, ...partners].sort(),
    changed,
    partners,
    select(fixing) {
      return fixing ? [...changed].sort() : this.files;
    },
    touchesTemplate(file) {
      return changes.changed.includes(real(file));
    },
    filter(results) {
      const out: FileResult[] = [];
      for (const r of results) {
        if (changed.has(r.filePath) || (!byReal.has(real(r.filePath)) && this.touchesTemplate(r.filePath))) out.push(r);
        else if (partners.has(r.filePath)) {
          const findings = r.findings.filter((f) => f.ruleId.startsWith(PAIR_RULE_PREFIX));
          if (findings.length) out.push({ ...r, findings });
        }
      }
      return out;
    },
  };
}
