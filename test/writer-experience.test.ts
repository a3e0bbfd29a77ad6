/**
 * Issue 12: what a new user tripped on, each through the real CLI (the built bin), in both
 * languages.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, runCli } from './support/harness.js';
import { getAjv } from '../src/engine/ajv.js';
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

  test('the errors of a configuration that says "locale": "fr" are in French', () => {
    const dir = warningSite({ locale: 'fr', rulez: {} });
    const r = runCli(['lint', 'posting.md'], { cwd: dir });
    expect(r.stderr).toMatch(/^postings: Erreur de configuration dans .*\n {2}rulez\u00a0: clé `rulez` inconnue/);
    expect(runCli(['lint', 'posting.md', '--locale', 'en'], { cwd: dir }).stderr).toContain('unknown key `rulez`');
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

describe('5. entry ids', () => {
  const site = () => {
    const dir = tempDir('wx-entry');
    write(dir, 'content/en/dev.md', posting({ body: 'Hey guys, welcome.' }));
    return dir;
  };

  test('every finding with an entry shows the id a directive takes: stylish, JSON, SARIF', () => {
    const dir = site();
    const stylish = runCli(['lint', 'content'], { cwd: dir }).stdout;
    expect(stylish).toMatch(/“guys”.*inclusive-language\/terms:guys$/m);
    const json = JSON.parse(runCli(['lint', 'content', '-f', 'json'], { cwd: dir }).stdout);
    const guys = json[0].messages.find((m: { ruleId: string }) => m.ruleId === 'inclusive-language/terms');
    expect(guys.entryId).toBe('guys');
    const sarif = JSON.parse(runCli(['lint', 'content', '-f', 'sarif'], { cwd: dir }).stdout);
    expect(sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'inclusive-language/terms').properties).toEqual({ entryId: 'guys' });
    // The id shown silences that finding.
    write(dir, 'content/en/dev.md', posting({ body: '<!-- postings-disable-next-line inclusive-language/terms:guys -->\nHey guys, welcome.' }));
    expect(runCli(['lint', 'content'], { cwd: dir }).stdout).not.toContain('guys');
  });

  test('an unknown id in `ignore` points to where the ids are listed, and they are there (both languages)', () => {
    const dir = site();
    write(dir, 'postings.config.json', JSON.stringify({ rules: { 'inclusive-language/terms': ['warn', { ignore: ['guyz'] }] } }));
    const r = runCli(['lint', 'content'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('`postings explain inclusive-language/terms` lists the ids, under “Entry ids”');
    const en = runCli(['explain', 'inclusive-language/terms']).stdout;
    const fr = runCli(['explain', 'inclusive-language/terms', '--locale', 'fr']).stdout;
    expect(en).toContain('## Entry ids');
    expect(fr).toContain('## Identifiants des entrées');
    for (const file of ['inclusive-en', 'inclusive-fr']) {
      const table = JSON.parse(readFileSync(join(ROOT, 'data', `${file}.json`), 'utf8')) as { entries: Array<{ id: string }> };
      for (const { id } of table.entries) {
        expect(en).toContain(`| \`${id}\` |`);
        expect(fr).toContain(`| \`${id}\` |`);
      }
    }
    expect(runCli(['explain', 'inclusive-language/masculine-title']).stdout).toContain('| `développeur` | développeuse |');
  });

  test('the generated lists are current with the data (npm run docs:entries)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-entry-docs.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('6. every configuration error at once', () => {
  test('five mistakes, one run, in both languages', () => {
    const dir = warningSite({
      rulez: {},
      rules: { 'frontmatter/shema': 'warn', 'links/https': 'loud', 'inclusive-language/terms': ['warn', { ignore: ['guyz'] }] },
      ignore: 'drafts',
      contentDir: 'nope',
    });
    const r = runCli(['lint', 'posting.md'], { cwd: dir });
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^postings: Configuration error in .*postings\.config\.json:$/);
    for (const path of ['contentDir', 'rulez', 'rules.frontmatter/shema', 'rules.links/https', 'ignore', 'rules.inclusive-language/terms.ignore.0']) {
      expect(lines.filter((l) => l.startsWith(`  ${path}: `))).toHaveLength(1);
    }
    expect(lines).toHaveLength(7);
    const fr = runCli(['lint', 'posting.md', '--locale', 'fr'], { cwd: dir });
    expect(fr.stderr.trim().split('\n')).toHaveLength(7);
    expect(fr.stderr).toContain(`  rulez${NBSP}: clé \`rulez\` inconnue; vouliez-vous dire \`rules\`?`);
  });
});

describe('16. rule docs: a failing example holds the example and its findings only', () => {
  test('no stray paragraph inside “Failing example” / « Exemple fautif »', () => {
    for (const file of ['terms.md', 'terms.fr.md']) {
      const text = readFileSync(join(ROOT, 'docs', 'rules', 'inclusive-language', file), 'utf8');
      const section = text.split(/^## /m).find((s) => /^(Failing example|Exemple fautif)/.test(s))!;
      const prose = section
        .replace(/```[\s\S]*?```/g, '')
        .split('\n')
        .slice(1)
        .filter((l) => l.trim() && !l.startsWith('- '));
      expect(prose).toEqual([]);
    }
  });
});

describe('8. colour decided by chalk', () => {
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  /**
   * Run the bin in a pseudo-terminal (util-linux `script`), as a writer's terminal: a clean
   * environment, since chalk rightly gives no colour under a CI variable (`CI=true` in CI).
   */
  const inTerminal = (env: string, cwd: string) =>
    spawnSync('script', ['-qec', `env -i PATH="$PATH" HOME="$HOME" ${env} "${process.execPath}" "${join(ROOT, 'bin', 'postings.js')}" lint posting.md --locale en`, '/dev/null'], {
      cwd,
      encoding: 'utf8',
    }).stdout;

  (hasScript ? test : test.skip)('a terminal gets colour, except with FORCE_COLOR=0, TERM=dumb or NO_COLOR', () => {
    const dir = warningSite();
    expect(inTerminal('TERM=xterm-256color', dir)).toContain('\u001b[');
    expect(inTerminal('TERM=xterm-256color FORCE_COLOR=0', dir)).not.toContain('\u001b[');
    expect(inTerminal('TERM=dumb', dir)).not.toContain('\u001b[');
    expect(inTerminal('TERM=xterm-256color NO_COLOR=1', dir)).not.toContain('\u001b[');
    expect(inTerminal('TERM=dumb', dir)).toContain('1 warning');
  });

  test('a pipe gets none unless FORCE_COLOR or --color asks', () => {
    const dir = warningSite();
    const run = (env: Record<string, string>, ...args: string[]) => runCli(['lint', 'posting.md', ...args], { cwd: dir, env: { NO_COLOR: '', ...env } }).stdout;
    expect(run({})).not.toContain('\u001b[');
    expect(run({ FORCE_COLOR: '1' })).toContain('\u001b[');
    expect(run({ FORCE_COLOR: '0' }, '--color')).toContain('\u001b[');
    expect(run({ FORCE_COLOR: '1' }, '--no-color')).not.toContain('\u001b[');
  });
});

