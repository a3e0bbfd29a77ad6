/** Pieces every `inclusive-language/*` rule shares: options schema and messages. */
import type { Bilingual, RuleContext } from '../../../types.js';
import { collectSegments, segmentLang, type Segment } from './segments.js';
import { lexiconFor, makeEntryFilter, type Lexicon } from './lexicon.js';
import type { AgreementMatch } from './agreement.js';

export const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ignore: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      default: [],
      description: 'Entry ids not to report (`chairman`, `fr-candidats`).',
    },
    allow: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      default: [],
      description: 'Words or phrases never to report, as written in the posting (case-insensitive).',
    },
  },
};

export const SUGGEST_MESSAGE: Bilingual = {
  en: 'Replace with “{text}”',
  fr: 'Remplacer par « {text} »',
};

/**
 * Report the agreement matches `find` gives in the French segments of a posting (French
 * postings, and French paragraphs of English ones): the loop masculine-agreement and
 * mixed-pronoun share. `messageId` names the message and the entry a directive silences.
 */
export function reportFrenchAgreement(
  context: RuleContext,
  find: (fileText: string, seg: Segment, lexicon: Lexicon) => AgreementMatch[],
  messageId: (m: AgreementMatch) => string,
): void {
  if (!context.lang) return;
  const lexicon = lexiconFor(context, 'fr');
  if (!lexicon?.agreement) return;
  const keep = makeEntryFilter(context);
  const text = context.posting.text;
  for (const seg of collectSegments(context.posting)) {
    if (segmentLang(seg, context.lang) !== 'fr') continue;
    for (const m of find(text, seg, lexicon)) {
      const id = messageId(m);
      if (!keep(id, m.words, m.range[0])) continue;
      const words = m.words.replace(/\s+/g, ' ');
      context.report({
        messageId: id,
        entryId: id,
        data: { words, suggestion: m.suggestion ?? words },
        loc: { range: m.range },
        suggestions: m.suggestion
          ? [{ messageId: 'suggest', data: { text: m.suggestion }, fix: { range: m.range, text: m.suggestion } }]
          : [],
      });
    }
  }
}
