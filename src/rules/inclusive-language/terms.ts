import type { Lang, RuleModule } from '../../types.js';
import { formatMessage } from '../../engine/format.js';
import { collectSegments } from '../../lib/inclusive/segments.js';
import { lexiconEntryIds, lexiconFor, makeEntryFilter, matchTerms, pickText } from '../../lib/inclusive/lexicon.js';
import { OPTIONS_SCHEMA, SUGGEST_MESSAGE } from '../../lib/inclusive/rule-parts.js';

const rule: RuleModule = {
  meta: {
    id: 'inclusive-language/terms',
    description: {
      en: 'Words that exclude: gendered terms and pronouns, age-, origin- and ability-coded wording, coded jargon, "culture fit" (English), masculine generic nouns for people (French); each with a better wording.',
      fr: 'Mots qui excluent : termes et pronoms genrés, formulations liées à l’âge, à l’origine ou aux capacités, jargon codé, « culture fit » (anglais), noms masculins génériques désignant des personnes (français); chacun avec une meilleure formulation.',
    },
    defaultSeverity: 'warn',
    fixable: false,
    hasSuggestions: true,
    optionsSchema: OPTIONS_SCHEMA,
    entryIds: lexiconEntryIds,
    messages: {
      term: { en: '{message}', fr: '{message}' },
      suggest: SUGGEST_MESSAGE,
    },
  },
  create(context) {
    const lang: Lang | undefined = context.lang;
    if (!lang) return;
    const lexicon = lexiconFor(context, lang);
    if (!lexicon) return;
    const keep = makeEntryFilter(context);
    const text = context.posting.text;
    for (const m of matchTerms(text, collectSegments(context.posting), lexicon)) {
      if (!keep(m.entry.id, m.words, m.range[0])) continue;
      const words = text.slice(m.range[0], m.range[1]).replace(/\s+/g, ' ');
      const message = formatMessage(pickText(m.entry.message, context.locale), {
        word: words,
        suggestion: m.suggestions[0] ?? '',
      });
      context.report({
        messageId: 'term',
        data: { message },
        entryId: m.entry.id,
        loc: { range: m.range },
        suggestions: m.suggestions.map((s) => ({ messageId: 'suggest', data: { text: s }, fix: { range: m.range, text: s } })),
      });
    }
  },
};

export default rule;
