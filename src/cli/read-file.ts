/**
 * Read a file the user named (or a folder walk found) without ever blocking: a FIFO with no
 * writer would hang `readFileSync` for ever, and a socket or device is not a posting. The
 * file is opened without waiting (`O_NONBLOCK`), then checked to be a regular file on the
 * open descriptor itself, so that nothing can swap it between the check and the read.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import type { Bilingual } from '../types.js';

/** The error for a path that is not a regular file; `code` is `ENOTREG`, `kind` says what it is. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(
    readonly kind: 'fifo' | 'socket' | 'device' | 'directory' | 'other',
    file: string,
  ) {
    super(`ENOTREG: not a regular file (${kind}), ${file}`);
  }
}

function kindOf(st: Stats): NotRegularFileError['kind'] {
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isDirectory()) return 'directory';
  return 'other';
}

export function readRegularFile(file: string): Buffer;
export function readRegularFile(file: string, encoding: 'utf8'): string;
export function readRegularFile(file: string, encoding?: 'utf8'): Buffer | string {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotRegularFileError(kindOf(st), file);
    return encoding ? readFileSync(fd, encoding) : readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

const KINDS: Record<NotRegularFileError['kind'], Bilingual> = {
  fifo: { en: 'a named pipe (FIFO), not a file', fr: 'un tube nommé (FIFO), pas un fichier' },
  socket: { en: 'a socket, not a file', fr: 'un socket, pas un fichier' },
  device: { en: 'a device, not a file', fr: 'un périphérique, pas un fichier' },
  directory: { en: 'a folder, not a file', fr: 'un dossier, pas un fichier' },
  other: { en: 'not a regular file', fr: 'pas un fichier ordinaire' },
};

const CODES: Record<string, Bilingual> = {
  ELOOP: { en: 'a loop of symbolic links', fr: 'une boucle de liens symboliques' },
  ENOENT: { en: 'no such file, or a broken link', fr: 'fichier introuvable, ou lien brisé' },
  EACCES: { en: 'permission denied', fr: 'permission refusée' },
  EPERM: { en: 'operation not permitted', fr: 'opération non permise' },
  EISDIR: { en: 'a folder, not a file', fr: 'un dossier, pas un fichier' },
  ENAMETOOLONG: { en: 'name too long', fr: 'nom trop long' },
  ENXIO: { en: 'a socket or device, not a file', fr: 'un socket ou un périphérique, pas un fichier' },
  EROFS: { en: 'read-only file system', fr: 'système de fichiers en lecture seule' },
};

/** A short reason for a file system error, in the reader's language: `ELOOP: a loop of symbolic links`. */
export function fileErrorReason(error: unknown): Bilingual {
  const e = error as Error & { code?: string };
  if (error instanceof NotRegularFileError) return KINDS[error.kind];
  const known = e.code ? CODES[e.code] : undefined;
  if (known) return { en: `${e.code}: ${known.en}`, fr: `${e.code} : ${known.fr}` };
  const text = e.code ?? e.message.split('\n')[0]!;
  return { en: text, fr: text };
}
