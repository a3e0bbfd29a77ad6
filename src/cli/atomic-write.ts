/**
 * Write a file so that a reader (or a crash) sees either the old content or the new one,
 * never half of it: write a temporary file in the same folder, give it the original's mode,
 * flush it, then rename it over the original. A symbolic link is followed, so the link
 * stays a link and its target gets the new content. A file its user may not write, or whose
 * owner the replacement could not keep, is never replaced.
 */
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { nodeCrypto } from './lazy-builtins.js';

/** The file-system calls the write needs; tests pass a failing one to simulate a crash. */
export interface WriteFs {
  realpathSync(path: string): string;
  statSync(path: string): { mode: number; uid: number; gid: number };
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, data: Uint8Array): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  fchmodSync(fd: number, mode: number): void;
  fchownSync(fd: number, uid: number, gid: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  /** Permission check on the file itself (absent in a test's file system: nothing refused). */
  accessSync?(path: string, mode: number): void;
}

export const realFs: WriteFs = nodeFs;

/** Write `data` to `file` atomically, keeping the file's permission bits (and owner, as root). */
export function writeFileAtomic(file: string, data: string | Uint8Array, fs: WriteFs = realFs): void {
  const target = fs.realpathSync(file);
  const stat = fs.statSync(target);
  const mode = stat.mode & 0o7777;
  // Replacing goes through the folder's permission, not the file's: check the file's own.
  // A file no one may write (mode 444) is left alone even for root, as `rm` asks first.
  if ((mode & 0o222) === 0) {
    throw Object.assign(new Error(`EACCES: read-only file, ${target}`), { code: 'EACCES' });
  }
  fs.accessSync?.(target, nodeFs.constants.W_OK);
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  /* The replacement belongs to whoever writes it: give it the original's owner and group,
     or (when the system refuses, as for a file of another user) leave the original alone. */
  const keepOwner = uid !== undefined && (stat.uid !== uid || stat.gid !== gid);
  const temp = join(dirname(target), `.${basename(target)}.postings-${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    // `wx`: never follow or reuse an existing path; the umask may narrow `mode`, fchmod restores it.
    fd = fs.openSync(temp, 'wx', mode);
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes.subarray(written));
    fs.fchmodSync(fd, mode);
    if (keepOwner) fs.fchownSync(fd, stat.uid, stat.gid);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already closed or never opened: nothing to release */
      }
    }
    try {
      fs.unlinkSync(temp);
    } catch {
      /* the temporary file was never created */
    }
    throw error;
  }
}
