/** Findings as LSP diagnostics: rule id (and entry) as code, a link to the rule's page. */
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Locale } from '../types.js';
import { docsUrl } from '../meta.js';
import { tl } from './messages.js';

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

/**
 * The finding's places in other files (the translation partner's lines) as LSP related
 * information: whole lines, from the first line's start to the start of the line after the last.
 */
export function relatedInformation(finding: Finding, locale: Locale): DiagnosticRelatedInformation[] {
  return (finding.related ?? []).map((r) => {
    const line = Math.max(0, r.line - 1);
    const start = { line, character: Math.max(0, r.column - 1) };
    const end =
      r.endLine !== undefined && r.endColumn !== undefined
        ? { line: Math.max(line, r.endLine - 1), character: Math.max(0, r.endColumn - 1) }
        : { line: Math.max(line, (r.endLine ?? r.line) - 1) + 1, character: 0 };
    return {
      location: { uri: pathToFileURL(r.filePath).href, range: { start, end } },
      message: r.message || tl(locale, 'related.partner'),
    };
  });
}

export interface DiagnosticOptions {
  /** The client shows related information (`textDocument.publishDiagnostics.relatedInformation`). */
  related?: boolean;
}

export function toDiagnostic(doc: TextDocument, bom: number, finding: Finding, locale: Locale, options: DiagnosticOptions = {}): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, fixable: Boolean(finding.fix) };
  if (finding.entryId) data.entryId = finding.entryId;
  const related = options.related && finding.related?.length ? { relatedInformation: relatedInformation(finding, locale) } : {};
  return {
    range: findingRange(doc, bom, finding),
    severity: finding.severity === 'error' ? 1 : 2,
    code: findingCode(finding),
    codeDescription: { href: ruleDocsUrl(finding.ruleId, locale) },
    source: 'postings',
    message: finding.message,
    ...related,
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
