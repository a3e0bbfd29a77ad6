/**
 * `postings new <translationKey> --title-en … --title-fr …`: write an English and a French
 * posting that pass the schema and pair, with placeholders to fill in. Asks for what is
 * missing when run in a terminal; never overwrites a file.
 */
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Lang, Locale, ResolvedConfig } from '../types.js';
import { rules } from '../rules/index.js';
import { parsePosting } from '../engine/parse.js';
import { lintPosting } from '../engine/lint.js';
import { ta } from '../i18n/authoring.js';
import { classificationInfo, parseClassification } from '../lib/classification-info.js';
import { classificationTable } from '../lib/classification-table.js';
import { fileName, renderPosting, slugify, type NewPosting } from '../lib/posting-template.js';
import { loadConfig } from './config-loader.js';
import { walkMarkdown } from './files.js';
import { CancelledError, UsageError } from './errors.js';
import type { CliIO } from './lint-command.js';
import { canonicalPath, isInside, resolveInRepository } from './repository.js';

export interface NewCliOptions {
  titleEn?: string;
  titleFr?: string;
  dir?: string;
  leverId?: string;
  classification?: string;
  config?: string;
}

/**
 * Asks one question and resolves with the answer (empty when the writer skips it). With
 * `validate`, a bad answer is explained (the function returns the reason) and the same
 * question asked again: the answers already given are kept.
 */
export type Ask = (question: string, validate?: (answer: string) => string | undefined) => Promise<string>;

export const DEFAULT_POSITIONS_PATH = 'careers/positions';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const MAX_SLUG_BYTES = 200;

interface NewSettings {
  dir?: string;
  positionsPath?: string;
}