describe('9. JUnit of a clean run', () => {
  test('one passing test case per linted file (tests="1", no failure)', () => {
    const dir = warningSite();
    const xml = runCli(['lint', '-q', 'posting.md', '-f', 'junit'], { cwd: dir }).stdout;
    expect(xml).toMatch(/<testsuites name="postings" tests="1" failures="0" errors="0">/);
    expect(xml).toContain('<testcase classname="posting.md" name="posting.md" file="posting.md"/>');
    expect(xml).not.toContain('<failure');
  });
});

describe('11. one retired code, one finding', () => {
  const open = (body: string) =>
    posting({ archived: 'false', leverId: '0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b', body });

  test.each([
    ['en', 'content/en/dev.md', 'This position is classified CS4.', 'write `IT-04`'],
    ['fr', 'content/fr/dev.md', 'Ce poste est classifié CS4.', 'écrivez `IT-04`'],
  ])('%s: `CS4` in an open posting gets classification/retired only, with the right advice', (locale, file, body, advice) => {
    const dir = tempDir('wx-cs');
    write(dir, file, open(body));
    const json = JSON.parse(runCli(['lint', 'content', '-f', 'json', '--locale', locale], { cwd: dir }).stdout);
    const classification = json[0].messages.filter((m: { ruleId: string }) => m.ruleId.startsWith('classification/'));
    expect(classification.map((m: { ruleId: string }) => m.ruleId)).toEqual(['classification/retired']);
    expect(classification[0].message).toContain(advice);
  });

  test('an archived posting keeps its format and link advice (the code was right then)', () => {
    const dir = tempDir('wx-cs');
    write(dir, 'content/en/dev.md', posting({ body: 'This position is classified CS4.' }));
    const json = JSON.parse(runCli(['lint', 'content', '-f', 'json'], { cwd: dir }).stdout);
    const ids = json[0].messages.map((m: { ruleId: string }) => m.ruleId).filter((id: string) => id.startsWith('classification/'));
    expect(ids).toEqual(['classification/format', 'classification/unlinked']);
  });
});

