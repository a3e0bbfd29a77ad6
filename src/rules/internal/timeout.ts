import type { RuleModule } from '../../types.js';

/**
 * Reported by the worker pool when a file takes longer than its time budget (`limits.timeout`,
 * `--timeout`): its worker is stopped and replaced, and the other files go on. Markdown
 * parsers have inputs that take minutes (runs of `*`, `>` or `[`); a posting in a pull request
 * must not be able to hang the CI gate.
 */
const rule: RuleModule = {
  meta: {
    id: 'internal/timeout',
    description: {
      en: 'A file took longer than its time budget to check, so its check was stopped.',
      fr: 'La vérification d’un fichier a dépassé le temps alloué; elle a été arrêtée.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      timeout: {
        en: 'Checking this file took longer than {seconds} s, so it was stopped; its findings are missing. Long runs of `*`, `_`, `>` or `[` are the usual cause: simplify the Markdown, or raise `limits.timeout`',
        fr: 'La vérification de ce fichier a pris plus de {seconds} s; elle a été arrêtée et ses constats manquent. De longues suites de `*`, `_`, `>` ou `[` en sont la cause habituelle : simplifiez le Markdown ou augmentez `limits.timeout`',
      },
    },
  },
  create() {
    /* The worker pool reports through this rule's metadata. */
  },
};
export default rule;
