import type { RuleModule } from '../../types.js';
import { findAccommodation } from '../../lib/accommodation.js';

const rule: RuleModule = {
  meta: {
    id: 'accommodation/missing',
    description: {
      en: 'A posting must have an assessment accommodation section: the sentence on requesting accommodation during the assessment process, with a link to the Public Service Commission page.',
      fr: 'Une offre doit avoir une section sur les mesures d’adaptation en matière d’évaluation : la phrase sur la demande de mesures d’adaptation pendant le processus d’évaluation, avec un lien vers la page de la Commission de la fonction publique.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      missing: {
        en: 'No assessment accommodation section: add the sentence on requesting accommodation during the assessment process and a link to {url}',
        fr: 'Aucune section sur les mesures d’adaptation : ajoutez la phrase sur la demande de mesures d’adaptation pendant le processus d’évaluation et un lien vers {url}',
      },
    },
  },
  create(context) {
    const found = findAccommodation(context);
    if (!found || found.sentence || found.link) return;
    const table = context.config.data.accommodation as { pages: Record<'en' | 'fr', string[]> };
    const fm = context.posting.frontMatter;
    context.report({
      messageId: 'missing',
      data: { url: table.pages[context.lang!][0] ?? '' },
      loc: { range: fm ? [fm.range[0], fm.range[0] + 3] : [0, 0] },
    });
  },
};

export default rule;
