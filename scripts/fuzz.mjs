#!/usr/bin/env node
// `npm run fuzz -- --runs N --seed S [--cli N] [--only I]`: the fuzz suite of `npm test`
// (test/fuzz.test.ts) with as many cases as asked. Each failure prints a minimal
// reproduction; save its input under fixtures/fuzz/ to keep it as a regression case.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const env = { ...process.env };
const names = { '--runs': 'FUZZ_RUNS', '--seed': 'FUZZ_SEED', '--cli': 'FUZZ_CLI_RUNS', '--only': 'FUZZ_ONLY' };
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i].split('=');
  const name = names[flag];
  const value = inline ?? args[++i];
  if (!name || value === undefined || !/^\d+$/.test(value)) {
    console.error(`usage: npm run fuzz -- [--runs N] [--seed S] [--cli N] [--only I]\n(bad argument: ${args[i] ?? flag})`);
    process.exit(2);
  }
  env[name] = value;
}
if (env.FUZZ_SEED === undefined) env.FUZZ_SEED = String(Date.now() % 2 ** 31);
console.log(`fuzz: seed ${env.FUZZ_SEED}, ${env.FUZZ_ONLY !== undefined ? `case ${env.FUZZ_ONLY}` : `${env.FUZZ_RUNS ?? 2000} cases`}`);
const r = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--runTestsByPath', join(root, 'test', 'fuzz.test.ts')],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
