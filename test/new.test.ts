/** `postings new`: a pair that passes the schema and pairs, placeholders, no overwrite, prompts. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promptAsk, runNew } from '../src/cli/new-command.js';
import { CancelledError } from '../src/cli/errors.js';
import { classificationInfo } from '../src/lib/classification-info.js';
import { fileName, renderPosting, slugify } from '../src/lib/posting-template.js';
import { parsePosting } from '../src/engine/parse.js';
import { BIN, makeConfig, rules, runCli } from './support/harness.js';

const LEVER = '0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b';
const PLACEHOLDER = 'content/placeholder';
const EN_DIR = ['content', 'en', 'careers', 'positions'];
const FR_DIR = ['content', 'fr', 'careers', 'positions'];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'postings-new-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; message: string }>;
}

/** Lint `content/` with the default configuration (every rule at its default). */
function lintContent(): JsonResult[] {
  const run = runCli(['lint', '--format', 'json', 'content'], { cwd: dir });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as JsonResult[];
}

const hasPlaceholderRule = rules.some((r) => r.meta.id === PLACEHOLDER);

describe('postings new', () => {
  test('writes a pair that pairs, passes the schema and gives no findings but placeholders', () => {
    const run = runCli(
      [
        'new',
        'senior-developer',
        '--title-en',
        'Senior Developer / Lead (Platform)',
        '--title-fr',
        'Développeur principal ou développeuse principale – Plateforme',
        '--lever-id',
        LEVER,
        '--classification',
        'it3',
      ],
      { cwd: dir },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const enName = `senior-developer-lead-platform--${LEVER}.md`;
    const frName = `développeur-principal-ou-développeuse-principale---plateforme--${LEVER}.md`;
    expect(readdirSync(join(dir, ...EN_DIR))).toEqual([enName]);
    expect(readdirSync(join(dir, ...FR_DIR))).toEqual([frName]);
    expect(run.stdout).toContain(`Wrote ${join(...EN_DIR, enName)}`);

    const en = readFileSync(join(dir, ...EN_DIR, enName), 'utf8');
    const fr = readFileSync(join(dir, ...FR_DIR, frName), 'utf8');
    const config = makeConfig();
    const enData = parsePosting(en, 'en.md', config.language).frontMatter!.data!;
    const frData = parsePosting(fr, 'fr.md', config.language).frontMatter!.data!;
    expect(enData).toMatchObject({ layout: 'job-posting', type: 'section', archived: false, translationKey: 'senior-developer', leverId: LEVER });
    expect(frData).toMatchObject({ archived: false, translationKey: 'senior-developer', leverId: LEVER });
    expect(frData.title).toBe('Développeur principal ou développeuse principale – Plateforme');

    // The sections, the classification linked in each language, the equity and accommodation text.
    expect(en).toContain('[IT-03](https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-eng.aspx?id=1) in the Information Technology group');
    expect(fr).toContain('[IT-03](https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-fra.aspx?id=1) dans le groupe Technologie de l’information');
    for (const heading of ['## About the team', '### What you will do', '### What we are looking for', '## Accommodation']) {
      expect(en).toContain(heading);
    }
    for (const heading of ['## À propos de l’équipe', '### Ce que vous ferez', '### Ce que nous recherchons', '## Mesures d’adaptation']) {
      expect(fr).toContain(heading);
    }
    expect(en).toContain('CDS welcomes all applicants regardless of');
    expect(fr).toContain('Le SNC accueille toutes les personnes candidates');
    expect(en).toContain('(https://www.canada.ca/en/public-service-commission/services/assessment-accommodation-page.html)');
    expect(fr).toContain('(https://www.canada.ca/fr/commission-fonction-publique/services/mesures-d-adaptation-matiere-evaluation.html)');
    // Clearly marked placeholders in both files.
    expect(en.match(/TODO: /g)!.length).toBeGreaterThanOrEqual(8);
    expect(fr.match(/TODO : /g)!.length).toBeGreaterThanOrEqual(8);
    // Inclusive French: no masculine-only "candidats" or abbreviated doublets.
    expect(fr).not.toMatch(/\bcandidats\b|·|\(e\)/);

    const results = lintContent();
    expect(results).toHaveLength(2);
    for (const r of results) {
      const other = r.messages.filter((m) => m.ruleId !== PLACEHOLDER);
      expect({ file: r.filePath, other }).toEqual({ file: r.filePath, other: [] });
      // Once content/placeholder exists, it must flag the placeholders of both files.
      if (hasPlaceholderRule) expect(r.messages.length).toBeGreaterThan(0);
    }
  });

  test('without a Lever id or classification: archived, no leverId, no suffix, TODOs, still clean', () => {
    const run = runCli(['new', 'policy-analyst', '--title-en', 'Policy Analyst', '--title-fr', 'Analyste des politiques'], { cwd: dir });
    expect(run.status).toBe(0);
    const en = readFileSync(join(dir, ...EN_DIR, 'policy-analyst.md'), 'utf8');
    const fr = readFileSync(join(dir, ...FR_DIR, 'analyste-des-politiques.md'), 'utf8');
    expect(en).toContain('archived: true');
    expect(en).not.toContain('leverId:');
    expect(en).toContain('TODO: give the classification (group and level, such as `IT-03`) and link it to its official pay rates.');
    expect(fr).toContain('TODO : indiquez la classification (groupe et niveau, comme `IT-03`)');
    for (const r of lintContent()) expect(r.messages.filter((m) => m.ruleId !== PLACEHOLDER)).toEqual([]);
  });

  test('a classification without a known pay page is named, with a TODO for its link', () => {
    const posting = { translationKey: 'k', title: { en: 'A', fr: 'B' }, classification: classificationInfo('PE-3', {}) };
    expect(renderPosting('en', posting)).toContain('This position is classified as PE-03 in the Personnel Administration group. TODO: link');
    expect(renderPosting('fr', posting)).toContain('Ce poste est classifié PE-03 dans le groupe Gestion du personnel. TODO : ajoutez un lien');
  });

  test('refuses to overwrite an existing posting (exit 2) and writes nothing', () => {
    mkdirSync(join(dir, ...FR_DIR), { recursive: true });
    const existing = join(dir, ...FR_DIR, 'analyste.md');
    writeFileSync(existing, 'mine');
    const run = runCli(['new', 'analyst', '--title-en', 'Analyst', '--title-fr', 'Analyste'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`postings: ${join(...FR_DIR, 'analyste.md')} already exists; nothing was written. Choose another title or remove the file.\n`);
    expect(readFileSync(existing, 'utf8')).toBe('mine');
    expect(existsSync(join(dir, ...EN_DIR))).toBe(false);

    const fr = runCli(['new', 'analyst', '--title-en', 'Analyst', '--title-fr', 'Analyste', '--locale', 'fr'], { cwd: dir });
    expect(fr.status).toBe(2);
    expect(fr.stderr).toContain('existe déjà; rien n’a été écrit');
  });

  test('refuses a translation key another posting already uses', () => {
    expect(runCli(['new', 'analyst', '--title-en', 'Analyst', '--title-fr', 'Analyste'], { cwd: dir }).status).toBe(0);
    const again = runCli(['new', 'analyst', '--title-en', 'Senior Analyst', '--title-fr', 'Analyste principal ou principale'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('The translation key "analyst" is already used by content/en/careers/positions/analyst.md');
  });

  test('checks its arguments, in both languages', () => {
    const missing = runCli(['new', 'analyst', '--title-en', 'Analyst'], { cwd: dir, input: '' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Missing the French title. Give --title-fr');
    const manquant = runCli(['new', 'analyst', '--title-en', 'Analyst', '--locale', 'fr'], { cwd: dir, input: '' });
    expect(manquant.stderr).toContain('Il manque le titre français. Indiquez --title-fr');
    const lever = runCli(['new', 'analyst', '--title-en', 'A', '--title-fr', 'B', '--lever-id', 'test-lever-id'], { cwd: dir });
    expect(lever.status).toBe(2);
    expect(lever.stderr).toContain('--lever-id must be a UUID');
    const code = runCli(['new', 'analyst', '--title-en', 'A', '--title-fr', 'B', '--classification', 'developer'], { cwd: dir });
    expect(code.status).toBe(2);
    expect(code.stderr).toContain('--classification must be a group and a level');
    const key = runCli(['new', 'Senior Analyst', '--title-en', 'A', '--title-fr', 'B'], { cwd: dir });
    expect(key.status).toBe(2);
    expect(key.stderr).toContain('must be lowercase letters, digits and hyphens');
    expect(existsSync(join(dir, 'content'))).toBe(false);
  });

  test('follows the new.dir and new.positionsPath configuration; rejects unknown keys', () => {
    writeFileSync(join(dir, 'postings.config.json'), JSON.stringify({ new: { dir: 'site/content', positionsPath: 'emplois' } }));
    const run = runCli(['new', 'analyst', '--title-en', 'Analyst', '--title-fr', 'Analyste'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, 'site', 'content', 'en', 'emplois', 'analyst.md'))).toBe(true);
    expect(existsSync(join(dir, 'site', 'content', 'fr', 'emplois', 'analyste.md'))).toBe(true);

    writeFileSync(join(dir, 'postings.config.json'), JSON.stringify({ new: { positionPath: 'x' } }));
    const bad = runCli(['new', 'other', '--title-en', 'Other', '--title-fr', 'Autre'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('did you mean `positionsPath`?');
  });

  test('asks for what is missing when run in a terminal, in the chosen language', async () => {
    const asked: string[] = [];
    const answers = ['data-scientist', 'Data Scientist', 'Scientifique des données', LEVER, 'EC-05'];
    const out: string[] = [];
    const io = { cwd: dir, env: {}, stdout: (s: string) => out.push(s), stderr: () => undefined, isTTY: true, version: '0' };
    const code = await runNew(undefined, {}, 'fr', io, async (q) => {
      asked.push(q);
      return answers.shift() ?? '';
    });
    expect(code).toBe(0);
    expect(asked).toEqual([
      'Clé de traduction (comme senior-developer)\u00a0: ',
      'Titre anglais\u00a0: ',
      'Titre français (inclusif)\u00a0: ',
      'Identifiant Lever (UUID, Entrée pour passer)\u00a0: ',
      'Classification (comme IT-03, Entrée pour passer)\u00a0: ',
    ]);
    const fr = readFileSync(join(dir, ...FR_DIR, `scientifique-des-données--${LEVER}.md`), 'utf8');
    expect(fr).toContain('translationKey: data-scientist');
    expect(fr).toContain('[EC-05](https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-fra.aspx?id=4)');
    expect(out.join('')).toContain('Fichier écrit\u00a0: ');
  });
});

describe('postings new: a retired classification group', () => {
  test('CS-04 is refused with its successor IT-04, exit 2, in both languages, nothing written', () => {
    const args = ['new', 'developer', '--title-en', 'Developer', '--title-fr', 'Développeur ou développeuse', '--classification'];
    const en = runCli([...args, 'cs4'], { cwd: dir });
    expect(en.status).toBe(2);
    expect(en.stderr).toBe(
      'postings: The CS group (Computer Systems) was retired on 2021-12-09 and replaced by IT (Information Technology); use IT-04 instead of CS-04. Nothing was written.\n',
    );
    const fr = runCli([...args, 'CS-04', '--locale', 'fr'], { cwd: dir });
    expect(fr.status).toBe(2);
    expect(fr.stderr).toBe(
      'postings: Le groupe CS (Systèmes d’ordinateurs) a été aboli le 2021-12-09 et remplacé par IT (Technologie de l’information); utilisez IT-04 au lieu de CS-04. Rien n’a été écrit.\n',
    );
    expect(existsSync(join(dir, 'content'))).toBe(false);
    // The successor is accepted.
    expect(runCli([...args, 'IT-04'], { cwd: dir }).status).toBe(0);
  });
});

/** `script` (util-linux) gives the child a terminal, so that `postings new` asks its questions. */
const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null'], { encoding: 'utf8' }).status === 0;
if (!hasScript) console.warn('SKIPPED terminal cancel tests: `script` (util-linux) is not installed; the prompt is tested directly');

/** Run `postings new` in a terminal; type `key` at the first question. */
function newInTerminal(key: string, cwd: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} new`;
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', LANG: 'en_CA.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let typed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit; output so far: ${JSON.stringify(output)}`));
    }, 20_000);
    const onData = (d: Buffer) => {
      output += d.toString('utf8');
      if (!typed && output.includes('Translation key')) {
        typed = true;
        child.stdin.write(key);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, output });
    });
  });
}

