/**
 * Scale (issue 10), through the real CLI: the same report whatever the concurrency, and a
 * cache that is reused only when nothing a file's results depend on changed. Counts of work
 * (files linted, files from the cache, workers) come from the `--debug` line; no timing.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync, existsSync, utimesSync, mkdirSync, statSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, FIXTURES, ROOT, nodeHasCompileCache, nodeWithoutOptions, runCli } from './support/harness.js';
import { posting, tempDir, write } from './support/temp-site.js';
import { crc32Js as crc32 } from '../src/runner/cache.js';
import { regexpFlag, tieringFlag, youngGenerationFlag, INTERRUPT_BUDGET } from '../src/cli/tiering.js';

/** Every rule fixture in one site (163 postings in en/ and fr/): findings of every kind. */
function fixtureSite(): string {
  const site = tempDir('scale');
  const rulesDir = join(FIXTURES, 'rules');
  for (const family of readdirSync(rulesDir)) {
    for (const rule of readdirSync(join(rulesDir, family))) {
      for (const lang of ['en', 'fr']) {
        const from = join(rulesDir, family, rule, lang);
        if (existsSync(from)) cpSync(from, join(site, 'content', lang, `${family}-${rule}`), { recursive: true });
      }
    }
  }
  return site;
}

/** The state of a line of a cache's states part: path, tab, state, tab, CRC-32 of the two. */
const stateOf = (line: string): Record<string, unknown> => JSON.parse(line.split('\t')[1]!) as Record<string, unknown>;
/** A state line with its checksum (zlib's CRC-32, as the cache makes it). */
function stateLine(pathJson: string, state: object): string {
  const text = `${pathJson}\t${JSON.stringify(state)}`;
  return `${text}\t${crc32(Buffer.from(text)).toString(16).padStart(8, '0')}`;
}

type Head = { parts: Array<[number, number]> } & Record<string, unknown>;
/** A cache file's header (its first 512 bytes: JSON, and the CRC-32 of that JSON as \`sum\`). */
const headOf = (bytes: Buffer): Head => JSON.parse(bytes.toString('utf8', 0, 512)) as Head;
/** Where the first states part begins (a cache written anew has one, to the end of the file). */
const statesAt = (bytes: Buffer) => headOf(bytes).parts[0]![0];
/** A header as the cache writes it: `head` with its checksum, padded to 512 bytes. */
function headerOf(head: Record<string, unknown>): Buffer {
  const { sum: _sum, ...rest } = head;
  const text = JSON.stringify(rest);
  const line = JSON.stringify({ ...rest, sum: crc32(Buffer.from(text)).toString(16).padStart(8, '0') });
  return Buffer.from(line.padEnd(511, ' ') + '\n');
}
/** The cache file `bytes` with another header (its checksum made again), or with `states` as its one states part. */
function rewritten(bytes: Buffer, change: Record<string, unknown>, states?: string): Buffer {
  const at = statesAt(bytes);
  const part = states === undefined ? bytes.subarray(at) : Buffer.from(states);
  // Every byte is named (as in a cache written anew).
  return Buffer.concat([headerOf({ ...headOf(bytes), parts: [[at, part.length]], named: at + part.length, ...change }), bytes.subarray(512, at), part]);
}

function stats(stderr: string) {
  const m = /(\d+) files, (\d+) linted by (\d+) workers \((\d+) started\), (\d+) from the cache/.exec(stderr);
  if (!m) throw new Error(`no statistics in: ${stderr}`);
  const [files, linted, workers, started, cached] = m.slice(1).map(Number) as number[];
  return { files, linted, workers, started, cached };
}

