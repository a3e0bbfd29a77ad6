/**
 * The HTML reporter as a pure function: what the page says, in both languages, and that no
 * text from a posting (title, message, source line, fix, file name) can become markup or
 * script. The browser test (html-browser.test.ts) opens the page for real.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FileResult, Finding } from '../src/types.js';
import type { ReportContext, ReportPosting } from '../src/reporters/types.js';
import html from '../src/reporters/html/index.js';
import { FIXTURES, rules, runCli } from './support/harness.js';

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
});
