// The command line as one CommonJS script (dist/bundle/cli.cjs) compiled with V8's code cache
// (dist/bundle/cli.cache, written by `npm run build`): on Node 20, which has no compile cache
// for ES modules (`module.enableCompileCache` exists from Node 22.1), a run deserialises the
// bytecode of the functions a lint uses instead of parsing and compiling the bundle again.
// A pre-commit hook on one posting spends about 80 ms less CPU (see scripts/bundle.mjs).
//
// The cache is used only when it was made by this Node version for this very script (its
// header names both); else `loadCachedCli` returns undefined and bin/postings.js loads the
// ES module bundle as before. V8 checks its own version and flags again, and compiles the
// script normally when the cache does not fit.
//
// CommonJS, as the command's builtins are loaded: an ES module is resolved, read and linked by
// the ES module loader, and each `node:` module it imports gets a facade of its exports; a
// pre-commit run on one posting starts a few milliseconds sooner without.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'bundle');
const CLI_SCRIPT = join(BUNDLE, 'cli.cjs');
const CLI_CACHE = join(BUNDLE, 'cli.cache');

/** What a cache must have been made for: this Node, this platform, this script (its size). */
function cacheKey(scriptSize) {
  return `${process.version} ${process.arch} ${process.versions.v8} ${scriptSize}`;
}

/**
 * Compile the script (with `cachedData` when given) and run its top level: returns the
 * script (for `createCachedData`) and its exports (`main`, `version`).
 */
function compileCli(cachedData) {
  // The build makes the script ASCII only (esbuild's `charset: 'ascii'`), so that it reads
  // as a one-byte string without a UTF-8 decode.
  const source = readFileSync(CLI_SCRIPT, 'latin1');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: CLI_SCRIPT,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(CLI_SCRIPT), module, CLI_SCRIPT, dirname(CLI_SCRIPT));
  return { script, exports: module.exports };
}

/** The command line's exports, compiled from the code cache; undefined when there is no fitting cache. */
function loadCachedCli() {
  let bytes;
  let size;
  try {
    bytes = readFileSync(CLI_CACHE);
    size = statSync(CLI_SCRIPT).size;
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || bytes.toString('latin1', 0, newline) !== cacheKey(size)) return undefined;
  return compileCli(bytes.subarray(newline + 1)).exports;
}

module.exports = { CLI_SCRIPT, CLI_CACHE, cacheKey, compileCli, loadCachedCli };
