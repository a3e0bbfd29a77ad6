/**
 * The Node API: `import { lintFiles, lintText } from 'postings'`. Each runs `postings lint`
 * itself (the same files, Hugo site, configuration and rules) with `--format json` and
 * returns its results, so they are the JSON report's by construction. It throws on what the
 * CLI exits 2 on: a configuration error (an Error named `ConfigError`, with every problem in
 * `problems`), a path that does not exist (`UsageError`), a configuration file it cannot
 * read (`InputError`, with `file`, `line` and `column`). Nothing is printed.
 */
import { resolve } from 'node:path';
import type { LintOptions, LintResult, LintTextOptions } from './api-types.js';
import type { Locale } from './types.js';
import { localeFromEnv } from './i18n/cli.js';
import { runLint, type CliIO, type LintCliOptions } from './cli/lint-command.js';
import { version } from './cli/main.js';

export type { LintMessage, LintOptions, LintResult, LintTextOptions } from './api-types.js';

async function run(paths: string[], extra: Partial<LintCliOptions>, options: LintOptions, stdin?: string): Promise<LintResult[]> {
  let out = '';
  const io: CliIO = {
    cwd: resolve(options.cwd ?? process.cwd()),
    env: { ...process.env, NO_COLOR: '1' },
    stdout: (text) => {
      out += text;
    },
    stderr: () => {},
    isTTY: false,
    version: version(),
    localeFlag: options.locale,
    readStdin: async () => stdin ?? '',
  };
  const locale: Locale = options.locale ?? localeFromEnv(process.env);
  await runLint(paths, { format: 'json', config: options.configFile, ...extra }, locale, io);
  return out ? (JSON.parse(out) as LintResult[]) : [];
}

/**
 * Lint files, folders (every `*.md` below them) and globs as one project, as
 * `postings lint <paths...>` does. Default: `content/` under `cwd`.
 */
export async function lintFiles(patterns: string | string[] = [], options: LintOptions = {}): Promise<LintResult[]> {
  return run(typeof patterns === 'string' ? [patterns] : patterns, {}, options);
}

/**
 * Lint a text, as `postings lint --stdin --stdin-filename <filePath>` does: as if it were the
 * file `filePath` (its language, content root, site and translation partner). Empty when
 * `filePath` is left out by the ignore settings; `<stdin>` under `cwd` without a path.
 */
export async function lintText(text: string, options: LintTextOptions = {}): Promise<LintResult[]> {
  return run([], { stdin: true, stdinFilename: options.filePath }, options, text);
}
