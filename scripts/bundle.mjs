#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js) into dist/bundle/ so that a run loads a few
// files instead of several hundred small modules (unified, micromark, yaml, ajv): a
// pre-commit hook on one file starts in about half the time. Dynamic imports stay
// separate chunks, so reporters and commands are still loaded only when used.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeModule, { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { compileCli, cacheFile, CLI_SCRIPT, CLI_CACHE, WORKER_SCRIPT, WORKER_CACHE, WRAPPER_OPEN, WRAPPER_CLOSE } = createRequire(import.meta.url)(
  join(root, 'bin', 'code-cache.cjs'),
);
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
const common = {
  outdir,
  // Paths in the metafile (below) relative to the package, wherever the build is run from.
  absWorkingDir: root,
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
      // chalk's colour detection asks whether fds 1 and 2 are terminals when it is loaded:
      // bin/terminal.cjs answers for a file or a pipe without loading `node:tty` and `net`.
      name: 'lazy-tty',
      setup(b) {
        b.onResolve({ filter: /^(node:)?tty$/ }, (args) =>
          /[\\/]node_modules[\\/]chalk[\\/]/.test(args.importer) ? { path: join(root, 'bin', 'terminal.cjs') } : undefined,
        );
      },
    },
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
const esm = await build({
  ...common,
  entryPoints: { main: join(root, 'dist', 'cli', 'main.js'), api: join(root, 'dist', 'api.js') },
  splitting: true,
  metafile: true,
});
// A lint worker (src/runner/worker.ts) is one file, apart: it starts with one module to
// resolve, read and link instead of about twenty shared chunks (about 15 ms less CPU per
// worker, median of 11 starts), which a one-posting run (a pre-commit hook) waits for. The
// pool finds `worker.js` next to itself. On Node 20 the pool starts the CommonJS worker
// script with its code cache instead (below); this one serves Node 22.1 and later.
await build({
  ...common,
  entryPoints: { worker: join(root, 'dist', 'runner', 'worker.js') },
  splitting: false,
});

// `postings new` and `postings lsp` are not in the CommonJS script: the prompts (with an
// encoding converter for the external editor, about 700 KB) and the language server's
// protocol (about 460 KB) were 40% of it, read at every start of a lint. bin/postings.js runs
// these two commands from the ES module bundle. Should the script get one all the same, the
// command's module there imports the ES module bundle's chunk of it (found in the build's
// metafile), through bin/code-cache.cjs, and calls it (its errors are then reported as
// internal ones: their classes are the chunk's, not the script's).
const chunkOf = (source) => {
  const entry = Object.entries(esm.metafile.outputs).find(([, o]) => o.entryPoint === source);
  if (!entry) throw new Error(`bundle: no chunk for ${source}`);
  return entry[0].split('/').pop();
};
const commandsFromEsm = {
  name: 'commands-from-esm',
  setup(b) {
    const commands = { './new-command.js': ['dist/cli/new-command.js', 'runNew'], '../lsp/server.js': ['dist/lsp/server.js', 'runLspStdio'] };
    b.onResolve({ filter: /^(\.\/new-command|\.\.\/lsp\/server)\.js$/ }, (args) =>
      /[\\/]dist[\\/]cli[\\/]main\.js$/.test(args.importer) ? { path: args.path, namespace: 'esm-command' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'esm-command' }, (args) => {
      const [source, name] = commands[args.path];
      const url = JSON.stringify(`./${chunkOf(source)}`);
      // bin/code-cache.cjs, which compiled this script, imports for it (a vm.Script cannot).
      const importer = "require(require('node:path').join(__dirname, '..', '..', 'bin', 'code-cache.cjs'))";
      return { contents: `export async function ${name}(...args) { return (await ${importer}.importEsm(new URL(${url}, import.meta.url).href)).${name}(...args); }`, loader: 'js' };
    });
  },
};

