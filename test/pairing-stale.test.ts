/**
 * pairing/stale in a real git repository whose commits the test makes at known dates: the
 * posting whose translation changed after it is reported, with the date and the subject of
 * the commit; a partner with uncommitted changes; with `--since`, the partner a branch did
 * not update. Git runs twice per lint, whatever the number of postings; nothing without git.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from './support/harness.js';
import { git, gitAt, gitRepo, posting, tempDir, write } from './support/temp-site.js';

// The findings of the other rules are left out by `staleFindings`.
const CONFIG = JSON.stringify({ rules: { 'pairing/stale': 'warn' } });

const en = (key: string, body: string) => posting({ key, title: 'Developer', body });
const fr = (key: string, body: string) => posting({ key, title: 'Développeuse ou développeur', body });

interface Message {
  ruleId: string;
  message: string;
  line: number;
  related?: Array<{ filePath: string; line: number }>;
}

function staleFindings(root: string, args: string[] = [], env: Record<string, string> = {}): Map<string, Message[]> {
  const r = runCli(['lint', '-f', 'json', '--config', 'postings.config.json', ...args], { cwd: root, env });
  expect(r.stderr).toBe('');
  const out = new Map<string, Message[]>();
  for (const res of JSON.parse(r.stdout) as Array<{ filePath: string; messages: Message[] }>) {
    const mine = res.messages.filter((m) => m.ruleId === 'pairing/stale');
    if (mine.length) out.set(res.filePath.slice(root.length + 1), mine);
  }
  return out;
}

function site(): string {
  const root = gitRepo('stale');
  writeFileSync(join(root, 'postings.config.json'), CONFIG);
  for (const k of ['dev', 'ops', 'qa']) {
    write(root, `content/en/${k}.md`, en(k, 'You will build services.'));
    write(root, `content/fr/${k}.md`, fr(k, 'Vous bâtirez des services.'));
  }
  git(root, 'add', '-A');
  gitAt(root, '2024-01-10T12:00:00Z', 'commit', '-qm', 'Postings');
  return root;
}

/** A `git` in front of the real one that writes down each call (in `log`); run with `env`. */
function gitShim(): { log: string; env: Record<string, string> } {
  const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  const bin = tempDir('git-shim');
  const log = join(bin, 'calls.log');
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> "${log}"\nexec "${realGit}" "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  return { log, env: { PATH: `${bin}:${process.env.PATH}` } };
}

