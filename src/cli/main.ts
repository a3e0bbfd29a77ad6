/** The `postings` command line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { Locale } from '../types.js';
import { localeFromEnv, t } from '../i18n/cli.js';
import { formatNames } from '../reporters/index.js';
import { ConfigError } from '../config/resolve.js';
import { InputError, PACKAGE_ROOT } from './config-loader.js';
import { UsageError } from './errors.js';
import { addCiOptions } from './ci-options.js';
import type { CliIO, LintCliOptions } from './lint-command.js';

export function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `--locale` from argv (before commander runs, so that help is in the right language). */
function localeFromArgv(argv: string[]): Locale | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a.startsWith('--locale=') ? a.slice(9) : a === '--locale' ? argv[i + 1] : undefined;
    if (v === 'en' || v === 'fr') return v;
  }
  return undefined;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const locale = localeFromArgv(argv) ?? localeFromEnv(io.env);
  const debug = argv.includes('--debug');
  let exitCode = 0;
  const program = new Command('postings');
  program
    .description(t(locale, 'program.description'))
    .version(io.version, '-v, --version', t(locale, 'opt.version'))
    .helpOption('-h, --help', t(locale, 'opt.help'))
    .helpCommand('help [command]', t(locale, 'cmd.help'))
    .addOption(new Option('--locale <locale>', t(locale, 'opt.locale')).choices(['en', 'fr']))
    .option('--debug', t(locale, 'opt.debug'))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const lint = program
    .command('lint')
    .description(t(locale, 'cmd.lint'))
    .argument('[paths...]', t(locale, 'lint.paths'))
    .helpOption('-h, --help', t(locale, 'opt.help'))
    .addOption(new Option('-f, --format <name>', t(locale, 'opt.format', { formats: formatNames().join(', ') })).default('stylish'))
    .option('-o, --output-file <file>', t(locale, 'opt.outputFile'))
    .option('-c, --config <file>', t(locale, 'opt.config'))
    .option('--max-warnings <n>', t(locale, 'opt.maxWarnings'))
    .option('-q, --quiet', t(locale, 'opt.quiet'))
    .option('--color', t(locale, 'opt.color'))
    .option('--no-color', t(locale, 'opt.noColor'))
    .addOption(new Option('--locale <locale>', t(locale, 'opt.locale')).choices(['en', 'fr']))
    .option('--debug', t(locale, 'opt.debug'))
    .exitOverride();
  addCiOptions(lint, locale);
  lint.action(async (paths: string[], opts: LintCliOptions) => {
      const { runLint } = await import('./lint-command.js');
      exitCode = await runLint(paths, opts, locale, io);
    });

  program
    .command('rules')
    .description(t(locale, 'cmd.rules'))
    .helpOption('-h, --help', t(locale, 'opt.help'))
    .addOption(new Option('--locale <locale>', t(locale, 'opt.locale')).choices(['en', 'fr']))
    .option('--json', 'JSON')
    .exitOverride()
    .action(async (opts: { json?: boolean }) => {
      const { listRules } = await import('./rules-command.js');
      io.stdout(listRules(locale, Boolean(opts.json)));
    });

  try {
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return 2;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, locale, debug, io);
  }
}

function handleError(error: unknown, locale: Locale, debug: boolean, io: CliIO): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    return 2; // commander already printed the message and the help
  }
  if (error instanceof UsageError) {
    io.stderr(`postings: ${error.message}\n`);
    return 2;
  }
  if (error instanceof ConfigError) {
    io.stderr(`postings: ${t(locale, 'err.config', { file: error.file ?? '(config)' })}\n`);
    for (const p of error.problems) io.stderr(`  ${p.path}: ${p.message[locale]}\n`);
    return 2;
  }
  if (error instanceof InputError) {
    const where = [error.file, error.line, error.column].filter((x) => x !== undefined).join(':');
    io.stderr(`postings: ${where ? `${where}: ` : ''}${error.message}\n`);
    return 2;
  }
  const reason = error instanceof Error ? error.message : String(error);
  io.stderr(`postings: ${t(locale, 'err.internal', { reason: reason.split('\n')[0]! })}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(error.stack + '\n');
  return 2;
}
