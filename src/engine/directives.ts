/**
 * Inline directives in HTML comments:
 *   <!-- postings-disable-next-line [RULE[, RULE]] -->
 *   <!-- postings-disable-line [RULE, ...] -->
 *   <!-- postings-disable [RULE, ...] --> ... <!-- postings-enable [RULE, ...] -->
 * Applied as a filter after the rules ran.
 */
import { walk } from './walk.js';
import type { Html, Root, RootContent } from 'mdast';
import type { ParsedPosting } from '../types.js';
import { offsetToPoint } from './positions.js';

export interface Directive {
  kind: 'disable-next-line' | 'disable-line' | 'disable' | 'enable';
  /** Rule ids, or empty for every rule. */
  rules: string[];
  line: number;
  endLine: number;
  /** Where each rule id stands, for the unknown-rule warning. */
  ruleRanges: Array<{ id: string; range: [number, number] }>;
}

/** In HTML comments, and in Go template comments (`{{/* postings-disable-next-line … *\/}}`) of layouts. */
const DIRECTIVE = /(?:<!--|\{\{-?\s*\/\*)\s*postings-(disable-next-line|disable-line|disable|enable)\b([^]*?)(?:-->|\*\/\s*-?\}\})/dg;

export function collectDirectives(posting: ParsedPosting): Directive[] {
  const out: Directive[] = [];
  walk<Root | RootContent>(posting.tree, (node) => {
    if (node.type === 'html') readHtml(node, posting, out);
  });
  readFrontMatterComments(posting, out);
  return out;
}

const YAML_DIRECTIVE = /^([ \t]*#[ \t]*)postings-(disable-next-line|disable-line|disable|enable)\b(.*)$/;

/**
 * Front matter cannot hold HTML comments; a full-line YAML comment works the same way:
 *   # postings-disable-next-line frontmatter/schema
 * A `# postings-disable` at the top of the front matter (only comments above it) covers the
 * whole file, the opening `---` included, where findings about the whole posting stand.
 */
function readFrontMatterComments(posting: ParsedPosting, out: Directive[]): void {
  const fm = posting.frontMatter;
  if (!fm) return;
  let offset = fm.offset;
  let atTop = true;
  for (const line of fm.source.split('\n')) {
    const m = YAML_DIRECTIVE.exec(line.replace(/\r$/, ''));
    if (m) {
      const kind = m[2] as Directive['kind'];
      const { line: lineNo } = offsetToPoint(posting.lineStarts, offset);
      const listStart = offset + m[1]!.length + 'postings-'.length + kind.length;
      const from = kind === 'disable' && atTop ? 1 : lineNo;
      out.push(makeDirective(kind, m[3]!, listStart, from, from));
    } else if (!/^\s*(#.*)?$/.test(line)) atTop = false;
    offset += line.length + 1;
  }
}

function readHtml(node: Html, posting: ParsedPosting, out: Directive[]): void {
  const base = node.position?.start.offset;
  if (base === undefined) return;
  DIRECTIVE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIRECTIVE.exec(node.value))) {
    const kind = m[1] as Directive['kind'];
    const listStart = base + m.indices![2]![0];
    const start = offsetToPoint(posting.lineStarts, base + m.index);
    const end = offsetToPoint(posting.lineStarts, base + m.index + m[0].length);
    out.push(makeDirective(kind, m[2]!, listStart, start.line, end.line));
  }
}

/** The rule ids of a directive, with where each stands; anything after ` -- ` is a free comment. */
function makeDirective(kind: Directive['kind'], text: string, listStart: number, line: number, endLine: number): Directive {
  const ruleRanges: Directive['ruleRanges'] = [];
  const list = text.split(/\s--\s/)[0]!;
  const re = /[^\s,]+/g;
  let r: RegExpExecArray | null;
  while ((r = re.exec(list))) {
    ruleRanges.push({ id: r[0], range: [listStart + r.index, listStart + r.index + r[0].length] });
  }
  return { kind, rules: ruleRanges.map((x) => x.id), line, endLine, ruleRanges };
}

/**
 * Whether a name in a directive covers `ruleId`: the rule itself, or its family
 * (`inclusive-language` or `inclusive-language/*` covers every `inclusive-language/…` rule,
 * as markdownlint's aliases do).
 */
export function namesRule(name: string, ruleId: string): boolean {
  if (name === ruleId) return true;
  const family = name.endsWith('/*') ? name.slice(0, -2) : name;
  return !family.includes('/') && !family.includes(':') && ruleId.startsWith(`${family}/`);
}

/** Is a finding of `ruleId` at `line` silenced by the directives? */
export function makeSilencer(directives: Directive[]): (ruleId: string, line: number) => boolean {
  if (directives.length === 0) return () => false;
  const sorted = [...directives].sort((a, b) => a.line - b.line);
  return (ruleId, line) => {
    let disabledAll = false;
    let disabled = false;
    let enabledException = false;
    for (const d of sorted) {
      const applies = d.rules.length === 0 || d.rules.some((r) => namesRule(r, ruleId));
      if (d.kind === 'disable-next-line' && applies && line === d.endLine + 1) return true;
      if (d.kind === 'disable-line' && applies && line >= d.line && line <= d.endLine) return true;
      if (d.line > line) continue;
      if (d.kind === 'disable') {
        if (d.rules.length === 0) {
          disabledAll = true;
          enabledException = false;
        } else if (applies) disabled = true;
      } else if (d.kind === 'enable') {
        if (d.rules.length === 0) {
          disabledAll = false;
          disabled = false;
          enabledException = false;
        } else if (applies) {
          disabled = false;
          if (disabledAll) enabledException = true;
        }
      }
    }
    if (disabled) return true;
    return disabledAll && !enabledException;
  };
}
