/**
 * Linting a real-shaped Hugo site (fixtures/hugo-site: TOML, two hosts, a theme;
 * fixtures/hugo-site-yaml: config/_default in YAML, languages in subfolders) through the
 * real CLI, from the site's root with no arguments, as a writer runs it.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { FIXTURES, runCli } from './support/harness.js';
import { tempDir } from './support/temp-site.js';
import { lookupCandidates, resolveLayout } from '../src/site/lookup.js';
import { evaluate, holds, UNKNOWN } from '../src/site/conditions.js';
import { scanTemplate } from '../src/site/template.js';
import { expandPermalink, pageUrls } from '../src/site/urls.js';
import { findSiteRoot, loadSite, readSiteConfig, siteConfigIn } from '../src/site/load.js';
import type { SiteModel } from '../src/site/model.js';

const SITE = join(FIXTURES, 'hugo-site');
const YAML_SITE = join(FIXTURES, 'hugo-site-yaml');

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; line: number; column: number; message: string }>;
}

function lintSite(cwd: string, args: string[] = []) {
  const r = runCli(['lint', '--format', 'json', ...args], { cwd });
  const results = JSON.parse(r.stdout) as JsonResult[];
  const files: Record<string, string[]> = {};
  for (const f of results) files[relative(cwd, f.filePath).split('\\').join('/')] = f.messages.map((m) => `${m.ruleId}:${m.line}:${m.column}`);
  return { ...r, results, files };
}

describe.each([
  ['hugo-site (hugo.toml, two hosts, a theme)', SITE],
  ['hugo-site-yaml (config/_default/*.yaml, languages in subfolders)', YAML_SITE],
])('%s, linted from its root with no arguments', (_name, site) => {
  const expected = JSON.parse(readFileSync(join(site, 'expected.json'), 'utf8')).files as Record<string, string[]>;
  const run = lintSite(site);

  test('lists exactly the postings and the templates that render them, with the expected findings', () => {
    expect(run.files).toEqual(expected);
  });

  test('no page that is not a posting is linted or reported', () => {
    for (const file of Object.keys(run.files)) expect(file).toMatch(/(\/positions\/|\/jobs\/|\/postes\/|^layouts\/|^themes\/)/);
    expect(Object.keys(run.files).some((f) => f.includes('_index') || f.includes('/blog/') || f.includes('/news/'))).toBe(false);
  });
});

test("pairing/values: a link the partner's layout prints on its page is not missing from that page", () => {
  const site = tempDir('hugo-layout-links');
  cpSync(SITE, site, { recursive: true });
  const en = join(site, 'content/en/careers/positions/developer.md');
  const fr = join(site, 'content/fr/careers/positions/developpeur.md');
  const psc = (lang: string) =>
    lang === 'en'
      ? 'https://www.canada.ca/en/public-service-commission/services/assessment-accommodation-page.html'
      : 'https://www.canada.ca/fr/commission-fonction-publique/services/mesures-d-adaptation-matiere-evaluation.html';
  const valuesOf = (files: Record<string, string[]>, file: string) => files[file]!.filter((f) => f.startsWith('pairing/values'));
  // The fixture's own pair findings (a mistyped link), before the accommodation link is added.
  const before = lintSite(site).files;
  const enFile = 'content/en/careers/positions/developer.md';
  const frFile = 'content/fr/careers/positions/developpeur.md';
  writeFileSync(en, readFileSync(en, 'utf8') + `\nTo request it, see [assessment accommodation](${psc('en')}).\n`);
  // job-posting.fr.html prints the accommodation link on the French page: nothing is missing there.
  expect(valuesOf(lintSite(site).files, enFile)).toEqual(valuesOf(before, enFile));
  // The same when the English posting is linted alone (a pre-commit hook, `--since`): its
  // partner's layout is read although no French posting is linted.
  expect(valuesOf(lintSite(site, [enFile]).files, enFile)).toEqual(valuesOf(before, enFile));
  // Rendered by a layout that prints no such link, the French page lacks it.
  writeFileSync(fr, readFileSync(fr, 'utf8').replace('layout: job-posting', 'layout: plain-posting'));
  const { files } = lintSite(site);
  expect(valuesOf(files, enFile)).toHaveLength(valuesOf(before, enFile).length + 1);
  expect(valuesOf(files, frFile)).toHaveLength(valuesOf(before, frFile).length + 1);
  // The other way: the French body links the French page, the English layout prints the link.
  writeFileSync(fr, readFileSync(fr, 'utf8').replace('layout: plain-posting', 'layout: job-posting') + `\nVoir les [mesures d’adaptation](${psc('fr')}).\n`);
  writeFileSync(en, readFileSync(en, 'utf8').replace(/\nTo request it[^\n]*\n$/, '\n'));
  expect(valuesOf(lintSite(site).files, frFile)).toEqual(valuesOf(before, frFile));
});

test("pairing/structure: a paragraph the page's layout prints is not missing from that page, either way", () => {
  const site = tempDir('hugo-layout-texts');
  cpSync(SITE, site, { recursive: true });
  const enFile = 'content/en/careers/positions/developer.md';
  const frFile = 'content/fr/careers/positions/developpeur.md';
  const structureOf = (files: Record<string, string[]>, file: string) => files[file]!.filter((f) => f.startsWith('pairing/structure'));
  // After the opening paragraph (at the end, it would read as merged into the last paragraph).
  const append = (file: string, text: string) => {
    const body = readFileSync(join(site, file), 'utf8');
    const at = body.indexOf('\n\n**');
    writeFileSync(join(site, file), `${body.slice(0, at)}\n\n${text}${body.slice(at)}`);
  };
  const layout = (lang: string) => join(site, `layouts/section/job-posting.${lang}.html`);
  const printed = (lang: string, text: string) =>
    writeFileSync(layout(lang), readFileSync(layout(lang), 'utf8').replace('<div class="content">{{ .Content }}</div>', `<div class="content">{{ .Content }}</div>\n  <p>${text}</p>`));
  const EN = 'At CDS, we celebrate diversity and difference. We passionately promote inclusion, equity and accessibility for all candidates, whatever their identity, origin or experience.';
  const FR = 'Au SNC, nous célébrons la diversité et la différence. Nous faisons la promotion passionnée de l’inclusion, de l’équité et de l’accessibilité pour tous les candidats, quelle que soit leur identité, leur origine ou leur expérience.';
  const before = lintSite(site).files;
  // The French body has the paragraph, the English page nowhere: the English posting lacks it.
  append(frFile, FR);
  expect(structureOf(lintSite(site).files, enFile)).toHaveLength(structureOf(before, enFile).length + 1);
  // The English layout prints it on every English posting page: the reader has it.
  printed('en', EN);
  expect(structureOf(lintSite(site).files, enFile)).toEqual(structureOf(before, enFile));
  // The other way: the English body has it, and the French layout prints its French text.
  cpSync(join(SITE, frFile), join(site, frFile));
  cpSync(join(SITE, 'layouts/section/job-posting.en.html'), layout('en'));
  append(enFile, EN);
  expect(structureOf(lintSite(site).files, frFile)).toHaveLength(structureOf(before, frFile).length + 1);
  printed('fr', FR);
  expect(structureOf(lintSite(site).files, frFile)).toEqual(structureOf(before, frFile));
});

test('a layout template over the size limit is not read: one internal/too-large finding, like a posting', () => {
  const site = tempDir('hugo-template-size');
  cpSync(SITE, site, { recursive: true });
  const { files } = lintSite(site);
  const templates = Object.keys(files).filter((f) => f.startsWith('layouts/') || f.startsWith('themes/'));
  expect(templates.length).toBeGreaterThan(0);
  const large = templates.filter((t) => statSync(join(site, t)).size > 200);
  expect(large.length).toBeGreaterThan(1);
  const { files: limited } = lintSite(site, ['--max-file-size', '200']);
  for (const t of templates) {
    if (large.includes(t)) expect(limited[t]).toEqual(['internal/too-large:1:1']);
    else expect(limited[t]).toEqual(files[t]);
  }
});

test('every accommodation finding is on a posting whose layout does not print the section', () => {
  const { files } = lintSite(SITE);
  // developer.md and developpeur.md are rendered by job-posting.{en,fr}.html, which print it.
  expect(files['content/en/careers/positions/developer.md']!.filter((s) => s.startsWith('accommodation/'))).toEqual([]);
  expect(files['content/fr/careers/positions/developpeur.md']!.filter((s) => s.startsWith('accommodation/'))).toEqual([]);
  // analyst-cds (unit: cds) gets the conditional block; analyst-other does not.
  expect(files['content/en/careers/positions/analyst-cds.md']!.some((s) => s.startsWith('accommodation/'))).toBe(false);
  expect(files['content/en/careers/positions/analyst-other.md']!.some((s) => s.startsWith('accommodation/missing'))).toBe(true);
});

test('the French template’s own English PSC link is reported once, on the template, with the French page as the fix', () => {
  const { results } = lintSite(SITE);
  const template = results.find((r) => r.filePath.endsWith(join('section', 'job-posting.fr.html')))!;
  const link = template.messages.filter((m) => m.ruleId === 'links/language');
  expect(link).toHaveLength(1);
  expect(link[0]).toMatchObject({ line: 10, column: 15 });
  expect(link[0]!.message).toContain('https://www.canada.ca/fr/commission-fonction-publique/');
  const all = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'links/language' && m.message.includes('public-service-commission')));
  expect(all).toHaveLength(0);
});

test('a Go template comment directive silences the line after it; without it, the line is reported', () => {
  const dir = tempDir('hugo-directive-');
  cpSync(SITE, dir, { recursive: true });
  const file = join(dir, 'layouts', 'section', 'job-posting.fr.html');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^.*postings-disable-next-line.*\n/m, ''));
  const { files } = lintSite(dir);
  expect(files['layouts/section/job-posting.fr.html']).toEqual(['inclusive-language/terms:8:32', 'links/language:10:15', 'links/language:11:15']);
  rmSync(dir, { recursive: true, force: true });
});

test('the summary says how many postings and templates were linted and how many pages are not postings, in both languages', () => {
  const en = runCli(['lint'], { cwd: SITE });
  expect(en.stdout).toContain('Hugo site: postings linted: 6; layout templates linted: 4; other pages (not postings): 3.');
  const fr = runCli(['lint', '--locale', 'fr'], { cwd: SITE });
  expect(fr.stdout).toContain('Site Hugo\u00a0: offres analysées\u00a0: 6; gabarits de mise en page analysés\u00a0: 4; autres pages (pas des offres)\u00a0: 3.');
  expect(en.status).toBe(1);
});

test('a page that is not a posting, named on the command line, is skipped with one line that says why (exit 0); --no-ignore lints it', () => {
  const blog = join('content', 'en', 'blog', '2020-02-24-open-source.md');
  const r = runCli(['lint', blog], { cwd: SITE });
  expect(r.status).toBe(0);
  expect(r.stderr.trim().split('\n')).toEqual([
    `postings: ${blog}: not linted: this page of the Hugo site is not a job posting (not under a \`positions\` folder, not in \`postings.paths\`, and its layout is not one of \`postings.layouts\`); use --no-ignore to lint it anyway`,
  ]);
  const fr = runCli(['lint', '--locale', 'fr', blog, join('content', 'en', 'careers', '_index.md')], { cwd: SITE });
  expect(fr.stderr).toContain('n’est pas une offre d’emploi');
  expect(fr.stderr).toContain('une page de section Hugo (_index) n’est pas une offre');
  expect(fr.status).toBe(0);
  const forced = runCli(['lint', '--no-ignore', '--format', 'json', blog], { cwd: SITE });
  const ids = (JSON.parse(forced.stdout) as JsonResult[])[0]!.messages.map((m) => m.ruleId);
  expect(ids).toContain('inclusive-language/terms');
  expect(forced.status).toBe(1);
});

test('postings.paths and postings.layouts decide which pages are postings', () => {
  const dir = tempDir('hugo-paths-');
  cpSync(SITE, dir, { recursive: true });
  writeFileSync(join(dir, '.postingsrc.json'), JSON.stringify({ postings: { paths: ['content/*/blog/**'], layouts: ['nothing'] } }));
  const { files } = lintSite(dir);
  expect(Object.keys(files).filter((f) => f.includes('/blog/'))).toHaveLength(3);
  // Under `positions`, a page is a posting whatever its layout.
  expect(Object.keys(files).filter((f) => f.includes('/positions/'))).toHaveLength(6);
  rmSync(dir, { recursive: true, force: true });
});

test('--debug shows the site root, its languages and each posting’s resolved layout', () => {
  const r = runCli(['lint', '--debug'], { cwd: SITE });
  expect(r.stderr).toContain('site: . (hugo.toml)');
  expect(r.stderr).toContain('en → content/en https://digital.example.ca/; fr → content/fr https://numerique.example.ca/');
  expect(r.stderr).toContain('layout: content/fr/careers/positions/developpeur.md → layouts/section/job-posting.fr.html');
  expect(r.stderr).toContain('layout: content/en/careers/positions/designer.md → themes/jobs/layouts/_default/plain-posting.html');
});

test('a broken site configuration is one clear usage error with file, line and column (exit 2), never a stack trace', () => {
  const dir = tempDir('hugo-broken-');
  cpSync(SITE, dir, { recursive: true });
  writeFileSync(join(dir, 'hugo.toml'), 'defaultContentLanguage = "en"\n[languages.en\nbaseURL = 1\n');
  const r = runCli(['lint'], { cwd: dir });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/The Hugo site configuration cannot be read: hugo\.toml:2:\d+: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const fr = runCli(['lint', '--locale', 'fr'], { cwd: dir });
  expect(fr.stderr).toContain('Impossible de lire la configuration du site Hugo\u00a0: hugo.toml:2:');
  rmSync(dir, { recursive: true, force: true });
});

test('without a Hugo site around the files, every Markdown file is a posting, as before', () => {
  const r = runCli(['lint', '--format', 'json', join('fixtures', 'clean-pair', 'content'), '--config', join('fixtures', 'empty-config.json')]);
  expect((JSON.parse(r.stdout) as JsonResult[]).length).toBe(2);
  expect(r.stdout).not.toContain('Hugo site');
});

describe('template lookup order (single pages, HTML)', () => {
  test('type, layout, language and output format variants, then _default', () => {
    expect(lookupCandidates({ type: 'section', layout: 'job-posting', section: 'careers', lang: 'fr' })).toEqual([
      'section/job-posting.fr.html.html',
      'section/job-posting.html.html',
      'section/job-posting.fr.html',
      'section/job-posting.html',
      'section/single.fr.html.html',
      'section/single.html.html',
      'section/single.fr.html',
      'section/single.html',
      '_default/job-posting.fr.html.html',
      '_default/job-posting.html.html',
      '_default/job-posting.fr.html',
      '_default/job-posting.html',
      '_default/single.fr.html.html',
      '_default/single.html.html',
      '_default/single.fr.html',
      '_default/single.html',
    ]);
  });
  test('without type, the root section; without a section, "page"; without layout, single', () => {
    expect(lookupCandidates({ section: 'blog', lang: 'en' })[0]).toBe('blog/single.en.html.html');
    expect(lookupCandidates({ section: '', lang: 'en' })[3]).toBe('page/single.html');
  });
  const model = (files: string[][]): SiteModel =>
    ({ layoutDirs: ['/site/layouts', '/site/themes/t/layouts'], layoutFiles: files }) as unknown as SiteModel;
  test('a language-specific template wins over the generic one; the project and the theme are interleaved', () => {
    const q = { type: 'section', layout: 'job-posting', section: 'careers', lang: 'fr' };
    expect(resolveLayout(model([['section/job-posting.html', 'section/job-posting.fr.html'], []]), q)?.name).toBe('section/job-posting.fr.html');
    // The theme's more specific template beats the project's generic one.
    expect(resolveLayout(model([['_default/single.html'], ['section/job-posting.html']]), q)?.file).toBe('/site/themes/t/layouts/section/job-posting.html');
    // At equal specificity the project's wins.
    expect(resolveLayout(model([['section/job-posting.html'], ['section/job-posting.html']]), q)?.file).toBe('/site/layouts/section/job-posting.html');
    expect(resolveLayout(model([[], []]), q)).toBeUndefined();
  });
});

describe('template conditions', () => {
  const values = { params: { leverId: 'abc', archived: false, Unit: 'cds', tags: [] }, lang: 'fr' };
  test.each([
    ['and (.Params.leverId) (eq .Params.archived false)', true],
    ['and (.Params.leverId) (eq .Params.archived true)', false],
    ['.Params.missing', false],
    ['.Params.unit', true],
    ['eq .Params.unit "cds"', true],
    ['ne .Params.unit "cds"', false],
    ['not .Params.leverId', false],
    ['or .Params.missing .Params.leverId', true],
    ['.Params.tags', false],
    ['isset .Params "leverId"', true],
    ['eq .Lang "fr"', true],
    ['$x := .Params.leverId', true],
  ])('%s → %s', (expr, want) => {
    expect(evaluate(expr, values)).toBe(want);
  });
  test.each(['.Site.Params.x', 'len .Params.tags', '.Params.x | default "y"', 'and .Site.IsServer .Params.leverId'])('%s is unknown', (expr) => {
    expect(evaluate(expr, values)).toBe(UNKNOWN);
  });
  test('an unknown condition is never taken as met; a false one wins over an unknown one', () => {
    expect(holds([{ expr: '.Site.X', negated: false, kind: 'if' }], values)).toBe(UNKNOWN);
    expect(holds([{ expr: '.Site.X', negated: false, kind: 'if' }, { expr: '.Params.missing', negated: false, kind: 'if' }], values)).toBe(false);
  });
});

describe('template scanner', () => {
  test('pieces keep exact offsets, template actions and comments are masked, conditions nest with else', () => {
    const text = '<p>Hello {{ .Title }} world</p>\n{{ if .Params.a }}<p>A</p>{{ else }}<p>B</p>{{ end }}\n{{/* a comment */}}<script>var x = "<p>";</script>';
    const { pieces } = scanTemplate(text);
    const texts = pieces.filter((p) => p.kind === 'text' && p.value.trim());
    for (const p of pieces) expect(text.slice(p.start, p.end)).toBe(p.value);
    expect(texts.map((p) => p.value.trim())).toEqual(['Hello', 'world', 'A', 'B']);
    const a = texts.find((p) => p.value === 'A')!;
    const b = texts.find((p) => p.value === 'B')!;
    expect(a.conds).toEqual([{ expr: '.Params.a', negated: false, kind: 'if' }]);
    expect(b.conds).toEqual([{ expr: '.Params.a', negated: true, kind: 'if' }]);
    expect(pieces.some((p) => p.value.startsWith('{{/*'))).toBe(true);
    expect(texts.some((p) => p.value.includes('var x'))).toBe(false);
  });
  test('a form and the conditions it is under', () => {
    const { forms } = scanTemplate('{{ with .Params.applyUrl }}<form action="{{ . }}"></form>{{ end }}');
    expect(forms).toEqual([{ offset: 27, conds: [{ expr: '.Params.applyUrl', negated: false, kind: 'with' }] }]);
  });
  test('a long unterminated template stays linear: one pass, every piece bounded', () => {
    const text = '<a href="'.repeat(5000) + '{{ if x '.repeat(5000);
    const { pieces } = scanTemplate(text);
    expect(pieces.reduce((n, p) => n + (p.end - p.start), 0)).toBeLessThanOrEqual(text.length);
  });
});

