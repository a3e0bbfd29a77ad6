/**
 * Pairing across files: a single linted file still finds its partners (the CLI indexes the
 * whole content root), pairing by path, classification codes compared through the index,
 * and duplicates on the partner side.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, makeConfig, onlyRule, lintFolder, rules, runCli } from './support/harness.js';
import { parsePosting } from '../src/engine/parse.js';
import { lintPosting } from '../src/engine/lint.js';
import { buildIndex } from '../src/engine/project-index.js';
import { codeExtractor } from '../src/lib/classification-codes.js';
import type { ResolvedConfig } from '../src/types.js';
import { outliner } from '../src/pairing/outliner.js';
import { structureGaps, valueDiffs } from '../src/pairing/compare.js';

interface JsonFile {
  filePath: string;
  messages: Array<{ ruleId: string; line: number; column: number; message: string }>;
}

const SITE = join('fixtures', 'site', 'content');
const PM = join(SITE, 'en', 'careers', 'positions', 'product-manager.md');

function missingIn(stdout: string, file: string) {
  const results = JSON.parse(stdout) as JsonFile[];
  const result = results.find((r) => r.filePath.endsWith(file));
  return result?.messages.filter((m) => m.ruleId === 'pairing/missing-translation');
}

describe('pairing/missing-translation from the command line', () => {
  test('linting one file finds the same missing partner as linting the whole site', () => {
    const config = join('fixtures', 'empty-config.json');
    const one = runCli(['lint', PM, '--config', config, '--format', 'json']);
    const all = runCli(['lint', SITE, '--config', config, '--format', 'json']);
    expect(one.status).toBe(1);
    const single = missingIn(one.stdout, 'product-manager.md');
    expect(single).toHaveLength(1);
    expect(single![0]).toMatchObject({ line: 8, column: 17 });
    expect(single![0]!.message).toBe(
      'No French posting has translationKey `product-manager`; did you mean `product-managere` (fr/careers/positions/gestionnaire-de-produit.md)?',
    );
    expect(missingIn(all.stdout, 'product-manager.md')).toEqual(single);
  });

  test('says it in French with --locale fr', () => {
    const r = runCli(['lint', PM, '--config', join('fixtures', 'empty-config.json'), '--format', 'json', '--locale', 'fr']);
    expect(missingIn(r.stdout, 'product-manager.md')![0]!.message).toBe(
      'Aucune offre française n’a la clé translationKey `product-manager`. Vouliez-vous dire `product-managere` (fr/careers/positions/gestionnaire-de-produit.md)?',
    );
  });
});

describe('pairing by path', () => {
  const config = onlyRule('pairing/missing-translation', undefined, { pairing: { by: 'path' } });
  const found = lintFolder(join(FIXTURES, 'pairing-by-path'), config);

  test('pairs en/x.md with fr/x.md and with fr/x.fr.md, whatever their keys', () => {
    expect(found.get('en/careers/designer.md')).toEqual([]);
    expect(found.get('fr/careers/designer.md')).toEqual([]);
    expect(found.get('en/careers/writer.md')).toEqual([]);
    expect(found.get('fr/careers/writer.fr.md')).toEqual([]);
  });

  test('reports a posting with no partner at its path, with the closest unpaired file', () => {
    expect(found.get('en/careers/analyst.md')!.map((f) => f.message)).toEqual([
      'No French posting at `careers/analyst.md`; is it fr/careers/analyste.md?',
    ]);
    expect(found.get('fr/careers/analyste.md')!.map((f) => f.message)).toEqual([
      'No English posting at `careers/analyste.md`; is it en/careers/analyst.md?',
    ]);
  });

  test('rejects an unknown pairing mode in configuration', () => {
    expect(() => makeConfig({ pairing: { by: 'title' } })).toThrow(/pairing/);
  });
});

/** Lint postings given as text, as one project whose index carries classification codes. */
function lintProject(files: Record<string, string>, config: ResolvedConfig) {
  const parsed = Object.entries(files).map(([path, text]) => parsePosting(text, `/site/${path}`, config.language));
  const index = buildIndex(
    parsed.map((p) => ({ filePath: p.filePath, displayPath: p.filePath.slice('/site/'.length), parsed: p })),
    config.language,
    codeExtractor(config),
  );
  const out: Record<string, string[]> = {};
  for (const p of parsed) {
    out[p.filePath.slice('/site/'.length)] = lintPosting(p, { filePath: p.filePath, config, rules, locale: 'en', project: index }).map(
      (f) => `${f.ruleId}:${f.line}: ${f.message}`,
    );
  }
  return out;
}

