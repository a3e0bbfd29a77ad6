// The inclusive-language rules skip the expressions a paragraph cannot match (its words lack
// the ones an entry or a grammar pattern needs, or the literal a pattern starts with). Those
// filters must never lose a finding: each case here is one the filters have to let through,
// with the findings the rules gave before they had filters.
import { lintString, makeConfig } from './support/harness.js';

const config = makeConfig();

function inclusive(file: string, body: string): string[] {
  return lintString(`---\ntitle: Offre\n---\n\n${body}\n`, file, config)
    .filter((f) => f.ruleId.startsWith('inclusive-language/'))
    .map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endColumn} ${f.message.split('”')[0]!.slice(1)}`);
}

// [file, paragraph, findings the rules gave before they had filters]
const CASES: Array<[string, string, string[]]> = [
  // The reader in the masculine, and a long s (`ſ`) that case-insensitive matching reads as `s`.
  ['/s/fr/a.md', 'Vous êtes intéressé par ce poste?', ['inclusive-language/masculine-agreement 5:11-20 intéressé']],
  ['/s/fr/a.md', 'Vouſ êtes intéressé par ce poste?', ['inclusive-language/masculine-agreement 5:11-20 intéressé']],
  ['/s/fr/i.md', 'Nous travaillons avec les expertſ du domaine.', ['inclusive-language/terms 5:23-34 les expertſ']],
  // Pattern entries in capitals and in alternatives; a form that starts with a sign.
  [
    '/s/en/j.md',
    'We build services for THE DISABLED and for the handicapped.',
    ['inclusive-language/terms 5:23-35 THE DISABLED', 'inclusive-language/terms 5:44-59 the handicapped'],
  ],
  [
    '/s/en/k.md',
    'We want younger, energetic people and a young team.',
    ['inclusive-language/terms 5:9-16 younger', 'inclusive-language/terms 5:18-27 energetic', 'inclusive-language/terms 5:41-46 young'],
  ],
  [
    '/s/fr/d.md',
    'Nos EMPLOYÉS du ministère et nos employés fédéraux sont là.',
    ['inclusive-language/terms 5:5-13 EMPLOYÉS', 'inclusive-language/terms 5:34-42 employés'],
  ],
  [
    '/s/en/e.md',
    'The successful candidate will know what (s)he wants and where he/she goes.',
    ['inclusive-language/terms 5:41-46 (s)he', 'inclusive-language/terms 5:63-69 he/she'],
  ],
  // Determiners, adjectives, pronouns and titles.
  [
    '/s/fr/f.md',
    'Le titulaire du poste travaille avec les cadres supérieurs et de hauts fonctionnaires. Chacun apporte son expertise.',
    [
      'inclusive-language/masculine-agreement 5:1-13 Le titulaire',
      'inclusive-language/masculine-agreement 5:42-59 cadres supérieurs',
      'inclusive-language/masculine-agreement 5:66-86 hauts fonctionnaires',
      'inclusive-language/mixed-pronoun 5:88-94 Chacun',
    ],
  ],
  [
    '/s/fr/g.md',
    'Nous ne pouvons pas tous être experts. Les Canadiennes et Canadiens savent ce qu’ils veulent.',
    ['inclusive-language/mixed-pronoun 5:21-25 tous', 'inclusive-language/mixed-pronoun 5:82-85 ils'],
  ],
  [
    '/s/fr/h.md',
    'Nous recherchons un développeur principal pour notre équipe, et un analyste.',
    ['inclusive-language/masculine-title 5:21-42 développeur principal'],
  ],
];

describe('inclusive-language word filters keep every finding', () => {
  test.each(CASES)('%s: %s', (file, paragraph, expected) => {
    expect(inclusive(file, paragraph)).toEqual(expected);
  });
});
