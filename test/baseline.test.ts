/**
 * The baseline: `--update-baseline` records findings, later runs hide them and fail on new
 * ones only, edits above a finding do not break the match, fixed entries are listed.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../src/types.js';
import { findingText, normalizeEntries, serializeBaseline, applyBaseline } from '../src/cli/baseline.js';
import { runCli } from './support/harness.js';
import { posting, tempDir, write } from './support/temp-site.js';

const BASELINE = '.postings-baseline.json';

function site(): string {
  const root = tempDir('baseline');
  write(root, 'content/en/old.md', posting({ archived: '"no"', key: 'old' }));
  write(root, 'content/en/older.md', posting({ title: '"Developer "', key: 'older' }));
  write(root, 'content/fr/old.md', posting({ key: 'old', title: 'Ancien' }));
  write(root, 'content/fr/older.md', posting({ key: 'older', title: 'Plus ancien' }));
  return root;
}

const count = (stdout: string) => (JSON.parse(stdout) as Array<{ messages: unknown[] }>).reduce((n, f) => n + f.messages.length, 0);

describe('baseline (CLI)', () => {
  test('records current findings, hides them later, and fails on new ones only', () => {
    const root = site();
    const before = runCli(['lint', '-f', 'json'], { cwd: root });
    expect(before.status).toBe(1);
    expect(count(before.stdout)).toBe(2);

    const update = runCli(['lint', '--update-baseline'], { cwd: root });
    expect(update.status).toBe(0);
    expect(update.stderr).toContain('baseline .postings-baseline.json written: 2 findings in 2 files');
    const written = readFileSync(join(root, BASELINE), 'utf8');
    expect(JSON.parse(written).findings).toEqual([
      { file: 'content/en/old.md', rule: 'frontmatter/schema', text: '"no"' },
      { file: 'content/en/older.md', rule: 'frontmatter/schema', text: '"Developer "' },
    ]);

    // Stable: a second update writes the same bytes.
    expect(runCli(['lint', '--update-baseline'], { cwd: root }).status).toBe(0);
    expect(readFileSync(join(root, BASELINE), 'utf8')).toBe(written);

    const after = runCli(['lint', '-f', 'json'], { cwd: root });
    expect(after.status).toBe(0);
    expect(count(after.stdout)).toBe(0);
    expect(after.stderr).toContain('2 known findings hidden by the baseline');

    // Lines added above the finding: still matched (by text, not line number).
    write(root, 'content/en/old.md', posting({ archived: '"no"', key: 'old', body: 'x' }).replace('---\n', '---\n# a comment\n# another\n'));
    const shifted = runCli(['lint', '-f', 'json'], { cwd: root });
    expect(shifted.status).toBe(0);
    expect(count(shifted.stdout)).toBe(0);

    // A new finding fails the run, and only it is reported.
    write(root, 'content/en/new.md', posting({ archived: '"yes"', key: 'new' }));
    write(root, 'content/fr/new.md', posting({ key: 'new', title: 'Nouveau' }));
    const fresh = runCli(['lint', '-f', 'json'], { cwd: root });
    expect(fresh.status).toBe(1);
    const results = JSON.parse(fresh.stdout) as Array<{ filePath: string; messages: Array<{ message: string }> }>;
    const reported = results.filter((r) => r.messages.length);
    expect(reported.map((r) => r.filePath)).toEqual([join(root, 'content/en/new.md')]);
    expect(reported[0]!.messages[0]!.message).toContain('"yes"');

    // --no-baseline shows everything.
    const all = runCli(['lint', '-f', 'json', '--no-baseline'], { cwd: root });
    expect(all.status).toBe(1);
    expect(count(all.stdout)).toBe(3);
    expect(all.stderr).not.toContain('hidden');
  });

  test('entries that no longer match are listed as fixed; update removes them', () => {
    const root = site();
    expect(runCli(['lint', '--update-baseline'], { cwd: root }).status).toBe(0);
    write(root, 'content/en/old.md', posting({ key: 'old' }));
    const r = runCli(['lint'], { cwd: root });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('1 baseline entry no longer matches any finding (fixed)');
    expect(r.stderr).toContain('content/en/old.md  frontmatter/schema  "\\"no\\""');
    const fr = runCli(['lint', '--locale', 'fr'], { cwd: root });
    expect(fr.stderr).toContain('1 entrée du fichier de référence ne correspond plus à aucun constat (corrigée)');

    expect(runCli(['lint', '--update-baseline'], { cwd: root }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(root, BASELINE), 'utf8')).findings).toHaveLength(1);
    expect(runCli(['lint'], { cwd: root }).stderr).not.toContain('fixed');
  });

  test('an update on a few files keeps the entries of the others', () => {
    const root = site();
    expect(runCli(['lint', '--update-baseline'], { cwd: root }).status).toBe(0);
    write(root, 'content/en/old.md', posting({ key: 'old' }));
    expect(runCli(['lint', 'content/en/old.md', '--update-baseline'], { cwd: root }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(root, BASELINE), 'utf8')).findings).toEqual([
      { file: 'content/en/older.md', rule: 'frontmatter/schema', text: '"Developer "' },
    ]);
  });

  test('a broken baseline file is a usage error (exit 2, one line)', () => {
    const root = site();
    writeFileSync(join(root, BASELINE), '{"findings": [{"file": 1}]}');
    const r = runCli(['lint'], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Cannot read the baseline \.postings-baseline\.json: findings\[0\] needs "file", "rule" and "text"/);
  });

  test('config `baseline.file` moves the file', () => {
    const root = site();
    write(root, 'postings.config.json', JSON.stringify({ baseline: { file: 'ci/known.json' } }));
    write(root, 'ci/.keep', '');
    expect(runCli(['lint', '--update-baseline'], { cwd: root }).status).toBe(0);
    expect(existsSync(join(root, 'ci/known.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'ci/known.json'), 'utf8')).findings[0].file).toBe('../content/en/old.md');
    expect(runCli(['lint'], { cwd: root }).status).toBe(0);
  });

  test('config `baseline` takes `file` only', () => {
    const root = site();
    write(root, 'postings.config.json', JSON.stringify({ baseline: { fil: 'x.json' } }));
    const r = runCli(['lint'], { cwd: root });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('baseline.fil: unknown key `fil`; did you mean `file`?');
  });
});

describe('baseline (units)', () => {
  const f = (range: [number, number] | undefined, line = 1): Finding => ({
    ruleId: 'r/x',
    severity: 'error',
    message: 'm',
    line,
    column: 1,
    endLine: line,
    endColumn: 1,
    range,
  });

  test('the text is the range; an empty range gives its whole line; CRLF reads as LF', () => {
    const text = 'a: 1\r\nb: two\r\nc: 3\r\n';
    expect(findingText(text, f([9, 12]))).toBe('two');
    expect(findingText(text, f([6, 6]))).toBe('b: two');
    expect(findingText(text, f([8, 8]))).toBe('b: two');
    expect(findingText(text, f([4, 9]))).toBe('\nb: ');
    expect(findingText(text, f(undefined, 2))).toBe('b: two');
  });

  test('long texts are cut and hashed', () => {
    const long = 'x'.repeat(300);
    const a = findingText(long, f([0, 300]));
    expect(a.startsWith('x'.repeat(200) + '…sha256:')).toBe(true);
    expect(findingText(long.slice(0, 299) + 'y', f([0, 300]))).not.toBe(a);
  });

  test('entries are sorted by code point and identical ones counted', () => {
    const entries = normalizeEntries([
      { file: 'b.md', rule: 'r', text: 't' },
      { file: 'a.md', rule: 'r', text: 'é' },
      { file: 'a.md', rule: 'r', text: 'z' },
      { file: 'b.md', rule: 'r', text: 't' },
    ]);
    expect(entries).toEqual([
      { file: 'a.md', rule: 'r', text: 'z' },
      { file: 'a.md', rule: 'r', text: 'é' },
      { file: 'b.md', rule: 'r', text: 't', count: 2 },
    ]);
    expect(serializeBaseline(entries)).toBe(serializeBaseline([...entries].reverse()));
  });

  test('counts: two known, three found → one reported', () => {
    const root = tempDir('bl-unit');
    const file = write(root, 'a.md', 'dup dup dup');
    const findings = [f([0, 3]), f([4, 7]), f([8, 11])];
    const out = applyBaseline([{ filePath: file, findings }], [{ file: 'a.md', rule: 'r/x', text: 'dup', count: 2 }], root);
    expect(out.hidden).toBe(2);
    expect(out.results[0]!.findings).toHaveLength(1);
    expect(out.fixed).toEqual([]);
  });
});

describe('baseline and --fix-dry-run on a file with a BOM', () => {
  test('the findings left after fixing still match their baseline entries', () => {
    const root = tempDir('baseline-bom');
    write(root, 'content/en/dev.md', '\ufeff' + posting({ key: 'dev', archived: '"no"', body: 'A CS4 position.' }));
    write(root, 'content/fr/dev.md', posting({ key: 'dev', title: 'Poste', body: 'Un poste de niveau [CS-04](https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-fra.aspx?id=1).' }));
    expect(runCli(['lint', '--update-baseline'], { cwd: root }).status).toBe(0);
    // The dry run fixes CS4 in memory; `archived: "no"` stays and is in the baseline.
    const r = runCli(['lint', '--fix-dry-run', '-f', 'json', 'content/en'], { cwd: root });
    const left = (JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string }> }>).flatMap((f) => f.messages.map((m) => m.ruleId));
    expect(left).not.toContain('frontmatter/schema');
  });
});