describe('the same output, in the same order, whatever the concurrency', () => {
  const site = fixtureSite();
  const runs = ['off', '1', '2', '3', 'auto'].map((c) => ({
    c,
    json: runCli(['lint', '--format', 'json', '--concurrency', c, '--debug', 'content'], { cwd: site }),
    stylish: runCli(['lint', '--concurrency', c, 'content'], { cwd: site }),
    diff: runCli(['lint', '--fix-dry-run', '--concurrency', c, 'content'], { cwd: site }),
  }));

  test('every format and the dry run diff are byte for byte the same', () => {
    const [first, ...rest] = runs;
    expect(JSON.parse(first!.json.stdout).length).toBeGreaterThan(100);
    expect(first!.diff.stdout).toContain('+++ b/');
    for (const r of rest) {
      expect([r.c, r.json.stdout]).toEqual([r.c, first!.json.stdout]);
      expect([r.c, r.stylish.stdout]).toEqual([r.c, first!.stylish.stdout]);
      expect([r.c, r.diff.stdout]).toEqual([r.c, first!.diff.stdout]);
      expect([r.c, r.json.status]).toEqual([r.c, first!.json.status]);
    }
  });

  test('the JSON report written file by file as results come is the one written at the end', () => {
    // `--report` needs every result at once: that run reports at the end; the others stream.
    const whole = runCli(['lint', '--format', 'json', '--report', 'junit=junit.xml', 'content'], { cwd: site });
    expect(whole.stdout).toBe(runs[0]!.json.stdout);
    const quiet = (args: string[]) => runCli(['lint', '--format', 'json', '--quiet', '--max-warnings', '0', ...args, 'content'], { cwd: site });
    const [streamed, atEnd] = [quiet([]), quiet(['--report', 'junit=junit.xml'])];
    expect(streamed.stdout).toBe(atEnd.stdout);
    expect(streamed.status).toBe(atEnd.status);
  });

  test('node flags a worker may not take (--expose-gc) do not stop the workers', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', BIN, 'lint', '--format', 'json', '--concurrency', '2', 'content'], {
      cwd: site,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LANG: 'en_CA.UTF-8' },
    });
    expect(r.stderr).not.toContain('Internal error');
    expect(r.stdout).toBe(runs[0]!.json.stdout);
  });

  describe('on Node 20, each worker compiles its script with the code cache of the build', () => {
    const run = nodeHasCompileCache ? test.skip : test;
    /** The command run by `bin` with `flags` for node, on `target` (no NODE_OPTIONS: V8 takes a code cache only under the flags it was made with). */
    const lint = (bin: string, flags: string[] = [], target = 'content') =>
      nodeWithoutOptions([...flags, bin, 'lint', '--format', 'json', '--concurrency', '2', '--debug', target], site, { LANG: 'en_CA.UTF-8' });
    const cacheLine = (stderr: string) => /worker code cache taken by (\d+), rejected by V8 for (\d+), none that fits for (\d+)/.exec(stderr)?.slice(1).map(Number);
    /** The package again (its bin/, package.json and bundle copied, the rest linked), `change` done to its bundle; its bin. */
    const packageCopy = (change: (bundle: string) => void): string => {
      const pkg = tempDir('package-copy');
      for (const name of readdirSync(ROOT)) {
        if (name === 'dist' || name === 'bin' || name === 'package.json' || name.startsWith('.')) continue;
        symlinkSync(join(ROOT, name), join(pkg, name));
      }
      cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
      cpSync(join(ROOT, 'bin'), join(pkg, 'bin'), { recursive: true });
      cpSync(join(ROOT, 'dist', 'bundle'), join(pkg, 'dist', 'bundle'), { recursive: true });
      change(join(pkg, 'dist', 'bundle'));
      return join(pkg, 'bin', 'postings.js');
    };

    run('V8 takes it in every worker, and the report is the one of every other run', () => {
      const r = lint(BIN);
      expect(cacheLine(r.stderr)).toEqual([2, 0, 0]);
      expect(r.stdout).toBe(runs[0]!.json.stdout);
    });

    run('one file too large to lint in the command\'s thread goes to a worker, which takes it too', () => {
      const big = join(site, 'big.md');
      writeFileSync(big, posting({ key: 'big', body: 'A line of the posting, long enough to fill it.\n\n'.repeat(1500) }));
      const r = lint(BIN, [], 'big.md');
      expect(r.stderr).toContain('linted by 1 workers');
      expect(cacheLine(r.stderr)).toEqual([1, 0, 0]);
      rmSync(big);
    });

    run("under a V8 flag of the user's, V8 rejects it and the workers compile their script: the same report", () => {
      const r = lint(BIN, ['--interrupt-budget=5000']);
      expect(cacheLine(r.stderr)).toEqual([0, 2, 0]);
      expect(r.stdout).toBe(runs[0]!.json.stdout);
    });

    run("a worker script changed since its cache was made (the same size, newer): compiled without the cache, the change runs", () => {
      const bin = packageCopy((bundle) => {
        const file = join(bundle, 'worker.cjs');
        const text = readFileSync(file, 'latin1');
        // A message of the rules, changed in place: the same length, as a fix by hand or patch-package may.
        const changed = text.replace(/No assessment accommodation section/g, 'XX assessment accommodation section');
        expect(changed).not.toBe(text);
        writeFileSync(file, changed, 'latin1');
        const later = new Date(Date.now() + 60_000);
        utimesSync(file, later, later);
      });
      const r = lint(bin);
      expect(cacheLine(r.stderr)).toEqual([0, 0, 2]);
      expect(r.stdout).toContain('XX assessment accommodation section');
      expect(r.stdout).toBe(runs[0]!.json.stdout.replace(/No assessment accommodation section/g, 'XX assessment accommodation section'));
    });

    run("without the workers' script (a build before it), the ES module worker: the same report", () => {
      const bin = packageCopy((bundle) => {
        rmSync(join(bundle, 'worker.cjs'));
        rmSync(join(bundle, 'worker.cache'));
      });
      const r = lint(bin);
      expect(r.stderr).toContain('linted by 2 workers');
      expect(cacheLine(r.stderr)).toBeUndefined();
      expect(r.stdout).toBe(runs[0]!.json.stdout);
    });
  });

  test('the concurrency is the number of workers; off and small runs use one', () => {
    const workers = Object.fromEntries(runs.map((r) => [r.c, stats(r.json.stderr).workers]));
    expect(workers.off).toBe(1);
    expect(workers['1']).toBe(1);
    expect(workers['2']).toBe(2);
    expect(workers['3']).toBe(3);
    expect(workers.auto).toBeGreaterThanOrEqual(1);
    const small = runCli(['lint', '--format', 'json', '--debug', 'content/en/pairing-mismatch'], { cwd: site });
    expect(stats(small.stderr).workers).toBe(1); // auto, below 40 files
  });

  test('each posting of a pair is parsed once: a pair is one job, and only a partner left out of the run is read to compare', () => {
    const partners = (stderr: string) => Number(/(\d+) partners parsed only to compare/.exec(stderr)![1]);
    const pairs = tempDir('pairs');
    cpSync(join(FIXTURES, 'rules', 'pairing', 'structure'), join(pairs, 'content'), { recursive: true });
    // The whole site: every partner is linted in the run, so none is parsed apart.
    const all = runCli(['lint', '--format', 'json', '--debug', 'content'], { cwd: pairs });
    expect(partners(all.stderr)).toBe(0);
    // The English postings only: their French partners (one a pair) are read to compare, and
    // the pair findings are the same as when both sides are linted.
    const en = runCli(['lint', '--format', 'json', '--debug', 'content/en'], { cwd: pairs });
    expect(partners(en.stderr)).toBe(readdirSync(join(pairs, 'content', 'fr')).length);
    const ids = (stdout: string, lang: string) =>
      (JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>)
        .filter((r) => r.filePath.includes(`${lang}/`))
        .map((r) => r.messages.map((m) => `${m.ruleId}:${m.line}`));
    expect(ids(en.stdout, 'en').flat().some((x) => x.startsWith('pairing/structure:'))).toBe(true);
    expect(ids(en.stdout, 'en')).toEqual(ids(all.stdout, 'en'));
  });

  test('--fix writes the same files whatever the concurrency', () => {
    const a = fixtureSite();
    const b = fixtureSite();
    runCli(['lint', '--fix', '--concurrency', 'off', 'content'], { cwd: a });
    runCli(['lint', '--fix', '--concurrency', '3', 'content'], { cwd: b });
    const read = (root: string) => {
      const out: string[] = [];
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
          if (e.isDirectory()) walk(join(dir, e.name));
          else out.push(`${e.name}\n${readFileSync(join(dir, e.name), 'utf8')}`);
        }
      };
      walk(join(root, 'content'));
      return out;
    };
    expect(read(b)).toEqual(read(a));
  });
});

