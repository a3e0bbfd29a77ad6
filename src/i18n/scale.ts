/** Text of the scale features (worker pool, cache, limits, progress), in both official languages. */
import { translator } from './cli.js';

const en = {
  'opt.concurrency': 'worker threads that lint in parallel: a number, auto (one per core; off below 40 files) or off (one worker)',
  'opt.timeout': 'time budget of one file, in seconds (default 5); a file over it gets internal/timeout',
  'opt.maxFileSize': 'size limit of one file, in bytes (default 1048576); a larger file gets internal/too-large',
  'opt.cache': 'reuse the results of files that did not change since the last run (and write them for the next)',
  'opt.cacheLocation': 'the cache file or folder (default: .postings-cache next to the configuration, or in the working folder)',
  'opt.cacheStrategy': 'how a file is known unchanged: content (its bytes, the default) or metadata (size and modification time)',
  'err.concurrency': '--concurrency takes a whole number above 0, auto or off, found "{value}"',
  'err.positive': '{option} takes a number above 0, found "{value}"',
  'err.cacheStrategy': '--cache-strategy takes content or metadata, found "{value}"',
  'cache.write': 'postings: cannot write the cache {file}: {reason}',
  progress: 'postings: {done}/{total} files',
};

type Key = keyof typeof en;

const fr: Record<Key, string> = {
  'opt.concurrency': 'fils d’exécution qui vérifient en parallèle : un nombre, auto (un par cœur; aucun parallélisme sous 40 fichiers) ou off (un seul fil)',
  'opt.timeout': 'temps alloué à un fichier, en secondes (5 par défaut); un fichier qui le dépasse reçoit internal/timeout',
  'opt.maxFileSize': 'taille maximale d’un fichier, en octets (1048576 par défaut); un fichier plus gros reçoit internal/too-large',
  'opt.cache': 'réutiliser les résultats des fichiers inchangés depuis la dernière exécution (et les enregistrer pour la suivante)',
  'opt.cacheLocation': 'le fichier ou le dossier du cache (par défaut : .postings-cache à côté de la configuration, ou dans le dossier de travail)',
  'opt.cacheStrategy': 'comment savoir qu’un fichier n’a pas changé : content (ses octets, par défaut) ou metadata (taille et date de modification)',
  'err.concurrency': '--concurrency prend un nombre entier supérieur à 0, auto ou off; reçu « {value} »',
  'err.positive': '{option} prend un nombre supérieur à 0; reçu « {value} »',
  'err.cacheStrategy': '--cache-strategy prend content ou metadata; reçu « {value} »',
  'cache.write': 'postings : impossible d’écrire le cache {file} : {reason}',
  progress: 'postings : {done} fichiers sur {total}',
};

export const ts = translator<Key>(en, fr);
