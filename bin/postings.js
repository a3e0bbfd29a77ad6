#!/usr/bin/env node
// The postings command. `npm run build` (run by `npm ci` / `npm install` through the
// `prepare` script) compiles src/ to dist/ and bundles the CLI into dist/bundle/.
//
// A CommonJS script (bin/package.json says so; the package's own modules are ES modules): node
// starts a CommonJS entry point without its ES module loader, about 8 ms sooner (a file that
// only loads, median of 31 starts), which a pre-commit hook pays at every run. The ES module
// bundle is still imported when it is the one used (Node 22.1 and later, `new`, `lsp`).
'use strict';
const nodeModule = require('node:module');
const { existsSync, readFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

// Node 22.1 and later keep V8's compiled code of the bundle on disk (in the system's temporary
// folder) for the next start, as ESLint and TypeScript do. Node 20 has no such cache for ES
// modules: there the command is one script compiled with the code cache the build wrote
// (bin/code-cache.cjs), when it fits this Node.
const compileCache = typeof nodeModule.enableCompileCache === 'function';
if (compileCache) nodeModule.enableCompileCache();

// `postings --version` alone (editors and hooks ask it to check the installation): answered
// before the command line parser and its messages are loaded, as commander would answer it.
const args = process.argv.slice(2);
const versionOnly = args.length === 1 && (args[0] === '--version' || args[0] === '-v');

// `postings lint … | head`: the reader went away. The rest of that output is dropped quietly
// and the run goes on to its end: its exit code is the one it would have had (1 when it found
// errors), so a CI step with `set -o pipefail` still fails on errors. (A process killed by the
// closed pipe, as `cat` is, exits 141 with or without findings; one that stopped with 0 let a
// gate pass on errors.)
// The command writes its report and messages to file descriptors 1 and 2 itself (below): Node
// makes process.stdout and process.stderr only when something asks for them (the language
// server, the prompts of `postings new`, a warning of Node's own), and through a pipe that
// costs a pre-commit hook some 5 ms (the `net` module). Whichever makes one gets this handler.
const streams = [];
// `postings new` and `postings lsp` are not in the script (see scripts/bundle.mjs): they run
// from the ES module bundle, as does any command line with such a word (`lint new` too).
const esmOnly = args.includes('new') || args.includes('lsp');
// The script is minified (see scripts/bundle.mjs): `--debug`, which prints an internal error's
// stack trace, runs the ES module bundle, whose functions keep their names.
const readable = esmOnly || args.includes('--debug');
for (const name of ['stdout', 'stderr']) {
  const made = Object.getOwnPropertyDescriptor(process, name);
  if (!made?.get || !made.configurable) continue;
  let stream;
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: made.enumerable,
    get() {
      if (!stream) {
        stream = made.get.call(process);
        streams.push(stream);
        stream.on('error', (error) => {
          if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
            // The language server and `postings new` have no report to finish: they stop. A lint
            // goes on to its end (a Node warning made this stream; see above), its code kept.
            if (esmOnly) process.exit(process.exitCode ?? 0);
            return;
          }
          throw error;
        });
      }
      return stream;
    },
  });
}

const { isatty } = require('./terminal.cjs');

// The report goes to the standard output synchronously, waiting for the reader when the pipe is
// full (as when stdout is a file or a terminal): through a pipe, process.stdout would queue
// every chunk the reader has not taken yet in memory, and a report of thousands of files
// streamed to a slow reader (a CI log, `| less`) would hold all of it.
// The wait for a full pipe starts at 20 µs and doubles up to 1 ms: a reader that keeps up (a
// program reading a report of 100 MB) is not made to wait a millisecond at every 64 KiB, and
// one that does not (`| less`) is not asked again thousands of times a second.
// Messages go to the error output (fd 2) the same way.
const pause = new Int32Array(new SharedArrayBuffer(4));
/** The descriptors whose reader went away: what is written there is dropped (see above). */
const gone = new Set();
function writeTo(fd, text) {
  if (gone.has(fd)) return true;
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let wait = 0.02;
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at);
      wait = 0.02;
    } catch (error) {
      if (error.code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, wait);
        wait = Math.min(1, wait * 2);
      } else if (error.code === 'EPIPE') {
        gone.add(fd);
        return true;
      } else throw error;
    }
  }
  return true;
}
// A Windows console takes text through Node's terminal stream, as before: making it turns on
// the console's escape codes (colours), and the stream converts the text for the console,
// where bytes written to the descriptor would be read in its code page.
const windowsConsole = (fd) => process.platform === 'win32' && isatty(fd);
const writeOut = windowsConsole(1) ? (text) => process.stdout.write(text) : (text) => writeTo(1, text);
const writeErr = windowsConsole(2) ? (text) => process.stderr.write(text) : (text) => writeTo(2, text);

async function run() {
  const cached = compileCache || readable ? undefined : require('./code-cache.cjs').loadCachedCli();
  const bundled = join(__dirname, '..', 'dist', 'bundle', 'main.js');
  const { main, version } = cached ?? (await import(pathToFileURL(existsSync(bundled) ? bundled : join(__dirname, '..', 'dist', 'cli', 'main.js')).href));

  const code = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: writeOut,
    stdoutBytes: writeOut,
    stderr: writeErr,
    isTTY: isatty(1),
    stderrIsTTY: isatty(2),
    version: version(),
    // This process is the command's own: V8's optimising budget may be set (src/cli/tiering.ts).
    tiering: true,
  });
  process.exitCode = code;
  // Done: the report was written synchronously. Exit now rather than when the event loop
  // empties, which waits for V8 to finish a garbage collection the run began (about 8 ms of a
  // pre-commit run on one posting). The language server never gets here (its promise does not
  // settle); text still queued for a stream (a pipe on Windows is asynchronous) is waited for.
  if (!streams.some((stream) => stream.writableLength)) {
    // Node 22.10 and later: the compiled code kept for the next start is written now.
    nodeModule.flushCompileCache?.();
    process.exit(code);
  }
}

if (versionOnly) writeOut(JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version + '\n');
else
  run().catch((error) => {
    // As an ES module's top-level await would: the error, then exit code 1.
    process.exitCode = 1;
    throw error;
  });
