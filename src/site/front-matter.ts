/**
 * The front matter values of a page, cheaply: YAML (`---`), TOML (`+++`) or JSON (`{`).
 * Used for the site's pages (URLs, aliases, layouts); postings themselves are parsed by the
 * engine with positions. A page whose front matter cannot be read has no values: it is not
 * this reader's place to report it.
 */
import { parse as parseYaml } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import { simpleFields } from '../engine/project-index.js';

export type FrontMatterValues = Record<string, unknown>;

/** The keys the site model reads from a page. */
export const PAGE_KEYS = ['url', 'slug', 'translationKey', 'date', 'publishDate', 'title', 'layout', 'type'];

/**
 * The front matter values, or only `keys` of them when given: then read from simple
 * `key: value` lines (and a one-line `aliases: [/a/, /b/]`) without a YAML parse when the
 * front matter allows, which keeps indexing a whole site cheap.
 */
export function readFrontMatterValues(text: string, _file?: string, keys?: readonly string[]): FrontMatterValues {
  const body = text.replace(/^\uFEFF/, '');
  try {
    const yaml = /^---[ \t]*\r?\n([^]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(body) ?? /^---[ \t]*\r?\n()---[ \t]*(?:\r?\n|$)/.exec(body);
    if (yaml && keys) {
      let aliases: string[] | undefined;
      // (Most pages have no aliases: their front matter is not searched for them twice.)
      const hasAliases = yaml[1]!.includes('aliases:');
      const rest = !hasAliases
        ? yaml[1]!
        : yaml[1]!.replace(/^aliases:[ \t]*\[([^\]\n"'{}]*)\][ \t]*$/m, (_m, list: string) => {
            aliases = list.split(',').map((a) => a.trim()).filter(Boolean);
            return '';
          });
      const simple = hasAliases && /^aliases:/m.test(rest) ? undefined : simpleFields(rest, keys);
      if (simple) return aliases ? { ...simple, aliases } : simple;
    }
    if (yaml) return asTable(parseYaml(yaml[1]!, { maxAliasCount: 100, logLevel: 'silent' }));
    const toml = /^\+\+\+[ \t]*\r?\n([^]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/.exec(body);
    if (toml) return asTable(parseToml(toml[1]!));
    if (body.startsWith('{')) {
      const end = jsonEnd(body);
      if (end > 0) return asTable(JSON.parse(body.slice(0, end)));
    }
  } catch {
    return {};
  }
  return {};
}

function asTable(v: unknown): FrontMatterValues {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as FrontMatterValues) : {};
}

/** Where a JSON front matter object ends (its closing brace at depth 0), or -1. */
function jsonEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}
