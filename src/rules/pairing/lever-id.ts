import type { RuleModule } from '../../types.js';
import { agreed, displayPaths, langName, partnersOf, valueRange } from '../../lib/pairing.js';

const rule: RuleModule = {
  meta: {
    id: 'pairing/lever-id',
    description: {
      en: 'When an English posting and its French translation both have a `leverId`, it must be the same.',
      fr: 'Quand une offre en anglais et sa traduction française ont toutes deux un `leverId`, il doit être le même.',
    },
    defaultSeverity: 'warn',
    fixable: false,
    messages: {
      differs: {
        en: '`leverId` is `{here}` here but `{there}` in the {lang} posting ({path}); applicants in each language reach a different Lever posting',
        fr: '`leverId` vaut `{here}` ici, mais `{there}` dans l’offre {lang} ({path}); les personnes candidates de chaque langue arrivent à une offre Lever différente',
      },
    },
  },
  create(context) {
    const pair = partnersOf(context);
    if (!pair) return;
    const { self, partners, view } = pair;
    const there = agreed(partners, (e) => e.leverId, (v) => v.toLowerCase());
    if (!self.leverId || !there || self.leverId.toLowerCase() === there.toLowerCase()) return;
    context.report({
      messageId: 'differs',
      data: { here: self.leverId, there, lang: langName(view.other, context.locale), path: displayPaths(partners) },
      loc: { range: valueRange(context, 'leverId') },
    });
  },
};

export default rule;