export async function runNew(
  key: string | undefined,
  opts: NewCliOptions,
  locale: Locale,
  io: CliIO,
  askWith?: Ask,
): Promise<number> {
  const { config, file: configFile, locale: configLocale } = loadConfig({ cwd: io.cwd, configFile: opts.config, rules });
  if (!io.localeFlag && configLocale) locale = configLocale;
  const ask = askWith ?? (io.isTTY ? await terminalAsk(locale) : undefined);
  const settings = (config.settings.new ?? {}) as NewSettings;

  const answers = {
    key: key?.trim(),
    titleEn: opts.titleEn?.trim(),
    titleFr: opts.titleFr?.trim(),
    leverId: opts.leverId?.trim(),
    classification: opts.classification?.trim(),
  };
  if (ask) {
    // Each answer is checked at its question, which is asked again until it is right: one
    // bad answer (a retired code at the last question) never loses the others.
    const check = (fn: () => void) => {
      try {
        fn();
        return undefined;
      } catch (e) {
        // At a prompt nothing is ever written before the last answer: no need to say so.
        if (e instanceof UsageError) return e.message.replace(/\s*(Nothing was written|Rien n’a été écrit)\.$/, '');
        throw e;
      }
    };
    const required = (what: string) => (v: string) => (v ? undefined : ta(locale, 'new.err.required', { what }));
    const title = (lang: Lang, what: string) => (v: string) =>
      required(what)(v) ?? (slugify(v) ? undefined : ta(locale, 'new.err.title', { lang, value: v }));
    answers.key ||= (
      await ask(ta(locale, 'new.prompt.key'), (v) =>
        required('translationKey')(v) ?? (KEY.test(v) ? undefined : ta(locale, 'new.err.key', { value: v })),
      )
    ).trim();
    answers.titleEn ||= (await ask(ta(locale, 'new.prompt.titleEn'), title('en', locale === 'fr' ? 'le titre anglais' : 'the English title'))).trim();
    answers.titleFr ||= (await ask(ta(locale, 'new.prompt.titleFr'), title('fr', locale === 'fr' ? 'le titre français' : 'the French title'))).trim();
    if (opts.leverId === undefined) {
      answers.leverId = (
        await ask(ta(locale, 'new.prompt.leverId'), (v) => (!v || UUID.test(v) ? undefined : ta(locale, 'new.err.leverId', { value: v })))
      ).trim();
    }
    if (opts.classification === undefined) {
      answers.classification = (
        await ask(ta(locale, 'new.prompt.classification'), (v) => {
          if (!v) return undefined;
          const parsed = parseClassification(v);
          if (!parsed) return ta(locale, 'new.err.classification', { value: v });
          return check(() => refuseRetired(parsed, config.data, locale));
        })
      ).trim();
    }
  }
  const required: Array<[string | undefined, string, string]> = [
    [answers.key, 'translationKey', '<translationKey>'],
    [answers.titleEn, locale === 'fr' ? 'le titre anglais' : 'the English title', '--title-en'],
    [answers.titleFr, locale === 'fr' ? 'le titre français' : 'the French title', '--title-fr'],
  ];
  for (const [value, what, option] of required) {
    if (!value) throw new UsageError(ta(locale, 'new.err.missing', { what, option }));
  }
  const translationKey = answers.key!;
  if (!KEY.test(translationKey)) throw new UsageError(ta(locale, 'new.err.key', { value: translationKey }));
  const leverId = answers.leverId || undefined;
  if (leverId && !UUID.test(leverId)) throw new UsageError(ta(locale, 'new.err.leverId', { value: leverId }));
  let classification;
  if (answers.classification) {
    const parsed = parseClassification(answers.classification);
    if (!parsed) {
      throw new UsageError(ta(locale, 'new.err.classification', { value: answers.classification }));
    }
    refuseRetired(parsed, config.data, locale);
    classification = classificationInfo(answers.classification, config.data);
  }
  const title: Record<Lang, string> = { en: answers.titleEn!, fr: answers.titleFr! };
  for (const lang of ['en', 'fr'] as const) {
    const slug = slugify(title[lang]);
    if (!slug) throw new UsageError(ta(locale, 'new.err.title', { lang, value: title[lang] }));
    // File systems take 255 bytes a name; leave room for the Lever id and the extension.
    if (Buffer.byteLength(slug) > MAX_SLUG_BYTES) {
      throw new UsageError(ta(locale, 'new.err.titleLong', { lang, length: slug.length, max: MAX_SLUG_BYTES }));
    }
  }

  const contentDir = opts.dir
    ? resolve(io.cwd, opts.dir)
    : settings.dir
      ? resolveInRepository(configFile ? dirname(configFile) : io.cwd, settings.dir, 'new.dir', configFile)
      : (config.contentDir ?? resolve(io.cwd, 'content'));
  const positions = settings.positionsPath ?? DEFAULT_POSITIONS_PATH;
  const target = (lang: Lang) =>
    join(contentDir, config.language.pathSegments[lang][0] ?? lang, positions, fileName(title[lang], leverId));
  const show = (file: string) => {
    const rel = relative(io.cwd, file);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  };

  const files = { en: target('en'), fr: target('fr') };
  // The configuration names the folders (`language.pathSegments`, `new.positionsPath`): a
  // `../` in them must not lead the files out of the content folder.
  const root = canonicalPath(contentDir);
  for (const lang of ['en', 'fr'] as const) {
    if (!isInside(canonicalPath(files[lang]), root)) {
      throw new UsageError(ta(locale, 'new.err.outside', { file: files[lang], dir: show(contentDir) }));
    }
  }
  for (const lang of ['en', 'fr'] as const) {
    if (existsSync(files[lang])) throw new UsageError(ta(locale, 'new.err.exists', { file: show(files[lang]) }));
  }
  const taken = postingWithKey(contentDir, translationKey, config.language);
  if (taken) throw new UsageError(ta(locale, 'new.err.keyUsed', { key: translationKey, file: show(taken) }));

  const posting: NewPosting = { translationKey, title, leverId, classification };
  for (const lang of ['en', 'fr'] as const) {
    const problems = schemaProblems(renderPosting(lang, posting), files[lang], config, locale);
    if (problems.length) throw new UsageError(ta(locale, 'new.err.schema', { lang, problems: problems.join('; ') }));
  }
  const written: string[] = [];
  // Ctrl+C while the two files are written (synchronously) is held back until both are, so
  // an interrupt never leaves half a pair; the listener is gone before the signal is handled.
  const holdInterrupt = () => {};
  process.on('SIGINT', holdInterrupt);
  try {
    for (const lang of ['en', 'fr'] as const) {
      mkdirSync(dirname(files[lang]), { recursive: true });
      // `wx`: fails if the file appeared since the check, so nothing is ever overwritten.
      writeFileSync(files[lang], renderPosting(lang, posting), { flag: 'wx' });
      written.push(files[lang]);
    }
  } catch (e) {
    for (const f of written) unlinkSync(f);
    if ((e as { code?: string }).code === 'EEXIST') {
      throw new UsageError(ta(locale, 'new.err.exists', { file: show(files[written.length ? 'fr' : 'en']) }));
    }
    throw e;
  } finally {
    process.off('SIGINT', holdInterrupt);
  }
  for (const f of written) io.stdout(ta(locale, 'new.written', { file: show(f) }) + '\n');
  io.stdout(ta(locale, 'new.next', { dir: show(contentDir) }) + '\n');
  return 0;
}

