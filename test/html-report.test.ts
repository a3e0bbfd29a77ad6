/**
 * The HTML reporter as a pure function: what the page says, in both languages, and that no
 * text from a posting (title, message, source line, fix, file name) can become markup or
 * script. The browser test (html-browser.test.ts) opens the page for real.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResult, Finding } from '../src/types.js';
import type { ReportContext, ReportPosting } from '../src/reporters/types.js';
import html from '../src/reporters/html/index.js';
import { FIXTURES, rules, runCli } from './support/harness.js';
import { posting, tempDir, write } from './support/temp-site.js';

const cwd = '/site';
const HOSTILE_TITLE = '<img src=x onerror=alert(1)> </script><script>alert(2)</script>';
const HOSTILE_PATH = join(cwd, 'content', 'en', '<img src=x onerror=alert(3)> "q" & \'a\'.md');
const SOURCE = [
  '---',
  `title: "${HOSTILE_TITLE}"`,
  'translationKey: dev',
  '---',
  '',
  'Join the guys <script>alert(4)</script> at http://open.canada.ca today.',
  '',
].join('\n');
const lineOf6 = SOURCE.indexOf('Join');

function finding(over: Partial<Finding>): Finding {
  return { ruleId: 'frontmatter/schema', severity: 'error', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 1, ...over };
}

const guys = SOURCE.indexOf('guys');
const http = SOURCE.indexOf('http:');
const results: FileResult[] = [
  {
    filePath: HOSTILE_PATH,
    source: SOURCE,
    findings: [
      finding({ message: `\`title\` contains an HTML tag: ${HOSTILE_TITLE}`, line: 2, column: 9, endLine: 2, endColumn: 9 + HOSTILE_TITLE.length }),
      finding({
        ruleId: 'inclusive-language/terms',
        severity: 'warning',
        message: '“guys” addresses men only',
        line: 6,
        column: guys - lineOf6 + 1,
        endLine: 6,
        endColumn: guys - lineOf6 + 5,
        suggestions: [{ desc: 'Replace with “everyone” <b>', fix: { range: [guys, guys + 4], text: 'everyone<i>' } }],
      }),
      finding({
        ruleId: 'links/https',
        severity: 'warning',
        message: 'Use `https://`',
        line: 6,
        column: http - lineOf6 + 1,
        endLine: 6,
        endColumn: http - lineOf6 + 5,
        fix: { range: [http, http + 4], text: 'https' },
      }),
    ],
  },
  { filePath: join(cwd, 'content', 'fr', 'dev.md'), source: '---\ntitle: Dév\n---\n', findings: [] },
  { filePath: join(cwd, 'content', 'fr', 'seul.md'), source: '---\ntitle: Seul\n---\n', findings: [finding({ ruleId: 'pairing/missing-translation' })] },
];
const postings: ReportPosting[] = [
  { filePath: HOSTILE_PATH, lang: 'en', title: HOSTILE_TITLE, key: 'dev', partners: [join(cwd, 'content', 'fr', 'dev.md')] },
  { filePath: join(cwd, 'content', 'fr', 'dev.md'), lang: 'fr', title: 'Dév', key: 'dev', partners: [HOSTILE_PATH] },
  { filePath: join(cwd, 'content', 'fr', 'seul.md'), lang: 'fr', title: 'Seul', key: 'seul', partners: [] },
];
const ctx = (locale: 'en' | 'fr'): ReportContext => ({ cwd, locale, color: false, version: '9.9.9', rules: rules.map((r) => r.meta), postings });

describe('html reporter', () => {
  const page = html(results, ctx('en'));

  test('nothing from a posting becomes markup: one script (its own), no img, no stray tags', () => {
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page.match(/<\/script/g)).toHaveLength(1);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toMatch(/<b>|<i>/);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(3)&gt; &quot;q&quot; &amp; &#39;a&#39;.md');
    expect(page).toContain('everyone&lt;i&gt;');
  });

  test('the script holds no posting data: it is the same for any results', () => {
    const script = (p: string) => /<script>([\s\S]*?)<\/script>/.exec(p)![1];
    expect(script(page)).toBe(script(html([], { ...ctx('fr'), postings: [] })));
  });

  test('a Content-Security-Policy allows only the page’s own style and script, by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!;
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${sha(/<script>([\s\S]*?)<\/script>/.exec(page)![1]!)}`);
    expect(csp).toContain(`style-src ${sha(/<style>([\s\S]*?)<\/style>/.exec(page)![1]!)}`);
    expect(page).not.toMatch(/ style="| on[a-z]+="/);
  });

  test('a control or bidi character from a posting is shown, not obeyed', () => {
    const out = html([{ filePath: join(cwd, 'a\u202eb.md'), source: 'x\u001b[31my\n', findings: [finding({ message: 'bad \u202e text' })] }], ctx('en'));
    expect(out).not.toMatch(/[\u202e\u001b]/);
    expect(out).toContain('bad \\u202e text');
    expect(out).toContain('\u241b[31my');
  });

  test('summary counts, by rule and by language', () => {
    expect(page).toContain('<title>Job postings report: 2 errors, 2 warnings</title>');
    expect(page).toMatch(/<dt>Postings linted<\/dt><dd>3<\/dd>/);
    expect(page).toMatch(/<dt>Errors<\/dt><dd>2<\/dd>/);
    expect(page).toMatch(/<dt>Warnings<\/dt><dd>2<\/dd>/);
    expect(page).toMatch(/<dt>Fixable with --fix<\/dt><dd>1<\/dd>/);
    expect(page).toMatch(/<th scope="row">English<\/th><td class="num">1<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">2<\/td>/);
    expect(page).toMatch(/<th scope="row">French<\/th><td class="num">2<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td>/);
  });

  test('pairs side by side: a complete pair and a posting without a partner', () => {
    expect(page).toContain('<dt>Complete pairs</dt><dd>1</dd>');
    expect(page).toContain('<dt>Complete pairs with problems</dt><dd>1</dd>');
    expect(page).toContain('<dt>Postings without a partner</dt><dd>1</dd>');
    expect(page).toContain('<dt>Postings that cannot pair</dt><dd>0</dd>');
    expect(page).toContain('English version missing');
    expect(page).toMatch(/<code>dev<\/code><span class="status ok">Complete<\/span>/);
  });

  test('each finding: position, rule, message, source line with the span marked, diff, rule page', () => {
    const li = /<li class="finding warning"[^>]*data-rule="links\/https">([\s\S]*?)<\/li>/.exec(page)![1]!;
    expect(li).toContain(`Line 6, column ${http - lineOf6 + 1}`);
    expect(li).toContain('<code class="rule">links/https</code>');
    expect(li).toMatch(/<mark><span class="sr">\[highlight starts\] <\/span>http<span class="sr"> \[highlight ends\]<\/span><\/mark>/);
    expect(li).toContain('Fix (applied by --fix)');
    expect(li).toMatch(/<del>http<\/del>:\/\/open/);
    expect(li).toMatch(/<ins>https<\/ins>:\/\/open/);
    expect(li).toContain('href="https://github.com/cds-snc/postings/blob/main/docs/rules/links/https.md"');
    expect(page).toContain('Suggestion: Replace with “everyone” &lt;b&gt;');
  });

  test('the posting: title, path, language and partner', () => {
    const article = /<article class="posting" id="(p-\d)"[^>]*data-lang="en"[^>]*>([\s\S]*?)<\/article>/.exec(page)!;
    expect(article[2]).toContain('<dt>Language</dt><dd>English</dd>');
    expect(article[2]).toMatch(/<dt>Partner<\/dt><dd><a href="#p-\d"><span lang="fr">Dév<\/span><\/a>/);
    expect(article[2]).toContain('<code>content/en/&lt;img src=x onerror=alert(3)&gt;');
  });

  test('a layout template is listed on its own, not counted as a posting nor paired', () => {
    const layout = join(cwd, 'layouts', 'section', 'job-posting.en.html');
    const out = html([...results, { filePath: layout, source: '<p>{{ .Title }}</p>\n', findings: [finding({ ruleId: 'accommodation/missing' })] }], ctx('en'));
    expect(out).toMatch(/<dt>Postings linted<\/dt><dd>3<\/dd>/);
    expect(out).toMatch(/<dt>Layout templates linted<\/dt><dd>1<\/dd>/);
    expect(out).toMatch(/<dt>Postings that cannot pair<\/dt><dd>0<\/dd>/);
    const section = out.slice(out.indexOf('<section id="templates">'));
    expect(section).toMatch(/<article class="posting template"[^>]*data-path="layouts\/section\/job-posting.en.html"/);
    expect(section).not.toContain('<dt>Partner</dt>');
  });

  test('the page follows the locale: lang attribute and every label in French', () => {
    const fr = html(results, ctx('fr'));
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('<title>Rapport sur les offres d’emploi\u00a0: 2\u00a0erreurs, 2\u00a0avertissements</title>');
    expect(fr).toContain('Ligne 6, colonne');
    expect(fr).toContain('Correction (appliquée par --fix)');
    expect(fr).toContain('Version anglaise manquante');
    expect(fr).toContain('href="https://github.com/cds-snc/postings/blob/main/docs/rules/links/https.fr.md"');
    for (const english of ['Summary', 'Postings linted', 'Warning<', 'Error<', 'Filter the problems', 'Line 6', 'Show everything']) {
      expect(fr).not.toContain(english);
    }
  });
});

describe('html through the CLI', () => {
  test('a partner that was not linted is still named, from its front matter', () => {
    const r = runCli(['lint', join('content', 'en'), '--format', 'html'], { cwd: join(FIXTURES, 'html-report') });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const dev = /<article class="posting"[^>]*data-path="content\/en\/careers\/positions\/developer.md"[^>]*>([\s\S]*?)<\/article>/.exec(r.stdout)![1]!;
    expect(dev).toMatch(
      /<dt>Partner<\/dt><dd><span lang="fr">Développeur principal ou développeuse principale<\/span> <span class="path">content\/fr\/careers\/positions\/developpeur.md<\/span> <span class="note">\(not in this report\)<\/span>/,
    );
    expect(r.stdout).toContain('<dt>Postings linted</dt><dd>2</dd>');
  });

  /** A pair whose French posting lacks an item, and the English item is hostile markup. */
  const pairSite = () => {
    const root = tempDir('html-pair');
    const items = ['Build and operate web services with the product team', 'Review code written by other developers on the team'];
    write(
      root,
      'content/en/dev.md',
      posting({
        title: 'Developer',
        body: ['The salary is $80,000 a year.', '', '## What you will do', '', ...items.map((i) => `- ${i}`), '- Write tests <img src=x onerror=alert(7)> for the services you build', '- Document <script>alert(8)</script> your decisions in the open'].join('\n'),
      }),
    );
    write(
      root,
      'content/fr/dev.md',
      posting({
        title: 'Développeur',
        body: ['Le salaire est de 85 000 $ par année.', '', '## Ce que vous ferez', '', '- Bâtir et exploiter des services Web avec l’équipe de produit', '- Réviser le code écrit par les autres membres de l’équipe'].join('\n'),
      }),
    );
    return root;
  };
  const findingOf = (page: string, path: string, rule: string) => {
    const article = new RegExp(`<article class="posting"[^>]*data-path="${path.replace(/[.]/g, '\\.')}"[^>]*>([\\s\\S]*?)</article>`).exec(page)![1]!;
    const items = article.split('<li class="finding ').slice(1);
    return items.find((f) => f.includes(`data-rule="${rule}"`))!;
  };

  test('a pair finding shows the partner’s place, as a link to its section, and its lines beside the posting’s own, in both languages', () => {
    const root = pairSite();
    const en = runCli(['lint', 'content', '--format', 'html'], { cwd: root }).stdout;
    const enId = /<article class="posting" id="(p-\d+)"[^>]*data-path="content\/en\/dev.md"/.exec(en)![1];
    const item = findingOf(en, 'content/fr/dev.md', 'pairing/structure');
    expect(item).toContain('<div class="sides two"><div class="side"><p class="side-title">This posting, line 15</p>');
    expect(item).toMatch(new RegExp(`<div class="side partner"><p class="side-title">What the English posting has here — <a href="#${enId}">content/en/dev.md:16–17</a></p>`));
    // The partner's lines, numbered, in its language, escaped: nothing of them is markup.
    expect(item).toContain('<figcaption class="sr">Source of content/en/dev.md, lines 16–17</figcaption><pre lang="en"><span class="ln" aria-hidden="true">16</span>- Write tests &lt;img src=x onerror=alert(7)&gt; for the services you build');
    expect(item).toContain('<span class="ln" aria-hidden="true">17</span>- Document &lt;script&gt;alert(8)&lt;/script&gt; your decisions in the open</pre>');
    expect(en.match(/<script/g)).toHaveLength(1);
    expect(en).not.toMatch(/<img/);
    // Values: on both sides, each pointing to the other.
    const amount = findingOf(en, 'content/en/dev.md', 'pairing/values');
    expect(amount).toMatch(/In the French posting — <a href="#p-\d+">content\/fr\/dev.md:10<\/a>/);
    expect(amount).toContain('<pre lang="fr"><span class="ln" aria-hidden="true">10</span>Le salaire est de 85 000 $ par année.</pre>');
    const fr = runCli(['lint', 'content', '--format', 'html', '--locale', 'fr'], { cwd: root }).stdout;
    const itemFr = findingOf(fr, 'content/fr/dev.md', 'pairing/structure');
    expect(itemFr).toContain('<p class="side-title">Cette offre, ligne 15</p>');
    expect(itemFr).toMatch(/Ce que l’offre anglaise a ici — <a href="#p-\d+">content\/en\/dev.md:16–17<\/a>/);
    expect(itemFr).toContain('<figcaption class="sr">Source de content/en/dev.md, lignes 16–17</figcaption>');
  });

  test('a partner not in the report: its place and lines are shown, said to be outside the report', () => {
    const root = pairSite();
    const page = runCli(['lint', 'content/fr/dev.md', '--format', 'html'], { cwd: root }).stdout;
    const item = findingOf(page, 'content/fr/dev.md', 'pairing/structure');
    expect(item).toContain('What the English posting has here — content/en/dev.md:16–17 <span class="note">(not in this report)</span>');
    expect(item).toContain('<span class="ln" aria-hidden="true">16</span>- Write tests &lt;img');
    // --report html= gets the same.
    runCli(['lint', 'content/fr/dev.md', '--report', 'html=out/r.html'], { cwd: root });
    expect(readFileSync(join(root, 'out/r.html'), 'utf8')).toContain('(not in this report)</span></p><figure class="src">');
  });
});
