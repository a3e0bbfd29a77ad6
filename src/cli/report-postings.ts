/**
 * The postings a report describes (`--format html`): title, language, pairing key and
 * partners of each reported file, read from the text the linter already holds, plus the
 * front matter of the partners under the same content roots.
 */
import type { FileResult, ResolvedConfig } from '../types.js';
import type { ReportPosting } from '../reporters/types.js';
import { pairsOf } from '../lib/pairing.js';
import { buildProject } from './project.js';
import { postingFilter } from './site.js';

export function describePostings(results: readonly FileResult[], config: ResolvedConfig): ReportPosting[] {
  // The front matter of each reported file (its head only), and of the partners under its root.
  const { index } = buildProject(
    results.map((r) => r.filePath),
    config,
    { extractCodes: () => [], keep: postingFilter(config) },
  );
  const pairs = pairsOf(index, config.settings, config.language);
  return index.entries.map((e) => ({
    filePath: e.filePath,
    lang: e.lang,
    title: e.title,
    key: pairs.get(e.filePath)?.key,
    scope: e.scope,
    partners: (pairs.get(e.filePath)?.partners ?? []).map((p) => p.filePath),
  }));
}
