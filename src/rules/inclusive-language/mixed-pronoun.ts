import type { RuleModule } from '../../types.js';
import { matchPronouns } from './_shared/agreement.js';
import { OPTIONS_SCHEMA, SUGGEST_MESSAGE, reportFrenchAgreement } from './_shared/rule-parts.js';

const rule: RuleModule = {
  meta: {
    id: 'inclusive-language/mixed-pronoun',
    description: {
      en: 'French masculine pronouns for a mixed group (“ils” after “les Canadiennes et Canadiens”, “chacun”, “ceux désirant”, “nous ne pouvons pas tous”): a suggestion, less certain than the other inclusive-language rules.',
      fr: 'Pronoms masculins pour un groupe mixte (« ils » après « les Canadiennes et Canadiens », « chacun », « ceux désirant », « nous ne pouvons pas tous ») : une suggestion, moins sûre que les autres règles inclusive-language.',
    },
    defaultSeverity: 'warn',
    fixable: false,
    hasSuggestions: true,
    optionsSchema: OPTIONS_SCHEMA,
    entryIds: () => ['pronoun'],
    messages: {
      pronoun: {
        en: '“{words}” may stand for women and men in the masculine: consider “{suggestion}” or rephrasing',
        fr: '« {words} » désigne peut-être des femmes et des hommes au masculin : envisagez « {suggestion} » ou reformulez',
      },
      suggest: SUGGEST_MESSAGE,
    },
  },
  create(context) {
    reportFrenchAgreement(context, matchPronouns, () => 'pronoun');
  },
};

export default rule;
