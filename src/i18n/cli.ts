/** Text the command line shows, in both official languages. */
import type { Locale } from '../types.js';
import { formatMessage } from '../engine/format.js';
import { frenchTypography } from './typography.js';

const en = {
  'program.description': 'Lint bilingual (English/French) job postings written in Markdown.',
  'opt.locale': 'language of messages and help: en or fr (default: from LC_ALL, LC_MESSAGES, LANG)',
  'opt.debug': 'show stack traces of internal errors',
  'opt.version': 'print the version',
  'opt.help': 'show help',
  'cmd.help': 'show help for a command',
  'cmd.lint': 'lint postings: files, folders (every *.md below them) and globs; default: content/',
  'cmd.rules': 'list every rule with its id, default severity, fixable flag and description',
  'lint.paths': 'files, folders or globs to lint',
  'opt.format': 'output format: {formats}',
  'opt.outputFile': 'write the report to this file instead of the standard output',
  'opt.config': 'use this configuration file instead of searching for one',
  'opt.maxWarnings': 'exit with 1 when there are more than N warnings',
  'opt.quiet': 'report errors only',
  'opt.color': 'force colours on',
  'opt.noColor': 'turn colours off',
  'err.noPath': 'No path given and no content/ folder here. Usage: postings lint <path...>',
  'err.pathMissing': 'No such file, folder or matching glob: {path}',
  'err.noFiles': 'No Markdown files found in: {paths}',
  'err.format': 'Unknown format "{format}". Formats: {formats}',
  'err.config': 'Configuration error in {file}:',
  'err.configRead': 'Cannot read configuration {file}: {reason}',
  'err.schemaRead': 'Cannot read the front matter schema {file}: {reason}',
  'err.internal': 'Internal error: {reason} (run again with --debug for details; please report it)',
  'err.maxWarnings': 'Too many warnings ({count}); the maximum allowed is {max}.',
  'err.readFile': 'Cannot read {file}: {reason}',
  'err.usage': 'Usage error: {reason}',
  'err.maxWarningsArg': '--max-warnings takes a whole number, found "{value}"',
  'err.write': 'Cannot write {file}: {reason}',
  'opt.stdin': 'lint the text on the standard input (for editors and scripts)',
  'opt.stdinFilename': 'with --stdin, the path of that text: it decides the language, the content root and the pairing, as if the file were there',
  'opt.printConfig': 'print the configuration that applies to this file, as JSON, and lint nothing',
  'err.stdinFilename': '--stdin-filename goes with --stdin',
  'err.stdinPaths': '--stdin lints the standard input; remove the paths ({paths})',
  'err.stdinFix': '--stdin cannot be used with --fix or --fix-dry-run: there is no file to write',
  'err.stdinIgnored': '{file} is left out by the ignore settings; nothing was linted',
  'err.printConfig': '--print-config needs a file path',
  'opt.report': 'also write the report in another format to a file, from the same run: <format>=<file>, such as sarif=postings.sarif (repeatable)',
  'err.report': '--report takes <format>=<file>, such as sarif=postings.sarif; found "{value}"',
  'summary.problems': '{total} {problemWord} ({errors} {errorWord}, {warnings} {warningWord})',
  'summary.problem': 'problem',
  'summary.problems.plural': 'problems',
  'summary.error': 'error',
  'summary.errors': 'errors',
  'summary.warning': 'warning',
  'summary.warnings': 'warnings',
  'summary.fixable': '{errors} {errorWord} and {warnings} {warningWord} potentially fixable with the `--fix` option.',
  'summary.clean': 'No problems found in {files} {fileWord}.',
  'summary.file': 'file',
  'summary.files': 'files',
  'severity.error': 'error',
  'severity.warning': 'warning',
  'opt.json': 'print the list as JSON',
  'rules.header': 'Rule',
  'rules.severity': 'Default',
  'rules.fixable': 'Fixable',
  'rules.description': 'Description',
  'rules.yes': 'yes',
  'rules.no': 'no',
};

type Key = keyof typeof en;

