import type { RuleModule } from '../../types.js';

const rule: RuleModule = {
  meta: {
    id: 'language/unknown',
    description: {
      en: 'The language of a posting must be known: from an `en`/`fr` folder, a `.fr.md` suffix, or a `lang` key.',
      fr: 'La langue d’une offre doit être connue : dossier `en`/`fr`, suffixe `.fr.md` ou clé `lang`.',
    },
    defaultSeverity: 'warn',
    fixable: false,
    messages: {
      unknown: {
        en: 'Cannot tell whether this posting is English or French: put it under an `en/` or `fr/` folder, name it `*.en.md` or `*.fr.md`, or add `lang: en` or `lang: fr`; language rules skip it',
        fr: 'Impossible de savoir si cette offre est en anglais ou en français : placez-la dans un dossier `en/` ou `fr/`, nommez-la `*.en.md` ou `*.fr.md`, ou ajoutez `lang: en` ou `lang: fr`; les règles de langue l’ignorent',
      },
    },
  },
  create(context) {
    if (!context.lang) context.report({ messageId: 'unknown', loc: { start: { line: 1, column: 1 } } });
  },
};
export default rule;
