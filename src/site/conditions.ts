/**
 * What a template's `{{ if }}` / `{{ with }}` / `{{ range }}` conditions say for one page.
 * Evaluated (three-valued: true, false, or unknown):
 *   `.Params.x` / `$.Params.x` / `.Param "x"` (keys not case-sensitive, as Hugo's), `.Title`,
 *   `.Description`, `.Draft`, `.Type`, `.Layout`, `.Lang` (`.Language.Lang`, `.Site.Language.Lang`); literals `true`, `false`, `nil`, numbers and
 *   strings; `eq`, `ne`, `and`, `or`, `not`, `isset .Params "x"`, and parentheses.
 * Anything else (`.Site`, pipes, other functions, variables) is unknown: text under an unknown
 * condition never counts as printed. Pure.
 */
import type { Condition } from './model.js';

export const UNKNOWN = Symbol('unknown');
type Value = unknown;

type Token = { kind: 'open' } | { kind: 'close' } | { kind: 'word'; text: string } | { kind: 'lit'; value: Value };

function tokenize(expr: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      out.push({ kind: 'open' });
      i++;
    } else if (c === ')') {
      out.push({ kind: 'close' });
      i++;
    } else if (c === '"' || c === '`') {
      const end = expr.indexOf(c, i + 1);
      if (end < 0) return undefined;
      out.push({ kind: 'lit', value: expr.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '|') {
      return undefined;
    } else {
      const m = /^[^\s()|"`]+/.exec(expr.slice(i))!;
      const w = m[0];
      if (/^-?\d+(\.\d+)?$/.test(w)) out.push({ kind: 'lit', value: Number(w) });
      else if (w === 'true' || w === 'false') out.push({ kind: 'lit', value: w === 'true' });
      else if (w === 'nil') out.push({ kind: 'lit', value: null });
      else out.push({ kind: 'word', text: w });
      i += w.length;
    }
  }
  return out;
}

export interface PageValues {
  /** The page's front matter; absent when not known (a template read for every page of a language). */
  params?: Record<string, unknown>;
  type?: string;
  layout?: string;
  /** The page's language code (`.Lang`, `.Language.Lang`). */
  lang?: string;
}

function param(values: PageValues, key: string): Value {
  if (!values.params) return UNKNOWN;
  const wanted = key.toLowerCase();
  for (const [k, v] of Object.entries(values.params)) if (k.toLowerCase() === wanted) return v;
  return null;
}

function field(values: PageValues, path: string): Value {
  const p = path.replace(/^\$/, '');
  const params = /^\.Params\.([A-Za-z0-9_-]+)$/.exec(p);
  if (params) return param(values, params[1]!);
  switch (p) {
    case '.Title':
      return param(values, 'title') ?? '';
    case '.Description':
      return param(values, 'description') ?? '';
    case '.Draft': {
      const draft = param(values, 'draft');
      return draft === UNKNOWN ? UNKNOWN : draft === true;
    }
    case '.Type':
      return values.type ?? UNKNOWN;
    case '.Layout':
      return values.layout ?? (values.params ? '' : UNKNOWN);
    case '.Lang':
    case '.Language.Lang':
    // The site's language on a page is the page's own.
    case '.Site.Language.Lang':
      return values.lang ?? UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/** Go templates' truth: false, 0, nil, and empty strings, lists and maps are false. */
export function truthy(v: Value): boolean | typeof UNKNOWN {
  if (v === UNKNOWN) return UNKNOWN;
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Date) return true;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function equal(a: Value, b: Value): boolean | typeof UNKNOWN {
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  if (a instanceof Date || b instanceof Date) return UNKNOWN;
  if (a === null || b === null) return a === b;
  return a === b || (typeof a === 'number' && typeof b === 'number' && a === b);
}

/** Evaluate one pipeline: a function call, a field or a literal. */
function evalTokens(tokens: Token[], pos: { i: number }, values: PageValues, stopAtClose: boolean): Value {
  const args: Value[] = [];
  let fn: string | undefined;
  while (pos.i < tokens.length) {
    const t = tokens[pos.i]!;
    if (t.kind === 'close') {
      if (!stopAtClose) return UNKNOWN;
      break;
    }
    pos.i++;
    if (t.kind === 'open') {
      args.push(evalTokens(tokens, pos, values, true));
      if (tokens[pos.i]?.kind !== 'close') return UNKNOWN;
      pos.i++;
    } else if (t.kind === 'lit') args.push(t.value);
    else if (t.text.startsWith('.') || t.text.startsWith('$.')) {
      if (t.text === '.Param' || t.text === '$.Param') {
        fn = 'param';
        continue;
      }
      args.push(field(values, t.text));
    } else if (fn === undefined && args.length === 0) fn = t.text;
    else return UNKNOWN;
  }
  if (fn === undefined) return args.length === 1 ? args[0] : UNKNOWN;
  switch (fn) {
    case 'param':
      return args.length === 1 && typeof args[0] === 'string' ? param(values, args[0]) : UNKNOWN;
    case 'not': {
      if (args.length !== 1) return UNKNOWN;
      const b = truthy(args[0]);
      return b === UNKNOWN ? UNKNOWN : !b;
    }
    case 'and': {
      // Go's `and` returns the first false argument, or the last one.
      let unknown = false;
      for (const a of args) {
        const b = truthy(a);
        if (b === false) return a;
        if (b === UNKNOWN) unknown = true;
      }
      return unknown ? UNKNOWN : args[args.length - 1];
    }
    case 'or': {
      let unknown = false;
      for (const a of args) {
        const b = truthy(a);
        if (b === true) return a;
        if (b === UNKNOWN) unknown = true;
      }
      return unknown ? UNKNOWN : args[args.length - 1];
    }
    case 'eq': {
      if (args.length < 2) return UNKNOWN;
      let unknown = false;
      for (const b of args.slice(1)) {
        const e = equal(args[0], b);
        if (e === true) return true;
        if (e === UNKNOWN) unknown = true;
      }
      return unknown ? UNKNOWN : false;
    }
    case 'ne': {
      if (args.length !== 2) return UNKNOWN;
      const e = equal(args[0], args[1]);
      return e === UNKNOWN ? UNKNOWN : !e;
    }
    case 'isset': {
      // `isset .Params "x"`: `.Params` is not a value we hold, so read the key from the source.
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/** The value of a condition's expression for a page: true, false, or unknown. */
export function evaluate(expr: string, values: PageValues): boolean | typeof UNKNOWN {
  const isset = /^isset\s+\$?\.Params\s+"([^"]+)"$/.exec(expr.trim());
  if (isset) {
    const v = param(values, isset[1]!);
    return v === UNKNOWN ? UNKNOWN : v !== null;
  }
  // `{{ with $x := .Params.y }}` / `{{ range $i, $e := … }}`: the value after `:=`.
  const assigned = /^\$[\w]*(?:\s*,\s*\$[\w]*)?\s*:?=\s*([^]*)$/.exec(expr.trim());
  const tokens = tokenize(assigned ? assigned[1]! : expr);
  if (!tokens || tokens.length === 0) return UNKNOWN;
  const pos = { i: 0 };
  const v = evalTokens(tokens, pos, values, false);
  if (pos.i !== tokens.length) return UNKNOWN;
  return truthy(v);
}

/**
 * Whether every condition holds for the page: true, false (one is false), or unknown. `memo`:
 * each condition's value for these same `values`, kept across calls (the pieces of a template
 * share their conditions; each is evaluated once however many pieces it covers).
 */
export function holds(conds: readonly Condition[], values: PageValues, memo?: Map<Condition, boolean | typeof UNKNOWN>): boolean | typeof UNKNOWN {
  let unknown = false;
  for (const c of conds) {
    let v = memo?.get(c);
    if (v === undefined) {
      v = evaluate(c.expr, values);
      memo?.set(c, v);
    }
    if (v === UNKNOWN) {
      unknown = true;
      continue;
    }
    if (v === c.negated) return false;
  }
  return unknown ? UNKNOWN : true;
}
