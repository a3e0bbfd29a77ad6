import { lintString, onlyRule } from './support/harness.js';

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
