import type { RuleModule } from '../../types.js';

/** Reported by the engine for a `postings-disable` comment that names no known rule. */
const rule: RuleModule = {
  meta: {
    id: 'directives/unknown-rule',
    description: {
      en: 'An inline `postings-disable` or `postings-enable` comment names a rule that does not exist, or an entry (`rule/id:entry`) the rule does not have.',
      fr: 'Un commentaire `postings-disable` ou `postings-enable` nomme une règle qui n’existe pas, ou une entrée (`règle/id:entrée`) que la règle n’a pas.',
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
      unknownEntry: {
        en: '`{rule}` has no entry `{entry}`; this comment silences nothing',
        fr: '`{rule}` n’a pas d’entrée `{entry}`; ce commentaire ne désactive rien',
      },
      unknownEntryWithGuess: {
        en: '`{rule}` has no entry `{entry}`; this comment silences nothing. Did you mean `{guess}`?',
        fr: '`{rule}` n’a pas d’entrée `{entry}`; ce commentaire ne désactive rien. Vouliez-vous dire `{guess}`?',
      },
    },
  },
  create() {
    /* The engine reports through this rule's metadata. */
  },
};
export default rule;
