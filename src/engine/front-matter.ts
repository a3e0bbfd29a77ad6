/**
 * Front matter: the YAML parse with positions, and the language of a posting. Apart from the
 * Markdown parser (src/engine/parse.ts) so that the front matter index, built in the main
 * thread before any posting is parsed, does not load the Markdown parser.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { FrontMatter, Lang, LanguageConfig } from '../types.js';

/** Parse front matter YAML; errors and node ranges are made absolute by `offset`. */
export function parseYaml(source: string, offset: number, range: [number, number]): FrontMatter {
  // Key uniqueness is checked here, in linear time: the parser's own check compares each key
  // with every key before it (10,000 keys took seconds).
  // `logLevel: 'error'`: a key such as `? [a]` is stringified without a Node warning on stderr.
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const all = [...doc.errors, ...duplicateKeys(doc.contents)].sort((a, b) => a.pos[0] - b.pos[0]);
  const errors: FrontMatter['errors'] = all.map((e) => ({
    // Extreme nesting makes the parser give up in the engine's own words: say it plainly.
    message: /Maximum call stack/i.test(e.message) ? 'nested too deeply' : e.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, ''),
    code: e.code,
    range: [offset + e.pos[0], offset + Math.max(e.pos[1], e.pos[0])] as [number, number],
  }));
  let data: Record<string, unknown> | undefined;
  if (errors.length === 0) {
    try {
      const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
      data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    } catch (error) {
      // An alias "bomb" (aliases that expand exponentially) or a bad tag: a YAML error of
      // this file, at the start of its front matter; never a crash of the run.
      errors.push({
        message: (error as Error).message.split('\n')[0]!,
        code: (error as { code?: string }).code ?? 'RESOLVE',
        range: [offset, offset],
      });
    }
  }
  return { source, offset, range, doc, data, errors };
}

/** `Map keys must be unique` errors, as the YAML parser gives them, found without recursion. */
function duplicateKeys(root: unknown): Array<{ message: string; code: string; pos: [number, number] }> {
  const out: Array<{ message: string; code: string; pos: [number, number] }> = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = `${typeof pair.key.value}\0${String(pair.key.value)}`;
          if (seen.has(key)) {
            const at = pair.key.range?.[0] ?? 0;
            out.push({ message: 'Map keys must be unique', code: 'DUPLICATE_KEY', pos: [at, at + 1] });
          } else seen.add(key);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return out;
}

export function detectLanguage(
  filePath: string,
  data: Record<string, unknown> | undefined,
  language: LanguageConfig,
): { lang: Lang | undefined; langSource?: 'path' | 'suffix' | 'frontmatter' } {
  const langs: Lang[] = ['en', 'fr'];
  if (language.frontMatterKey && data) {
    const value = data[language.frontMatterKey];
    if (typeof value === 'string') {
      const v = value.toLowerCase().split(/[-_]/)[0];
      if (v === 'en' || v === 'fr') return { lang: v, langSource: 'frontmatter' };
    }
  }
  const parts = filePath.split(/[\\/]+/);
  const base = (parts[parts.length - 1] ?? '').toLowerCase();
  for (const lang of langs) {
    for (const suffix of language.suffixes[lang]) {
      if (base.endsWith(`.${suffix.toLowerCase()}.md`)) return { lang, langSource: 'suffix' };
    }
  }
  // The deepest matching folder wins: `/home/en/site/content/fr/x.md` is French.
  for (let i = parts.length - 2; i >= 0; i--) {
    const seg = parts[i]!.toLowerCase();
    for (const lang of langs) {
      if (language.pathSegments[lang].some((s) => s.toLowerCase() === seg)) {
        return { lang, langSource: 'path' };
      }
    }
  }
  return { lang: undefined };
}