describe('postings new: cancelling at a prompt', () => {
  const inTerminal = hasScript ? test : test.skip;

  inTerminal('Ctrl+C: "Cancelled; nothing was written.", exit 130, no internal error', async () => {
    const r = await newInTerminal('\x03', dir);
    expect(r.output).toContain('postings: Cancelled; nothing was written.');
    expect(r.output).not.toMatch(/Internal error|at .*\.js:\d+/);
    expect(r.status).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  });

  inTerminal('Ctrl+D (end of input): "Cancelled; nothing was written.", exit 1', async () => {
    const r = await newInTerminal('\x04', dir);
    expect(r.output).toContain('postings: Cancelled; nothing was written.');
    expect(r.output).not.toContain('Internal error');
    expect(r.status).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('the prompt rejects with a cancel at the end of its input, in the chosen language; runNew writes nothing', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const ask = promptAsk(input, output, 'fr');
    const answered = ask('Clé : ');
    input.write('data-scientist\n');
    await expect(answered).resolves.toBe('data-scientist');
    const asked = ask('Titre anglais : ');
    input.end();
    const error = await asked.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).message).toBe('Annulé; rien n’a été écrit.');
    expect((error as CancelledError).exitCode).toBe(1);

    const io = { cwd: dir, env: {}, stdout: () => undefined, stderr: () => undefined, isTTY: true, version: '0' };
    const ended = new PassThrough();
    const sink = new PassThrough();
    sink.resume();
    const run = runNew(undefined, {}, 'en', io, promptAsk(ended, sink, 'en'));
    ended.end();
    await expect(run).rejects.toThrow('Cancelled; nothing was written.');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('file names and classification links', () => {
  test('file names follow the site: the title slug, --<leverId> when there is one', () => {
    expect(slugify('Administrative Officer - Internal Operations')).toBe('administrative-officer---internal-operations');
    expect(slugify('Senior / Principal Software Developer (Python)')).toBe('senior-principal-software-developer-python');
    expect(slugify('Traducteur/traductrice - Coordonnateur/Coordonnatrice de contenu')).toBe(
      'traducteur-traductrice---coordonnateur-coordonnatrice-de-contenu',
    );
    expect(slugify("Chef d'équipe – Notification GC")).toBe('chef-d’équipe---notification-gc');
    expect(fileName('Policy Advisor', LEVER)).toBe(`policy-advisor--${LEVER}.md`);
    expect(slugify('?!')).toBe('');
  });

  test('the classifications data table, when configured, gives the name and the pay link', () => {
    const data = {
      classifications: {
        groups: [
          {
            code: 'IT',
            name: { en: 'Information Technology (table)', fr: 'Technologie de l’information (table)' },
            payLinks: [{ en: 'https://example.gc.ca/it-eng', fr: 'https://example.gc.ca/it-fra' }],
          },
        ],
      },
    };
    expect(classificationInfo('IT-4', data)).toEqual({
      code: 'IT-04',
      group: 'IT',
      name: { en: 'Information Technology (table)', fr: 'Technologie de l’information (table)' },
      link: { en: 'https://example.gc.ca/it-eng', fr: 'https://example.gc.ca/it-fra' },
    });
    // Not in the table: the built-in fallback.
    expect(classificationInfo('AS-05', data)?.link?.fr).toBe('https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-fra.aspx?id=15');
    expect(classificationInfo('ZZ-01', {})).toEqual({ code: 'ZZ-01', group: 'ZZ', name: undefined, link: undefined });
    expect(classificationInfo('developer', {})).toBeUndefined();
  });
});