describe('12. links/https reads the URLs links/language reads', () => {
  test('bare http:// URLs and HTML links are reported and fixed; code is not', () => {
    const dir = tempDir('wx-https');
    const body = 'See http://www.canada.ca/en.html and <a href="http://www.gc.ca/">GC</a>, not `http://www.canada.ca`.';
    write(dir, 'content/en/dev.md', posting({ body }));
    const json = JSON.parse(runCli(['lint', 'content', '-f', 'json'], { cwd: dir }).stdout);
    expect(json[0].messages.filter((m: { ruleId: string }) => m.ruleId === 'links/https').map((m: { column: number }) => m.column)).toEqual([5, 47]);
    runCli(['lint', 'content', '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, 'content/en/dev.md'), 'utf8')).toContain(
      'See https://www.canada.ca/en.html and <a href="https://www.gc.ca/">GC</a>, not `http://www.canada.ca`.',
    );
  });
});

describe('15. install instructions point to what exists', () => {
  test('every version pin in the docs is a commit id (or a tag the repository has)', () => {
    const tags = spawnSync('git', ['tag', '--list'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    const files = ['README.md', 'README.fr.md', 'docs/ci.md', 'docs/ci.fr.md', '.pre-commit-hooks.yaml'];
    const pins: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/(?:\brev:\s*|cds-snc\/postings[@#])([^\s`'")]+)/g)) pins.push(`${file}: ${m[1]}`);
    }
    expect(pins.length).toBeGreaterThanOrEqual(6);
    const bad = pins.filter((p) => {
      const value = p.split(': ')[1]!;
      return !/^([0-9a-f]{40}|<commit>|<the)$/.test(value) && !tags.includes(value);
    });
    expect(bad).toEqual([]);
    for (const file of ['docs/ci.md', 'docs/ci.fr.md']) {
      expect(readFileSync(join(ROOT, file), 'utf8')).toMatch(/## (Pinning a version|Épingler une version)/);
    }
  });
});

/**
 * Run `postings new` in a pseudo-terminal (util-linux `script`) and answer each question
 * when it shows: `steps` are [text to wait for, keys to type] (Enter is added).
 */
function newInTerminal(cwd: string, locale: string, steps: Array<[string, string]>): Promise<{ code: number | null; out: string }> {
  const queue = [...steps];
  const command = `env TERM=xterm NO_COLOR=1 "${process.execPath}" "${join(ROOT, 'bin', 'postings.js')}" new --locale ${locale}`;
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd });
  let out = '';
  let from = 0;
  return new Promise((resolve) => {
    const guard = setTimeout(() => child.kill(), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      while (queue.length && out.indexOf(queue[0]![0], from) >= 0) {
        from = out.indexOf(queue[0]![0], from) + queue[0]![0].length;
        child.stdin.write(queue.shift()![1] + '\r');
      }
    });
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, out });
    });
  });
}

