/**
 * Where configuration may point. A configuration can come from a pull request (a fork can
 * change it, and CI runs it), so the paths it names (`contentDir`, `schema`,
 * `baseline.file`) must stay inside the repository: the folder of the configuration file,
 * or the top level of the git work tree that holds it. Links are resolved first, so a
 * link inside the repository to `/etc` is outside too.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../config/errors.js';

/** The git work tree's top level above `dir` (a `.git` folder or file), if any. */
export function gitTopLevel(dir: string): string | undefined {
  let at = resolve(dir);
  for (;;) {
    if (existsSync(join(at, '.git'))) return at;
    const parent = dirname(at);
    if (parent === at) return undefined;
    at = parent;
  }
}

/** The real path of `path`, resolving links in its nearest existing ancestor when it does not exist. */
export function canonicalPath(path: string): string {
  const rest: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      const parent = dirname(at);
      if (parent === at) return resolve(path);
      rest.push(basename(at));
      at = parent;
    }
  }
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * `value` (a path from the configuration, at `key`) resolved against `baseDir`; a
 * ConfigError when it leads outside the repository.
 */
export function resolveInRepository(baseDir: string, value: string, key: string, configFile?: string): string {
  const target = resolve(baseDir, value);
  const real = canonicalPath(target);
  const roots = [baseDir, gitTopLevel(baseDir)].filter((r): r is string => Boolean(r)).map(canonicalPath);
  if (roots.some((root) => isInside(real, root))) return target;
  const where = roots[roots.length - 1]!;
  throw new ConfigError(
    [
      {
        path: key,
        message: {
          en: `must be a path inside the repository (${where}); \`${value}\` leads outside it`,
          fr: `doit être un chemin à l’intérieur du dépôt (${where}); \`${value}\` mène à l’extérieur`,
        },
      },
    ],
    configFile,
  );
}

/**
 * A JSON syntax error without the text Node quotes from the file (`Unexpected token 'r',
 * "root:x:0:0"... is not valid JSON`) and without its position (the caller gives line and
 * column): a file that is not ours must not leak into a log.
 */
export function jsonSyntaxMessage(error: unknown): string {
  const message = (error as Error).message.split('\n')[0]!;
  if (/^Unexpected token\b/.test(message) || /is not valid JSON$/.test(message)) return 'Unexpected character';
  return message.replace(/ (in|after) JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
}
