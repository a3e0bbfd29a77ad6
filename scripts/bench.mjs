#!/usr/bin/env node
// `npm run bench`: postings against the bare parse of the same files (unified + remark-parse +
// remark-frontmatter in one process, the floor of any remark-based linter), side by side in
// one run: all files cold, all files with a warm --cache (against a bare read), one posting of
// the site (without the cache, from the site's root when it is a Hugo site, and changed with the
// cache of all), and peak memory. Each row's two sides take turns, run after run, and its ratio
// is the median of the rounds' ratios (with quartiles). Prints ratios; the seconds are this
// machine's, on this load.
//
//   npm run bench -- [--site <folder holding content/>] [--only <folder under each language>]
//                    [--copies N] [--runs R] [--one <end of a path>] [--keep]
//
// Each copy is its own site (its own content/ folder), as N teams' repositories would be.
// Default site: fixtures/site. Nothing is written outside a temporary folder.
import { closeSync, cpSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, dirname, basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { formatRatio, median, pairedRatio, roundsInTurn } from './bench/stats.mjs';
// Whether the site given is a Hugo site root, as the command decides it (`npm run bench` builds first).
import { siteConfigIn } from '../dist/site/load.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const site = resolve(opt('site', join(root, 'fixtures', 'site')));
const copies = Number(opt('copies', '1'));
const runs = Number(opt('runs', '3'));
const concurrency = opt('concurrency', 'auto');
if (!existsSync(join(site, 'content'))) {
  console.error(`bench: ${site} has no content/ folder`);
  process.exit(2);
}

const bin = join(root, 'bin', 'postings.js');
const work = mkdtempSync(join(tmpdir(), 'postings-bench-'));
// `--only careers/positions`: copy only that folder of each language (the postings of a
// real site, without its blog posts and other pages, which a site's layout would not lint).
const only = opt('only', undefined);
for (let i = 0; i < copies; i++) {
  const to = join(work, `site-${i}`, 'content');
  if (!only) cpSync(join(site, 'content'), to, { recursive: true });
  else for (const lang of readdirSync(join(site, 'content'))) {
    const from = join(site, 'content', lang, only);
    if (existsSync(from)) cpSync(from, join(to, lang, only), { recursive: true });
  }
}

const files = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.toLowerCase().endsWith('.md') && !/^_index(\.[a-z]{2})?\.md$/i.test(e.name)) files.push(p);
  }
})(work);
const allList = join(work, 'all.txt');
writeFileSync(allList, files.join('\n'));
// One posting of the first site: the pre-commit case (the rest of the site is only indexed).
// `--one <end of a path>`: that posting of the first site instead (a posting with one partner,
// say, where the first posting of a site may share its key with several).
const oneWanted = opt('one', undefined);
const firstSite = join(work, 'site-0') + '/';
const one = oneWanted
  ? files.find((f) => f.startsWith(firstSite) && f.endsWith(oneWanted))
  : files.find((f) => /[\\/]careers[\\/]/.test(f)) ?? files[0];
if (!one) {
  console.error(`bench: no file of the first site ends with ${oneWanted}`);
  process.exit(2);
}
const oneList = join(work, 'one.txt');
writeFileSync(oneList, one);

// The report goes to a file, as a CI job's log or report file would take it: collected through
// a pipe, 100 MB of JSON (16,848 postings) cost this process 0.5 s to read and decode, which
// `cat` of the same file costs too, and which the bare side, printing nothing, never pays.
function measure(argv, cwd = work) {
  const rssFile = join(work, 'rss.txt');
  const out = openSync(join(work, 'report.out'), 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', join(root, 'scripts', 'bench', 'rss.cjs'), ...argv], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', out, 'pipe'],
    maxBuffer: 1 << 30,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  closeSync(out);
  // A lint exits 1 when it finds something; a bare script that does not exit 0 failed.
  const ok = argv[0] === bin ? [0, 1] : [0];
  if (!ok.includes(r.status)) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  const [rssKiB, cpuMicros] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
  return { seconds, rssMiB: rssKiB / 1024, cpu: cpuMicros / 1e6 };
}

/**
 * `runs` rounds of each case (`{ argv, cwd, before }`, `before` run before its sample), in
 * turn (see roundsInTurn). Returns, per case, the median seconds, the peak memory of its runs,
 * and the quartiles of its paired ratio (time) to the first case of each round.
 */
function inTurn(cases) {
  const samples = roundsInTurn(cases, runs, (c) => {
    c.before?.();
    return measure(c.argv, c.cwd);
  });
  return samples.map((xs) => ({
    seconds: median(xs.map((x) => x.seconds)),
    rssMiB: Math.max(...xs.map((x) => x.rssMiB)),
    cpu: median(xs.map((x) => x.cpu)),
    // The share of its wall time that the process kept the machine's cores busy (1 = all of them).
    busy: median(xs.map((x) => x.cpu / x.seconds / threads)),
    paired: pairedRatio(xs, samples[0], 'seconds'),
  }));
}

