/**
 * The postings a report describes (`--format html`): title, language, pairing key and
 * partners of each reported file, read from the text the linter already holds, plus the
 * front matter of the partners under the same content roots.
 */
import { readFileSync } from 'node:fs';
import type { FileResult, ResolvedConfig } from '../types.js';
import type { ReportPosting } from '../reporters/types.js';
import { pairsOf } from '../lib/pairing.js';
import { buildProject } from './project.js';
import { postingFilter } from './site.js';

export function describePostings(results: readonly FileResult[], config: ResolvedConfig): ReportPosting[] {
  const held: Array<{ filePath: string; text: string }> = [];
  for (const r of results) {
    let text = r.source;
    if (text === undefined) {
      try {
        text = readFileSync(r.filePath, 'utf8');
      } catch {
        continue; // unreadable: its `internal/read-error` finding says so
      }
    }
    held.push({ filePath: r.filePath, text });
  }
  const { index } = buildProject(held, config, () => [], postingFilter(config));
  const pairs = pairsOf(index, config.settings, config.language);
  return index.entries.map((e) => ({
    filePath: e.filePath,
    lang: e.lang,
    title: e.title,
    key: pairs.get(e.filePath)?.key,
    partners: (pairs.get(e.filePath)?.partners ?? []).map((p) => p.filePath),
  }));
}