describe('7. postings new asks a bad answer again and keeps the others', () => {
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  const CLEAR_LINE = '\u0015'; // Ctrl+U: erase the answer typed before

  (hasScript ? test : test.skip).each([
    ['en', ['Translation key', 'English title', 'French title', 'Lever id', 'Classification', 'use IT-04 instead of CS-04']],
    ['fr', ['Clé de traduction', 'Titre anglais', 'Titre français', 'Identifiant Lever', 'Classification', 'utilisez IT-04 au lieu de CS-04']],
  ])('%s: a retired code at the last question, then a good one: the pair is written', async (locale, prompts) => {
    const dir = tempDir('wx-new');
    const answers = ['data-scientist', 'Data Scientist', 'Scientifique des données', '', 'CS-04', `${CLEAR_LINE}IT-04`];
    const r = await newInTerminal(dir, locale as string, (prompts as string[]).map((p, i) => [p, answers[i]!]));
    expect(r.code).toBe(0);
    const en = readFileSync(join(dir, 'content/en/careers/positions/data-scientist.md'), 'utf8');
    expect(en).toContain('translationKey: data-scientist');
    expect(en).toContain('IT-04');
    expect(readFileSync(join(dir, 'content/fr/careers/positions/scientifique-des-données.md'), 'utf8')).toContain('Scientifique des données');
  });

  test('without a terminal, the same answers from the options fail once, with the reason', () => {
    const dir = tempDir('wx-new');
    const r = runCli(['new', 'data-scientist', '--title-en', 'Data Scientist', '--title-fr', 'Scientifique', '--classification', 'CS-04'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('use IT-04 instead of CS-04');
  });
});

/** Run an ES module snippet with node in `cwd` (where `import … from 'postings'` resolves). */
export function runModule(code: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'en_CA.UTF-8', LC_ALL: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A two-language site with findings in both postings. */
function apiSite(): string {
  const dir = tempDir('wx-api');
  write(dir, 'content/en/dev.md', posting({ key: 'dev', body: 'Hey guys, http://www.canada.ca/en.html is ours.' }));
  write(dir, 'content/fr/dev.md', posting({ key: 'dev', title: 'Développeur', body: 'Les candidats sont bienvenus.' }));
  return dir;
}

describe('the Node API: lintFiles and lintText', () => {
  test('same results as --format json, in both languages', () => {
    const dir = apiSite();
    for (const locale of ['en', 'fr']) {
      const cli = JSON.parse(runCli(['lint', 'content', '-f', 'json', '--locale', locale], { cwd: dir }).stdout);
      const code = `import { lintFiles } from 'postings';
        process.stdout.write(JSON.stringify(await lintFiles(['content'], { cwd: ${JSON.stringify(dir)}, locale: '${locale}' })));`;
      const api = runModule(code, ROOT);
      expect(api.stderr).toBe('');
      expect(JSON.parse(api.stdout)).toEqual(cli);
    }
  });

  test('on a Hugo site too (postings only, templates linted): the same as --format json', () => {
    const site = join(ROOT, 'fixtures', 'hugo-site');
    const cli = JSON.parse(runCli(['lint', 'content', '-f', 'json'], { cwd: site }).stdout);
    const api = runModule(`import { lintFiles } from 'postings'; process.stdout.write(JSON.stringify(await lintFiles('content', { cwd: ${JSON.stringify(site)} })));`, ROOT);
    expect(JSON.parse(api.stdout)).toEqual(cli);
    expect(cli.length).toBeGreaterThan(1);
  });

  test('lintText lints as if the file were there, as --stdin --stdin-filename does', () => {
    const dir = apiSite();
    const text = posting({ key: 'dev', body: 'Hey guys.' });
    const cli = JSON.parse(runCli(['lint', '--stdin', '--stdin-filename', 'content/en/dev.md', '-f', 'json'], { cwd: dir, input: text }).stdout);
    const api = runModule(
      `import { lintText } from 'postings';
       process.stdout.write(JSON.stringify(await lintText(${JSON.stringify(text)}, { cwd: ${JSON.stringify(dir)}, filePath: 'content/en/dev.md' })));`,
      ROOT,
    );
    expect(JSON.parse(api.stdout)).toEqual(cli);
    expect(cli[0].filePath).toBe(join(dir, 'content/en/dev.md'));
    expect(cli[0].messages.map((m: { entryId?: string }) => m.entryId)).toContain('guys');
    // The file on disk was not read: its bare http:// URL is not reported.
    expect(cli[0].messages.map((m: { ruleId: string }) => m.ruleId)).not.toContain('links/https');
  });

  test('a configuration error is thrown with every problem, not printed', () => {
    const dir = apiSite();
    write(dir, 'postings.config.json', JSON.stringify({ rulez: {}, ignore: 3 }));
    const r = runModule(
      `import { lintFiles } from 'postings';
       try { await lintFiles('content', { cwd: ${JSON.stringify(dir)} }); } catch (e) { console.log(e.name, e.problems.length); }`,
      ROOT,
    );
    expect(r.stdout.trim()).toBe('ConfigError 2');
  });
});

describe('--stdin and --stdin-filename', () => {
  test('the name decides the language and the pairing, as if the file were there', () => {
    const dir = apiSite();
    // French text, named as the French partner: French rules run, the pair is found.
    const fr = runCli(['lint', '--stdin', '--stdin-filename', 'content/fr/dev.md', '-f', 'json'], {
      cwd: dir,
      input: posting({ key: 'dev', title: 'Développeur', body: 'Les candidats sont bienvenus.' }),
    });
    const ids = JSON.parse(fr.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId);
    expect(ids).toContain('inclusive-language/masculine-title');
    expect(ids).not.toContain('pairing/missing-translation');
    // Named outside any language folder: the language is unknown.
    const none = runCli(['lint', '--stdin', '-f', 'json'], { cwd: dir, input: posting() });
    expect(JSON.parse(none.stdout)[0].filePath).toBe(join(dir, '<stdin>'));
    expect(JSON.parse(none.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain('language/unknown');
  });

  test('in a Hugo site: what the layouts print (its own and its partner\'s) counts, as for the file linted by name', () => {
    const site = tempDir('stdin-hugo');
    cpSync(join(ROOT, 'fixtures', 'hugo-site'), site, { recursive: true });
    const link = 'https://www.canada.ca/en/public-service-commission/services/assessment-accommodation-page.html';
    for (const [rel, extra] of [
      // job-posting.fr.html prints this link on the French page: it is not missing there.
      ['content/en/careers/positions/developer.md', `\nTo request it, see [assessment accommodation](${link}).\n`],
      // The French layout prints the accommodation section: the page has one.
      ['content/fr/careers/positions/developpeur.md', ''],
    ] as const) {
      const text = readFileSync(join(site, rel), 'utf8') + extra;
      writeFileSync(join(site, rel), text);
      const byName = JSON.parse(runCli(['lint', '-f', 'json', rel], { cwd: site }).stdout)[0].messages;
      const stdin = JSON.parse(runCli(['lint', '--stdin', '--stdin-filename', rel, '-f', 'json'], { cwd: site, input: text }).stdout)[0].messages;
      expect({ rel, stdin }).toEqual({ rel, stdin: byName });
    }
  });

  test("in a Hugo site: the size limit of the command line applies to the layouts read for --stdin, as for the file linted by name", () => {
    const site = tempDir('stdin-hugo-limit');
    cpSync(join(ROOT, 'fixtures', 'hugo-site'), site, { recursive: true });
    // The layout of analyst-cds.md, made larger than the default limit (1 MiB) by a comment.
    const layout = join(site, 'layouts/section/conditional-posting.html');
    writeFileSync(layout, readFileSync(layout, 'utf8') + `<!-- ${'x'.repeat(1_100_000)} -->\n`);
    const rel = 'content/en/careers/positions/analyst-cds.md';
    const text = readFileSync(join(site, rel), 'utf8');
    // The default; one above the layout's size; one below the posting's own.
    for (const limit of [[], ['--max-file-size', '2000000'], ['--max-file-size', '100']]) {
      const byName = JSON.parse(runCli(['lint', '-f', 'json', ...limit, rel], { cwd: site }).stdout)[0].messages;
      const stdin = JSON.parse(runCli(['lint', '--stdin', '--stdin-filename', rel, '-f', 'json', ...limit], { cwd: site, input: text }).stdout)[0].messages;
      expect({ limit, stdin }).toEqual({ limit, stdin: byName });
    }
  });

  test('in a Hugo site: a name the site does not make a posting is left out, as that file named on the command line is', () => {
    const site = join(ROOT, 'fixtures', 'hugo-site');
    for (const rel of ['content/en/careers/_index.md', 'content/en/blog/2020-02-24-open-source.md']) {
      const byName = runCli(['lint', rel], { cwd: site });
      const stdin = runCli(['lint', '--stdin', '--stdin-filename', rel, '-f', 'json'], { cwd: site, input: 'Hey guys, see http://www.canada.ca/en.html\n' });
      expect(JSON.parse(stdin.stdout)).toEqual([]);
      expect(stdin.stderr).toBe(byName.stderr);
      expect(stdin.stderr).toContain('not linted');
    }
  });

  test('usage errors: paths with --stdin, --fix with --stdin, --stdin-filename alone (both languages)', () => {
    const dir = apiSite();
    expect(runCli(['lint', '--stdin', 'content'], { cwd: dir, input: '' }).stderr).toContain('--stdin lints the standard input; remove the paths (content)');
    expect(runCli(['lint', '--stdin', '--fix'], { cwd: dir, input: '' }).status).toBe(2);
    const alone = runCli(['lint', '--stdin-filename', 'x.md', '--locale', 'fr'], { cwd: dir });
    expect(alone.status).toBe(2);
    expect(alone.stderr).toBe('postings: --stdin-filename s’emploie avec --stdin\n');
  });

  test('an ignored --stdin-filename is said so on stderr, and not linted', () => {
    const dir = apiSite();
    write(dir, 'postings.config.json', JSON.stringify({ ignore: ['content/en/**'] }));
    const r = runCli(['lint', '--stdin', '--stdin-filename', 'content/en/dev.md'], { cwd: dir, input: posting({ body: 'Hey guys.' }) });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('postings: content/en/dev.md is left out by the ignore settings; nothing was linted\n');
  });
});

describe('--print-config', () => {
  test('the resolved configuration for a file, as JSON', () => {
    const dir = apiSite();
    write(dir, 'postings.config.json', JSON.stringify({ locale: 'fr', rules: { 'links/https': ['error', { hosts: ['canada.ca'] }] }, ignore: ['drafts/**'] }));
    write(dir, '.postingsignore', 'content/fr/old-*.md\n');
    const r = runCli(['lint', '--print-config', 'content/fr/dev.md'], { cwd: dir });
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c).toMatchObject({
      filePath: join(dir, 'content/fr/dev.md'),
      configFile: join(dir, 'postings.config.json'),
      locale: 'fr',
      lang: 'fr',
      ignored: false,
      contentRoot: join(dir, 'content'),
      ignore: ['drafts/**'],
      ignoreFile: { path: join(dir, '.postingsignore'), base: dir, patterns: ['content/fr/old-*.md'] },
    });
    expect(c.rules['links/https']).toEqual({ severity: 'error', options: { hosts: ['canada.ca'] } });
    expect(c.rules['inclusive-language/terms'].severity).toBe('warn');
    expect(Object.keys(c.data)).toContain('inclusive-fr');
    expect(JSON.parse(runCli(['lint', '--print-config', 'content/fr/old-dev.md'], { cwd: dir }).stdout).ignored).toBe(true);
  });

  test('in a Hugo site: whether the site makes the file a posting, and the site itself', () => {
    const site = join(ROOT, 'fixtures', 'hugo-site');
    const blog = JSON.parse(runCli(['lint', '--print-config', 'content/en/blog/2020-02-24-open-source.md'], { cwd: site }).stdout);
    expect(blog).toMatchObject({ lang: 'en', posting: false, ignored: false });
    const job = JSON.parse(runCli(['lint', '--print-config', 'content/en/careers/positions/designer.md'], { cwd: site }).stdout);
    expect(job.posting).toBe(true);
    expect(job.site).toBeDefined();
  });
});

describe('.postingsignore', () => {
  test('gitignore syntax: folders, anchors, negation and comments; merged with `ignore`', () => {
    const dir = tempDir('wx-ignore');
    for (const f of ['content/en/a.md', 'content/en/drafts/b.md', 'content/fr/drafts/keep.md', 'content/fr/c.md', 'content/fr/old.md', 'content/en/tmp.md']) {
      write(dir, f, posting({ key: f.replace(/\W/g, '') }));
    }
    write(dir, '.postingsignore', '# drafts are not published\ndrafts/\n!content/fr/drafts/keep.md\n/content/en/tmp.md\n');
    write(dir, 'postings.config.json', JSON.stringify({ ignore: ['content/fr/old.md'] }));
    const files = (args: string[]) =>
      JSON.parse(runCli(['lint', ...args, '-f', 'json'], { cwd: dir }).stdout)
        .map((r: { filePath: string }) => r.filePath.slice(dir.length + 1))
        .sort();
    // gitignore: a file cannot be re-included when its folder is excluded (`drafts/`).
    expect(files(['content'])).toEqual(['content/en/a.md', 'content/fr/c.md']);
    // Files in it can be, when the pattern names the files (`**/drafts/*`); `drafts/*` (a
    // slash inside) is anchored at the folder of .postingsignore and matches nothing here.
    write(dir, '.postingsignore', '**/drafts/*\n!content/fr/drafts/keep.md\n');
    expect(files(['content'])).toEqual(['content/en/a.md', 'content/en/tmp.md', 'content/fr/c.md', 'content/fr/drafts/keep.md']);
    write(dir, '.postingsignore', 'drafts/*\n');
    expect(files(['content'])).toHaveLength(5);
  });
});

describe('the configuration schema for editors (schemas/postings.config.schema.json)', () => {
  const schemaFile = join(ROOT, 'schemas', 'postings.config.schema.json');

  test('is current with the rules (npm run gen:schema) and a valid draft-07 schema', async () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'gen-config-schema.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(getAjv().validateSchema(JSON.parse(readFileSync(schemaFile, 'utf8')))).toBe(true);
  });

  test('lists every rule with its options, and tells good configurations from bad ones', async () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    const ids = JSON.parse(runCli(['rules', '--json']).stdout).map((r: { id: string }) => r.id);
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual([...ids].sort());
    const validate = getAjv().compile(schema);
    const good = {
      $schema: './node_modules/postings/schemas/postings.config.schema.json',
      locale: 'fr',
      rules: { 'links/https': ['error', { hosts: ['canada.ca'] }], 'language/unknown': 'off', 'inclusive-language/terms': ['warn', { ignore: ['guys'] }] },
      data: { placeholders: {} },
    };
    expect(validate(good)).toBe(true);
    expect(validate({ rules: { 'links/htps': 'warn' } })).toBe(false);
    expect(validate({ rules: { 'links/https': ['warn', { hostz: [] }] } })).toBe(false);
    expect(validate({ data: { nope: {} } })).toBe(false);
  });

  test('postings reads a configuration with "$schema", and the docs show it', () => {
    const dir = warningSite({ $schema: './node_modules/postings/schemas/postings.config.schema.json', locale: 'fr' });
    expect(runCli(['lint', 'posting.md'], { cwd: dir }).stdout).toContain('avertissement');
    for (const file of ['README.md', 'README.fr.md']) {
      expect(readFileSync(join(ROOT, file), 'utf8')).toContain('"$schema": "./node_modules/postings/schemas/postings.config.schema.json"');
    }
  });
});