const fr: Record<Key, string> = {
  'program.description': 'Vérifie les offres d’emploi bilingues (anglais/français) rédigées en Markdown.',
  'opt.locale': 'langue des messages et de l’aide : en ou fr (par défaut : selon LC_ALL, LC_MESSAGES, LANG)',
  'opt.debug': 'afficher la pile d’appels des erreurs internes',
  'opt.version': 'afficher la version',
  'opt.help': 'afficher l’aide',
  'cmd.help': 'afficher l’aide d’une commande',
  'cmd.lint': 'vérifier des offres : fichiers, dossiers (tous les *.md qu’ils contiennent) et motifs glob; par défaut : content/',
  'cmd.rules': 'énumérer les règles avec leur identifiant, leur gravité par défaut, leur correction automatique et leur description',
  'lint.paths': 'fichiers, dossiers ou motifs glob à vérifier',
  'opt.format': 'format de sortie : {formats}',
  'opt.outputFile': 'écrire le rapport dans ce fichier plutôt que sur la sortie standard',
  'opt.config': 'utiliser ce fichier de configuration au lieu d’en chercher un',
  'opt.maxWarnings': 'terminer avec le code 1 s’il y a plus de N avertissements',
  'opt.quiet': 'ne signaler que les erreurs',
  'opt.color': 'forcer les couleurs',
  'opt.noColor': 'désactiver les couleurs',
  'err.noPath': 'Aucun chemin fourni et aucun dossier content/ ici. Utilisation : postings lint <chemin...>',
  'err.pathMissing': 'Fichier, dossier ou motif glob introuvable : {path}',
  'err.noFiles': 'Aucun fichier Markdown trouvé dans : {paths}',
  'err.format': 'Format « {format} » inconnu. Formats : {formats}',
  'err.config': 'Erreur de configuration dans {file} :',
  'err.configRead': 'Impossible de lire la configuration {file} : {reason}',
  'err.schemaRead': 'Impossible de lire le schéma des métadonnées {file} : {reason}',
  'err.internal': 'Erreur interne : {reason} (relancez avec --debug pour les détails; veuillez la signaler)',
  'err.maxWarnings': 'Trop d’avertissements ({count}); le maximum permis est {max}.',
  'err.readFile': 'Impossible de lire {file} : {reason}',
  'err.usage': 'Erreur d’utilisation : {reason}',
  'err.maxWarningsArg': '--max-warnings attend un nombre entier; trouvé « {value} »',
  'err.write': 'Impossible d’écrire {file} : {reason}',
  'opt.stdin': 'vérifier le texte reçu sur l’entrée standard (pour les éditeurs et les scripts)',
  'opt.stdinFilename': 'avec --stdin, le chemin de ce texte : il décide de la langue, de la racine du contenu et de l’appariement, comme si le fichier était là',
  'opt.printConfig': 'afficher en JSON la configuration qui s’applique à ce fichier, sans rien vérifier',
  'err.stdinFilename': '--stdin-filename s’emploie avec --stdin',
  'err.stdinPaths': '--stdin vérifie l’entrée standard; retirez les chemins ({paths})',
  'err.stdinFix': '--stdin ne peut pas s’employer avec --fix ni --fix-dry-run : il n’y a pas de fichier à écrire',
  'err.stdinIgnored': '{file} est exclu par les réglages ignore; rien n’a été vérifié',
  'err.printConfig': '--print-config attend le chemin d’un fichier',
  'opt.report': 'écrire aussi le rapport dans un autre format, dans un fichier, à partir de la même exécution : <format>=<fichier>, comme sarif=postings.sarif (répétable)',
  'err.report': '--report attend <format>=<fichier>, comme sarif=postings.sarif; trouvé « {value} »',
  'summary.problems': '{total} {problemWord} ({errors} {errorWord}, {warnings} {warningWord})',
  'summary.problem': 'problème',
  'summary.problems.plural': 'problèmes',
  'summary.error': 'erreur',
  'summary.errors': 'erreurs',
  'summary.warning': 'avertissement',
  'summary.warnings': 'avertissements',
  'summary.fixable': '{errors} {errorWord} et {warnings} {warningWord} peuvent être corrigés avec l’option `--fix`.',
  'summary.clean': 'Aucun problème dans {files} {fileWord}.',
  'summary.file': 'fichier',
  'summary.files': 'fichiers',
  'severity.error': 'erreur',
  'severity.warning': 'avertissement',
  'opt.json': 'afficher la liste en JSON',
  'rules.header': 'Règle',
  'rules.severity': 'Défaut',
  'rules.fixable': 'Corrigeable',
  'rules.description': 'Description',
  'rules.yes': 'oui',
  'rules.no': 'non',
};

export const cliMessages = { en, fr };
export type CliMessageKey = Key;

/** A `t(locale, key, data)` function over a table of messages in both languages. */
export function translator<K extends string>(en: Record<K, string>, fr: Record<K, string>) {
  const french = Object.fromEntries(Object.entries(fr).map(([k, v]) => [k, frenchTypography(v as string)])) as Record<K, string>;
  return (locale: Locale, key: K, data?: Record<string, string | number>): string =>
    formatMessage((locale === 'fr' ? french : en)[key], data);
}

export const t = translator<Key>(en, fr);

/** Locale from the environment: `fr*` in LC_ALL, LC_MESSAGES or LANG (first one set) → fr. */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^fr/i.test(value) ? 'fr' : 'en';
}