describe('several sites in one run (each content root is its own site)', () => {
  const pair = join(FIXTURES, 'rules', 'pairing', 'mismatch');
  type Result = { filePath: string; messages: Array<{ ruleId: string; message: string; line: number }> };
  const byFile = (stdout: string, root: string) =>
    Object.fromEntries((JSON.parse(stdout) as Result[]).map((r) => [r.filePath.slice(root.length), r.messages]));

  test('postings pair only within their site: two copies linted together report what each reports alone', () => {
    const dir = tempDir('sites');
    for (const s of ['a', 'b']) cpSync(pair, join(dir, s, 'content'), { recursive: true });
    const alone = runCli(['lint', '--format', 'json', 'a'], { cwd: dir });
    const together = runCli(['lint', '--format', 'json', '--debug', 'a', 'b'], { cwd: dir });
    expect(together.stderr).toMatch(/0 partners parsed only to compare/);
    const a = byFile(alone.stdout, join(dir, 'a'));
    const both = byFile(together.stdout, join(dir, 'a'));
    expect(Object.keys(a)).toHaveLength(4);
    expect(Object.values(a).flat().length).toBeGreaterThan(0);
    const fromB = byFile(together.stdout, join(dir, 'b'));
    for (const [file, messages] of Object.entries(a)) {
      expect(both[file]).toEqual(messages);
      // The other site's copy, same findings; its messages name its own partner.
      expect(fromB[file]).toEqual(messages);
    }
    expect(together.stdout).not.toMatch(/duplicate-key/);
  });

  test("with --cache, a change in one site relints its pair, not the other site's copy", () => {
    const dir = tempDir('sites-cache');
    for (const s of ['a', 'b']) cpSync(pair, join(dir, s, 'content'), { recursive: true });
    const lint = () => runCli(['lint', '--format', 'json', '--cache', '--debug', 'a', 'b'], { cwd: dir });
    expect(stats(lint().stderr)).toMatchObject({ files: 8, linted: 8 });
    const file = join(dir, 'b', 'content', 'en', 'researcher.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('is hiring', 'is hiring now'));
    expect(stats(lint().stderr)).toMatchObject({ files: 8, linted: 2, cached: 6 });
  });
});

describe('--cache', () => {
  const pair = join(FIXTURES, 'rules', 'pairing', 'mismatch');
  let site: string;
  const lint = (...args: string[]) => {
    const r = runCli(['lint', '--format', 'json', '--cache', '--debug', ...args, 'content'], { cwd: site });
    return { ...r, stats: stats(r.stderr), results: JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }> };
  };
  const findingsOf = (run: ReturnType<typeof lint>, file: string) =>
    run.results.find((r) => r.filePath.endsWith(file))!.messages.map((m) => m.ruleId);

  beforeEach(() => {
    site = tempDir('cache');
    cpSync(pair, join(site, 'content'), { recursive: true });
  });

  test('a second run takes every result from the cache and reports the same', () => {
    const cold = lint();
    expect(cold.stats).toMatchObject({ files: 4, linted: 4, cached: 0 });
    expect(existsSync(join(site, '.postings-cache'))).toBe(true);
    const warm = lint();
    expect(warm.stats).toMatchObject({ files: 4, linted: 0, cached: 4 });
    expect(warm.stdout).toBe(cold.stdout);
  });

  test('a JSON report from the cache is the report of a run without it, whatever the run that filled the cache reported', () => {
    // Warnings too, which --quiet leaves out.
    write(site, '.postingsrc.json', JSON.stringify({ rules: { 'pairing/mismatch': 'warn' } }));
    const plain = runCli(['lint', '--format', 'json', 'content'], { cwd: site }).stdout;
    const quiet = runCli(['lint', '--format', 'json', '--quiet', 'content'], { cwd: site }).stdout;
    // Filled by a stylish run: the JSON run takes the results and keeps its pieces of the report.
    runCli(['lint', '--cache', 'content'], { cwd: site });
    const first = lint();
    expect(first.stats).toMatchObject({ linted: 0, cached: 4 });
    expect(first.stdout).toBe(plain);
    expect(lint().stdout).toBe(plain);
    // --quiet reports fewer findings than the stored pieces hold.
    expect(runCli(['lint', '--format', 'json', '--quiet', '--cache', 'content'], { cwd: site }).stdout).toBe(quiet);
    expect(quiet).not.toBe(plain);
    // --output-file gets the same bytes.
    runCli(['lint', '--format', 'json', '--cache', '--output-file', 'report.json', 'content'], { cwd: site });
    expect(readFileSync(join(site, 'report.json'), 'utf8')).toBe(plain);
  });

  test('a warm run reads no file that did not change: the index and the results come from the cache', () => {
    const reads = (stderr: string) => Number(/(\d+) files read by the main thread/.exec(stderr)![1]);
    const cold = lint();
    expect(reads(cold.stderr)).toBeGreaterThanOrEqual(4);
    // As after a checkout: new times, same bytes. Each file is read once to compare its bytes...
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const lang of ['en', 'fr']) for (const f of readdirSync(join(site, 'content', lang))) utimesSync(join(site, 'content', lang, f), hourAgo, hourAgo);
    const checkout = lint();
    expect(checkout.stats).toMatchObject({ linted: 0, cached: 4 });
    expect(reads(checkout.stderr)).toBe(4);
    // ...and from then on, none is read at all.
    const warm = lint();
    expect(warm.stats).toMatchObject({ linted: 0, cached: 4 });
    expect(reads(warm.stderr)).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    // A change of bytes that keeps the size and the modification time is still seen (the change time moved).
    const file = join(site, 'content', 'en', 'researcher.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('is hiring', 'is HIRING'));
    utimesSync(file, hourAgo, hourAgo);
    expect(lint().stats).toMatchObject({ linted: 2, cached: 2 });
  });

  test("a file's bytes: that file, and its translation partner (whose pairing/structure and pairing/values read its body), are linted again", () => {
    lint();
    const file = join(site, 'content', 'en', 'researcher.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('is hiring', 'is hiring now'));
    expect(lint().stats).toMatchObject({ linted: 2, cached: 2 });
  });

  test('content strategy: a new modification time alone keeps the result; metadata strategy: it does not', () => {
    lint();
    const file = join(site, 'content', 'en', 'researcher.md');
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    expect(lint().stats).toMatchObject({ linted: 0, cached: 4 });
    lint('--cache-strategy', 'metadata');
    const evenLater = new Date(Date.now() + 120_000);
    utimesSync(file, evenLater, evenLater);
    // A posting that may have changed is linted again with its translation partner, whose
    // pair findings read its body; the other pair comes from the cache.
    expect(lint('--cache-strategy', 'metadata').stats).toMatchObject({ linted: 2, cached: 2 });
  });

  test("a translation partner's change updates the other posting's pair findings", () => {
    const before = lint();
    expect(findingsOf(before, 'en/designer.md')).toEqual([]);
    const fr = join(site, 'content', 'fr', 'concepteur.md');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace('archived: true', 'archived: false'));
    const after = lint();
    expect(findingsOf(after, 'en/designer.md')).toEqual(['pairing/mismatch']);
    // The other pair did not change: its two postings come from the cache.
    expect(after.stats).toMatchObject({ linted: 2, cached: 2 });
  });

  test('the configuration (rules, data tables) and the locale invalidate every result', () => {
    lint();
    write(site, '.postingsrc.json', JSON.stringify({ rules: { 'pairing/mismatch': 'warn' } }));
    expect(lint().stats).toMatchObject({ linted: 4, cached: 0 });
    expect(lint().stats).toMatchObject({ linted: 0, cached: 4 });
    write(site, '.postingsrc.json', JSON.stringify({ rules: { 'pairing/mismatch': 'warn' }, data: { placeholders: { markers: [{ id: 'xyzzy', pattern: 'XYZZY' }] } } }));
    expect(lint().stats).toMatchObject({ linted: 4, cached: 0 });
    // The size limit and the time budget of the command line too (a file over the limit has other results).
    const small = lint('--max-file-size', '200');
    expect(small.stats).toMatchObject({ linted: 4, cached: 0 });
    expect(small.stdout).toContain('internal/too-large');
    expect(lint('--max-file-size', '200').stats).toMatchObject({ linted: 4, cached: 0 });
    expect(lint().stats).toMatchObject({ linted: 4, cached: 0 });
    expect(lint('--timeout', '30').stats).toMatchObject({ linted: 4, cached: 0 });
    const fr = lint('--locale', 'fr');
    expect(fr.stats).toMatchObject({ linted: 4, cached: 0 });
    expect(fr.stdout).toContain('anglaise');
  });

  test('a layout template of the site invalidates the results of its postings', () => {
    lint();
    mkdirSync(join(site, 'layouts', '_default'), { recursive: true });
    write(site, 'layouts/_default/single.html', '<main>{{ .Content }}</main>\n');
    expect(lint().stats).toMatchObject({ linted: 4, cached: 0 });
    expect(lint().stats).toMatchObject({ linted: 0, cached: 4 });
    write(site, 'layouts/_default/single.html', '<main class="x">{{ .Content }}</main>\n');
    expect(lint().stats).toMatchObject({ linted: 4, cached: 0 });
  });

  test('in a Hugo site, a run of one posting uses the cache of a run of all, and leaves it as it is', () => {
    const hugo = tempDir('cache-hugo');
    cpSync(join(FIXTURES, 'hugo-site'), hugo, { recursive: true });
    const run = (...args: string[]) => {
      const r = runCli(['lint', '--format', 'json', '--cache', '--debug', ...args], { cwd: hugo });
      return { ...r, stats: stats(r.stderr) };
    };
    const all = run();
    expect(all.stats).toMatchObject({ files: 6, linted: 6, cached: 0 });
    const cache = join(hugo, '.postings-cache');
    const before = statSync(cache);
    // An English posting whose French partner renders with another layout file.
    const one = run('content/en/careers/positions/developer.md');
    expect(one.stats).toMatchObject({ files: 1, linted: 0, cached: 1 });
    expect(statSync(cache)).toMatchObject({ ino: before.ino, mtimeMs: before.mtimeMs });
    // What it reports of the posting is what the run of all reported.
    const of = (stdout: string) => (JSON.parse(stdout) as Array<{ filePath: string }>).find((r) => r.filePath.endsWith('developer.md'));
    expect(of(one.stdout)).toEqual(of(all.stdout));
  });

  test("the blobs' checksum is CRC-32, the same in JavaScript (Node before 20.15) as zlib's", async () => {
    const { crc32Js } = await import('../src/runner/cache.js');
    const zlib = (await import('node:zlib')) as { crc32?: (b: Buffer) => number };
    // The standard check value of CRC-32 (IEEE).
    expect(crc32Js(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32Js(Buffer.alloc(0))).toBe(0);
    if (zlib.crc32) {
      let seed = 7;
      for (const size of [1, 3, 64, 1000, 70_000]) {
        const bytes = Buffer.from(Buffer.alloc(size, 0).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
        expect(crc32Js(bytes)).toBe(zlib.crc32(bytes));
      }
    }
  });

  test('the hash of a group of postings tells its texts apart however they are cut', async () => {
    const { Hash64 } = await import('../src/runner/cache.js');
    const of = (...texts: string[]) => texts.reduce((h, t) => h.add(t), new Hash64()).digest();
    expect(of('ab', 'c')).toMatch(/^[0-9a-f]{16}$/);
    expect(of('ab', 'c')).toBe(of('ab', 'c'));
    expect(of('ab', 'c')).not.toBe(of('a', 'bc'));
    expect(of('ab', '')).not.toBe(of('ab'));
    expect(of('en/a.md', 'x')).not.toBe(of('en/a.md', 'y'));
    // Whatever the characters: a text's length goes in before it.
    expect(of('a\uffff', 'b')).not.toBe(of('a', '\uffffb'));
    expect(of('a', '')).not.toBe(of('a\uffff'));
    expect(of('a', '\u0001b')).not.toBe(of('a\u0001', 'b'));
    // A text longer than the buffer its code units are copied to is hashed whole too.
    const long = 'x'.repeat(70_000);
    expect(of(long + 'a')).not.toBe(of(long + 'b'));
    expect(of('a'.repeat(65_536))).not.toBe(of('a'.repeat(65_535) + 'b'));
  });

  test("an English posting with a Lever id and its French posting without one: a change to either relints both", () => {
    // Their keys differ (the English one has a Lever id too), their group is the same.
    const en = join(site, 'content', 'en', 'researcher.md');
    const fr = join(site, 'content', 'fr', 'chercheur.md');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace(/^leverId: .*\n/m, ''));
    expect(readFileSync(en, 'utf8')).toContain('leverId:');
    expect(lint().stats).toMatchObject({ linted: 4 });
    expect(lint().stats).toMatchObject({ linted: 0, cached: 4 });
    writeFileSync(fr, readFileSync(fr, 'utf8').replace(/\n$/, '\n\nUne phrase de plus.\n'));
    expect(lint().stats).toMatchObject({ linted: 2, cached: 2 });
    writeFileSync(en, readFileSync(en, 'utf8').replace(/\n$/, '\n\nOne more sentence.\n'));
    expect(lint().stats).toMatchObject({ linted: 2, cached: 2 });
  });

  test("a run of one posting after its partner changed, then a run of all: the other posting's pair findings are updated", () => {
    const before = lint();
    expect(findingsOf(before, 'en/designer.md')).toEqual([]);
    // The French posting changes and is linted alone: the English one, not in that run, keeps
    // results whose dependencies predate the change.
    const fr = join(site, 'content', 'fr', 'concepteur.md');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace('archived: true', 'archived: false'));
    const alone = runCli(['lint', '--format', 'json', '--cache', '--debug', 'content/fr/concepteur.md'], { cwd: site });
    expect(stats(alone.stderr)).toMatchObject({ linted: 1 });
    const all = lint();
    expect(findingsOf(all, 'en/designer.md')).toEqual(['pairing/mismatch']);
    expect(all.stats).toMatchObject({ linted: 1, cached: 3 });
    // And from then on, everything comes from the cache, as a run without it reports.
    const again = lint();
    expect(again.stats).toMatchObject({ linted: 0, cached: 4 });
    expect(again.stdout).toBe(runCli(['lint', '--format', 'json', 'content'], { cwd: site }).stdout);
  });

  describe('what a warm run reports is what a run without the cache reports', () => {
    const same = (dir: string, args: string[] = ['content']) => {
      const cached = runCli(['lint', '--format', 'json', '--cache', ...args], { cwd: dir });
      expect(cached.stdout).toBe(runCli(['lint', '--format', 'json', ...args], { cwd: dir }).stdout);
      return cached.stdout;
    };

    test("pairing/missing-translation's guess, for a posting that shares its path (not its key) with one of the other language", () => {
      const dir = tempDir('guess');
      write(dir, 'content/en/x.md', posting({ key: 'alpha', body: 'You will build services.' }));
      write(dir, 'content/fr/x.md', posting({ key: 'alpha-fr', title: 'Développeuse', body: 'Vous bâtirez des services.' }));
      same(dir);
      write(dir, 'content/fr/z.md', posting({ key: 'alphx', title: 'Analyste', body: 'Vous analyserez des services.' }));
      expect(same(dir)).toContain('did you mean `alphx`');
    });

    test('index entries the cache kept, after the configuration changed what they hold (classification tables)', () => {
      const dir = tempDir('entries-config');
      write(dir, 'content/en/x.md', posting({ key: 'dev', archived: 'false', body: 'Classification: XY-03. You will build services.' }));
      write(dir, 'content/fr/x.md', posting({ key: 'dev', archived: 'false', title: 'Développeuse', body: 'Vous bâtirez des services.' }));
      same(dir);
      write(dir, '.postingsrc.json', JSON.stringify({ data: { classifications: { groups: [{ code: 'XY', name: { en: 'Example', fr: 'Exemple' }, levels: [1, 5], targets: [] }] } } }));
      expect(same(dir)).toContain('XY-03');
      same(dir);
    });

    test('a posting whose partner was too large to compare in one run is compared in the next', () => {
      const dir = tempDir('partial');
      write(dir, 'content/en/x.md', posting({ key: 'dev', body: 'You will build services for $80,000 a year.' }));
      write(dir, 'content/fr/x.md', posting({ key: 'dev', title: 'Développeuse', body: 'Vous bâtirez des services pour 90 000 $ par année.\n\n' + 'Du texte. '.repeat(500) }));
      const limited = runCli(['lint', '--format', 'json', '--cache', '--max-file-size', '3000', 'content'], { cwd: dir });
      expect(limited.stdout).toContain('internal/too-large');
      expect(same(dir)).toContain('pairing/values');
    });

    test('a named pipe given by name, with --cache, is reported, not waited on', () => {
      const dir = tempDir('fifo');
      write(dir, 'content/en/x.md', posting({ key: 'dev' }));
      write(dir, 'content/fr/x.md', posting({ key: 'dev', title: 'Développeuse' }));
      if (spawnSync('mkfifo', [join(dir, 'content', 'en', 'pipe.md')]).status !== 0) return; // no mkfifo here
      const r = spawnSync(process.execPath, [BIN, 'lint', '--format', 'json', '--cache', 'content/en/pipe.md'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
      expect(r.signal).toBeNull();
      expect(r.stdout).toContain('internal/read-error');
    });
  });

  test('a cache written with one CRC-32 (zlib) is read with the other (JavaScript, Node before 20.15)', () => {
    lint();
    // The command with zlib's crc32 taken away, as on Node 20.14: every result still comes from the cache.
    write(site, 'no-crc.cjs', "delete require('node:zlib').crc32;\n");
    const r = spawnSync(process.execPath, ['--require', join(site, 'no-crc.cjs'), BIN, 'lint', '--format', 'json', '--cache', '--debug', 'content'], { cwd: site, encoding: 'utf8' });
    expect(stats(r.stderr)).toMatchObject({ linted: 0, cached: 4 });
    expect(r.stdout).toBe(lint().stdout);
  });

  test('another version of postings does not reuse the cache', () => {
    lint();
    const file = join(site, '.postings-cache');
    // A whole header (its checksum made again) that names another tool.
    writeFileSync(file, rewritten(readFileSync(file), { tool: '0.0.0-other' }));
    expect(lint().stats).toMatchObject({ linted: 4, cached: 0 });
    // The same header as it was: every result is used again.
    lint();
    const same = readFileSync(file);
    writeFileSync(file, rewritten(same, {}));
    expect(readFileSync(file)).toEqual(same);
    expect(lint().stats).toMatchObject({ linted: 0, cached: 4 });
  });

  test('another build of the same version does not reuse the cache either: the build id is in its tool', async () => {
    const { cacheTool } = await import('../src/runner/cli-options.js');
    const dir = tempDir('build-id');
    mkdirSync(join(dir, 'dist', 'bundle'), { recursive: true });
    expect(cacheTool('1.2.3', dir)).toBe('1.2.3');
    write(dir, 'dist/bundle/build-id', '0123456789abcdef\n');
    expect(cacheTool('1.2.3', dir)).toBe('1.2.3+0123456789abcdef');
    // The command's own build has one: the cache it writes names it.
    lint();
    const head = JSON.parse(readFileSync(join(site, '.postings-cache'), 'utf8').split('\n')[0]!) as { tool: string };
    expect(head.tool).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{16}$/);
  });

  test('a corrupt or foreign cache file is ignored and rewritten, never an error', () => {
    const file = join(site, '.postings-cache');
    for (const junk of ['{not json', '[]', JSON.stringify({ format: 'postings-cache', version: 1, tool: 'x', entries: 5 }), '\u0000\u0001', JSON.stringify({ entries: { __proto__: { a: 1 } } })]) {
      writeFileSync(file, junk);
      const run = lint();
      expect([junk, run.status, run.stats.cached]).toEqual([junk, 1, 0]);
      expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!).format).toBe('postings-cache');
    }
    // The caches of the versions before (one JSON document; one line a file) are foreign too.
    const head = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...head, version: 2, entries: {} }));
    expect(lint().stats).toMatchObject({ linted: 4, cached: 0 });
    writeFileSync(file, JSON.stringify({ ...head, version: 3 }) + '\n');
    expect(lint().stats).toMatchObject({ linted: 4, cached: 0 });
    // A version 6 cache (one states part at \`states\`, a header without checksum) is foreign too.
    const v7 = readFileSync(file);
    const { parts: _parts, sum: _sum, ...v6 } = headOf(v7);
    writeFileSync(file, Buffer.concat([Buffer.from(JSON.stringify({ ...v6, version: 6, states: statesAt(v7) }).padEnd(511, ' ') + '\n'), v7.subarray(512)]));
    expect(lint().stats).toMatchObject({ linted: 4, cached: 0 });
    // A header with one byte changed (a run that ended while it wrote it) is not whole: foreign.
    const torn = readFileSync(file);
    torn[torn.indexOf('"written":') + 12] ^= 0x01;
    writeFileSync(file, torn);
    expect(lint().stats).toMatchObject({ linted: 4, cached: 0 });
    // A state whose results are out of place, garbled or cut short is not used; the others are.
    const bytes = readFileSync(file);
    const states = statesAt(bytes);
    const lines = bytes.toString('utf8', states).split('\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    const state = (line: string) => stateOf(line) as { o: [number, number]; j: [number, number] };
    // Changed with its checksum made again: a state that is wrong, not damaged.
    const set = (line: string, change: object) => stateLine(line.slice(0, line.indexOf('\t')), { ...state(line), ...change });
    // Garbled: both the results and the report's piece (a bad piece alone falls back on the results).
    const garbled = Buffer.from(bytes);
    for (const [from] of [state(lines[2]!).o, state(lines[2]!).j]) garbled.fill(0x20, from, from + 8);
    const broken = [set(lines[0]!, { o: [states, 10] }), lines[1]!.slice(0, 40), lines[2]!, lines[3]!];
    writeFileSync(file, rewritten(garbled, {}, broken.join('\n') + '\n'));
    expect(lint().stats).toMatchObject({ linted: 3, cached: 1 });
    expect(lint().stats).toMatchObject({ linted: 0, cached: 4 });
    // A piece of the JSON report that does not end where its state says is not written either.
    const again = readFileSync(file);
    const at = statesAt(again);
    const first = again.toString('utf8', at).split('\n')[0]!;
    const j = (stateOf(first) as { j: [number, number] }).j;
    const cut = again.toString('utf8', at).replace(first, stateLine(first.slice(0, first.indexOf('\t')), { ...stateOf(first), j: [j[0], j[1] - 3] }));
    writeFileSync(file, rewritten(again, {}, cut));
    const run = lint();
    expect(run.stats).toMatchObject({ cached: 4 });
    expect(run.stdout).toBe(lint().stdout);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });

  test("a damaged state that is still JSON is not used: an index entry's damaged key does not change what pairs", () => {
    const cold = lint();
    const file = join(site, '.postings-cache');
    const bytes = readFileSync(file);
    const states = statesAt(bytes);
    const text = bytes.toString('latin1', states);
    // One byte of a stored translation key changed (`k` to `j`): valid JSON, another key.
    const at = text.indexOf('"translationKey":"') + '"translationKey":"'.length;
    expect(at).toBeGreaterThan(20);
    const damaged = Buffer.from(bytes);
    damaged[states + at] = damaged[states + at]! ^ 0x01;
    writeFileSync(file, damaged);
    const warm = lint();
    // That line is left out (its file is read and linted again); the report is a cold run's.
    expect(warm.stats).toMatchObject({ files: 4, cached: 3 });
    expect(warm.stdout).toBe(cold.stdout);
  });

  test('a damaged piece of the report is never written: the results are used, and the report is the same', () => {
    const cold = lint();
    const file = join(site, '.postings-cache');
    const bytes = readFileSync(file);
    const states = statesAt(bytes);
    // A byte inside every stored piece and result made a control character: the JSON is broken, not cut.
    for (const line of bytes.toString('utf8', states).split('\n').filter(Boolean)) {
      const state = stateOf(line) as { o: [number, number]; j: [number, number] };
      for (const [at, length] of [state.j, state.o]) bytes[at + Math.floor(length / 2)] = 0x01;
    }
    writeFileSync(file, bytes);
    const warm = lint();
    expect(warm.stats).toMatchObject({ linted: 4, cached: 0 });
    expect(warm.stdout).toBe(cold.stdout);
  });

  test('a path the JSON report escapes (U+2028) keeps its stored piece: a warm run rewrites nothing', () => {
    const en = readdirSync(join(site, 'content', 'en'))[0]!;
    cpSync(join(site, 'content', 'en', en), join(site, 'content', 'en', 'odd\u2028name.md'));
    const cold = lint();
    lint();
    const file = join(site, '.postings-cache');
    const before = statSync(file);
    const warm = lint();
    expect(warm.stdout).toBe(cold.stdout);
    expect(statSync(file)).toMatchObject({ ino: before.ino, mtimeMs: before.mtimeMs });
  });

  test('a cache that cannot be written is said once; the run still reports', () => {
    const cold = runCli(['lint', '--format', 'json', 'content'], { cwd: site });
    const run = runCli(['lint', '--format', 'json', '--cache', '--cache-location', join(site, 'no', 'such', 'folder', 'cache'), 'content'], { cwd: site });
    expect(run.status).toBe(cold.status);
    expect(run.stdout).toBe(cold.stdout);
    expect(run.stderr).toMatch(/cache/);
    expect(run.stderr).not.toMatch(/Internal error|at .*\.js/);
  });

  test('no scratch file is left: neither by a run, nor by one that was killed before its end', () => {
    // A run killed mid-way left these (its process is gone): the next run removes them.
    write(site, '.postings-cache.999999.tmp', 'x');
    write(site, '.postings-cache.999999.new', 'x');
    lint();
    expect(readdirSync(site).filter((f) => f.startsWith('.postings-cache'))).toEqual(['.postings-cache']);
    // A run whose reader went away (a closed pipe) removes its own scratch file.
    const r = spawnSync('sh', ['-c', `rm -f .postings-cache; node ${JSON.stringify(BIN)} lint --format json --cache content | head -c 10 >/dev/null`], { cwd: site, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readdirSync(site).filter((f) => /\.postings-cache\.\d+\./.test(f))).toEqual([]);
  });

  test('--cache-location takes a file or a folder; the default is beside the configuration', () => {
    write(site, 'config/.postingsrc.json', '{}');
    runCli(['lint', '--cache', '-c', 'config/.postingsrc.json', 'content'], { cwd: site });
    expect(existsSync(join(site, 'config', '.postings-cache'))).toBe(true);
    mkdirSync(join(site, 'tmp'));
    runCli(['lint', '--cache', '--cache-location', 'tmp', 'content'], { cwd: site });
    expect(existsSync(join(site, 'tmp', '.postings-cache'))).toBe(true);
    runCli(['lint', '--cache', '--cache-location', 'my-cache.json', 'content'], { cwd: site });
    expect(existsSync(join(site, 'my-cache.json'))).toBe(true);
  });

  test('a bad strategy is a usage error', () => {
    const r = runCli(['lint', '--cache', '--cache-strategy', 'guess', 'content'], { cwd: site });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--cache-strategy');
  });
});

