/**
 * The pre-commit hook with the real `pre-commit` (Debian: `apt-get install pre-commit`):
 * `pre-commit try-repo <this repository> postings-lint` in a temporary site repository,
 * with the system Node (`language_version: system`: nothing downloaded).
 *
 * Skipped, with a message, only when `pre-commit` is not installed. `.ci/run` installs it.
 * Slow (pre-commit installs the hook: npm install and a build), hence one run per case.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './support/harness.js';
import { git, gitRepo, posting, write } from './support/temp-site.js';

const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() === 'true';

test('.pre-commit-hooks.yaml declares postings-lint for Markdown, with the system Node', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const hook = hooks.find((h) => h.id === 'postings-lint');
  expect(hook).toMatchObject({ language: 'node', language_version: 'system', entry: 'postings lint', types: ['markdown'] });
  // `system`: pre-commit runs `nodeenv -n system`, which uses the installed node and npm
  // instead of downloading Node. pre-commit passes only staged files; one process sees them all.
  expect(hook!.require_serial).toBe(true);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.bin.postings).toBeDefined();
});

const run = hasPreCommit && inGit ? test : test.skip;
if (!hasPreCommit) {
  console.warn('SKIPPED pre-commit try-repo test: `pre-commit` is not installed (apt-get install -y pre-commit; .ci/run does it)');
} else if (!inGit) {
  console.warn('SKIPPED pre-commit try-repo test: this copy of postings is not a git repository');
}

/** One PRE_COMMIT_HOME for the file: pre-commit installs the hook (npm install, build) once. */
const home = mkdtempSync(join(tmpdir(), 'postings-pre-commit-home-'));

function tryRepo(site: string) {
  return spawnSync('pre-commit', ['try-repo', ROOT, 'postings-lint', '--color', 'never'], {
    cwd: site,
    encoding: 'utf8',
    timeout: 170_000,
    env: {
      ...process.env,
      PRE_COMMIT_HOME: home,
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      NO_COLOR: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
  });
}

run(
  'pre-commit try-repo: staged postings are checked (with their unstaged partners for pairing); unstaged and committed mistakes are not',
  () => {
    const site = gitRepo('precommit-site');
    write(site, 'content/en/old.md', posting({ key: 'old', archived: '"no"' }));
    write(site, 'content/fr/old.md', posting({ key: 'old', title: 'Ancien' }));
    write(site, 'content/fr/dev.md', posting({ key: 'dev', title: 'Développeur' }));
    write(site, 'content/en/dev.md', posting({ key: 'dev' }));
    write(site, 'content/en/pair.md', posting({ key: 'senior-developer' }));
    write(site, 'content/fr/pair.md', posting({ key: 'senior-developer', title: 'Développeur ou développeuse' }));
    git(site, 'add', '-A');
    git(site, 'commit', '-qm', 'site with an old mistake');
    // Staged: a new mistake. Unstaged (stashed by pre-commit during the run): another one.
    write(site, 'content/en/dev.md', posting({ key: 'dev', archived: '"maybe"' }));
    git(site, 'add', 'content/en/dev.md');
    write(site, 'content/fr/dev.md', posting({ key: 'dev', title: '"Développeur "' }));
    // The writer renames a key in English only and stages that file alone: the French
    // partner, not staged, is still found in the content root, and the pair is reported.
    write(site, 'content/en/pair.md', posting({ key: 'sr-developer' }));
    git(site, 'add', 'content/en/pair.md');

    const r = tryRepo(site);
    const out = r.stdout + r.stderr;
    expect({ status: r.status, out }).toMatchObject({ status: 1 });
    expect(out).toMatch(/postings lint\.+Failed/);
    expect(out).toContain('- exit code: 1');
    expect(out).toContain('content/en/dev.md');
    expect(out).toContain('`archived` must be true or false, found the text "maybe"');
    expect(out).toMatch(/content\/en\/pair\.md\n.*pairing\/missing-translation/);
    expect(out).toContain('fr/pair.md');
    expect(out).toContain('2 problems (2 errors, 0 warnings)');
    expect(out).not.toContain('old.md');
    expect(out).not.toContain('content/fr/dev.md');
  },
  180_000,
);