/** What the front matter schema says of a new posting (new postings must pass it). */
function schemaProblems(text: string, file: string, config: ResolvedConfig, locale: Locale): string[] {
  const only: ResolvedConfig['rules'] = Object.fromEntries(rules.map((r) => [r.meta.id, { severity: 'off', options: {} }]));
  only['frontmatter/schema'] = { ...config.rules['frontmatter/schema']!, severity: 'error' };
  const findings = lintPosting(parsePosting(text, file, config.language), {
    filePath: file,
    config: { ...config, rules: only },
    rules,
    locale,
  });
  return findings.map((f) => f.message);
}

/** The first posting under `dir` whose front matter has this translation key. */
function postingWithKey(dir: string, key: string, language: Parameters<typeof parsePosting>[2]): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const file of walkMarkdown(dir).sort()) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (!text.includes(key)) continue;
    const fm = parsePosting(text, file, language).frontMatter;
    if (fm?.data && fm.data.translationKey === key) return file;
  }
  return undefined;
}

/**
 * A retired group (CS became IT) would give the new pair `classification/retired` warnings
 * from the start: refuse it and name the successor, as read from the `classifications` table.
 */
function refuseRetired(
  parsed: { group: string; level: string },
  data: Record<string, unknown>,
  locale: Locale,
): void {
  const table = classificationTable(data);
  const group = table.groups.get(parsed.group);
  if (!group?.retired) return;
  const successor = table.groups.get(group.retired.successor);
  throw new UsageError(
    ta(locale, 'new.err.retired', {
      value: `${parsed.group}-${parsed.level}`,
      group: group.code,
      name: group.name[locale],
      since: group.retired.date ? (locale === 'fr' ? ` le ${group.retired.date}` : ` on ${group.retired.date}`) : '',
      successor: group.retired.successor,
      successorName: successor?.name[locale] ?? group.retired.successor,
      expected: `${group.retired.successor}-${parsed.level}`,
    }),
  );
}

/**
 * Questions on the terminal with @inquirer/prompts (a maintained prompt library: line
 * editing, the reason for a bad answer under the question, the question asked again);
 * nothing to ask with when standard input is not a terminal.
 */
async function terminalAsk(locale: Locale): Promise<Ask | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const { input } = await import('@inquirer/prompts');
  return async (question, validate) => {
    try {
      return await input({
        message: question.replace(/[\s\u00a0]*:\s*$/, ''),
        validate: (value) => validate?.(value.trim()) ?? true,
      });
    } catch (e) {
      // Ctrl+C (exit 130, as a shell reports SIGINT) or Ctrl+D / the input closing (exit 1).
      if ((e as Error).name === 'ExitPromptError' || (e as Error).name === 'AbortPromptError') {
        throw new CancelledError(ta(locale, 'new.cancelled'), /SIGINT/.test((e as Error).message) ? 'interrupt' : 'eof');
      }
      throw e;
    }
  };
}

/**
 * Questions read from `input`, one readline interface per question (closed after each, so
 * that nothing keeps the process alive). Ctrl+C rejects with a `CancelledError` of kind
 * `interrupt` (exit 130), Ctrl+D on an empty line or the end of the input with kind `eof`
 * (exit 1); nothing has been written at that point.
 */
export function promptAsk(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, locale: Locale): Ask {
  const once = (question: string) =>
    new Promise<string>((resolvePromise, reject) => {
      const rl = createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
      let settled = false;
      const cancel = (how: 'interrupt' | 'eof') => {
        if (settled) return;
        settled = true;
        // The prompt is still on the line: end it so that the message starts on its own.
        output.write('\n');
        rl.close();
        reject(new CancelledError(ta(locale, 'new.cancelled'), how));
      };
      rl.on('SIGINT', () => cancel('interrupt'));
      rl.on('close', () => cancel('eof'));
      rl.question(question, (answer) => {
        settled = true;
        rl.close();
        resolvePromise(answer);
      });
    });
  return async (question, validate) => {
    for (;;) {
      const answer = await once(question);
      const problem = validate?.(answer.trim());
      if (!problem) return answer;
      output.write(`${problem}\n`);
    }
  };
}
