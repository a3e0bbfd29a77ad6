/**
 * Classification mentions, the data tables behind the classification and link-language
 * rules, the codes the front matter index gets, and the fixes writers apply.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../src/engine/ajv.js';
import { parsePosting } from '../src/engine/parse.js';
import { buildIndex } from '../src/engine/project-index.js';
import { buildProject } from '../src/cli/project.js';
import { walkMarkdown } from '../src/cli/files.js';
import { classificationTable } from '../src/lib/classification-table.js';
import { codesOf, extractCodes, findMentions } from '../src/lib/classification-mentions.js';
import { codeExtractor } from '../src/lib/classification-codes.js';
import type { Finding } from '../src/types.js';
import { FIXTURES, ROOT, lintString, makeConfig, onlyRule } from './support/harness.js';

const config = makeConfig();
const table = classificationTable(config.data);

function mentionsIn(body: string, lang: 'en' | 'fr' = 'en') {
  const text = `---\ntitle: x\n---\n\n${body}\n`;
  const posting = parsePosting(text, `/site/content/${lang}/x.md`, config.language);
  return findMentions(posting, table).map((m) => ({ raw: text.slice(m.range[0], m.range[1]), codes: m.codes }));
}

function applyFixes(text: string, findings: Finding[]): string {
  const edits = findings.flatMap((f) => (f.fix ? [f.fix] : [])).sort((a, b) => b.range[0] - a.range[0]);
  let out = text;
  for (const e of edits) out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
  return out;
}

describe('data tables', () => {
  for (const name of ['classifications', 'link-counterparts']) {
    test(`data/${name}.json is valid against its schema`, () => {
      const data = JSON.parse(readFileSync(join(ROOT, 'data', `${name}.json`), 'utf8'));
      const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'data', `${name}.schema.json`), 'utf8'));
      const validate = compile(schema);
      expect([validate(data), validate.errors ?? []]).toEqual([true, []]);
    });
  }

  test('every group names pages and successors that exist', () => {
    for (const g of table.groups.values()) {
      for (const id of g.targets ?? []) expect([g.code, id, table.targets.has(id)]).toEqual([g.code, id, true]);
      if (g.retired) expect(table.groups.has(g.retired.successor)).toBe(true);
    }
  });

  test('a group added in configuration is known to the rules, and a bad one is refused', () => {
    const text = '---\ntitle: x\n---\n\nThis role is classified as CT-03.\n';
    const before = lintString(text, '/site/content/en/x.md', onlyRule('classification/unknown'));
    expect(before.map((f) => f.messageId)).toEqual(['unknownGroup']);
    const extended = onlyRule('classification/unknown', undefined, {
      data: {
        classifications: {
          groups: [{ code: 'CT', name: { en: 'Comptrollership', fr: 'Gestion financière' }, levels: [1, 5], targets: [] }],
        },
      },
    });
    expect(lintString(text, '/site/content/en/x.md', extended)).toEqual([]);
    // The built-in groups are still there.
    expect(classificationTable(extended.data).groups.has('IT')).toBe(true);
    expect(() =>
      makeConfig({ data: { classifications: { groups: [{ code: 'it', name: { en: 'x', fr: 'y' }, levels: [1] }] } } }),
    ).toThrow();
  });
});

describe('mention finder', () => {
  test.each([
    ['IT-03', ['IT-03']],
    ['IT 03', ['IT-03']],
    ['IT3', ['IT-03']],
    ['IT-4', ['IT-04']],
    ['CS-03, CS-04 or CS-05', ['CS-03', 'CS-04', 'CS-05']],
    ['AS-02 ou AS-03', ['AS-02', 'AS-03']],
    ['EC 06-07', ['EC-06', 'EC-07']],
    ['CS-04/05', ['CS-04', 'CS-05']],
    ['EC-06/EC-07', ['EC-06', 'EC-07']],
    ['IT-04 (previously CS-04)', ['CS-04', 'IT-04']],
    ['IT\u00a003', ['IT-03']],
  ])('reads `%s`', (written, codes) => {
    const found = mentionsIn(`This role is classified as ${written}.`);
    expect(found.flatMap((m) => m.codes).sort()).toEqual(codes);
  });

  test('gives the exact text of each mention from the AST positions', () => {
    expect(mentionsIn('Developers are [CS-03, CS-04 or CS-05](https://x.ca), **EC 06-07** and\nIT-4.').map((m) => m.raw)).toEqual([
      'CS-03',
      'CS-04',
      'CS-05',
      'EC 06-07',
      'IT-4',
    ]);
  });

  test('ignores code, URLs, front matter, and what only looks like a code', () => {
    const body = [
      'Use `CS-04` and:',
      '',
      '```',
      'IT-03',
      '```',
      '',
      'See [the page](https://example.com/IT-03) or https://example.com/CS-04 or <https://example.com/EC-02>.',
      'COVID-19, WCAG 2.1, HTML5, PM2.5, CO2, IT work, ISO 27001, A4, PR-12, AS-IS, IT-2023.',
      '![IT-03](img.png) <span title="IT-03">x</span>',
    ].join('\n');
    expect(mentionsIn(body)).toEqual([]);
    const withFm = '---\ndescription: IT-03 developers\n---\n\nNothing here.\n';
    expect(findMentions(parsePosting(withFm, '/c/en/x.md', config.language), table)).toEqual([]);
  });

  test('takes an unknown group for a code only where the text says so', () => {
    expect(mentionsIn('This role is classified as XY-02.').map((m) => m.raw)).toEqual(['XY-02']);
    expect(mentionsIn('Ce poste est classé au niveau XY-02.', 'fr').map((m) => m.raw)).toEqual(['XY-02']);
    expect(mentionsIn('Developers are CS-04 or XY-05.').map((m) => m.raw)).toEqual(['CS-04', 'XY-05']);
    expect(mentionsIn('We fixed bug PR-12 in the JS-02 release.')).toEqual([]);
  });
});

describe('codes in the front matter index', () => {
  const dirs = ['classification/unknown', 'classification/format', 'classification/unlinked', 'classification/link-target', 'classification/retired', 'links/language'];

  test('the text scan of indexed files agrees with the Markdown finder on every fixture', () => {
    for (const dir of dirs) {
      for (const file of walkMarkdown(join(FIXTURES, 'rules', dir))) {
        const text = readFileSync(file, 'utf8');
        const posting = parsePosting(text, file, config.language);
        const body = text.slice(posting.frontMatter?.range[1] ?? 0);
        expect({ file, codes: extractCodes(body, table) }).toEqual({ file, codes: codesOf(findMentions(posting, table)) });
      }
    }
  });

  test('the text scan skips code, link targets and URLs, and keeps known groups only', () => {
    const body = '\nUse `CS-04`.\n\n```\nIT-03\n```\n\n[EC-05](https://x.ca/IS-02) https://x.ca/AS-01 XY-02 classified as PE 3 or CS4.\n';
    expect(codeExtractor(config)(body)).toEqual(['CS-04', 'EC-05', 'PE-03']);
  });

  test('postings that are only indexed (not linted) get their codes', () => {
    const dir = join(FIXTURES, 'rules', 'classification', 'format');
    const { index } = buildProject([], { ...config, contentDir: dir }, { allCodes: true });
    const entry = index.entries.find((e) => e.filePath.endsWith('odd-forms.md'));
    expect(entry?.classifications).toEqual(['CS-04', 'CS-05', 'EC-04', 'EC-05', 'EC-06', 'EC-07', 'IT-03', 'IT-04']);
    const parsed = buildIndex(
      [{ filePath: '/c/en/a.md', displayPath: 'en/a.md', text: '---\ntitle: a\n---\nClassified as [AS-02 ou AS-3](https://x.ca).\n' }],
      config.language,
      codeExtractor(config),
    );
    expect(parsed.entries[0]!.classifications).toEqual(['AS-02', 'AS-03']);
  });
});

describe('fixes', () => {
  test('classification/format rewrites each mention to GROUP-NN, in the posting language', () => {
    const en = '---\ntitle: x\n---\n\nClassified as CS4, IT 03, **EC 06-07**, CS-04/05 or EC 04-07.\n';
    const fr = '---\ntitle: x\n---\n\nClassé AS 3 ou EC 04-07.\n';
    const rule = onlyRule('classification/format');
    expect(applyFixes(en, lintString(en, '/c/en/x.md', rule))).toBe(
      '---\ntitle: x\n---\n\nClassified as CS-04, IT-03, **EC-06/EC-07**, CS-04/CS-05 or EC-04 to EC-07.\n',
    );
    expect(applyFixes(fr, lintString(fr, '/c/fr/x.md', rule))).toBe('---\ntitle: x\n---\n\nClassé AS-03 ou EC-04 à EC-07.\n');
  });

  test('links/language swaps to the known counterpart, keeping query and fragment, and never guesses', () => {
    const text = [
      '---',
      'title: x',
      '---',
      '',
      '[CS-04](https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-eng.aspx?id=1#toc12259212260/)',
      '[PSC][psc] and [guide](https://www.canada.ca/en/services/jobs.html)',
      '[wrapped](https://www.google.com/url?q=https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-eng.aspx?id%3D1&sa=D)',
      '',
      '[psc]: https://www.canada.ca/en/public-service-commission/services/assessment-accommodation-page.html#s1',
      '',
    ].join('\n');
    const findings = lintString(text, '/c/fr/x.md', onlyRule('links/language'), 'fr');
    expect(findings.map((f) => [f.line, f.messageId, !!f.fix])).toEqual([
      [5, 'withCounterpart', true],
      [6, 'noCounterpart', false],
      [7, 'noCounterpart', false],
      [9, 'withCounterpart', true],
    ]);
    const fixed = applyFixes(text, findings);
    expect(fixed).toContain('(https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-fra.aspx?id=1#toc12259212260/)');
    expect(fixed).toContain(
      '[psc]: https://www.canada.ca/fr/commission-fonction-publique/services/mesures-d-adaptation-matiere-evaluation.html#s1',
    );
    expect(fixed).toContain('(https://www.canada.ca/en/services/jobs.html)');
  });

  test('links/language checks bare URLs (linkified by Hugo) and raw HTML hrefs, and rewrites the URL only', () => {
    const text = [
      '---',
      'title: x',
      '---',
      '',
      'Policy: https://www.tbs-sct.gc.ca/pol/doc-eng.aspx?id=1. Pay: www.canada.ca/en/treasury-board-secretariat/services/pay/rates-pay/rates-pay-unrepresented-senior-excluded-employees.html!',
      'Values: <a href="https://digital.canada.ca/our-values/">CDS</a>, <A HREF=https://www.canada.ca/en/services/jobs.html>jobs</A>.',
      '',
      '<div><a title="a" href = \'https://www.tbs-sct.gc.ca/x/y-eng.aspx?a=1&amp;b=2\'>TBS</a></div>',
      '',
      'Not links: `https://www.tbs-sct.gc.ca/pol/doc-eng.aspx?id=2` <!-- <a href="https://digital.canada.ca/">x</a> --> jobs@digital.canada.ca',
      '',
    ].join('\n');
    const findings = lintString(text, '/c/fr/x.md', onlyRule('links/language'), 'en');
    expect(findings.map((f) => [f.line, f.column, text.slice(...f.range!), !!f.fix])).toEqual([
      [5, 9, 'https://www.tbs-sct.gc.ca/pol/doc-eng.aspx?id=1', true],
      [5, 63, 'www.canada.ca/en/treasury-board-secretariat/services/pay/rates-pay/rates-pay-unrepresented-senior-excluded-employees.html', true],
      [6, 18, 'https://digital.canada.ca/our-values/', true],
      [6, 74, 'https://www.canada.ca/en/services/jobs.html', false],
      [8, 27, 'https://www.tbs-sct.gc.ca/x/y-eng.aspx?a=1&amp;b=2', false],
    ]);
    // English messages take "an English", "a French".
    expect(findings[3]!.message).toBe(
      'This link leads to an English page in a French posting; link the French page (its address is not in `data.link-counterparts`)',
    );
    expect(findings[0]!.message).toMatch(/^This link leads to the English page in a French posting; link /);
    const fixed = applyFixes(text, findings);
    expect(fixed).toContain('Policy: https://www.tbs-sct.gc.ca/pol/doc-fra.aspx?id=1. Pay: www.canada.ca/fr/secretariat-conseil-tresor/services/remuneration/taux-remuneration/taux-remuneration-employes-non-representes-exclus-niveaux-superieurs.html!');
    expect(fixed).toContain('Values: <a href="https://numerique.canada.ca/nos-valeurs/">CDS</a>, <A HREF=');
    const fr = lintString(text.replace('/c/fr/', ''), '/c/en/x.md', onlyRule('links/language'), 'fr');
    expect(fr).toEqual([]);
    const [first] = lintString('---\ntitle: x\n---\n\nhttps://digital.canada.ca/\n', '/c/fr/x.md', onlyRule('links/language'), 'fr');
    expect(first?.message).toBe('Ce lien mène à la page en anglais dans une offre en français; liez https://numerique.canada.ca/');
  });

  test('classification/retired suggests a successor code only where the successor has that level', () => {
    const text = '---\narchived: false\n---\n\nClassified as CS-07, CS-05 or CS-04/07.\n';
    const findings = lintString(text, '/c/en/x.md', onlyRule('classification/retired'));
    expect(findings.map((f) => [text.slice(...f.range!), f.messageId, f.suggestions?.[0]?.fix.text])).toEqual([
      ['CS-07', 'retiredNoLevel', 'IT'],
      ['CS-05', 'retired', 'IT-05'],
      ['CS-04/07', 'retiredNoLevel', 'IT'],
    ]);
    expect(findings[0]!.message).toBe(
      '`CS-07`: the CS group (Computer Systems) was retired on 2021-12-09 and replaced by IT (Information Technology), whose levels run from IT-01 to IT-05; write the IT level of the job',
    );
    const [fr] = lintString(text, '/c/en/x.md', onlyRule('classification/retired'), 'fr');
    expect(fr!.message).toContain('dont les niveaux vont de IT-01 à IT-05; écrivez le niveau IT du poste');
    expect(fr!.suggestions?.[0]?.desc).toBe('Remplacer par `IT`');
    // A successor the table does not know: no level can be checked, the group alone.
    const group = { code: 'XX', name: { en: 'Old', fr: 'Vieux' }, levels: [1, 3], retired: { date: '2020-01-01', successor: 'ZZ' }, targets: [] };
    const custom = makeConfig({ data: { classifications: { groups: [group] } }, rules: { 'classification/retired': 'warn' } });
    const [xx] = lintString('---\narchived: false\n---\n\nClassified as XX-02.\n', '/c/en/x.md', custom).filter((f) => f.ruleId === 'classification/retired');
    expect([xx?.messageId, xx?.suggestions?.[0]?.fix.text]).toEqual(['retiredUnknownSuccessor', 'ZZ']);
  });

  test('classification/retired suggests the successor code but never fixes', () => {
    const text = '---\narchived: false\n---\n\nClassified as CS-04.\n';
    const [finding] = lintString(text, '/c/en/x.md', onlyRule('classification/retired'));
    expect(finding?.fix).toBeUndefined();
    expect(finding?.suggestions?.[0]?.fix.text).toBe('IT-04');
  });
});