describe('site configuration and URLs', () => {
  test('config/_default: a file named after a key goes under that key, environments are left aside', async () => {
    const root = siteConfigIn(YAML_SITE)!;
    expect(root.files.map((f) => relative(YAML_SITE, f).split('\\').join('/'))).toEqual([
      'config/_default/hugo.yaml',
      'config/_default/languages.yaml',
      'config/_default/params.yaml',
    ]);
    const cfg = await readSiteConfig(root);
    expect(cfg.baseurl).toBe('https://jobs.example.ca/');
    expect(Object.keys(cfg.languages as object)).toEqual(['en', 'fr']);
    expect((cfg.params as Record<string, unknown>).team).toBe('CDS');
  });
  test('the site root is found from a posting deep in the content folder', () => {
    expect(findSiteRoot([join(SITE, 'content', 'fr', 'careers', 'positions', 'developpeur.md')])?.root).toBe(SITE);
  });
  test('pages get their URLs from path, slug, url, aliases and permalinks, with the language prefix when languages share a host', async () => {
    const site = await loadSite(siteConfigIn(YAML_SITE)!, { paths: [], layouts: ['job-posting'] });
    const fr = site.languages.find((l) => l.code === 'fr')!;
    const en = site.languages.find((l) => l.code === 'en')!;
    expect(pageUrls(site, fr, 'postes/a-b.md', {}).url).toBe('/fr/postes/a-b/');
    expect(pageUrls(site, en, 'postes/a-b.md', { slug: 'Hello World' }).url).toBe('/postes/hello-world/');
    expect(pageUrls(site, en, 'x/_index.md', { url: '/Careers' }).url).toBe('/careers/');
    expect(pageUrls(site, fr, 'x/y.md', { aliases: ['/old/'] }).aliases).toEqual(['/fr/old/']);
    expect(expandPermalink('/:year/:month/:day/:filename', { fm: {}, name: '2020-02-24-open-source', section: 'blog', sections: ['blog'], slug: undefined })).toBe(
      '/2020/02/24/open-source',
    );
    expect(expandPermalink('/:year/:slug/', { fm: {}, name: 'x', section: 'blog', sections: ['blog'], slug: undefined })).toBeUndefined();
    const input = { fm: { title: 'Développeur Web', date: '2023-03-07' }, name: 'dev', section: 'jobs', sections: ['jobs', 'it'], slug: undefined };
    expect(expandPermalink('/:sections/:Title/:slugorfilename/:month-:day/', input)).toBe('/jobs/it/développeur-web/dev/03-07/');
    // A token Hugo does not know (an object's own property name included) leaves the URL unknown.
    expect(expandPermalink('/:constructor/:filename/', input)).toBeUndefined();
    expect(expandPermalink('/:tostring/', input)).toBeUndefined();
  });
});

