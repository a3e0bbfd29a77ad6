/**
 * A configuration can come from a fork's pull request, and CI runs it: what it may not do
 * (issue 14). Each case goes through the real CLI and asserts the exit code and message.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as fs from 'node:fs';
import { unsafePatternProblem, hasNestedRepetition } from '../src/config/safe-regex.js';
import { writeFileAtomic, type WriteFs } from '../src/cli/atomic-write.js';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, runCli } from './support/harness.js';
import { git, posting, tempDir, write } from './support/temp-site.js';

/** A site with one posting and the given configuration file. */
function site(config: string, name = 'postings.config.json'): string {
  const dir = tempDir('security');
  write(dir, 'content/en/a.md', posting());
  write(dir, name, config);
  return dir;
}

describe('regular expressions from the configuration cannot backtrack catastrophically', () => {
  test.each([
    ['(a+)+b', /repeats a group that itself repeats/],
    ['^(\\w+\\s?)*$', /repeats a group that itself repeats/],
    ['(?:x{1,300})+y', /repeats a group that itself repeats/],
    ['(a|aa)+$', /exponentially many ways/],
  ])('placeholders.markers pattern %s: a configuration error, exit 2', (pattern, message) => {
    const dir = site(JSON.stringify({ data: { placeholders: { markers: [{ id: 'mine', pattern }] } } }));
    const r = runCli(['lint', 'content'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^postings: Configuration error in .*postings\.config\.json:\n {2}data\.placeholders\.markers\.\d+\.pattern: /);
    expect(r.stderr).toMatch(message);
    const fr = runCli(['lint', 'content', '--locale', 'fr'], { cwd: dir });
    expect(fr.stderr).toMatch(/temps exponentiel/);
  });

  test('a safe pattern of the user still works', () => {
    const dir = site(JSON.stringify({ data: { placeholders: { markers: [{ id: 'mine', pattern: '\\bXXX+\\b' }] } } }));
    write(dir, 'content/en/a.md', posting({ body: 'Salary: XXXX per year.' }));
    const r = runCli(['lint', 'content', '-f', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain('content/placeholder');
  });

  test('`pattern` in a user schema: refused with where it is', () => {
    const dir = site(JSON.stringify({ schema: 'schema.json' }));
    write(dir, 'schema.json', JSON.stringify({ type: 'object', properties: { title: { type: 'string', pattern: '^(a+)+$' } } }));
    const r = runCli(['lint', 'content'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/schema\.json: \/properties\/title\/pattern: this regular expression repeats a group/);
  });

  test('the built-in data and schemas pass the same check', () => {
    const patterns: string[] = [];
    const collect = (schema: unknown, value: unknown) => {
      // Every string the data's schema marks as a regular expression.
      const s = schema as { format?: string; items?: unknown; properties?: Record<string, unknown>; definitions?: unknown; $ref?: string; additionalProperties?: unknown };
      if (!s || typeof s !== 'object') return;
      if (s.format === 'regex' && typeof value === 'string') patterns.push(value);
      if (Array.isArray(value) && s.items) value.forEach((v) => collect(s.items, v));
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) {
          collect(s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined), v);
        }
      }
    };
    for (const file of readdirSync(join(ROOT, 'data'))) {
      const name = file.replace(/\.json$/, '');
      const schemaFile = join(ROOT, 'schemas', 'data', `${name}.schema.json`);
      if (!existsSync(schemaFile)) continue;
      const text = readFileSync(schemaFile, 'utf8');
      // `$ref: #/definitions/x` inlined, so that the walk above sees `format: regex` everywhere.
      const raw = JSON.parse(text) as { definitions?: Record<string, unknown> };
      const inlined = JSON.parse(text.replace(/\{\s*"\$ref":\s*"#\/definitions\/(\w+)"\s*\}/g, (_, d: string) => JSON.stringify(raw.definitions![d])));
      collect(inlined, JSON.parse(readFileSync(join(ROOT, 'data', file), 'utf8')));
    }
    const schemaPatterns = [...readFileSync(join(ROOT, 'schemas', 'posting.schema.json'), 'utf8').matchAll(/"pattern":\s*("(?:[^"\\]|\\.)*")/g)].map(
      (m) => JSON.parse(m[1]!) as string,
    );
    expect(patterns.length).toBeGreaterThan(15);
    const unsafe = [...patterns, ...schemaPatterns].filter((p) => unsafePatternProblem(p) !== undefined);
    expect(unsafe).toEqual([]);
  });

  test('the structural check knows JavaScript syntax', () => {
    expect(hasNestedRepetition('(?<![\\p{L}])(?:a|b)+(?=\\s)')).toBe(false);
    expect(hasNestedRepetition('[(+]+\\(a+\\)+')).toBe(false);
    expect(hasNestedRepetition('(?<name>[a-z]+\\d?)*')).toBe(true);
    expect(hasNestedRepetition('(?:a*?)+?')).toBe(true);
  });
});

describe('reserved keys and prototype-less maps', () => {
  test.each([
    ['{"data":{"toString":{}}}', 'data.toString', 'toString'],
    ['{"data":{"constructor":[]}}', 'data.constructor', 'constructor'],
    ['{"data":{"__proto__":{"entries":[]}}}', 'data.__proto__', '__proto__'],
    ['{"rules":{"hasOwnProperty":"off"}}', 'rules.hasOwnProperty', 'hasOwnProperty'],
    ['{"rules":{"links/https":["warn",{"valueOf":1}]}}', 'rules.links/https.1.valueOf', 'valueOf'],
  ])('%s: a configuration error with its path, exit 2', (config, path, key) => {
    const r = runCli(['lint', 'content'], { cwd: site(config) });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`  ${path}: \`${key}\` is a reserved name and cannot be used as a key`);
    expect(r.stderr).not.toMatch(/Internal error|schema must be object/);
  });

  test('in YAML too, in French', () => {
    const r = runCli(['lint', 'content', '--locale', 'fr'], { cwd: site('__proto__:\n  x: 1\n', '.postingsrc.yaml') });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('__proto__\u00a0: `__proto__` est un nom réservé');
  });
});

