/**
 * "Disable for this line" and "disable in this file": the text with an inline directive
 * (src/engine/directives.ts) inserted, placed so that the page the reader sees does not
 * change. Pure: a parsed posting in, a new text out (or undefined when no directive can
 * silence the finding without changing the page).
 *
 * - In the body, a line that starts a top-level block gets
 *   `<!-- postings-disable-next-line RULE -->` on its own line above it (an HTML comment
 *   block, invisible); any other line (in a list, a quote, a table, a paragraph's second
 *   line) gets `<!-- postings-disable-line RULE -->` at its end, an inline comment that
 *   cannot split the block. Lines of code are left alone (the comment would show).
 * - In the front matter, a YAML comment line above the finding's line; a finding inside a
 *   value written on several lines gets `# postings-disable RULE` / `# postings-enable RULE`
 *   around the value (a comment line inside a block scalar would be text).
 * - "In this file": `# postings-disable RULE` as the first line of the front matter, or
 *   `<!-- postings-disable RULE -->` as the first line of a file without one.
 *
 * Every result is checked: the directives of the new text must silence `code` at the
 * finding's new line, or no edit is offered.
 */
import { isScalar, visit, type Scalar } from 'yaml';
import type { Root, RootContent } from 'mdast';
import type { Finding, ParsedPosting } from '../types.js';
import { collectDirectives, makeSilencer } from '../engine/directives.js';
import { detectEol } from '../engine/fix.js';
import { parsePosting } from '../engine/parse.js';
import { offsetToPoint, pointToOffset } from '../engine/positions.js';
import { walk } from '../engine/walk.js';

export type DisableScope = 'line' | 'file';

interface Insertion {
  at: number;
  text: string;
}

export function disableText(posting: ParsedPosting, finding: Finding, code: string, scope: DisableScope): string | undefined {
  const insertions = scope === 'file' ? fileInsertions(posting, code) : lineInsertions(posting, finding, code);
  if (!insertions) return undefined;
  const text = applyInsertions(posting.text, insertions);
  // The finding's line in the new text: shifted by the lines inserted before it.
  const lineStart = posting.lineStarts[finding.line - 1] ?? posting.text.length;
  const shift = insertions.filter((i) => i.at <= lineStart).reduce((n, i) => n + (i.text.match(/\n/g)?.length ?? 0), 0);
  const after = parsePosting(text, posting.filePath, { pathSegments: { en: [], fr: [] }, suffixes: { en: [], fr: [] }, frontMatterKey: false });
  return makeSilencer(collectDirectives(after))(code, finding.line + shift) ? text : undefined;
}

function applyInsertions(text: string, insertions: Insertion[]): string {
  let out = text;
  for (const i of [...insertions].sort((a, b) => b.at - a.at)) out = out.slice(0, i.at) + i.text + out.slice(i.at);
  return out;
}

function fileInsertions(posting: ParsedPosting, code: string): Insertion[] {
  const eol = detectEol(posting.text);
  const fm = posting.frontMatter;
  if (fm) return [{ at: fm.offset, text: `# postings-disable ${code}${eol}` }];
  return [{ at: 0, text: `<!-- postings-disable ${code} -->${eol}` }];
}

function lineInsertions(posting: ParsedPosting, finding: Finding, code: string): Insertion[] | undefined {
  const { text, lineStarts } = posting;
  const eol = detectEol(text);
  const lineStart = lineStarts[finding.line - 1];
  if (lineStart === undefined) return undefined;
  const offset = finding.range?.[0] ?? pointToOffset(lineStarts, finding, text.length);
  const lineText = text.slice(lineStart).split(/\r?\n|\r/, 1)[0]!;
  const indent = /^[ \t]*/.exec(lineText)![0];
  const fm = posting.frontMatter;
  if (fm && offset >= fm.range[0] && offset < fm.range[1]) {
    if (lineStart < fm.offset) return undefined; // the opening fence: nothing can stand above it
    const multiLine = multiLineScalarAt(posting, offset);
    if (multiLine) {
      const [start, end] = multiLine;
      const startLine = lineStarts[offsetToPoint(lineStarts, start).line - 1]!;
      const endLine = offsetToPoint(lineStarts, Math.max(start, end - 1)).line;
      const afterEnd = lineStarts[endLine] ?? text.length;
      const keyIndent = /^[ \t]*/.exec(text.slice(startLine))![0];
      return [
        { at: startLine, text: `${keyIndent}# postings-disable ${code}${eol}` },
        { at: afterEnd, text: `${keyIndent}# postings-enable ${code}${eol}` },
      ];
    }
    return [{ at: lineStart, text: `${indent}# postings-disable-next-line ${code}${eol}` }];
  }
  const lineEnd = lineStart + lineText.length;
  if (insideCode(posting.tree, lineStart, lineEnd)) return undefined;
  const block = posting.tree.children.find(
    (n) => n.type !== 'yaml' && (n.position?.start.line ?? 0) <= finding.line && (n.position?.end.line ?? 0) >= finding.line,
  );
  if (!block || block.position!.start.line === finding.line) {
    return [{ at: lineStart, text: `<!-- postings-disable-next-line ${code} -->${eol}` }];
  }
  // Before a hard line break (two spaces or a backslash at the end), which must stay last.
  const hardBreak = /(?: {2,}|\\)$/.exec(lineText);
  const at = hardBreak ? lineStart + hardBreak.index : lineEnd;
  const before = text.slice(lineStart, at);
  return [{ at, text: `${/\s$/.test(before) || before === '' ? '' : ' '}<!-- postings-disable-line ${code} -->` }];
}

/** Does a code block or code span cover the end of this line (where a comment would go)? */
function insideCode(tree: Root, lineStart: number, lineEnd: number): boolean {
  let found = false;
  walk<Root | RootContent>(tree, (node) => {
    if (found) return false;
    const p = node.position;
    if (!p || p.end.offset! < lineStart || p.start.offset! > lineEnd) return false;
    if ((node.type === 'code' || node.type === 'inlineCode') && p.start.offset! <= lineEnd && p.end.offset! > lineEnd) found = true;
    else if (node.type === 'code' && p.start.offset! <= lineStart && p.end.offset! >= lineEnd) found = true;
    return undefined;
  });
  return found;
}

/** The range of a front matter value written on several lines that holds `offset`. */
function multiLineScalarAt(posting: ParsedPosting, offset: number): [number, number] | undefined {
  const fm = posting.frontMatter!;
  if (!fm.doc) return undefined;
  let hit: [number, number] | undefined;
  visit(fm.doc, {
    Scalar(_key, node: Scalar) {
      if (!isScalar(node) || !node.range) return;
      const start = fm.offset + node.range[0];
      const end = fm.offset + node.range[1];
      if (offset < start || offset > end) return;
      if (posting.text.slice(start, end).includes('\n')) hit = [start, end];
    },
  });
  return hit;
}
