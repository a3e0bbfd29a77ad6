/**
 * Write a file so that a reader (or a crash) sees either the old content or the new one,
 * never half of it: write a temporary file in the same folder, give it the original's mode,
 * flush it, then rename it over the original. A symbolic link is followed, so the link
 * stays a link and its target gets the new content.
 */
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

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
}

export const realFs: WriteFs = nodeFs;

/** Write `data` to `file` atomically, keeping the file's permission bits (and owner, as root). */
export function writeFileAtomic(file: string, data: string | Uint8Array, fs: WriteFs = realFs): void {
  const target = fs.realpathSync(file);
  const stat = fs.statSync(target);
  const mode = stat.mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.postings-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    // `wx`: never follow or reuse an existing path; the umask may narrow `mode`, fchmod restores it.
    fd = fs.openSync(temp, 'wx', mode);
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes.subarray(written));
    fs.fchmodSync(fd, mode);
    // Keep the owner too (it differs when, say, root fixes a writer's file); only root may.
    if (process.getuid?.() === 0 && (stat.uid !== 0 || stat.gid !== 0)) fs.fchownSync(fd, stat.uid, stat.gid);
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
