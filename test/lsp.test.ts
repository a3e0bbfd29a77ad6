/**
 * `postings lsp --stdio` with a real LSP client over stdio (test/support/lsp-client.ts):
 * the built bin is spawned as an editor spawns it. Every wait is for a notification of the
 * server; nothing is timed.
 */
import { cpSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, MarkupContent } from 'vscode-languageserver-protocol/node';
import { clientCapabilities, LspClient, uriOf } from './support/lsp-client.js';
import { DRIFTED_PAIR, posting, tempDir, write } from './support/temp-site.js';
import { FIXTURES } from './support/harness.js';

/** A diagnostic's message as text (the protocol's types allow Markdown content too; this server sends text). */
const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

/** A failure guard for the whole test (each wait has its own), not a timed assertion. */
const LONG = 120_000;

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));
const find = (ds: Diagnostic[], code: string) => ds.find((d) => d.code === code);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

/** A small bilingual site: an English posting without its French partner, and a complete pair. */
function site(): { root: string; dev: string; devFr: string } {
  const root = tempDir('lsp');
  write(root, 'content/en/jobs/analyst.md', posting({ title: 'Analyst', key: 'analyst' }));
  write(root, 'content/fr/emplois/analyste.md', posting({ title: 'Analyste', key: 'analyst' }));
  write(root, 'content/en/jobs/_index.md', '---\ntitle: Jobs\n---\n\nHey guys, see http://www.canada.ca/en.html\n');
  const dev = join(root, 'content/en/jobs/developer.md');
  const devFr = join(root, 'content/fr/emplois/developpeur.md');
  return { root, dev, devFr };
}

const DEV_BODY = [
  'We are looking for guys who like clean code.',
  '',
  'Read [the guide](http://www.canada.ca/en/guide.html) first.',
  '',
  '- Write documentation',
  '- Work with designers and other guys',
].join('\n');

