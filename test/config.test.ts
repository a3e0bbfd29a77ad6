/** Configuration files: found upwards, JSON or YAML or package.json, validated with did-you-mean. */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/harness.js';

function site(): string {
  const dir = mkdtempSync(join(tmpdir(), 'postings-config-'));
  mkdirSync(join(dir, 'content', 'en'), { recursive: true });
  mkdirSync(join(dir, 'content', 'fr'), { recursive: true });
  writeFileSync(
    join(dir, 'content', 'en', 'dev.md'),
    '---\nlayout: page\ntype: section\ntitle: Developer\ndescription: A posting.\narchived: true\ntranslationKey: dev\n---\n\nText.\n',
  );
  return dir;
}

const ids = (stdout: string) =>
  (JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string; severity: number }> }>).flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}:${m.severity}`),
  );

describe('configuration files', () => {
  test.each([
    ['postings.config.json', JSON.stringify({ rules: { 'frontmatter/schema': 'warn' } })],
    ['.postingsrc.json', JSON.stringify({ rules: { 'frontmatter/schema': ['warn', {}] } })],
    ['.postingsrc.yaml', 'rules:\n  frontmatter/schema: warn\n'],
    ['package.json', JSON.stringify({ name: 'site', postings: { rules: { 'frontmatter/schema': 1 } } })],
  ])('%s is found from a subfolder upwards and applied', (name, text) => {
    const dir = site();
    writeFileSync(join(dir, name), text);
    const r = runCli(['lint', '-f', 'json', 'en'], { cwd: join(dir, 'content') });
    expect(ids(r.stdout)).toEqual(['frontmatter/schema:1']);
    expect(r.status).toBe(0);
  });

  test('--config names the file; "off" turns a rule off', () => {
    const dir = site();
    writeFileSync(join(dir, 'custom.yaml'), 'rules:\n  frontmatter/schema: "off"\n');
    const r = runCli(['lint', '-f', 'json', '--config', 'custom.yaml', 'content'], { cwd: dir });
    expect(ids(r.stdout)).toEqual([]);
  });

  test('an unknown rule id is a clear error with a did-you-mean, exit 2', () => {
    const dir = site();
    writeFileSync(join(dir, 'postings.config.json'), JSON.stringify({ rules: { 'frontmatter/shema': 'error' } }));
    const r = runCli(['lint', 'content'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`Configuration error in ${join(dir, 'postings.config.json')}:`);
    expect(r.stderr).toContain('rules.frontmatter/shema: unknown rule `frontmatter/shema`; did you mean `frontmatter/schema`?');
    expect(r.stdout).toBe('');
  });

  test('an unknown key, a bad severity and an unknown option are reported, in French too', () => {
    const dir = site();
    writeFileSync(
      join(dir, 'postings.config.json'),
      JSON.stringify({ ignroe: [], rules: { 'frontmatter/yaml': 'loud', 'frontmatter/missing': ['error', { strict: true }] } }),
    );
    const r = runCli(['lint', 'content'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ignroe: unknown key `ignroe`; did you mean `ignore`?');
    expect(r.stderr).toContain('rules.frontmatter/yaml: must be "off", "warn", "error"');
    const fr = runCli(['lint', '--locale', 'fr', 'content'], { cwd: dir });
    expect(fr.stderr).toContain('clé `ignroe` inconnue; vouliez-vous dire `ignore`?');
    writeFileSync(join(dir, 'postings.config.json'), JSON.stringify({ rules: { 'frontmatter/missing': ['error', { strict: true }] } }));
    expect(runCli(['lint', 'content'], { cwd: dir }).stderr).toContain(
      'rules.frontmatter/missing: unknown option `strict` (this rule takes no options)',
    );
  });

  test('a config file that does not parse: file, line and column, no stack trace', () => {
    const dir = site();
    writeFileSync(join(dir, '.postingsrc.yaml'), 'rules:\n  frontmatter/schema: [warn\n');
    const r = runCli(['lint', 'content'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^postings: ${join(dir, '.postingsrc.yaml').replace(/[.]/g, '\\.')}:\\d+:\\d+: `));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    writeFileSync(join(dir, 'postings.config.json'), '{\n  "rules": {,\n}');
    const j = runCli(['lint', 'content'], { cwd: dir });
    expect(j.stderr).toMatch(/postings\.config\.json:2:\d+: /);
  });

  test('ignore globs, relative to the config file', () => {
    const dir = site();
    writeFileSync(join(dir, 'postings.config.json'), JSON.stringify({ ignore: ['content/en/**'] }));
    const r = runCli(['lint', '-f', 'json', 'content'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  test('a user schema replaces the built-in one', () => {
    const dir = site();
    writeFileSync(
      join(dir, 'schema.json'),
      JSON.stringify({ type: 'object', required: ['title'], properties: { layout: { const: 'page' } } }),
    );
    writeFileSync(join(dir, 'postings.config.json'), JSON.stringify({ schema: 'schema.json' }));
    const r = runCli(['lint', '-f', 'json', 'content'], { cwd: dir });
    expect(ids(r.stdout)).toEqual([]);
  });

  test('the language mapping is configurable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postings-lang-'));
    mkdirSync(join(dir, 'english'));
    writeFileSync(
      join(dir, 'english', 'dev.md'),
      '---\nlayout: job-posting\ntype: section\ntitle: Developer\ndescription: A posting.\narchived: true\ntranslationKey: dev\n---\n\nText.\n',
    );
    expect(ids(runCli(['lint', '-f', 'json', 'english'], { cwd: dir }).stdout)).toEqual(['language/unknown:1']);
    writeFileSync(join(dir, 'postings.config.json'), JSON.stringify({ language: { pathSegments: { en: ['english'] } } }));
    expect(ids(runCli(['lint', '-f', 'json', 'english'], { cwd: dir }).stdout)).toEqual([]);
  });
});

describe('a user schema that is not a JSON Schema', () => {
  test('is a clear error naming the file, exit 2', () => {
    const dir = site();
    writeFileSync(join(dir, 'schema.json'), JSON.stringify({ type: 'objet', required: 'title' }));
    writeFileSync(join(dir, 'postings.config.json'), JSON.stringify({ schema: 'schema.json' }));
    const r = runCli(['lint', 'content'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^postings: ${join(dir, 'schema.json').replace(/[.]/g, '\\.')}: not a valid JSON Schema: `));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
