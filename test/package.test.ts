/**
 * The package as a team installs it: `npm pack`, the tarball installed in a new folder
 * (offline: the package has no dependencies, everything is in its bundle), then the bin, the
 * Node API with its types and the configuration schema used from there, in both languages.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, nodeHasCompileCache } from './support/harness.js';
import { posting, tempDir, write } from './support/temp-site.js';

const NBSP = '\u00a0';
let project: string;
let files: string[];

function run(cmd: string, args: string[], cwd: string, input?: string) {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1', LANG: 'en_CA.UTF-8', npm_config_loglevel: 'error' };
  delete env.LC_ALL;
  delete env.FORCE_COLOR;
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', input, timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const packDir = tempDir('pack');
  // The build is there already (npm test builds first): pack it as it is.
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], ROOT);
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const info = JSON.parse(pack.stdout)[0] as { filename: string; files: Array<{ path: string }> };
  files = info.files.map((f) => f.path);
  project = tempDir('installed');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'site', private: true, type: 'module' }));
  const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(packDir, info.filename)], project);
  if (install.status !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
  write(project, 'content/en/dev.md', posting({ key: 'dev', body: 'Hey guys, see http://www.canada.ca/en.html.' }));
  write(project, 'content/fr/dev.md', posting({ key: 'dev', title: 'Développeur', body: 'Bienvenue, voyez http://www.canada.ca/fr.html.' }));
}, 240_000);

const postings = (args: string[], input?: string) => run(join(project, 'node_modules', '.bin', 'postings'), args, project, input);

describe('the packed package', () => {
  test('holds LICENSE, one build, the API types and the schemas; nothing only tests use', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'README.fr.md', 'bin/postings.js', 'bin/package.json', 'bin/code-cache.cjs', 'bin/lint-worker.cjs', 'bin/terminal.cjs', 'dist/bundle/worker.cjs', 'dist/bundle/main.js', 'dist/bundle/api.js', 'dist/api.d.ts', 'schemas/postings.config.schema.json', 'docs/rules/inclusive-language/terms.fr.md']));
    // The workers' code cache, which the build makes on Node 20 only (bin/lint-worker.cjs).
    expect(files.includes('dist/bundle/worker.cache')).toBe(!nodeHasCompileCache);
    expect(files.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/bundle/') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => /vendor|sarif-schema|^test\/|^fixtures\/|^src\//.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules', 'postings', 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['postings']);
  });

  test('the bin, in English and in French', () => {
    const en = postings(['lint', 'content']);
    expect(en.stdout).toMatch(/inclusive-language\/terms:guys$/m);
    expect(en.stdout).toContain('links/https');
    const fr = postings(['lint', 'content', '--locale', 'fr', '-q']);
    // French plurals (singular for 0 and 1) and typography (no-break spaces) from the package.
    expect(fr.stdout).toContain('1 problème (1 erreur, 0 avertissement)');
    expect(fr.stdout).toContain(`«${NBSP}Développeur${NBSP}» est un titre de poste au masculin seulement${NBSP}:`);
    const help = postings(['lint', '--help', '--locale', 'fr']).stdout;
    expect(help).toContain(`Utilisation${NBSP}:`);
    const json = JSON.parse(postings(['lint', 'content', '-f', 'json', '--locale', 'fr']).stdout);
    expect(json[0].messages.find((m: { entryId?: string }) => m.entryId === 'guys').docsUrl).toMatch(/terms\.fr\.md$/);
    expect(postings(['explain', 'inclusive-language/terms', '--locale', 'fr']).stdout).toContain('## Identifiants des entrées');
    const stdin = postings(['lint', '--stdin', '--stdin-filename', 'content/en/dev.md', '-f', 'json'], posting({ key: 'dev', body: 'Hi guys.' }));
    expect(JSON.parse(stdin.stdout)[0].messages.map((m: { entryId?: string }) => m.entryId)).toContain('guys');
    expect(JSON.parse(postings(['lint', '--print-config', 'content/fr/dev.md']).stdout).lang).toBe('fr');
  });

  test('the Node API gives what --format json gives, with its types', () => {
    const cli = JSON.parse(postings(['lint', 'content', '-f', 'json', '--locale', 'fr']).stdout);
    const api = run(process.execPath, ['--input-type=module', '-e', "import { lintFiles } from 'postings'; console.log(JSON.stringify(await lintFiles('content', { locale: 'fr' })));"], project);
    expect(api.stderr).toBe('');
    expect(JSON.parse(api.stdout)).toEqual(cli);
    write(project, 'check.ts', [
      "import { lintFiles, lintText, type LintResult } from 'postings';",
      "const results: LintResult[] = await lintFiles(['content'], { locale: 'fr' });",
      "const one: LintResult[] = await lintText('text', { filePath: 'content/en/x.md' });",
      'const count: number = results[0]!.messages.length + one.length;',
      'export { count };',
      '',
    ].join('\n'));
    const tsc = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'false', 'check.ts'], project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  test('the configuration schema, referenced from the installed package', () => {
    const schema = join(project, 'node_modules', 'postings', 'schemas', 'postings.config.schema.json');
    expect(JSON.parse(readFileSync(schema, 'utf8')).properties.rules.properties['links/https']).toBeDefined();
    write(project, 'postings.config.json', JSON.stringify({ $schema: './node_modules/postings/schemas/postings.config.schema.json', locale: 'fr', rules: { 'links/https': 'off' } }));
    try {
      const r = postings(['lint', 'content']);
      expect(r.stdout).toContain('avertissement');
      expect(r.stdout).not.toContain('links/https');
    } finally {
      write(project, 'postings.config.json', '{}');
    }
  });

  test('the points of issue 12, from the installed package, in both languages', () => {
    const site = tempDir('installed-site');
    const bin = join(project, 'node_modules', '.bin', 'postings');
    const lint = (args: string[]) => run(bin, ['lint', ...args], site);
    const open = (body: string) => posting({ key: 'k', archived: 'false', leverId: '0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b', body });
    write(site, 'content/en/a.md', open('Classified CS4. See http://www.canada.ca/en.html.'));
    // 11 and 12: one finding for the retired code; the bare http:// URL is read.
    const ids = JSON.parse(lint(['content', '-f', 'json']).stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId);
    expect(ids.filter((id: string) => id.startsWith('classification/'))).toEqual(['classification/retired']);
    expect(ids).toContain('links/https');
    // 2: warnings neither shown nor counted with --quiet.
    expect(lint(['content', '-q', '--max-warnings', '0']).status).toBe(0);
    // 9: a clean run in JUnit has one passing test case per file.
    expect(lint(['content', '-q', '-f', 'junit']).stdout).toContain('tests="1" failures="0"');
    // 1: the configuration's locale.
    write(site, 'postings.config.json', JSON.stringify({ locale: 'fr' }));
    expect(lint(['content']).stdout).toContain('avertissement');
    // 6: every configuration error at once, in French too.
    write(site, 'postings.config.json', JSON.stringify({ locale: 'fr', rulez: {}, ignore: 1, rules: { 'links/htps': 'warn' } }));
    const bad = lint(['content']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(4);
    expect(bad.stderr).toMatch(/^postings: Erreur de configuration/);
    // 15 and 16: the shipped docs.
    const docs = join(project, 'node_modules', 'postings', 'docs');
    expect(readFileSync(join(docs, 'ci.md'), 'utf8')).toContain('## Pinning a version');
    expect(readFileSync(join(docs, 'ci.fr.md'), 'utf8')).toContain('## Épingler une version');
    expect(readFileSync(join(docs, 'rules', 'inclusive-language', 'terms.md'), 'utf8')).toContain('## Entry ids');
  });
});
