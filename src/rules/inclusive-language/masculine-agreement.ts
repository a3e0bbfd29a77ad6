import type { RuleModule } from '../../types.js';
import { matchAgreement } from './_shared/agreement.js';
import { namingSentence } from './_shared/french.js';
import { OPTIONS_SCHEMA, SUGGEST_MESSAGE, reportFrenchAgreement } from './_shared/rule-parts.js';

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
    reportFrenchAgreement(context, (text, seg, lexicon) => matchAgreement(text, seg, lexicon, namingSentence(seg)), (m) =>
      m.kind === 'reader' ? 'reader' : 'determiner',
    );
  },
};

export default rule;