const posting = (key: string, body: string, lever = '0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b') =>
  `---\ntitle: Developer\narchived: false\ntranslationKey: ${key}\nleverId: ${lever}\n---\n\n${body}\n`;

describe('pairing/mismatch on classification codes', () => {
  const config = onlyRule('pairing/mismatch');

  test('reports codes that differ between the two bodies, on both sides', () => {
    const out = lintProject(
      {
        'en/dev.md': posting('dev', 'This is an IT-03 or IT-04 position.'),
        'fr/dev.md': posting('dev', 'Il s’agit d’un poste IT-04.'),
      },
      config,
    );
    expect(out['en/dev.md']).toEqual([
      'pairing/mismatch:4: The classification codes differ from the French posting (fr/dev.md): here IT-03, IT-04; there IT-04',
    ]);
    expect(out['fr/dev.md']).toEqual([
      'pairing/mismatch:4: The classification codes differ from the English posting (en/dev.md): here IT-04; there IT-03, IT-04',
    ]);
  });

  test('stays quiet when the codes agree, however they are written', () => {
    const out = lintProject(
      {
        'en/dev.md': posting('dev', 'This is a CS-04 position.'),
        'fr/dev.md': posting('dev', 'Il s’agit d’un poste CS4.'),
      },
      config,
    );
    expect(out).toEqual({ 'en/dev.md': [], 'fr/dev.md': [] });
  });
});

describe('did you mean', () => {
  const config = onlyRule('pairing/missing-translation');
  const A = '0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b';

  test('finds the partner by the `--<leverId>.md` ending of its file name when keys are far apart', () => {
    const out = lintProject(
      {
        'en/dev.md': posting('senior-developer-2024', 'Text.', A),
        [`fr/developpeur--${A}.md`]: `---\ntitle: Développeur\ntranslationKey: poste-dev\n---\n\nTexte.\n`,
      },
      config,
    );
    expect(out['en/dev.md']).toEqual([
      `pairing/missing-translation:4: No French posting has translationKey \`senior-developer-2024\`; did you mean \`poste-dev\` (fr/developpeur--${A}.md)?`,
    ]);
  });

  test('says nothing when no posting of the other language is in sight (one file outside a content root)', () => {
    expect(lintProject({ 'en/dev.md': posting('senior-developer', 'Text.', A) }, config)).toEqual({ 'en/dev.md': [] });
  });

  test('names no posting when none is close', () => {
    const out = lintProject(
      { 'en/dev.md': posting('senior-developer', 'Text.', A), 'fr/autre.md': posting('conseiller-politiques', 'Texte.', '5d1f0c8e-2a6b-4e3f-8c7d-9b0a1e2f3c4d') },
      config,
    );
    expect(out['en/dev.md']).toEqual(['pairing/missing-translation:4: No French posting has translationKey `senior-developer`']);
  });
});

describe('duplicates on the partner side', () => {
  const config = onlyRule('pairing/lever-id');
  const A = '0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b';
  const B = '5d1f0c8e-2a6b-4e3f-8c7d-9b0a1e2f3c4d';

  test('a difference that holds against every copy is reported', () => {
    const out = lintProject(
      {
        'en/dev.md': posting('dev', 'Text.', A),
        'fr/dev.md': posting('dev', 'Texte.', B),
        [`fr/dev--${B}.md`]: posting('dev', 'Texte.', B),
      },
      config,
    );
    expect(out['en/dev.md']).toHaveLength(1);
    expect(out['en/dev.md']![0]).toContain(`(fr/dev--${B}.md, fr/dev.md)`);
  });

  test('copies that disagree with each other leave the question to pairing/duplicate-key', () => {
    const out = lintProject(
      {
        'en/dev.md': posting('dev', 'Text.', A),
        'fr/dev.md': posting('dev', 'Texte.', A),
        [`fr/dev--${B}.md`]: posting('dev', 'Texte.', B),
      },
      config,
    );
    expect(out['en/dev.md']).toEqual([]);
  });
});

