/**
 * The Node API: `import { lintFiles, lintText } from 'postings'`. Each returns what
 * `postings lint --format json` prints (one `LintResult` per file), and throws on what the
 * CLI exits 2 on: a configuration error (an Error named `ConfigError`, with every problem in
 * `problems`), a path that does not exist, a configuration file it cannot read
 * (`InputError`, with `file`, `line` and `column`).
 */
import { resolve } from 'node:path';
import type { LintOptions, LintResult, LintTextOptions } from './api-types.js';
import type { Locale, ResolvedConfig } from './types.js';
import { rules } from './rules/index.js';
import { localeFromEnv } from './i18n/cli.js';
import { loadConfig } from './cli/config-loader.js';
import { expandPaths, MissingPathError } from './cli/files.js';
import { ignoreFileMatcher } from './config/ignore-file.js';
import { isIgnoredFile, lintFiles as lintProject, lintText as lintOne, STDIN_NAME } from './cli/lint-command.js';
import { toJsonResult } from './reporters/json.js';

export type { LintMessage, LintOptions, LintResult, LintTextOptions } from './api-types.js';

interface Setup {
  cwd: string;
  config: ResolvedConfig;
  locale: Locale;
  ignoreBase: string;
}

function setup(options: LintOptions): Setup {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { config, file, locale } = loadConfig({ cwd, configFile: options.configFile, rules });
  return {
    cwd,
    config,
    locale: options.locale ?? locale ?? localeFromEnv(process.env),
    ignoreBase: file ? resolve(file, '..') : cwd,
  };
}

/**
 * Lint files, folders (every `*.md` below them) and globs as one project, as
 * `postings lint <paths...>` does: the same files (the `ignore` setting and `.postingsignore`
 * leave some out), the same findings.
 */
export async function lintFiles(patterns: string | string[], options: LintOptions = {}): Promise<LintResult[]> {
  const { cwd, config, locale, ignoreBase } = setup(options);
  const paths = typeof patterns === 'string' ? [patterns] : patterns;
  let files: string[];
  try {
    ({ files } = await expandPaths(paths, cwd, config.ignore, ignoreBase, ignoreFileMatcher(config)));
  } catch (e) {
    if (e instanceof MissingPathError) throw new Error(`No such file, folder or matching glob: ${e.path}`);
    throw e;
  }
  return lintProject(files, config, locale).map(toJsonResult);
}

/**
 * Lint a text, as `postings lint --stdin --stdin-filename <filePath>` does: as if it were the
 * file `filePath` (its language, content root and translation partner). Empty when
 * `filePath` is left out by the ignore settings.
 */
export async function lintText(text: string, options: LintTextOptions = {}): Promise<LintResult[]> {
  const { cwd, config, locale, ignoreBase } = setup(options);
  const filePath = resolve(cwd, options.filePath ?? STDIN_NAME);
  if (options.filePath !== undefined && isIgnoredFile(filePath, config, ignoreBase)) return [];
  return lintOne(text, filePath, config, locale).map(toJsonResult);
}
