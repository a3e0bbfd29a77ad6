#!/usr/bin/env node
// Times `postings lint` on a content folder, optionally copied N times under new
// translation keys (to see how the linter scales).
//   node scripts/bench.mjs <content-dir> [copies=1] [runs=3]
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const [source, copiesArg = '1', runsArg = '3'] = process.argv.slice(2);
if (!source) {
  console.error('usage: node scripts/bench.mjs <content-dir> [copies] [runs]');
  process.exit(2);
}
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'postings.js');
const copies = Number(copiesArg);
let target = source;
let files = 0;
const work = copies > 1 ? mkdtempSync(join(tmpdir(), 'postings-bench-')) : undefined;
if (work) {
  target = join(work, 'content');
  for (let i = 0; i < copies; i++) {
    const dir = join(work, `copy-${i}`);
    cpSync(source, dir, { recursive: true });
    (function walk(d) {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.md')) {
          const text = readFileSync(p, 'utf8').replace(/^translationKey:\s*(.+)$/m, (_, k) => `translationKey: ${k.trim()}-${i}`);
          writeFileSync(p, text);
        }
      }
    })(dir);
    for (const lang of ['en', 'fr']) cpSync(join(dir, lang), join(target, lang, `copy-${i}`), { recursive: true });
    rmSync(dir, { recursive: true });
  }
}
(function count(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) count(p);
    else if (name.endsWith('.md')) files++;
  }
})(target);
const times = [];
for (let r = 0; r < Number(runsArg); r++) {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', target], { encoding: 'utf8', maxBuffer: 1 << 28 });
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  if (res.status === 2) {
    console.error(res.stderr);
    process.exit(2);
  }
}
times.sort((a, b) => a - b);
console.log(`${files} files: median ${times[Math.floor(times.length / 2)].toFixed(2)} s, best ${times[0].toFixed(2)} s over ${times.length} runs`);
if (work) rmSync(work, { recursive: true, force: true });