describe('a cache written in place', () => {
  let site: string;
  const cacheFile = () => join(site, '.postings-cache');
  const lint = (...args: string[]) => {
    const r = runCli(['lint', '--format', 'json', '--cache', '--debug', ...(args.length ? args : ['content'])], { cwd: site });
    return { ...r, stats: stats(r.stderr) };
  };
  const plain = (...args: string[]) => runCli(['lint', '--format', 'json', ...(args.length ? args : ['content'])], { cwd: site }).stdout;
  const parts = () => headOf(readFileSync(cacheFile())).parts;
  /** The files whose lines a states part holds, and whether each is a state or `null`. */
  const linesOf = (part: [number, number]) =>
    readFileSync(cacheFile())
      .toString('utf8', part[0], part[0] + part[1])
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [file, state] = line.split('\t');
        return [JSON.parse(file!) as string, state === 'null' ? null : 'state'];
      });
  const en = (i: number) => join(site, 'content', 'en', `p${i}.md`);
  const edit = (i: number, text = '\nOne more line.\n') => writeFileSync(en(i), readFileSync(en(i), 'utf8') + text);
  const ino = () => statSync(cacheFile()).ino;

  beforeEach(() => {
    site = tempDir('in-place');
    for (let i = 0; i < 30; i++) {
      write(site, `content/en/p${i}.md`, posting({ key: `k${i}`, title: `Developer ${i}`, body: `We are hiring a developer (${i}).\n\n- Write code\n- Review code\n` }));
      write(site, `content/fr/p${i}.md`, posting({ key: `k${i}`, title: `Développeur ${i}`, body: `Nous embauchons un développeur (${i}).\n\n- Écrire du code\n- Relire du code\n` }));
    }
  });

  test('a run of one changed posting writes its results and its line after the end of the file, then the header; nothing else is written again', () => {
    lint();
    const old = readFileSync(cacheFile());
    const inode = ino();
    expect(parts()).toHaveLength(1);
    edit(3);
    const one = lint(en(3));
    expect(one.stats).toMatchObject({ files: 1, linted: 1, cached: 0 });
    expect(one.stdout).toBe(plain(en(3)));
    expect(ino()).toBe(inode);
    // The bytes the cache had are there as they were, but for the header.
    const now = readFileSync(cacheFile());
    expect(now.length).toBeGreaterThan(old.length);
    expect(now.length - old.length).toBeLessThan(old.length / 10);
    expect(now.subarray(512, old.length)).toEqual(old.subarray(512));
    expect(parts()).toHaveLength(2);
    expect(linesOf(parts()[1]!)).toEqual([[en(3), 'state']]);
    // The next runs read both parts: what they report is what a run without the cache reports.
    const all = lint();
    expect(all.stats).toMatchObject({ files: 60, linted: 1, cached: 59 });
    expect(all.stdout).toBe(plain());
    expect(lint().stats).toMatchObject({ linted: 0, cached: 60 });
    expect(lint(en(3)).stats).toMatchObject({ linted: 0, cached: 1 });
  });

  test('a run whose every line changed writes one part with every line, in place; MAX_PARTS parts (12) make the next part one of every line', () => {
    lint();
    const inode = ino();
    // A run of all after a change: every file's dependencies were checked against the new index.
    edit(0);
    expect(lint().stats).toMatchObject({ linted: 2, cached: 58 });
    expect(ino()).toBe(inode);
    expect(parts()).toHaveLength(1);
    expect(linesOf(parts()[0]!)).toHaveLength(60);
    // Runs of one posting each add a part, up to 12; the 12th run after makes one part of every line.
    for (let i = 1; i <= 12; i++) {
      edit(i);
      expect(lint(en(i)).stats).toMatchObject({ linted: 1 });
      expect(parts()).toHaveLength(i === 12 ? 1 : i + 1);
    }
    expect(ino()).toBe(inode);
    expect(linesOf(parts()[0]!)).toHaveLength(60);
    // The French partners of the twelve, whose pair findings read the English bodies, are linted again.
    const all = lint();
    expect(all.stdout).toBe(plain());
    expect(all.stats).toMatchObject({ linted: 12, cached: 48 });
  });

  test('when more than half of the file would be bytes nothing names, the cache is written anew, and files that are gone are left out', () => {
    lint();
    const inode = ino();
    // Every result is new twice: the results of the first run and those of the second are dead.
    for (let i = 0; i < 30; i++) edit(i);
    expect(lint().stats).toMatchObject({ files: 60, linted: 60, cached: 0 });
    for (let i = 0; i < 30; i++) edit(i);
    rmSync(join(site, 'content', 'fr', 'p29.md'));
    expect(lint().stats).toMatchObject({ files: 59, linted: 59, cached: 0 });
    expect(ino()).not.toBe(inode);
    expect(parts()).toHaveLength(1);
    const lines = linesOf(parts()[0]!);
    expect(lines).toHaveLength(59);
    expect(lines.map(([file]) => file)).not.toContain(join(site, 'content', 'fr', 'p29.md'));
    // Every byte of a file written anew is named.
    expect(headOf(readFileSync(cacheFile())).named).toBe(statSync(cacheFile()).size);
  });

  test('a lock held by a running process: the cache is written anew (renamed), not in place; a dead process\'s lock is taken over', () => {
    lint();
    const lock = `${cacheFile()}.lock`;
    // This test's own process is running.
    writeFileSync(lock, String(process.pid));
    let inode = ino();
    edit(1);
    const held = lint(en(1));
    expect(held.stats).toMatchObject({ linted: 1 });
    expect(ino()).not.toBe(inode);
    expect(parts()).toHaveLength(1);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    // A process that is gone (a run killed while it wrote).
    writeFileSync(lock, '999999');
    inode = ino();
    edit(2);
    expect(lint(en(2)).stats).toMatchObject({ linted: 1 });
    expect(ino()).toBe(inode);
    expect(parts()).toHaveLength(2);
    expect(existsSync(lock)).toBe(false);
    // A lock older than ten minutes, whatever process it names (a process id used again, this one's).
    writeFileSync(lock, String(process.pid));
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(lock, old, old);
    edit(3);
    expect(lint(en(3)).stats).toMatchObject({ linted: 1 });
    expect(ino()).toBe(inode);
    expect(parts()).toHaveLength(3);
    expect(readdirSync(site).filter((f) => f.startsWith('.postings-cache'))).toEqual(['.postings-cache']);
    expect(lint().stdout).toBe(plain());
  });

  test('bytes after the end that no header names (a run that ended before writing its header) are left alone', () => {
    lint();
    const inode = ino();
    const junk = Buffer.from('{"results": "of a run that ended"}\t\n'.repeat(10));
    writeFileSync(cacheFile(), Buffer.concat([readFileSync(cacheFile()), junk]));
    expect(lint().stats).toMatchObject({ linted: 0, cached: 60 });
    edit(4);
    expect(lint(en(4)).stats).toMatchObject({ linted: 1 });
    expect(ino()).toBe(inode);
    expect(readFileSync(cacheFile()).includes(junk)).toBe(true);
    const all = lint();
    expect(all.stats).toMatchObject({ linted: 1, cached: 59 });
    expect(all.stdout).toBe(plain());
  });

  test('a file whose results are not kept any more gets a line of null, which stands for its earlier line', () => {
    lint();
    const original = readFileSync(en(5));
    // Too large to lint: internal/too-large, which is not kept.
    writeFileSync(en(5), Buffer.concat([original, Buffer.alloc(64 * 1024, 'a')]));
    const large = lint('--max-file-size', String(32 * 1024), en(5));
    expect(large.stdout).toContain('internal/too-large');
    expect(parts()).toHaveLength(2);
    expect(linesOf(parts()[1]!)).toEqual([[en(5), null]]);
    // The same bytes as when the first part's line was written: that line no longer counts.
    writeFileSync(en(5), original);
    expect(lint(en(5)).stats).toMatchObject({ linted: 1, cached: 0 });
    expect(lint().stdout).toBe(plain());
  });
});

