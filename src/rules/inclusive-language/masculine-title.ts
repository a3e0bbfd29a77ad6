import type { RuleModule } from '../../types.js';
import type { Lexicon } from './_shared/lexicon.js';
import { collectSegments, segmentLang } from './_shared/segments.js';
import { lexiconFor, makeEntryFilter } from './_shared/lexicon.js';
import { matchTitles, titleIds } from './_shared/french.js';
import { OPTIONS_SCHEMA, SUGGEST_MESSAGE } from './_shared/rule-parts.js';

const rule: RuleModule = {
  meta: {
    id: 'inclusive-language/masculine-title',
    description: {
      en: 'French job titles must not be masculine only (in `title`, `description`, headings and the sentence naming the role): write the doublet or an épicène title.',
      fr: 'Les titres de poste en français ne doivent pas être au masculin seulement (dans `title`, `description`, les intertitres et la phrase qui nomme le poste) : écrivez le doublet ou un titre épicène.',
    },
    defaultSeverity: 'error',
    fixable: false,
    hasSuggestions: true,
    optionsSchema: OPTIONS_SCHEMA,
    entryIds: (config) => titleIds(config.data['inclusive-fr'] as Lexicon | undefined),
    messages: {
      masculine: {
        en: '“{words}” is a masculine-only job title: write the doublet “{doublet}” or an épicène title',
        fr: '« {words} » est un titre de poste au masculin seulement : écrivez le doublet « {doublet} » ou un titre épicène',
      },
      suggest: SUGGEST_MESSAGE,
    },
  },
  create(context) {
    if (!context.lang) return;
    const lexicon = lexiconFor(context, 'fr');
    if (!lexicon?.titles) return;
    const keep = makeEntryFilter(context);
    const text = context.posting.text;
    for (const seg of collectSegments(context.posting)) {
      if (segmentLang(seg, context.lang) !== 'fr') continue;
      for (const m of matchTitles(text, seg, lexicon)) {
        if (!keep(m.nounId, m.words, m.range[0])) continue;
        const words = text.slice(m.range[0], m.range[1]).replace(/\s+/g, ' ');
        context.report({
          messageId: 'masculine',
          entryId: m.nounId,
          data: { words, doublet: m.doublet },
          loc: { range: m.range },
          suggestions: [{ messageId: 'suggest', data: { text: m.doublet }, fix: { range: m.range, text: m.doublet } }],
        });
      }
    }
  },
};

export default rule;
