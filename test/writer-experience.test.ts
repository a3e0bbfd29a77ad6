/**
 * Issue 12: what a new user tripped on, each through the real CLI (the built bin), in both
 * languages.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from './support/harness.js';
import { posting, tempDir, write } from './support/temp-site.js';

const NBSP = '\u00a0';

/** A folder with one posting that has one warning (no language known) and no error. */
function warningSite(config?: object): string {
  const dir = tempDir('wx');
  write(dir, 'posting.md', posting());
  if (config) write(dir, 'postings.config.json', JSON.stringify(config));
  return dir;
}

describe('1. `locale` in the configuration file', () => {
  test('"locale": "fr" gives French messages; --locale wins over it', () => {
    const dir = warningSite({ locale: 'fr' });
    expect(runCli(['lint', 'posting.md'], { cwd: dir }).stdout).toContain('avertissement');
    expect(runCli(['lint', 'posting.md', '--locale', 'en'], { cwd: dir }).stdout).toContain('1 problem (0 errors, 1 warning)');
    const en = warningSite({ locale: 'en' });
    expect(runCli(['lint', 'posting.md'], { cwd: en, env: { LANG: 'fr_CA.UTF-8' } }).stdout).toContain('1 warning');
  });
});

describe('2. --quiet with --max-warnings', () => {
  test('warnings are neither shown nor counted (as ESLint)', () => {
    const dir = warningSite();
    const quiet = runCli(['lint', '-q', '--max-warnings', '0', 'posting.md'], { cwd: dir });
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toContain('No problems found in 1 file.');
    const loud = runCli(['lint', '--max-warnings', '0', 'posting.md'], { cwd: dir });
    expect(loud.status).toBe(1);
    expect(loud.stderr).toBe('postings: Too many warnings (1); the maximum allowed is 0.\n');
  });
});

describe('3. plurals by Intl.PluralRules', () => {
  test('French is singular for 0 and 1, English plural for 0', () => {
    const dir = warningSite();
    const fr = runCli(['lint', 'posting.md', '--locale', 'fr'], { cwd: dir }).stdout;
    expect(fr).toContain('1 problème (0 erreur, 1 avertissement)');
    const en = runCli(['lint', 'posting.md'], { cwd: dir }).stdout;
    expect(en).toContain('1 problem (0 errors, 1 warning)');
    const clean = runCli(['lint', '-q', 'posting.md', '--locale', 'fr'], { cwd: dir }).stdout;
    expect(clean).toContain('Aucun problème dans 1 fichier.');
  });

  test('« 0 fichier » when every file is left out', () => {
    const dir = warningSite({ ignore: ['posting.md'] });
    expect(runCli(['lint', 'posting.md', '--locale', 'fr'], { cwd: dir }).stdout).toContain('Aucun problème dans 0 fichier.');
    expect(runCli(['lint', 'posting.md'], { cwd: dir }).stdout).toContain('No problems found in 0 files.');
  });
});

describe('4. French typography and one message prefix', () => {
  /** Lines of French text with a plain space before a colon or inside guillemets. */
  const badTypography = (text: string) =>
    text.split('\n').filter((l) => / :(\s|$)|« | »/.test(l.replace(/^\s+/, '')));

  test('help: no-break spaces, and no line starts with a colon when wrapped', () => {
    for (const args of [['--help'], ['lint', '--help'], ['new', '--help'], ['rules', '--help']]) {
      const out = runCli([...args, '--locale', 'fr']).stdout;
      expect(badTypography(out)).toEqual([]);
      expect(out).toContain(`Utilisation${NBSP}:`);
      expect(out.split('\n').filter((l) => /^\s*[:»]/.test(l))).toEqual([]);
    }
  });

  test('messages, rule descriptions and configuration errors', () => {
    const dir = warningSite();
    write(dir, 'bad.md', posting({ archived: 'no' }));
    const lint = runCli(['lint', '.', '--locale', 'fr'], { cwd: dir }).stdout;
    expect(lint).toContain(`trouvé${NBSP}: le texte «${NBSP}no${NBSP}»`);
    expect(badTypography(lint)).toEqual([]);
    expect(badTypography(runCli(['rules', '--locale', 'fr']).stdout)).toEqual([]);
    write(dir, 'postings.config.json', JSON.stringify({ rulez: {} }));
    const config = runCli(['lint', '.', '--locale', 'fr'], { cwd: dir });
    expect(config.status).toBe(2);
    expect(config.stderr).toMatch(/^postings: Erreur de configuration dans .*postings\.config\.json\u00a0:\n {2}rulez\u00a0: clé/);
    expect(badTypography(config.stderr)).toEqual([]);
  });

  test('every message about the tool itself starts with `postings: `, in both languages', () => {
    for (const locale of ['en', 'fr']) {
      const r = runCli(['lint', 'no/such/file.md', '--locale', locale]);
      expect(r.stderr).toMatch(/^postings: \S/);
    }
  });

  test('schema messages use the curly apostrophe', () => {
    const schema = readFileSync(join(ROOT, 'schemas', 'posting.schema.json'), 'utf8');
    expect(schema).not.toMatch(/[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/);
  });
});

describe('10. French documentation links', () => {
  test('JSON docsUrl and SARIF helpUri point at the .fr.md pages with --locale fr', () => {
    const dir = warningSite();
    const json = JSON.parse(runCli(['lint', 'posting.md', '-f', 'json', '--locale', 'fr'], { cwd: dir }).stdout);
    expect(json[0].messages[0].docsUrl).toMatch(/docs\/rules\/language\/unknown\.fr\.md$/);
    const sarif = JSON.parse(runCli(['lint', 'posting.md', '-f', 'sarif', '--locale', 'fr'], { cwd: dir }).stdout);
    expect(sarif.runs[0].tool.driver.rules[0].helpUri).toMatch(/language\/unknown\.fr\.md$/);
    const en = JSON.parse(runCli(['lint', 'posting.md', '-f', 'json'], { cwd: dir }).stdout);
    expect(en[0].messages[0].docsUrl).toMatch(/language\/unknown\.md$/);
  });
});