test('--fix rewrites postings, never a template, and still reports the template’s findings', () => {
  const dir = tempDir('hugo-fix-');
  cpSync(SITE, dir, { recursive: true });
  const template = join(dir, 'layouts', 'section', 'job-posting.fr.html');
  const before = readFileSync(template, 'utf8');
  const r = runCli(['lint', '--fix', '--format', 'json'], { cwd: dir });
  const results = JSON.parse(r.stdout) as JsonResult[];
  expect(readFileSync(template, 'utf8')).toBe(before);
  expect(readFileSync(join(dir, 'content', 'fr', 'careers', 'positions', 'developpeur.md'), 'utf8')).toContain(
    '(https://numerique.example.ca/2020/02/24/code-source-libre/)',
  );
  const t = results.find((x) => x.filePath.endsWith('job-posting.fr.html'))!;
  expect(t.messages.map((m) => m.ruleId)).toEqual(['inclusive-language/terms', 'links/language']);
  // So a template's findings carry no fix, and no report counts them as fixable.
  const plain = lintSite(SITE).results.find((x) => x.filePath.endsWith('job-posting.fr.html'))!;
  expect(plain.messages.filter((m) => (m as { fix?: unknown }).fix !== undefined)).toEqual([]);
  // The French posting has one fixable error of its own; its layout's link error is not counted.
  const stylish = runCli(['lint', 'content/fr/careers/positions/developpeur.md'], { cwd: SITE }).stdout;
  expect(stylish).toContain('job-posting.fr.html');
  expect(stylish).toContain('1 error and 0 warnings potentially fixable');
  rmSync(dir, { recursive: true, force: true });
});

