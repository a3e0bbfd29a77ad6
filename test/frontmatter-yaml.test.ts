/**
 * frontmatter/yaml: every YAML mistake a writer can make gets a message that says what is
 * wrong and how to fix it, in both languages, never the parser's raw words (issue 11).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, lintString, onlyRule } from './support/harness.js';
import { REASON_CODES } from '../src/rules/frontmatter/yaml.js';
import { parseDocument } from 'yaml';

const config = onlyRule('frontmatter/yaml');

/** Front matter lines as writers get them wrong, and a word the message must hold. */
const CASES: Array<[string, string, RegExp]> = [
  ['a continuation line not indented', 'title: a\ndescription: >-\n  line one\nline two', /indent/],
  ['a colon in a value', 'title: Agent: opérations', /quotes/],
  ['an apostrophe inside single quotes', "title: 'L'équipe de conception'", /apostrophe/],
  ['text after a closing quote', "title: 'Dev' senior", /apostrophe|quote/],
  ['a double quote not closed', 'title: "Développeur\nlayout: job-posting', /not closed/],
  ['a tab as indentation', 'title: x\n\tdescription: y', /tab/],
  ['a key twice', 'title: a\ntitle: b', /twice/],
  ['a key indented under a value', 'title: x\n  description: y', /quotes|indent/],
  ['a list item where a key was expected', 'title: x\n- a', /key|indent/],
  ['a value starting with @', 'title: @dev', /quotes/],
  ['a value starting with a backtick', 'title: `dev`', /quotes/],
  ['a value starting with %', 'title: %dev', /quotes/],
  ['a [ not closed', 'tags: [a, b\ntitle: x', /not closed/],
  ['a { not closed', 'tags: {a: b\ntitle: x', /not closed/],
  ['a backslash in double quotes', 'title: "C:\\dev"', /backslash/],
  ['two anchors', 'title: &a &b x', /anchors/],
  ['a directive line', '%YAML 1.2\ntitle: x', /directive|quotes/],
  ['a list item inside brackets', 'tags: [a, - b]', /commas|brackets/],
  ['a very long line with no key', `${'k'.repeat(1100)}: x`, /1,024/],
  ['a key on two lines', 'title\n  x: y', /one line|key/],
  ['a value starting with * (alias)', 'title: * item', /quotes/],
  ['a value starting with &', 'title: & co', /quotes/],
  ['text after |', 'title: | x', /block/],
  ['an alias to nothing', 'title: *dev', /alias/],
  ['a question mark', 'title: ?', /quotes/],
];

function finding(yaml: string, locale: 'en' | 'fr') {
  const found = lintString(`---\n${yaml}\n---\n\nText.\n`, '/site/en/x.md', config, locale);
  return found.filter((f) => f.ruleId === 'frontmatter/yaml');
}

describe.each(CASES)('%s', (_name, yaml, word) => {
  test('one finding, a reason and a fix in English and in French, not the parser’s words', () => {
    const [en, ...moreEn] = finding(yaml, 'en');
    const [fr] = finding(yaml, 'fr');
    expect(moreEn).toEqual([]);
    expect(en!.message).toMatch(word);
    expect(en!.message).not.toMatch(/Implicit map keys|Unexpected scalar|Nested mappings|Plain value cannot|Missing closing|at line \d+/);
    expect(fr!.message).toMatch(/^Les métadonnées ne sont pas du YAML valide/);
    expect(fr!.message).not.toEqual(en!.message);
    expect(fr!.message).not.toMatch(/Implicit|Unexpected|Nested|Plain value|Missing|Map keys/);
  });
});

test('every error code of the YAML library has a reason', () => {
  const dts = readFileSync(join(ROOT, 'node_modules', 'yaml', 'dist', 'errors.d.ts'), 'utf8');
  const codes = [...(/type ErrorCode = ([^;]+);/.exec(dts)?.[1] ?? '').matchAll(/'([A-Z_0-9]+)'/g)].map((m) => m[1]!);
  expect(codes.length).toBeGreaterThan(15);
  expect(codes.filter((c) => !REASON_CODES.has(c))).toEqual([]);
});

test('the cases above are real parser errors (the list stays honest when yaml changes)', () => {
  for (const [name, yaml] of CASES) {
    if (name === 'an alias to nothing') continue; // an error when resolved, not when parsed
    expect([name, parseDocument(yaml, { uniqueKeys: true }).errors.length > 0]).toEqual([name, true]);
  }
});
