/** The `postings` command line. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError, Help, Option } from 'commander';
import type { Locale } from '../types.js';
import { localeFromEnv, t } from '../i18n/cli.js';
import { PREFIX, frenchTypography } from '../i18n/typography.js';
import { pick } from '../engine/format.js';
import { ta } from '../i18n/authoring.js';
import { tl } from '../lsp/messages.js';
import { formatNames } from '../reporters/index.js';
import { ConfigError } from '../config/errors.js';
import { PACKAGE_ROOT } from './package-root.js';
import { CancelledError, InputError, UsageError } from './errors.js';
import { addCiOptions } from './ci-options.js';
import { addScaleOptions } from '../runner/cli-options.js';
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
  const localeFlag = localeFromArgv(argv);
  const locale = localeFlag ?? localeFromEnv(io.env);
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
    .configureHelp(locale === 'fr' ? FRENCH_HELP : {})
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(locale === 'fr' ? frenchCommanderError(text) : text),
    });

  /** A sub-command with what every one has: bilingual help, `--locale`, no process.exit. */
  const command = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .helpOption('-h, --help', t(locale, 'opt.help'))
      .addOption(new Option('--locale <locale>', t(locale, 'opt.locale')).choices(['en', 'fr']))
      .exitOverride();

  const lint = command('lint', t(locale, 'cmd.lint'))
    .argument('[paths...]', t(locale, 'lint.paths'))
    .addOption(new Option('-f, --format <name>', t(locale, 'opt.format', { formats: formatNames().join(', ') })).default('stylish'))
    .option('-o, --output-file <file>', t(locale, 'opt.outputFile'))
    .option('-c, --config <file>', t(locale, 'opt.config'))
    .option('--max-warnings <n>', t(locale, 'opt.maxWarnings'))
    .option('-q, --quiet', t(locale, 'opt.quiet'))
    .option('--color', t(locale, 'opt.color'))
    .option('--no-color', t(locale, 'opt.noColor'))
    .option('--fix', ta(locale, 'opt.fix'))
    .option('--fix-dry-run', ta(locale, 'opt.fixDryRun'))
    .option('--no-ignore', t(locale, 'opt.noIgnore'))
    .option('--debug', t(locale, 'opt.debug'))
    .option('--stdin', t(locale, 'opt.stdin'))
    .option('--stdin-filename <path>', t(locale, 'opt.stdinFilename'))
    .option('--print-config <file>', t(locale, 'opt.printConfig'))
    .option('--report <format=file>', t(locale, 'opt.report'), (value: string, previous: string[] = []) => [...previous, value]);
  addCiOptions(lint, locale);
  addScaleOptions(lint, locale);
  lint.action(async (paths: string[], opts: LintCliOptions) => {
      const { runLint } = await import('./lint-command.js');
      exitCode = await runLint(paths, { ...opts, debug: opts.debug || debug }, locale, { ...io, localeFlag });
    });

  command('rules', t(locale, 'cmd.rules'))
    .option('--json', t(locale, 'opt.json'))
    .action(async (opts: { json?: boolean }) => {
      const { listRules } = await import('./rules-command.js');
      io.stdout(listRules(locale, Boolean(opts.json)));
    });

  command('new', ta(locale, 'cmd.new'))
    .argument('[translationKey]', ta(locale, 'new.key'))
    .option('--title-en <title>', ta(locale, 'new.titleEn'))
    .option('--title-fr <title>', ta(locale, 'new.titleFr'))
    .option('--dir <folder>', ta(locale, 'new.dir'))
    .option('--lever-id <uuid>', ta(locale, 'new.leverId'))
    .option('--classification <code>', ta(locale, 'new.classification'))
    .option('-c, --config <file>', ta(locale, 'new.config'))
    .action(async (key: string | undefined, opts: import('./new-command.js').NewCliOptions) => {
      const { runNew } = await import('./new-command.js');
      exitCode = await runNew(key, opts, locale, { ...io, localeFlag });
    });

  command('explain', ta(locale, 'cmd.explain'))
    .argument('<rule>', ta(locale, 'explain.rule'))
    .action(async (ruleId: string) => {
      const { explainRule } = await import('./explain-command.js');
      io.stdout(explainRule(ruleId, locale));
    });

  command('lsp', tl(locale, 'cmd.lsp'))
    .option('--stdio', tl(locale, 'opt.stdio'))
    .action(async () => {
      const { runLspStdio } = await import('../lsp/server.js');
      exitCode = await runLspStdio(localeFromArgv(argv) ?? localeFromEnv(io.env));
    });

  try {
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return 2;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    // A configuration that says `"locale": "fr"` gets its errors in French (unless --locale).
    const errorLocale = !localeFlag && error instanceof ConfigError && error.locale ? error.locale : locale;
    return handleError(error, errorLocale, debug, io);
  }
}

