import type { RuleModule } from '../../types.js';
import { findAccommodation } from './_section.js';
import { proseBlocks } from '../../lib/prose.js';

const rule: RuleModule = {
  meta: {
    id: 'accommodation/missing',
    description: {
      en: 'A posting must have an assessment accommodation section: the sentence on requesting accommodation during the assessment process, with a link to the Public Service Commission page.',
      fr: 'Une offre doit avoir une section sur les mesures d’adaptation en matière d’évaluation : la phrase sur la demande de mesures d’adaptation pendant le processus d’évaluation, avec un lien vers la page de la Commission de la fonction publique.',
    },
    defaultSeverity: 'error',
    fixable: false,
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minWords: {
          type: 'integer',
          minimum: 0,
          default: 60,
          description: 'Words of prose a body needs before the section is expected (a shorter body is a stub).',
        },
      },
    },
    messages: {
      missing: {
        en: 'No assessment accommodation section: add the sentence on requesting accommodation during the assessment process and a link to {url}',
        fr: 'Aucune section sur les mesures d’adaptation : ajoutez la phrase sur la demande de mesures d’adaptation pendant le processus d’évaluation et un lien vers {url}',
      },
    },
  },
  create(context) {
    const found = findAccommodation(context);
    if (!found || found.sentence || found.sentenceInLayout || found.link) return;
    // A stub (a template being filled in) lacks everything; the section is expected once
    // the body reads like a posting.
    const minWords = Number(context.options.minWords ?? 60);
    let words = 0;
    for (const block of proseBlocks(context.posting.tree)) {
      words += block.text.split(/\s+/).filter(Boolean).length;
      if (words >= minWords) break;
    }
    if (words < minWords) return;
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
