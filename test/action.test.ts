/**
 * The GitHub composite action (action.yml), run locally: its `run:` steps are taken from the
 * file and run with bash as the runner does (`bash --noprofile --norc -eo pipefail`), with
 * the inputs in the environment, against temporary sites.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './support/harness.js';
import { sarifErrors, parseWorkflowCommand } from './support/ci-formats.js';
import { git, gitRepo, posting, tempDir, write } from './support/temp-site.js';

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const step = (name: string) => action.runs.steps.find((s) => s.id === name || s.name === name)!;

/** Evaluate the only expressions the run steps' env uses: inputs and step outputs. */
function expand(value: string, inputs: Record<string, string>, outputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*(inputs|steps\.lint\.outputs)\.([\w-]+)\s*\}\}/g, (_, scope: string, name: string) =>
    scope === 'inputs' ? (inputs[name] ?? action.inputs[name]?.default ?? '') : (outputs[name] ?? ''),
  );
}

interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

function runStep(s: Step, cwd: string, inputs: Record<string, string> = {}, outputs: Record<string, string> = {}): StepRun {
  const dir = tempDir('action-step');
  const script = join(dir, 'step.sh');
  const outFile = join(dir, 'output');
  writeFileSync(script, s.run!);
  writeFileSync(outFile, '');
  const env: Record<string, string> = { ...(process.env as Record<string, string>), GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outFile, LANG: 'C.UTF-8' };
  delete env.LC_ALL;
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = expand(v, inputs, outputs);
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  const produced: Record<string, string> = {};
  for (const line of readFileSync(outFile, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) produced[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: produced };
}

function brokenSite(): string {
  const root = tempDir('action-site');
  write(root, 'content/en/a.md', posting({ key: 'a', archived: '"no"' }));
  write(root, 'content/fr/a.md', posting({ key: 'a', title: '"Un, deux: trois %"' }));
  write(root, 'content/en/b.md', posting({ key: 'b', title: '"Two, words "' }));
  write(root, 'content/fr/b.md', posting({ key: 'b', title: 'Deux' }));
  return root;
}

describe('action.yml', () => {
  test('is a composite action with its inputs, uploading SARIF', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(
      ['config', 'format', 'locale', 'max-warnings', 'node-version', 'paths', 'sarif', 'sarif-file', 'since', 'working-directory'].sort(),
    );
    expect(action.inputs.format!.default).toBe('github');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with!.sarif_file).toBe('${{ steps.lint.outputs.sarif-file }}');
    // Where code scanning is unavailable (a fork, no Advanced Security), the job goes on.
    expect((upload as Step & { 'continue-on-error'?: boolean })['continue-on-error']).toBe(true);
    expect(action.outputs['exit-code']!.value).toBe('${{ steps.lint.outputs.exit-code }}');
    // No expression is pasted into a script (script injection): inputs go through env.
    for (const s of action.runs.steps) if (s.run) expect(s.run).not.toContain('${{');
    for (const s of action.runs.steps) if (s.run) expect(s.shell).toBe('bash');
  });

  test('the lint step annotates, writes valid SARIF with the same count, and the last step fails', () => {
    const site = brokenSite();
    const lint = runStep(step('lint'), site);
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    expect(lint.outputs).toEqual({ 'sarif-file': join(site, 'postings.sarif'), 'exit-code': '1' });
    const annotations = lint.stdout.split('\n').filter(Boolean).map(parseWorkflowCommand);
    expect(annotations.map((a) => [a.command, a.properties.file, a.properties.title])).toEqual([
      ['error', 'content/en/a.md', 'frontmatter/schema'],
      ['error', 'content/en/b.md', 'frontmatter/schema'],
    ]);
    const sarif = JSON.parse(readFileSync(join(site, 'postings.sarif'), 'utf8'));
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results).toHaveLength(annotations.length);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('content/en/a.md');

    const fail = step('Fail on errors');
    expect(fail.if).toBe("steps.lint.outputs.exit-code != '0'");
    const failed = runStep(fail, site, {}, lint.outputs);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('postings found errors or too many warnings (exit code 1)');
  });

  test('inputs: paths (new lines, globs passed to postings), format, no SARIF', () => {
    const site = brokenSite();
    const lint = runStep(step('lint'), site, { paths: 'content/en/b.md\ncontent/fr/*.md', format: 'junit', sarif: 'false' });
    expect(lint.status).toBe(0);
    expect(lint.outputs).toEqual({ 'exit-code': '1' });
    expect(existsSync(join(site, 'postings.sarif'))).toBe(false);
    expect(lint.stdout).toContain('<testsuite name="content/en/b.md" tests="1" failures="1"');
    expect(lint.stdout).toContain('<testsuite name="content/fr/a.md" tests="1" failures="0"');
  });

  test('input since: only the postings changed on the branch', () => {
    const site = gitRepo('action-since');
    write(site, 'content/en/a.md', posting({ key: 'a', archived: '"no"' }));
    write(site, 'content/fr/a.md', posting({ key: 'a', title: 'Un' }));
    git(site, 'add', '-A');
    git(site, 'commit', '-qm', 'old mistake');
    git(site, 'checkout', '-qb', 'pr');
    write(site, 'content/en/b.md', posting({ key: 'b', archived: '"yes"' }));
    write(site, 'content/fr/b.md', posting({ key: 'b', title: 'Deux' }));
    git(site, 'add', '-A');
    git(site, 'commit', '-qm', 'new posting');
    const lint = runStep(step('lint'), site, { since: 'main' });
    expect(lint.outputs['exit-code']).toBe('1');
    const annotations = lint.stdout.split('\n').filter(Boolean).map(parseWorkflowCommand);
    expect(annotations.map((a) => a.properties.file)).toEqual(['content/en/b.md']);
    const sarif = JSON.parse(readFileSync(join(site, 'postings.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(1);
  });

  test('a usage error stops the step with exit code 2 and its message', () => {
    const site = brokenSite();
    const lint = runStep(step('lint'), site, { since: 'main' });
    expect(lint.status).toBe(2);
    expect(lint.stderr).toContain('--since works in a git repository only');
    expect(lint.outputs).toEqual({});
  });

  test('a clean site: exit code 0, nothing to fail', () => {
    const site = tempDir('action-clean');
    write(site, 'content/en/a.md', posting({ key: 'a' }));
    write(site, 'content/fr/a.md', posting({ key: 'a', title: 'Un' }));
    const lint = runStep(step('lint'), site);
    expect(lint.status).toBe(0);
    expect(lint.outputs['exit-code']).toBe('0');
    expect(lint.stdout).toBe('');
  });

  test('lints once: the log and the SARIF report come from the same run', () => {
    const run = step('lint').run!;
    expect(run.match(/bin\/postings\.js/g)).toHaveLength(1);
    expect(run).toContain('--report "sarif=$sarif"');
  });

  test('no install or build on a run: the bundle is built once per version and cached', () => {
    const steps = action.runs.steps;
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'))!;
    expect(cache.with!.path).toBe('${{ github.action_path }}/dist');
    const build = steps.find((s) => s.run?.includes('npm ci'))!;
    expect(build.if).toContain("steps.cache.outputs.cache-hit != 'true'");
    for (const s of steps) if (s.run && s !== build) expect(s.run).not.toMatch(/npm (ci|install)|npm run build/);
    const version = runStep(step('version'), tempDir('action-version'), {}, {});
    expect(version.status).toBe(0);
    // The repository has been built (npm test builds it first): nothing to restore or build.
    expect(version.outputs).toEqual({ built: 'true' });
  });

  test('inputs config, max-warnings, locale and working-directory', () => {
    const repo = tempDir('action-inputs');
    const site = join(repo, 'site');
    write(site, 'content/en/a.md', posting({ key: 'a' }));
    write(site, 'content/fr/a.md', posting({ key: 'a', title: 'Un', body: 'Les candidats sont bienvenus.' }));
    write(site, 'ci/postings.json', JSON.stringify({ rules: { 'inclusive-language/terms': 'warn' } }));
    const inputs = { 'working-directory': 'site', config: 'ci/postings.json', 'max-warnings': '0', locale: 'fr' };
    const lint = runStep(step('lint'), repo, inputs);
    expect(lint.status).toBe(0);
    expect(lint.outputs).toEqual({ 'sarif-file': join(site, 'postings.sarif'), 'exit-code': '1' });
    const annotations = lint.stdout.split('\n').filter(Boolean).map(parseWorkflowCommand);
    expect(annotations.map((a) => [a.command, a.properties.file])).toEqual([['warning', 'content/fr/a.md']]);
    expect(annotations[0]!.message).toContain('nom masculin générique');
    expect(lint.stderr).toContain('postings: Trop d’avertissements (1); le maximum permis est 0.');
    const sarif = JSON.parse(readFileSync(join(site, 'postings.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].tool.driver.rules[0].helpUri).toMatch(/\.fr\.md$/);
  });
});
