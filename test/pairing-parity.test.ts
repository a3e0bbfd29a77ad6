/**
 * Translation parity beyond the rule fixtures: the partner's place reaches the JSON and SARIF
 * reports (valid SARIF), a pair is judged the same when one file or the whole tree is
 * linted, the outline kept in the index is plain JSON computed by one pure function, and
 * values compare as values whatever their formatting.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeConfig, runCli } from './support/harness.js';
import { sarifErrors } from './support/ci-formats.js';
import { DRIFTED_PAIR, posting, tempDir, write } from './support/temp-site.js';
import { parsePosting } from '../src/engine/parse.js';
import { outliner } from '../src/pairing/outliner.js';
import { proseStats } from '../src/pairing/outline.js';
import { durationWords, parseNumber, scanValues, type DurationWordsTable } from '../src/pairing/values.js';
import { linkKey, linkNormaliser } from '../src/pairing/links.js';

const EN = posting({ key: 'dev', title: 'Developer', body: DRIFTED_PAIR.en });
const FR = posting({ key: 'dev', title: 'Développeuse ou développeur', body: DRIFTED_PAIR.fr });

function site(): string {
  const root = tempDir('parity');
  writeFileSync(join(root, 'postings.config.json'), JSON.stringify({ rules: {} }));
  write(root, 'content/en/dev.md', EN);
  write(root, 'content/fr/dev.md', FR);
  return root;
}

interface JsonMessage {
  ruleId: string;
  line: number;
  message: string;
  related?: Array<{ filePath: string; line: number; endLine?: number; message?: string }>;
}

function pairFindings(stdout: string): Map<string, JsonMessage[]> {
  const out = new Map<string, JsonMessage[]>();
  for (const r of JSON.parse(stdout) as Array<{ filePath: string; messages: JsonMessage[] }>) {
    out.set(
      r.filePath.replace(/^.*content\//, ''),
      r.messages.filter((m) => m.ruleId === 'pairing/structure' || m.ruleId === 'pairing/values'),
    );
  }
  return out;
}

describe('pairing/structure and pairing/values through the CLI', () => {
  const root = site();

  test('the JSON report carries the partner’s path and lines', () => {
    const r = runCli(['lint', '-f', 'json', 'content'], { cwd: root });
    const found = pairFindings(r.stdout);
    const fr = found.get('fr/dev.md')!;
    const items = fr.find((m) => m.ruleId === 'pairing/structure')!;
    expect(items.message).toContain('2 more items');
    expect(items.related).toEqual([
      { filePath: join(root, 'content/en/dev.md'), line: 16, column: 1, endLine: 17, message: 'What the English posting has here' },
    ]);
    const amount = fr.find((m) => m.ruleId === 'pairing/values')!;
    expect(amount.message).toBe('The amount “85 000 $” here is “$80,000” in the English posting (en/dev.md:10)');
    expect(amount.related![0]).toMatchObject({ filePath: join(root, 'content/en/dev.md'), line: 10 });
    // Reported on both sides; the English posting lacks no item.
    expect(found.get('en/dev.md')!.map((m) => m.ruleId)).toEqual(['pairing/values']);
  });

  test('SARIF gives the partner as relatedLocations, valid against the SARIF 2.1.0 schema', () => {
    const r = runCli(['lint', '-f', 'sarif', 'content'], { cwd: root });
    const log = JSON.parse(r.stdout);
    expect(sarifErrors(log)).toEqual([]);
    const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'pairing/structure');
    expect(result.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: 'content/en/dev.md', uriBaseId: '%SRCROOT%' },
          region: { startLine: 16, startColumn: 1, endLine: 17, endColumn: 1 },
        },
        message: { text: 'What the English posting has here' },
      },
    ]);
  });

  test('stylish prints the partner’s place under the finding, in both languages; github and junit do not', () => {
    const en = runCli(['lint', 'content'], { cwd: root }).stdout.split('\n');
    const at = en.findIndex((l) => l.includes('2 more items'));
    expect(at).toBeGreaterThan(0);
    expect(en[at + 1]).toMatch(/^ +↳ related: content\/en\/dev\.md:16–17 — What the English posting has here$/);
    const amount = en.findIndex((l) => l.includes('“85 000 $” here is'));
    expect(en[amount + 1]).toMatch(/^ +↳ related: content\/en\/dev\.md:10 — In the English posting$/);
    // Findings without a partner's place get no such line.
    expect(en.filter((l) => l.includes('↳')).length).toBe(en.filter((l) => /pairing\/(structure|values)$/.test(l)).length);
    const fr = runCli(['lint', '--locale', 'fr', 'content'], { cwd: root }).stdout.split('\n');
    const item = fr.findIndex((l) => l.includes('2 éléments de plus'));
    expect(fr[item + 1]).toMatch(/^ +↳ voir aussi\u00a0: content\/en\/dev\.md:16–17 — Ce que l’offre anglaise a ici$/);
    for (const format of ['github', 'junit']) {
      expect(runCli(['lint', '-f', format, 'content'], { cwd: root }).stdout).not.toMatch(/↳|What the English posting has here/);
    }
  });

  test('linting one file of the pair gives the same findings as linting the tree', () => {
    const whole = pairFindings(runCli(['lint', '-f', 'json', 'content'], { cwd: root }).stdout).get('fr/dev.md');
    const one = pairFindings(runCli(['lint', '-f', 'json', 'content/fr/dev.md'], { cwd: root }).stdout).get('fr/dev.md');
    expect(one).toEqual(whole);
  });

  test('messages in French use French quotation marks with no-break spaces', () => {
    const r = runCli(['lint', '-f', 'json', '--locale', 'fr', 'content'], { cwd: root });
    const fr = pairFindings(r.stdout).get('fr/dev.md')!;
    expect(fr.find((m) => m.ruleId === 'pairing/values')!.message).toBe(
      'Le montant «\u00a085 000 $\u00a0» ici vaut «\u00a0$80,000\u00a0» dans l’offre anglaise (en/dev.md:10)',
    );
  });
});

describe('the outline', () => {
  const config = makeConfig();
  const outline = outliner(config);

  test('is plain JSON, and the same for the same posting', () => {
    const a = outline(parsePosting(EN, '/site/content/en/dev.md', config.language));
    const b = outline(parsePosting(EN, '/site/content/en/dev.md', config.language));
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(b).toEqual(a);
    expect(a.blocks.map((x) => x.kind)).toEqual(['paragraph', 'heading', 'list']);
    expect(a.blocks[2]!.items!.length).toBe(4);
  });

  test('reads a bold paragraph as a heading, and list items of nested lists as items', () => {
    const p = posting({ body: '**What you will do**\n\n- One thing\n  - A nested thing\n- Another thing' });
    const o = outline(parsePosting(p, '/site/content/en/x.md', config.language));
    expect(o.blocks.map((x) => [x.kind, x.depth ?? null])).toEqual([
      ['heading', 0],
      ['list', null],
    ]);
    expect(o.blocks[1]!.items!.map((i) => i.depth)).toEqual([0, 1, 0]);
  });
});

describe('the outline keeps the lines of a paragraph written as sentences on their own lines', () => {
  const config = makeConfig();
  const outline = outliner(config);
  const read = (body: string) => outline(parsePosting(posting({ body }), '/site/content/fr/x.md', config.language)).blocks;

  test('each line a sentence, the next starting with a capital: their sizes and cognates are kept', () => {
    const [p] = read(
      'Notre arme secrète? Un [processus de gestion des incidents](https://example.ca/p) bien défini que l’on active.\nMon équipe a créé un robot qui lance l’intervention et prévient toutes les équipes concernées.',
    );
    expect(p!.lines?.length).toBe(2);
    expect(p!.lines![0]!.stems).toEqual(expect.arrayContaining(['proce', 'incid', 'defin']));
    expect(p!.lines![1]!.stems).not.toContain('proce');
  });

  test('prose wrapped by hand, lines broken in the middle of sentences, has none', () => {
    const [p] = read('We are looking for a person who can lead a team of designers and\nresearchers through the discovery phase of a new service for veterans.');
    expect(p!.lines).toBeUndefined();
  });
});

describe('the outline’s one-pass reading of prose', () => {
  // What it must equal: the patterns it replaces.
  const reference = (s: string) => {
    const stems = new Set<string>();
    for (const m of s.matchAll(/\p{L}{6,}/gu)) stems.add(m[0].slice(0, 12).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().slice(0, 5));
    return {
      size: s.replace(/[^\p{L}\p{N}]+/gu, '').length,
      words: [...s.matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)].length,
      stems: [...stems].sort(),
    };
  };
  const alphabet = ['a', 'É', 'é', 'e\u0301', 'ß', 'ſ', 'Ω', '中', '٣', '²', '7', ' ', '\u00a0', "'", '’', '-', '--', '.', '𝒜', '😀', '\ud800', '\udc00', 'x'.repeat(7), 'Développement', 'ENVIRONMENT', 'Admin', 'l’équipe', 'İstanbulite'];

  test('gives the size, words and stems the patterns give, on seeded random text', () => {
    let seed = 15;
    const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const len = Math.floor(next() * 30);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      expect([s, proseStats(s)]).toEqual([s, reference(s)]);
    }
  });
});

describe('values compare as values', () => {
  const keys = (text: string) => scanValues(text).map((v) => `${v.kind}:${v.key}`);

  test.each([
    ['$80,000', '80 000 $'],
    ['$80K', '80\u00a0000\u00a0$'],
    ['$80,000 to $95,000', '80 000 $ à 95 000 $'],
    ['$1.5 million', '1,5 million $'],
    ['March 3, 2023', '3 mars 2023'],
    ['Friday, March 3rd, 2023', 'le vendredi 3 mars 2023'],
    ['2023-03-03', '3 mars 2023'],
    ['March 2023', 'mars 2023'],
    ['5%', '5 %'],
    ['37.5 hours', '37,5 heures'],
    ['two years', '2 ans'],
    ['a 2-year term', 'un mandat de deux ans'],
  ])('%s is %s', (en, fr) => {
    expect(keys(en)).toEqual(keys(fr));
    expect(keys(en).length).toBeGreaterThan(0);
  });

  test.each([
    ['$80,000', '85 000 $'],
    ['March 3, 2023', '13 mars 2023'],
    ['5%', '15 %'],
  ])('%s is not %s', (en, fr) => {
    expect(keys(en)).not.toEqual(keys(fr));
  });

  test('numbers in either language’s notation', () => {
    expect(parseNumber('80,000')).toBe(80000);
    expect(parseNumber('80 000')).toBe(80000);
    expect(parseNumber('80.000,50')).toBe(80000.5);
    expect(parseNumber('37,5')).toBe(37.5);
    expect(parseNumber('37.5')).toBe(37.5);
  });

  test('a link and its counterpart in the other language are one link', () => {
    const n = linkNormaliser(makeConfig());
    const key = (u: string) => linkKey(u, n)!.key;
    expect(key('https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-eng.aspx?id=1#toc1')).toBe(
      key('https://www.tbs-sct.canada.ca/agreements-conventions/view-visualiser-fra.aspx?id=1'),
    );
    expect(key('https://www.canada.ca/fr/commission-fonction-publique/services/mesures-d-adaptation-matiere-evaluation.html')).toBe(
      key('https://www.canada.ca/en/public-service-commission/services/assessment-accommodation-page.html'),
    );
    expect(key('https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-eng.aspx?id=1')).not.toBe(
      key('https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-eng.aspx?id=15'),
    );
  });

  test('a link keeps the place in the page it names, decoded when it can be', () => {
    const n = linkNormaliser(makeConfig());
    const at = (u: string) => linkKey(u, n)!.fragment;
    expect(at('https://www.canada.ca/fr/secretariat-conseil-tresor/services/dotation/normes-qualification/centrale.html#%C3%A9tablissement')).toBe('établissement');
    expect(at('https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-eng.aspx?id=1#toc12259212260/')).toBe('toc12259212260');
    expect(at('https://example.com/page#%E9')).toBe('%e9');
    expect(at('/fr/carrieres/#Postuler')).toBe('postuler');
    expect(at('https://example.com/page')).toBe('');
  });
});

describe('the outline keeps what messages and item pairing need', () => {
  const config = makeConfig();
  const outline = outliner(config);
  const read = (p: string, file: string) => outline(parsePosting(p, file, config.language));

  test('a long link is shown with its end, where the place in the page is', () => {
    const o = read(
      posting({ body: 'A [degree](https://www.canada.ca/en/treasury-board-secretariat/services/staffing/qualification-standards/core.html#deg).' }),
      '/site/content/en/x.md',
    );
    const link = o.values.find((v) => v.kind === 'link')!;
    expect(link.text.endsWith('core.html#deg')).toBe(true);
    expect(link.text.length).toBeLessThanOrEqual(80);
    expect(link.fragment).toBe('deg');
  });

  test('an item with a line that starts with a bullet and no space is read as the two items the writer meant', () => {
    const o = read(posting({ body: '- Transform constraints into creative levers;\n-Raise questions early, not midway through the work\n- Persevere' }), '/site/content/en/x.md');
    const items = o.blocks[0]!.items!;
    expect(items.map((i) => i.line)).toEqual([10, 11, 12]);
    expect(items[1]!.stems).toContain('quest');
    expect(items[0]!.stems).not.toContain('quest');
  });

  test('three or more plain lines of capitalized phrases are read as a list; wrapped prose is not', () => {
    const lost = read(posting({ body: 'You identify exceptional candidates in tech\nYou manage a full recruitment cycle\nYou work closely with hiring managers' }), '/site/content/en/x.md');
    expect(lost.blocks.map((b) => [b.kind, b.items?.length ?? 0])).toEqual([['list', 3]]);
    const wrapped = read(posting({ body: 'The Canadian Digital Service is hiring. This paragraph is wrapped\nby hand at a fixed width, so its lines start in the middle\nof sentences and it stays a paragraph.' }), '/site/content/en/x.md');
    expect(wrapped.blocks.map((b) => b.kind)).toEqual(['paragraph']);
  });

  test('an item’s second-language profile is an anchor of the item, not of its block', () => {
    const o = read(posting({ body: '- Bilingual (in government terms, BBB)\n- Curious' }), '/site/content/en/x.md');
    expect(o.blocks[0]!.items![0]!.anchors).toContain('profile:BBB');
    expect(o.blocks[0]!.anchors).not.toContain('profile:BBB');
  });
});

describe('durations written in words', () => {
  const keys = (text: string, config = makeConfig()) =>
    scanValues(text, 500, durationWords(config.data['durations'] as DurationWordsTable)).map((v) => [v.key, v.text ?? text.slice(v.start, v.end)]);

  test('read as numbers of months and days, in both languages, and numbers listed before one unit each count', () => {
    expect(keys('We deploy quarterly, semi-annually, or annually.')).toEqual([
      ['3:month', 'quarterly'],
      ['6:month', 'semi-annually'],
      ['12:month', 'annually'],
    ]);
    expect(keys('Nous déployons tous les 4, 6 ou 12 mois.')).toEqual([
      ['4:month', '4 mois'],
      ['6:month', '6 mois'],
      ['12:month', '12 mois'],
    ]);
    // A year and a half is not a year; « huit jours » is a week.
    expect(keys('a year and a half, 18 months, un an et demi, huit jours, a week')).toEqual([
      ['18:month', 'a year and a half'],
      ['18:month', '18 months'],
      ['18:month', 'un an et demi'],
      ['7:day', 'huit jours'],
      ['7:day', 'a week'],
    ]);
    expect(keys('un mandat de deux ans, par année, hebdomadaire')).toEqual([
      ['24:month', 'deux ans'],
      ['12:month', 'par année'],
      ['7:day', 'hebdomadaire'],
    ]);
  });

  test('a range is one value, its two ends together, and a kind of day may stand before the unit', () => {
    expect(keys('within 10-14 business days')).toEqual([['10..14:day', '10-14 business days']]);
    expect(keys('de 3 à 6 mois, 3 to 6 months')).toEqual([
      ['3..6:month', '3 à 6 mois'],
      ['3..6:month', '3 to 6 months'],
    ]);
    expect(keys('dans un délai de 14 jours ouvrables, within 5 working days')).toEqual([
      ['14:day', '14 jours'],
      ['5:day', '5 working days'],
    ]);
  });

  test('come from the durations data table, which configuration extends', () => {
    expect(keys('Reviews happen biennially.')).toEqual([]);
    const config = makeConfig({ data: { durations: { words: [{ id: 'biennially', lang: 'en', every: 2, unit: 'year', forms: ['biennially'] }] } } });
    expect(keys('Reviews happen biennially.', config)).toEqual([['24:month', 'biennially']]);
    // The built-in words are kept.
    expect(keys('and quarterly', config)).toEqual([['3:month', 'quarterly']]);
  });

  test('a form that is not lower-case words is a configuration error', () => {
    expect(() => makeConfig({ data: { durations: { words: [{ id: 'x', lang: 'en', every: 1, unit: 'year', forms: ['(a|b)+'] }] } } })).toThrow(/durations/);
  });
});

describe('pairing/structure messages say one item in the singular, in both languages', () => {
  const root = tempDir('plural');
  writeFileSync(join(root, 'postings.config.json'), JSON.stringify({ rules: {} }));
  const body = (list: string) => `The service is live and the partner keeps it running for everyone.\n\n${list}\n\nYou will hand over the code and the documentation.`;
  write(root, 'content/en/ops.md', posting({ key: 'ops', title: 'Operations lead', body: body('- Remember that a public service is never done') }));
  write(
    root,
    'content/fr/ops.md',
    posting({ key: 'ops', title: 'Responsable des opérations', body: 'Le service est en ligne et le partenaire en assure le fonctionnement pour tout le monde.\n\nVous remettrez le code et la documentation.' }),
  );

  test.each([
    ['en', 'The English posting has a list of 1 item here that this posting lacks'],
    ['fr', 'L’offre anglaise a ici une liste de 1 élément qui manque dans cette offre'],
  ])('%s', (locale, start) => {
    const r = runCli(['lint', '-f', 'json', '--locale', locale, 'content'], { cwd: root });
    const fr = pairFindings(r.stdout).get('fr/ops.md')!;
    expect(fr.map((m) => m.message.slice(0, start.length))).toEqual([start]);
  });
});

describe('pairing/values compares counts unless the kinds option leaves them out', () => {
  const site = (rules: Record<string, unknown>) => {
    const root = tempDir('counts');
    writeFileSync(join(root, 'postings.config.json'), JSON.stringify({ rules }));
    write(root, 'content/en/c.md', posting({ key: 'c', title: 'Community manager', body: 'The platform has more than 120,000 users in the public service.' }));
    write(root, 'content/fr/c.md', posting({ key: 'c', title: 'Gestionnaire de communauté', body: 'La plateforme a plus de 160 000 utilisateurs dans la fonction publique.' }));
    return root;
  };
  const messages = (root: string) => pairFindings(runCli(['lint', '-f', 'json', 'content'], { cwd: root }).stdout).get('en/c.md')!.map((m) => m.message);

  test('on by default', () => {
    expect(messages(site({}))).toEqual(['The number “120,000” here is “160 000” in the French posting (fr/c.md:10)']);
  });

  test('off when `count` is not among the kinds', () => {
    const kinds = ['amount', 'percent', 'date', 'month', 'duration', 'code', 'email', 'link'];
    expect(messages(site({ 'pairing/values': ['error', { kinds }] }))).toEqual([]);
  });
});

