import type { Point } from '../types.js';

/** Offsets at which each line starts. LF, CRLF and lone CR end a line, as editors count. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) starts.push(i + 1);
    else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line and column of an offset. */
export function offsetToPoint(lineStarts: number[], offset: number): Point {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

/** Offset of a 1-based line and column (clamped to the text). */
export function pointToOffset(lineStarts: number[], point: Point, textLength: number): number {
  const lineIndex = Math.min(Math.max(point.line, 1), lineStarts.length) - 1;
  return Math.min(lineStarts[lineIndex]! + Math.max(point.column, 1) - 1, textLength);
}
