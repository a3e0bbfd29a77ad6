/**
 * `--fix` and `--fix-dry-run`: the pure engine (overlaps, passes, suggestions, line endings)
 * and the command line on real files (BOM, CRLF, permissions, idempotence, dry run, failed
 * writes leaving the original intact).
 */
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFixes, fixText, MAX_FIX_PASSES } from '../src/engine/fix.js';
import { lintPosting } from '../src/engine/lint.js';
import { parsePosting } from '../src/engine/parse.js';
import { writeFileAtomic, type WriteFs } from '../src/cli/atomic-write.js';
import { fixFiles } from '../src/cli/fix-command.js';
import type { Finding, RuleModule } from '../src/types.js';
import { makeConfig, onlyRule, runCli } from './support/harness.js';

const finding = (range: [number, number], text: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'test/rule',
  severity: 'error',
  message: 'm',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 1,
  fix: { range, text },
  ...extra,
});

/** A rule for engine tests: reports `fix` for every match of `pattern` in the body. */
function replacer(id: string, pattern: RegExp, replace: (m: string) => string, kind: 'fix' | 'suggestion' = 'fix'): RuleModule {
  return {
    meta: { id, description: { en: 'test rule', fr: 'règle de test' }, defaultSeverity: 'error', fixable: true, messages: { m: { en: 'm', fr: 'm' } } },
    create(context) {
      const text = context.posting.text;
      for (const m of text.matchAll(new RegExp(pattern.source, 'g'))) {
        const edit = { range: [m.index!, m.index! + m[0].length] as [number, number], text: replace(m[0]) };
        if (kind === 'fix') context.report({ messageId: 'm', loc: { range: edit.range }, fix: edit });
        else context.report({ messageId: 'm', loc: { range: edit.range }, suggestions: [{ messageId: 'm', fix: edit }] });
      }
    },
  };
}

function engineFix(text: string, rules: RuleModule[]) {
  const config = makeConfig({ rules: {} });
  const options = { filePath: '/x/en/a.md', config, rules, locale: 'en' as const };
  const lint = (t: string) => lintPosting(parsePosting(t, options.filePath, config.language), options);
  return fixText(text, lint(text), lint);
}

describe('fix engine', () => {
  test('applies non-overlapping edits on the original offsets and leaves overlapping ones out', () => {
    const text = '0123456789abcdef';
    const r = applyFixes(text, [finding([3, 8], 'B'), finding([0, 5], 'A'), finding([10, 12], 'C'), finding([12, 14], 'D')]);
    // [0,5] comes first; [3,8] overlaps it; [12,14] touches [10,12] and waits for the next pass.
    expect(r.output).toBe('A56789Ccdef');
    expect(r.applied.map((f) => f.fix!.text)).toEqual(['A', 'C']);
    expect(r.skipped.map((f) => f.fix!.text).sort()).toEqual(['B', 'D']);
  });

  test('applies the same edit from two findings once, and ignores edits out of range', () => {
    const r = applyFixes('abc', [finding([1, 2], 'X'), finding([1, 2], 'X'), finding([2, 9], 'Y')]);
    expect(r.output).toBe('aXc');
    expect(r.skipped).toHaveLength(1);
  });

  test('overlapping fixes of two rules are both applied, over two passes', () => {
    // Rule one: `CS4` → `CS-04`; rule two: `4 group` → `4 Group`. They overlap on the `4`.
    const one = replacer('test/one', /CS4/, () => 'CS-04');
    const two = replacer('test/two', /4 group/, () => '4 Group');
    const out = engineFix('Classified CS4 group.\n', [one, two]);
    // Pass one takes the first edit by position; pass two re-lints and takes the other.
    expect(out.passes).toBe(2);
    expect(out.fixCount).toBe(2);
    expect(out.output).toBe('Classified CS-04 Group.\n');
    expect(out.findings).toEqual([]);
  });

  test('fixing twice changes nothing the second time', () => {
    const rule = replacer('test/one', /\bCS4\b/, () => 'CS-04');
    const first = engineFix('A CS4 and a CS4.\n', [rule]);
    expect(first.output).toBe('A CS-04 and a CS-04.\n');
    const second = engineFix(first.output, [rule]);
    expect(second.changed).toBe(false);
    expect(second.passes).toBe(0);
  });

  test('never applies suggestions', () => {
    const rule = replacer('test/suggest', /les candidats/, () => 'les personnes candidates', 'suggestion');
    const out = engineFix('Nous invitons les candidats.\n', [rule]);
    expect(out.changed).toBe(false);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]!.suggestions).toHaveLength(1);
  });

  test(`stops after ${MAX_FIX_PASSES} passes when a fix never settles`, () => {
    const grow = replacer('test/grow', /x+$/, (m) => m + 'x');
    const out = engineFix('x', [grow]);
    expect(out.passes).toBe(MAX_FIX_PASSES);
    expect(out.output).toBe('x'.repeat(MAX_FIX_PASSES + 1));
  });

  test('inserted line breaks follow the file (CRLF) and the final newline stays as it was', () => {
    const crlf = 'a\r\nb\r\n';
    expect(applyFixes(crlf, [finding([1, 1], '\nX')]).output).toBe('a\r\nX\r\nb\r\n');
    const dropNewline = replacer('test/strip', /\n$/, () => '');
    expect(engineFix('text\n', [dropNewline]).output).toBe('text\n');
    const addNewline = replacer('test/add', /t$/, () => 't\n');
    expect(engineFix('text', [addNewline]).changed).toBe(false);
  });
});

