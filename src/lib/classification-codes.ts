/**
 * Classification codes named in a posting's body, for the front matter index (pairing
 * compares the codes of the English and French postings). Backed by the mention scanner of
 * the classification rules (`classification-mentions.ts`), on raw text: postings that are
 * only indexed are never Markdown-parsed.
 */
import type { ResolvedConfig } from '../types.js';
import type { CodeExtractor } from '../engine/project-index.js';
import { classificationTable, type ClassificationTable } from './classification-table.js';
import { extractCodes as extract } from './classification-mentions.js';

/** The index's extractor for a configuration: known groups of `data.classifications` only. */
export function codeExtractor(config: Pick<ResolvedConfig, 'data'>): CodeExtractor {
  const table = classificationTable(config.data);
  return (body) => extract(body, table);
}

/**
 * Codes in `body`, sorted `GROUP-NN`. Without a table: the groups in `groups`, or any two
 * capitals when none are given (prefer `codeExtractor(config)`).
 */
export function extractCodes(body: string, groups?: ReadonlySet<string>): string[] {
  return extract(body, looseTable(groups));
}

function looseTable(groups?: ReadonlySet<string>): ClassificationTable {
  const all = new Proxy(new Map(), {
    get(target, prop) {
      if (prop === 'get') return (code: string) => (!groups || groups.has(code) ? { code, levels: [0, 99] } : undefined);
      return Reflect.get(target, prop, target);
    },
  });
  return {
    groups: all,
    targets: new Map(),
    notMentions: new Set(),
    targetsMatching: () => [],
    anyTargetMatching: () => undefined,
    preferredUrl: () => undefined,
  } as unknown as ClassificationTable;
}