describe('pairing/stale', () => {
  test('reports the posting whose translation changed after it, naming the commit', () => {
    const root = site();
    write(root, 'content/fr/dev.md', fr('dev', 'Vous bâtirez des services.\n\n- Une nouvelle exigence'));
    gitAt(root, '2024-02-03T09:00:00Z', 'commit', '-qam', 'Ajout d’une exigence');
    const found = staleFindings(root);
    expect([...found.keys()]).toEqual(['content/en/dev.md']);
    const [m] = found.get('content/en/dev.md')!;
    expect(m!.message).toContain('fr/dev.md');
    expect(m!.message).toContain('2024-02-03');
    expect(m!.message).toContain('Ajout d’une exigence');
    expect(m!.related).toEqual([expect.objectContaining({ filePath: join(root, 'content/fr/dev.md'), line: 1 })]);
  });

  test('a translation catching up with its posting is not stale, nor is the posting', () => {
    const root = site();
    write(root, 'content/en/dev.md', en('dev', 'You will build services.\n\n- A new requirement'));
    gitAt(root, '2024-02-03T09:00:00Z', 'commit', '-qam', 'New requirement');
    expect([...staleFindings(root).keys()]).toEqual(['content/fr/dev.md']);
    write(root, 'content/fr/dev.md', fr('dev', 'Vous bâtirez des services.\n\n- Une nouvelle exigence'));
    gitAt(root, '2024-02-05T09:00:00Z', 'commit', '-qam', 'Traduction');
    expect(staleFindings(root).size).toBe(0);
  });

  test('a partner with uncommitted changes makes the other posting stale (pre-commit)', () => {
    const root = site();
    write(root, 'content/en/ops.md', en('ops', 'You will run services.'));
    const found = staleFindings(root);
    expect([...found.keys()]).toEqual(['content/fr/ops.md']);
    expect(found.get('content/fr/ops.md')![0]!.message).toMatch(/uncommitted/);
  });

  test('with --cache: committing a partner (same bytes, new history) updates the posting\'s finding', () => {
    const root = site();
    write(root, 'content/en/ops.md', en('ops', 'You will run services.'));
    const first = staleFindings(root, ['--cache']);
    expect(first.get('content/fr/ops.md')![0]!.message).toMatch(/uncommitted/);
    // No file changes: only what git says of one of them.
    gitAt(root, '2024-02-07T09:00:00Z', 'commit', '-qam', 'Run, not build');
    const after = staleFindings(root, ['--cache']);
    expect(after.get('content/fr/ops.md')![0]!.message).not.toMatch(/uncommitted/);
    expect(after.get('content/fr/ops.md')![0]!.message).toContain('2024-02-07');
    expect(after).toEqual(staleFindings(root));
  });

  test('with --cache: the ref of --since, named in the message, is the one given this time', () => {
    const root = site();
    git(root, 'checkout', '-qb', 'feature');
    write(root, 'content/fr/dev.md', fr('dev', 'Vous bâtirez des services.\n\n- Une nouvelle exigence'));
    gitAt(root, '2024-02-03T09:00:00Z', 'commit', '-qam', 'Ajout');
    const byName = staleFindings(root, ['--cache', '--since', 'main', 'content']);
    expect(byName.get('content/en/dev.md')![0]!.message).toContain('main');
    const sha = git(root, 'rev-parse', '--short', 'main').trim();
    const bySha = staleFindings(root, ['--cache', '--since', sha, 'content']);
    expect(bySha).toEqual(staleFindings(root, ['--since', sha, 'content']));
    expect(bySha.get('content/en/dev.md')![0]!.message).toContain(sha);
  });

  test('--since: the partner a branch did not update is reported, not the changed posting', () => {
    const root = site();
    git(root, 'checkout', '-qb', 'feature');
    write(root, 'content/en/qa.md', en('qa', 'You will test services.'));
    gitAt(root, '2024-03-01T09:00:00Z', 'commit', '-qam', 'QA: new wording');
    const found = staleFindings(root, ['--since', 'main']);
    expect([...found.keys()]).toEqual(['content/fr/qa.md']);
    expect(found.get('content/fr/qa.md')![0]!.message).toMatch(/changed since main/);
    // Once the branch updates the translation too, nothing is reported.
    write(root, 'content/fr/qa.md', fr('qa', 'Vous testerez des services.'));
    gitAt(root, '2024-03-02T09:00:00Z', 'commit', '-qam', 'QA : traduction');
    expect(staleFindings(root, ['--since', 'main']).size).toBe(0);
  });

  test('--fix and --fix-dry-run report the stale findings lint reports', () => {
    const root = site();
    write(root, 'content/fr/dev.md', fr('dev', 'Vous bâtirez des services.\n\n- Une nouvelle exigence'));
    gitAt(root, '2024-02-03T09:00:00Z', 'commit', '-qam', 'Ajout d’une exigence');
    const linted = staleFindings(root);
    expect([...linted.keys()]).toEqual(['content/en/dev.md']);
    expect(staleFindings(root, ['--fix-dry-run'])).toEqual(linted);
    expect(staleFindings(root, ['--fix'])).toEqual(linted);
    // In French too.
    const french = staleFindings(root, ['--fix', '--locale', 'fr']);
    expect(french.get('content/en/dev.md')![0]!.message).toMatch(/a changé après celle-ci/);
  });

  test('--since with --fix: the partner a branch did not update is reported, and not rewritten', () => {
    const root = site();
    git(root, 'checkout', '-qb', 'feature');
    // A fixable problem in the changed posting, and in its partner: only the changed one is fixed.
    write(root, 'content/en/qa.md', en('qa', 'You will test [services](http://www.canada.ca/en.html).'));
    write(root, 'content/fr/qa.md', fr('qa', 'Vous testerez des [services](http://www.canada.ca/fr.html).'));
    git(root, 'add', '-A');
    gitAt(root, '2024-02-01T09:00:00Z', 'commit', '-qm', 'Links');
    git(root, 'checkout', '-qb', 'change');
    write(root, 'content/en/qa.md', en('qa', 'You will test our [services](http://www.canada.ca/en.html).'));
    gitAt(root, '2024-03-01T09:00:00Z', 'commit', '-qam', 'QA: new wording');
    const frBefore = readFileSync(join(root, 'content/fr/qa.md'), 'utf8');
    const linted = staleFindings(root, ['--since', 'feature']);
    expect([...linted.keys()]).toEqual(['content/fr/qa.md']);
    expect(staleFindings(root, ['--since', 'feature', '--fix-dry-run'])).toEqual(linted);
    expect(staleFindings(root, ['--since', 'feature', '--fix'])).toEqual(linted);
    expect(readFileSync(join(root, 'content/fr/qa.md'), 'utf8')).toBe(frBefore);
    expect(readFileSync(join(root, 'content/en/qa.md'), 'utf8')).toContain('https://www.canada.ca/en.html');
  });

  test('git runs once for the history and once for the status, whatever the number of postings', () => {
    const root = site();
    for (let i = 0; i < 20; i++) {
      write(root, `content/en/p${i}.md`, en(`p${i}`, 'Text.'));
      write(root, `content/fr/p${i}.md`, fr(`p${i}`, 'Texte.'));
    }
    git(root, 'add', '-A');
    gitAt(root, '2024-04-01T09:00:00Z', 'commit', '-qm', 'More');
    const { log, env } = gitShim();
    staleFindings(root, [], env);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls.filter((c) => / log /.test(` ${c} `)).length).toBe(1);
    expect(calls.filter((c) => / status /.test(` ${c} `)).length).toBe(1);
    expect(calls.length).toBeLessThanOrEqual(3);
  });

  test('one posting: git is asked about it and its translation only, and a posting alone runs no git', () => {
    const root = site();
    write(root, 'content/fr/dev.md', fr('dev', 'Vous bâtirez des services.\n\n- Une nouvelle exigence'));
    gitAt(root, '2024-02-03T09:00:00Z', 'commit', '-qam', 'Ajout d’une exigence');
    write(root, 'content/en/alone.md', en('alone', 'Text.'));
    git(root, 'add', '-A');
    gitAt(root, '2024-02-04T09:00:00Z', 'commit', '-qm', 'Alone');
    const { log, env } = gitShim();
    // The pre-commit run of one posting of a pair: the same finding as a run of the whole site.
    const one = staleFindings(root, ['content/en/dev.md'], env);
    expect(one.get('content/en/dev.md')).toHaveLength(1);
    expect(one).toEqual(new Map([...staleFindings(root)].filter(([file]) => file === 'content/en/dev.md')));
    const calls = readFileSync(log, 'utf8').trim().split('\n').slice(0, 3);
    const logCall = calls.find((c) => / log /.test(` ${c} `))!;
    expect(logCall).toContain('content/en/dev.md');
    expect(logCall).toContain('content/fr/dev.md');
    expect(logCall).not.toContain('*.md');
    expect(logCall).not.toContain('ops.md');
    writeFileSync(log, '');
    expect(staleFindings(root, ['content/en/alone.md'], env).size).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('');
  });

  test('nothing when the postings are not in a git repository (git is not even started), or git is absent', () => {
    const root = tempDir('stale-nogit');
    writeFileSync(join(root, 'postings.config.json'), CONFIG);
    write(root, 'content/en/dev.md', en('dev', 'Text.'));
    write(root, 'content/fr/dev.md', fr('dev', 'Texte.'));
    const { log, env } = gitShim();
    expect(staleFindings(root, [], env).size).toBe(0);
    expect(staleFindings(root, ['content/en/dev.md'], env).size).toBe(0);
    // No .git in the folder or above it: no git process (a pre-commit run does not wait for one).
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
    const inRepo = site();
    write(inRepo, 'content/fr/dev.md', fr('dev', 'Autre texte.'));
    gitAt(inRepo, '2024-02-03T09:00:00Z', 'commit', '-qam', 'Changement');
    expect(staleFindings(inRepo, [], { PATH: tempDir('empty-path') }).size).toBe(0);
  });
});
