/** The engine: positions (BOM, CRLF), directives, a crashing rule, the language of a posting. */
import { lintPosting } from '../src/engine/lint.js';
import { parsePosting } from '../src/engine/parse.js';
import type { RuleModule } from '../src/types.js';
import { makeConfig, lintString, rules } from './support/harness.js';

const config = makeConfig();
const BAD = [
  '---',
  'layout: job-posting',
  'type: section',
  'title: Developer',
  'description: A posting.',
  'archived: "no"',
  'translationKey: dev',
  '---',
  '',
  'Text.',
  '',
].join('\n');

const at = (text: string, path = '/site/en/dev.md') =>
  lintString(text, path, config).map((f) => `${f.ruleId}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);

describe('positions', () => {
  test('LF, CRLF and a BOM give the lines and columns an editor shows', () => {
    const lf = at(BAD);
    expect(lf).toEqual(['frontmatter/schema:6:11-6:15']);
    expect(at(BAD.replace(/\n/g, '\r\n'))).toEqual(lf);
    expect(at('\ufeff' + BAD)).toEqual(lf);
    expect(at('\ufeff' + BAD.replace(/\n/g, '\r\n'))).toEqual(lf);
  });

  test('YAML errors carry the parser line and column, with CRLF too', () => {
    const text = '---\r\ntitle: Developer\r\ndescription: a: b\r\n---\r\n\r\nText.\r\n';
    expect(at(text).filter((x) => x.startsWith('frontmatter/yaml'))).toEqual(['frontmatter/yaml:3:14-3:15']);
  });
});

describe('inline directives', () => {
  test('disable-next-line, disable/enable blocks and unknown ids', () => {
    // Findings in the body are silenced by a comment on the line before.
    const rule: RuleModule = {
      meta: { id: 'test/every-line', description: { en: 'x x x x x x', fr: 'y y y y y y' }, defaultSeverity: 'warn', fixable: false, messages: { m: { en: 'm', fr: 'm' } } },
      create(ctx) {
        for (let line = 9; line <= ctx.posting.lineStarts.length; line++) ctx.report({ messageId: 'm', loc: { start: { line, column: 1 } } });
      },
    };
    const text = [
      '---', 'title: x', '---', '', '<!-- postings-disable-next-line test/every-line -->', 'a', '', '<!-- postings-disable test/every-line -->', 'b', 'c', '<!-- postings-enable test/every-line -->', 'd', '<!-- postings-disable -->', 'e', '<!-- postings-enable -->', 'f', '<!-- postings-disable-next-line test/every-lin -->', 'g', '',
    ].join('\n');
    const posting = parsePosting(text, '/en/x.md', config.language);
    const onlyTest = makeConfig({ rules: Object.fromEntries(rules.map((r) => [r.meta.id, 'off'])) });
    const found = lintPosting(posting, {
      filePath: '/en/x.md',
      config: { ...onlyTest, rules: { ...onlyTest.rules, 'test/every-line': { severity: 'warn', options: {} }, 'directives/unknown-rule': { severity: 'warn', options: {} } } },
      rules: [...rules, rule],
      locale: 'en',
    });
    const lines = (id: string) => found.filter((f) => f.ruleId === id).map((f) => f.line);
    // Silenced: 9-10 (disable … enable), 13-14 (disable all … enable all); a block starts at
    // its comment's line. Line 18 is not silenced: the comment before it names a typo.
    expect(lines('test/every-line')).toEqual([11, 12, 15, 16, 17, 18, 19]);
    expect(lines('directives/unknown-rule')).toEqual([17]);
    expect(found.find((f) => f.ruleId === 'directives/unknown-rule')!.message).toContain('Did you mean `test/every-line`?');
  });
});

describe('a directive naming a rule family (issue 11)', () => {
  const family = (comment: string) =>
    lintString(
      `---\ntitle: x\n---\n\n${comment}\nNous recherchons un développeur principal. Vous êtes intéressé? Les candidats ont chacun(e) leur place.\n\nLes candidats aussi.\n`,
      '/site/fr/x.md',
      makeConfig(),
    )
      .filter((f) => f.ruleId.startsWith('inclusive-language/') || f.ruleId === 'directives/unknown-rule')
      .map((f) => `${f.ruleId}:${f.line}`);

  test('silences every rule of the family on the next line, and only there, without a warning', () => {
    const before = family('');
    expect(new Set(before.filter((x) => x.endsWith(':6')).map((x) => x.split(':')[0])).size).toBeGreaterThanOrEqual(3);
    for (const name of ['inclusive-language', 'inclusive-language/*']) {
      expect(family(`<!-- postings-disable-next-line ${name} -->`)).toEqual(['inclusive-language/terms:8']);
    }
  });

  test('works in disable … enable blocks, and a family that does not exist still warns', () => {
    expect(family('<!-- postings-disable inclusive-language -->')).toEqual([]);
    expect(family('<!-- postings-disable inclusive-languag -->')).toContain('directives/unknown-rule:5');
    // `inclusive` is not a family: families are whole path segments.
    expect(family('<!-- postings-disable inclusive -->')).toContain('directives/unknown-rule:5');
  });
});

describe('a rule that throws', () => {
  test('becomes an internal/rule-error finding; the other rules still report', () => {
    const broken: RuleModule = {
      meta: { id: 'test/broken', description: { en: 'broken rule', fr: 'règle brisée' }, defaultSeverity: 'error', fixable: false, messages: {} },
      create() {
        throw new TypeError('Cannot read properties of undefined');
      },
    };
    const posting = parsePosting(BAD, '/en/dev.md', config.language);
    const found = lintPosting(posting, {
      filePath: '/en/dev.md',
      config: { ...config, rules: { ...config.rules, 'test/broken': { severity: 'error', options: {} } } },
      rules: [...rules, broken],
      locale: 'fr',
    });
    expect(found.map((f) => f.ruleId).sort()).toEqual(['frontmatter/schema', 'internal/rule-error']);
    const error = found.find((f) => f.ruleId === 'internal/rule-error')!;
    expect(error.message).toBe(
      'La règle `test/broken` a échoué sur ce fichier (Cannot read properties of undefined); ses constats manquent. Veuillez signaler ce bogue.',
    );
    expect(error.severity).toBe('error');
  });
});

describe('language of a posting', () => {
  const lang = (path: string, extra = '') => parsePosting(`---\ntitle: x\n${extra}---\n`, path, config.language).lang;
  test('from the deepest en/fr folder, a Hugo suffix, or the lang key', () => {
    expect(lang('/site/content/en/careers/x.md')).toBe('en');
    expect(lang('/home/en/site/content/fr/careers/x.md')).toBe('fr');
    expect(lang('/site/content/careers/x.fr.md')).toBe('fr');
    expect(lang('/site/content/en/careers/x.md', 'lang: fr\n')).toBe('fr');
    expect(lang('/site/content/careers/x.md')).toBeUndefined();
  });
});

describe('directives in front matter', () => {
  test('a full-line YAML comment silences the next line', () => {
    const text = BAD.replace('archived: "no"', '# postings-disable-next-line frontmatter/schema -- migrated later\narchived: "no"');
    expect(at(text)).toEqual([]);
    expect(at(text.replace('frontmatter/schema', 'frontmatter/shema'))).toEqual([
      'directives/unknown-rule:6:30-6:47',
      'frontmatter/schema:7:11-7:15',
    ]);
  });

  test('a `# postings-disable` at the top of the front matter covers the whole file, its first line included', () => {
    const noDescription = BAD.replace('description: A posting.\n', '').replace('archived: "no"', 'archived: true');
    expect(at(noDescription)).toEqual(['frontmatter/schema:1:1-1:4']);
    const top = noDescription.replace('---\n', '---\n# migrated page\n# postings-disable frontmatter/schema\n');
    expect(at(top)).toEqual([]);
    // Below a key it starts where it stands, as in the body.
    const below = noDescription.replace('type: section\n', 'type: section\n# postings-disable frontmatter/schema\n');
    expect(at(below)).toEqual(['frontmatter/schema:1:1-1:4']);
  });
});

