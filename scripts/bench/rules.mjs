#!/usr/bin/env node
// `npm run bench:rules -- <folder> [--runs N] [--locale en|fr] [--all]`: where the time of a
// lint goes, rule by rule, against the parse of the same files. In one process, every
// Markdown file under <folder> is read once, then, run after run, parsed (remark + the front
// matter's YAML, as a worker does) and linted with every rule on, each rule's `create` timed
// on its own (as ESLint's TIMING=1 table). Times are CPU time of the process
// (`process.cpuUsage`, so a busy machine that takes the core away does not count; the
// garbage collector's helper threads do). Prints, per rule and per family, the median time
// over the runs and its ratio to the parse: the ratios are what to compare. The configuration is <folder>'s (or the defaults), the
// cross-file index is built once as a run builds it.
//
// The first rule to ask for what rules share (the prose segments of a posting, their
// language) pays for computing it: read the family rows as well as the rule rows.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (p) => import(new URL(`../../dist/${p}`, import.meta.url).href);

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const folder = resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? join(root, 'fixtures'));
const runs = Math.max(1, Number(opt('runs', '3')));
const locale = opt('locale', 'en');
const showAll = args.includes('--all');

const { rules } = await dist('rules/index.js');
const { loadConfig } = await dist('cli/config-loader.js');
const { buildProject } = await dist('cli/project.js');
const { outliner } = await dist('pairing/outliner.js');
const { comparedGroups } = await dist('pairing/outline-pairs.js');
const { pairingSettings } = await dist('lib/pairing.js');
const { parsePosting } = await dist('engine/parse.js');
const { lintPosting } = await dist('engine/lint.js');

const files = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && /\.md$/i.test(e.name)) files.push(p);
  }
})(statSync(folder).isDirectory() ? folder : dirname(folder));
if (files.length === 0) {
  console.error(`bench:rules: no Markdown file under ${folder}`);
  process.exit(2);
}

const { config } = loadConfig({ cwd: statSync(folder).isDirectory() ? folder : dirname(folder), rules });
const { index } = buildProject(files, config);
const texts = files.map((f) => readFileSync(f, 'utf8'));
// The outlines pairing/structure and pairing/values compare are made in each run from that
// run's parse (as a job makes them, outside the rules) and timed on their own row: new outline
// objects each run, so that no comparison kept with the last run's outlines (the alignment,
// the gaps) is reused, and the pairing rows are a real run's.
const outline = outliner(config);
const entryOf = new Map(index.entries.map((e) => [e.filePath, e]));
// Only the postings of a translation group are outlined, as in a run (every file is linted here).
const compared = new Set(comparedGroups(index.entries, config.language, () => true, pairingSettings(config.settings).by).flat());

/** CPU time of the process in milliseconds (user and system). */
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// Each rule's create, timed on its own; the engine around it (directives, sorting) is `engine`.
const spent = new Map();
const timed = rules.map((rule) => ({
  meta: rule.meta,
  create(context) {
    const t0 = cpu();
    try {
      rule.create(context);
    } finally {
      spent.set(rule.meta.id, (spent.get(rule.meta.id) ?? 0) + cpu() - t0);
    }
  },
}));

const samples = new Map(); // row -> ms per run
const add = (row, ms) => {
  if (!samples.has(row)) samples.set(row, []);
  samples.get(row).push(ms);
};
let findings = 0;
let cold = { parse: 0, rules: 0 };
// One pass first, not in the table: the runs compare warm code, as a worker's is after a few files.
for (let run = 0; run <= runs; run++) {
  spent.clear();
  let parse = 0;
  let outlines = 0;
  let lint = 0;
  findings = 0;
  const postings = files.map((f, k) => {
    const t0 = cpu();
    const posting = parsePosting(texts[k], f, config.language);
    parse += cpu() - t0;
    return posting;
  });
  for (const posting of postings) {
    const entry = entryOf.get(posting.filePath);
    if (!entry || !compared.has(entry)) continue;
    const t0 = cpu();
    try {
      entry.outline = outline(posting);
    } catch {
      delete entry.outline; // not compared, as in a run
    }
    outlines += cpu() - t0;
  }
  for (let k = 0; k < files.length; k++) {
    const t1 = cpu();
    findings += lintPosting(postings[k], { filePath: files[k], config, rules: timed, locale, project: index }).length;
    lint += cpu() - t1;
  }
  const ruleTotal = [...spent.values()].reduce((a, b) => a + b, 0);
  if (run === 0) {
    // A run of the CLI lints each file once: this first pass is what a worker's first files cost.
    cold = { parse, rules: ruleTotal };
    continue;
  }
  add('parse', parse);
  add('outlines for the pairing rules', outlines);
  add('all rules', ruleTotal);
  add('engine (directives, findings)', lint - ruleTotal);
  const families = new Map();
  for (const [id, ms] of spent) {
    add(id, ms);
    const family = `${id.split('/')[0]}/*`;
    families.set(family, (families.get(family) ?? 0) + ms);
  }
  for (const [family, ms] of families) add(family, ms);
}

const row = (name) => median(samples.get(name) ?? [0]);
const parse = row('parse');
const pad = (s, n) => String(s).padEnd(n);
// The outlines are not a rule: no share of the rules' time.
const line = (name, ms, ofRules = true) =>
  `${pad(name, 44)}|${ms.toFixed(1).padStart(10)} |${(ms / parse).toFixed(3).padStart(9)} |${ofRules ? `${((100 * ms) / row('all rules')).toFixed(1).padStart(8)}%` : ''}`;

console.log(`${files.length} files under ${folder}; median of ${runs} run(s) after one warm-up; ${findings} findings`);
console.log(`first pass (code not yet optimised): parse ${cold.parse.toFixed(0)} ms, all rules ${cold.rules.toFixed(0)} ms (${(cold.rules / cold.parse).toFixed(3)}× parse)`);
console.log(`${pad('Rule', 44)}|${'CPU (ms)'.padStart(10)} |${'× parse'.padStart(9)} |${'of rules'.padStart(9)}`);
console.log(`${'-'.repeat(44)}|${'-'.repeat(11)}|${'-'.repeat(10)}|${'-'.repeat(9)}`);
console.log(line('parse (remark + YAML)', parse));
console.log(line('outlines for the pairing rules', row('outlines for the pairing rules'), false));
console.log(line('all rules', row('all rules')));
console.log(line('engine (directives, findings)', row('engine (directives, findings)')));
console.log('');
const ids = [...samples.keys()].filter((k) => k.includes('/') && !k.endsWith('/*'));
const familyRows = [...samples.keys()].filter((k) => k.endsWith('/*'));
for (const name of familyRows.sort((a, b) => row(b) - row(a))) console.log(line(name, row(name)));
console.log('');
const sorted = ids.sort((a, b) => row(b) - row(a));
for (const name of showAll ? sorted : sorted.slice(0, 15)) console.log(line(name, row(name)));
