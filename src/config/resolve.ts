/**
 * Turn a raw configuration object (already read by the CLI) into a ResolvedConfig.
 * Pure: the caller passes the built-in schema and data tables. Problems come back as
 * writer-facing messages in both languages, never as exceptions from deep inside.
 */
import type {
  Bilingual,
  LanguageConfig,
  ResolvedConfig,
  RuleModule,
  RuleSetting,
  SeveritySetting,
} from '../types.js';
import { compile, withTrustedPatterns } from '../engine/ajv.js';
import { unsafePatternProblem } from './safe-regex.js';
import { closest } from '../engine/format.js';
import { ConfigError, type ConfigProblem } from './errors.js';
import type { ErrorObject } from 'ajv';
import { createRequire } from 'node:module';

type Localize = (errors: ErrorObject[]) => void;

/** ajv-i18n's French messages, loaded with the first message (a valid configuration needs none). */
function localizeFr(errors: ErrorObject[]): void {
  // Bundled: esbuild evaluates the module on this call; unbundled: Node's require.
  const m = (typeof require === 'function' ? require('ajv-i18n/localize/fr/index.js') : createRequire(import.meta.url)('ajv-i18n/localize/fr/index.js')) as {
    default?: Localize;
  } & Localize;
  (m.default ?? m)(errors);
}

/** Ajv's message in English, and in French through ajv-i18n. */
function bilingualAjvMessage(e: ErrorObject): Bilingual {
  const copy = [{ ...e }];
  localizeFr(copy);
  return { en: e.message ?? 'is not valid', fr: copy[0]!.message ?? 'n’est pas valide' };
}

export { ConfigError, type ConfigProblem };

export interface RawConfig {
  rules?: Record<string, unknown>;
  ignore?: string[];
  schema?: string;
  contentDir?: string;
  locale?: 'en' | 'fr';
  language?: Partial<LanguageConfig>;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

export const DEFAULT_LANGUAGE: LanguageConfig = {
  pathSegments: { en: ['en'], fr: ['fr'] },
  suffixes: { en: ['en'], fr: ['fr'] },
  frontMatterKey: 'lang',
};

const SEVERITIES: Record<string, SeveritySetting> = {
  off: 'off',
  warn: 'warn',
  error: 'error',
  '0': 'off',
  '1': 'warn',
  '2': 'error',
};

export interface ResolveInput {
  raw: RawConfig;
  rules: readonly RuleModule[];
  /** The front matter schema (built-in, or the one `raw.schema` names, read by the caller). */
  schema: Record<string, unknown>;
  schemaPath?: string;
  /** Built-in data tables by name. */
  data: Record<string, unknown>;
  /** Schemas of the data tables by name, to validate user extensions. */
  dataSchemas: Record<string, object>;
  /** Absolute content root, when configured or found. */
  contentDir?: string;
  configSchema: object;
  /** Problems the caller already found (a missing `contentDir`): reported with the others. */
  problems?: ConfigProblem[];
}

/**
 * Keys a configuration may not use anywhere: the names `Object.prototype` holds
 * (`__proto__`, `constructor`, `toString`, `hasOwnProperty`, `valueOf`, ...). A configuration
 * can come from a fork's pull request; such a key could reach an object's prototype or be
 * taken for a built-in table, so it is refused with its path.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Every reserved key in `value`, as dotted paths (walked without recursion: depth is free). */
export function reservedKeyProblems(value: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const at = path ? `${path}.${key}` : key;
      if (RESERVED_KEYS.has(key)) {
        problems.push({
          path: at,
          message: {
            en: `\`${key}\` is a reserved name and cannot be used as a key`,
            fr: `\`${key}\` est un nom réservé; il ne peut pas servir de clé`,
          },
        });
        continue;
      }
      stack.push([(node as Record<string, unknown>)[key], at]);
    }
  }
  return problems.reverse();
}

/** Every string in a (built-in) data table: its patterns are checked by the tests. */
function stringsIn(value: unknown): Set<string> {
  const out = new Set<string>();
  const stack = [value];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node === 'string') out.add(node);
    else if (node && typeof node === 'object') for (const v of Object.values(node)) stack.push(v);
  }
  return out;
}

