/**
 * Paths and inputs that used to hang, abort or mislead (issue 14): each gets a clear
 * message and the right exit code, through the real CLI. A `spawnSync` timeout (60 s in
 * runCli) turns a hang into a failure, never a stuck CI job.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { lintPosting } from '../src/engine/lint.js';
import { parsePosting } from '../src/engine/parse.js';
import { lintString, makeConfig, onlyRule, rules, runCli } from './support/harness.js';
import { posting, tempDir, write } from './support/temp-site.js';
import { parseWorkflowCommand } from './support/ci-formats.js';

type Json = Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>;

describe('output paths that cannot be made fail at once with exit 2', () => {
  const cases: Array<[string, (dir: string) => string]> = [
    ['a folder under /proc (mkdir -p loops there in Node 20)', () => '/proc/nope/out.txt'],
    ['a new file in /proc', () => '/proc/postings-report.txt'],
    ['a folder that is a file', (dir) => join(dir, 'file.txt', 'out.json')],
    ['an existing folder', (dir) => dir],
  ];
  test.each(cases)('%s', (_, target) => {
    if (!existsSync('/proc/self')) return; // not Linux: /proc cases do not apply
    const dir = tempDir('output');
    writeFileSync(join(dir, 'file.txt'), '');
    write(dir, 'content/en/a.md', posting());
    const out = target(dir);
    const r = runCli(['lint', 'content', '-o', out], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^postings: Cannot write .+: (ENOENT|ENOTDIR|EISDIR|EACCES|EROFS)/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  test('a FIFO nobody reads as the output file: exit 2, no hang', () => {
    const dir = tempDir('output-fifo');
    write(dir, 'content/en/a.md', posting());
    execFileSync('mkfifo', [join(dir, 'report.fifo')]);
    const r = runCli(['lint', 'content', '-o', 'report.fifo', '--locale', 'fr'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^postings: Impossible d’écrire .*report\.fifo\u00a0: ENXIO/);
  });

  test('a new folder for the report is still made', () => {
    const dir = tempDir('output-new');
    write(dir, 'content/en/a.md', posting());
    const r = runCli(['lint', 'content', '-f', 'json', '-o', 'reports/deep/r.json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'deep', 'r.json'), 'utf8'))).toHaveLength(1);
  });
});

describe('special files named on the command line: reported, never a hang, the others linted', () => {
  test('a FIFO, a socket and a symbolic link loop', async () => {
    const dir = tempDir('special');
    write(dir, 'content/en/ok.md', posting());
    execFileSync('mkfifo', [join(dir, 'content', 'en', 'pipe.md')]);
    symlinkSync('loop-b.md', join(dir, 'content', 'en', 'loop-a.md'));
    symlinkSync('loop-a.md', join(dir, 'content', 'en', 'loop-b.md'));
    const server = createServer();
    await new Promise<void>((done) => server.listen(join(dir, 'content', 'en', 'socket.md'), done));
    try {
      const names = ['pipe.md', 'socket.md', 'loop-a.md', 'ok.md'].map((n) => `content/en/${n}`);
      const r = runCli(['lint', '-f', 'json', ...names], { cwd: dir });
      expect(r.status).toBe(1);
      const byName = new Map((JSON.parse(r.stdout) as Json).map((x) => [x.filePath.split('/').pop(), x.messages]));
      expect(byName.get('pipe.md')!.map((m) => m.message)).toEqual([
        'Cannot read this file (a named pipe (FIFO), not a file); it was not checked',
      ]);
      expect(byName.get('socket.md')![0]!.message).toBe('Cannot read this file (ENXIO: a socket or device, not a file); it was not checked');
      expect(byName.get('loop-a.md')![0]!.message).toBe(
        'Cannot read this file (ELOOP: a loop of symbolic links); it was not checked',
      );
      expect(byName.get('ok.md')!.map((m) => m.ruleId)).not.toContain('internal/read-error');
      // A folder walk skips them all without a word (they are not postings it found).
      const walk = runCli(['lint', '-f', 'json', 'content'], { cwd: dir });
      expect(walk.status).toBe(1);
      expect((JSON.parse(walk.stdout) as Json).map((x) => x.filePath.split('/').pop())).toContain('ok.md');
      const fr = runCli(['lint', '--locale', 'fr', 'content/en/pipe.md'], { cwd: dir });
      expect(fr.stdout).toContain('Impossible de lire ce fichier (un tube nommé (FIFO), pas un fichier)');
    } finally {
      server.close();
    }
  });

  test('a folder named x.md is a usage error', () => {
    const dir = tempDir('dir-md');
    mkdirSync(join(dir, 'x.md'));
    const r = runCli(['lint', 'x.md'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('postings: No Markdown files found in: x.md\n');
  });

  test('file names with a newline, a leading dash, ANSI and bidi characters', () => {
    const dir = tempDir('names');
    const names = ['new\nline.md', '-dash.md', 'red\u001b[31m.md', 'bidi\u202egnp.md'];
    for (const n of names) write(dir, join('content', 'en', n), posting({ title: 'x <b>y</b>' }));
    const r = runCli(['lint', ...names.map((n) => `content/en/${n}`)], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('content/en/new␊line.md');
    expect(r.stdout).toContain('content/en/red␛[31m.md');
    expect(r.stdout).toContain('content/en/bidi\\u202egnp.md');
    expect(r.stdout).not.toMatch(/[\u001b\u202e]/);
    // A leading dash: an unknown option unless after `--` or written `./-dash.md`.
    const dash = runCli(['lint', '-dash.md'], { cwd: join(dir, 'content', 'en') });
    expect(dash.status).toBe(2);
    expect(dash.stderr).toContain('postings: To lint a file whose name starts with a dash, write ./-dash.md or put -- before it');
    expect(runCli(['lint', '--', '-dash.md'], { cwd: join(dir, 'content', 'en') }).status).toBe(1);
    expect(runCli(['lint', './-dash.md'], { cwd: join(dir, 'content', 'en') }).status).toBe(1);
    // github: file= names the real file (GitHub attaches the annotation), the message shows it readable.
    const gh = runCli(['lint', '-f', 'github', ...names.map((n) => `content/en/${n}`)], { cwd: dir });
    const files = new Set(gh.stdout.trimEnd().split('\n').map((l) => parseWorkflowCommand(l).properties.file));
    expect([...files].sort()).toEqual(names.map((n) => `content/en/${n}`).sort());
  });
});

describe('front matter quirks', () => {
  test('`? [a]\\n: b` leaks no Node warning to stderr', () => {
    const dir = tempDir('complex-key');
    write(dir, 'content/en/a.md', '---\n? [a]\n: b\ntitle: x\n---\n\nText.\n');
    const r = runCli(['lint', 'content'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
  });
});

describe('rules are iterative: no stack overflow whatever the depth', () => {
  /** A posting whose paragraph holds `depth` nested emphasis and strong nodes around a word. */
  function deepInline(depth: number) {
    const text = '---\ntitle: Developer\n---\n\nSee *word* and [link](http://www.canada.ca/x) here, accommodation TODO.\n';
    const p = parsePosting(text, '/site/content/en/deep.md', makeConfig().language);
    const paragraph = (p.tree as Root).children.find((n) => n.type === 'paragraph')!;
    const emphasis = paragraph.children.find((n) => n.type === 'emphasis')!;
    let node = emphasis.children[0]!;
    for (let i = 0; i < depth; i++) {
      node = { type: i % 2 ? 'strong' : 'emphasis', children: [node], position: emphasis.position } as typeof node;
    }
    emphasis.children = [node];
    return p;
  }

  test('200,000 nested inline nodes (the 100 KB of `*` around a letter): every rule runs', () => {
    const p = deepInline(200_000);
    const findings = lintPosting(p, { filePath: p.filePath, config: makeConfig(), rules, locale: 'en' });
    expect(findings.filter((f) => f.ruleId.startsWith('internal/'))).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toContain('links/https');
  });

  test('a 5 MB title through language/mismatch', () => {
    const title = 'Senior developer '.repeat(300_000);
    const text = `---\ntitle: ${title}\n---\n\nLe poste est ouvert aux personnes qui aiment le travail d’équipe.\n`;
    const findings = lintString(text, '/site/content/fr/x.md', onlyRule('language/mismatch'));
    expect(findings.map((f) => f.ruleId)).toEqual(['language/mismatch']);
  });
});

describe('extreme YAML nesting', () => {
  test('in front matter: a frontmatter/yaml finding, no engine words', () => {
    const findings = lintString(`---\ntitle: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\n\nText.\n`, '/site/content/en/x.md', makeConfig());
    const yaml = findings.filter((f) => f.ruleId === 'frontmatter/yaml');
    expect(yaml.map((f) => f.message)).toEqual([
      'The front matter is not valid YAML: its values are nested too deeply (lists or maps inside each other thousands of times); flatten them',
    ]);
    expect(findings.map((f) => f.ruleId)).not.toContain('internal/rule-error');
  });

  test('in a YAML configuration: exit 2 with file, line and column', () => {
    const dir = tempDir('deep-config');
    write(dir, 'content/en/a.md', posting());
    write(dir, '.postingsrc.yaml', `ignore: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    const r = runCli(['lint', 'content', '--locale', 'fr'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^postings: .*\.postingsrc\.yaml:1:\d+: imbrication trop profonde\n$/);
  });
});
