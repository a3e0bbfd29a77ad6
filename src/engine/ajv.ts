/**
 * One Ajv instance, created on first use (it is the heaviest module we load), with formats
 * and the `x-message` annotation that schemas use to give writer-facing messages.
 */
import AjvModule, { type ValidateFunction, type Options } from 'ajv';
import formatsModule from 'ajv-formats';
import { unsafePatternProblem } from '../config/safe-regex.js';

type AjvClass = typeof AjvModule.default;
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ??
  formatsModule) as unknown as (ajv: InstanceType<AjvClass>) => void;

let instance: InstanceType<AjvClass> | undefined;
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
const cache = new WeakMap<object, ValidateFunction>();

export function getAjv(options: Options = {}): InstanceType<AjvClass> {
  if (!instance) {
    // Our own schemas are checked against the meta-schema by the tests, not at every start;
    // a user's schema is checked by the configuration loader (checkUserSchema).
    instance = new Ajv({ allErrors: true, verbose: true, strict: false, validateSchema: false, ...options });
    addFormats(instance);
    // Data tables' patterns run with the `u` flag: check them the same way, and refuse a
    // pattern from the configuration that can backtrack catastrophically (safe-regex.ts).
    instance.addFormat('regex', (pattern: string) => {
      if (!trustedPatterns.has(pattern)) return unsafePatternProblem(pattern) === undefined;
      try {
        new RegExp(pattern, 'u');
        return true;
      } catch {
        return false;
      }
    });
    instance.addKeyword({ keyword: 'x-message', schemaType: 'object' });
  }
  return instance;
}

/** Compile a schema once per schema object. */
export function compile(schema: object): ValidateFunction {
  let fn = cache.get(schema);
  if (!fn) {
    const ajv = getAjv();
    const id = (schema as { $id?: string }).$id;
    const existing = id ? ajv.getSchema(id) : undefined;
    fn = existing ?? ajv.compile(schema);
    cache.set(schema, fn);
  }
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