test('a FIFO reached through a link in the content folder never blocks reading the site', () => {
  const dir = tempDir('hugo-fifo-');
  cpSync(SITE, dir, { recursive: true });
  const fifo = join(dir, 'pipe');
  spawnSync('mkfifo', [fifo]);
  symlinkSync(fifo, join(dir, 'content', 'en', 'blog', 'pipe.md'));
  const r = runCli(['lint'], { cwd: dir });
  expect(r.stdout).toContain('Hugo site: postings linted: 6; layout templates linted: 4;');
  rmSync(dir, { recursive: true, force: true });
});

test("a layout without a language suffix is read as each language it renders, without what `.Lang` prints only in the other", () => {
  // hugo-site-yaml's _default/job-posting.html prints an English paragraph on every page, and
  // the accommodation link of the page's language under `{{ if eq .Lang "fr" }}`.
  const template = 'layouts/_default/job-posting.html';
  const en = 'content/en/jobs/product-manager.md';
  const fr = 'content/fr/postes/gestionnaire-de-produit.md';
  // The whole site: the English paragraph is on the French page (expected.json lists it); the
  // French link is not read as English, nor the English one as French.
  expect(lintSite(YAML_SITE).files[template]).toEqual(['language/mismatch:5:8']);
  // A template reports the same whichever of its postings are linted: it is read in every
  // language of the site's postings it renders.
  expect(lintSite(YAML_SITE, [en]).files[template]).toEqual(['language/mismatch:5:8']);
  expect(lintSite(YAML_SITE, [fr]).files[template]).toEqual(['language/mismatch:5:8']);
  // So a baseline updated by a run of one posting keeps the template's other findings.
  const site = tempDir('hugo-yaml-baseline');
  cpSync(YAML_SITE, site, { recursive: true });
  expect(runCli(['lint', '--update-baseline'], { cwd: site }).status).toBe(0);
  expect(runCli(['lint', '--update-baseline', en], { cwd: site }).status).toBe(0);
  expect(lintSite(site).files[template]).toEqual([]);
});