describe('a YAML alias bomb in the configuration', () => {
  test('a configuration error at its position, exit 2', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`b${i}: &b${i} [${Array(9).fill(i === 1 ? '*a' : `*b${i - 1}`).join(', ')}]`);
    const r = runCli(['lint', 'content'], { cwd: site(lines.join('\n') + '\n', '.postingsrc.yaml') });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^postings: .*\.postingsrc\.yaml:2:\d+: Excessive alias count/);
    expect(r.stderr).not.toMatch(/Internal error/);
  });
});

describe('paths in the configuration stay inside the repository', () => {
  test.each([
    ['{"contentDir":"/"}', 'contentDir'],
    ['{"schema":"/etc/passwd"}', 'schema'],
    ['{"schema":"../../../../../../etc/passwd"}', 'schema'],
    ['{"baseline":{"file":"/etc/passwd"}}', 'baseline.file'],
  ])('%s: refused, exit 2, nothing of the file quoted', (config, key) => {
    const dir = site(config);
    git(dir, 'init', '-q');
    const r = runCli(['lint', 'content', '--update-baseline'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`  ${key}: must be a path inside the repository`);
    expect(r.stderr).not.toMatch(/root:|daemon:/);
  });

  test('the git top level counts as the repository: a schema beside the site folder is fine', () => {
    const dir = tempDir('security-git');
    git(dir, 'init', '-q');
    write(dir, 'schemas/posting.json', readFileSync(join(ROOT, 'schemas', 'posting.schema.json'), 'utf8'));
    write(dir, 'site/postings.config.json', JSON.stringify({ schema: '../schemas/posting.json' }));
    write(dir, 'site/content/en/a.md', posting());
    expect(runCli(['lint', 'content'], { cwd: join(dir, 'site') }).status).toBe(0);
  });

  test('a schema or baseline file inside the repository that is not JSON: its text is not quoted', () => {
    const dir = site(JSON.stringify({ schema: 'secret.txt' }));
    write(dir, 'secret.txt', 'root:x:0:0:TOPSECRET\n');
    const r = runCli(['lint', 'content'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/secret\.txt: Unexpected character/);
    expect(r.stderr).not.toMatch(/TOPSECRET|root:/);
    const base = site(JSON.stringify({ baseline: { file: 'secret.txt' } }));
    write(base, 'secret.txt', 'root:x:0:0:TOPSECRET\n');
    const b = runCli(['lint', 'content'], { cwd: base });
    expect(b.status).toBe(2);
    expect(b.stderr).not.toMatch(/TOPSECRET|root:/);
  });
});

describe('--fix and file permissions', () => {
  const HTTP = posting({ body: 'Classified [IT-04](http://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-eng.aspx?id=1).' });

  test('a file its user may not write (mode 444) is left alone and reported, even as root', () => {
    const dir = tempDir('fix-444');
    const file = write(dir, 'content/en/a.md', HTTP);
    chmodSync(file, 0o444);
    const r = runCli(['lint', '--fix', '-f', 'json', 'content'], { cwd: dir });
    expect(r.status).toBe(1);
    const messages = JSON.parse(r.stdout)[0].messages as Array<{ ruleId: string; message: string }>;
    expect(messages[0]!.ruleId).toBe('internal/write-error');
    expect(messages[0]!.message).toContain('EACCES');
    expect(messages.map((m) => m.ruleId)).toContain('links/https');
    expect(readFileSync(file, 'utf8')).toBe(HTTP);
    expect(statSync(file).mode & 0o777).toBe(0o444);
    expect(readdirSync(join(dir, 'content', 'en'))).toEqual(['a.md']);
  });

  test('a file of another owner whose owner cannot be kept is left alone', () => {
    const dir = tempDir('fix-owner');
    const file = write(dir, 'content/en/a.md', 'before\n');
    const uid = process.getuid?.() ?? 0;
    const other: WriteFs = {
      ...(fs as unknown as WriteFs),
      statSync: (p) => ({ ...fs.statSync(p), mode: fs.statSync(p).mode, uid: uid + 1, gid: fs.statSync(p).gid }),
      fchownSync: () => {
        throw Object.assign(new Error('EPERM: operation not permitted, fchown'), { code: 'EPERM' });
      },
    };
    expect(() => writeFileAtomic(file, 'after\n', other)).toThrow('EPERM');
    expect(readFileSync(file, 'utf8')).toBe('before\n');
    expect(readdirSync(join(dir, 'content', 'en'))).toEqual(['a.md']);
  });
});

describe('postings new writes only inside the content folder, and checks its arguments', () => {
  test('a ../ in language.pathSegments: a usage error, nothing written', () => {
    const dir = tempDir('new-outside');
    mkdirSync(join(dir, 'site', 'content'), { recursive: true });
    write(dir, 'site/postings.config.json', JSON.stringify({ language: { pathSegments: { en: ['../../outside-en'] } } }));
    const r = runCli(['new', 'dev', '--title-en', 'Developer', '--title-fr', 'Développeur'], { cwd: join(dir, 'site') });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is outside the content folder/);
    expect(existsSync(join(dir, 'outside-en'))).toBe(false);
    expect(readdirSync(join(dir, 'site', 'content'))).toEqual([]);
  });

  test('a 300-character title: a usage error, not ENAMETOOLONG', () => {
    const dir = tempDir('new-long');
    mkdirSync(join(dir, 'content'));
    const r = runCli(['new', 'dev', '--title-en', 'a'.repeat(300), '--title-fr', 'Développeur'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^postings: The en title is too long for a file name/);
    expect(readdirSync(join(dir, 'content'))).toEqual([]);
  });

  test('a title that fails the schema: a usage error, nothing written', () => {
    const dir = tempDir('new-schema');
    mkdirSync(join(dir, 'content'));
    const r = runCli(['new', 'dev', '--title-en', 'Dev <script>', '--title-fr', 'Développeur', '--locale', 'fr'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^postings: L’offre en ne passerait pas le schéma des métadonnées\u00a0: .*HTML/);
    expect(readdirSync(join(dir, 'content'))).toEqual([]);
  });
});

/** The real bin as another user (`nobody`), when the tests run as root (as CI does). */
function runAs(uid: number, args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    uid,
    gid: uid,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', LANG: 'en_CA.UTF-8', HOME: '/tmp' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const asRoot = process.getuid?.() === 0 ? describe : describe.skip;
asRoot('as a user who does not own the files (run when the tests run as root)', () => {
  const NOBODY = 65534;
  const HTTP = posting({ body: 'Classified [IT-04](http://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-eng.aspx?id=1).' });

  test('--fix on a root-owned file in a folder anyone may write: left alone, owner kept, write-error', () => {
    const dir = tempDir('fix-other-owner');
    chmodSync(dir, 0o755);
    const folder = join(dir, 'content', 'en');
    const file = write(dir, 'content/en/a.md', HTTP);
    chmodSync(join(dir, 'content'), 0o755);
    chmodSync(folder, 0o777);
    chmodSync(file, 0o666);
    const r = runAs(NOBODY, ['lint', '--fix', '-f', 'json', 'content'], dir);
    expect(r.status).toBe(1);
    const messages = JSON.parse(r.stdout)[0].messages as Array<{ ruleId: string; message: string }>;
    expect(messages[0]!.ruleId).toBe('internal/write-error');
    expect(messages[0]!.message).toContain('EPERM');
    expect(readFileSync(file, 'utf8')).toBe(HTTP);
    expect(statSync(file).uid).toBe(0);
    expect(readdirSync(folder)).toEqual(['a.md']);
  });

  test('an unreadable file: internal/read-error with the reason, the others linted', () => {
    const dir = tempDir('unreadable');
    chmodSync(dir, 0o755);
    write(dir, 'content/en/ok.md', posting());
    const secret = write(dir, 'content/en/secret.md', posting());
    chmodSync(join(dir, 'content'), 0o755);
    chmodSync(join(dir, 'content', 'en'), 0o755);
    chmodSync(secret, 0o600);
    const r = runAs(NOBODY, ['lint', '-f', 'json', 'content'], dir);
    expect(r.status).toBe(1);
    const byName = new Map(
      (JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>).map((x) => [
        x.filePath.split('/').pop(),
        x.messages,
      ]),
    );
    expect(byName.get('secret.md')![0]!.message).toBe('Cannot read this file (EACCES: permission denied); it was not checked');
    expect(byName.get('ok.md')).toEqual([]);
  });
});
