import type { RuleModule } from '../../types.js';

/** Reported by the command line when a file cannot be read: the other files go on. */
const rule: RuleModule = {
  meta: {
    id: 'internal/read-error',
    description: {
      en: 'A file could not be read, so it was not checked.',
      fr: 'Un fichier n’a pas pu être lu; il n’a donc pas été vérifié.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      unreadable: {
        en: 'Cannot read this file ({reason}); it was not checked',
        fr: 'Impossible de lire ce fichier ({reason}); il n’a pas été vérifié',
      },
    },
  },
  create() {
    /* The command line reports through this rule's metadata. */
  },
};
export default rule;