describe('postings lsp over stdio', () => {
  let client: LspClient | undefined;
  const roots: string[] = [];
  afterEach(() => {
    client?.kill();
    client = undefined;
  });
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
  const newSite = () => {
    const made = site();
    roots.push(made.root);
    return made;
  };
  /**
   * A copy of fixtures/hugo-site whose English developer posting ends with `extra`; `own`
   * moves its content or layouts to folders of other names (its configuration says where).
   */
  const hugoCopy = (name: string, extra: string, own: { content?: string; layouts?: string } = {}) => {
    const root = tempDir(name);
    roots.push(root);
    cpSync(join(FIXTURES, 'hugo-site'), root, { recursive: true });
    const content = own.content ?? 'content';
    const config = join(root, 'hugo.toml');
    if (own.content) {
      renameSync(join(root, 'content'), join(root, own.content));
      writeFileSync(config, readFileSync(config, 'utf8').replaceAll('"content/', `"${own.content}/`));
    }
    if (own.layouts) {
      renameSync(join(root, 'layouts'), join(root, own.layouts));
      writeFileSync(config, `layoutDir = "${own.layouts}"\n${readFileSync(config, 'utf8')}`);
    }
    const dev = join(root, content, 'en/careers/positions/developer.md');
    writeFileSync(dev, readFileSync(dev, 'utf8') + extra);
    return { root, dev, fr: join(root, content, 'fr/careers/positions/developpeur.md') };
  };
  /** The glob patterns the server asked the client to watch. */
  const watchedGlobs = () =>
    client!.registrations.flatMap((r) => (r.registerOptions as { watchers?: Array<{ globPattern: unknown }> }).watchers ?? []).map((w) => w.globPattern);
  /** pairing/values findings that the French page lacks the accommodation link. */
  const missingAccommodation = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'pairing/values' && messageOf(d).includes('assessment-accomm'));
  /**
   * Open the English posting: its French partner's layout prints the accommodation link, so
   * nothing is missing, and the server watches `globs` (with the others). Then that layout, on
   * disk, no longer prints the link: the posting's next diagnostics say the French page lacks it.
   */
  const layoutEditIsSeen = async (dev: string, layout: string, globs: unknown[]) => {
    client!.open(dev, readFileSync(dev, 'utf8'));
    const first = await client!.diagnostics(dev);
    expect(missingAccommodation(first.diagnostics)).toEqual([]);
    expect(watchedGlobs()).toEqual(expect.arrayContaining(globs));
    writeFileSync(layout, readFileSync(layout, 'utf8').replace(/<p><a href="https:\/\/www\.canada\.ca\/en\/public-service-commission[^\n]*\n/, ''));
    client!.filesChanged([{ file: layout, type: 2 }]);
    const second = await client!.diagnostics(dev, (p) => p !== first);
    expect(missingAccommodation(second.diagnostics)).toHaveLength(1);
  };
  const ACCOMMODATION = `\nTo request it, see [assessment accommodation](https://www.canada.ca/en/public-service-commission/services/assessment-accommodation-page.html).\n`;
  /** shutdown, exit: the server leaves with code 0. */
  const shutDown = async () => {
    expect(await client!.stop()).toBe(0);
    client = undefined;
  };

  test('diagnostics on open and after an unsaved edit; quick fix, disable, fix all and hover; clean shutdown', async () => {
    const { root, dev } = newSite();
    const text = posting({ title: 'Developer', key: 'developer', body: DEV_BODY });
    writeFileSync(dev, text);
    client = await LspClient.start(root);
    client.open(dev, text);

    // On open: rule id as code (with the entry), the rule's page, severity, data.
    let { diagnostics } = await client.diagnostics(dev);
    const guys = find(diagnostics, 'inclusive-language/terms:guys');
    expect(guys).toBeDefined();
    expect(guys!.severity).toBe(2);
    expect(guys!.source).toBe('postings');
    expect(guys!.codeDescription!.href).toMatch(/docs\/rules\/inclusive-language\/terms\.md$/);
    expect(guys!.data).toEqual({ ruleId: 'inclusive-language/terms', entryId: 'guys', fixable: false });
    expect(guys!.range.start.line).toBe(lineOf(text, 'guys'));
    const https = find(diagnostics, 'links/https')!;
    expect(https.severity).toBe(2);
    expect(codes(diagnostics)).toContain('pairing/missing-translation');

    // An unsaved edit (incremental): the first "guys" becomes "people"; diagnostics follow.
    const line = lineOf(text, 'for guys');
    const col = text.split('\n')[line]!.indexOf('guys');
    let edited = client.edit(dev, { start: { line, character: col }, end: { line, character: col + 4 } }, 'people');
    ({ diagnostics } = await client.diagnostics(dev));
    expect(edited).toContain('looking for people who');
    const guysLeft = diagnostics.filter((d) => d.code === 'inclusive-language/terms:guys');
    expect(guysLeft).toHaveLength(1);
    expect(guysLeft[0]!.range.start.line).toBe(lineOf(edited, 'other guys'));

    // The fix of links/https as a preferred quick fix, applied to the buffer.
    let actions = await client.codeActions(dev, https.range, [https]);
    const fix = actions.find((a) => a.isPreferred && a.kind === 'quickfix')!;
    expect(fix.title).toMatch(/^Fix: Use `https:\/\/`/);
    edited = client.apply(dev, fix.edit!);
    expect(edited).toContain('[the guide](https://www.canada.ca/en/guide.html)');
    ({ diagnostics } = await client.diagnostics(dev));
    expect(codes(diagnostics)).not.toContain('links/https');

    // A suggestion as a quick fix.
    const other = find(diagnostics, 'inclusive-language/terms:guys')!;
    actions = await client.codeActions(dev, other.range, [other]);
    const titles = actions.map((a) => a.title);
    expect(titles).toContain('Disable inclusive-language/terms:guys for this line');
    expect(titles).toContain('Disable inclusive-language/terms:guys in this file');
    const suggestion = actions.find((a) => /^Replace with/.test(a.title))!;
    const suggested = TextAfter(client, dev, suggestion);
    expect(suggested).not.toContain('other guys');

    // "Disable for this line" in a list item: an inline comment at the end of the line.
    const disableLine = actions.find((a) => a.title === 'Disable inclusive-language/terms:guys for this line')!;
    edited = client.apply(dev, disableLine.edit!);
    expect(edited).toContain('- Work with designers and other guys <!-- postings-disable-line inclusive-language/terms:guys -->');
    ({ diagnostics } = await client.diagnostics(dev));
    expect(codes(diagnostics)).not.toContain('inclusive-language/terms:guys');

    // Hover on a finding: the message and the rule's explanation, with its page.
    const pairing = find(diagnostics, 'pairing/missing-translation')!;
    const hover = await client.hover(dev, pairing.range.start);
    const value = (hover!.contents as MarkupContent).value;
    expect(value).toContain('pairing/missing-translation');
    expect(value).toContain('**Why**');
    expect(value).toContain('docs/rules/pairing/missing-translation.md');
    expect(await client.hover(dev, { line: 0, character: 0 })).toBeNull();

    // Fix all: the source action applies every fix, as --fix would.
    const bodyStart = edited.split('\n').length - 1;
    edited = client.edit(
      dev,
      { start: { line: bodyStart, character: 0 }, end: { line: bodyStart, character: 0 } },
      'See <http://www.canada.ca/a.html> and [B](http://www.gc.ca/b.html).\n',
    );
    ({ diagnostics } = await client.diagnostics(dev));
    expect(diagnostics.filter((d) => d.code === 'links/https')).toHaveLength(2);
    actions = await client.codeActions(dev, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.postings']);
    edited = client.apply(dev, actions[0]!.edit!);
    expect(edited).toContain('See <https://www.canada.ca/a.html> and [B](https://www.gc.ca/b.html).');
    ({ diagnostics } = await client.diagnostics(dev));
    expect(codes(diagnostics)).not.toContain('links/https');

    await shutDown();
  }, LONG);

  test('pair rules see the partner on disk and the partner’s unsaved buffer; file and configuration changes re-lint', async () => {
    const { root, dev, devFr } = newSite();
    const text = posting({ title: 'Developer', key: 'developer' });
    writeFileSync(dev, text);
    client = await LspClient.start(root);
    client.open(dev, text);
    let { diagnostics } = await client.diagnostics(dev);
    expect(codes(diagnostics)).toContain('pairing/missing-translation');

    // The French partner, opened in the editor and not saved: the English posting pairs with it.
    const missing = (p: { diagnostics: Diagnostic[] }) => codes(p.diagnostics).includes('pairing/missing-translation');
    client.open(devFr, posting({ title: 'Développeur ou développeuse', key: 'developer' }));
    ({ diagnostics } = await client.diagnostics(dev, (p) => !missing(p)));
    expect(codes(diagnostics)).not.toContain('pairing/missing-translation');

    // Its key edited away (unsaved): the English posting has no partner again.
    const keyLine = lineOf(client.text(devFr), 'translationKey');
    client.edit(devFr, { start: { line: keyLine, character: 16 }, end: { line: keyLine, character: 25 } }, 'other');
    await client.diagnostics(dev, missing);

    // Closed without saving: the disk has no partner either.
    client.close(devFr);
    await client.diagnostics(devFr, (p) => p.diagnostics.length === 0);

    // The partner saved on disk by another tool: a watched-file change re-lints.
    writeFileSync(devFr, posting({ title: 'Développeur ou développeuse', key: 'developer' }));
    client.filesChanged([{ file: devFr, type: 1 }]);
    await client.diagnostics(dev, (p) => !missing(p));
    unlinkSync(devFr);
    client.filesChanged([{ file: devFr, type: 3 }]);
    await client.diagnostics(dev, missing);

    // A configuration file that turns the rule off: re-linted without it.
    const config = write(root, 'postings.config.json', JSON.stringify({ rules: { 'pairing/missing-translation': 'off' } }));
    client.filesChanged([{ file: config, type: 1 }]);
    await client.diagnostics(dev, (p) => !missing(p));

    // A broken configuration is one diagnostic, and the server lives on.
    writeFileSync(config, '{ "rules": ');
    client.filesChanged([{ file: config, type: 2 }]);
    ({ diagnostics } = await client.diagnostics(dev, (p) => p.diagnostics.some((d) => d.code === 'config')));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toContain('postings.config.json');

    expect(client.registrations.map((r) => r.method)).toContain('workspace/didChangeWatchedFiles');
    await shutDown();
  }, LONG);

  test('the front matter schema of the configuration is watched: its changes re-lint', async () => {
    const { root, dev } = newSite();
    const schema = write(root, 'schema.json', JSON.stringify({ type: 'object' }));
    write(root, 'postings.config.json', JSON.stringify({ schema: 'schema.json' }));
    const text = posting({ key: 'developer' });
    client = await LspClient.start(root);
    client.open(dev, text);
    const schemaFindings = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.filter((d) => d.code === 'frontmatter/schema').length;
    expect(schemaFindings(await client.diagnostics(dev))).toBe(0);
    expect(watchedGlobs()).toContainEqual(expect.objectContaining({ pattern: 'schema.json' }));
    writeFileSync(schema, JSON.stringify({ type: 'object', required: ['team'] }));
    client.filesChanged([{ file: schema, type: 2 }]);
    await client.diagnostics(dev, (p) => schemaFindings(p) === 1);
    await shutDown();
  }, LONG);

  test('only postings: a section page, an ignored file and a file outside Markdown get no diagnostics', async () => {
    const { root } = newSite();
    client = await LspClient.start(root);
    const section = join(root, 'content/en/jobs/_index.md');
    client.open(section, 'Hey guys, see http://www.canada.ca/en.html\n');
    expect((await client.diagnostics(section)).diagnostics).toEqual([]);
    const notes = join(root, 'notes.txt');
    client.open(notes, 'Hey guys\n');
    expect((await client.diagnostics(notes)).diagnostics).toEqual([]);
    // Left out by `ignore`, as `postings lint` leaves it out; the posting next to it is linted.
    write(root, 'postings.config.json', JSON.stringify({ ignore: ['content/en/drafts/**'] }));
    const draft = join(root, 'content/en/drafts/idea.md');
    client.open(draft, posting({ key: 'idea', body: 'Hey guys.' }));
    expect((await client.diagnostics(draft)).diagnostics).toEqual([]);
    const real = join(root, 'content/en/jobs/idea.md');
    client.open(real, posting({ key: 'idea', body: 'Hey guys.' }));
    expect(codes((await client.diagnostics(real)).diagnostics)).toContain('inclusive-language/terms:guys');
    await shutDown();
  }, LONG);

  test('in a Hugo site: the postings the site names get what `postings lint` reports; its other pages get nothing', async () => {
    const root = join(FIXTURES, 'hugo-site');
    const expected = (JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as { files: Record<string, string[]> }).files;
    client = await LspClient.start(root);
    const postings = Object.keys(expected).filter((f) => f.endsWith('.md'));
    expect(postings.length).toBeGreaterThan(4);
    for (const rel of postings) {
      const file = join(root, rel);
      client.open(file, readFileSync(file, 'utf8'));
      const { diagnostics } = await client.diagnostics(file);
      const got = diagnostics.map((d) => `${(d.data as { ruleId: string }).ruleId}:${d.range.start.line + 1}:${d.range.start.character + 1}`);
      expect({ rel, got: got.sort() }).toEqual({ rel, got: [...expected[rel]!].sort() });
    }
    // A blog page of the same site is not a posting (same words as a posting would be flagged for).
    const blog = join(root, 'content/en/blog/2020-02-24-open-source.md');
    client.open(blog, readFileSync(blog, 'utf8') + '\nHey guys, see <http://www.canada.ca/en.html>.\n');
    expect((await client.diagnostics(blog)).diagnostics).toEqual([]);
    await shutDown();
  }, LONG);

  test("in a Hugo site: a posting opened alone counts what its partner's layout prints on the partner's page", async () => {
    // job-posting.fr.html prints the accommodation link on the French page: the French page has it.
    const { root, dev } = hugoCopy('lsp-hugo-partner-layout', ACCOMMODATION);
    client = await LspClient.start(root);
    client.open(dev, readFileSync(dev, 'utf8'));
    const values = (await client.diagnostics(dev)).diagnostics.filter((d) => d.code === 'pairing/values');
    // Only the fixture's own mistyped link, as `postings lint` of the whole site reports.
    const expected = (JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as { files: Record<string, string[]> }).files;
    expect(values.map((d) => `pairing/values:${d.range.start.line + 1}:${d.range.start.character + 1}`)).toEqual(
      expected['content/en/careers/positions/developer.md']!.filter((f) => f.startsWith('pairing/values')),
    );
    expect(values.some((d) => messageOf(d).includes('assessment-accomm'))).toBe(false);
    await shutDown();
  }, LONG);

  test("in a Hugo site: a partner's layout changed on disk (not in the editor) is read again", async () => {
    const { root, dev, fr } = hugoCopy('lsp-hugo-partner-layout-change', ACCOMMODATION);
    // A layout no posting uses yet, that prints the accommodation link as job-posting.fr.html does.
    cpSync(join(root, 'layouts/section/job-posting.fr.html'), join(root, 'layouts/section/special.html'));
    writeFileSync(fr, readFileSync(fr, 'utf8').replace('layout: job-posting', 'layout: plain-posting'));
    client = await LspClient.start(root);
    client.open(dev, readFileSync(dev, 'utf8'));
    // plain-posting prints no such link: the French page lacks it.
    const first = await client.diagnostics(dev);
    expect(missingAccommodation(first.diagnostics)).toHaveLength(1);
    // A checkout gives the French posting the layout that prints it.
    writeFileSync(fr, readFileSync(fr, 'utf8').replace('layout: plain-posting', 'layout: special'));
    client.filesChanged([{ file: fr, type: 2 }]);
    const second = await client.diagnostics(dev, (p) => p !== first);
    expect(missingAccommodation(second.diagnostics)).toEqual([]);
    await shutDown();
  }, LONG);

  test("in a Hugo site: an HTML page's URL changed on disk is watched, and the link to it is found", async () => {
    const { root, dev } = hugoCopy('lsp-hugo-html-page', '\nRead [about us](/about-us/) first.\n');
    client = await LspClient.start(root);
    client.open(dev, readFileSync(dev, 'utf8'));
    const toAboutUs = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'links/internal' && messageOf(d).includes('/about-us/'));
    const first = await client.diagnostics(dev);
    expect(toAboutUs(first.diagnostics)).toHaveLength(1);
    // The server asks the editor to watch the site's HTML pages too.
    expect(watchedGlobs()).toContain('**/content/**/*.{markdown,html,htm}');
    // content/en/about.html now says it is served at /about-us/.
    const about = join(root, 'content/en/about.html');
    const text = readFileSync(about, 'utf8');
    writeFileSync(about, text.startsWith('---\n') ? text.replace('---\n', '---\nurl: /about-us/\n') : `---\nurl: /about-us/\n---\n${text}`);
    client.filesChanged([{ file: about, type: 2 }]);
    const second = await client.diagnostics(dev, (p) => p !== first);
    expect(toAboutUs(second.diagnostics)).toEqual([]);
    await shutDown();
  }, LONG);

  test('in a Hugo site with its own content and layout folders: both are watched, and a layout changed on disk is read again', async () => {
    // The site keeps its pages in pages/ and its layouts in templates/ (contentDir, layoutDir):
    // the watchers registered at start (content/, layouts/) miss both.
    const { root, dev } = hugoCopy('lsp-hugo-own-folders', ACCOMMODATION, { content: 'pages', layouts: 'templates' });
    client = await LspClient.start(root);
    const folder = (dir: string) => pathToFileURL(join(root, dir)).href;
    // job-posting.fr.html prints the accommodation link on the French page, until it no longer does.
    await layoutEditIsSeen(dev, join(root, 'templates/section/job-posting.fr.html'), [
      { baseUri: folder('pages/en'), pattern: '**/*.{markdown,html,htm}' },
      { baseUri: folder('pages/fr'), pattern: '**/*.{markdown,html,htm}' },
      { baseUri: folder('templates'), pattern: '**/*' },
    ]);
    // The theme's layouts are under a folder named layouts, which the start's watchers cover.
    expect(watchedGlobs()).not.toContainEqual(expect.objectContaining({ baseUri: folder('themes/jobs/layouts') }));
    await shutDown();
  }, LONG);

  test('a client without relative patterns gets globs on the folders’ names', async () => {
    const { root, dev } = hugoCopy('lsp-hugo-own-folders-globs', '', { layouts: 'templates' });
    const capabilities = clientCapabilities();
    capabilities.workspace!.didChangeWatchedFiles = { dynamicRegistration: true };
    client = await LspClient.start(root, { capabilities });
    client.open(dev, readFileSync(dev, 'utf8'));
    await client.diagnostics(dev);
    expect(watchedGlobs()).toContain('**/templates/**/*');
    expect(watchedGlobs().every((g) => typeof g === 'string')).toBe(true);
    await shutDown();
  }, LONG);

  test('a workspace opened on the site’s content folder: the site’s layouts and configuration above it are watched', async () => {
    const { root, dev } = hugoCopy('lsp-hugo-content-workspace', ACCOMMODATION);
    const content = join(root, 'content');
    client = await LspClient.start(content, { rootUri: uriOf(content), workspaceFolders: [{ uri: uriOf(content), name: 'content' }] });
    const folder = (dir: string) => pathToFileURL(join(root, dir)).href;
    await layoutEditIsSeen(dev, join(root, 'layouts/section/job-posting.fr.html'), [
      { baseUri: folder('layouts'), pattern: '**/*' },
      { baseUri: folder('themes/jobs/layouts'), pattern: '**/*' },
      { baseUri: pathToFileURL(root).href, pattern: '{hugo,config}.{toml,yaml,yml,json}' },
      // In a workspace rooted at content/, the start's pattern on folders named content does not reach them.
      { baseUri: folder('content/en'), pattern: '**/*.{markdown,html,htm}' },
    ]);
    await shutDown();
  }, LONG);

  test('edits are debounced: twenty quick edits are linted once (counted, not timed)', async () => {
    const { root, dev } = newSite();
    const text = posting({ key: 'developer', body: 'Hello guys.' });
    // A debounce far longer than the test: only a request for the current text lints it.
    client = await LspClient.start(root, { initializationOptions: { debounce: 600_000 } });
    client.open(dev, text);
    await client.diagnostics(dev);
    const end = { line: text.split('\n').length - 1, character: 0 };
    for (let i = 0; i < 20; i++) client.edit(dev, { start: end, end }, `Line ${i} with guys.\n`);
    const actions = await client.codeActions(dev, { start: { line: 0, character: 0 }, end: end });
    expect(actions.length).toBeGreaterThan(0);
    const { diagnostics, version } = await client.diagnostics(dev);
    expect(version).toBe(21);
    expect(diagnostics.filter((d) => d.code === 'inclusive-language/terms:guys')).toHaveLength(21);
    expect(client.published.filter((p) => p.uri.endsWith('/developer.md')).map((p) => p.version)).toEqual([1, 21]);
    await shutDown();
  }, LONG);

  test('pair findings carry the partner’s place as relatedInformation when the client supports it, in both languages', async () => {
    const { root, dev, devFr } = newSite();
    const en = posting({ title: 'Developer', key: 'developer', body: DRIFTED_PAIR.en });
    const fr = posting({ title: 'Développeur', key: 'developer', body: DRIFTED_PAIR.fr });
    writeFileSync(dev, en);
    writeFileSync(devFr, fr);
    const enLine = (needle: string) => lineOf(en, needle);
    for (const [locale, related, partner] of [
      ['en', 'What the English posting has here', 'In the English posting'],
      ['fr', 'Ce que l’offre anglaise a ici', 'Dans l’offre anglaise'],
    ] as const) {
      client = await LspClient.start(root, { capabilities: LspClient.capabilities({ relatedInformation: true }), initializationOptions: { locale } });
      client.open(devFr, fr);
      const { diagnostics } = await client.diagnostics(devFr, (p) => p.diagnostics.some((d) => d.code === 'pairing/structure'));
      const items = find(diagnostics, 'pairing/structure')!;
      expect(items.relatedInformation).toEqual([
        {
          location: {
            uri: uriOf(dev),
            range: { start: { line: enLine('- Write automated'), character: 0 }, end: { line: enLine('- Document') + 1, character: 0 } },
          },
          message: related,
        },
      ]);
      const amount = find(diagnostics, 'pairing/values')!;
      expect(amount.relatedInformation).toEqual([
        {
          location: { uri: uriOf(dev), range: { start: { line: enLine('$80,000'), character: 0 }, end: { line: enLine('$80,000') + 1, character: 0 } } },
          message: partner,
        },
      ]);
      // Findings about this posting alone carry none.
      expect(diagnostics.filter((d) => !String(d.code).startsWith('pairing/')).every((d) => d.relatedInformation === undefined)).toBe(true);
      await shutDown();
    }
    // A client that does not say it shows related information gets none.
    client = await LspClient.start(root);
    client.open(devFr, fr);
    const { diagnostics } = await client.diagnostics(devFr, (p) => p.diagnostics.some((d) => d.code === 'pairing/structure'));
    expect(diagnostics.every((d) => d.relatedInformation === undefined)).toBe(true);
    await shutDown();
  }, LONG);

  test('French: messages, links to the French pages, hover and action titles in French', async () => {
    const { root, dev } = newSite();
    const fr = join(root, 'content/fr/emplois/analyste.md');
    const text = posting({ title: 'Analyste', key: 'analyst', body: 'Les candidats travailleront avec des développeurs.' });
    client = await LspClient.start(root, { initializationOptions: { locale: 'fr' } });
    client.open(fr, text);
    const { diagnostics } = await client.diagnostics(fr);
    const d = diagnostics.find((x) => String(x.code).startsWith('inclusive-language/terms:'))!;
    expect(d.codeDescription!.href).toMatch(/terms\.fr\.md$/);
    const hover = await client.hover(fr, d.range.start);
    expect((hover!.contents as MarkupContent).value).toContain('**Pourquoi**');
    const actions = await client.codeActions(fr, d.range, [d]);
    expect(actions.map((a) => a.title)).toContain(`Désactiver ${String(d.code)} pour cette ligne`);
    // "Disable for this line" on the first line of a paragraph: a comment line above it.
    const disable = actions.find((a) => a.title === `Désactiver ${String(d.code)} pour cette ligne`)!;
    const after = client.apply(fr, disable.edit!);
    expect(after).toContain(`<!-- postings-disable-next-line ${String(d.code)} -->\nLes candidats`);
    void dev;
    await shutDown();
  }, LONG);

  test('the locale from the workspace settings, then the editor’s', async () => {
    const { root, dev } = newSite();
    writeFileSync(dev, posting({ key: 'developer' }));
    client = await LspClient.start(root, { locale: 'fr-CA' });
    client.open(dev, posting({ key: 'developer' }));
    let { diagnostics } = await client.diagnostics(dev);
    expect(find(diagnostics, 'pairing/missing-translation')!.message).toMatch(/^Aucune offre/);
    client.settings = { locale: 'en' };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    ({ diagnostics } = await client.diagnostics(dev, (p) => /^No /.test(String(find(p.diagnostics, 'pairing/missing-translation')?.message ?? ''))));
    expect(find(diagnostics, 'pairing/missing-translation')!.codeDescription!.href).toMatch(/missing-translation\.md$/);
    await shutDown();
  }, LONG);

  test('a bad buffer never kills the server; front matter findings are disabled with a YAML comment', async () => {
    const { root } = newSite();
    client = await LspClient.start(root);
    const bad = join(root, 'content/en/jobs/bad.md');
    const hostile = '---\ntitle: [unclosed\narchived: "maybe"\n\u0000\uFFFE\n---\n' + '> '.repeat(5000) + 'deep\n' + '\uD800 lone surrogate\n';
    client.open(bad, hostile);
    let { diagnostics } = await client.diagnostics(bad);
    expect(diagnostics.length).toBeGreaterThan(0);
    // Still answering: a valid posting with a bad front matter value.
    const fm = join(root, 'content/en/jobs/fm.md');
    client.open(fm, posting({ key: 'analyst', archived: 'maybe' }));
    ({ diagnostics } = await client.diagnostics(fm));
    const schema = find(diagnostics, 'frontmatter/schema')!;
    expect(schema.severity).toBe(1);
    const actions = await client.codeActions(fm, schema.range, [schema]);
    const line = actions.find((a: CodeAction) => a.title === 'Disable frontmatter/schema for this line')!;
    const after = client.apply(fm, line.edit!);
    expect(after).toContain('# postings-disable-next-line frontmatter/schema\narchived: maybe');
    ({ diagnostics } = await client.diagnostics(fm));
    expect(codes(diagnostics)).not.toContain('frontmatter/schema');
    await shutDown();
  }, LONG);
});

/** The text a code action would give, without sending it. */
function TextAfter(client: LspClient, file: string, action: CodeAction): string {
  const edits = Object.values(action.edit!.changes!)[0]!;
  const text = client.text(file);
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}
