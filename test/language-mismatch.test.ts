import { lintString, makeConfig, onlyRule } from './support/harness.js';
import { parsePosting } from '../src/engine/parse.js';
import { htmlBlocks } from '../src/lib/prose.js';

const posting = (title: string) =>
  `---\ntitle: ${title}\n---\n\nLe Service numérique canadien aide les ministères à offrir des services simples.\n`;

describe('language/mismatch: English titles without function words', () => {
  const config = onlyRule('language/mismatch');

  test('a French posting titled in English title words is reported, in both locales', () => {
    const [en] = lintString(posting('Senior Product Manager'), '/s/fr/x.md', config);
    expect(en?.message).toBe('The title “Senior Product Manager” of the French posting is in English');
    const [fr] = lintString(posting('Senior Product Manager'), '/s/fr/x.md', config, 'fr');
    expect(fr?.message).toBe('Le titre «\u00a0Senior Product Manager\u00a0» de l’offre française est en anglais');
  });

  test('French titles with anglicisms and product names stay clean', () => {
    for (const title of ['Gestionnaire de produit, Notify', 'Développeur DevOps', 'Designer senior', 'Analyste principal']) {
      expect(lintString(posting(title), '/s/fr/x.md', config)).toEqual([]);
    }
  });

  test('users extend the title words through the data table', () => {
    expect(lintString(posting('Data Steward Manager'), '/s/fr/x.md', config)).toEqual([]);
    const extended = onlyRule('language/mismatch', undefined, { data: { 'title-words': { en: ['steward'] } } });
    expect(lintString(posting('Data Steward Manager'), '/s/fr/x.md', extended)).toHaveLength(1);
  });
});

describe('raw HTML is read block by block (issue 11)', () => {
  const blocks = (html: string) => {
    const text = `---\ntitle: x\n---\n\n${html}\n`;
    const tree = parsePosting(text, '/s/fr/x.md', makeConfig().language).tree;
    return htmlBlocks(tree).map((b) => [b.text, text.slice(b.range[0], b.range[1])]);
  };

  test('paragraphs, list items and headings are blocks; tags, comments, scripts and entities are not text', () => {
    expect(blocks('<div><p>One &amp; <b>two</b></p><!-- hidden --><ul><li>Three</li></ul><script>var x = "<p>no</p>";</script><h2>Four</h2></div>')).toEqual([
      ['One & two', 'One &amp; <b>two</b>'],
      ['Three', 'Three'],
      ['Four', 'Four'],
    ]);
  });

  test('hostile HTML stays one forward scan: unclosed comments, scripts and tags', () => {
    // Each case is 100,000 openers: a scan that looked for a closer from each one would not end.
    expect(blocks('<div>' + '<!--'.repeat(100_000))).toEqual([]);
    expect(blocks('<div>' + '<script>'.repeat(100_000))).toEqual([]);
    expect(blocks('<div>' + '<p'.repeat(100_000))).toHaveLength(1);
  });
});
