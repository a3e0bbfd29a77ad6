/** Pieces every `inclusive-language/*` rule shares: options schema and messages. */
import type { Bilingual } from '../../types.js';

export const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ignore: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      default: [],
      description: 'Entry ids not to report (`chairman`, `fr-candidats`).',
    },
    allow: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      default: [],
      description: 'Words or phrases never to report, as written in the posting (case-insensitive).',
    },
  },
};

export const SUGGEST_MESSAGE: Bilingual = {
  en: 'Replace with “{text}”',
  fr: 'Remplacer par « {text} »',
};