/** A map without a prototype: a key read from it is only ever one the configuration set. */
function emptyMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export function resolveConfig(input: ResolveInput): ResolvedConfig {
  const { raw, rules } = input;
  // Every problem of the file is reported at once: a configuration with three mistakes
  // takes one run to fix, not three. Parts that fail the schema are skipped below. Reserved
  // keys (`__proto__`) stop here: nothing below may walk them.
  const reserved = reservedKeyProblems(raw);
  if (reserved.length) throw new ConfigError([...(input.problems ?? []), ...reserved]);
  const problems: ConfigProblem[] = [...(input.problems ?? [])];

  // No configuration at all (the common case of a pre-commit hook): nothing to validate,
  // and compiling the configuration schema would cost a noticeable part of the start-up.
  const validate = Object.keys(raw).length ? compile(input.configSchema) : undefined;
  if (validate && !validate(raw)) {
    for (const e of validate.errors ?? []) {
      if (e.keyword === 'anyOf' || e.keyword === 'if') continue;
      const path = pointerPath(e.instancePath) || '(top level)';
      if (e.keyword === 'additionalProperties') {
        const extra = (e.params as { additionalProperty: string }).additionalProperty;
        const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
        const guess = closest(extra, known);
        const at = path === '(top level)' ? extra : `${path}.${extra}`;
        problems.push({
          path: at,
          message: {
            en: `unknown key \`${extra}\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
            fr: `clé \`${extra}\` inconnue${guess ? `; vouliez-vous dire \`${guess}\`?` : ''}`,
          },
        });
      } else if (e.instancePath.startsWith('/rules/') && e.instancePath.split('/').length === 3) {
        problems.push({
          path,
          message: {
            en: 'must be "off", "warn", "error", or ["warn" or "error", { options }]',
            fr: 'doit être "off", "warn", "error" ou ["warn" ou "error", { options }]',
          },
        });
      } else {
        problems.push({ path, message: bilingualAjvMessage(e) });
      }
    }
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const ruleSettings = emptyMap<RuleSetting>();
  for (const rule of rules) {
    ruleSettings[rule.meta.id] = { severity: rule.meta.defaultSeverity, options: defaults(rule) };
  }
  for (const [id, value] of Object.entries(isObject(raw.rules) ? raw.rules : {})) {
    const rule = byId.get(id);
    if (!rule) {
      const guess = closest(id, byId.keys());
      problems.push({
        path: `rules.${id}`,
        message: {
          en: `unknown rule \`${id}\`${guess ? `; did you mean \`${guess}\`?` : ''} (\`postings rules\` lists them)`,
          fr: `règle \`${id}\` inconnue${guess ? `; vouliez-vous dire \`${guess}\`?` : ''} (\`postings rules\` les énumère)`,
        },
      });
      continue;
    }
    const [sev, opts] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
    const severity = SEVERITIES[String(sev)];
    if (!severity || (opts !== undefined && !isObject(opts))) continue; // reported by the schema
    const options = { ...defaults(rule), ...((opts as Record<string, unknown>) ?? {}) };
    if (opts !== undefined) {
      const schema = rule.meta.optionsSchema ?? { type: 'object', additionalProperties: false, properties: {} };
      const check = compile(schema);
      if (!check(options)) {
        for (const e of check.errors ?? []) {
          if (e.keyword === 'additionalProperties') {
            const extra = (e.params as { additionalProperty: string }).additionalProperty;
            const known = Object.keys((schema as { properties?: object }).properties ?? {});
            const guess = closest(extra, known);
            problems.push({
              path: `rules.${id}`,
              message: {
                en: `unknown option \`${extra}\`${guess ? `; did you mean \`${guess}\`?` : ''}${known.length ? ` (options: ${known.join(', ')})` : ' (this rule takes no options)'}`,
                fr: `option \`${extra}\` inconnue${guess ? `; vouliez-vous dire \`${guess}\`?` : ''}${known.length ? ` (options : ${known.join(', ')})` : ' (cette règle n’a pas d’options)'}`,
              },
            });
          } else {
            const where = pointerPath(e.instancePath);
            problems.push({
              path: `rules.${id}${where ? `.${where}` : ''}`,
              message: bilingualAjvMessage(e),
            });
          }
        }
      }
    }
    ruleSettings[id] = { severity, options };
  }

  const data = Object.assign(emptyMap<unknown>(), input.data);
  for (const [name, extension] of Object.entries(isObject(raw.data) ? raw.data : {})) {
    const schema = Object.hasOwn(input.dataSchemas, name) ? input.dataSchemas[name] : undefined;
    if (!schema) {
      const guess = closest(name, Object.keys(input.dataSchemas));
      problems.push({
        path: `data.${name}`,
        message: {
          en: `unknown data table \`${name}\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
          fr: `table de données \`${name}\` inconnue${guess ? `; vouliez-vous dire \`${guess}\`?` : ''}`,
        },
      });
      continue;
    }
    const merged = mergeData(input.data[name], extension);
    const check = compile(schema);
    if (!withTrustedPatterns(stringsIn(input.data[name]), () => check(merged))) {
      for (const e of check.errors ?? []) {
        const unsafe =
          e.keyword === 'format' && (e.params as { format?: string }).format === 'regex' && typeof e.data === 'string'
            ? unsafePatternProblem(e.data)
            : undefined;
        problems.push({
          path: `data.${name}${e.instancePath ? `.${pointerPath(e.instancePath)}` : ''}`,
          message: unsafe ?? bilingualAjvMessage(e),
        });
      }
      continue;
    }
    data[name] = merged;
  }

  const known = new Set(['rules', 'ignore', 'schema', 'contentDir', 'locale', 'language', 'data', '$schema']);
  const settings = emptyMap<unknown>();
  for (const [k, v] of Object.entries(raw)) if (!known.has(k)) settings[k] = v;

  const language = isObject(raw.language) ? (raw.language as Partial<LanguageConfig>) : {};
  const resolved: ResolvedConfig = {
    rules: ruleSettings,
    ignore: Array.isArray(raw.ignore) ? raw.ignore.filter((x): x is string => typeof x === 'string') : [],
    language: {
      pathSegments: { ...DEFAULT_LANGUAGE.pathSegments, ...(isObject(language.pathSegments) ? language.pathSegments : {}) },
      suffixes: { ...DEFAULT_LANGUAGE.suffixes, ...(isObject(language.suffixes) ? language.suffixes : {}) },
      frontMatterKey: language.frontMatterKey === undefined ? DEFAULT_LANGUAGE.frontMatterKey : language.frontMatterKey,
    },
    schema: input.schema,
    schemaPath: input.schemaPath,
    contentDir: input.contentDir,
    data,
    settings,
  };
  problems.push(...ignoredEntryProblems(raw, byId, resolved));
  const unique = new Map(problems.map((p) => [`${p.path}|${p.message.en}`, p]));
  if (unique.size) throw new ConfigError([...unique.values()]);
  return resolved;
}

/**
 * An `ignore` option naming an entry its rule does not have silences nothing: a typo the
 * user must hear about. Checked once the data tables are merged, since rules read their
 * entry ids from them (`meta.entryIds`).
 */
function ignoredEntryProblems(raw: RawConfig, byId: Map<string, RuleModule>, config: ResolvedConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const rules = raw.rules && typeof raw.rules === 'object' ? raw.rules : {};
  for (const [id, value] of Object.entries(rules)) {
    const rule = byId.get(id);
    const options = Array.isArray(value) ? (value[1] as { ignore?: unknown } | null | undefined) : undefined;
    const ignore = options && typeof options === 'object' ? options.ignore : undefined;
    if (!rule?.meta.entryIds || !Array.isArray(ignore) || !ignore.length) continue;
    const known = rule.meta.entryIds(config);
    ignore.forEach((entry, n) => {
      if (typeof entry !== 'string' || known.includes(entry)) return;
      const guess = closest(entry, known);
      problems.push({
        path: `rules.${id}.ignore.${n}`,
        message: {
          en: `unknown entry \`${entry}\`${guess ? `; did you mean \`${guess}\`?` : ''} (\`postings explain ${id}\` lists the ids, under “Entry ids”)`,
          fr: `entrée \`${entry}\` inconnue${guess ? `; vouliez-vous dire \`${guess}\`?` : ''} (\`postings explain ${id}\` énumère les identifiants, sous « Identifiants des entrées »)`,
        },
      });
    });
  }
  return problems;
}

