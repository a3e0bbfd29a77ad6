import type { RuleModule } from '../../types.js';
import { collectSegments, segmentLang } from './_shared/segments.js';
import { lexiconFor, makeEntryFilter } from './_shared/lexicon.js';
import { matchAbbreviations } from './_shared/french.js';
import { OPTIONS_SCHEMA, SUGGEST_MESSAGE } from './_shared/rule-parts.js';

const rule: RuleModule = {
  meta: {
    id: 'inclusive-language/abbreviated-doublet',
    description: {
      en: 'French abbreviated doublets (point médian `adjoint·e`, parentheses `chargé(e)s`, hyphen `principal-e`, dot `principal.e`, slash `étudiant/e`, capital E) hurt clarity and screen readers: write the full doublet.',
      fr: 'Les doublets abrégés (point médian `adjoint·e`, parenthèses `chargé(e)s`, trait d’union `principal-e`, point `principal.e`, barre oblique `étudiant/e`, E majuscule) nuisent à la clarté et aux lecteurs d’écran : écrivez le doublet complet.',
    },
    defaultSeverity: 'warn',
    fixable: false,
    hasSuggestions: true,
    optionsSchema: OPTIONS_SCHEMA,
    entryIds: () => ['abbreviated'],
    messages: {
      abbreviated: {
        en: '“{words}” is an abbreviated doublet: write it in full, “{doublet}”',
        fr: '« {words} » est un doublet abrégé : écrivez-le au long, « {doublet} »',
      },
      suggest: SUGGEST_MESSAGE,
    },
  },
  create(context) {
    if (!context.lang) return;
    const keep = makeEntryFilter(context);
    const lexicon = lexiconFor(context, 'fr');
    const text = context.posting.text;
    for (const seg of collectSegments(context.posting)) {
      if (segmentLang(seg, context.lang) !== 'fr') continue;
      for (const m of matchAbbreviations(text, seg, lexicon)) {
        if (!keep('abbreviated', m.words, m.range[0])) continue;
        context.report({
          messageId: 'abbreviated',
          entryId: 'abbreviated',
          data: { words: text.slice(m.range[0], m.range[1]).replace(/\s+/g, ' '), doublet: m.doublet },
          loc: { range: m.range },
          suggestions: [{ messageId: 'suggest', data: { text: m.doublet }, fix: { range: m.range, text: m.doublet } }],
        });
      }
    }
  },
};

export default rule;
