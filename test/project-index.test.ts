/** The front matter index: its cheap key reader agrees with the YAML parser, or defers to it. */
import { parseDocument } from 'yaml';
import { simpleFields, splitFrontMatter, buildIndex } from '../src/engine/project-index.js';
import { parseYaml, parsePosting } from '../src/engine/parse.js';
import { makeConfig } from './support/harness.js';

const KEYS = ['translationKey', 'leverId', 'archived', 'title', 'lang'];

const agrees = [
  'translationKey: senior-dev\narchived: true\ntitle: Senior Developer',
  'translationKey: "quoted-key"\narchived: false # open\ntitle: \'It\'\'s a title\'',
  'title: Développeur ou développeuse – Plateforme\nleverId: 0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b\ntranslationKey: k',
  'leverId: 11111111\narchived: FALSE\ntranslationKey: k\nlang: fr',
  'leverId:\ntranslationKey: k\narchived: ~',
  'description: >-\n  a folded: text\n  on two lines\ntranslationKey: k\ntitle: T',
  'aliases:\n  - /a/\n  - /b/\ntranslationKey: k',
  'title: >-\n  Folded title\ntranslationKey: k',
  'translationKey: "escaped \\" quote"',
];
const defers = [
  'translationKey: "unknown \\q escape"',
  'title: >-\n  Folded\n\n  after an empty line\ntranslationKey: k',
  'title: A title\n  continued on a second line\ntranslationKey: k',
  'translationKey: &anchor k',
  'translationKey: k\ntranslationKey: other',
  'title: [a, b]\ntranslationKey: k',
  'title: a: b\ntranslationKey: k',
];

describe('simpleFields', () => {
  test.each(agrees)('reads what the YAML parser reads: %j', (source) => {
    const fast = simpleFields(source, KEYS);
    expect(fast).toBeDefined();
    const full = parseYaml(source, 0, [0, 0]).data ?? {};
    for (const k of KEYS) expect([k, fast![k] ?? null]).toEqual([k, full[k] ?? null]);
  });

  test.each(defers)('defers to the YAML parser: %j', (source) => {
    expect(simpleFields(source, KEYS)).toBeUndefined();
  });
});

describe('buildIndex', () => {
  test('a posting gives the same entry whether it was linted (parsed) or only indexed', () => {
    const config = makeConfig();
    const texts = [
      '---\ntitle: >-\n  Folded\ntranslationKey: a\narchived: true\n---\nAn IT-03 job.\n',
      '\ufeff---\r\ntranslationKey: b\r\nleverId: 0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b\r\narchived: false\r\n---\r\nBody.\r\n',
      // Broken YAML elsewhere does not hide a simply written key, in both paths.
      '---\ntranslationKey: c\ndescription: a: b\n---\nBody.\n',
    ];
    for (const [i, text] of texts.entries()) {
      const path = `/site/en/p${i}.md`;
      const parsed = buildIndex([{ filePath: path, displayPath: path, parsed: parsePosting(text, path, config.language) }], config.language);
      const indexed = buildIndex([{ filePath: path, displayPath: path, text }], config.language);
      expect(indexed.entries).toEqual(parsed.entries);
    }
    const third = buildIndex([{ filePath: '/site/en/p.md', displayPath: 'p', text: texts[2]! }], config.language);
    expect(third.entries.map((e) => [e.lang, e.translationKey])).toEqual([['en', 'c']]);
    expect(splitFrontMatter('no front matter')).toBeUndefined();
  });
});

describe('simpleFields reads block scalars as YAML does', () => {
  const cases = [
    'title: >-\n  A long title\n  on two lines\nx: 1',
    'title: >\n  Folded\n  title\n',
    'title: |-\n  Literal\n  title\n',
    'title: |\n  Literal\n',
    'title: >-\n  Mixed\n    indentation\n',
    'title: >-\n  With\n\n  an empty line\n',
    'title: >-\n  Trailing comment # not a comment\n',
  ];
  for (const source of cases) {
    test(JSON.stringify(source), () => {
      const fast = simpleFields(source, ['title']);
      const yaml = (parseDocument(source).toJS() as { title: unknown }).title;
      if (fast !== undefined) expect(fast.title).toEqual(yaml);
    });
  }
  test('the usual Hugo form is read without the YAML parser', () => {
    expect(simpleFields('title: >-\n  A long\n  title\ntranslationKey: k\n', ['title', 'translationKey'])).toEqual({ title: 'A long title', translationKey: 'k' });
  });
});

describe('simpleFields reads double-quoted escapes as YAML does', () => {
  const cases = [
    'title: "Coder\\_: une activité"',
    'title: "a \\"quoted\\" word \\\\ and \\t tab \\u00e9 \\x41 \\U0001F600"',
    'title: "unknown \\q escape"',
    'title: "trailing backslash \\"',
  ];
  for (const source of cases) {
    test(JSON.stringify(source), () => {
      const fast = simpleFields(source, ['title']);
      const doc = parseDocument(source);
      if (fast !== undefined) {
        expect(doc.errors).toEqual([]);
        expect(fast.title).toEqual((doc.toJS() as { title: unknown }).title);
      }
    });
  }
  test('a no-break space escape is read without the YAML parser', () => {
    expect(simpleFields('title: "Coder\\_: une activité"', ['title'])).toEqual({ title: 'Coder\u00a0: une activité' });
  });
});
