/**
 * A seeded mutation fuzzer over the project's own fixtures. Each case takes a fixture,
 * applies one to four mutations (byte flips, truncation, invalid UTF-8, NUL, lone CR, BOM
 * in odd places, YAML and Markdown fragments spliced in, long lines, deep nesting, random
 * bytes, hostile file names) and checks, through the real engine and reporters:
 *
 * - linting never throws and no rule fails (`internal/rule-error`);
 * - every report format is valid: JSON parses, SARIF validates against the official schema,
 *   JUnit is strict XML, `github` is one workflow command a line that names the real file,
 *   `stylish` prints no raw control character;
 * - `--fix` is idempotent (a second run changes nothing) and byte-exact outside its edits.
 *
 * The same seed gives the same cases on every machine. A failing case is shrunk (mutations
 * dropped, then chunks of text removed while it still fails) to a minimal reproduction.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { FileResult, Finding, Locale, ResolvedConfig, RuleModule } from '../../src/types.js';
import { rules } from '../../src/rules/index.js';
import { parsePosting } from '../../src/engine/parse.js';
import { lintPosting } from '../../src/engine/lint.js';
import { applyFixes, detectEol, fixText } from '../../src/engine/fix.js';
import { buildIndex } from '../../src/engine/project-index.js';
import { codeExtractor } from '../../src/lib/classification-codes.js';
import { walkMarkdown } from '../../src/cli/files.js';
import stylish from '../../src/reporters/stylish.js';
import json from '../../src/reporters/json.js';
import sarif from '../../src/reporters/sarif.js';
import junit from '../../src/reporters/junit.js';
import github from '../../src/reporters/github.js';
import type { ReportContext } from '../../src/reporters/types.js';
import { parseWorkflowCommand, parseXml, sarifErrors } from '../support/ci-formats.js';
import { FIXTURES, ROOT } from '../support/harness.js';

/** mulberry32: a small, fast, seeded generator (the same cases on every machine). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)]!;

/** What the CI logs and terminals must never receive raw. */
export const HOSTILE = [
  '\u001b[31mred\u001b[0m\u001b[2J',
  '\u202eesrever\u202c',
  '\u2066iso\u2069',
  '::error::injected',
  '%0A::set-env name=X::1',
  '\n::warning file=x.md::second command',
  ']]>',
  '</script><script>alert(1)</script>',
  '\u0000\u0001\u0007\u000b\u000c\u001f\u007f\u0085\u009b',
  '\u2028\u2029',
  '\ud800',
  '\uffff\ufffe',
  '&amp;&#0;&lt;',
  '"\'<>&',
];

const YAML_FRAGMENTS = [
  '? [a]\n: b\n',
  'a: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n',
  '<<: *nowhere\n',
  'title: !!binary aGVsbG8=\n',
  'title: !custom x\n',
  'title: [unclosed\n',
  'title: "unterminated\n',
  'key: value\nkey: again\n',
  '\t- tab\n',
  'translationKey: \u001b[31m\n',
  'leverId: "\u202e"\n',
  'lang: fr\n',
  'lang: en\n',
  'archived: false\n',
  'classification: IT-03\n',
  '__proto__: {a: 1}\n',
  'constructor: x\n',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  'a:\n' + '  - '.repeat(60) + 'deep\n',
  '{' + '{'.repeat(80) + '}'.repeat(81) + '\n',
];

const MARKDOWN_FRAGMENTS = [
  '[a](',
  '![a](',
  '[',
  '<!--',
  '-->',
  '***',
  '**a* _b_ ',
  '> ',
  '- ',
  '1. ',
  '|a|b|\n|-|-|\n|c|d|\n',
  '```\ncode\n',
  '<div>',
  '<script>x</script>',
  '[x]: http://example.com\n',
  '[link](http://www.canada.ca/en.html)',
  '[lien](https://www.canada.ca/fr.html)',
  '<https://example.com>',
  '{{< shortcode >}}',
  '{{ .Title }}',
  '<!-- postings-disable -->',
  '<!-- postings-disable-next-line links/https -->',
  '<!-- postings-enable -->',
  'TODO',
  'IT-03',
  'CS-02',
  'accommodation',
  'mesures d’adaptation',
  'employés',
  'he or she',
  '\\',
  '&nbsp;',
  '#',
  '---\n',
  '\n\n',
  '  \n',
];

