/**
 * What the language server shows (code action titles, hover, help), in both official
 * languages. Finding messages come from the rules; these are only the server's own words.
 */
import { translator } from '../i18n/cli.js';

const en = {
  'cmd.lsp': 'start the language server for editors (VS Code, Neovim, Helix, Zed, Emacs): findings as you type, quick fixes, hover',
  'opt.stdio': 'talk to the editor over the standard input and output (the default, and the only transport)',
  'action.fix': 'Fix: {message}',
  'action.disableLine': 'Disable {code} for this line',
  'action.disableFile': 'Disable {code} in this file',
  'action.fixAll': 'Fix all auto-fixable postings problems',
  'hover.docs': 'The rule’s documentation',
  'hover.rule': 'Rule',
  'config.error': 'postings: configuration error in {file}: {problems}',
  'config.none': '(no configuration file)',
  'lint.crashed': 'postings could not lint this buffer ({reason}); the other files are not affected. Please report this bug.',
  'related.partner': 'The other posting of the pair',
};

type Key = keyof typeof en;

const fr: Record<Key, string> = {
  'cmd.lsp': 'démarrer le serveur de langage pour les éditeurs (VS Code, Neovim, Helix, Zed, Emacs)\u00a0: constats pendant la frappe, corrections rapides, infobulles',
  'opt.stdio': 'dialoguer avec l’éditeur par l’entrée et la sortie standard (par défaut, et le seul transport)',
  'action.fix': 'Corriger\u00a0: {message}',
  'action.disableLine': 'Désactiver {code} pour cette ligne',
  'action.disableFile': 'Désactiver {code} dans ce fichier',
  'action.fixAll': 'Corriger tous les problèmes que postings peut corriger automatiquement',
  'hover.docs': 'La documentation de la règle',
  'hover.rule': 'Règle',
  'config.error': 'postings\u00a0: erreur de configuration dans {file}\u00a0: {problems}',
  'config.none': '(aucun fichier de configuration)',
  'lint.crashed': 'postings n’a pas pu vérifier ce texte ({reason}); les autres fichiers ne sont pas touchés. Veuillez signaler ce bogue.',
  'related.partner': 'L’autre offre de la paire',
};

export const tl = translator<Key>(en, fr);