test('a condition that does not test the language (a parameter, `with`) prints in either language: its findings are kept', () => {
  const site = tempDir('hugo-yaml-params');
  cpSync(YAML_SITE, site, { recursive: true });
  writeFileSync(
    join(site, 'layouts/_default/job-posting.html'),
    [
      '{{ define "main" }}<main>{{ .Content }}',
      '{{ if eq .Lang "fr" }}{{ with .Params.team }}',
      '<p>Écrivez-nous : <a href="http://www.canada.ca/fr/emplois.html">emplois</a>.</p>',
      '{{ end }}{{ end }}',
      '{{ with .Params.team }}',
      '<p>Please write to us if you have questions about this position and the team.</p>',
      '{{ end }}',
      '</main>{{ end }}',
      '',
    ].join('\n'),
  );
  // The French branch's http link; the English paragraph that French pages print too.
  expect(lintSite(site).files['layouts/_default/job-posting.html']).toEqual(['links/https:3:28', 'language/mismatch:6:4']);
});

test('a language test the template reader cannot evaluate, or two site languages of one official language, read no branch as the wrong language', () => {
  const file = (site: string) => join(site, 'layouts/_default/job-posting.html');
  // `in` is not evaluated: both links are of a language the reader cannot tell.
  const unknown = tempDir('hugo-yaml-site-lang');
  cpSync(YAML_SITE, unknown, { recursive: true });
  writeFileSync(file(unknown), readFileSync(file(unknown), 'utf8').replace('{{ if eq .Lang "fr" }}', '{{ if in .Lang "fr" }}'));
  expect(lintSite(unknown).files['layouts/_default/job-posting.html']).toEqual(['language/mismatch:5:8']);
  // `en` and `en-gb`: the test on `fr` is false for both, so the French link is not on English pages.
  const two = tempDir('hugo-yaml-en-gb');
  cpSync(YAML_SITE, two, { recursive: true });
  writeFileSync(join(two, 'config/_default/languages.yaml'), readFileSync(join(two, 'config/_default/languages.yaml'), 'utf8') + 'en-gb:\n  contentDir: content/en-gb\n  weight: 3\n');
  mkdirSync(join(two, 'content/en-gb'));
  expect(lintSite(two).files['layouts/_default/job-posting.html']).toEqual(['language/mismatch:5:8']);
});

