/**
 * One Ajv instance, created on first use (it is the heaviest module we load), with formats
 * and the `x-message` annotation that schemas use to give writer-facing messages.
 *
 * The built-in schemas (front matter, configuration, rule options) are compiled at build
 * time (scripts/gen-validators.mjs, Ajv's standalone code): a run that only checks postings
 * against them never loads Ajv. Any other schema (a user's) is compiled here, on first use.
 */
import { createRequire } from 'node:module';
import type AjvModule from 'ajv';
import type { ValidateFunction, Options } from 'ajv';
import { unsafePatternProblem } from '../config/safe-regex.js';

type AjvClass = typeof AjvModule.default;
type Ajv = InstanceType<AjvClass>;

/**
 * `require` of a module, evaluated only when called. In the bundle, esbuild bundles each
 * `require('…')` below and evaluates it on the call; unbundled (tsc output, tests), Node's
 * own require loads it.
 */
const nodeRequire: (id: string) => unknown = typeof require === 'function' ? require : createRequire(import.meta.url);

function loadAjv(): { Ajv: AjvClass; addFormats: (ajv: Ajv) => void } {
  const ajvModule = (typeof require === 'function' ? require('ajv') : nodeRequire('ajv')) as { default?: AjvClass } & AjvClass;
  const formatsModule = (typeof require === 'function' ? require('ajv-formats') : nodeRequire('ajv-formats')) as {
    default?: (ajv: Ajv) => void;
  } & ((ajv: Ajv) => void);
  return { Ajv: ajvModule.default ?? ajvModule, addFormats: formatsModule.default ?? formatsModule };
}

let precompiled: Map<string, ValidateFunction> | undefined;

/** The validators compiled at build time, by the JSON of their schema (none when not built). */
function builtValidators(): Map<string, ValidateFunction> {
  if (!precompiled) {
    precompiled = new Map();
    try {
      const list = (typeof require === 'function' ? require('./validators.cjs') : nodeRequire('./validators.cjs')) as Array<
        [string, ValidateFunction | { default: ValidateFunction }]
      >;
      for (const [json, fn] of list) precompiled.set(json, typeof fn === 'function' ? fn : fn.default);
    } catch {
      /* not built (tests run the sources): every schema is compiled on first use */
    }
  }
  return precompiled;
}

let instance: Ajv | undefined;
/** Patterns of the built-in data: checked by the tests, so only their syntax is checked here. */
let trustedPatterns: ReadonlySet<string> = new Set();

/** Run `fn` (a validation) with `patterns` taken as already checked for backtracking. */
export function withTrustedPatterns<T>(patterns: ReadonlySet<string>, fn: () => T): T {
  const before = trustedPatterns;
  trustedPatterns = patterns;
  try {
    return fn();
  } finally {
    trustedPatterns = before;
  }
}

/** A new Ajv with postings' options, formats and keywords (the build compiles with the same). */
export function newAjv(options: Options = {}): Ajv {
  const { Ajv, addFormats } = loadAjv();
  // Our own schemas are checked against the meta-schema by the tests, not at every start;
  // a user's schema is checked by the configuration loader (checkUserSchema).
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateSchema: false, ...options });
  addFormats(ajv);
  // Data tables' patterns run with the `u` flag: check them the same way, and refuse a
  // pattern from the configuration that can backtrack catastrophically (safe-regex.ts).
  ajv.addFormat('regex', (pattern: string) => {
    if (!trustedPatterns.has(pattern)) return unsafePatternProblem(pattern) === undefined;
    try {
      new RegExp(pattern, 'u');
      return true;
    } catch {
      return false;
    }
  });
  ajv.addKeyword({ keyword: 'x-message', schemaType: 'object' });
  return ajv;
}

export function getAjv(options: Options = {}): Ajv {
  return (instance ??= newAjv(options));
}
const cache = new WeakMap<object, ValidateFunction>();

/** Compile a schema once per schema object (a built-in one was compiled at build time). */
export function compile(schema: object): ValidateFunction {
  let fn = cache.get(schema);
  if (!fn) fn = builtValidators().get(JSON.stringify(schema));
  if (!fn) {
    const ajv = getAjv();
    const id = (schema as { $id?: string }).$id;
    const existing = id ? ajv.getSchema(id) : undefined;
    fn = existing ?? ajv.compile(schema);
  }
  cache.set(schema, fn);
  return fn;
}

/**
 * The first regular expression of a user's JSON Schema (`pattern`, `patternProperties`)
 * that can backtrack catastrophically, with where it is; Ajv would run it on every posting.
 */
export function unsafeSchemaPattern(schema: object): { at: string; problem: { en: string; fr: string } } | undefined {
  const stack: Array<[unknown, string]> = [[schema, '']];
  while (stack.length) {
    const [node, at] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      const here = `${at}/${key}`;
      if (key === 'pattern' && typeof value === 'string') {
        const problem = unsafePatternProblem(value);
        if (problem) return { at: here, problem };
      }
      if (key === 'patternProperties' && value && typeof value === 'object') {
        for (const p of Object.keys(value)) {
          const problem = unsafePatternProblem(p);
          if (problem) return { at: `${here}/${p}`, problem };
        }
      }
      stack.push([value, here]);
    }
  }
  return undefined;
}

/** Check a schema a user wrote: undefined when it is valid, else a short reason. */
export function checkUserSchema(schema: object): string | undefined {
  const ajv = getAjv();
  if (!ajv.validateSchema(schema)) {
    const e = ajv.errors?.[0];
    return `${e?.instancePath || '(top level)'} ${e?.message ?? 'is not a valid JSON Schema'}`;
  }
  try {
    compile(schema);
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}
