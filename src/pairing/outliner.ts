/** The outline function of a configuration: codes from its classification table, links from its counterparts. */
import type { ParsedPosting, ResolvedConfig } from '../types.js';
import { classificationTable } from '../lib/classification-table.js';
import { findMentions } from '../lib/classification-mentions.js';
import { computeOutline, type Outline } from './outline.js';
import { linkNormaliser } from './links.js';
import { durationWords, type DurationWordsTable } from './values.js';

export type Outliner = (posting: ParsedPosting) => Outline;

export function outliner(config: Pick<ResolvedConfig, 'data'>): Outliner {
  const table = classificationTable(config.data);
  const links = linkNormaliser(config);
  const codes = (p: ParsedPosting) => findMentions(p, table).map((m) => ({ codes: m.codes, range: m.range }));
  const durations = durationWords(config.data['durations'] as DurationWordsTable | undefined);
  return (posting) => computeOutline(posting, { codes, links, durations });
}
