import type { RuleModule } from '../../types.js';
import { agreed, displayPaths, langName, partnersOf, valueRange } from '../../lib/pairing.js';

const codes = (list: string[]) => [...list].sort().join(', ');

const rule: RuleModule = {
  meta: {
    id: 'pairing/mismatch',
    description: {
      en: 'An English posting and its French translation must agree on `archived` and on the classification codes their bodies name.',
      fr: 'Une offre en anglais et sa traduction française doivent concorder pour `archived` et pour les codes de classification nommés dans leur texte.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      archived: {
        en: '`archived` is {here} here but {there} in the {lang} posting ({path})',
        fr: '`archived` vaut {here} ici, mais {there} dans l’offre {lang} ({path})',
      },
      classifications: {
        en: 'The classification codes differ from the {lang} posting ({path}): here {here}; there {there}',
        fr: 'Les codes de classification diffèrent de ceux de l’offre {lang} ({path}) : ici {here}; là-bas {there}',
      },
    },
  },
  create(context) {
    const pair = partnersOf(context);
    if (!pair) return;
    const { self, partners, view } = pair;
    const lang = langName(view.other, context.locale);
    const path = displayPaths(partners);
    const archived = agreed(partners, (e) => e.archived);
    if (self.archived !== undefined && archived !== undefined && self.archived !== archived) {
      context.report({
        messageId: 'archived',
        data: { here: String(self.archived), there: String(archived), lang, path },
        loc: { range: valueRange(context, 'archived') },
      });
    }
    const there = agreed(partners, (e) => e.classifications, codes);
    if (there === undefined) return;
    const here = self.classifications;
    if (here.length + there.length > 0 && codes(here) !== codes(there)) {
      const none = context.locale === 'fr' ? 'aucun' : 'none';
      context.report({
        messageId: 'classifications',
        data: { here: here.length ? codes(here) : none, there: there.length ? codes(there) : none, lang, path },
        loc: { range: view.range },
      });
    }
  },
};

export default rule;
