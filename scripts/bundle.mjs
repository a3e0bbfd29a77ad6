#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js) into dist/bundle/ so that a run loads a few
// files instead of several hundred small modules (unified, micromark, yaml, ajv): a
// pre-commit hook on one file starts in about half the time. Dynamic imports stay
// separate chunks, so reporters and commands are still loaded only when used.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
const common = {
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (ajv) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __postingsRequire } from 'node:module'; const require = __postingsRequire(import.meta.url);" },
  // The ReDoS checker is large and needed only for a configuration's own patterns: loaded
  // from node_modules when needed, not parsed at every start.
  external: ['recheck'],
  logLevel: 'warning',
  legalComments: 'none',
};
// The CLI and the Node API (`import { lintFiles } from 'postings'`) share their chunks.
await build({
  ...common,
  entryPoints: { main: join(root, 'dist', 'cli', 'main.js'), api: join(root, 'dist', 'api.js') },
  splitting: true,
});
// A lint worker (src/runner/worker.ts) is one file, apart: it starts with one module to
// resolve, read and link instead of about twenty shared chunks (about 15 ms less CPU per
// worker, median of 11 starts), which a one-posting run (a pre-commit hook) waits for. The
// pool finds `worker.js` next to itself.
await build({
  ...common,
  entryPoints: { worker: join(root, 'dist', 'runner', 'worker.js') },
  splitting: false,
});
