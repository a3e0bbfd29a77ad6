import type { Lang, RuleModule } from '../../types.js';
import { formatMessage } from '../../engine/format.js';
import { collectSegments, segmentLang, type Segment } from './_shared/segments.js';
import { lexiconEntryIds, lexiconFor, makeEntryFilter, matchTerms, pickText } from './_shared/lexicon.js';
import { OPTIONS_SCHEMA, SUGGEST_MESSAGE } from './_shared/rule-parts.js';

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
    if (!context.lang) return;
    // Each lexicon reads the paragraphs in its own language (`leur handicap` in a French
    // paragraph of an English posting is not the dated English word).
    const byLang: Record<Lang, Segment[]> = { en: [], fr: [] };
    for (const seg of collectSegments(context.posting)) {
      const lang = segmentLang(seg, context.lang);
      if (lang) byLang[lang].push(seg);
    }
    const keep = makeEntryFilter(context);
    const text = context.posting.text;
    const found = (['en', 'fr'] as const).flatMap((lang) => {
      const lexicon = byLang[lang].length ? lexiconFor(context, lang) : undefined;
      return lexicon ? matchTerms(text, byLang[lang], lexicon) : [];
    });
    found.sort((a, b) => a.range[0] - b.range[0]);
    for (const m of found) {
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
