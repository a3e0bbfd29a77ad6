/**
 * Every rule, by example: `fixtures/rules/<rule id>/` holds English (`en/`) and French
 * (`fr/`) postings and `expected.json`, which maps each file to the findings it must give
 * (`"rule/id:line"` or `"rule/id:line:column"`; `[]` for a file that must stay clean).
 * The folder is linted as one project (it is the content root for pairing) through the
 * real engine, with only that rule on. An optional `config.json` in the folder is the
 * configuration to use (its `rules` entry for the rule under test gives its options). A
 * folder with a `hugo.toml` is a Hugo site (its `en/` and `fr/` are the languages' content
 * folders), for the rules that read the site's layouts and pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, ROOT, lintFolder, onlyRule, rules, signature, withSite } from './support/harness.js';
import { walkMarkdown } from '../src/cli/files.js';

const ENGINE_ONLY = new Set(['internal/rule-error', 'internal/read-error', 'internal/write-error']);

describe.each(rules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  test('has documentation in English and French', () => {
    for (const file of [`${id}.md`, `${id}.fr.md`]) {
      const path = join(ROOT, 'docs', 'rules', file);
      expect(existsSync(path)).toBe(true);
      const text = readFileSync(path, 'utf8');
      expect(text).toContain(id);
    }
  });

  test('describes itself and its messages in both languages', () => {
    expect(rule.meta.description.en.length).toBeGreaterThan(10);
    expect(rule.meta.description.fr.length).toBeGreaterThan(10);
    expect(rule.meta.description.fr).not.toEqual(rule.meta.description.en);
    for (const [messageId, m] of Object.entries(rule.meta.messages)) {
      expect([messageId, m.en.length > 0 && m.fr.length > 0]).toEqual([messageId, true]);
    }
  });

  test('its id is its path under src/rules', () => {
    expect(existsSync(join(ROOT, 'src', 'rules', `${id}.ts`))).toBe(true);
  });

  if (ENGINE_ONLY.has(id)) return;

  const dir = join(FIXTURES, 'rules', id);
  test('has failing and passing fixtures in both languages', () => {
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;
    for (const lang of ['en', 'fr']) {
      const files = Object.keys(expected).filter((f) => f.startsWith(`${lang}/`));
      expect([lang, files.some((f) => expected[f]!.length > 0)]).toEqual([lang, true]);
      expect([lang, files.some((f) => expected[f]!.length === 0)]).toEqual([lang, true]);
    }
  });

  test('gives exactly the expected findings on its fixtures', async () => {
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;
    const configFile = join(dir, 'config.json');
    const extra = existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : {};
    const setting = extra.rules?.[id];
    const options = Array.isArray(setting) ? setting[1] : undefined;
    const { rules: _ignored, ...rest } = extra;
    void _ignored;
    // A fixture folder that is a Hugo site (hugo.toml) is linted in that site.
    const config = await withSite(dir, onlyRule(id, options, rest));
    const found = lintFolder(dir, config);
    // Every fixture file is listed, so that none is silently unchecked.
    expect(Object.keys(expected).sort()).toEqual(
      walkMarkdown(dir)
        .map((f) => f.slice(dir.length + 1).split('\\').join('/'))
        .sort(),
    );
    for (const [file, want] of Object.entries(expected)) {
      const withColumn = want.some((w) => w.split(':').length === 3);
      const got = (found.get(file) ?? []).map((f) => signature(f, withColumn)).sort();
      expect({ file, findings: got }).toEqual({ file, findings: [...want].sort() });
    }
  });
});
