/**
 * The parts of a finding that quote the posting: the source line with the finding's span
 * marked, and a fix or suggestion as a small diff of the lines it changes. Every piece of
 * posting text goes through `text()` (controls made visible, then HTML-escaped).
 */
import type { Edit, Finding, Locale } from '../../types.js';
import { computeLineStarts, offsetToPoint } from '../../engine/positions.js';
import { visibleControls } from '../control.js';
import { label } from './labels.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escaped, for text content and double-quoted attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Text from a posting or a file name: control and bidi characters made visible, then escaped. */
export function text(s: string): string {
  return esc(visibleControls(s));
}

/** Context kept on each side of a marked span or a change, in characters. */
const CONTEXT = 80;
/** Longest marked span or change shown whole. */
const LONGEST = 300;
/** Most lines a diff side shows. */
const MOST_LINES = 8;

/** The lines of one posting's text, for excerpts. */
export class SourceLines {
  private readonly starts: number[];
  constructor(readonly source: string) {
    this.starts = computeLineStarts(source);
  }
  get count(): number {
    return this.starts.length;
  }
  /** Offset of the start of the 1-based line. */
  start(line: number): number {
    return this.starts[line - 1]!;
  }
  /** Offset of the end of the 1-based line, before its line break. */
  end(line: number): number {
    let end = line < this.starts.length ? this.starts[line]! : this.source.length;
    if (end > this.start(line) && this.source[end - 1] === '\n') end--;
    if (end > this.start(line) && this.source[end - 1] === '\r') end--;
    return end;
  }
  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    return offsetToPoint(this.starts, offset).line;
  }
}

/** Don't cut a surrogate pair in two. */
function safeCut(s: string, at: number): number {
  const c = s.charCodeAt(at - 1);
  return at > 0 && at < s.length && c >= 0xd800 && c <= 0xdbff ? at + 1 : at;
}