const NAME_TAILS = ['\u001b[1m', '\n', '\u202e', ':', ',', '%', ' ', '::error::x', '\u2028', "'", '"'];

export interface Case {
  /** The fixture's path relative to the repository (the file name may be mutated). */
  path: string;
  bytes: Buffer;
  mutations: string[];
}

/** One mutation of `bytes`, named for the reproduction. */
function mutate(r: Rand, bytes: Buffer): { bytes: Buffer; name: string } {
  const at = () => int(r, bytes.length + 1);
  const splice = (insert: Buffer | string, name: string, position = at()) => ({
    bytes: Buffer.concat([bytes.subarray(0, position), Buffer.from(insert as string), bytes.subarray(position)]),
    name: `${name}@${position}`,
  });
  const frontMatterEnd = () => {
    const text = bytes.toString('latin1');
    const close = text.indexOf('\n---', 4);
    return close > 0 ? close + 1 : 0;
  };
  switch (int(r, 14)) {
    case 0: {
      if (!bytes.length) return splice('x', 'insert');
      const copy = Buffer.from(bytes);
      const i = int(r, copy.length);
      copy[i] = copy[i]! ^ (1 << int(r, 8));
      return { bytes: copy, name: `flip@${i}` };
    }
    case 1: {
      const n = int(r, bytes.length + 1);
      return { bytes: bytes.subarray(0, n), name: `truncate@${n}` };
    }
    case 2:
      return splice(Buffer.from(pick(r, [[0xff], [0xc3], [0xe2, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]])), 'invalid-utf8');
    case 3:
      return splice(pick(r, ['\u0000', '\r', '\uFEFF', '\r\r\n', '\u0085', '\u2028']), 'control');
    case 4: {
      const position = frontMatterEnd() || at();
      return splice(pick(r, YAML_FRAGMENTS), 'yaml', position > 0 && r() < 0.8 ? position : at());
    }
    case 5:
      return splice(pick(r, MARKDOWN_FRAGMENTS), 'markdown');
    case 6:
      return splice(pick(r, HOSTILE), 'hostile');
    case 7: {
      const unit = pick(r, ['a', '*', '_', '[', '>', ' ', 'é', 'word ', '<!--', '`', '\\', '(', '|', '&amp;']);
      const n = 100 + int(r, 1500);
      return splice(unit.repeat(Math.ceil(n / unit.length)), `long-${JSON.stringify(unit)}x${n}`);
    }
    case 8: {
      const unit = pick(r, ['> ', '- ', '  - ', '1. ', '* ', '> - ']);
      const n = 20 + int(r, 300);
      return splice(unit.repeat(n) + 'deep\n', `nest-${JSON.stringify(unit)}x${n}`);
    }
    case 9: {
      const n = 1 + int(r, 64);
      return splice(Buffer.from(Array.from({ length: n }, () => int(r, 256))), `random${n}`);
    }
    case 10: {
      if (bytes.length < 2) return splice('x', 'insert');
      const a = int(r, bytes.length);
      const b = Math.min(bytes.length, a + 1 + int(r, 200));
      return { bytes: Buffer.concat([bytes.subarray(0, a), bytes.subarray(b)]), name: `delete@${a}-${b}` };
    }
    case 11: {
      if (bytes.length < 2) return splice('x', 'insert');
      const a = int(r, bytes.length);
      const b = Math.min(bytes.length, a + 1 + int(r, 400));
      return splice(bytes.subarray(a, b), `duplicate${a}-${b}`);
    }
    case 12: {
      const lines = bytes.toString('latin1').split('\n');
      const i = int(r, lines.length);
      const j = int(r, lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return { bytes: Buffer.from(lines.join('\n'), 'latin1'), name: `swap-lines${i},${j}` };
    }
    default:
      return splice(pick(r, ['\r\n', '\r']), 'eol');
  }
}

let corpus: Array<{ path: string; bytes: Buffer }> | undefined;

/** Every Markdown fixture of the repository (the regression cases in fixtures/fuzz first). */
export function fixtureCorpus(): Array<{ path: string; bytes: Buffer }> {
  corpus ??= walkMarkdown(FIXTURES)
    .sort()
    .map((file) => ({ path: relative(ROOT, file).split(sep).join('/'), bytes: readFileSync(file) }));
  return corpus;
}

/** Case number `index` of the run seeded `seed`. */
export function makeCase(seed: number, index: number): Case {
  const r = prng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const base = pick(r, fixtureCorpus());
  let bytes = base.bytes;
  const mutations: string[] = [];
  const count = 1 + int(r, 4);
  for (let i = 0; i < count; i++) {
    const m = mutate(r, bytes);
    bytes = m.bytes;
    mutations.push(m.name);
  }
  let path = base.path;
  if (r() < 0.15) {
    const tail = pick(r, NAME_TAILS);
    path = path.replace(/\.md$/, `${tail}.md`);
    mutations.push(`name+${JSON.stringify(tail)}`);
  }
  return { path, bytes, mutations };
}

export interface Failure {
  property: string;
  detail: string;
}

const ctxFor = (locale: Locale): ReportContext => ({
  cwd: ROOT,
  locale,
  color: true,
  version: '0.0.0-fuzz',
  rules: rules.map((r) => r.meta),
});

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** In a workflow command's message, CR and LF are line breaks GitHub shows as such (escaped `%0D`, `%0A`). */
const RAW_CONTROL_BUT_BREAKS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const ANSI_SGR = /\u001b\[[0-9;]*m/g;

/**
 * Check every property on one input; the first broken one, or undefined. `fix` turns the
 * `--fix` properties on (they lint the text several times).
 */
export function checkCase(
  c: Case,
  config: ResolvedConfig,
  options: { fix?: boolean; locale?: Locale; rules?: readonly RuleModule[] } = {},
): Failure | undefined {
  const locale = options.locale ?? 'en';
  const ruleSet = options.rules ?? rules;
  const filePath = join(ROOT, ...c.path.split('/'));
  const text = c.bytes.toString('utf8');
  let findings: Finding[];
  const lint = (source: string) => {
    const p = parsePosting(source, filePath, config.language);
    const index = buildIndex([{ filePath, displayPath: c.path, parsed: p }], config.language, codeExtractor(config));
    return lintPosting(p, { filePath, config, rules: ruleSet, locale, project: index });
  };
  try {
    findings = lint(text);
  } catch (e) {
    return { property: 'lint throws', detail: (e as Error).stack ?? String(e) };
  }
  const failed = findings.find((f) => f.ruleId === 'internal/rule-error');
  if (failed) return { property: 'no internal/rule-error', detail: failed.message };

  const results: FileResult[] = [{ filePath, findings, source: text.replace(/^\uFEFF/, '') }];
  const ctx = ctxFor(locale);
  try {
    const out = json(results, ctx);
    const back = JSON.parse(out) as Array<{ filePath: string; messages: unknown[] }>;
    if (back[0]!.filePath !== filePath || back[0]!.messages.length !== findings.length) {
      return { property: 'json round trip', detail: 'path or message count differs' };
    }
  } catch (e) {
    return { property: 'json parses', detail: (e as Error).message };
  }
  try {
    const log = JSON.parse(sarif(results, ctx));
    const errors = sarifErrors(log);
    if (errors.length) return { property: 'sarif validates', detail: JSON.stringify(errors).slice(0, 500) };
  } catch (e) {
    return { property: 'sarif parses', detail: (e as Error).message };
  }
  try {
    parseXml(junit(results, ctx));
  } catch (e) {
    return { property: 'junit strict XML', detail: (e as Error).message };
  }
  const lines = github(results, ctx).split('\n').filter((l) => l !== '');
  if (lines.length !== findings.length) {
    return { property: 'github one command a finding', detail: `${lines.length} lines for ${findings.length} findings` };
  }
  for (const line of lines) {
    try {
      const command = parseWorkflowCommand(line);
      if (command.command !== 'error' && command.command !== 'warning') throw new Error(`command ${command.command}`);
      if (command.properties.file !== c.path) throw new Error(`file= ${JSON.stringify(command.properties.file)}`);
      if (RAW_CONTROL_BUT_BREAKS.test(command.message)) throw new Error('raw control character in the message');
    } catch (e) {
      return { property: 'github workflow commands', detail: `${(e as Error).message}: ${JSON.stringify(line).slice(0, 300)}` };
    }
  }
  const terminal = stylish(results, ctx).replace(ANSI_SGR, '');
  if (RAW_CONTROL.test(terminal)) {
    return { property: 'stylish prints no raw control', detail: JSON.stringify(terminal.match(RAW_CONTROL)![0]) };
  }

  if (options.fix && findings.some((f) => f.fix)) {
    const body = text.replace(/^\uFEFF/, '');
    try {
      const exact = byteExactPasses(body, findings, lint);
      if (exact) return exact;
      const once = fixText(body, findings, lint);
      const twice = fixText(once.output, once.findings, lint);
      if (twice.changed) return { property: '--fix idempotent', detail: JSON.stringify(twice.output).slice(0, 300) };
    } catch (e) {
      return { property: '--fix throws', detail: (e as Error).stack ?? String(e) };
    }
  }
  return undefined;
}

/** Each fix pass changes the text only inside the edits it applied. */
function byteExactPasses(text: string, findings: Finding[], lint: (t: string) => Finding[]): Failure | undefined {
  let current = text;
  let currentFindings = findings;
  for (let pass = 0; pass < 10 && currentFindings.some((f) => f.fix); pass++) {
    const { output, applied } = applyFixes(current, currentFindings);
    const eol = detectEol(current);
    const edits = [...new Map(applied.map((f) => [`${f.fix!.range}|${f.fix!.text}`, f.fix!])).values()].sort(
      (a, b) => a.range[0] - b.range[0],
    );
    let cursor = 0;
    let at = 0;
    for (const edit of edits) {
      const gap = current.slice(cursor, edit.range[0]);
      if (output.slice(at, at + gap.length) !== gap) {
        return { property: '--fix byte-exact outside its edits', detail: `pass ${pass + 1}, before offset ${edit.range[0]}` };
      }
      const inserted = edit.text.includes('\n') ? edit.text.replace(/\r\n/g, '\n').replace(/\n/g, eol) : edit.text;
      at += gap.length + inserted.length;
      cursor = edit.range[1];
    }
    if (output.slice(at) !== current.slice(cursor)) {
      return { property: '--fix byte-exact outside its edits', detail: `pass ${pass + 1}, after the last edit` };
    }
    if (output === current) break;
    current = output;
    currentFindings = lint(current);
  }
  return undefined;
}

/**
 * The smallest input found that still breaks `property`: mutations replayed one fewer at a
 * time, then chunks of text (halves down to single characters) removed while it fails.
 */
export function shrink(c: Case, property: string, check: (c: Case) => Failure | undefined, budget = 300): Case {
  let best = c;
  let tries = 0;
  const stillFails = (candidate: Case) => {
    tries++;
    return check(candidate)?.property === property;
  };
  for (let chunk = Math.max(1, best.bytes.length >> 1); chunk >= 1 && tries < budget; chunk >>= 1) {
    for (let i = 0; i + chunk <= best.bytes.length && tries < budget; ) {
      const bytes = Buffer.concat([best.bytes.subarray(0, i), best.bytes.subarray(i + chunk)]);
      const candidate = { ...best, bytes, mutations: [...best.mutations] };
      if (stillFails(candidate)) best = candidate;
      else i += chunk;
    }
  }
  return best;
}

/** A reproduction to paste: the path, the bytes as a JSON string, and how to replay the case. */
export function reproduction(c: Case, failure: Failure, seed: number, index: number): string {
  return [
    `property broken: ${failure.property}`,
    `detail: ${failure.detail.split('\n').slice(0, 6).join('\n  ')}`,
    `replay: npm run fuzz -- --seed ${seed} --only ${index}`,
    `mutations: ${c.mutations.join(', ')}`,
    `file: ${JSON.stringify(c.path)}`,
    `minimal input (${c.bytes.length} bytes, as a JS string; save it under fixtures/fuzz/ to keep it):`,
    JSON.stringify(c.bytes.toString('utf8')),
    `as bytes (base64): ${c.bytes.toString('base64')}`,
  ].join('\n');
}
