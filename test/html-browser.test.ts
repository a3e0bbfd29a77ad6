/// <reference lib="dom" />
/**
 * The HTML report in a real browser: Debian's `chromium` (installed by .ci/run) driven by
 * playwright-core, which never downloads a browser. A fixture site with findings, plus a
 * posting whose file name, title and body are hostile, is linted by the real CLI; the page
 * is opened from file://, then counted, filtered, searched, used from the keyboard, checked
 * with axe-core (WCAG 2.1 A and AA) at desktop width, at 200% zoom and at 320px, and
 * screenshots are kept in test-artifacts/.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { FIXTURES, ROOT, runCli } from './support/harness.js';
import { posting, tempDir, write } from './support/temp-site.js';

import { jest } from '@jest/globals';

jest.setTimeout(180_000);

const CHROMIUM = process.env.POSTINGS_CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const HOSTILE_NAME = '<img src=x onerror=alert(1)>.md';
const HOSTILE_TITLE = '</script><script>alert(2)</script>';

let site: string;
let context: BrowserContext;
let userDataDir: string;
/** Everything the page must never do: dialogs, console errors or warnings, network. */
const incidents: string[] = [];

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; severity: number }>;
}
let json: JsonResult[];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the HTML report's browser test needs Debian's chromium package ` +
        '(apt-get install chromium; .ci/run installs it), or POSTINGS_CHROMIUM pointing at a Chromium binary.',
    );
  }
  site = tempDir('html');
  cpSync(join(FIXTURES, 'html-report'), site, { recursive: true });
  write(
    site,
    join('content', 'en', 'careers', 'positions', HOSTILE_NAME),
    posting({
      title: JSON.stringify(HOSTILE_TITLE),
      key: 'hostile',
      archived: 'false',
      body: 'Body with <img src=x onerror=alert(3)> and </script><script>alert(4)</script> in it.',
    }),
  );
  for (const locale of ['en', 'fr']) {
    const r = runCli(['lint', 'content', '--format', 'html', '-o', `report-${locale}.html`, '--locale', locale], { cwd: site });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  }
  json = JSON.parse(runCli(['lint', 'content', '--format', 'json'], { cwd: site }).stdout) as JsonResult[];
  userDataDir = mkdtempSync(join(tmpdir(), 'postings-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function open(locale: 'en' | 'fr' = 'en', fragment = ''): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') incidents.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => incidents.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    incidents.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) incidents.push(`request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(join(site, `report-${locale}.html`)).href + fragment);
  return page;
}

const total = () => json.reduce((n, r) => n + r.messages.length, 0);
const count = (pred: (m: JsonResult['messages'][number], r: JsonResult) => boolean) =>
  json.reduce((n, r) => n + r.messages.filter((m) => pred(m, r)).length, 0);
const visible = (page: Page) => page.locator('li.finding:visible').count();

async function axe(page: Page): Promise<string[]> {
  // Through the DevTools protocol, not a <script> tag: the page's CSP would (rightly) refuse one.
  await page.evaluate(AXE);
  // Postings far from the screen skip their layout (content-visibility: auto), and axe would
  // leave their colours unchecked: lay them all out for the check.
  await page.evaluate(() => document.querySelectorAll<HTMLElement>('.posting').forEach((p) => (p.style.contentVisibility = 'visible')));
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } };
    return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

test('the fixture site has findings of both severities in both languages', () => {
  expect(json).toHaveLength(4);
  expect(count((m) => m.severity === 2)).toBeGreaterThanOrEqual(2);
  expect(count((m) => m.severity === 1)).toBeGreaterThanOrEqual(2);
  expect(count((_, r) => r.filePath.includes('/fr/'))).toBeGreaterThan(0);
});

test('the counts in the page are those of the linter', async () => {
  const page = await open();
  const stat = (n: number) => page.locator('.stats dd').nth(n).textContent();
  expect(await stat(0)).toBe('4');
  expect(await stat(2)).toBe(String(count((m) => m.severity === 2)));
  expect(await stat(3)).toBe(String(count((m) => m.severity === 1)));
  expect(await page.locator('li.finding').count()).toBe(total());
  expect(await visible(page)).toBe(total());
  expect(await page.locator('#filter-status').textContent()).toBe(`Problems shown: ${total()} of ${total()}. Files: 4.`);
  // Each posting holds exactly its own findings.
  for (const r of json) {
    const path = r.filePath.slice(site.length + 1);
    expect(await page.locator(`article.posting[data-path="${path.replace(/"/g, '\\"')}"] li.finding`).count()).toBe(r.messages.length);
  }
  await page.screenshot({ path: join(ARTIFACTS, 'html-report-desktop.png'), fullPage: true });
  await page.close();
});

