import type { RuleModule } from '../../types.js';
import { findAccommodation } from './_section.js';

const rule: RuleModule = {
  meta: {
    id: 'accommodation/link',
    description: {
      en: 'The assessment accommodation sentence must come with a link to the Public Service Commission page.',
      fr: 'La phrase sur les mesures d’adaptation en matière d’évaluation doit être accompagnée d’un lien vers la page de la Commission de la fonction publique.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      noLink: {
        en: 'The accommodation section has no link to the Public Service Commission page; link {url}',
        fr: 'La section sur les mesures d’adaptation n’a pas de lien vers la page de la Commission de la fonction publique; ajoutez un lien vers {url}',
      },
    },
  },
  create(context) {
    const found = findAccommodation(context);
    if (!found?.sentence || found.link) return;
    const table = context.config.data.accommodation as { pages: Record<'en' | 'fr', string[]> };
    context.report({
      messageId: 'noLink',
      data: { url: table.pages[context.lang!][0] ?? '' },
      loc: { range: found.sentence },
    });
  },
};

export default rule;