const FRENCH_TITLES: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Options:': 'Options :',
  'Commands:': 'Commandes :',
  'Arguments:': 'Arguments :',
};

const frenchExtras = (text: string) =>
  frenchTypography(
    text.replace(/\(default: /g, '(par défaut : ').replace(/choices: /g, 'choix : ').replace(/\(preset: /g, '(préréglage : '),
  );

/** Commander's help headings and notes in French. */
const FRENCH_HELP = {
  styleTitle: (title: string) => frenchTypography(FRENCH_TITLES[title] ?? title),
  styleUsage: (usage: string) => usage.replace('[command]', '[commande]'),
  optionDescription(this: Help, option: Option) {
    return frenchExtras(Help.prototype.optionDescription.call(this, option));
  },
  argumentDescription(this: Help, argument: Parameters<Help['argumentDescription']>[0]) {
    return frenchExtras(Help.prototype.argumentDescription.call(this, argument));
  },
  boxWrap: wrapAtSpaces,
};

/**
 * Commander's wrapping, breaking lines at ASCII spaces and tabs only: the no-break spaces of
 * French typography (`Utilisation :`, `« en »`) keep a colon or a guillemet with its word.
 */
function wrapAtSpaces(this: Help, str: string, width: number): string {
  if (width < this.minWidthToWrap) return str;
  return str
    .split(/\r\n|\n/)
    .map((line) => {
      const chunks = line.match(/[ \t]*[^ \t]+/g);
      if (!chunks) return '';
      const out: string[] = [];
      let current = chunks.shift()!;
      for (const chunk of chunks) {
        if (this.displayWidth(current + chunk) <= width) current += chunk;
        else {
          out.push(current);
          current = chunk.trimStart();
        }
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

/** Commander writes its usage errors in English; give French users the same in French. */
const COMMANDER_FR: Array<[RegExp, string]> = [
  [/^error: unknown option '([^']+)'/, 'erreur : option inconnue « $1 »'],
  [/^error: unknown command '([^']+)'/, 'erreur : commande inconnue « $1 »'],
  [/^error: option '([^']+)' argument missing/, 'erreur : il manque la valeur de l’option « $1 »'],
  [/^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./, 'erreur : la valeur « $2 » de l’option « $1 » n’est pas valide. Valeurs permises : $3.'],
  [/^error: missing required argument '([^']+)'/, 'erreur : il manque l’argument obligatoire « $1 »'],
  [/^error: too many arguments/, 'erreur : trop d’arguments'],
  [/\(Did you mean ([^?]+)\?\)/, '(Vouliez-vous dire $1?)'],
];

export function frenchCommanderError(text: string): string {
  return frenchTypography(COMMANDER_FR.reduce((out, [re, fr]) => out.replace(re, fr), text));
}

function handleError(error: unknown, locale: Locale, debug: boolean, io: CliIO): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    // `postings lint -x.md`: a file whose name starts with a dash reads as an option.
    const option = error.code === 'commander.unknownOption' ? /'(-[^']*)'/.exec(error.message)?.[1] : undefined;
    if (option && (/\.md$/i.test(option) || existsSync(resolve(io.cwd, option)))) {
      io.stderr(`postings: ${t(locale, 'err.dashFile', { name: option })}\n`);
    }
    return 2; // commander already printed the message and the help
  }
  if (error instanceof UsageError) {
    io.stderr(`${PREFIX}${error.message}\n`);
    return 2;
  }
  if (error instanceof CancelledError) {
    io.stderr(`${PREFIX}${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof ConfigError) {
    io.stderr(`${PREFIX}${t(locale, 'err.config', { file: error.file ?? '(config)' })}\n`);
    for (const p of error.problems) {
      const path = p.path === '(top level)' && locale === 'fr' ? '(niveau supérieur)' : p.path;
      io.stderr(`  ${path}${locale === 'fr' ? '\u00a0: ' : ': '}${pick(p.message, locale)}\n`);
    }
    return 2;
  }
  if (error instanceof InputError) {
    const where = [error.file, error.line, error.column].filter((x) => x !== undefined).join(':');
    io.stderr(`${PREFIX}${where ? `${where}: ` : ''}${pick(error.text, locale)}\n`);
    return 2;
  }
  const reason = error instanceof Error ? error.message : String(error);
  io.stderr(`${PREFIX}${t(locale, 'err.internal', { reason: reason.split('\n')[0]! })}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(error.stack + '\n');
  return 2;
}
