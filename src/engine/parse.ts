/**
 * Parse a posting once: Markdown (unified + remark-parse + remark-frontmatter) for the body,
 * the `yaml` package for the front matter so that keys and values keep their positions.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import type { FrontMatter, LanguageConfig, ParsedPosting } from '../types.js';
import { detectLanguage, parseYaml } from './front-matter.js';

export { detectLanguage, parseYaml };
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

