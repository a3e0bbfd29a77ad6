#!/usr/bin/env node
// Startup of the one-posting run (a pre-commit hook, an editor's save), side by side with the
// bare parse of the same file (scripts/bench/bare.mjs: node start, unified + remark-parse +
// remark-frontmatter, one parse). Medians of wall and CPU (user + system, every thread) time,
// and the quartiles of each round's ratio to that round's bare parse (paired):
//
//   node scripts/bench/startup.mjs [--site <folder holding content/>] [--file <posting>] [--runs N]
//                                  [--bin <postings.js>] [--against <postings.js>] [--json]
//
// `--bin`: another build's bin/postings.js instead of this one. `--against`: a second build,
// whose two lint cases are printed under this one's (to compare before and after a change).
// The cases take turns, one sample of each per round, so that a machine's load, which drifts
// over a minute, weighs on every case alike (the bare parse included).
//
// Cases:
//   bare           the floor: parse the posting, nothing else
//   --version      node start + the CLI's own start
//   (a) content    `postings lint <file>` in a folder holding only content/ (no Hugo config)
//   (b) site       `postings lint <file>` from the site's root (config, layouts, index of pages)
// CPU time comes from /usr/bin/time (every thread of the process, lint workers included);
// `node -e 0` is the cost of node's own start, for reference.
// bench.mjs can import `startupRows` to print the same lines.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { formatRatio, median, pairedRatio, roundsInTurn } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let bin = join(root, 'bin', 'postings.js');
const bare = join(root, 'scripts', 'bench', 'bare.mjs');

/** Wall and CPU milliseconds (user + system, every thread) and peak memory of one run of node `argv` in `cwd`. */
function sample(argv, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...argv], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  const [user, sys, maxKiB] = lines[lines.length - 1].split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000, maxMiB: maxKiB / 1024 };
}


/**
 * Median wall, CPU and memory of each case (`[name, argv, cwd]`), `runs` rounds of one sample
 * each, in turn; and each case's ratios to the bare parse of the same round (`paired`: their
 * quartiles), which a machine whose speed drifts between rounds moves less than the medians.
 */
function measureInTurn(cases, runs) {
  const samples = roundsInTurn(cases, runs, ([, argv, cwd]) => sample(argv, cwd));
  const bareAt = cases.findIndex(([name]) => name === 'bare parse');
  return cases.map(([name], c) => {
    const of = (key) => median(samples[c].map((s) => s[key]));
    const paired = (key) => (bareAt < 0 ? undefined : pairedRatio(samples[c], samples[bareAt], key));
    return [name, { wall: of('wall'), cpu: of('cpu'), maxMiB: of('maxMiB'), pairedWall: paired('wall'), pairedCpu: paired('cpu') }];
  });
}

function firstPosting(site) {
  const dir = join(site, 'content');
  const found = [];
  (function walk(d) {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.md$/i.test(e.name) && !/^_index/i.test(e.name)) found.push(p);
    }
  })(dir);
  return found.find((f) => /[\\/]careers[\\/]/.test(f)) ?? found[0];
}

/**
 * The startup rows: [name, { wall, cpu, maxMiB }] per case. `file` is a posting inside
 * `site`/content.
 */
export function startupRows({ site, file, runs = 5, postings = bin, against }) {
  const work = mkdtempSync(join(tmpdir(), 'postings-startup-'));
  try {
    cpSync(join(site, 'content'), join(work, 'content'), { recursive: true });
    const rel = relative(site, file);
    const list = join(work, 'one.txt');
    writeFileSync(list, file);
    const cases = [
      ['node -e 0', ['-e', '0'], work],
      ['bare parse', [bare, list], work],
      ['postings --version', [postings, '--version'], work],
      ['(a) lint, content/ only', [postings, 'lint', rel], work],
      ['(b) lint, in the site', [postings, 'lint', rel], site],
    ];
    if (against) {
      cases.push(['(a) --against build', [against, 'lint', rel], work]);
      cases.push(['(b) --against build', [against, 'lint', rel], site]);
    }
    return measureInTurn(cases, runs);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatRows(rows) {
  const bareRow = rows.find(([n]) => n === 'bare parse')[1];
  const pad = (s, n) => String(s).padEnd(n);
  const range = (q) => (q ? formatRatio(q) : '');
  const lines = [
    `${pad('startup (one posting)', 28)}${pad('wall ms', 10)}${pad('cpu ms', 10)}${pad('MiB', 8)}${pad('× bare (wall, cpu)', 20)}${pad('paired wall (quartiles)', 26)}paired cpu`,
  ];
  for (const [name, m] of rows) {
    lines.push(
      `${pad(name, 28)}${pad(m.wall.toFixed(0), 10)}${pad(m.cpu.toFixed(0), 10)}${pad(m.maxMiB.toFixed(0), 8)}${pad(`${(m.wall / bareRow.wall).toFixed(2)}×, ${(m.cpu / bareRow.cpu).toFixed(2)}×`, 20)}${pad(range(m.pairedWall), 26)}${range(m.pairedCpu)}`,
    );
  }
  lines.push(
    '',
    "paired: the median of each round's ratio to the bare parse of that round, with its first and third quartiles.",
    'CPU time comes from /usr/bin/time in steps of 10 ms: a round\'s CPU ratio moves by steps of a few per cent.',
  );
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const site = opt('site', join(root, 'fixtures', 'site'));
  if (!existsSync(join(site, 'content'))) {
    console.error(`startup: ${site} has no content/ folder`);
    process.exit(2);
  }
  const file = opt('file') ? resolve(opt('file')) : firstPosting(site);
  if (opt('bin')) bin = resolve(opt('bin'));
  const against = opt('against') ? resolve(opt('against')) : undefined;
  const rows = startupRows({ site, file, runs: Number(opt('runs', '5')), postings: bin, against });
  if (args.includes('--json')) console.log(JSON.stringify(Object.fromEntries(rows)));
  else {
    console.log(`${relative(site, file)} (${site}), median of ${opt('runs', '5')} runs\n`);
    console.log(formatRows(rows));
  }
}
