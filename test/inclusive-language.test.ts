/**
 * inclusive-language/*: the labelled sentence sets (precision and recall), exact positions,
 * suggestions that --fix never applies, silencing one entry, and users' own lexicon terms.
 */
import { readFileSync, mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { FIXTURES, ROOT, lintString, makeConfig, rules, runCli } from './support/harness.js';
import { compile } from '../src/engine/ajv.js';
import type { Finding, ResolvedConfig } from '../src/types.js';

const IDS = rules.map((r) => r.meta.id).filter((id) => id.startsWith('inclusive-language/'));

function inclusiveOnly(extra: Record<string, unknown> = {}, options: Record<string, Record<string, unknown>> = {}): ResolvedConfig {
  const settings: Record<string, unknown> = {};
  for (const r of rules) settings[r.meta.id] = 'off';
  for (const id of IDS) {
    const sev = rules.find((r) => r.meta.id === id)!.meta.defaultSeverity;
    settings[id] = options[id] ? [sev, options[id]] : sev;
  }
  return makeConfig({ ...extra, rules: settings });
}

const config = inclusiveOnly();

interface Labelled {
  text: string;
  flag: boolean;
  where?: 'body' | 'title' | 'heading' | 'description';
}

function posting(s: Labelled): string {
  const q = JSON.stringify(s.text);
  switch (s.where ?? 'body') {
    case 'title':
      return `---\ntitle: ${q}\n---\n`;
    case 'description':
      return `---\ndescription: ${q}\n---\n`;
    case 'heading':
      return `---\ntitle: x\n---\n\n## ${s.text}\n`;
    default:
      return `---\ntitle: x\n---\n\n${s.text}\n`;
  }
}

describe.each(['en', 'fr'] as const)('labelled set (%s), written before the lexicons were tuned', (lang) => {
  const { sentences } = JSON.parse(
    readFileSync(join(FIXTURES, 'inclusive', `labelled-${lang}.json`), 'utf8'),
  ) as { sentences: Labelled[] };

  test('is large enough and about half correct', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(lang === 'en' ? 40 : 60);
    const flagged = sentences.filter((s) => s.flag).length;
    expect(flagged / sentences.length).toBeGreaterThan(0.4);
    expect(flagged / sentences.length).toBeLessThan(0.6);
  });

  test('precision is at least 0.95 and recall at least 0.85', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const s of sentences) {
      const found = lintString(posting(s), `/site/${lang}/careers/x.md`, config).length > 0;
      if (found && s.flag) tp++;
      else if (found) {
        fp++;
        wrong.push(`false alarm: ${s.text}`);
      } else if (s.flag) {
        fn++;
        wrong.push(`missed: ${s.text}`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect({ precision: precision >= 0.95, recall: recall >= 0.85, wrong }).toEqual({
      precision: true,
      recall: true,
      wrong: expect.any(Array),
    });
  });
});

describe('lexicons', () => {
  test.each(['en', 'fr'])('data/inclusive-%s.json matches its schema and ids are unique', (lang) => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'data', `inclusive-${lang}.schema.json`), 'utf8'));
    const table = JSON.parse(readFileSync(join(ROOT, 'data', `inclusive-${lang}.json`), 'utf8'));
    const validate = compile(schema);
    expect(validate(table) ? [] : validate.errors).toEqual([]);
    const ids = (table.entries as Array<{ id: string }>).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every entry has a message in both languages and every pattern compiles', () => {
    for (const lang of ['en', 'fr']) {
      const table = JSON.parse(readFileSync(join(ROOT, 'data', `inclusive-${lang}.json`), 'utf8'));
      for (const e of table.entries) {
        expect([e.id, e.message.en.length > 10, e.message.fr.length > 10]).toEqual([e.id, true, true]);
        if (e.pattern) expect(() => new RegExp(e.pattern, 'u')).not.toThrow();
      }
    }
  });
});

function only(findings: Finding[], id: string): Finding[] {
  return findings.filter((f) => f.ruleId === id);
}