test('hostile file names, titles and bodies show as text and nothing of them runs', async () => {
  const page = await open();
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('script').count()).toBe(1);
  const article = page.locator('article.posting', { has: page.locator('h3', { hasText: HOSTILE_TITLE }) });
  expect(await article.count()).toBe(1);
  expect(await article.locator('dd code').first().textContent()).toBe(`content/en/careers/positions/${HOSTILE_NAME}`);
  expect(await page.locator('body').textContent()).toContain(HOSTILE_TITLE);
  // The filters still work: the script was not broken out of.
  await page.fill('#f-q', 'alert(2)');
  expect(await page.locator('article.posting:visible').count()).toBe(1);
  await page.close();
  expect(incidents.filter((i) => i.startsWith('dialog'))).toEqual([]);
});

test('filters by severity, rule, language and posting, and a search; the state is in the fragment', async () => {
  const page = await open();
  await page.uncheck('input[name=severity][value=warning]');
  expect(await visible(page)).toBe(count((m) => m.severity === 2));
  expect(new URL(page.url()).hash).toBe('#severity=error');
  await page.check('input[name=severity][value=warning]');

  await page.selectOption('#f-rule', 'inclusive-language/terms');
  expect(await visible(page)).toBe(count((m) => m.ruleId === 'inclusive-language/terms'));
  await page.selectOption('#f-rule', '');

  await page.selectOption('#f-lang', 'fr');
  expect(await visible(page)).toBe(count((_, r) => r.filePath.includes('/fr/')));
  expect(await page.locator('article.posting:visible').count()).toBe(1);
  await page.selectOption('#f-lang', '');

  await page.selectOption('#f-posting', 'content/en/careers/positions/designer.md');
  expect(await visible(page)).toBe(count((_, r) => r.filePath.endsWith('designer.md')));
  await page.selectOption('#f-posting', '');

  await page.fill('#f-q', 'GUYS');
  expect(await visible(page)).toBe(1);
  expect(await page.locator('#filter-status').textContent()).toBe(`Problems shown: 1 of ${total()}. Files: 1.`);
  const url = page.url();
  expect(new URL(url).hash).toBe('#q=GUYS');
  await page.close();

  // The shared address opens the same view.
  const shared = await open('en', '#severity=warning&lang=en&q=guys');
  expect(await shared.inputValue('#f-q')).toBe('guys');
  expect(await shared.isChecked('input[name=severity][value=error]')).toBe(false);
  expect(await shared.inputValue('#f-lang')).toBe('en');
  expect(await visible(shared)).toBe(1);
  // A link to a part of the page (no `=`) leaves the filters alone.
  await shared.focus('a.skip');
  await shared.keyboard.press('Enter');
  // The key press resolves before the browser has followed the link (a busy machine showed it).
  await shared.waitForURL((url) => url.hash === '#postings');
  expect(new URL(shared.url()).hash).toBe('#postings');
  expect(await visible(shared)).toBe(1);
  await shared.click('#f-reset');
  expect(await visible(shared)).toBe(total());
  expect(new URL(shared.url()).hash).toBe('');
  await shared.close();
});

test('a rule of the summary shows its problems in one step', async () => {
  const page = await open();
  const link = page.locator('#by-rule-h + .scroll a.show', { hasText: 'inclusive-language/terms' });
  await link.focus();
  await page.keyboard.press('Enter');
  expect(await visible(page)).toBe(count((m) => m.ruleId === 'inclusive-language/terms'));
  expect(await page.inputValue('#f-rule')).toBe('inclusive-language/terms');
  expect(new URL(page.url()).hash).toBe('#rule=inclusive-language%2Fterms');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-status');
  await page.close();
});

test('keyboard: skip link first, then every control in order, filtering as one types', async () => {
  const page = await open();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
  const order: string[] = [];
  for (let i = 0; i < 40 && !order.includes('f-reset'); i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el ? el.id || (el.name === 'severity' ? `severity-${el.value}` : el.tagName.toLowerCase()) : '';
    });
    order.push(id);
  }
  const controls = order.filter((id) => id.startsWith('f-') || id.startsWith('severity-'));
  expect(controls).toEqual(['severity-error', 'severity-warning', 'f-rule', 'f-lang', 'f-posting', 'f-q', 'f-reset']);
  // Back to the search box, type, and the list follows.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('guys');
  expect(await visible(page)).toBe(1);
  // Space toggles a severity box.
  await page.focus('input[name=severity][value=warning]');
  await page.keyboard.press('Space');
  expect(await visible(page)).toBe(0);
  // A visible focus indicator.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
  await page.close();
});

