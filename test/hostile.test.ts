/**
 * Hostile growth inputs (fixtures/hostile/patterns.json): Markdown and YAML that make parsers
 * superlinear, at sizes that took a bare parse seconds to minutes. Through the real CLI, in one
 * run with ordinary postings: each ends with its findings or one internal/timeout or
 * internal/too-large finding, the others are still linted, and the pool replaced exactly the
 * workers it stopped. Outcomes and counts of work only: no assertion on seconds.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES, runCli } from './support/harness.js';
import { posting, tempDir, write } from './support/temp-site.js';

interface Pattern {
  name: string;
  unit?: string;
  repeat: number;
  prefix?: string;
  suffix?: string;
  then?: string;
  thenRepeat?: number;
  frontMatter?: 'keys' | 'aliases' | 'flow' | 'blocks';
  outcome: 'too-large' | 'budget';
}

const { patterns } = JSON.parse(readFileSync(join(FIXTURES, 'hostile', 'patterns.json'), 'utf8')) as { patterns: Pattern[] };

function frontMatter(kind: Pattern['frontMatter'], n: number): string {
  const head = '---\nlayout: job-posting\ntype: section\ndescription: A posting.\narchived: true\n';
  switch (kind) {
    case 'keys':
      return `${head}title: Keys\n${Array.from({ length: n }, (_, i) => `k${i}: v${i}`).join('\n')}\n---\n\nBody.\n`;
    case 'aliases': {
      let text = `${head}title: Aliases\na0: &a0 [x, x, x, x, x, x, x, x, x]\n`;
      for (let i = 1; i <= n; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
      return `${text}---\n\nBody.\n`;
    }
    case 'flow':
      // In `title`, a key of the index: the index reads it before any worker does.
      return `${head}title: ${'['.repeat(n)}${']'.repeat(n)}\n---\n\nBody.\n`;
    case 'blocks':
      return `${head}title: Blocks\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} v\n---\n\nBody.\n`;
    default:
      return '';
  }
}

function body(p: Pattern): string {
  return (p.prefix ?? '') + p.unit!.repeat(p.repeat) + (p.suffix ?? '') + (p.then ?? '').repeat(p.thenRepeat ?? 0);
}

/** The `--debug` line: files, linted, workers, started, cached, timeouts. */
function stats(stderr: string) {
  const m = /(\d+) files, (\d+) linted by (\d+) workers \((\d+) started\), (\d+) from the cache, (\d+) timeouts/.exec(stderr);
  if (!m) throw new Error(`no statistics in: ${stderr}`);
  const [files, linted, workers, started, cached, timeouts] = m.slice(1).map(Number) as number[];
  return { files, linted, workers, started, cached, timeouts };
}

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; message: string }>;
}

const site = tempDir('hostile');
for (const p of patterns) {
  const text = p.frontMatter ? frontMatter(p.frontMatter, p.repeat) : posting({ key: p.name, body: body(p) });
  write(site, `content/en/${p.name}.md`, text);
}
// Ordinary postings in the same run, with findings of their own.
write(site, 'content/en/ordinary.md', posting({ key: 'ordinary', body: 'Apply at [our site](http://www.canada.ca/jobs).' }));
write(site, 'content/fr/ordinaire.md', posting({ key: 'ordinary', title: 'Développeuse', body: 'Postulez sur [notre site](http://www.canada.ca/emplois).' }));

const ids = (r: JsonResult) => r.messages.map((m) => m.ruleId);

