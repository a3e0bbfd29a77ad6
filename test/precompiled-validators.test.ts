/**
 * The built-in schemas are compiled at build time (scripts/gen-validators.mjs) so that a run
 * does not load Ajv: the generated validators must answer exactly as Ajv compiling the same
 * schema at run time (same verdict, same errors with their data and schema).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ValidateFunction } from 'ajv';
import { newAjv } from '../src/engine/ajv.js';
import { FIXTURES, ROOT, rules } from './support/harness.js';

const require = createRequire(join(ROOT, 'package.json'));
const built = require(join(ROOT, 'dist', 'engine', 'validators.cjs')) as Array<[string, ValidateFunction]>;
const builtFor = (schema: object) => built.find(([json]) => json === JSON.stringify(schema))?.[1];

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) markdownFiles(p, out);
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Each fixture's front matter, and variations of it that break each key in a few ways. */
function frontMatters(): unknown[] {
  const out: unknown[] = [];
  for (const file of markdownFiles(FIXTURES)) {
    const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
    if (!m) continue;
    let data: unknown;
    try {
      data = parse(m[1]!, { logLevel: 'silent' });
    } catch {
      continue;
    }
    out.push(data);
    if (!data || typeof data !== 'object' || Array.isArray(data)) continue;
    for (const key of Object.keys(data)) {
      const { [key]: _gone, ...without } = data as Record<string, unknown>;
      out.push(without, { ...data, [key]: 42 }, { ...data, [key]: ' <b>x</b> &amp; ' }, { ...data, [key]: [] }, { ...data, [key]: '' });
    }
    out.push({ ...data, unknownKey: true });
  }
  return out;
}

describe('validators compiled at build time', () => {
  test('the front matter schema: same verdict and same errors as Ajv at run time, on every fixture and variations', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'posting.schema.json'), 'utf8'));
    const pre = builtFor(schema)!;
    expect(pre).toBeDefined();
    const runtime = newAjv().compile(schema);
    const inputs = frontMatters();
    expect(inputs.length).toBeGreaterThan(500);
    let invalid = 0;
    for (const data of inputs) {
      const verdict = pre(data);
      expect(verdict).toBe(runtime(data));
      expect(JSON.stringify(pre.errors)).toBe(JSON.stringify(runtime.errors));
      if (!verdict) invalid++;
    }
    expect(invalid).toBeGreaterThan(100);
  });

  test('the configuration schema and every rule options schema are built in, and agree with Ajv', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'schemas', 'config.schema.json'), 'utf8'));
    const samples: unknown[] = [{}, { rules: { 'links/https': 'warn' } }, { rules: { x: 3 } }, { ignore: 3 }, { locale: 'de' }, { data: [] }];
    for (const schema of [config, ...rules.map((r) => r.meta.optionsSchema).filter((s): s is Record<string, unknown> => Boolean(s))]) {
      const pre = builtFor(schema);
      expect(pre).toBeDefined();
      const runtime = newAjv().compile(schema);
      for (const data of [...samples, { ignore: ['x'] }, { ignore: 'x' }, { other: 1 }]) {
        expect(pre!(data)).toBe(runtime(data));
        expect(JSON.stringify(pre!.errors)).toBe(JSON.stringify(runtime.errors));
      }
    }
  });
});
