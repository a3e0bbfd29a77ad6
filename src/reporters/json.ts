/**
 * ESLint-compatible JSON: an array of file results. Documented in the README; keep stable.
 */
import type { FileResult, Finding } from '../types.js';
import type { Reporter } from './types.js';

export type { LintMessage as JsonMessage, LintResult as JsonResult } from '../api-types.js';
import type { LintMessage as JsonMessage, LintResult as JsonResult } from '../api-types.js';

export function toJsonResult(result: FileResult): JsonResult {
  const messages = result.findings.map(toJsonMessage);
  const count = (sev: 1 | 2, fixable = false) =>
    messages.filter((m) => m.severity === sev && (!fixable || m.fix)).length;
  const out: JsonResult = {
    filePath: result.filePath,
    messages,
    errorCount: count(2),
    warningCount: count(1),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
  };
  if (result.output !== undefined) out.output = result.output;
  return out;
}

function toJsonMessage(f: Finding): JsonMessage {
  const m: JsonMessage = {
    ruleId: f.ruleId,
    severity: f.severity === 'error' ? 2 : 1,
    message: f.message,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
  };
  if (f.fix) m.fix = { range: f.fix.range, text: f.fix.text };
  if (f.suggestions?.length) m.suggestions = f.suggestions.map((s) => ({ desc: s.desc, fix: s.fix }));
  if (f.docsUrl) m.docsUrl = f.docsUrl;
  if (f.related?.length) m.related = f.related.map((r) => ({ ...r }));
  if (f.entryId !== undefined) m.entryId = f.entryId;
  return m;
}

/**
 * JSON text with U+2028 and U+2029 escaped: valid JSON either way, but raw they end a line
 * in JavaScript before ES2019 and in some log viewers, so a posting could split the report.
 */
export function safeJson(value: unknown): string {
  return escapeSeparators(JSON.stringify(value, null, 2)) + '\n';
}

const SEPARATORS = /[\u2028\u2029]/;
const escapeSeparators = (text: string) =>
  SEPARATORS.test(text) ? text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : text;

const json: Reporter = (results) => [...jsonChunks(results)].join('');

/**
 * The same report in pieces, one file at a time, so that a run of thousands of files never
 * holds the whole report as one string (the command line writes each piece as it comes).
 * Byte for byte `safeJson(results.map(toJsonResult))`.
 */
export function* jsonChunks(results: FileResult[]): Generator<string> {
  for (let i = 0; i < results.length; i++) yield jsonPiece(results[i]!, i);
  yield jsonEnd(results.length);
}

/** The piece of the report for the `i`-th file result (a run can write each as it comes). */
export function jsonPiece(result: FileResult, i: number): string {
  return `${jsonSeparator(i)}${jsonItem(result)}`;
}

/** What comes before the `i`-th file result of the report. */
export function jsonSeparator(i: number): string {
  return i === 0 ? '[\n' : ',\n';
}

/** One file result as the report has it, indented inside the array (`  {…}`, no separator). */
export function jsonItem(result: FileResult): string {
  // Stringified inside an array, the item comes indented as the report has it: `[\n  {…}\n]`.
  return escapeSeparators(JSON.stringify([toJsonResult(result)], null, 2)).slice(2, -2);
}

/** The end of a report of `count` file results. */
export function jsonEnd(count: number): string {
  return count === 0 ? '[]\n' : '\n]\n';
}
export default json;
