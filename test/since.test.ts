/**
 * `--since REF` in a real temporary git repository: committed, staged, unstaged, renamed and
 * untracked changes count; changes on the base branch after the fork do not; partners are
 * linted for pair findings only; clear errors outside a repository or for a bad ref.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sinceScope } from '../src/cli/since.js';
import { makeConfig, runCli } from './support/harness.js';
import { git, gitRepo, posting, tempDir, write } from './support/temp-site.js';

const bad = (key: string, title = 'Developer') => posting({ key, title, archived: '"no"' });

function repo(): string {
  const root = gitRepo('since');
  for (const k of ['a', 'b', 'd', 'f']) {
    write(root, `content/en/${k}.md`, bad(k));
    write(root, `content/fr/${k}.md`, bad(k, 'Développeur'));
  }
  write(root, 'content/en/old-name.md', bad('c'));
  write(root, 'content/fr/c.md', bad('c', 'Développeur'));
  write(root, 'README.md', 'not a posting\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'site');
  git(root, 'checkout', '-qb', 'feature');
  // Committed on the branch: an edit, a rename with an edit, a deletion.
  write(root, 'content/en/b.md', bad('b', 'Senior developer'));
  git(root, 'mv', 'content/en/old-name.md', 'content/en/new name é.md');
  write(root, 'content/en/new name é.md', bad('c', 'Renamed developer'));
  git(root, 'rm', '-q', 'content/en/f.md');
  git(root, 'commit', '-qam', 'branch work');
  // On main after the fork: not this branch's change.
  git(root, 'checkout', '-q', 'main');
  write(root, 'content/en/d.md', bad('d', 'Changed on main'));
  git(root, 'commit', '-qam', 'main moves on');
  git(root, 'checkout', '-q', 'feature');
  // Not committed: staged, unstaged, untracked; and a non-Markdown change.
  write(root, 'content/en/a.md', bad('a', 'Staged'));
  git(root, 'add', 'content/en/a.md');
  write(root, 'content/fr/c.md', bad('c', 'Pas encore indexé'));
  write(root, 'content/en/e.md', bad('e'));
  write(root, 'README.md', 'changed\n');
  return root;
}

const CHANGED = ['content/en/a.md', 'content/en/b.md', 'content/en/e.md', 'content/en/new name é.md', 'content/fr/c.md'];

describe('--since', () => {
  const root = repo();

  test('reports findings in the changed postings only (committed, staged, unstaged, renamed, new)', () => {
    const r = runCli(['lint', '--since', 'main', '-f', 'json'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    const found = results.map((x) => [x.filePath.slice(root.length + 1), x.messages.map((m) => m.ruleId)]);
    // Each changed posting keeps its own finding; fr/f.md, whose English partner the branch
    // deleted, is reported for the pair finding that involves the change, and nothing else.
    expect(found).toEqual([
      // e.md is new and has no French posting yet: that is reported too.
      ...[
        ...CHANGED.map((f) => [f, f === 'content/en/e.md' ? ['frontmatter/schema', 'pairing/missing-translation'] : ['frontmatter/schema']]),
        // en/a.md and en/b.md changed on the branch, their French partners did not.
        ['content/fr/a.md', ['pairing/stale']],
        ['content/fr/b.md', ['pairing/stale']],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      ['content/fr/f.md', ['pairing/missing-translation']],
    ]);
  });

  test('the same from a sub-folder, and with a path that narrows it', () => {
    const sub = runCli(['lint', '--since', 'main', '-f', 'json', '.'], { cwd: join(root, 'content', 'fr') });
    const files = (JSON.parse(sub.stdout) as Array<{ filePath: string }>).map((x) => x.filePath.slice(root.length + 1));
    expect(files).toEqual(['content/fr/c.md', 'content/fr/f.md']);
  });

  test('partners (same translationKey) are linted too, and so are those of deleted postings', () => {
    const config = makeConfig();
    const all = ['a', 'b', 'd', 'e', 'new name é'].map((k) => join(root, 'content/en', `${k}.md`));
    const fr = ['a', 'b', 'c', 'd', 'f'].map((k) => join(root, 'content/fr', `${k}.md`));
    const scope = sinceScope('main', [...all, ...fr].sort(), config, root, 'en');
    const rel = (s: Iterable<string>) => [...s].map((f) => f.slice(root.length + 1)).sort();
    expect(rel(scope.changed)).toEqual(CHANGED);
    // fr/a and fr/b pair with changed English postings; fr/f lost its English partner.
    expect(rel(scope.partners)).toEqual(['content/fr/a.md', 'content/fr/b.md', 'content/fr/f.md']);
    // Partners keep pair findings only.
    const finding = (ruleId: string) => ({ ruleId, severity: 'error' as const, message: 'm', line: 1, column: 1, endLine: 1, endColumn: 1 });
    const filtered = scope.filter([
      { filePath: join(root, 'content/fr/a.md'), findings: [finding('frontmatter/schema'), finding('pairing/mismatch')] },
      { filePath: join(root, 'content/fr/b.md'), findings: [finding('frontmatter/schema')] },
      { filePath: join(root, 'content/en/a.md'), findings: [finding('frontmatter/schema')] },
    ]);
    expect(filtered.map((x) => [x.filePath.slice(root.length + 1), x.findings.map((f) => f.ruleId)])).toEqual([
      ['content/fr/a.md', ['pairing/mismatch']],
      ['content/en/a.md', ['frontmatter/schema']],
    ]);
  });

  test('--fix-dry-run --since fixes the changed postings only, never an unchanged partner', () => {
    const r2 = gitRepo('since-fix');
    write(r2, 'content/en/x.md', posting({ key: 'x', body: 'A CS4 position.' }));
    write(r2, 'content/fr/x.md', posting({ key: 'x', title: 'Poste', body: 'Un poste CS4.' }));
    git(r2, 'add', '-A');
    git(r2, 'commit', '-qm', 'one');
    write(r2, 'content/en/x.md', posting({ key: 'x', body: 'A CS4 position, edited.' }));
    const all = runCli(['lint', '--fix-dry-run'], { cwd: r2 });
    expect(all.stdout).toContain('content/fr/x.md');
    const r = runCli(['lint', '--since', 'HEAD', '--fix-dry-run'], { cwd: r2 });
    expect(r.stdout).toContain('+++ b/content/en/x.md');
    expect(r.stdout).toContain('CS-04');
    // The partner is never rewritten; its pair findings are reported, as lint --since reports them.
    expect(r.stdout).not.toMatch(/^(---|\+\+\+) [ab]\/content\/fr\/x\.md/m);
    expect(r.stdout).toMatch(/content\/fr\/x\.md\n.*changed since HEAD and this posting did not.*pairing\/stale/);
  });

  test('nothing changed: nothing to report, exit 0', () => {
    const r = runCli(['lint', '--since', 'HEAD', 'content/en/d.md'], { cwd: root });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No problems found in 0 files.');
  });

  test('a bad ref is a usage error', () => {
    const r = runCli(['lint', '--since', 'no-such-branch'], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('postings: --since: unknown git ref "no-such-branch" (try a branch, a tag or a commit, such as origin/main)\n');
    const opt = runCli(['lint', '--since', '--output=x'], { cwd: root });
    expect(opt.status).toBe(2);
  });

  test('outside a git repository: a clear error, in both languages', () => {
    const dir = tempDir('nogit');
    write(dir, 'content/en/a.md', bad('a'));
    write(dir, 'content/fr/a.md', bad('a'));
    const env = { GIT_CEILING_DIRECTORIES: dir.replace(/\/[^/]*$/, '') };
    const r = runCli(['lint', '--since', 'main'], { cwd: dir, env });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`postings: --since works in a git repository only, and ${dir} is not in one\n`);
    const fr = runCli(['lint', '--since', 'main', '--locale', 'fr'], { cwd: dir, env });
    expect(fr.stderr).toBe(`postings: --since ne fonctionne que dans un dépôt git, et ${dir} n’est dans aucun\n`);
  });

  test('a clean working tree on the base: only the branch commits count', () => {
    const r2 = gitRepo('since2');
    write(r2, 'content/en/x.md', bad('x'));
    write(r2, 'content/fr/x.md', bad('x'));
    git(r2, 'add', '-A');
    git(r2, 'commit', '-qm', 'one');
    write(r2, 'content/en/x.md', bad('x', 'Edited'));
    git(r2, 'commit', '-qam', 'two');
    const r = runCli(['lint', '--since', 'HEAD~1', '-f', 'json'], { cwd: r2 });
    // fr/x.md for pairing/stale only: its English partner changed in the range, it did not.
    const found = (JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>).map((x) => [
      x.filePath,
      x.messages.map((m) => m.ruleId).filter((id) => id.startsWith('pairing/')),
    ]);
    expect(found).toEqual([
      [join(r2, 'content/en/x.md'), []],
      [join(r2, 'content/fr/x.md'), ['pairing/stale']],
    ]);
    rmSync(join(r2, 'content/en/x.md'));
    writeFileSync(join(r2, 'content/en/y.md'), bad('y'));
    const moved = runCli(['lint', '--since', 'HEAD', '-f', 'json'], { cwd: r2 });
    // en/x.md was deleted in the working tree: its French partner is left without a translation.
    expect((JSON.parse(moved.stdout) as Array<{ filePath: string }>).map((x) => x.filePath)).toEqual([
      join(r2, 'content/en/y.md'),
      join(r2, 'content/fr/x.md'),
    ]);
  });
});