const bare = join(root, 'scripts', 'bench', 'bare.mjs');
const lint = (...more) => [bin, 'lint', '--format', 'json', '--concurrency', concurrency, ...more];
const cache = join(work, '.postings-cache');
const dropCache = () => rmSync(cache, { force: true });

console.log(`postings bench: ${files.length} files (${copies} cop${copies === 1 ? 'y' : 'ies'} of ${site}${only ? `, ${only} only` : ''}), median of ${runs} runs, concurrency ${concurrency}\n`);
const bareWorkers = join(root, 'scripts', 'bench', 'bare-workers.mjs');
const threads = availableParallelism();
// Each row: the bare side and postings in turn, round after round (see inTurn). The cold row
// also takes the bare parse split over the machine's threads: what parsing in parallel can gain
// on this machine, the floor of a linter that does (the cold ratio cannot go below it).
const [coldBare, coldLint, split] = inTurn([
  { argv: [bare, allList] },
  { argv: lint('.'), before: dropCache },
  { argv: [bareWorkers, allList] },
]);
const rows = [['all files, cold', coldBare, coldLint]];
// The warm runs: a first run (not timed) writes the cache of every file.
measure(lint('--cache', '--cache-location', cache, '.'));
rows.push(['all files, warm --cache (vs bare read)', ...inTurn([{ argv: [bare, allList, '--read-only'] }, { argv: lint('--cache', '--cache-location', cache, '.') }])]);
rows.push(['one posting of the site', ...inTurn([{ argv: [bare, oneList] }, { argv: lint(one) }])]);
// The pre-commit case as a writer's hook runs it: from the root of the site given (when it is a
// Hugo site: its configuration, layouts and every page), where the run also reads the site's
// configuration, indexes its pages and lints the layouts that render the posting. The site is
// only read. The same posting as above, in the site given.
const inSite = join(site, one.slice(firstSite.length));
if (siteConfigIn(site) && existsSync(inSite)) {
  const inSiteList = join(work, 'one-in-site.txt');
  writeFileSync(inSiteList, inSite);
  rows.push(['one posting, from the site root', ...inTurn([{ argv: [bare, inSiteList] }, { argv: lint(one.slice(firstSite.length)), cwd: site }])]);
}
// The pre-commit case with --cache: the posting changed (a blank line more at each run), linted
// alone, with the cache the warm runs above left (every file of every copy): its new results
// are written after the end of the cache file, not the whole file again.
const original = readFileSync(one);
let edits = 0;
const editOne = () => writeFileSync(one, Buffer.concat([original, Buffer.from('\n'.repeat(++edits))]));
rows.push([
  'one posting, changed, --cache of all',
  ...inTurn([
    { argv: [bare, oneList], before: editOne },
    { argv: lint('--cache', '--cache-location', cache, one), before: editOne },
  ]),
]);
writeFileSync(one, original);
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('case', 42)}${pad('bare', 18)}${pad('postings', 18)}${pad('time: paired ratio (quartiles)', 32)}memory`);
for (const [name, b, p] of rows) {
  console.log(
    `${pad(name, 42)}${pad(`${b.seconds.toFixed(2)} s ${b.rssMiB.toFixed(0)} MiB`, 18)}${pad(`${p.seconds.toFixed(2)} s ${p.rssMiB.toFixed(0)} MiB`, 18)}${pad(formatRatio(p.paired), 32)}${(p.rssMiB / b.rssMiB).toFixed(2)}×`,
  );
}
console.log(
  `\nthe bare parse over ${threads} worker threads: ${split.seconds.toFixed(2)} s ${split.rssMiB.toFixed(0)} MiB, ${formatRatio(split.paired)} the bare parse in one thread`,
);
// The floor this machine sets: the bare parse in one process already keeps more than one core
// busy (V8 compiles and collects garbage on threads of its own). A run that parses the same files
// needs at least that CPU time, and N cores give it at most N seconds of CPU a second.
const floor = coldBare.cpu / threads / coldBare.seconds;
console.log(
  `CPU time, all files cold: bare ${coldBare.cpu.toFixed(2)} s (${(coldBare.busy * 100).toFixed(0)}% of ${threads} cores), postings ${coldLint.cpu.toFixed(2)} s (${(coldLint.busy * 100).toFixed(0)}%): ${(coldLint.cpu / coldBare.cpu).toFixed(2)}× the bare parse's CPU.\n` +
    `On ${threads} cores no run that parses these files as the bare side does can take less than ${floor.toFixed(2)}× the bare parse (its CPU time over ${threads} cores); postings at its CPU time, less than ${(coldLint.cpu / threads / coldBare.seconds).toFixed(2)}×.`,
);
console.log("\npaired ratio: the median of each round's ratio to the bare side of that round, with its first and third quartiles; memory: peak against peak.");
if (args.includes('--keep')) console.log(`\ncorpus kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