/** `/rules/frontmatter~1yaml` → `rules.frontmatter/yaml`. */
function pointerPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function defaults(rule: RuleModule): Record<string, unknown> {
  const props = (rule.meta.optionsSchema as { properties?: Record<string, { default?: unknown }> } | undefined)
    ?.properties;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props ?? {})) if (v.default !== undefined) out[k] = structuredClone(v.default);
  return out;
}

/**
 * Extend a built-in table with the user's: objects merge key by key, arrays of entries
 * with an `id` (or `code`) replace the entry of the same id and add the others, other
 * arrays are appended to, scalars are replaced.
 */
export function mergeData(base: unknown, extension: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(extension)) {
    const keyOf = (x: unknown) =>
      x && typeof x === 'object' ? ((x as { id?: unknown }).id ?? (x as { code?: unknown }).code) : undefined;
    const out = [...base];
    for (const item of extension) {
      const k = keyOf(item);
      const at = k === undefined ? -1 : out.findIndex((b) => keyOf(b) === k);
      if (at >= 0) out[at] = mergeData(out[at], item);
      else out.push(item);
    }
    return out;
  }
  if (base && extension && typeof base === 'object' && typeof extension === 'object' && !Array.isArray(base)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(extension as Record<string, unknown>)) out[k] = mergeData(out[k], v);
    return out;
  }
  return extension === undefined ? base : extension;
}