test.each([
  // Told: the wrong link of each branch is found.
  ['eq .Lang "fr"', 2],
  ['eq .Site.Language.Lang "fr"', 2],
  ['ne .Lang "en"', 2],
  ['not (eq .Lang "en")', 2],
  // Untold (not evaluated): neither branch is judged as a language, so no link is wrong.
  ['in .Lang "fr"', 0],
  ['eq $lang "fr"', 0],
  ['eq (lower .Lang) "fr"', 0],
  // Told for French only: the English link of the French branch is wrong on French pages; the
  // English reading cannot tell `hasPrefix`, so it judges neither branch.
  ['or (eq .Lang "fr") (hasPrefix .Lang "fr-")', 1],
  // A parameter whose name has `lang` in it is front matter, not the page's language: both
  // branches may print in either language, and each of their two links is wrong in one.
  ['.Params.languages', 4],
])('a branch on `%s` in a layout of both languages: %d wrong-language links', (cond: string, expected: number) => {
  const site = tempDir('hugo-yaml-branches');
  cpSync(YAML_SITE, site, { recursive: true });
  const fr = 'https://www.canada.ca/fr/services/emplois.html';
  const en = 'https://www.canada.ca/en/services/jobs.html';
  writeFileSync(
    join(site, 'layouts/_default/job-posting.html'),
    [
      '{{ define "main" }}<main>{{ $lang := .Lang }}{{ .Content }}',
      `{{ if ${cond} }}`,
      `<p><a href="${fr}">Emplois</a> et <a href="${en}">emplois en anglais</a></p>`,
      '{{ else }}',
      `<p><a href="${en}">Jobs</a> and <a href="${fr}">jobs in French</a></p>`,
      '{{ end }}',
      '</main>{{ end }}',
      '',
    ].join('\n'),
  );
  const found = lintSite(site).files['layouts/_default/job-posting.html']!.filter((f) => f.startsWith('links/language'));
  // The English link of the French branch (line 3) and the French link of the English one (line 5).
  const lines = found.map((f) => f.split(':').slice(0, 2).join(':'));
  if (expected === 4) expect(lines).toEqual(['links/language:3', 'links/language:3', 'links/language:5', 'links/language:5']);
  else expect(lines).toEqual(['links/language:3', 'links/language:5'].slice(0, expected));
});