describe('hostile front matter', () => {
  const bomb = () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let prev = 'a';
    for (const n of 'bcdefghi') {
      lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`);
      prev = n;
    }
    return `---\n${lines.join('\n')}\ntitle: x\n---\n\nThe body is still checked: TODO.\n`;
  };

  test('an alias bomb is a YAML finding of its file, and the body rules still run', () => {
    const found = at(bomb());
    expect(found[0]).toBe('frontmatter/yaml:2:1-2:1');
    expect(found.some((f) => f.startsWith('content/placeholder'))).toBe(true);
  });

  test('front matter that is a list or a scalar: one finding, not one per missing key', () => {
    expect(at('---\n- a\n- b\n---\n\nText.\n')).toEqual(['frontmatter/schema:1:1-1:4']);
    expect(at('---\njust a sentence\n---\n\nText.\n')).toEqual(['frontmatter/schema:1:1-1:4']);
  });

  test('a title that is not text gets the type error only, not the text checks', () => {
    const text = BAD.replace('title: Developer', 'title: 42').replace('archived: "no"', 'archived: true').replace('description: A posting.', 'description:');
    const messages = lintString(text, '/site/en/dev.md', config).map((f) => f.message);
    expect(messages).toEqual(['`title` must be text, found the number 42', '`description` must be text, found an empty value']);
  });
});
