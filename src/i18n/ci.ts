/** Text of the CI features (`--since`, baseline), in both official languages. */
import type { Locale } from '../types.js';
import { translator } from './cli.js';
import { byCount } from './plural.js';

const en = {
  'opt.since': 'lint only postings changed since this git ref (committed or not, renames and new files included), plus their translation partners',
  'opt.updateBaseline': 'record the current findings in the baseline file (.postings-baseline.json) so that later runs report only new ones',
  'opt.noBaseline': 'ignore the baseline file: report every finding',
  'since.noGit': '--since needs git, which was not found: {reason}',
  'since.notRepo': '--since works in a git repository only, and {dir} is not in one',
  'since.badRef': '--since: unknown git ref "{ref}" (try a branch, a tag or a commit, such as origin/main)',
  'since.failed': '--since: git failed: {reason}',
  'baseline.read': 'Cannot read the baseline {file}: {reason}',
  'baseline.write': 'Cannot write the baseline {file}: {reason}',
  'baseline.written': 'baseline {file} written: {count} {findingWord} in {files} {fileWord}.',
  'baseline.hidden': '{count} known {findingWord} hidden by the baseline {file} (--no-baseline shows them).',
  'baseline.fixed': '{count} baseline {entryWord} no longer {matchWord} any finding ({fixedWord}); `postings lint --update-baseline` removes them:',
  'word.finding': 'finding',
  'word.findings': 'findings',
  'word.file': 'file',
  'word.files': 'files',
  'word.entry': 'entry',
  'word.entries': 'entries',
  'word.matches': 'matches',
  'word.match': 'match',
  'word.known': 'known',
  'word.knownPlural': 'known',
  'word.fixed': 'fixed',
  'word.fixedPlural': 'fixed',
};

type Key = keyof typeof en;

const fr: Record<Key, string> = {
  'opt.since': 'ne vérifier que les offres modifiées depuis cette référence git (validées ou non, renommages et nouveaux fichiers compris), et leurs offres jumelles',
  'opt.updateBaseline': 'inscrire les constats actuels dans le fichier de référence (.postings-baseline.json) pour que les prochaines exécutions ne signalent que les nouveaux',
  'opt.noBaseline': 'ignorer le fichier de référence : signaler tous les constats',
  'since.noGit': '--since a besoin de git, introuvable : {reason}',
  'since.notRepo': '--since ne fonctionne que dans un dépôt git, et {dir} n’est dans aucun',
  'since.badRef': '--since : référence git « {ref} » inconnue (essayez une branche, une étiquette ou un commit, comme origin/main)',
  'since.failed': '--since : échec de git : {reason}',
  'baseline.read': 'Impossible de lire le fichier de référence {file} : {reason}',
  'baseline.write': 'Impossible d’écrire le fichier de référence {file} : {reason}',
  'baseline.written': 'fichier de référence {file} écrit : {count} {findingWord} dans {files} {fileWord}.',
  'baseline.hidden': 'le fichier de référence {file} masque {count} {findingWord} déjà {knownWord} (--no-baseline les affiche).',
  'baseline.fixed': '{count} {entryWord} du fichier de référence ne {matchWord} plus à aucun constat ({fixedWord}); `postings lint --update-baseline` les retire :',
  'word.finding': 'constat',
  'word.findings': 'constats',
  'word.file': 'fichier',
  'word.files': 'fichiers',
  'word.entry': 'entrée',
  'word.entries': 'entrées',
  'word.matches': 'correspond',
  'word.match': 'correspondent',
  'word.known': 'connu',
  'word.knownPlural': 'connus',
  'word.fixed': 'corrigée',
  'word.fixedPlural': 'corrigées',
};

export type CiMessageKey = Key;

export const tc = translator<Key>(en, fr);

/** The singular or plural word, by count. */
export function plural(locale: Locale, count: number, one: Key, many: Key): string {
  return tc(locale, byCount(locale, count, one, many));
}