describe('memory at a phase boundary', () => {
  // The peak of a large run was the index's dead text and the workers' heaps at once: the run
  // collects once when the index is built. This asserts that the collection is reachable on
  // this Node (a platform that refused the flag would silently lose it) and spared to small runs.
  test('a run of thousands of files collects the index garbage before linting; a small run does not', async () => {
    const { collectAfterIndex } = await import('../src/runner/collect.js');
    expect(collectAfterIndex(1999)).toBe(false);
    expect(collectAfterIndex(2000)).toBe(true);
    expect(collectAfterIndex(16848)).toBe(true);
  });
});

/**
 * The runner as the command line drives it, in this process (its modules, the default limits and
 * configuration), and a site of two pairs of postings (the pairing/mismatch fixture) to run on.
 */
async function runnerSite(name: string) {
  const { ResultCache } = await import('../src/runner/cache.js');
  const { runFiles } = await import('../src/runner/run.js');
  const { DEFAULT_LIMITS } = await import('../src/runner/limits.js');
  const { makeConfig } = await import('./support/harness.js');
  const site = tempDir(name);
  cpSync(join(FIXTURES, 'rules', 'pairing', 'mismatch'), join(site, 'content'), { recursive: true });
  const files = ['en/designer.md', 'en/researcher.md', 'fr/chercheur.md', 'fr/concepteur.md'].map((f) => join(site, 'content', f));
  return { ResultCache, runFiles, DEFAULT_LIMITS, site, files, config: makeConfig() };
}