// The command line again, as one CommonJS script (everything the ES module bundle loads on
// demand is in it, run only when used), for Node 20's code cache: bin/code-cache.cjs compiles
// it with V8's bytecode of an earlier run (cli.cache, written below) instead of parsing and
// compiling some 1.5 MB of modules at every start. Node 22.1 and later keep the ES module
// bundle with `module.enableCompileCache` and never read these two files (nor the workers' two
// below).
const scriptBuild = {
  ...common,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  splitting: false,
  charset: 'ascii',
  define: { 'import.meta.url': '__postingsUrl' },
  banner: { js: "var __postingsUrl = require('node:url').pathToFileURL(__filename).href;" },
};
await build({
  ...scriptBuild,
  entryPoints: { cli: join(root, 'dist', 'cli', 'main.js') },
  // Minified (1.5 MB -> 1.1 MB): less text to read and to copy into a string at each start, and
  // a code cache with shorter names. A one-posting run of the real site from its root, `npm run
  // bench:startup --against` the build with whitespace removed only, 21 rounds: 1.36x
  // (1.34-1.39) against 1.42x (1.39-1.44) the bare parse, CPU 1.48x against 1.55x. Its stack
  // traces name minified functions: `--debug` (which prints them) runs the ES module bundle,
  // unminified (bin/postings.js), as do Node 22.1 and later and the Node API; the workers'
  // script (below) is not minified either.
  minify: true,
  plugins: [...common.plugins, commandsFromEsm],
});
// A lint worker again, as one CommonJS script for its own code cache (bin/lint-worker.cjs,
// which the pool starts on Node 20): src/runner/worker-serve.ts. Not minified: its stack traces
// and V8's messages (a rule's crash finding) name functions as the source does.
await build({ ...scriptBuild, entryPoints: { worker: join(root, 'dist', 'runner', 'worker-serve.js') } });

/**
 * Make a CommonJS script of the build ASCII and wrap it as a module. esbuild leaves non-ASCII
 * letters in regular expression literals: written as \u escapes there, the script is ASCII
 * and is read as a one-byte string, without a UTF-8 decode. The module wrapper is written into
 * the file, so that bin/code-cache.cjs compiles the text it read as it is: wrapped at each
 * start, the 2.5 MB string was a concatenation that V8 copied into one flat string before
 * compiling it (about 7 ms of a one-posting run).
 */
function wrapScript(path) {
  let code = readFileSync(path, 'utf8');
  if (/\\[^\x00-\x7f]/u.test(code)) throw new Error(`bundle: an escaped non-ASCII character in ${path}; cannot make it ASCII`);
  code = code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(path, `${WRAPPER_OPEN}${code}${WRAPPER_CLOSE}`);
}
wrapScript(CLI_SCRIPT);
wrapScript(WORKER_SCRIPT);

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
  writeFileSync(CLI_CACHE, cacheFile(CLI_SCRIPT, script));
} catch (e) {
  // Without the fixtures (or if the run fails), no cache: the command then loads the ES module bundle.
  console.warn(`bundle: no code cache (${e instanceof Error ? e.message : e})`);
}

// The lint worker's code cache: made by a worker of a real run of the command (bin/postings.js,
// in a process of its own), on the fixtures' Hugo site, with one worker: V8 takes a cache only
// under the flags it was made with, and the command sets its flags (src/cli/tiering.ts) before
// its workers start. The worker writes the cache after each job (bin/lint-worker.cjs).
// Node 22.1 and later start the ES module worker (with Node's compile cache): no such run.
if (typeof nodeModule.enableCompileCache !== 'function') {
  rmSync(WORKER_CACHE, { force: true });
  const made = `${WORKER_CACHE}.${process.pid}`;
  // Without NODE_OPTIONS: the few V8 flags Node takes from it (`--max-old-space-size`) would be
  // in the cache's flags, and a user's run without them would not take it.
  const env = { ...process.env, POSTINGS_BUILD_WORKER_CACHE: made };
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, [join(root, 'bin', 'postings.js'), 'lint', '--format', 'json', '--concurrency', '1'], {
    cwd: join(root, 'fixtures', 'hugo-site'),
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  // Without a cache, the workers compile their script (as the ES module worker did): slower, never wrong.
  if (r.status !== 0 && r.status !== 1) {
    console.warn(`bundle: no worker code cache (the warm-up run ${r.error ? `failed: ${r.error.message}` : `exited with ${r.status}: ${(r.stderr ?? '').split('\n')[0]}`})`);
    rmSync(made, { force: true });
  } else if (!existsSync(made)) console.warn('bundle: no worker code cache (the warm-up run used no worker)');
  else renameSync(made, WORKER_CACHE);
}
