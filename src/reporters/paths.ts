/** Paths as CI formats want them: relative to the working directory, with forward slashes. */
import { isAbsolute, relative, sep } from 'node:path';

export function relativePath(filePath: string, cwd: string): string {
  const rel = isAbsolute(filePath) ? relative(cwd, filePath) : filePath;
  if (rel === '' || isAbsolute(rel)) return filePath.split(sep).join('/');
  return rel.split(sep).join('/');
}