describe('a command-line run: V8 optimises only the code that stays hot (Node 20)', () => {
  test('the budget is set unless node was given one (Node refuses V8 flags in NODE_OPTIONS)', () => {
    expect(tieringFlag([])).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    expect(tieringFlag(['--enable-source-maps', '--max-old-space-size=4096'])).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    expect(tieringFlag(['--interrupt-budget=50000'])).toBeUndefined();
    expect(tieringFlag(['--interrupt_budget=50000'])).toBeUndefined();
  });

  test('regular expressions are compiled at their first run unless node was told how to tier them', () => {
    expect(regexpFlag([])).toBe('--no-regexp-tier-up');
    expect(regexpFlag(['--interrupt-budget=50000', '--max-old-space-size=4096'])).toBe('--no-regexp-tier-up');
    expect(regexpFlag(['--regexp-tier-up'])).toBeUndefined();
    expect(regexpFlag(['--no-regexp-tier-up'])).toBeUndefined();
    expect(regexpFlag(['--regexp_tier_up'])).toBeUndefined();
    expect(regexpFlag(['--noregexp-tier-up'])).toBeUndefined();
    expect(regexpFlag(['--regexp-tier-up-ticks=5'])).toBeUndefined();
  });

  test('the young generation is kept at its first size unless node was given a growth factor', () => {
    expect(youngGenerationFlag([])).toBe('--semi-space-growth-factor=1');
    expect(youngGenerationFlag(['--max-semi-space-size=4'])).toBe('--semi-space-growth-factor=1');
    expect(youngGenerationFlag(['--semi-space-growth-factor=4'])).toBeUndefined();
    expect(youngGenerationFlag(['--semi_space_growth_factor=4'])).toBeUndefined();
  });

  test("only the command's own process sets them: a run of the command does, the Node API (a host's process) does not", () => {
    const site = tempDir('tiering-api');
    write(site, 'content/en/dev.md', posting({ key: 'dev' }));
    write(site, 'content/fr/dev.md', posting({ key: 'dev', title: 'Développeur' }));
    // Every call of V8's setFlagsFromString in the process, said on the error output at its exit.
    const spy = join(site, 'spy.cjs');
    writeFileSync(
      spy,
      "const v8 = require('node:v8'); const calls = []; v8.setFlagsFromString = (f) => calls.push(f); require('node:module').syncBuiltinESMExports();\n" +
        "process.on('exit', () => process.stderr.write('\\nflags:' + JSON.stringify(calls) + '\\n'));\n",
    );
    const flags = (r: { stderr: string }) => JSON.parse(/flags:(.*)/.exec(r.stderr)![1]!) as string[];
    const env = { ...process.env, NO_COLOR: '1' };
    const cli = spawnSync(process.execPath, ['--require', spy, BIN, 'lint', 'content/en/dev.md'], { cwd: site, encoding: 'utf8', env });
    // When the command starts, the regular expressions' flag and a young generation kept small
    // (one file); the budget before the posting is linted.
    expect(flags(cli)).toEqual(['--no-regexp-tier-up', '--semi-space-growth-factor=1', `--interrupt-budget=${INTERRUPT_BUDGET}`]);
    // Two files: V8's own growth factor again, before the worker starts.
    const two = spawnSync(process.execPath, ['--require', spy, BIN, 'lint', 'content'], { cwd: site, encoding: 'utf8', env });
    expect(flags(two)).toEqual(['--no-regexp-tier-up', '--semi-space-growth-factor=1', '--semi-space-growth-factor=2', `--interrupt-budget=${INTERRUPT_BUDGET}`]);
    const api = spawnSync(
      process.execPath,
      ['--require', spy, '--input-type=module', '-e', `import { lintFiles } from 'postings'; console.log((await lintFiles(['content/en/dev.md'], { cwd: ${JSON.stringify(site)} })).length);`],
      { cwd: ROOT, encoding: 'utf8', env },
    );
    expect(api.stdout.trim()).toBe('1');
    expect(flags(api)).toEqual([]);
  });

  test('it is set before one small posting is linted in the main thread (a pre-commit hook), as before the workers start; never by a run that lints nothing', async () => {
    const { ResultCache, runFiles, DEFAULT_LIMITS, site, files, config } = await runnerSite('tiering');
    // (Before the workers start: every run of the command line with workers; jest runs the sources, not the built worker.)
    const calls = async (linted: string[], cache?: InstanceType<typeof ResultCache>, concurrency: 'auto' | 'inline' = 'auto') => {
      let n = 0;
      const out = await runFiles(linted, { config, locale: 'en', mode: 'lint', limits: DEFAULT_LIMITS, cwd: site, concurrency, cache, beforeLint: () => n++ });
      return { n, workers: out.stats.workers, linted: out.stats.linted };
    };
    // One posting (a pre-commit hook): linted in this thread, after the flag.
    expect(await calls([files[0]!])).toEqual({ n: 1, workers: 0, linted: 1 });
    // A warm cache, of all or of one posting: nothing is linted, nothing is set.
    const location = join(site, '.postings-cache');
    const cold = new ResultCache(location, 'content', 'test', config, 'en');
    // (An inline run: no time budget, no worker, no hook.)
    expect(await calls(files, cold, 'inline')).toEqual({ n: 0, workers: 0, linted: 4 });
    cold.save();
    expect(await calls(files, new ResultCache(location, 'content', 'test', config, 'en'))).toEqual({ n: 0, workers: 0, linted: 0 });
    expect(await calls([files[0]!], new ResultCache(location, 'content', 'test', config, 'en'))).toEqual({ n: 0, workers: 0, linted: 0 });
  });
});