test('a layout that starts with a byte order mark reports what it reports without one', () => {
  const site = tempDir('hugo-yaml-bom');
  cpSync(YAML_SITE, site, { recursive: true });
  const file = join(site, 'layouts/_default/job-posting.html');
  // The French branch gets an English link: wrong on French pages only.
  writeFileSync(file, readFileSync(file, 'utf8').replace('Mesures d’adaptation</a>', 'Mesures d’adaptation</a> <a href="https://www.canada.ca/en/services/jobs.html">Jobs</a>'));
  const without = lintSite(site).files['layouts/_default/job-posting.html'];
  expect(without).toContain('links/language:7:157');
  writeFileSync(file, '\uFEFF' + readFileSync(file, 'utf8'));
  expect(lintSite(site).files['layouts/_default/job-posting.html']).toEqual(without);
});

test('a layout of one language judges no branch it cannot tell is printed in that language', () => {
  // conditional-posting.html renders English postings only: the French branch of a test the
  // reader cannot evaluate is not read as English.
  const site = tempDir('hugo-one-lang-untold');
  cpSync(SITE, site, { recursive: true });
  const layout = join(site, 'layouts/section/conditional-posting.html');
  writeFileSync(
    layout,
    readFileSync(layout, 'utf8') +
      '{{ if in .Lang "fr" }}<p><a href="https://www.canada.ca/fr/services.html">Services</a> <a href="http://www.canada.ca/fr/x.html">x</a></p>{{ end }}\n',
  );
  const files = lintSite(site).files['layouts/section/conditional-posting.html']!;
  // Its http link is wrong in any language; its French link is not judged.
  expect(files.filter((f) => f.startsWith('links/https'))).toHaveLength(1);
  expect(files.filter((f) => f.startsWith('links/language'))).toEqual([]);
});