const HTTP_POSTING = [
  '---',
  'layout: job-posting',
  'type: section',
  'title: Senior Developer',
  'description: Join the Canadian Digital Service.',
  'archived: false',
  'translationKey: senior-developer',
  'leverId: 0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b',
  '---',
  '',
  'Classified [IT-04](http://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-eng.aspx?id=1) — “quoted”, été.',
  '',
  '[Assessment accommodation](http://www.canada.ca/en/public-service-commission/services/assessment-accommodation-page.html)',
];

describe('postings lint --fix on files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'postings-fix-'));
    fs.mkdirSync(join(dir, 'content', 'en'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const config = JSON.stringify({ rules: { 'frontmatter/schema': 'error', 'links/https': 'warn' } });

  test('keeps the BOM, CRLF line endings, the missing final newline and the mode; a second run changes nothing', () => {
    writeFileSync(join(dir, 'postings.config.json'), config);
    const file = join(dir, 'content', 'en', 'senior-developer.md');
    const original = '\uFEFF' + HTTP_POSTING.join('\r\n');
    writeFileSync(file, original);
    chmodSync(file, 0o640);

    const run = runCli(['lint', '--fix', 'content'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('No problems found');
    const fixed = readFileSync(file);
    const expected = original.replace(/\(http:\/\//g, '(https://');
    expect(fixed.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(fixed.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(statSync(file).mode & 0o777).toBe(0o640);
    // No temporary file is left behind.
    expect(readdirSync(join(dir, 'content', 'en'))).toEqual(['senior-developer.md']);

    const mtime = statSync(file).mtimeMs;
    const again = runCli(['lint', '--fix', '--format', 'json', 'content'], { cwd: dir });
    expect(again.status).toBe(0);
    const json = JSON.parse(again.stdout) as Array<{ output?: string; messages: unknown[] }>;
    expect(json[0]!.output).toBeUndefined();
    expect(json[0]!.messages).toEqual([]);
    expect(readFileSync(file).equals(fixed)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  test('LF files with a final newline stay LF with their final newline; a symbolic link stays a link', () => {
    const real = join(dir, 'content', 'en', 'real.md');
    const link = join(dir, 'content', 'en', 'link.md');
    writeFileSync(real, HTTP_POSTING.join('\n') + '\n');
    symlinkSync(real, link);
    writeFileSync(join(dir, 'postings.config.json'), JSON.stringify({ rules: { 'links/https': 'warn' } }));
    const run = runCli(['lint', '--fix', 'content/en/link.md'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const text = readFileSync(real, 'utf8');
    expect(text).toBe(HTTP_POSTING.join('\n').replace(/\(http:\/\//g, '(https://') + '\n');
  });

  // Only root can give a file to another owner; elsewhere the owner cannot change anyway.
  (process.getuid?.() === 0 ? test : test.skip)('keeps the owner of a file fixed by root', () => {
    const file = join(dir, 'content', 'en', 'owned.md');
    writeFileSync(file, HTTP_POSTING.join('\n'));
    fs.chownSync(file, 4321, 4321);
    const run = runCli(['lint', '--fix', 'content'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('(https://www.canada.ca');
    expect([statSync(file).uid, statSync(file).gid]).toEqual([4321, 4321]);
  });

  test('--fix-dry-run prints a unified diff and writes nothing', () => {
    writeFileSync(join(dir, 'postings.config.json'), config);
    const file = join(dir, 'content', 'en', 'senior-developer.md');
    const original = HTTP_POSTING.join('\n') + '\n';
    writeFileSync(file, original);
    const before = statSync(file).mtimeMs;
    const run = runCli(['lint', '--fix-dry-run', 'content'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('--- a/content/en/senior-developer.md\n+++ b/content/en/senior-developer.md\n@@ ')).toBe(true);
    expect(run.stdout).toContain('\n-Classified [IT-04](http://www.tbs-sct.gc.ca/');
    expect(run.stdout).toContain('\n+Classified [IT-04](https://www.tbs-sct.gc.ca/');
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(statSync(file).mtimeMs).toBe(before);
    expect(readdirSync(join(dir, 'content', 'en'))).toEqual(['senior-developer.md']);

    const json = runCli(['lint', '--fix-dry-run', '--format', 'json', 'content'], { cwd: dir });
    const parsed = JSON.parse(json.stdout) as Array<{ output?: string }>;
    expect(parsed[0]!.output).toBe(original.replace(/\(http:\/\//g, '(https://'));
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  test('--fix with --fix-dry-run is a usage error (exit 2), in both languages', () => {
    writeFileSync(join(dir, 'content', 'en', 'a.md'), HTTP_POSTING.join('\n'));
    const en = runCli(['lint', '--fix', '--fix-dry-run', 'content'], { cwd: dir });
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/cannot be used together/);
    const fr = runCli(['lint', '--fix', '--fix-dry-run', '--locale', 'fr', 'content'], { cwd: dir });
    expect(fr.status).toBe(2);
    expect(fr.stderr).toMatch(/ne peuvent pas être utilisés ensemble/);
    expect(readFileSync(join(dir, 'content', 'en', 'a.md'), 'utf8')).toBe(HTTP_POSTING.join('\n'));
  });
});

describe('an interrupted write leaves the original intact', () => {
  let dir: string;
  let file: string;
  const original = HTTP_POSTING.join('\n') + '\n';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'postings-atomic-'));
    fs.mkdirSync(join(dir, 'en'));
    file = join(dir, 'en', 'posting.md');
    writeFileSync(file, original);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The real file system, except for the calls a test breaks. */
  const failing = (overrides: Partial<WriteFs>): WriteFs => ({
    realpathSync: (p) => fs.realpathSync(p),
    statSync: (p) => fs.statSync(p),
    openSync: (p, f, m) => fs.openSync(p, f, m),
    writeSync: (fd, d) => fs.writeSync(fd, d),
    fsyncSync: (fd) => fs.fsyncSync(fd),
    closeSync: (fd) => fs.closeSync(fd),
    fchmodSync: (fd, m) => fs.fchmodSync(fd, m),
    fchownSync: (fd, u, g) => fs.fchownSync(fd, u, g),
    renameSync: (a, b) => fs.renameSync(a, b),
    unlinkSync: (p) => fs.unlinkSync(p),
    ...overrides,
  });

  test('killed in the middle of writing the temporary file', () => {
    const crash = failing({
      writeSync: (fd, d) => {
        fs.writeSync(fd, d.subarray(0, 10)); // half the bytes reach the disk, then the process "dies"
        throw Object.assign(new Error('killed'), { code: 'EINTR' });
      },
    });
    expect(() => writeFileAtomic(file, 'new text that is much longer than ten bytes', crash)).toThrow('killed');
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(readdirSync(join(dir, 'en'))).toEqual(['posting.md']);
  });

  test('the rename fails: the original stays, the temporary file is removed, --fix reports it', async () => {
    const noRename = failing({
      renameSync: () => {
        throw Object.assign(new Error('rename failed'), { code: 'EXDEV' });
      },
    });
    const { results } = await fixFiles([file], onlyRule('links/https'), 'en', { write: true, cwd: dir, fs: noRename });
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(readdirSync(join(dir, 'en'))).toEqual(['posting.md']);
    expect(results[0]!.output).toBeUndefined();
    const ids = results[0]!.findings.map((f) => f.ruleId);
    expect(ids[0]).toBe('internal/write-error');
    expect(results[0]!.findings[0]!.message).toContain('EXDEV');
    // The findings still on the file are reported, with their fixes.
    expect(ids.filter((id) => id === 'links/https')).toHaveLength(2);
  });

  test('the same run with a working file system writes the fix', async () => {
    const { results } = await fixFiles([file], onlyRule('links/https'), 'fr', { write: true, cwd: dir });
    expect(results[0]!.findings).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(original.replace(/\(http:\/\//g, '(https://'));
  });

  test('a file that is not valid UTF-8 is reported but never rewritten', async () => {
    const bytes = Buffer.concat([Buffer.from(original, 'utf8'), Buffer.from([0xff, 0x0a])]);
    writeFileSync(file, bytes);
    const { results } = await fixFiles([file], onlyRule('links/https'), 'en', { write: true, cwd: dir });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(results[0]!.findings.map((f) => f.ruleId)).toEqual(['links/https', 'links/https']);
  });
});
