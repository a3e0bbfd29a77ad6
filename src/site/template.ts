/**
 * A linear scanner for Hugo's Go HTML templates: the prose and tags a template prints, each
 * under the `{{ if }}` / `{{ with }}` / `{{ range }}` conditions around it, with exact
 * offsets. Template actions (`{{ … }}`, `{{- … -}}`) and Go template comments are masked;
 * `<script>` and `<style>` are not prose. Pure.
 */
import type { Condition, TemplateFacts, TemplatePiece } from './model.js';

/** Tags that start a new block of prose (their text is never joined to the text around). */
const BLOCK_TAGS = new Set(
  ('address article aside blockquote body br dd details dialog div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 head header hr html input label legend li main nav ol option p pre section select summary ' +
    'table tbody td textarea tfoot th thead title tr ul button').split(' '),
);

interface Frame {
  kind: 'if' | 'with' | 'range' | 'define';
  /** Conditions of the branches passed (for `else`). */
  exprs: string[];
  active: Condition[];
}

/**
 * At most this many conditions are kept for a piece, and as many branches for an `else if`
 * chain: a template nested deeper is not one a person writes, and a hostile one (20,000 nested
 * `{{ if }}`) made the scan quadratic in time and memory (a piece held every condition around
 * it). Past it, one condition the reader cannot evaluate stands for the rest: what is printed
 * there is never counted as printed.
 */
export const MAX_CONDS = 32;
const TOO_DEEP: Condition = { expr: '(nested too deeply)', negated: false, kind: 'if' };

/**
 * \`text.indexOf(needle, from)\`, remembered: a search from a later place that is not past the
 * answer has the same answer, without reading the text again (thousands of tags that each open
 * \`{{\` with no \`}}\` after them read the rest of the template once, not once each).
 */
function finder(text: string, needle: string): (from: number) => number {
  let searched = -1;
  let found = -1;
  return (from) => {
    if (searched >= 0 && from >= searched && (found < 0 || from <= found)) return found;
    searched = from;
    found = text.indexOf(needle, from);
    return found;
  };
}

const CONTROL = /^(if|else\s+if|else\s+with|else|with|range|define|block|end)\b\s*([^]*)$/;

export interface ScannedTemplate {
  pieces: TemplatePiece[];
  forms: TemplateFacts['forms'];
}

/** Scan a template's text. Bounded: every character is looked at a fixed number of times. */
export function scanTemplate(text: string): ScannedTemplate {
  const pieces: TemplatePiece[] = [];
  const forms: TemplateFacts['forms'] = [];
  const stack: Frame[] = [];
  let block = 0;
  let conds: Condition[] = [];
  // The conditions of the frames, at most MAX_CONDS of them (and of frames): linear however deep.
  const recompute = () => {
    const out: Condition[] = [];
    let cut = false;
    for (let k = 0; k < stack.length && !cut; k++) {
      if (k === MAX_CONDS) cut = true;
      else {
        for (const c of stack[k]!.active) {
          if (out.length === MAX_CONDS) {
            cut = true;
            break;
          }
          out.push(c);
        }
      }
    }
    if (cut) out.push(TOO_DEEP);
    conds = out;
  };
  const closeAction = finder(text, '}}');
  const lower = { script: /<\/script/gi, style: /<\/style/gi };
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text.startsWith('{{', i)) {
      const isComment = /^\{\{-?\s*\/\*/.test(text.slice(i, i + 8));
      let end = isComment ? text.indexOf('*/', i) : closeAction(i + 2);
      if (isComment && end >= 0) end = closeAction(end);
      if (end < 0) end = n - 2;
      const raw = text.slice(i, end + 2);
      if (isComment) {
        pieces.push({ kind: 'tag', start: i, end: end + 2, value: raw, block, conds });
      } else {
        const inner = raw.slice(2, -2).replace(/^-\s?/, '').replace(/\s?-$/, '').trim();
        const m = CONTROL.exec(inner);
        if (m) {
          const word = m[1]!.replace(/\s+/g, ' ');
          const expr = m[2]!.trim();
          if (word === 'if' || word === 'with' || word === 'range') {
            stack.push({ kind: word, exprs: [expr], active: [{ expr, negated: false, kind: word }] });
          } else if (word === 'define' || word === 'block') {
            stack.push({ kind: 'define', exprs: [], active: [] });
          } else if (word === 'else if' || word === 'else with') {
            const f = stack[stack.length - 1];
            if (f && f.exprs.length >= MAX_CONDS) f.active = [TOO_DEEP];
            else if (f) {
              f.active = [...f.exprs.map((e) => ({ expr: e, negated: true, kind: f.kind === 'define' ? ('if' as const) : f.kind })), { expr, negated: false, kind: word === 'else if' ? 'if' : 'with' }];
              f.exprs.push(expr);
            }
          } else if (word === 'else') {
            const f = stack[stack.length - 1];
            if (f && f.exprs.length >= MAX_CONDS) f.active = [TOO_DEEP];
            else if (f) f.active = f.exprs.map((e) => ({ expr: e, negated: true, kind: f.kind === 'define' ? ('if' as const) : f.kind }));
          } else if (word === 'end') {
            stack.pop();
          }
          recompute();
        }
        // Any action (its output, or a change of condition) breaks the prose around it.
        block++;
      }
      i = end + 2;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      let end = text.indexOf('-->', i + 4);
      end = end < 0 ? n : end + 3;
      pieces.push({ kind: 'tag', start: i, end, value: text.slice(i, end), block, conds });
      i = end;
      continue;
    }
    if (text[i] === '<' && /[a-zA-Z/!]/.test(text[i + 1] ?? '')) {
      const end = tagEnd(text, i, closeAction);
      const value = text.slice(i, end);
      const name = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(value)?.[1]?.toLowerCase() ?? '';
      if (BLOCK_TAGS.has(name)) block++;
      if (name === 'form' && !value.startsWith('</')) forms.push({ offset: i, conds });
      pieces.push({ kind: 'tag', start: i, end, value, block, conds });
      i = end;
      if ((name === 'script' || name === 'style') && !value.startsWith('</')) {
        // Raw text: up to the closing tag, never prose.
        // Searched from here on, whatever the case (a lowercased copy of the whole text for each
        // `<script>` made thousands of them quadratic).
        const re = lower[name];
        re.lastIndex = i;
        const close = re.exec(text)?.index ?? -1;
        const stop = close < 0 ? n : close;
        if (stop > i) pieces.push({ kind: 'tag', start: i, end: stop, value: text.slice(i, stop), block, conds });
        i = stop;
      }
      if (BLOCK_TAGS.has(name)) block++;
      continue;
    }
    // Text: up to the next tag or action.
    let j = i + 1;
    while (j < n && text[j] !== '<' && !(text[j] === '{' && text[j + 1] === '{')) j++;
    pieces.push({ kind: 'text', start: i, end: j, value: text.slice(i, j), block, conds });
    i = j;
  }
  return { pieces, forms };
}

/** Where a tag starting at `i` ends (after its `>`), quotes and template actions respected. */
function tagEnd(text: string, i: number, closeAction: (from: number) => number): number {
  const limit = Math.min(text.length, i + 20_000);
  let quote: string | undefined;
  for (let j = i + 1; j < limit; j++) {
    const c = text[j];
    if (c === '{' && text[j + 1] === '{') {
      const close = closeAction(j + 2);
      if (close < 0 || close >= limit) return limit;
      j = close + 1;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j + 1;
  }
  return limit;
}
