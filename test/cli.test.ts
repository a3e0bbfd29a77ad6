/** The real bin, spawned as a writer or a CI system runs it. */
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, cpSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, FIXTURES, ROOT, runCli } from './support/harness.js';

const SITE = join(FIXTURES, 'site');
const CLEAN_EN = join(SITE, 'content/en/careers/positions/senior-developer--0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b.md');
const PM_EN = join(SITE, 'content/en/careers/positions/product-manager.md');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'postings-cli-'));
}

function posting(title: string, extra = ''): string {
  return `---\nlayout: job-posting\ntype: section\ntitle: ${title}\ndescription: A posting.\narchived: true\ntranslationKey: key\n${extra}---\n\nText.\n`;
}

describe('postings lint on the bundled example site', () => {
  test('reports findings grouped by file with a summary, and exits 1', () => {
    const r = runCli(['lint', 'fixtures/site']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('fixtures/site/content/en/careers/positions/product-manager.md');
    expect(r.stdout).toMatch(/^ {2}7:11 +error +`archived` must be true or false, found the text "no" +frontmatter\/schema$/m);
    expect(r.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)/);
    expect(r.stderr).toBe('');
  });

  test('a clean posting exits 0 and says so', () => {
    const r = runCli(['lint', CLEAN_EN]);
    expect(r.stdout).toContain('No problems found in 1 file.');
    expect(r.status).toBe(0);
  });

  test('in French with --locale fr', () => {
    const r = runCli(['lint', '--locale', 'fr', PM_EN]);
    expect(r.stdout).toContain('`archived` doit être true ou false; trouvé\u00a0: le texte «\u00a0no\u00a0»');
    expect(r.stdout).toMatch(/erreur/);
    expect(r.stdout).toMatch(/problèmes/);
  });

  test('in French from LANG=fr_CA.UTF-8, and LC_ALL wins over LANG', () => {
    expect(runCli(['lint', PM_EN], { env: { LANG: 'fr_CA.UTF-8' } }).stdout).toContain('doit être true ou false');
    expect(runCli(['lint', PM_EN], { env: { LANG: 'fr_CA.UTF-8', LC_ALL: 'en_CA.UTF-8' } }).stdout).toContain(
      'must be true or false',
    );
  });
});

