/**
 * JUnit XML for GitLab, Azure DevOps and other CI test reports: a `<testsuite>` per file,
 * a failing `<testcase>` per finding (warnings included, marked as such), one passing
 * `<testcase>` for a file without findings.
 */
import type { FileResult, Finding, Locale } from '../types.js';
import { t } from '../i18n/cli.js';
import type { Reporter } from './types.js';
import { relativePath } from './paths.js';

// Characters XML 1.0 does not allow at all (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F).
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text content: `&`, `<`, `>` escaped, CR kept as a character reference (a parser would turn
 * a literal CR into LF), characters XML cannot hold replaced by U+FFFD.
 */
export function escapeText(value: string): string {
  return value
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** An attribute value in double quotes; tab, LF and CR kept as character references. */
export function escapeAttribute(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeAttribute(String(v))}"`)
    .join('');
}

function testcase(file: string, f: Finding, locale: Locale): string {
  const where = `${f.line}:${f.column}`;
  const severity = t(locale, f.severity === 'error' ? 'severity.error' : 'severity.warning');
  const body = `${severity}: ${file}:${where}\n${f.message}${f.docsUrl ? `\n${f.docsUrl}` : ''}`;
  return (
    `    <testcase${attrs({ classname: file, name: `${f.ruleId} ${where}`, file, line: f.line })}>\n` +
    `      <failure${attrs({ message: f.message, type: f.severity })}>${escapeText(body)}</failure>\n` +
    `    </testcase>`
  );
}

const junit: Reporter = (results, ctx) => {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const result of results as FileResult[]) {
    const file = relativePath(result.filePath, ctx.cwd);
    const n = result.findings.length;
    // A clean file is one passing test case (as ESLint's junit formatter): a clean run has
    // tests="N", not tests="0", which Jenkins' JUnit plugin rejects by default.
    const cases = n
      ? result.findings.map((f) => testcase(file, f, ctx.locale))
      : [`    <testcase${attrs({ classname: file, name: file, file })}/>`];
    tests += cases.length;
    failures += n;
    const head = `  <testsuite${attrs({ name: file, tests: cases.length, failures: n, errors: 0, skipped: 0 })}`;
    suites.push(`${head}>\n${cases.join('\n')}\n  </testsuite>`);
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites${attrs({ name: 'postings', tests, failures, errors: 0 })}>\n` +
    (suites.length ? suites.join('\n') + '\n' : '') +
    '</testsuites>\n'
  );
};
export default junit;
