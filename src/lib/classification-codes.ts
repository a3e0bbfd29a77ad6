/**
 * Classification codes named in a posting's body, for the front matter index (pairing
 * compares the codes of the English and French postings). Backed by the mention scanner of
 * the classification rules (`classification-mentions.ts`), on raw text: postings that are
 * only indexed are never Markdown-parsed.
 */
import type { ResolvedConfig } from '../types.js';
import type { CodeExtractor } from '../engine/project-index.js';
import { classificationTable } from './classification-table.js';
import { extractCodes as extract } from './classification-mentions.js';

/** The index's extractor for a configuration: known groups of `data.classifications` only. */
export function codeExtractor(config: Pick<ResolvedConfig, 'data'>): CodeExtractor {
  const table = classificationTable(config.data);
  return (body) => extract(body, table);
}
