/**
 * Parse a posting once: Markdown (unified + remark-parse + remark-frontmatter) for the body,
 * the `yaml` package for the front matter so that keys and values keep their positions.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { parseDocument } from 'yaml';
import type { Root } from 'mdast';
import type { FrontMatter, Lang, LanguageConfig, ParsedPosting } from '../types.js';
import { computeLineStarts } from './positions.js';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

export function parsePosting(
  rawText: string,
  filePath: string,
  language: LanguageConfig,
): ParsedPosting {
  const hasBom = rawText.charCodeAt(0) === 0xfeff;
  const text = hasBom ? rawText.slice(1) : rawText;
  const tree = processor.parse(text) as Root;
  const frontMatter = readFrontMatter(text, tree);
  const { lang, langSource } = detectLanguage(filePath, frontMatter?.data, language);
  return {
    filePath,
    text,
    hasBom,
    tree,
    frontMatter,
    lang,
    langSource,
    lineStarts: computeLineStarts(text),
  };
}

function readFrontMatter(text: string, tree: Root): FrontMatter | undefined {
  const first = tree.children[0];
  if (!first || first.type !== 'yaml') return undefined;
  const start = first.position?.start.offset ?? 0;
  const end = first.position?.end.offset ?? text.length;
  // The YAML text runs from the line after the opening fence to the closing fence's line.
  const firstLineEnd = text.indexOf('\n', start);
  const contentStart = firstLineEnd === -1 || firstLineEnd > end ? end : firstLineEnd + 1;
  let closingLineStart = end;
  while (closingLineStart > contentStart && text[closingLineStart - 1] !== '\n') closingLineStart--;
  const source = text.slice(contentStart, Math.max(contentStart, closingLineStart));
  return parseYaml(source, contentStart, [start, end]);
}

/** Parse front matter YAML; errors and node ranges are made absolute by `offset`. */
export function parseYaml(source: string, offset: number, range: [number, number]): FrontMatter {
  // `logLevel: 'error'`: a key such as `? [a]` is stringified without a Node warning on stderr.
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const errors: FrontMatter['errors'] = doc.errors.map((e) => ({
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