describe('every hostile growth pattern ends within its budget, and the run goes on', () => {
  // The report goes to a file: it can be larger than what a pipe to the test keeps.
  const run = runCli(['lint', '--format', 'json', '--timeout', '3', '--concurrency', '2', '--debug', '-o', 'report.json', 'content'], { cwd: site });
  const results = JSON.parse(readFileSync(join(site, 'report.json'), 'utf8')) as JsonResult[];
  const byName = new Map(results.map((r) => [r.filePath.replace(/^.*\/content\//, ''), r]));

  test('the run ends with a report of every file', () => {
    expect(run.status).toBe(1);
    expect(results).toHaveLength(patterns.length + 2);
    expect(run.stderr).not.toMatch(/Internal error|\n\s+at /);
  });

  for (const p of patterns) {
    test(`${p.name}: ${p.outcome === 'too-large' ? 'one internal/too-large finding, never parsed' : 'its findings, or one internal/timeout'}`, () => {
      const r = byName.get(`en/${p.name}.md`)!;
      expect(ids(r)).not.toContain('internal/rule-error');
      expect(ids(r)).not.toContain('internal/read-error');
      if (p.outcome === 'too-large') expect(ids(r)).toEqual(['internal/too-large']);
      else if (ids(r).includes('internal/timeout') || ids(r).includes('internal/too-large')) expect(ids(r)).toHaveLength(1);
    });
  }

  test('the ordinary postings of the run are linted as if alone', () => {
    const en = byName.get('en/ordinary.md')!;
    const fr = byName.get('fr/ordinaire.md')!;
    expect(ids(en)).toEqual(['links/https']);
    expect(ids(fr)).toEqual(['links/https']);
  });

  test('the pool stopped the workers of the files over budget, and replaced them while files remained', () => {
    const s = stats(run.stderr);
    const timeouts = results.filter((r) => ids(r).includes('internal/timeout')).length;
    const outOfMemory = results.filter((r) => r.messages.some((m) => m.ruleId === 'internal/too-large' && /MiB/.test(m.message))).length;
    expect(s.files).toBe(patterns.length + 2);
    expect(s.linted).toBe(patterns.length + 2);
    expect(s.workers).toBe(2);
    expect(s.timeouts).toBe(timeouts);
    // A worker stopped after the last file was handed out is not replaced.
    expect(s.started).toBeGreaterThanOrEqual(s.workers + timeouts + outOfMemory - s.workers);
    expect(s.started).toBeLessThanOrEqual(s.workers + timeouts + outOfMemory);
  });
});

test('a one-file run (pre-commit, editor) has the same protection', () => {
  const r = runCli(['lint', '--format', 'json', '--timeout', '1', '--debug', 'content/en/quote-markers.md'], { cwd: site });
  const [result] = JSON.parse(r.stdout) as JsonResult[];
  expect(ids(result!)).not.toContain('internal/rule-error');
  if (ids(result!).includes('internal/timeout')) expect(ids(result!)).toHaveLength(1);
  const s = stats(r.stderr);
  // A file over 64 KiB is linted in a worker, which has a memory cap (a smaller one is
  // linted in the command's own thread under the same time budget: see the next test).
  expect([s.files, s.linted, s.workers, s.started]).toEqual([1, 1, 1, 1]);
  expect(s.timeouts).toBe(ids(result!).includes('internal/timeout') ? 1 : 0);
});

test('a one-file run stops a parse that runs over its budget in its own thread, and its partner is still linted', () => {
  const dir = tempDir('hostile-one');
  const stars = patterns.find((p) => p.name === 'stars-around-a-letter')!;
  write(dir, 'content/en/hostile.md', posting({ key: 'pair', body: body(stars) }));
  write(dir, 'content/fr/partenaire.md', posting({ key: 'pair', title: 'Développeuse', body: 'Postulez sur [notre site](http://www.canada.ca/emplois).' }));
  for (const file of ['content/en/hostile.md', 'content/fr/partenaire.md']) {
    const r = runCli(['lint', '--format', 'json', '--timeout', '1', '--debug', file], { cwd: dir });
    const [result] = JSON.parse(r.stdout) as JsonResult[];
    expect(stats(r.stderr).workers).toBe(0);
    // The hostile posting ends with its timeout; its partner, whose job parsed the hostile
    // posting for its outline and ran over, is linted again alone.
    expect([file, ids(result!)]).toEqual([file, file.endsWith('hostile.md') ? ['internal/timeout'] : ['links/https']]);
  }
});

test('a hostile posting does not take its translation partner down with it', () => {
  // A pair is linted in one job; when the job runs over, its postings are linted again one by
  // one: the hostile one ends with its timeout, its partner with its own findings.
  const dir = tempDir('hostile-pair');
  const stars = patterns.find((p) => p.name === 'stars-around-a-letter')!;
  write(dir, 'content/en/hostile.md', posting({ key: 'pair', body: body(stars) }));
  write(dir, 'content/fr/partenaire.md', posting({ key: 'pair', title: 'Développeuse', body: 'Postulez sur [notre site](http://www.canada.ca/emplois).' }));
  const r = runCli(['lint', '--format', 'json', '--timeout', '1', '--debug', 'content'], { cwd: dir });
  const results = JSON.parse(r.stdout) as JsonResult[];
  const hostile = results.find((x) => x.filePath.endsWith('hostile.md'))!;
  const partner = results.find((x) => x.filePath.endsWith('partenaire.md'))!;
  expect(ids(hostile)).toEqual(['internal/timeout']);
  expect(ids(partner)).toEqual(['links/https']);
  expect(stats(r.stderr).timeouts).toBe(2); // the pair's job, then the hostile posting alone
});

test('a file that needs more memory than a worker may use gets internal/too-large; the others are linted', () => {
  const dir = tempDir('hostile-memory');
  write(dir, '.postingsrc.json', JSON.stringify({ limits: { memory: 128, timeout: 120 } }));
  write(dir, 'content/en/brackets.md', posting({ key: 'brackets', body: '['.repeat(5_000_000) }));
  write(dir, 'content/en/ordinary.md', posting({ key: 'ordinary', body: 'Apply at [our site](http://www.canada.ca/jobs).' }));
  const r = runCli(['lint', '--format', 'json', '--max-file-size', '10000000', '--debug', 'content'], { cwd: dir });
  const results = JSON.parse(r.stdout) as JsonResult[];
  const brackets = results.find((x) => x.filePath.endsWith('brackets.md'))!;
  expect(ids(brackets)).toEqual(['internal/too-large']);
  expect(brackets.messages[0]!.message).toContain('128 MiB');
  expect(ids(results.find((x) => x.filePath.endsWith('ordinary.md'))!)).toEqual(['links/https']);
  expect(stats(r.stderr).started).toBeLessThanOrEqual(2);
});

test('bad limits on the command line are usage errors', () => {
  for (const args of [['--timeout', '0'], ['--timeout', 'soon'], ['--max-file-size', '-1'], ['--concurrency', 'many']]) {
    const r = runCli(['lint', ...args, 'content'], { cwd: site });
    expect([args[0], r.status]).toEqual([args[0], 2]);
    expect(r.stderr).toContain(args[0]);
  }
});

describe('hostile layout templates: scanned in linear work, and the run goes on', () => {
  const nested = '{{ if .Params.a }}x '.repeat(20_000) + '{{ end }}'.repeat(20_000);
  const chain = '{{ if .Params.a }}x' + Array.from({ length: 20_000 }, (_, i) => `{{ else if .Params.b${i} }}y `).join('') + '{{ end }}';
  const defines = '{{ define "x" }}a '.repeat(20_000) + '{{ end }}'.repeat(20_000);
  const unclosed = '<a {{'.repeat(100_000);

  test('each piece keeps at most MAX_CONDS conditions, and one the reader cannot tell for the rest (counts, not time)', async () => {
    const { scanTemplate, MAX_CONDS } = await import('../src/site/template.js');
    const { holds, UNKNOWN } = await import('../src/site/conditions.js');
    for (const text of [nested, chain, defines]) {
      const { pieces } = scanTemplate(text);
      expect(pieces.length).toBeGreaterThan(1000);
      const longest = pieces.reduce((m, p) => Math.max(m, p.conds.length), 0);
      expect(longest).toBeLessThanOrEqual(MAX_CONDS + 1);
    }
    // Past the bound, what is printed is never counted as printed (every condition here holds).
    const { pieces } = scanTemplate(nested);
    const deepest = pieces.find((p) => p.conds.length === MAX_CONDS + 1)!;
    expect(holds(deepest.conds.slice(0, MAX_CONDS), { lang: 'en', params: { a: true } })).toBe(true);
    expect(holds(deepest.conds, { lang: 'en', params: { a: true } })).toBe(UNKNOWN);
  });

  test('a site whose posting layouts are hostile is linted: every posting and template reported', () => {
    const site = tempDir('hostile-templates');
    cpSync(join(FIXTURES, 'hugo-site'), site, { recursive: true });
    const expected = Object.keys((JSON.parse(readFileSync(join(site, 'expected.json'), 'utf8')) as { files: Record<string, string[]> }).files);
    writeFileSync(join(site, 'layouts/section/job-posting.en.html'), nested + chain);
    writeFileSync(join(site, 'layouts/section/job-posting.fr.html'), defines + unclosed);
    const r = runCli(['lint', '--format', 'json'], { cwd: site });
    expect(r.stderr).not.toMatch(/Internal error|at .*\.js/);
    const files = (JSON.parse(r.stdout) as JsonResult[]).map((x) => relative(site, x.filePath).split('\\').join('/'));
    expect(files.sort()).toEqual([...expected].sort());
  });
});
