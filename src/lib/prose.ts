/**
 * The prose of a posting's body, block by block (paragraphs and headings), as plain text
 * with a map back to file offsets. Code, inline code, raw HTML and link targets are not
 * prose: link text is kept, the URL is not. Rules that read sentences (accommodation,
 * language, placeholders) share this instead of re-searching the file text.
 */
import { walk } from '../engine/walk.js';
import type { Heading, Paragraph, Root, RootContent, PhrasingContent } from 'mdast';

export interface ProseBlock {
  node: Paragraph | Heading;
  /** Plain text of the block; pieces of different nodes are joined as written. */
  text: string;
  /** Where each piece of `text` starts: index in `text` → offset in the file. */
  pieces: Array<{ at: number; offset: number; length: number }>;
}

const cache = new WeakMap<Root, ProseBlock[]>();

export function proseBlocks(tree: Root): ProseBlock[] {
  const cached = cache.get(tree);
  if (cached) return cached;
  const blocks: ProseBlock[] = [];
  walk<Root | RootContent>(tree, (node) => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      const block: ProseBlock = { node, text: '', pieces: [] };
      for (const child of node.children) collect(child, block);
      if (block.text.trim()) blocks.push(block);
      return false;
    }
    if (node.type === 'code' || node.type === 'html' || node.type === 'yaml') return false;
  });
  cache.set(tree, blocks);
  return blocks;
}

/** The text of `node` appended to `block`, in document order, without recursion (inline nesting can be thousands deep). */
function collect(root: PhrasingContent, block: ProseBlock): void {
  const stack: PhrasingContent[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'text': {
        const offset = node.position?.start.offset;
        if (offset !== undefined) block.pieces.push({ at: block.text.length, offset, length: node.value.length });
        block.text += node.value;
        break;
      }
      case 'break':
        block.text += '\n';
        break;
      case 'inlineCode':
      case 'html':
      case 'image':
      case 'imageReference':
        // Not prose; keep words apart.
        block.text += ' ';
        break;
      default:
        if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
}

/** The file offset of index `i` of `block.text` (approximate inside escapes and entities). */
export function offsetIn(block: ProseBlock, i: number): number {
  let best = block.pieces[0];
  for (const piece of block.pieces) {
    if (piece.at <= i) best = piece;
    else break;
  }
  if (!best) return block.node.position?.start.offset ?? 0;
  const end = block.node.position?.end.offset ?? Number.MAX_SAFE_INTEGER;
  return Math.min(best.offset + Math.min(i - best.at, best.length), end);
}

/** The file range of `[from, to)` in `block.text`. */
export function rangeIn(block: ProseBlock, from: number, to: number): [number, number] {
  const start = offsetIn(block, from);
  return [start, Math.max(start, offsetIn(block, to))];
}

/** Sentences of a text with their start index (split after `.`, `!`, `?` followed by space). */
export function sentences(text: string): Array<{ text: string; at: number }> {
  const out: Array<{ text: string; at: number }> = [];
  const re = /[^.!?]*[.!?]*/g;
  let m: RegExpExecArray | null;
  let pending = '';
  let pendingAt = 0;
  while ((m = re.exec(text)) && m[0]) {
    if (!pending) pendingAt = m.index;
    pending += m[0];
    // A period not followed by space (`e.g.`, `3.5`, `canada.ca`) does not end a sentence.
    const next = text[m.index + m[0].length];
    if (next === undefined || /\s/.test(next)) {
      if (pending.trim()) out.push({ text: pending, at: pendingAt });
      pending = '';
    }
  }
  if (pending.trim()) out.push({ text: pending, at: pendingAt });
  return out;
}
