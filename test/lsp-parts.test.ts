/** Pure parts of the language server: hover text, locales, the smallest edit. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { escapeMarkdown, ruleExplanation } from '../src/lsp/hover.js';
import { minimalEdit } from '../src/lsp/actions.js';
import { findingCode, ruleDocsUrl } from '../src/lsp/diagnostics.js';
import { localeOf } from '../src/lsp/server.js';
import { ROOT, rules } from './support/harness.js';

describe('hover text', () => {
  test('every rule has an explanation in both languages, from its page', () => {
    for (const rule of rules) {
      for (const locale of ['en', 'fr'] as const) {
        const text = ruleExplanation(rule.meta.id, locale);
        expect(text && text.length > 40).toBe(true);
        // Links between rule pages point at the published pages, never relative files.
        expect(text).not.toMatch(/\]\((?!https:)[^)]*\.md\)/);
      }
    }
    expect(ruleExplanation('pairing/missing-translation', 'fr')).toContain('**Pourquoi**');
    expect(ruleExplanation('pairing/missing-translation', 'en')).toContain('**Why**');
  });

  test('posting text in a message shows as text, not as Markdown, HTML or a link', () => {
    const shown = escapeMarkdown('“<img src=x onerror=alert(1)>” [click](command:x) **bold**');
    expect(shown).toBe('“\\<img src=x onerror=alert\\(1\\)\\>” \\[click\\]\\(command:x\\) \\*\\*bold\\*\\*');
  });

  test('rule pages in the locale; the code names the entry', () => {
    expect(ruleDocsUrl('links/https', 'fr')).toMatch(/docs\/rules\/links\/https\.fr\.md$/);
    expect(ruleDocsUrl('links/https', 'en')).toMatch(/docs\/rules\/links\/https\.md$/);
    const base = { ruleId: 'inclusive-language/terms', severity: 'warning' as const, message: '', line: 1, column: 1, endLine: 1, endColumn: 1 };
    expect(findingCode({ ...base, entryId: 'guys' })).toBe('inclusive-language/terms:guys');
    expect(findingCode(base)).toBe('inclusive-language/terms');
  });
});

test('the locale of an editor: fr-CA is French, de is neither', () => {
  expect(localeOf('fr-CA')).toBe('fr');
  expect(localeOf('en')).toBe('en');
  expect(localeOf('de')).toBeUndefined();
  expect(localeOf(undefined)).toBeUndefined();
});

describe('the smallest edit', () => {
  const apply = (before: string, after: string, bom = 0) => {
    const doc = TextDocument.create('file:///x.md', 'markdown', 1, (bom ? '\uFEFF' : '') + before);
    const edit = minimalEdit(doc, bom, before, after);
    return { edit, text: TextDocument.applyEdits(doc, [edit]) };
  };
  test('replaces only what differs, after a BOM, without cutting a CRLF or an emoji', () => {
    const { edit, text } = apply('See http://a.ca now\n', 'See https://a.ca now\n');
    expect(edit.newText).toBe('s');
    expect(text).toBe('See https://a.ca now\n');
    expect(apply('a\r\nb\r\n', 'a\r\nX\r\nb\r\n', 1).text).toBe('\uFEFFa\r\nX\r\nb\r\n');
    expect(apply('x 😀 y', 'x 😃 y').text).toBe('x 😃 y');
  });
});

test('editors/vscode: a manifest that starts on Markdown and points at a script that parses', () => {
  const dir = join(ROOT, 'editors', 'vscode');
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    main: string;
    activationEvents: string[];
    dependencies: Record<string, string>;
    contributes: { configuration: { properties: Record<string, unknown> } };
  };
  expect(manifest.activationEvents).toContain('onLanguage:markdown');
  expect(manifest.dependencies['vscode-languageclient']).toBeDefined();
  expect(Object.keys(manifest.contributes.configuration.properties)).toContain('postings.locale');
  const script = join(dir, manifest.main);
  expect(spawnSync(process.execPath, ['--check', script]).status).toBe(0);
  expect(readFileSync(script, 'utf8')).toMatch(/args: \['lsp'\]/);
});