function head(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, safeCut(s, n))}…`;
}
function tail(s: string, n: number): string {
  return s.length <= n ? s : `…${s.slice(safeCut(s, s.length - n))}`;
}
function middle(s: string, n: number): string {
  if (s.length <= n) return s;
  const half = Math.floor(n / 2);
  return `${s.slice(0, safeCut(s, half))}…${s.slice(safeCut(s, s.length - half))}`;
}

/**
 * The finding's first line with its span marked (`<mark>`, with hidden words for screen
 * readers), or '' when the posting text is not known or the position is outside it.
 */
export function sourceExcerpt(f: Finding, lines: SourceLines | undefined, locale: Locale, lang: string | undefined): string {
  if (!lines || f.line < 1 || f.line > lines.count) return '';
  const start = lines.start(f.line);
  const lineText = lines.source.slice(start, lines.end(f.line));
  if (lineText.trim() === '' && f.line === f.endLine) return '';
  let from = Math.min(Math.max(f.column - 1, 0), lineText.length);
  let to = f.endLine === f.line ? Math.min(Math.max(f.endColumn - 1, from), lineText.length) : lineText.length;
  if (to === from && from < lineText.length) to = safeCut(lineText, from + 1);
  const before = tail(lineText.slice(0, from), CONTEXT);
  const span = middle(lineText.slice(from, to), LONGEST);
  const after = head(lineText.slice(to), CONTEXT);
  const marked = span
    ? `<mark><span class="sr">${esc(label(locale, 'finding.markStart'))} </span>${text(span)}<span class="sr"> ${esc(label(locale, 'finding.markEnd'))}</span></mark>`
    : '';
  const continues =
    f.endLine > f.line ? `<p class="note">${esc(label(locale, 'finding.continues', { line: f.endLine }))}</p>` : '';
  return (
    `<figure class="src"><figcaption class="sr">${esc(label(locale, 'finding.source', { line: f.line }))}</figcaption>` +
    `<pre${lang ? ` lang="${lang}"` : ''}><span class="ln" aria-hidden="true">${f.line}</span>${text(before)}${marked}${text(after)}</pre></figure>${continues}`
  );
}

interface Segment {
  text: string;
  changed: boolean;
}

/**
 * An edit as a small diff: the lines it touches, before (`-`) and after (`+`), with the
 * removed and added text marked (`<del>`, `<ins>`). Long lines are cut around the change.
 */
export function editDiff(edit: Edit, lines: SourceLines | undefined, locale: Locale, lang: string | undefined): string {
  if (!lines) return '';
  const src = lines.source;
  const [s, e] = [Math.max(0, Math.min(edit.range[0], src.length)), Math.max(0, Math.min(edit.range[1], src.length))];
  if (e < s) return '';
  const first = lines.lineOf(s);
  const last = lines.lineOf(e);
  const lineStart = lines.start(first);
  const lineEnd = Math.max(lines.end(last), e);
  const prefix = tail(src.slice(lineStart, s), CONTEXT);
  const suffix = head(src.slice(e, lineEnd), CONTEXT);
  const removed = src.slice(s, e);
  const side = (changed: string, sign: '-' | '+') =>
    renderSide(
      [
        { text: prefix, changed: false },
        { text: changed, changed: true },
        { text: suffix, changed: false },
      ],
      sign,
      locale,
    );
  return `<pre class="diff"${lang ? ` lang="${lang}"` : ''}>${side(removed, '-')}${side(edit.text, '+')}</pre>`;
}

function renderSide(segments: Segment[], sign: '-' | '+', locale: Locale): string {
  // Split the segments into lines, keeping which parts changed.
  const rows: Segment[][] = [[]];
  for (const seg of segments) {
    const parts = seg.text.split(/\r\n|\r|\n/);
    parts.forEach((part, i) => {
      if (i > 0) rows.push([]);
      if (part) rows[rows.length - 1]!.push({ text: part, changed: seg.changed });
    });
  }
  const tag = sign === '-' ? 'del' : 'ins';
  const cls = sign === '-' ? 'old' : 'new';
  const word = esc(label(locale, sign === '-' ? 'finding.removed' : 'finding.added'));
  const shown = rows.length > MOST_LINES ? rows.slice(0, MOST_LINES - 1) : rows;
  let out = '';
  for (const row of shown) {
    const body = row
      .map((seg) => (seg.changed ? `<${tag}>${text(middle(seg.text, LONGEST))}</${tag}>` : text(seg.text)))
      .join('');
    out += `<span class="${cls}"><span class="sign" aria-hidden="true">${sign}</span><span class="sr">${word} </span>${body}</span>\n`;
  }
  if (shown.length < rows.length) {
    out += `<span class="${cls}"><span class="sign" aria-hidden="true">${sign}</span>${esc(label(locale, 'finding.moreLines', { count: rows.length - shown.length }))}</span>\n`;
  }
  return out;
}

/** Longest line of a partner's excerpt, in characters. */
const PARTNER_LINE = 160;

/**
 * Whole lines `from`–`to` of a posting (a translation partner's place), each with its number,
 * at most `MOST_LINES` of them; '' when they are outside the text.
 */
export function linesExcerpt(
  lines: SourceLines,
  from: number,
  to: number,
  locale: Locale,
  lang: string | undefined,
  caption: string,
  path: string,
): string {
  if (from < 1 || from > lines.count) return '';
  const last = Math.min(Math.max(to, from), lines.count);
  const shown = Math.min(last, from + MOST_LINES - 1);
  let body = '';
  for (let n = from; n <= shown; n++) {
    const line = lines.source.slice(lines.start(n), lines.end(n));
    body += `${n > from ? '\n' : ''}<span class="ln" aria-hidden="true">${n}</span>${text(head(line, PARTNER_LINE))}`;
  }
  if (!body.replace(/<[^>]*>|\d/g, '').trim()) return '';
  const more = last > shown ? `<p class="note">${esc(label(locale, 'related.more', { count: last - shown, path }))}</p>` : '';
  return `<figure class="src"><figcaption class="sr">${esc(caption)}</figcaption><pre${lang ? ` lang="${lang}"` : ''}>${body}</pre></figure>${more}`;
}
