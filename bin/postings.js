#!/usr/bin/env node
// The postings command. `npm run build` (run by `npm ci` / `npm install` through the
// `prepare` script) compiles src/ to dist/ and bundles the CLI into dist/bundle/.
import module from 'node:module';

// Builtins through require: an ES module import of `node:fs` builds a facade of its exports.
const require = module.createRequire(import.meta.url);
const { existsSync, readFileSync, writeSync } = require('node:fs');

// Node 22.1 and later keep V8's compiled code of the bundle on disk (in the system's temporary
// folder) for the next start, as ESLint and TypeScript do. Node 20 has no such cache for ES
// modules: there the command is one script compiled with the code cache the build wrote
// (bin/code-cache.cjs), when it fits this Node.
const compileCache = typeof module.enableCompileCache === 'function';
if (compileCache) module.enableCompileCache();

// `postings --version` alone (editors and hooks ask it to check the installation): answered
// before the command line parser and its messages are loaded, as commander would answer it.
const args = process.argv.slice(2);
const versionOnly = args.length === 1 && (args[0] === '--version' || args[0] === '-v');

// `postings lint … | head`: the reader went away; stop quietly, as other CLI tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// The report goes to the standard output synchronously, waiting for the reader when the pipe is
// full (as when stdout is a file or a terminal): through a pipe, process.stdout would queue
// every chunk the reader has not taken yet in memory, and a report of thousands of files
// streamed to a slow reader (a CI log, `| less`) would hold all of it.
// The wait for a full pipe starts at 20 µs and doubles up to 1 ms: a reader that keeps up (a
// program reading a report of 100 MB) is not made to wait a millisecond at every 64 KiB, and
// one that does not (`| less`) is not asked again thousands of times a second.
const pause = new Int32Array(new SharedArrayBuffer(4));
function writeOut(text) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let wait = 0.02;
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(1, bytes, at);
      wait = 0.02;
    } catch (error) {
      if (error.code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, wait);
        wait = Math.min(1, wait * 2);
      } else if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      else throw error;
    }
  }
  return true;
}

if (versionOnly) {
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
} else {
  // `postings new` and `postings lsp` are not in the script (see scripts/bundle.mjs): they run
  // from the ES module bundle, as does any command line with such a word (`lint new` too).
  const esmOnly = args.includes('new') || args.includes('lsp');
  const cached = compileCache || esmOnly ? undefined : require('./code-cache.cjs').loadCachedCli();
  const bundled = new URL('../dist/bundle/main.js', import.meta.url);
  const { main, version } = cached ?? (await import(existsSync(bundled) ? bundled.href : '../dist/cli/main.js'));

  const code = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: writeOut,
    stdoutBytes: writeOut,
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    version: version(),
    // This process is the command's own: V8's optimising budget may be set (src/cli/tiering.ts).
    tiering: true,
  });
  process.exitCode = code;
  // Done: the report was written synchronously. Exit now rather than when the event loop
  // empties, which waits for V8 to finish a garbage collection the run began (about 8 ms of a
  // pre-commit run on one posting). The language server never gets here (its promise does not
  // settle); text still queued for a stream (a pipe on Windows is asynchronous) is waited for.
  if (!process.stdout.writableLength && !process.stderr.writableLength) {
    // Node 22.10 and later: the compiled code kept for the next start is written now.
    module.flushCompileCache?.();
    process.exit(code);
  }
}
