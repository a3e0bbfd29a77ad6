/**
 * Command-line text of the writing tools (`lint --fix`, `new`, `explain`), in both official
 * languages. Kept apart from `cli.ts` so that each command owns its strings.
 */
import { translator } from './cli.js';

const en = {
  'opt.fix': 'apply the fixes of fixable rules to the files, then report what is left',
  'opt.fixDryRun': 'print a unified diff of what --fix would change; write nothing',
  'err.fixBoth': '--fix and --fix-dry-run cannot be used together; choose one',
  'cmd.new': 'write a new English and French posting pair with every required section and placeholders to fill in',
  'new.key': 'translation key shared by the two postings, such as senior-developer',
  'new.titleEn': 'English title',
  'new.titleFr': 'French title (inclusive: “Développeur ou développeuse”, “Analyste”)',
  'new.dir': 'content root holding en/ and fr/ (default: the configured new.dir or contentDir, else content)',
  'new.leverId': 'Lever posting id (a UUID); without it the posting is written as archived until you add one',
  'new.classification': 'classification, such as IT-03 or AS-05',
  'new.config': 'use this configuration file instead of searching for one',
  'new.prompt.key': 'Translation key (such as senior-developer): ',
  'new.prompt.titleEn': 'English title: ',
  'new.prompt.titleFr': 'French title (inclusive): ',
  'new.prompt.leverId': 'Lever id (UUID, Enter to skip): ',
  'new.prompt.classification': 'Classification (such as IT-03, Enter to skip): ',
  'new.err.missing': 'Missing {what}. Give {option} (or run the command in a terminal to be asked).',
  'new.err.key': 'The translation key "{value}" must be lowercase letters, digits and hyphens, such as senior-developer',
  'new.err.leverId': '--lever-id must be a UUID such as 0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b; found "{value}"',
  'new.err.classification': '--classification must be a group and a level, such as IT-03; found "{value}"',
  'new.err.title': 'The {lang} title "{value}" gives an empty file name; use letters or digits',
  'new.err.exists': '{file} already exists; nothing was written. Choose another title or remove the file.',
  'new.err.keyUsed': 'The translation key "{key}" is already used by {file}; nothing was written. Choose another key.',
  'new.err.titleLong': 'The {lang} title is too long for a file name ({length} characters); shorten it (a file name holds at most {max} bytes of it)',
  'new.err.schema': 'The {lang} posting would not pass the front matter schema: {problems}. Nothing was written.',
  'new.err.outside': '{file} is outside the content folder {dir}; check language.pathSegments and new.positionsPath in the configuration. Nothing was written.',
  'new.err.retired': 'The {group} group ({name}) was retired{since} and replaced by {successor} ({successorName}); use {expected} instead of {value}. Nothing was written.',
  'new.cancelled': 'Cancelled; nothing was written.',
  'new.err.required': 'Please give {what}.',
  'new.written': 'Wrote {file}',
  'new.next': 'Next: replace every “TODO” in both files, then run: postings lint {dir}',
  'cmd.explain': 'show the documentation of a rule: why it exists, examples, options, how to silence it',
  'explain.rule': 'rule id, such as frontmatter/schema (`postings rules` lists them)',
  'explain.err.unknown': 'Unknown rule "{id}". `postings rules` lists them.',
  'explain.err.unknownGuess': 'Unknown rule "{id}"; did you mean "{guess}"?',
  'explain.err.noDocs': 'The rule "{id}" has no documentation file ({file}).',
};

type Key = keyof typeof en;

