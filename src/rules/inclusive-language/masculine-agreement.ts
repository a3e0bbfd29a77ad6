import type { RuleModule } from '../../types.js';
import { collectSegments, segmentLang } from '../../lib/inclusive/segments.js';
import { lexiconFor, makeEntryFilter } from '../../lib/inclusive/lexicon.js';
import { matchAgreement } from '../../lib/inclusive/agreement.js';
import { namingSentence } from '../../lib/inclusive/french.js';
import { OPTIONS_SCHEMA, SUGGEST_MESSAGE } from '../../lib/inclusive/rule-parts.js';

const rule: RuleModule = {
  meta: {
    id: 'inclusive-language/masculine-agreement',
    description: {
      en: 'French wording that makes a person not yet known a man: the reader addressed in the masculine (“Vous êtes intéressé?”), a masculine determiner or adjective on an épicène noun (“le titulaire”, “hauts fonctionnaires”, “un solide chercheur”).',
      fr: 'Formulations qui font d’une personne encore inconnue un homme : le lecteur ou la lectrice interpellé au masculin (« Vous êtes intéressé? »), un déterminant ou un adjectif masculin sur un nom épicène (« le titulaire », « hauts fonctionnaires », « un solide chercheur »).',
    },
    defaultSeverity: 'warn',
    fixable: false,
    hasSuggestions: true,
    optionsSchema: OPTIONS_SCHEMA,
    entryIds: () => ['reader', 'determiner'],
    messages: {
      reader: {
        en: '“{words}” addresses the reader in the masculine: write “{suggestion}” or rephrase (“Ce poste vous intéresse?”)',
        fr: '« {words} » s’adresse au lecteur ou à la lectrice au masculin : écrivez « {suggestion} » ou reformulez (« Ce poste vous intéresse? »)',
      },
      determiner: {
        en: '“{words}” makes an épicène noun masculine for a person not yet known: write “{suggestion}” or a neutral wording',
        fr: '« {words} » rend masculin un nom épicène pour une personne encore inconnue : écrivez « {suggestion} » ou une formulation neutre',
      },
      suggest: SUGGEST_MESSAGE,
    },
  },
  create(context) {
    if (!context.lang) return;
    const lexicon = lexiconFor(context, 'fr');
    if (!lexicon?.agreement) return;
    const keep = makeEntryFilter(context);
    const text = context.posting.text;
    for (const seg of collectSegments(context.posting)) {
      if (segmentLang(seg, context.lang) !== 'fr') continue;
      for (const m of matchAgreement(text, seg, lexicon, namingSentence(seg))) {
        if (!keep(m.kind, m.words, m.range[0])) continue;
        const words = m.words.replace(/\s+/g, ' ');
        const suggestion = m.suggestion ?? words;
        context.report({
          messageId: m.kind === 'reader' ? 'reader' : 'determiner',
          data: { words, suggestion },
          loc: { range: m.range },
          suggestions: m.suggestion ? [{ messageId: 'suggest', data: { text: m.suggestion }, fix: { range: m.range, text: m.suggestion } }] : [],
        });
      }
    }
  },
};

export default rule;
