/**
 * The fuzz suite (test/fuzz/fuzzer.ts): seeded mutations of the project's fixtures through
 * the real engine and reporters in process (fast), and a smaller number through the real
 * CLI. `npm test` runs a fixed seed, so a CI failure replays anywhere; `npm run fuzz --
 * --runs N --seed S` runs as many as asked. Every failure found becomes a fixture in
 * fixtures/fuzz/ (the corpus, so it is checked on every run from then on).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCase, fixtureCorpus, makeCase, reproduction, shrink, type Case } from './fuzz/fuzzer.js';
import { FIXTURES, makeConfig, rules, runCli } from './support/harness.js';
import type { RuleModule } from '../src/types.js';
import { parseXml, sarifErrors } from './support/ci-formats.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const CLI_RUNS = Number(process.env.FUZZ_CLI_RUNS ?? 24);
/** One case in this many also checks `--fix` (it lints the text several times). */
const FIX_EVERY = 4;

const config = makeConfig();

describe('fuzz: regression inputs', () => {
  const dir = join(FIXTURES, 'fuzz');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
  test('every failure found so far is kept as a fixture', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  test.each(files)('%s holds every property', (name) => {
    const c: Case = { path: `fixtures/fuzz/${name}`, bytes: readFileSync(join(dir, name)), mutations: [] };
    expect(checkCase(c, config, { fix: true })).toBeUndefined();
    expect(checkCase(c, config, { fix: true, locale: 'fr' })).toBeUndefined();
  });
});

describe(`fuzz: ${ONLY === undefined ? RUNS : 1} mutated fixtures through the engine and every reporter (seed ${SEED})`, () => {
  test('no property breaks', () => {
    expect(fixtureCorpus().length).toBeGreaterThan(100);
    const failures: string[] = [];
    const indexes = ONLY === undefined ? Array.from({ length: RUNS }, (_, i) => i) : [ONLY];
    let checked = 0;
    for (const index of indexes) {
      const c = makeCase(SEED, index);
      const options = { fix: index % FIX_EVERY === 0, locale: index % 2 ? ('fr' as const) : ('en' as const) };
      const failure = checkCase(c, config, options);
      checked++;
      if (!failure) continue;
      const small = shrink(c, failure.property, (x) => checkCase(x, config, options));
      failures.push(reproduction(small, checkCase(small, config, options) ?? failure, SEED, index));
      if (failures.length >= 5) break;
    }
    if (failures.length) console.error(failures.join('\n\n'));
    expect(failures).toEqual([]);
    expect(checked).toBe(indexes.length);
  });
});

describe(`fuzz: ${CLI_RUNS} mutated postings through the real CLI`, () => {
  (CLI_RUNS > 0 ? test : test.skip)('exit 0 or 1, no stack trace, valid reports, --fix idempotent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postings-fuzz-'));
    try {
      for (const lang of ['en', 'fr']) mkdirSync(join(dir, 'content', lang), { recursive: true });
      const written: string[] = [];
      for (let i = 0; i < CLI_RUNS; i++) {
        const c = makeCase(SEED + 1, i);
        const lang = c.path.includes('/fr/') ? 'fr' : 'en';
        const name = `case-${i}-${c.path.split('/').pop()!}`;
        writeFileSync(join(dir, 'content', lang, name), c.bytes);
        written.push(`${lang}/${name}`);
      }
      const problems: string[] = [];
      const noCrash = (what: string, r: { status: number | null; stderr: string }) => {
        if (r.status !== 0 && r.status !== 1) problems.push(`${what}: exit ${r.status}: ${r.stderr.slice(0, 400)}`);
        if (/^\s+at .+\(.+:\d+:\d+\)$/m.test(r.stderr) || /Internal error/i.test(r.stderr)) {
          problems.push(`${what}: stack trace or internal error: ${r.stderr.slice(0, 400)}`);
        }
      };
      const asJson = runCli(['lint', '-f', 'json', 'content'], { cwd: dir });
      noCrash('json', asJson);
      const results = JSON.parse(asJson.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
      expect(results).toHaveLength(written.length);
      expect(results.flatMap((r) => r.messages.map((m) => m.ruleId))).not.toContain('internal/rule-error');
      const asSarif = runCli(['lint', '-f', 'sarif', 'content'], { cwd: dir });
      noCrash('sarif', asSarif);
      expect(sarifErrors(JSON.parse(asSarif.stdout))).toEqual([]);
      const asJunit = runCli(['lint', '-f', 'junit', 'content'], { cwd: dir });
      noCrash('junit', asJunit);
      expect(() => parseXml(asJunit.stdout)).not.toThrow();
      const asGithub = runCli(['lint', '-f', 'github', 'content'], { cwd: dir });
      noCrash('github', asGithub);
      for (const line of asGithub.stdout.split('\n').filter(Boolean)) expect(line).toMatch(/^::(error|warning) file=[^\n]*::/);
      noCrash('stylish', runCli(['lint', 'content'], { cwd: dir }));

      const fixed = runCli(['lint', '--fix', '-f', 'json', 'content'], { cwd: dir });
      noCrash('--fix', fixed);
      const after = written.map((f) => readFileSync(join(dir, 'content', f)));
      noCrash('--fix again', runCli(['lint', '--fix', '-f', 'json', 'content'], { cwd: dir }));
      written.forEach((f, i) => expect(readFileSync(join(dir, 'content', f)).equals(after[i]!)).toBe(true));
      // Nothing left behind: no temporary file of the atomic write.
      for (const lang of ['en', 'fr']) {
        expect(readdirSync(join(dir, 'content', lang)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      }
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fuzz: the machinery itself', () => {
  test('a seed gives the same cases on every run', () => {
    for (const i of [0, 7, 99]) expect(makeCase(42, i).bytes.equals(makeCase(42, i).bytes)).toBe(true);
    expect(makeCase(42, 1).bytes.equals(makeCase(43, 1).bytes)).toBe(false);
  });

  test('a failure shrinks to a minimal reproduction that names how to replay it', () => {
    const big: Case = { path: 'fixtures/x.md', bytes: Buffer.from(`${'a'.repeat(3000)}\u0000${'b'.repeat(3000)}`), mutations: ['control@3000'] };
    const check = (c: Case) => (c.bytes.includes(0) ? { property: 'no NUL', detail: 'a NUL byte' } : undefined);
    const small = shrink(big, 'no NUL', check, 1000);
    expect(small.bytes).toEqual(Buffer.from([0]));
    const text = reproduction(small, check(small)!, 42, 7);
    expect(text).toContain('property broken: no NUL');
    expect(text).toContain('npm run fuzz -- --seed 42 --only 7');
    expect(text).toContain('"\\u0000"');
  });

  test('a broken property is caught: a rule that throws is reported as internal/rule-error', () => {
    const c: Case = { path: 'fixtures/fuzz/seed-hostile.md', bytes: Buffer.from('---\ntitle: x\n---\n\nText.\n'), mutations: [] };
    const thrower: RuleModule = {
      meta: {
        id: 'fuzz/throws',
        description: { en: 'Throws.', fr: 'Lève une exception.' },
        defaultSeverity: 'error',
        fixable: false,
        messages: {},
      },
      create() {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    expect(checkCase(c, config, { rules: [...rules, thrower] })?.property).toBe('no internal/rule-error');
    expect(checkCase(c, config)).toBeUndefined();
  });
});
