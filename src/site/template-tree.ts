/**
 * A template as the rules read a posting: a Markdown-like tree whose paragraphs are the
 * template's blocks of prose, with its tags (and comments) as `html` nodes, every node at
 * its exact offsets in the template. Rules that read prose, links and directives then work
 * on templates unchanged, and their findings point into the template file. Pure.
 */
import type { Root, Paragraph, Text, Html } from 'mdast';
import type { Lang, ParsedPosting } from '../types.js';
import type { TemplatePiece } from './model.js';
import { computeLineStarts, offsetToPoint } from '../engine/positions.js';

export function templatePosting(filePath: string, text: string, pieces: TemplatePiece[], lang: Lang | undefined): ParsedPosting {
  const lineStarts = computeLineStarts(text);
  const pos = (start: number, end: number) => {
    const s = offsetToPoint(lineStarts, start);
    const e = offsetToPoint(lineStarts, end);
    return { start: { line: s.line, column: s.column, offset: start }, end: { line: e.line, column: e.column, offset: end } };
  };
  const children: Paragraph[] = [];
  let current: Paragraph | undefined;
  let block = -1;
  for (const piece of pieces) {
    // Raw text of <script> and <style> is neither prose nor markup a reader sees.
    if (piece.kind === 'tag' && !piece.value.startsWith('<') && !piece.value.startsWith('{{')) continue;
    if (!current || piece.block !== block) {
      block = piece.block;
      current = { type: 'paragraph', children: [], position: pos(piece.start, piece.end) };
      children.push(current);
    }
    const node: Text | Html =
      piece.kind === 'text'
        ? { type: 'text', value: piece.value, position: pos(piece.start, piece.end) }
        : { type: 'html', value: piece.value, position: pos(piece.start, piece.end) };
    current.children.push(node as Text);
    current.position!.end = pos(piece.start, piece.end).end;
  }
  const tree: Root = { type: 'root', children, position: pos(0, text.length) };
  return { filePath, text, hasBom: false, tree, frontMatter: undefined, lang, langSource: lang ? 'suffix' : undefined, lineStarts };
}
