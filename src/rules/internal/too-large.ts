import type { RuleModule } from '../../types.js';

/**
 * Reported when a file is larger than the size limit (`limits.maxFileSize`, `--max-file-size`;
 * it is then not parsed at all), or when checking it needed more memory than a worker may use
 * (`limits.memory`): the other files go on.
 */
const rule: RuleModule = {
  meta: {
    id: 'internal/too-large',
    description: {
      en: 'A file is too large to check (size or memory limit), so it was not checked.',
      fr: 'Un fichier est trop volumineux pour être vérifié (limite de taille ou de mémoire); il n’a pas été vérifié.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      size: {
        en: 'This file is {size} bytes, more than the limit of {limit} bytes, so it was not checked; split it, or raise `limits.maxFileSize`',
        fr: 'Ce fichier fait {size} octets, plus que la limite de {limit} octets; il n’a pas été vérifié. Divisez-le ou augmentez `limits.maxFileSize`',
      },
      memory: {
        en: 'Checking this file needed more than {limit} MiB of memory, so it was stopped; its findings are missing. Simplify the Markdown, or raise `limits.memory`',
        fr: 'La vérification de ce fichier demandait plus de {limit} Mio de mémoire; elle a été arrêtée et ses constats manquent. Simplifiez le Markdown ou augmentez `limits.memory`',
      },
    },
  },
  create() {
    /* The command line and the worker pool report through this rule's metadata. */
  },
};
export default rule;
