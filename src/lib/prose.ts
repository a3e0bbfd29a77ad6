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

/** A block of text inside raw HTML (`<p>`, `<li>`, `<h2>`…), with its range in the file. */
export interface HtmlBlock {
  text: string;
  range: [number, number];
}

const htmlCache = new WeakMap<Root, HtmlBlock[]>();
/** Block elements: their tags end one block of text and start the next. */
// `[^<>]*`: a tag ends at the next `>` or gives up at the next `<`, so a page of `<p<p<p…`
// stays linear.
const BLOCK_TAG = /<\/?(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|br|hr|tr|td|th|table|thead|tbody|section|article|aside|header|footer|main|nav|blockquote|pre|figure|figcaption|details|summary)\b[^<>]*>/gi;
const NOT_TEXT_OPEN = /<!--|<(script|style|template|code)\b[^<>]*>/gi;

/**
 * Blank what is not text (comments, scripts, styles), keeping offsets. One forward scan:
 * each opener looks for its closer once, and an unclosed one blanks the rest.
 */
function blankNonText(value: string): string {
  let out = '';
  let at = 0;
  NOT_TEXT_OPEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NOT_TEXT_OPEN.exec(value))) {
    const closer = m[1] ? new RegExp(`</${m[1]}\\s*>`, 'i') : /-->/;
    const rest = value.slice(m.index + m[0].length);
    const c = closer.exec(rest);
    const end = c ? m.index + m[0].length + c.index + c[0].length : value.length;
    out += value.slice(at, m.index) + ' '.repeat(end - m.index);
    at = end;
    NOT_TEXT_OPEN.lastIndex = end;
    if (!c) break;
  }
  return out + value.slice(at);
}
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', laquo: '«', raquo: '»', eacute: 'é', egrave: 'è', agrave: 'à' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The text of raw HTML in a posting's body, block by block: a posting pasted as HTML is
 * still prose the reader sees (language/mismatch reads it). Tags, comments, scripts and
 * styles are not text.
 */
export function htmlBlocks(tree: Root): HtmlBlock[] {
  const cached = htmlCache.get(tree);
  if (cached) return cached;
  const out: HtmlBlock[] = [];
  walk<Root | RootContent>(tree, (node) => {
    if (node.type === 'code' || node.type === 'yaml') return false;
    if (node.type !== 'html') return;
    const base = node.position?.start.offset;
    if (base === undefined) return false;
    const value = blankNonText(node.value);
    let from = 0;
    const cut = (to: number) => {
      const chunk = value.slice(from, to);
      const text = decodeEntities(chunk.replace(/<[^<>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
      if (text) {
        const lead = chunk.search(/\S/);
        const trail = chunk.length - (chunk.match(/\s*$/)?.[0].length ?? 0);
        out.push({ text, range: [base + from + Math.max(0, lead), base + from + trail] });
      }
    };
    for (const m of value.matchAll(BLOCK_TAG)) {
      cut(m.index);
      from = m.index + m[0].length;
    }
    cut(value.length);
    return false;
  });
  htmlCache.set(tree, out);
  return out;
}
