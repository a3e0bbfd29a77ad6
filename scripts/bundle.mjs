#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js) into dist/bundle/ so that a run loads a few
// files instead of several hundred small modules (unified, micromark, yaml, ajv): a
// pre-commit hook on one file starts in about half the time. Dynamic imports stay
// separate chunks, so reporters and commands are still loaded only when used.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

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
  plugins: [
    {
      // commander's `child_process`, loaded on first use (see scripts/bundle/lazy-child-process.cjs).
      name: 'lazy-child-process',
      setup(b) {
        b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
          /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: join(root, 'scripts', 'bundle', 'lazy-child-process.cjs') } : undefined,
        );
      },
    },
  ],
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

// The command line again, as one CommonJS script (everything the ES module bundle loads on
// demand is in it, run only when used), for Node 20's code cache: bin/code-cache.cjs compiles
// it with V8's bytecode of an earlier run (cli.cache, written below) instead of parsing and
// compiling some 1.5 MB of modules at every start. Node 22.1 and later keep the ES module
// bundle with `module.enableCompileCache` and never read these two files.
await build({
  ...common,
  entryPoints: { cli: join(root, 'dist', 'cli', 'main.js') },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  splitting: false,
  // Less text to read at each start (the code cache makes the rest of its size cheap).
  minifyWhitespace: true,
  charset: 'ascii',
  define: { 'import.meta.url': '__postingsUrl' },
  banner: { js: "var __postingsUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const cli = join(outdir, 'cli.cjs');
// esbuild leaves non-ASCII letters in regular expression literals: written as \u escapes
// there, the script is ASCII and is read as a one-byte string, without a UTF-8 decode.
let code = readFileSync(cli, 'utf8');
if (/\\[^\x00-\x7f]/u.test(code)) throw new Error('bundle: an escaped non-ASCII character in cli.cjs; cannot make it ASCII');
code = code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(cli, code);

// The build's id: a hash of the bundle's code. The cache (`--cache`) keeps it with the version:
// a postings built from another commit with the same version (installed from git, or built
// here) does not take the results another build stored.
{
  const hash = createHash('sha256');
  for (const name of readdirSync(outdir).filter((n) => /\.(c?js)$/.test(n)).sort()) hash.update(name).update('\0').update(readFileSync(join(outdir, name)));
  writeFileSync(join(outdir, 'build-id'), hash.digest('hex').slice(0, 16) + '\n');
}

// The code cache: the script run once here, in this process, on the fixtures (a Hugo site's
// posting and its translation, and a folder of postings), so that the cache holds the bytecode
// of what a lint run uses; then V8 serialises it.
const { compileCli, cacheKey, CLI_CACHE } = createRequire(import.meta.url)(join(root, 'bin', 'code-cache.cjs'));
try {
  const { script, exports: cliExports } = compileCli(undefined);
  const quiet = { env: {}, stdout: () => {}, stderr: () => {}, isTTY: false, stderrIsTTY: false, version: '0.0.0' };
  // No `tiering` in this io: the warm-up leaves V8's flags as a run starts with them (V8 takes
  // a code cache only under the flags it was made with; see src/cli/tiering.ts).
  for (const [cwd, argv] of [
    [join(root, 'fixtures', 'hugo-site'), ['lint', '--format', 'json', 'content/en/careers/positions/developer.md']],
    [join(root, 'fixtures', 'clean-pair'), ['lint', '--format', 'stylish', 'content/en/careers/positions/senior-developer--0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b.md']],
  ]) {
    await cliExports.main(argv, { ...quiet, cwd });
  }
  writeFileSync(CLI_CACHE, Buffer.concat([Buffer.from(cacheKey(statSync(cli).size) + '\n', 'latin1'), script.createCachedData()]));
} catch (e) {
  // Without the fixtures (or if the run fails), no cache: the command then loads the ES module bundle.
  console.warn(`bundle: no code cache (${e instanceof Error ? e.message : e})`);
}
