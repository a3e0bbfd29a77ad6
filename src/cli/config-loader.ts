/**
 * Finds, reads and resolves the configuration (CLI side: this is where the file system is).
 * Configuration is JSON or YAML only: it never executes code.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import { parseDocument, visit } from 'yaml';
import type { ResolvedConfig, RuleModule } from '../types.js';
import { ConfigError, resolveConfig, type ConfigProblem, type RawConfig } from '../config/resolve.js';
import { computeLineStarts, offsetToPoint } from '../engine/positions.js';
import { checkUserSchema, unsafeSchemaPattern } from '../engine/ajv.js';
import { fileErrorReason, readRegularFile } from './read-file.js';
import { jsonSyntaxMessage, resolveInRepository } from './repository.js';
import { IGNORE_FILE, parseIgnoreFile } from '../config/ignore-file.js';
import { InputError } from './errors.js';
import { PACKAGE_ROOT } from './package-root.js';

// Light modules of their own (the command line needs them at every start); kept here too.
export { InputError, PACKAGE_ROOT };

export const CONFIG_FILES = ['postings.config.json', '.postingsrc.json', '.postingsrc.yaml', '.postingsrc.yml', 'package.json'];

export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const candidate = join(dir, name);
      if (!existsSync(candidate)) continue;
      if (name === 'package.json') {
        try {
          const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as Record<string, unknown>;
          if (pkg && typeof pkg === 'object' && 'postings' in pkg) return candidate;
        } catch {
          /* a broken package.json that is not ours is not our business */
        }
        continue;
      }
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Parse a JSON or YAML file; syntax errors carry the file, line and column. */
export function readStructuredFile(file: string): unknown {
  let text: string;
  try {
    text = readRegularFile(file, 'utf8');
  } catch (e) {
    throw new InputError(fileErrorReason(e), file);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (/\.ya?ml$/i.test(file)) {
    const doc = parseDocument(text, { logLevel: 'error' });
    if (doc.errors.length) {
      const err = doc.errors[0]!;
      const p = offsetToPoint(computeLineStarts(text), err.pos[0]);
      const message = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
      // The parser gives up on extreme nesting with the engine's own words: say it plainly.
      const reason = /Maximum call stack/i.test(message) ? { en: 'nested too deeply', fr: 'imbrication trop profonde' } : message;
      throw new InputError(reason, file, p.line, p.column);
    }
    try {
      return doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // An alias "bomb" (aliases that expand exponentially): an error of this file, at its
      // first alias, never an internal error.
      let at = 0;
      visit(doc, {
        Alias(_, node) {
          at = node.range?.[0] ?? 0;
          return visit.BREAK;
        },
      });
      const p = offsetToPoint(computeLineStarts(text), at);
      throw new InputError((e as Error).message.split('\n')[0]!, file, p.line, p.column);
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const p = m ? offsetToPoint(computeLineStarts(text), Number(m[1])) : undefined;
    throw new InputError(jsonSyntaxMessage(e), file, p?.line, p?.column);
  }
}

let builtinData: { data: Record<string, unknown>; schemas: Record<string, object> } | undefined;

/** The built-in data tables (`data/*.json`) and their schemas (`schemas/data/*.schema.json`). */
export function loadBuiltinData(): { data: Record<string, unknown>; schemas: Record<string, object> } {
  if (builtinData) return builtinData;
  const data: Record<string, unknown> = {};
  const schemas: Record<string, object> = {};
  const dataDir = join(PACKAGE_ROOT, 'data');
  const schemaDir = join(PACKAGE_ROOT, 'schemas', 'data');
  if (existsSync(dataDir)) {
    for (const f of readdirSync(dataDir).sort()) {
      if (!f.endsWith('.json')) continue;
      const name = f.replace(/\.json$/, '');
      data[name] = JSON.parse(readFileSync(join(dataDir, f), 'utf8'));
      const schemaFile = join(schemaDir, `${name}.schema.json`);
      if (existsSync(schemaFile)) schemas[name] = JSON.parse(readFileSync(schemaFile, 'utf8'));
    }
  }
  builtinData = { data, schemas };
  return builtinData;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** The file it came from, if any. */
  file?: string;
  locale?: 'en' | 'fr';
}

export function loadConfig(options: { cwd: string; configFile?: string; rules: readonly RuleModule[] }): LoadedConfig {
  const file = options.configFile ? resolve(options.cwd, options.configFile) : findConfigFile(options.cwd);
  let raw: RawConfig = {};
  if (file) {
    if (!existsSync(file)) throw new InputError({ en: 'file not found', fr: 'fichier introuvable' }, file);
    const parsed = readStructuredFile(file);
    const value = basename(file) === 'package.json' ? (parsed as Record<string, unknown>).postings : parsed;
    if (value === null || value === undefined) raw = {};
    else if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ConfigError([{ path: '(top level)', message: { en: 'must be an object', fr: 'doit être un objet' } }], file);
    } else raw = value as RawConfig;
  }
  const baseDir = file ? dirname(file) : options.cwd;
  let schema: Record<string, unknown>;
  let schemaPath = join(PACKAGE_ROOT, 'schemas', 'posting.schema.json');
  if (typeof raw.schema === 'string') {
    schemaPath = resolveInRepository(baseDir, raw.schema, 'schema', file);
    try {
      schema = readStructuredFile(schemaPath) as Record<string, unknown>;
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError((e as Error).message, schemaPath);
    }
    const problem =
      schema && typeof schema === 'object' && !Array.isArray(schema)
        ? checkUserSchema(schema)
        : 'a JSON Schema must be an object';
    if (problem) {
      throw new InputError({ en: `not a valid JSON Schema: ${problem}`, fr: `ce n’est pas un schéma JSON valide : ${problem}` }, schemaPath);
    }
    const unsafe = unsafeSchemaPattern(schema);
    if (unsafe) {
      throw new InputError({ en: `${unsafe.at}: ${unsafe.problem.en}`, fr: `${unsafe.at} : ${unsafe.problem.fr}` }, schemaPath);
    }
  } else schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  const { data, schemas } = loadBuiltinData();
  const configSchema = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schemas', 'config.schema.json'), 'utf8')) as object;
  let contentDir: string | undefined;
  const problems: ConfigProblem[] = [];
  if (typeof raw.contentDir === 'string') {
    contentDir = resolveInRepository(baseDir, raw.contentDir, 'contentDir', file);
    if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
      problems.push({
        path: 'contentDir',
        message: { en: `folder not found: ${contentDir}`, fr: `dossier introuvable : ${contentDir}` },
      });
      contentDir = undefined;
    }
  }
  try {
    const config = resolveConfig({
      raw,
      rules: options.rules,
      schema,
      schemaPath,
      data,
      dataSchemas: schemas,
      contentDir,
      configSchema,
      problems,
    });
    // `.postingsignore` next to the configuration (or in the working folder without one).
    const ignorePath = join(baseDir, IGNORE_FILE);
    if (existsSync(ignorePath) && statSync(ignorePath).isFile()) {
      let text: string;
      try {
        text = readRegularFile(ignorePath, 'utf8'); // never hangs on a FIFO
      } catch (e) {
        throw new InputError((e as Error).message, ignorePath);
      }
      config.ignoreFile = { path: ignorePath, base: baseDir, patterns: parseIgnoreFile(text) };
    }
    return { config, file, locale: raw.locale };
  } catch (e) {
    if (e instanceof ConfigError) {
      throw new ConfigError(e.problems, file, raw.locale === 'en' || raw.locale === 'fr' ? raw.locale : undefined);
    }
    throw e;
  }
}
