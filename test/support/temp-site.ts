/** Test support: throw-away site folders and git repositories. */
import { mkdtempSync, mkdirSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

export function tempDir(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), `postings-${prefix}-`)));
}

export function write(root: string, rel: string, text: string): string {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A posting with valid front matter, except for what `extra` overrides. */
export function posting(o: { title?: string; key?: string; archived?: string; leverId?: string; body?: string; extra?: string } = {}): string {
  const lines = [
    '---',
    'layout: job-posting',
    'type: section',
    `title: ${o.title ?? 'Developer'}`,
    'description: A posting.',
    `archived: ${o.archived ?? 'true'}`,
    `translationKey: ${o.key ?? 'developer'}`,
  ];
  if (o.leverId) lines.push(`leverId: ${o.leverId}`);
  if (o.extra) lines.push(o.extra);
  lines.push('---', '', o.body ?? 'Body text.', '');
  return lines.join('\n');
}

/**
 * The bodies of a pair that differ as translations drift: the French list lacks the English
 * list's last two items (lines 16–17 of a posting made by `posting`), and its salary differs.
 */
export const DRIFTED_PAIR = {
  en: [
    'The salary is $80,000 a year.',
    '',
    '## What you will do',
    '',
    '- Build and operate web services with the product team',
    '- Review code written by other developers on the team',
    '- Write automated tests for the services you build',
    '- Document your decisions and share them in the open',
  ].join('\n'),
  fr: [
    'Le salaire est de 85 000 $ par année.',
    '',
    '## Ce que vous ferez',
    '',
    '- Bâtir et exploiter des services Web avec l’équipe de produit',
    '- Réviser le code écrit par les autres membres de l’équipe',
  ].join('\n'),
};

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** Run git in `cwd`; throws with git's message when it fails. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export function gitRepo(prefix: string): string {
  const dir = tempDir(prefix);
  git(dir, 'init', '-q');
  return dir;
}

/** Run git with the author and committer dates set (ISO 8601), for commits at known times. */
export function gitAt(cwd: string, date: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