describe('positions and suggestions', () => {
  test('a folded description maps back to the exact columns', () => {
    const text = '---\ntitle: x\ndescription: >-\n  We want a DevOps\n  ninja and a wizard.\n---\n';
    const [a, b] = only(lintString(text, '/s/en/x.md', config), 'inclusive-language/terms');
    expect([a!.line, a!.column, a!.endColumn, b!.line, b!.column, b!.endColumn]).toEqual([5, 3, 8, 5, 15, 21]);
    expect(text.slice(a!.range![0], a!.range![1])).toBe('ninja');
  });

  test('a single-quoted title with a doubled quote keeps exact columns', () => {
    const text = "---\ntitle: 'L''équipe cherche un rédacteur technique'\n---\n";
    const f = only(lintString(text, '/s/fr/x.md', config), 'inclusive-language/masculine-title');
    expect(f.map((x) => text.slice(x.range![0], x.range![1]))).toEqual(['rédacteur technique']);
    expect(f[0]!.severity).toBe('error');
  });

  test('a words spanning a folded line keep exact ranges', () => {
    const text = '---\ntitle: x\ndescription: >-\n  Priorité aux anciens\n  combattants.\n---\n';
    const [f] = lintString(text, '/s/fr/x.md', config);
    expect(text.slice(f!.range![0], f!.range![1])).toBe('anciens\n  combattants');
    expect([f!.line, f!.column, f!.endLine, f!.endColumn]).toEqual([4, 16, 5, 14]);
  });

  test('escaped Markdown and entities keep exact columns', () => {
    const text = '---\ntitle: x\n---\n\nA \\*starred\\* &amp; crazy plan.\n';
    const [f] = lintString(text, '/s/en/x.md', config);
    expect(text.slice(f!.range![0], f!.range![1])).toBe('crazy');
  });

  test('findings carry suggestions as edits, in the locale of the messages', () => {
    const text = '---\ntitle: Développeur principal\n---\n';
    const [f] = lintString(text, '/s/fr/x.md', config, 'fr');
    expect(f!.fix).toBeUndefined();
    expect(f!.suggestions).toEqual([
      {
        desc: 'Remplacer par «\u00a0Développeur principal ou développeuse principale\u00a0»',
        fix: { range: [11, 32], text: 'Développeur principal ou développeuse principale' },
      },
    ]);
    expect(f!.message).toContain('titre de poste au masculin seulement');
  });

  test('suggestions seen wrong on real text are right (issue 11)', () => {
    const suggest = (body: string) =>
      lintString(`---\ntitle: x\n---\n\n${body}\n`, '/s/fr/x.md', config).map((f) => f.suggestions?.[0]?.fix.text);
    expect(suggest('Nous recherchons un (e) person (ne) qui saura aider.')).toEqual(['une personne']);
    expect(suggest('Nous servons les Canadien(ne)s.')).toEqual(['Canadiens et Canadiennes']);
    // `développeur(-euse)` already has its feminine: an abbreviated doublet, never a masculine title.
    const dev = lintString('---\ntitle: Développeur(-euse) principal(e)\n---\n', '/s/fr/x.md', config);
    expect(dev.map((f) => [f.ruleId, f.suggestions?.[0]?.fix.text])).toEqual([
      ['inclusive-language/abbreviated-doublet', 'Développeur principal ou développeuse principale'],
    ]);
  });

  test('issue 12 point 13: « comme développeur principal » is found as « un développeur principal » is', () => {
    const words = (text: string) =>
      lintString(text, '/s/fr/x.md', config)
        .filter((f) => f.ruleId === 'inclusive-language/masculine-title')
        .map((f) => text.slice(f.range![0], f.range![1]));
    expect(words('---\ntitle: x\ndescription: Vous travaillerez comme développeur principal.\n---\n')).toEqual(['développeur principal']);
    expect(words('---\ntitle: x\n---\n\nVous travaillerez comme développeur principal.\n')).toEqual(['développeur principal']);
    expect(words('---\ntitle: x\n---\n\nNous recherchons un développeur principal.\n')).toEqual(['développeur principal']);
    // The writer speaking of themself is a known person.
    expect(words('---\ntitle: x\n---\n\nAyant travaillé comme développeur principal, je le sais.\n')).toEqual([]);
  });

  test('the rules offer suggestions but are not fixable', () => {
    for (const id of IDS) {
      const meta = rules.find((r) => r.meta.id === id)!.meta;
      expect([id, meta.fixable, meta.hasSuggestions]).toEqual([id, false, true]);
    }
  });
});

