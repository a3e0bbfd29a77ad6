/** Findings as LSP diagnostics: rule id (and entry) as code, a link to the rule's page. */
import type { Diagnostic, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Locale } from '../types.js';
import { docsUrl } from '../meta.js';

/** Carried in `Diagnostic.data`, so a client or a code action knows what the finding is. */
export interface DiagnosticData {
  ruleId: string;
  entryId?: string;
  fixable: boolean;
}

/** The page of a rule's documentation in the locale (`docs/rules/<id>.fr.md` in French). */
export function ruleDocsUrl(ruleId: string, locale: Locale): string {
  const url = docsUrl(ruleId);
  return locale === 'fr' ? url.replace(/\.md$/, '.fr.md') : url;
}

/** `rule/id`, or `rule/id:entry` when the finding is about one entry of the rule's data (what a directive names to silence it). */
export function findingCode(finding: Finding): string {
  return finding.entryId ? `${finding.ruleId}:${finding.entryId}` : finding.ruleId;
}

/** The editor range of a finding: its offsets when it has them (a BOM counts in the editor). */
export function findingRange(doc: TextDocument, bom: number, finding: Finding): Range {
  if (finding.range) {
    return { start: doc.positionAt(finding.range[0] + bom), end: doc.positionAt(finding.range[1] + bom) };
  }
  const start = { line: finding.line - 1, character: finding.column - 1 };
  const end = { line: finding.endLine - 1, character: finding.endColumn - 1 };
  return { start, end };
}

export function toDiagnostic(doc: TextDocument, bom: number, finding: Finding, locale: Locale): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, fixable: Boolean(finding.fix) };
  if (finding.entryId) data.entryId = finding.entryId;
  return {
    range: findingRange(doc, bom, finding),
    severity: finding.severity === 'error' ? 1 : 2,
    code: findingCode(finding),
    codeDescription: { href: ruleDocsUrl(finding.ruleId, locale) },
    source: 'postings',
    message: finding.message,
    data,
  };
}

/** A problem with the whole file that no rule found (a broken configuration, a crash). */
export function problemDiagnostic(message: string, code: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 1,
    code,
    source: 'postings',
    message,
  };
}