test('without JavaScript every finding is in the page and the filters, which would do nothing, are hidden', async () => {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await page.goto(pathToFileURL(join(site, 'report-en.html')).href);
  expect(await visible(page)).toBe(total());
  expect(await page.locator('#filter-section').isVisible()).toBe(false);
  await page.close();
});

test.each([
  ['desktop', 1280, 'en'],
  ['200% zoom', 640, 'en'],
  ['phone', 320, 'en'],
  ['desktop, French', 1280, 'fr'],
  ['phone, French', 320, 'fr'],
] as const)('axe-core finds no WCAG 2.1 AA violation (%s), and nothing overflows sideways', async (name, width, locale) => {
  const page = await open(locale);
  await page.setViewportSize({ width, height: 900 });
  expect(await axe(page)).toEqual([]);
  // Reflow: the page never scrolls sideways (a wide table scrolls in its own box).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  if (width === 320) await page.screenshot({ path: join(ARTIFACTS, `html-report-phone-${locale}.png`), fullPage: true });
  await page.close();
  void name;
});

test('the axe check can fail: a control without its label and faint text are reported', async () => {
  const page = await open();
  await page.evaluate(() => {
    document.querySelector('label[for=f-q]')!.remove();
    (document.querySelector('.msg') as HTMLElement).style.color = '#c8c8c8';
  });
  const ids = (await axe(page)).map((v) => v.split(':')[0]);
  expect(ids).toEqual(expect.arrayContaining(['label', 'color-contrast']));
  await page.close();
});

test('a pair finding shows the partner’s lines beside its own (under them on a phone), and links to the partner', async () => {
  const page = await open();
  const fr = page.locator('article.posting[data-path="content/fr/careers/positions/developpeur.md"]');
  const item = fr.locator('li.finding[data-rule="pairing/structure"]');
  const [own, partner] = [item.locator('.side').first(), item.locator('.side.partner')];
  expect(await partner.locator('pre[lang="en"]').textContent()).toMatch(/our principles/);
  const box = async () => [(await own.boundingBox())!, (await partner.boundingBox())!] as const;
  let [a, b] = await box();
  expect(Math.abs(a.y - b.y)).toBeLessThan(1);
  expect(b.x).toBeGreaterThan(a.x + a.width - 1);
  await page.setViewportSize({ width: 320, height: 900 });
  [a, b] = await box();
  expect(b.y).toBeGreaterThanOrEqual(a.y + a.height - 1);
  // The partner's place is a link to its section of the report, from the keyboard.
  const link = partner.locator('a');
  expect(await link.textContent()).toMatch(/^content\/en\/careers\/positions\/developer\.md:\d+/);
  await link.focus();
  await page.keyboard.press('Enter');
  const target = new URL(page.url()).hash.slice(1);
  expect(await page.locator(`#${target}`).getAttribute('data-path')).toBe('content/en/careers/positions/developer.md');
  await page.close();
  // Without JavaScript, the same.
  const plain = await context.newPage();
  const cdp = await context.newCDPSession(plain);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await plain.goto(pathToFileURL(join(site, 'report-fr.html')).href);
  const side = plain.locator('article.posting[data-path="content/fr/careers/positions/developpeur.md"] li.finding[data-rule="pairing/structure"] .side.partner');
  expect(await side.isVisible()).toBe(true);
  expect(await side.locator('.side-title').textContent()).toMatch(/^Ce que l’offre anglaise a ici — content\/en\/careers\/positions\/developer\.md:\d+/);
  await plain.close();
});

test('the French page: lang attribute and labels', async () => {
  const page = await open('fr');
  expect(await page.getAttribute('html', 'lang')).toBe('fr');
  expect(await page.locator('h1').textContent()).toBe('Rapport sur les offres d’emploi');
  expect(await page.locator('#filter-status').textContent()).toBe(`Problèmes affichés\u00a0: ${total()} sur ${total()}. Fichiers\u00a0: 4.`);
  await page.close();
});

test('no console error or warning, no dialog, no network request in any of the above', () => {
  expect(incidents).toEqual([]);
});