const fr: Record<Key, string> = {
  'opt.fix': 'appliquer aux fichiers les corrections des règles corrigeables, puis signaler ce qui reste',
  'opt.fixDryRun': 'afficher un diff unifié de ce que --fix changerait; ne rien écrire',
  'err.fixBoth': '--fix et --fix-dry-run ne peuvent pas être utilisés ensemble; choisissez-en un',
  'cmd.new': 'écrire une nouvelle paire d’offres anglaise et française avec toutes les sections requises et des espaces réservés à remplir',
  'new.key': 'clé de traduction commune aux deux offres, comme senior-developer',
  'new.titleEn': 'titre anglais',
  'new.titleFr': 'titre français (inclusif : « Développeur ou développeuse », « Analyste »)',
  'new.dir': 'racine du contenu qui contient en/ et fr/ (par défaut : new.dir ou contentDir de la configuration, sinon content)',
  'new.leverId': 'identifiant de l’offre dans Lever (un UUID); sans lui, l’offre est écrite comme archivée jusqu’à ce que vous l’ajoutiez',
  'new.classification': 'classification, comme IT-03 ou AS-05',
  'new.config': 'utiliser ce fichier de configuration au lieu d’en chercher un',
  'new.prompt.key': 'Clé de traduction (comme senior-developer) : ',
  'new.prompt.titleEn': 'Titre anglais : ',
  'new.prompt.titleFr': 'Titre français (inclusif) : ',
  'new.prompt.leverId': 'Identifiant Lever (UUID, Entrée pour passer) : ',
  'new.prompt.classification': 'Classification (comme IT-03, Entrée pour passer) : ',
  'new.err.missing': 'Il manque {what}. Indiquez {option} (ou lancez la commande dans un terminal pour qu’on vous le demande).',
  'new.err.key': 'La clé de traduction « {value} » doit être faite de lettres minuscules, de chiffres et de traits d’union, comme senior-developer',
  'new.err.leverId': '--lever-id doit être un UUID comme 0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b; trouvé « {value} »',
  'new.err.classification': '--classification doit être un groupe et un niveau, comme IT-03; trouvé « {value} »',
  'new.err.title': 'Le titre {lang} « {value} » donne un nom de fichier vide; utilisez des lettres ou des chiffres',
  'new.err.exists': '{file} existe déjà; rien n’a été écrit. Choisissez un autre titre ou supprimez le fichier.',
  'new.err.keyUsed': 'La clé de traduction « {key} » est déjà utilisée par {file}; rien n’a été écrit. Choisissez une autre clé.',
  'new.err.titleLong': 'Le titre {lang} est trop long pour un nom de fichier ({length} caractères); raccourcissez-le (un nom de fichier en contient au plus {max} octets)',
  'new.err.schema': 'L’offre {lang} ne passerait pas le schéma des métadonnées : {problems}. Rien n’a été écrit.',
  'new.err.outside': '{file} est hors du dossier de contenu {dir}; vérifiez language.pathSegments et new.positionsPath dans la configuration. Rien n’a été écrit.',
  'new.err.retired': 'Le groupe {group} ({name}) a été aboli{since} et remplacé par {successor} ({successorName}); utilisez {expected} au lieu de {value}. Rien n’a été écrit.',
  'new.cancelled': 'Annulé; rien n’a été écrit.',
  'new.err.required': 'Veuillez indiquer {what}.',
  'new.written': 'Fichier écrit : {file}',
  'new.next': 'Ensuite : remplacez chaque « TODO » dans les deux fichiers, puis lancez : postings lint {dir}',
  'cmd.explain': 'afficher la documentation d’une règle : sa raison d’être, des exemples, ses options, comment la désactiver',
  'explain.rule': 'identifiant de la règle, comme frontmatter/schema (`postings rules` les énumère)',
  'explain.err.unknown': 'Règle « {id} » inconnue. `postings rules` les énumère.',
  'explain.err.unknownGuess': 'Règle « {id} » inconnue; vouliez-vous dire « {guess} »?',
  'explain.err.noDocs': 'La règle « {id} » n’a pas de fichier de documentation ({file}).',
};

export const authoringMessages = { en, fr };
export type AuthoringKey = Key;

export const ta = translator<Key>(en, fr);
