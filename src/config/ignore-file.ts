/**
 * `.postingsignore`: ignore patterns in gitignore syntax (comments, `!` negation, `dir/`,
 * anchored `/path`), read with `ignore`, the maintained implementation ESLint uses. They are
 * extra ignore patterns of the configuration (`ResolvedConfig.ignoreFile`, plain data), and
 * leave files out exactly as the `ignore` setting does.
 */
import { relative, sep, isAbsolute } from 'node:path';
import ignoreModule from 'ignore';
import type { ResolvedConfig } from '../types.js';

export const IGNORE_FILE = '.postingsignore';

// CommonJS (`export =`): the function itself, or under `default` when bundled.
type IgnoreFactory = typeof ignoreModule;
const createIgnore = ((ignoreModule as unknown as { default?: IgnoreFactory }).default ?? ignoreModule) as IgnoreFactory;

/** The lines of a `.postingsignore` file that are patterns (blank lines and comments dropped). */
export function parseIgnoreFile(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** A test for absolute paths: true when the `.postingsignore` patterns leave the file out. */
export function ignoreFileMatcher(config: Pick<ResolvedConfig, 'ignoreFile'>): ((file: string) => boolean) | undefined {
  const source = config.ignoreFile;
  if (!source || !source.patterns.length) return undefined;
  const matcher = createIgnore().add(source.patterns);
  return (file: string) => {
    const rel = relative(source.base, file);
    // Files outside the folder of the ignore file are not its business.
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) return false;
    return matcher.ignores(rel.split(sep).join('/'));
  };
}
