/** Build the front matter index for a run: every posting under the content roots. */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { ParsedPosting, ProjectIndex, ResolvedConfig } from '../types.js';
import { buildIndex, type CodeExtractor, type IndexInput } from '../engine/project-index.js';
import { findContentRoot, isSectionPage, walkMarkdown } from './files.js';
import { codeExtractor } from '../lib/classification-codes.js';

export interface ProjectInfo {
  index: ProjectIndex;
  /** The content roots that were indexed. */
  roots: string[];
}

export function buildProject(
  parsed: ParsedPosting[],
  config: ResolvedConfig,
  extractCodes: CodeExtractor = codeExtractor(config),
): ProjectInfo {
  const cache = new Map<string, string | null>();
  const roots = new Set<string>();
  if (config.contentDir) roots.add(config.contentDir);
  else for (const p of parsed) {
    const root = findContentRoot(p.filePath, cache);
    if (root) roots.add(root);
  }
  const byPath = new Map(parsed.map((p) => [p.filePath, p]));
  const rootOf = (file: string) => [...roots].find((r) => file.startsWith(r + sep));
  const display = (file: string) => {
    const root = rootOf(file);
    return (root ? relative(root, file) : relative(process.cwd(), file)).split(sep).join('/');
  };
  const inputs: IndexInput[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    for (const file of walkMarkdown(root)) {
      if (isSectionPage(file)) continue;
      if (seen.has(file)) continue;
      seen.add(file);
      const p = byPath.get(file);
      if (p) inputs.push({ filePath: file, displayPath: display(file), parsed: p });
      else {
        let text: string | undefined;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        inputs.push({ filePath: file, displayPath: display(file), text });
      }
    }
  }
  // Linted postings outside any content root still pair with each other.
  for (const p of parsed) {
    if (!seen.has(p.filePath)) inputs.push({ filePath: p.filePath, displayPath: display(p.filePath), parsed: p });
  }
  return { index: buildIndex(inputs, config.language, extractCodes), roots: [...roots] };
}