describe('CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'postings-inclusive-'));
    mkdirSync(join(dir, 'en'));
    writeFileSync(join(dir, 'en', 'a.md'), '---\ntitle: x\n---\n\nHey guys, the chairman says hi.\n');
    writeFileSync(join(dir, 'postings.config.json'), JSON.stringify({ rules: { 'frontmatter/schema': 'off', 'frontmatter/missing': 'off' } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the CLI reports wording findings as warnings and exits 0', () => {
    const r = runCli(['lint', 'en'], { cwd: dir });
    expect(r.stdout).toContain('5:5');
    expect(r.stdout).toContain('“guys” addresses men only: write “everyone”');
    expect(r.status).toBe(0);
  });

  test('the JSON report carries suggestions', () => {
    const r = runCli(['lint', '--format', 'json', 'en'], { cwd: dir });
    const [file] = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; column: number; suggestions?: unknown[] }> }>;
    const msgs = file!.messages.filter((m) => m.ruleId === 'inclusive-language/terms');
    expect(msgs.map((m) => m.column)).toEqual([5, 15]);
    expect(msgs[0]!.suggestions).toEqual([
      { desc: 'Replace with “everyone”', fix: { range: [22, 26], text: 'everyone' } },
      { desc: 'Replace with “folks”', fix: { range: [22, 26], text: 'folks' } },
      { desc: 'Replace with “team”', fix: { range: [22, 26], text: 'team' } },
    ]);
  });
});

describe('silencing and extending', () => {
  const text = '---\ntitle: x\n---\n\nHey guys, the chairman says hi.\n';

  test('a directive can silence one entry by id and leave the others', () => {
    const t = '---\ntitle: x\n---\n\n<!-- postings-disable-next-line inclusive-language/terms:guys -->\nHey guys, the chairman says hi.\n';
    const found = lintString(t, '/s/en/x.md', config);
    expect(found.map((f) => `${f.ruleId}:${f.column}`)).toEqual(['inclusive-language/terms:15']);
  });

  test('the ignore and allow options silence entries and words', () => {
    const c = inclusiveOnly({}, { 'inclusive-language/terms': { ignore: ['guys'], allow: ['Chairman'] } });
    expect(lintString(text, '/s/en/x.md', c)).toEqual([]);
  });

  test('an unknown entry id in `ignore` is a configuration error with a guess', () => {
    expect(() => inclusiveOnly({}, { 'inclusive-language/terms': { ignore: ['guyz'] } })).toThrow(
      /rules\.inclusive-language\/terms\.ignore\.0: unknown entry `guyz`; did you mean `guys`\?/,
    );
    expect(() => inclusiveOnly({}, { 'inclusive-language/masculine-title': { ignore: ['gestionnaires'] } })).toThrow(
      /did you mean `gestionnaire`/,
    );
    expect(() => inclusiveOnly({}, { 'inclusive-language/abbreviated-doublet': { ignore: ['abbreviated'] } })).not.toThrow();
  });

  test('an entry a user adds to a lexicon can be ignored', () => {
    const entry = { id: 'hustle', category: 'jargon', forms: ['hustle'], message: { en: 'Avoid', fr: 'Évitez' } };
    const c = inclusiveOnly({ data: { 'inclusive-en': { entries: [entry] } } }, { 'inclusive-language/terms': { ignore: ['hustle'] } });
    expect(lintString('---\ntitle: x\n---\n\nWe love the hustle.\n', '/s/en/x.md', c)).toEqual([]);
  });

  test('users add their own terms through the data table', () => {
    const c = inclusiveOnly({
      data: {
        'inclusive-en': {
          entries: [
            {
              id: 'hustle',
              category: 'jargon',
              forms: ['hustle'],
              message: { en: 'Avoid “{word}”', fr: 'Évitez « {word} »' },
              suggestions: ['effort'],
            },
          ],
        },
      },
    });
    const found = lintString('---\ntitle: x\n---\n\nWe love the hustle.\n', '/s/en/x.md', c);
    expect(found.map((f) => [f.message, f.column, f.suggestions?.[0]?.fix.text])).toEqual([['Avoid “hustle”', 13, 'effort']]);
  });

  test('users extend the French agreement words through the data table (arrays are added to)', () => {
    const text = '---\ntitle: x\n---\n\nNous travaillerons avec des notaires chevronnés.\n';
    expect(lintString(text, '/s/fr/x.md', config).filter((f) => f.ruleId === 'inclusive-language/masculine-agreement')).toEqual([]);
    const c = inclusiveOnly({ data: { 'inclusive-fr': { agreement: { epicenePlural: ['notaires'] } } } });
    const found = lintString(text, '/s/fr/x.md', c).filter((f) => f.ruleId === 'inclusive-language/masculine-agreement');
    expect(found.map((f) => [text.slice(f.range![0], f.range![1]), f.suggestions?.[0]?.fix.text])).toEqual([
      ['notaires chevronnés', 'notaires chevronnées et chevronnés'],
    ]);
  });

  test('a user entry without a message is a configuration error', () => {
    expect(() =>
      inclusiveOnly({ data: { 'inclusive-en': { entries: [{ id: 'x', category: 'jargon', forms: ['x'] }] } } }),
    ).toThrow(/message/);
  });
});
