/**
 * `-o, --output-file`: the report's file is checked before any linting, so that a path that
 * cannot be written fails at once (exit 2) rather than after a long run, and never hangs.
 *
 * Node 20's `mkdirSync(…, { recursive: true })` loops forever under `/proc` (the folder
 * exists but cannot hold new entries), so the missing folders are made one by one, from the
 * nearest existing ancestor down, each with a plain `mkdir` that fails at once.
 */
import { accessSync, closeSync, constants, lstatSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';

/** Make the folders `file` needs and check that it can be written; throws the system's error. */
export function prepareOutputFile(file: string): void {
  const missing: string[] = [];
  let dir = dirname(file);
  for (;;) {
    let exists = true;
    try {
      lstatSync(dir);
    } catch {
      exists = false;
    }
    if (exists) break;
    missing.push(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const folder of missing.reverse()) mkdirSync(folder);
  const folder = dirname(file);
  if (!statSync(folder).isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, ${folder}`), { code: 'ENOTDIR' });
  let target;
  try {
    target = statSync(file);
  } catch {
    // Not there yet: create it and take it away again (a file system such as `/proc` refuses
    // new files although its folders look writable).
    closeSync(openSync(file, 'wx'));
    unlinkSync(file);
    return;
  }
  if (target.isDirectory()) throw Object.assign(new Error(`EISDIR: is a directory, ${file}`), { code: 'EISDIR' });
  if (target.isFIFO()) {
    // A named pipe no one reads would block the write for ever: open it without waiting
    // (ENXIO when there is no reader).
    closeSync(openSync(file, constants.O_WRONLY | constants.O_NONBLOCK));
    return;
  }
  accessSync(file, constants.W_OK);
}
