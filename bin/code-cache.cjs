// The command line as one CommonJS script (dist/bundle/cli.cjs) compiled with V8's code cache
// (dist/bundle/cli.cache, written by `npm run build`): on Node 20, which has no compile cache
// for ES modules (`module.enableCompileCache` exists from Node 22.1), a run deserialises the
// bytecode of the functions a lint uses instead of parsing and compiling the bundle again.
// A pre-commit hook on one posting spends about 80 ms less CPU (see scripts/bundle.mjs).
//
// The cache is used only when it was made by this Node version for this very script (its
// header names both, and the script is not newer than it); else `loadCachedCli` returns
// undefined and bin/postings.js loads the ES module bundle as before. V8 checks its own
// version and flags again, and compiles the script normally when the cache does not fit.
// The lint workers' script and cache (dist/bundle/worker.cjs, worker.cache) are loaded the
// same way, by bin/lint-worker.cjs.
//
// Left as it is: Node 20's V8 does not check the bytes of a cache's data (only its length), so
// a cache damaged in place after the build (the same size) aborts the process. A checksum of
// both files would cost every start about 5 ms (node:zlib and CRC-32 of 2.6 MB).
//
// CommonJS, as the command's builtins are loaded: an ES module is resolved, read and linked by
// the ES module loader, and each `node:` module it imports gets a facade of its exports; a
// pre-commit run on one posting starts a few milliseconds sooner without.
'use strict';
const { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'bundle');
const CLI_SCRIPT = join(BUNDLE, 'cli.cjs');
const CLI_CACHE = join(BUNDLE, 'cli.cache');
// A lint worker's script (src/runner/worker-serve.ts) and its cache: bin/lint-worker.cjs.
const WORKER_SCRIPT = join(BUNDLE, 'worker.cjs');
const WORKER_CACHE = join(BUNDLE, 'worker.cache');
/** The CommonJS module wrapper, which the build writes around each script, the command's and the workers' (scripts/bundle.mjs). */
const WRAPPER_OPEN = '(function (exports, require, module, __filename, __dirname) {';
const WRAPPER_CLOSE = '\n})';

/** How much newer than its cache a script may be (copied one after the other, `cp -r`) and still be the one the cache was made for. */
const MTIME_SLACK_MS = 2000;

/** What a cache must have been made for: this Node, this platform, this script (its size). */
function cacheKey(scriptSize) {
  return `${process.version} ${process.arch} ${process.versions.v8} ${scriptSize}`;
}

/**
 * Compile the script at `path` (with `cachedData` when given; `text`: the script's text, when
 * already read) and run its top level: returns the script (for `createCachedData` and
 * `cachedDataRejected`) and its exports (the command's `main` and `version`, a worker's `serve`).
 */
function compileScript(path, cachedData, text) {
  // The build makes the script ASCII only (esbuild's `charset: 'ascii'`), so that it reads
  // as a one-byte string without a UTF-8 decode, and writes it already wrapped as a CommonJS
  // module (WRAPPER_OPEN … WRAPPER_CLOSE): compiled as read, with no concatenation
  // for V8 to flatten first.
  let source = text ?? readFileSync(path, 'latin1');
  if (!source.startsWith(WRAPPER_OPEN)) source = `${WRAPPER_OPEN}${source}${WRAPPER_CLOSE}`; // a build before the wrapper was written in
  const script = new Script(source, {
    filename: path,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(path), module, path, dirname(path));
  return { script, exports: module.exports };
}

/** The command line's script (see compileScript). */
const compileCli = (cachedData, text) => compileScript(CLI_SCRIPT, cachedData, text);

/** Read `size` bytes of the open file `fd` into the start of `buf`; false when it has fewer. */
function readInto(fd, buf, size) {
  let at = 0;
  while (at < size) {
    const n = readSync(fd, buf, at, size - at, at);
    if (n === 0) return false;
    at += n;
  }
  return true;
}

/**
 * The script at `scriptPath` compiled with the code cache at `cachePath` (see compileScript);
 * undefined when there is no fitting cache, or when the script does not export the function
 * `expected`.
 */
function loadCached(scriptPath, cachePath, expected) {
  // Each file opened once. One buffer for both: the script first (its text is copied into a
  // string), then the cache over it: each page of memory a process touches for the first time
  // costs it a page fault (some 17 µs each on this project's CI machines), and this touches
  // 1.5 MB fewer. `npm run bench:startup` gives the before and after (see CHANGELOG).
  let script;
  let cache;
  let buf;
  let source;
  let key;
  let cacheSize;
  try {
    script = openSync(scriptPath, 'r');
    cache = openSync(cachePath, 'r');
    const scriptStat = fstatSync(script);
    const cacheStat = fstatSync(cache);
    // V8 checks that the script has the length the cache was made for, not what it says: a
    // script changed since the cache was made (a fix by hand in node_modules, patch-package)
    // would run as it was. The build writes the cache after the script, and npm installs both
    // with one time; a script newer than its cache (by more than a copy of both takes) is one
    // changed since: compiled without the cache.
    if (scriptStat.mtimeMs > cacheStat.mtimeMs + MTIME_SLACK_MS) return undefined;
    const scriptSize = scriptStat.size;
    cacheSize = cacheStat.size;
    key = cacheKey(scriptSize);
    buf = Buffer.allocUnsafe(Math.max(scriptSize, cacheSize));
    if (!readInto(cache, buf, Math.min(cacheSize, key.length + 1)) || buf.toString('latin1', 0, key.length + 1) !== key + '\n') return undefined;
    if (!readInto(script, buf, scriptSize)) return undefined;
    source = buf.toString('latin1', 0, scriptSize);
    if (!readInto(cache, buf, cacheSize)) return undefined;
  } catch {
    // Missing, or gone or changed since its size was read (a reinstall under way): no cache.
    return undefined;
  } finally {
    if (script !== undefined) closeSync(script);
    if (cache !== undefined) closeSync(cache);
  }
  const compiled = compileScript(scriptPath, buf.subarray(key.length + 1, cacheSize), source);
  // A script from another build (a dist restored beside a newer bin/): not this one's.
  return typeof compiled.exports[expected] === 'function' ? compiled : undefined;
}

/** The command line's exports, compiled from the code cache; undefined when there is no fitting cache. */
const loadCachedCli = () => loadCached(CLI_SCRIPT, CLI_CACHE, 'main')?.exports;

/** The cache file's text: its key, then V8's data (read back by loadCached). */
const cacheFile = (scriptPath, script) => Buffer.concat([Buffer.from(cacheKey(statSync(scriptPath).size) + '\n', 'latin1'), script.createCachedData()]);

/**
 * Import an ES module (a chunk of the ES module bundle) for the script: `postings new` and
 * `postings lsp` run from there (see scripts/bundle.mjs). Node 20 lets a vm.Script import only
 * with --experimental-vm-modules; this module was loaded by require, and may.
 */
const importEsm = (url) => import(url);

module.exports = {
  importEsm,
  CLI_SCRIPT,
  CLI_CACHE,
  WORKER_SCRIPT,
  WORKER_CACHE,
  WRAPPER_OPEN,
  WRAPPER_CLOSE,
  cacheFile,
  cacheKey,
  compileScript,
  compileCli,
  loadCached,
  loadCachedCli,
};
