import type { RuleModule } from '../../types.js';

/** Reported by the engine when a rule throws: the other rules and files go on. */
const rule: RuleModule = {
  meta: {
    id: 'internal/rule-error',
    description: {
      en: 'A rule failed on this file; its findings are missing. Please report it.',
      fr: 'Une règle a échoué sur ce fichier; ses constats manquent. Veuillez le signaler.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      crashed: {
        en: 'Rule `{rule}` failed on this file ({reason}); its findings are missing. Please report this bug.',
        fr: 'La règle `{rule}` a échoué sur ce fichier ({reason}); ses constats manquent. Veuillez signaler ce bogue.',
      },
    },
  },
  create() {
    /* The engine reports through this rule's metadata. */
  },
};
export default rule;
