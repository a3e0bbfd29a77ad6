import type { RuleModule } from '../../types.js';

/** Reported by `--fix` when a fixed file cannot be written: the original is left as it was. */
const rule: RuleModule = {
  meta: {
    id: 'internal/write-error',
    description: {
      en: '`--fix` could not write a file; the file was left unchanged.',
      fr: '`--fix` n’a pas pu écrire un fichier; le fichier est resté tel quel.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      unwritable: {
        en: 'Cannot write the fixes to this file ({reason}); it was left unchanged',
        fr: 'Impossible d’écrire les corrections dans ce fichier ({reason}); il est resté tel quel',
      },
    },
  },
  create() {
    /* The command line reports through this rule's metadata. */
  },
};
export default rule;
