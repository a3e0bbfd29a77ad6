import type { RuleModule } from '../../types.js';

/** Reported by the engine for a `postings-disable` comment that names no known rule. */
const rule: RuleModule = {
  meta: {
    id: 'directives/unknown-rule',
    description: {
      en: 'An inline `postings-disable` or `postings-enable` comment names a rule that does not exist.',
      fr: 'Un commentaire `postings-disable` ou `postings-enable` nomme une règle qui n’existe pas.',
    },
    defaultSeverity: 'warn',
    fixable: false,
    messages: {
      unknown: {
        en: 'Unknown rule `{id}` in this comment; it silences nothing',
        fr: 'Règle `{id}` inconnue dans ce commentaire; il ne désactive rien',
      },
      unknownWithGuess: {
        en: 'Unknown rule `{id}` in this comment; it silences nothing. Did you mean `{guess}`?',
        fr: 'Règle `{id}` inconnue dans ce commentaire; il ne désactive rien. Vouliez-vous dire `{guess}`?',
      },
    },
  },
  create() {
    /* The engine reports through this rule's metadata. */
  },
};
export default rule;