describe('exit codes and usage errors', () => {
  test('a path that does not exist: one line on stderr, exit 2', () => {
    const r = runCli(['lint', 'no/such/folder']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('postings: No such file, folder or matching glob: no/such/folder');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  test('no path and no content/ folder: usage, exit 2', () => {
    const r = runCli(['lint'], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: postings lint <path...>');
  });

  test('no path lints content/ when it exists', () => {
    const dir = tempDir();
    cpSync(join(SITE, 'content'), join(dir, 'content'), { recursive: true });
    const r = runCli(['lint'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(join('content', 'en', 'careers', 'positions', 'product-manager.md'));
  });

  test('a reader that goes away (`| head`, `| true`) does not change the exit code: errors still exit 1 under `set -o pipefail`', () => {
    // `true` reads nothing and exits at once: every write of the report finds the pipe closed.
    const piped = (args: string, reader: string) =>
      spawnSync('bash', ['-c', `set -o pipefail; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} lint ${args} | ${reader}`], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    for (const format of ['stylish', 'json']) {
      const errors = piped(`--format ${format} fixtures/site`, 'true');
      expect(errors.status).toBe(1);
      expect(errors.stderr).not.toMatch(/EPIPE|Internal error|\bat .*\.js:\d+/);
      expect(piped(`--format ${format} ${JSON.stringify(CLEAN_EN)}`, 'true').status).toBe(0);
    }
    // The error output gone too: the code is the run's.
    const both = spawnSync('bash', ['-c', `set -o pipefail; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} lint --max-warnings x fixtures/site 2>&1 | true`], { cwd: ROOT, encoding: 'utf8' });
    expect(both.status).toBe(2);
    // Node's own stream, made mid-run (by a warning of Node's, say) after the reader went away:
    // the same. (The workers make the run wait for messages, when the timer below runs.)
    const dir = tempDir();
    const warn = join(dir, 'warn.cjs');
    writeFileSync(warn, "setTimeout(() => process.stderr.write('a warning\\n'), 0);\n");
    const viaStream = spawnSync(
      'bash',
      ['-c', `set -o pipefail; ${JSON.stringify(process.execPath)} --require ${JSON.stringify(warn)} ${JSON.stringify(BIN)} lint --concurrency 2 fixtures/site 2>&1 | true`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(viaStream.status).toBe(1);
  });

  test('an unknown format is a usage error', () => {
    const r = runCli(['lint', '--format', 'xml', CLEAN_EN]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown format "xml"');
  });

  test('an unknown option is a usage error from commander, exit 2', () => {
    const r = runCli(['lint', '--frobnicate', CLEAN_EN]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
  });

  test('warnings alone exit 0; beyond --max-warnings exit 1', () => {
    const dir = tempDir();
    // No en/ or fr/ folder and no lang key: one language/unknown warning.
    writeFileSync(join(dir, 'posting.md'), posting('Developer'));
    expect(runCli(['lint', 'posting.md'], { cwd: dir }).status).toBe(0);
    const r = runCli(['lint', '--max-warnings', '0', 'posting.md'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Too many warnings (1); the maximum allowed is 0.');
    expect(runCli(['lint', '--max-warnings', 'x', 'posting.md'], { cwd: dir }).status).toBe(2);
  });

  test('--quiet reports errors only', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'posting.md'), posting('Developer'));
    const r = runCli(['lint', '--quiet', '--format', 'json', 'posting.md'], { cwd: dir });
    expect(JSON.parse(r.stdout)[0].messages).toEqual([]);
  });

  test('--help, lint --help and --version', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('lint [options] [paths...]');
    expect(help.stdout).toContain('rules');
    const lintHelp = runCli(['lint', '--help']);
    expect(lintHelp.stdout).toContain('--max-warnings <n>');
    expect(lintHelp.stdout).toContain('--output-file <file>');
    const frHelp = runCli(['lint', '--help', '--locale', 'fr']);
    expect(frHelp.stdout).toContain('écrire le rapport dans ce fichier');
    const version = runCli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  test('no arguments at all: help on stderr, exit 2', () => {
    const r = runCli([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: postings');
  });
});

describe('paths', () => {
  test('folders skip node_modules and dot-folders; globs work', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'en'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, 'en', 'a.md'), posting('A'));
    writeFileSync(join(dir, 'node_modules', 'x', 'b.md'), 'no front matter');
    writeFileSync(join(dir, '.git', 'c.md'), 'no front matter');
    const folder = JSON.parse(runCli(['lint', '-f', 'json', '.'], { cwd: dir }).stdout);
    expect(folder.map((r: { filePath: string }) => r.filePath)).toEqual([join(dir, 'en', 'a.md')]);
    const glob = JSON.parse(runCli(['lint', '-f', 'json', 'en/*.md'], { cwd: dir }).stdout);
    expect(glob).toHaveLength(1);
    expect(runCli(['lint', 'fr/*.md'], { cwd: dir }).status).toBe(2);
  });

  test('one unreadable file does not stop the others', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'en'), { recursive: true });
    writeFileSync(join(dir, 'en', 'ok.md'), posting('A'));
    symlinkSync(join(dir, 'en', 'gone.md'), join(dir, 'en', 'broken.md'));
    const r = runCli(['lint', '-f', 'json', 'en'], { cwd: dir });
    expect(r.status).toBe(1);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>;
    expect(results.map((x) => x.filePath)).toEqual([join(dir, 'en', 'broken.md'), join(dir, 'en', 'ok.md')]);
    expect(results[0]!.messages.map((m) => m.ruleId)).toEqual(['internal/read-error']);
    expect(results[0]!.messages[0]!.message).toBe('Cannot read this file (ENOENT: no such file, or a broken link); it was not checked');
    expect(results[1]!.messages).toEqual([]);
  });
});

describe('JSON output and --output-file', () => {
  test('ESLint-compatible shape', () => {
    const r = runCli(['lint', '--format', 'json', PM_EN]);
    const [result] = JSON.parse(r.stdout);
    expect(result.filePath).toBe(PM_EN);
    expect(result.errorCount).toBe(result.messages.filter((m: { severity: number }) => m.severity === 2).length);
    expect(result).toHaveProperty('warningCount');
    expect(result).toHaveProperty('fixableErrorCount');
    expect(result).toHaveProperty('fixableWarningCount');
    const m = result.messages.find((x: { line: number }) => x.line === 7);
    expect(m).toMatchObject({
      ruleId: 'frontmatter/schema',
      severity: 2,
      line: 7,
      column: 11,
      endLine: 7,
      endColumn: 15,
    });
  });

  test('--output-file writes the report and nothing to stdout', () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const r = runCli(['lint', '-f', 'json', '-o', out, PM_EN]);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))[0].filePath).toBe(PM_EN);
    expect(r.status).toBe(1);
  });

  test('--output-file into a missing folder creates the folder', () => {
    const dir = tempDir();
    const out = join(dir, 'reports', 'lint', 'report.json');
    const r = runCli(['lint', '-f', 'json', '-o', out, PM_EN]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))[0].filePath).toBe(PM_EN);
    expect(r.status).toBe(1);
  });

  test('--output-file that cannot be made: the reason on stderr before any linting, exit 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const out = join(dir, 'not-a-folder', 'report.json');
    const r = runCli(['lint', '-f', 'json', '-o', out, PM_EN]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^postings: Cannot write ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+\n$`));
    const fr = runCli(['lint', '-f', 'json', '-o', out, '--locale', 'fr', PM_EN]);
    expect(fr.status).toBe(2);
    expect(fr.stderr).toContain(`postings: Impossible d’écrire ${out}\u00a0: `);
  });
});

describe('paths without any Markdown file', () => {
  test('an empty folder, or a folder named x.md, is a usage error (exit 2), in both languages', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'x.md'));
    const r = runCli(['lint', 'empty', 'x.md'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('postings: No Markdown files found in: empty, x.md\n');
    const fr = runCli(['lint', 'x.md', '--locale', 'fr'], { cwd: dir });
    expect(fr.status).toBe(2);
    expect(fr.stderr).toBe('postings: Aucun fichier Markdown trouvé dans\u00a0: x.md\n');
  });

  test('Markdown files all left out by the ignore setting are a clean run, not a usage error', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'a.md'), '# Draft\n');
    writeFileSync(join(dir, 'postings.config.json'), JSON.stringify({ ignore: ['drafts/**'] }));
    const r = runCli(['lint', 'drafts'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('No problems found in 0 files.\n');
  });
});

describe('colours', () => {
  test('off when not a TTY or NO_COLOR; on with FORCE_COLOR', () => {
    expect(runCli(['lint', PM_EN]).stdout).not.toContain('\u001b[');
    const forced = runCli(['lint', PM_EN], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(forced.stdout).toContain('\u001b[');
  });
});

describe('postings rules', () => {
  test('lists every rule with severity, fixable flag and description, in both languages', () => {
    const en = runCli(['rules']);
    expect(en.status).toBe(0);
    expect(en.stdout).toMatch(/^frontmatter\/schema +error +no +The front matter must match/m);
    const fr = runCli(['rules', '--locale', 'fr']);
    expect(fr.stdout).toMatch(/^frontmatter\/schema +erreur +non +Les métadonnées doivent respecter/m);
  });
});

describe('usage errors in French', () => {
  test('commander errors are translated', () => {
    const r = runCli(['lint', '--frobnicate', '--locale', 'fr', CLEAN_EN]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('erreur\u00a0: option inconnue «\u00a0--frobnicate\u00a0»');
    const choice = runCli(['lint', '--locale', 'de', CLEAN_EN], { env: { LANG: 'fr_CA.UTF-8' } });
    expect(choice.status).toBe(2);
    expect(choice.stderr).toContain('n’est pas valide. Valeurs permises\u00a0: en, fr.');
  });
});

describe('help in French', () => {
  test('headings and notes are French too', () => {
    const r = runCli(['lint', '--help'], { env: { LANG: 'fr_CA.UTF-8' } });
    expect(r.stdout).toMatch(/^Utilisation\u00a0: postings lint \[options\] \[paths\.\.\.\]/);
    expect(r.stdout).toContain('Options\u00a0:');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('(par défaut : "stylish")');
    expect(r.stdout).not.toMatch(/\bUsage:|\(default:/);
  });
});

describe('Hugo section pages', () => {
  test('_index.md is never linted as a posting, in folders or given by name', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'content', 'en', 'careers'), { recursive: true });
    writeFileSync(join(dir, 'content', 'en', 'careers', '_index.md'), '---\ntitle: Careers\n---\n\nOur jobs.\n');
    writeFileSync(join(dir, 'content', 'en', 'careers', '_index.fr.md'), '---\ntitle: Carrières\n---\n\nNos emplois.\n');
    const r = runCli(['lint', '-f', 'json', 'content', 'content/en/careers/_index.md'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});

describe('symbolic links', () => {
  test('a posting reached through a link is one posting: linted once, no duplicate key', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'content', 'en'), { recursive: true });
    mkdirSync(join(dir, 'content', 'fr'), { recursive: true });
    writeFileSync(join(dir, 'content', 'en', 'dev.md'), posting('Developer'));
    writeFileSync(join(dir, 'content', 'fr', 'dev.md'), posting('Développeur ou développeuse'));
    symlinkSync(join(dir, 'content', 'en', 'dev.md'), join(dir, 'content', 'en', 'dev-link.md'));
    const r = runCli(['lint', '-f', 'json', 'content'], { cwd: dir });
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    expect(results.map((x) => x.filePath.slice(dir.length + 1)).sort()).toEqual(['content/en/dev.md', 'content/fr/dev.md']);
    expect(results.flatMap((x) => x.messages.map((m) => m.ruleId))).not.toContain('pairing/duplicate-key');
  });
});

describe('pathological Markdown', () => {
  test('15,000 nested blockquotes: every rule runs, findings and exit 1', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deep.md'), `---\ntitle: x\n---\n\n${'> '.repeat(15_000)}deep\n`);
    writeFileSync(join(dir, 'ok.md'), posting('Fine'));
    const r = runCli(['lint', '-f', 'json', 'deep.md', 'ok.md'], { cwd: dir });
    expect(r.status).toBe(1);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    expect(results.map((x) => x.filePath)).toEqual([join(dir, 'deep.md'), join(dir, 'ok.md')]);
    expect(results[0]!.messages.map((m) => m.ruleId)).toContain('frontmatter/schema');
    // Every rule walks the tree without recursion: none fails on the depth.
    expect(results[0]!.messages.map((m) => m.ruleId)).not.toContain('internal/rule-error');
  });
});
