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
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const BUNDLE = fileURLToPath(new URL('../dist/bundle/', import.meta.url));
export const CLI_SCRIPT = join(BUNDLE, 'cli.cjs');
export const CLI_CACHE = join(BUNDLE, 'cli.cache');

/** What a cache must have been made for: this Node, this platform, this script (its size). */
export function cacheKey(scriptSize) {
  return `${process.version} ${process.arch} ${process.versions.v8} ${scriptSize}`;
}

/**
 * Compile the script (with `cachedData` when given) and run its top level: returns the
 * script (for `createCachedData`) and its exports (`main`, `version`).
 */
export function compileCli(cachedData) {
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
export function loadCachedCli() {
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