describe('built-in data tables of the bilingual rules', () => {
  test.each(['accommodation', 'placeholders'])('data/%s.json matches its schema', async (name) => {
    const { compile } = await import('../src/engine/ajv.js');
    const root = join(FIXTURES, '..');
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'data', `${name}.schema.json`), 'utf8'));
    const data = JSON.parse(readFileSync(join(root, 'data', `${name}.json`), 'utf8'));
    const validate = compile(schema);
    expect([validate(data), validate.errors ?? null]).toEqual([true, null]);
  });

  test('a user can add a placeholder phrase in configuration', () => {
    const config = onlyRule('content/placeholder', undefined, { data: { placeholders: { standalone: ['en attente'] } } });
    const out = lintProject({ 'fr/dev.md': posting('dev', 'Salaire : en attente') }, config);
    expect(out['fr/dev.md']).toEqual(['content/placeholder:8: Placeholder text “en attente” left in the posting; write the real content']);
  });
});

describe('pairing/duplicate-key', () => {
  test('names every other posting that shares the key', () => {
    const found = lintFolder(join(FIXTURES, 'rules', 'pairing', 'duplicate-key'), onlyRule('pairing/duplicate-key'), 'fr');
    expect(found.get('en/designer.md')!.map((f) => f.message)).toEqual([
      '2 autres offres anglaises ont la clé translationKey `designer`\u00a0: en/designer--7e2a9b4c-1d3f-4a5e-b6c7-d8e9f0a1b2c3.md, en/designer-2023.md; gardez-en une seule, ou donnez à chacune sa propre clé',
    ]);
  });
});

describe('a pair is compared once for both of its postings', () => {
  // Both postings of a pair are linted in one job and each asks pairing/structure and
  // pairing/values for the same comparison (English first): the second gets the first's.
  const dir = join(FIXTURES, 'clean-pair', 'content');
  const en = join(dir, 'en', 'careers', 'positions', 'senior-developer--0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b.md');
  const fr = join(dir, 'fr', 'careers', 'positions', 'developpeur-principal-ou-developpeuse-principale--0b5c3a2e-7d5f-4c1e-9a3b-2f6d8e9c1a4b.md');
  const config = makeConfig();
  const outlineOf = (file: string) => outliner(config)(parsePosting(readFileSync(file, 'utf8'), file, config.language));
  const options = { minWords: 8, minItems: 1, sections: true, lists: true, paragraphs: true };
  const kinds = new Set(['date', 'email', 'amount'] as const);

  test('the same outlines give the gaps and the value differences already found', () => {
    const [a, b] = [outlineOf(en), outlineOf(fr)];
    expect(structureGaps(a, b, options)).toBe(structureGaps(a, b, { ...options }));
    expect(valueDiffs(a, b, kinds)).toBe(valueDiffs(a, b, new Set(kinds)));
  });

  test('other outlines (a posting edited in an editor) or other options are compared again', () => {
    const [a, b] = [outlineOf(en), outlineOf(fr)];
    const gaps = structureGaps(a, b, options);
    expect(structureGaps(outlineOf(en), b, options)).not.toBe(gaps);
    expect(structureGaps(a, b, { ...options, minWords: 3 })).not.toBe(gaps);
    expect(structureGaps(outlineOf(en), b, options)).toEqual(gaps);
    expect(valueDiffs(a, b, kinds)).not.toBe(valueDiffs(a, b, new Set(['email', 'date', 'amount'] as const)));
  });
});
