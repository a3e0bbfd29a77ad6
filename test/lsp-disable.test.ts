/**
 * Where the language server puts "disable for this line" and "disable in this file"
 * directives: the finding is silenced and the page a reader sees keeps its structure
 * (same Markdown tree once comments are left out).
 */
import type { Root } from 'mdast';
import { parsePosting } from '../src/engine/parse.js';
import { offsetToPoint } from '../src/engine/positions.js';
import { disableText, type DisableScope } from '../src/lsp/disable.js';
import { makeConfig } from './support/harness.js';
import type { Finding } from '../src/types.js';

const config = makeConfig();
const FM = '---\ntitle: Developer\ndescription: A posting.\n---\n\n';

/** The text with a directive for the finding at `needle`, or undefined when none is offered. */
function disable(text: string, needle: string, scope: DisableScope, code = 'inclusive-language/terms:guys'): string | undefined {
  const posting = parsePosting(text, '/site/content/en/dev.md', config.language);
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`no ${needle}`);
  const s = offsetToPoint(posting.lineStarts, start);
  const e = offsetToPoint(posting.lineStarts, start + needle.length);
  const finding: Finding = {
    ruleId: code.split(':')[0]!,
    severity: 'warning',
    message: 'm',
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    range: [start, start + needle.length],
  };
  return disableText(posting, finding, code, scope);
}

/** The Markdown tree without positions and HTML comments: what decides the rendered page. */
function structure(text: string): string {
  const posting = parsePosting(text, '/x.md', config.language);
  const tree = posting.tree as Root;
  return JSON.stringify(tree, (key, value) => {
    if (key === 'position') return undefined;
    // The front matter by its values (YAML comments are no part of them).
    if (value && typeof value === 'object' && value.type === 'yaml') return { type: 'yaml', data: posting.frontMatter?.data };
    if (value && typeof value === 'object' && Array.isArray(value.children)) {
      return { ...value, children: value.children.filter((c: { type: string; value?: string }) => !(c.type === 'html' && /^<!--[^]*-->$/.test(c.value ?? ''))) };
    }
    if (key === 'value' && typeof value === 'string') return value.trim();
    return value;
  });
}

function expectSameStructure(before: string, after: string | undefined): void {
  expect(after).toBeDefined();
  expect(structure(after!)).toBe(structure(before));
}

describe('disable for this line', () => {
  test('the first line of a paragraph or a heading: a comment line above it', () => {
    const text = `${FM}Hey guys, welcome.\n\n## Our guys\n`;
    const para = disable(text, 'guys,', 'line');
    expect(para).toBe(`${FM}<!-- postings-disable-next-line inclusive-language/terms:guys -->\nHey guys, welcome.\n\n## Our guys\n`);
    expectSameStructure(text, para);
    const heading = disable(text, 'guys\n', 'line');
    expect(heading).toContain('<!-- postings-disable-next-line inclusive-language/terms:guys -->\n## Our guys');
    expectSameStructure(text, heading);
  });

  test('a line inside a block (second line, list item, quote): an inline comment at its end', () => {
    const text = `${FM}We work hard.\nAll the guys do.\n\n- one\n- two guys\n\n> quoted\n> guys here\n`;
    const second = disable(text, 'guys do', 'line');
    expect(second).toContain('All the guys do. <!-- postings-disable-line inclusive-language/terms:guys -->\n');
    expectSameStructure(text, second);
    const item = disable(text, 'guys\n\n>', 'line');
    expect(item).toContain('- two guys <!-- postings-disable-line inclusive-language/terms:guys -->\n');
    expectSameStructure(text, item);
    const quote = disable(text, 'guys here', 'line');
    expect(quote).toContain('> guys here <!-- postings-disable-line inclusive-language/terms:guys -->\n');
    expectSameStructure(text, quote);
  });

  test('a hard line break stays at the end of the line', () => {
    const text = `${FM}First line\nthe guys  \nnext line\n`;
    const out = disable(text, 'guys', 'line');
    expect(out).toContain('the guys <!-- postings-disable-line inclusive-language/terms:guys -->  \n');
    expectSameStructure(text, out);
    const backslash = `${FM}First line\nthe guys\\\nnext line\n`;
    expectSameStructure(backslash, disable(backslash, 'guys', 'line'));
  });

  test('a line of code gets no line directive (the comment would show); the file directive still works', () => {
    const text = `${FM}Text.\n\n\`\`\`\nguys\n\`\`\`\n`;
    expect(disable(text, 'guys', 'line')).toBeUndefined();
    expectSameStructure(text, disable(text, 'guys', 'file'));
  });

  test('CRLF files get CRLF', () => {
    const text = `${FM}Hey guys.\n`.replace(/\n/g, '\r\n');
    expect(disable(text, 'guys', 'line')).toContain('<!-- postings-disable-next-line inclusive-language/terms:guys -->\r\nHey guys.');
  });
});

describe('front matter findings: YAML comments', () => {
  test('a one-line value: a comment line above, with its indentation', () => {
    const text = '---\ntitle: Developer\narchived: maybe\nlist:\n  - bad\n---\n\nText.\n';
    expect(disable(text, 'maybe', 'line', 'frontmatter/schema')).toBe(
      '---\ntitle: Developer\n# postings-disable-next-line frontmatter/schema\narchived: maybe\nlist:\n  - bad\n---\n\nText.\n',
    );
    expect(disable(text, 'bad', 'line', 'frontmatter/schema')).toContain('list:\n  # postings-disable-next-line frontmatter/schema\n  - bad\n');
  });

  test('inside a value on several lines: disable and enable around it, never a comment inside the text', () => {
    const text = '---\ntitle: Developer\ndescription: |\n  First line.\n  The guys line.\nkey: x\n---\n\nText.\n';
    const out = disable(text, 'guys', 'line')!;
    expect(out).toBe(
      '---\ntitle: Developer\n# postings-disable inclusive-language/terms:guys\ndescription: |\n  First line.\n  The guys line.\n# postings-enable inclusive-language/terms:guys\nkey: x\n---\n\nText.\n',
    );
    const before = parsePosting(text, '/x.md', config.language).frontMatter!.data;
    expect(parsePosting(out, '/x.md', config.language).frontMatter!.data).toEqual(before);
  });

  test('the opening fence (a finding about the whole posting) has no line directive, only the file one', () => {
    const text = '---\ntitle: Developer\n---\n\nText.\n';
    expect(disable(text, '---', 'line', 'frontmatter/schema')).toBeUndefined();
    expect(disable(text, '---', 'file', 'frontmatter/schema')).toBe('---\n# postings-disable frontmatter/schema\ntitle: Developer\n---\n\nText.\n');
  });
});

describe('disable in this file', () => {
  test('without front matter: a comment as the first line', () => {
    const text = 'Hey guys.\n';
    const out = disable(text, 'guys', 'file');
    expect(out).toBe('<!-- postings-disable inclusive-language/terms:guys -->\nHey guys.\n');
    expectSameStructure(text, out);
  });
});