describe('a posting saved while a --cache run reads it', () => {
  // The index read the posting's front matter, then the posting was saved (same size, as an
  // edited letter keeps it), then the cache took the hash of its bytes to store with that
  // index entry. The entry is of the old bytes and the hash of the new: the next run found the
  // file unchanged against that hash and kept the old entry (and its partner's pair findings)
  // until the posting changed again.
  test("an index entry is kept only when the file did not change since the run first saw it: the next run reports what a run without the cache reports", async () => {
    const { ResultCache, runFiles, DEFAULT_LIMITS, site, files, config } = await runnerSite('cache-race');
    const fr = files[3]!;
    const location = join(site, '.postings-cache');
    const run = (cache?: InstanceType<typeof ResultCache>) =>
      runFiles(files, { config, locale: 'en', mode: 'lint', limits: DEFAULT_LIMITS, cwd: site, concurrency: 'inline', cache });
    const findings = (out: Awaited<ReturnType<typeof run>>) => out.results.map((r) => [r.filePath.slice(site.length), r.findings.map((f) => `${f.ruleId}:${f.line}:${f.column}`)]);

    const first = new ResultCache(location, 'content', 'test', config, 'en');
    const store = first.storeEntries.bind(first);
    // Saved between the index's read and the cache's: a translation key of the same length.
    first.storeEntries = (...args) => {
      writeFileSync(fr, readFileSync(fr, 'utf8').replace('translationKey: designer', 'translationKey: desigper'));
      store(...args);
    };
    await run(first);
    first.save();

    const plain = findings(await run());
    expect(plain.find(([f]) => f === '/content/en/designer.md')![1]).not.toEqual([]);
    const warm = await run(new ResultCache(location, 'content', 'test', config, 'en'));
    expect(findings(warm)).toEqual(plain);
  });
});
