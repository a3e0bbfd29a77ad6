/** Find front matter keys and values by path, with their absolute ranges in the file. */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { FrontMatter } from '../types.js';

export interface Located {
  /** Range of the key (for a sequence item: of the item). */
  keyRange: [number, number];
  /** Range of the value, when there is one. */
  valueRange?: [number, number];
  value?: Node | null;
}

function abs(fm: FrontMatter, node: { range?: [number, number, number] | null } | null | undefined) {
  if (!node?.range) return undefined;
  return [fm.offset + node.range[0], fm.offset + node.range[1]] as [number, number];
}

/** The first pair of each key of a map, built once per map: a lookup per key stays linear. */
const pairsByKey = new WeakMap<object, Map<string, Pair<Node, Node>>>();

function pairOf(map: { items: unknown[] }, key: string): Pair<Node, Node> | undefined {
  let byKey = pairsByKey.get(map);
  if (!byKey) {
    byKey = new Map();
    for (const p of map.items) {
      if (isPair(p) && isScalar(p.key)) {
        const k = String(p.key.value);
        if (!byKey.has(k)) byKey.set(k, p as Pair<Node, Node>);
      }
    }
    pairsByKey.set(map, byKey);
  }
  return byKey.get(key);
}

/** Locate `path` (keys and sequence indexes) in the front matter. */
export function locate(fm: FrontMatter, path: Array<string | number>): Located | undefined {
  let node: unknown = fm.doc?.contents;
  let found: Located | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = pairOf(node, String(part));
      if (!pair) return found;
      const keyRange = abs(fm, pair.key as Node)!;
      const valueRange = abs(fm, pair.value as Node);
      found = { keyRange, valueRange, value: pair.value as Node | null };
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as Node | undefined;
      const r = abs(fm, item);
      if (!r) return found;
      found = { keyRange: r, valueRange: r, value: item };
      node = item;
    } else return found;
  }
  return found;
}

/** The top-level keys of the front matter, in order, with their ranges. */
export function topLevelKeys(fm: FrontMatter): Array<{ key: string; range: [number, number] }> {
  const contents = fm.doc?.contents;
  if (!isMap(contents)) return [];
  const out: Array<{ key: string; range: [number, number] }> = [];
  for (const pair of contents.items) {
    if (isPair(pair) && isScalar(pair.key)) {
      const range = abs(fm, pair.key as Node);
      if (range) out.push({ key: String(pair.key.value), range });
    }
  }
  return out;
}
